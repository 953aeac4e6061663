#pragma once

#include "core/types.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QTabWidget;

namespace lab {

class TrackingService;
struct Error;

// One run in full: a summary line, its params, tags and latest metrics, and its artifacts as a
// tree whose folders are listed (asynchronously, through the TrackingService) when opened.
class RunDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit RunDetailsView(TrackingService *service, QWidget *parent = nullptr);

    // Shows the run; artifacts are listed again only when the run id changes or on refresh.
    void setRun(const Run &run);
    void clear();
    QString runId() const { return m_run.info.runId; }

    QTableWidget *paramsTable() const { return m_params; }
    QTableWidget *tagsTable() const { return m_tags; }
    QTableWidget *metricsTable() const { return m_metrics; }
    QTreeWidget *artifactsTree() const { return m_artifacts; }
    QLabel *summaryLabel() const { return m_summary; }

public Q_SLOTS:
    void refreshArtifacts();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fill();
    void requestArtifacts(const QString &path, QTreeWidgetItem *parent);
    void onArtifacts(quint64 requestId, const QString &runId, const QList<lab::ArtifactInfo> &artifacts);
    void onFailed(quint64 requestId, const lab::Error &error);

    QPointer<TrackingService> m_service;
    Run m_run;
    bool m_hasRun = false;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_params = nullptr;
    QTableWidget *m_tags = nullptr;
    QTableWidget *m_metrics = nullptr;
    QTreeWidget *m_artifacts = nullptr;
    // Pending listArtifacts requests: id -> folder item (nullptr for the root).
    QHash<quint64, QTreeWidgetItem *> m_pending;
};

} // namespace lab

#pragma once

#include "core/types.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QSet>
#include <QStringList>

namespace lab {

class TrackingService;
struct Error;
struct RunPage;

// The runs of the selected experiments as a table. A refresh (setRuns) inserts, removes or
// changes exactly the rows that changed, so the selection and scroll position survive a poll;
// reload() resets the model and is meant for a new experiment selection only.
//
// Server-side paging (setService): the model asks the TrackingService for pages of pageSize()
// runs as the view scrolls (canFetchMore/fetchMore), sends the filter and the order to the
// server (RunSearch.filter/orderBy), and poll() refreshes only the first page plus the RUNNING
// rows beyond it, touching only the rows that changed. Tens of thousands of runs never travel at
// once. The file store answers the same searches, so local and remote work alike.
//
// Columns: the fixed ones of Column, then one per key metric (latest value), then one per
// parameter chosen automatically: those whose values differ between the runs shown (the
// interesting ones when comparing), or, when all agree, the first few.
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, StartColumn, DurationColumn, UserColumn, FixedColumnCount };
    enum Role {
        RunIdRole = Qt::UserRole,
        StatusRole, // lab::RunStatus as int
        SortRole,   // a number where the column is numeric, else a string; invalid when missing
        ExperimentIdRole,
        ParentRunIdRole,
        ColumnKeyRole, // "metrics.val_loss", "params.lr", or the attribute name
    };
    enum class ColumnKind { Attribute, Metric, Param };

    explicit RunsTableModel(QObject *parent = nullptr);

    // Full reload: a new experiment selection or store.
    void reload(const QList<Run> &runs);
    // Poll result: diffs against what is shown.
    void setRuns(const QList<Run> &runs);
    void clear();

    // Paging through a TrackingService (nullptr: the model shows what reload/setRuns give it).
    void setService(TrackingService *service);
    TrackingService *service() const { return m_service; }
    void setPageSize(int runs);
    int pageSize() const { return m_pageSize; }
    // A new query: the rows stay until the first page of the answer replaces them (one reset).
    // Empty experiment ids clear the table.
    void setQuery(const QStringList &experimentIds, const QString &filter, const QStringList &orderBy);
    // Re-queries when the filter differs from the current query's (and `requery`).
    void setFilter(const QString &filter, bool requery = true);
    // Re-queries when the order differs and `requery` (false: later polls and pages use it;
    // right when every run is loaded and sorted locally anyway).
    void setOrderBy(const QStringList &orderBy, bool requery = true);
    QStringList experimentIds() const { return m_experimentIds; }
    QString filter() const { return m_filter; }
    QStringList orderBy() const { return m_orderBy; }
    // No further page on the server (true without a service).
    bool allLoaded() const { return m_nextToken.isEmpty(); }
    bool isQuerying() const { return m_queryRequest != 0; }
    // Polls the first page and the running rows beyond it; skipped while a query is on its way.
    void poll();
    // The MLflow order_by term a header click on `column` asks the server for; empty where the
    // server cannot sort by it (the duration).
    QString orderTerm(int column, Qt::SortOrder order) const;

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setKeyMetrics(const QStringList &keys);
    QStringList keyMetrics() const { return m_metricKeys; }
    QStringList paramColumns() const { return m_paramKeys; }
    void setMaxParamColumns(int n);

    // Durations of running runs move with the clock: the main window calls this once a second.
    void tick(qint64 nowMs);
    // Header texts are translated at call time; this tells views to fetch them again.
    void retranslate();

    int rowOf(const QString &runId) const;
    QModelIndex indexOf(const QString &runId, int column = 0) const;
    QString runIdAt(int row) const;
    const Run *run(const QString &runId) const;
    const Run &runAt(int row) const { return m_runs.at(row); }
    const QList<Run> &runs() const { return m_runs; }
    ColumnKind columnKind(int column) const;
    QString columnKey(int column) const; // metric or param key, empty for attributes

    static QString formatDuration(qint64 ms);
    static QString statusText(RunStatus status);
    static QColor statusColor(RunStatus status);
    // The run name, else its mlflow.runName tag, else the start of its id.
    static QString displayName(const Run &run);
    // End (or now, while running) minus start; -1 when unknown.
    static qint64 durationMs(const Run &run, qint64 nowMs = 0);
    static QString formatValue(double v);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The first page of a query replaced the rows (after a model reset).
    void queryLoaded();
    // A page fetched by fetchMore was appended.
    void pageLoaded(int firstRow, int count);
    // A poll answer (first page or a running row) was applied.
    void polled();
    void loadFailed(const lab::Error &error);

private:
    void onRunsFound(quint64 requestId, const lab::RunPage &page);
    void onRunFetched(quint64 requestId, const lab::Run &run);
    void onRequestFailed(quint64 requestId, const lab::Error &error);
    void requestFirstPage();
    void mergeFirstPage(const RunPage &page);
    void appendPage(const QList<Run> &runs);
    void updateRow(int row, const Run &run);
    void removeRow(int row);
    QStringList chooseParamColumns(const QList<Run> &runs) const;
    void updateParamColumns(const QStringList &keys);
    void rebuildIndex();
    QVariant displayData(const Run &run, int column) const;
    QVariant sortData(const Run &run, int column) const;

    QList<Run> m_runs;
    QHash<QString, int> m_rowById;
    QStringList m_metricKeys;
    QStringList m_paramKeys;
    int m_maxParamColumns = 6;
    qint64 m_nowMs = 0;

    TrackingService *m_service = nullptr;
    int m_pageSize = 500;
    QStringList m_experimentIds;
    QString m_filter;
    QStringList m_orderBy;
    QString m_nextToken;
    quint64 m_queryRequest = 0;
    quint64 m_pageRequest = 0;
    quint64 m_pollRequest = 0;
    QHash<quint64, QString> m_runRequests; // getRun request -> run id
    QSet<QString> m_firstPageIds;          // the runs of the last first page seen
};

// Whether two snapshots of the same run show differently (status, times, metrics, params, tags).
bool runChanged(const Run &a, const Run &b);

} // namespace lab

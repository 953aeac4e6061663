#pragma once

#include "core/types.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace lab {

class TrackingService;

// "Register model" for one run: pick an existing registered model or type a new name, the
// source (runs:/<run>/model by default) and an optional description. Off the UI thread it asks
// the service for the registered models (for the name list) and the run's artifacts, and says
// when the run has no model/ folder to register. Accepting only validates; the caller registers.
class RegisterModelDialog : public QDialog
{
    Q_OBJECT
public:
    // `service` may be null (tests, or a caller that fills setExistingModels/setArtifacts itself).
    RegisterModelDialog(TrackingService *service, const Run &run, QWidget *parent = nullptr);

    const Run &run() const { return m_run; }
    QString modelName() const;
    void setModelName(const QString &name);
    // True when modelName() is not one of the registered models: registering creates it first.
    bool isNewModel() const;
    QString source() const;
    void setSource(const QString &source);
    QString description() const;
    void setDescription(const QString &text);
    // runs:/<run>/model for this run.
    QString defaultSource() const;

    void setExistingModels(const QStringList &names);
    QStringList existingModels() const { return m_existing; }
    void setArtifacts(const QList<ArtifactInfo> &artifacts);
    // The artifact path the source names inside this run ("model"); empty for other sources.
    QString sourceArtifactPath() const;
    // Whether the run has the artifact the source names; nullopt until the listing arrived (or
    // for a source outside this run).
    std::optional<bool> sourceArtifactExists() const;
    // Both listings arrived (or failed).
    bool isReady() const { return m_modelsKnown && m_artifactsKnown; }

    // What blocks registering now, in words; empty when it can go ahead.
    QString errorText() const;
    // The line that says what will happen ("A new registered model … will be created").
    QString summaryText() const;
    bool validate();
    void accept() override;

    // Client-side check of a registered model name (the store checks again).
    static QString modelNameError(const QString &name);

Q_SIGNALS:
    void ready();

private:
    void update();
    void checkReady();

    Run m_run;
    QStringList m_existing;
    QList<ArtifactInfo> m_artifacts;
    QString m_artifactsError;
    bool m_modelsKnown = false;
    bool m_artifactsKnown = false;
    bool m_tried = false;
    QComboBox *m_name = nullptr;
    QLineEdit *m_source = nullptr;
    QLineEdit *m_description = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_artifactNote = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace lab

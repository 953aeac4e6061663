#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace lab {

class DialogRunner;
class ModelVersionsModel;
class RegisteredModelsModel;
class TrackingService;

// The model registry: registered models on the left (name, latest version, aliases, last
// updated), the versions of the selected one on the right (version, source run, status, aliases,
// created). Clicking a version's source run emits runActivated. Actions: Refresh, "Set alias…"
// and "Delete alias" on the selected version. Everything goes through the TrackingService's
// worker; the UI never waits. Dialogs and error messages go through the DialogRunner.
//
// The main window registers a run's model and sets aliases through the static helpers (usable
// without a ModelsView), or through the members, which also refresh the view afterwards.
class ModelsView : public QWidget
{
    Q_OBJECT
public:
    using RegisterDone = std::function<void(const Result<ModelVersion> &)>;
    using StatusDone = std::function<void(const Status &)>;

    // `dialogs` null: DialogRunner::defaultRunner().
    explicit ModelsView(TrackingService *service, DialogRunner *dialogs = nullptr, QWidget *parent = nullptr);
    ~ModelsView() override;

    // Re-reads the registry (asynchronously; modelsLoaded follows).
    void refresh();
    bool isLoading() const { return m_pending != 0; }

    const QList<RegisteredModel> &models() const;
    QList<ModelVersion> versionsOf(const QString &modelName) const;
    QString selectedModel() const;
    bool selectModel(const QString &name);
    QString selectedVersion() const;
    bool selectVersion(const QString &version);

    // "Register model" for a run: RegisterModelDialog, then (accepted) the model is created when
    // new and the version added; the view refreshes and modelRegistered follows. False when
    // the dialog was cancelled. Errors are shown through the DialogRunner and come to `done`.
    bool registerRun(const Run &run, RegisterDone done = {});
    // "Set alias…" on a version: SetAliasDialog, then the alias is set and the view refreshes.
    bool setAlias(const QString &modelName, const QString &version, StatusDone done = {});
    bool setAliasOnSelection();
    // Asks for confirmation, then deletes the alias.
    bool deleteAlias(const QString &modelName, const QString &alias, StatusDone done = {});

    // The same without a view. `parent` parents the dialogs and receives the results (nothing is
    // delivered once it is gone; null: the service does). `runner` null: the default runner.
    static bool registerRun(QWidget *parent, TrackingService *service, const Run &run, DialogRunner *runner,
                            RegisterDone done = {});
    // `existingAliases` (alias -> version), when known, lets the dialog say that an alias moves.
    static bool setAlias(QWidget *parent, TrackingService *service, const QString &modelName,
                         const QString &version, DialogRunner *runner, StatusDone done = {},
                         const QMap<QString, QString> &existingAliases = {});
    static bool deleteAlias(QWidget *parent, TrackingService *service, const QString &modelName,
                            const QString &alias, DialogRunner *runner, StatusDone done = {});

    QTableView *modelsTable() const { return m_modelsTable; }
    QTableView *versionsTable() const { return m_versionsTable; }
    RegisteredModelsModel *modelsModel() const { return m_models; }
    ModelVersionsModel *versionsModel() const { return m_versions; }
    // The line above the tables: loading, counts, or what went wrong.
    QString statusText() const;

Q_SIGNALS:
    void runActivated(const QString &runId);
    void modelsLoaded();
    void modelRegistered(const lab::ModelVersion &version);
    void aliasesChanged(const QString &modelName);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onListed(quint64 requestId, const QList<RegisteredModel> &models,
                  const QList<ModelVersion> &versions);
    void onFailed(quint64 requestId, const Error &error);
    void showVersionsOf(const QString &modelName);
    void fetchRunNames(const QList<ModelVersion> &versions);
    void updateActions();
    void updateStatus();
    DialogRunner *dialogs() const;

    QPointer<TrackingService> m_service;
    DialogRunner *m_dialogs = nullptr;
    RegisteredModelsModel *m_models = nullptr;
    ModelVersionsModel *m_versions = nullptr;
    QList<ModelVersion> m_allVersions;
    QHash<QString, QString> m_runNames; // run id -> run name ("" while asked for)
    quint64 m_pending = 0;
    QString m_error;
    QLabel *m_status = nullptr;
    QLabel *m_modelsTitle = nullptr;
    QLabel *m_versionsTitle = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_setAlias = nullptr;
    QToolButton *m_deleteAlias = nullptr;
    QTableView *m_modelsTable = nullptr;
    QTableView *m_versionsTable = nullptr;
};

} // namespace lab

#include "modelsview.h"

#include "dialogrunner.h"
#include "modelversionsmodel.h"
#include "registeredmodelsmodel.h"
#include "registermodeldialog.h"
#include "setaliasdialog.h"
#include "tracking/trackingservice.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>
#include <optional>

namespace lab {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->setAlternatingRowColors(true);
    t->setMouseTracking(true);
    return t;
}

// The artifact path inside `runId` that a runs:/<run>/<path> source names; empty otherwise.
QString runArtifactPath(const QString &source, const QString &runId)
{
    const QString prefix = QStringLiteral("runs:/%1/").arg(runId);
    if (runId.isEmpty() || !source.startsWith(prefix))
        return {};
    QString path = source.mid(prefix.size());
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QString errorWords(const Error &e)
{
    return e.toString();
}

} // namespace

ModelsView::ModelsView(TrackingService *service, DialogRunner *dialogs, QWidget *parent)
    : QWidget(parent), m_service(service), m_dialogs(dialogs)
{
    m_models = new RegisteredModelsModel(this);
    m_versions = new ModelVersionsModel(this);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_setAlias = new QPushButton(this);
    m_setAlias->setObjectName(QStringLiteral("setAliasButton"));
    m_deleteAlias = new QToolButton(this);
    m_deleteAlias->setObjectName(QStringLiteral("deleteAliasButton"));
    m_deleteAlias->setPopupMode(QToolButton::InstantPopup);
    m_deleteAlias->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_deleteAlias->setMenu(new QMenu(m_deleteAlias));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    bar->addWidget(m_refresh);
    bar->addWidget(m_setAlias);
    bar->addWidget(m_deleteAlias);
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_modelsTitle = new QLabel(left);
    leftLayout->addWidget(m_modelsTitle);
    m_modelsTable = makeTable(m_models, left);
    m_modelsTable->setObjectName(QStringLiteral("modelsTable"));
    leftLayout->addWidget(m_modelsTable);
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_versionsTitle = new QLabel(right);
    rightLayout->addWidget(m_versionsTitle);
    m_versionsTable = makeTable(m_versions, right);
    m_versionsTable->setObjectName(QStringLiteral("versionsTable"));
    rightLayout->addWidget(m_versionsTable);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    // Aliases take what room is left; dates stay on one line.
    for (QTableView *t : {m_modelsTable, m_versionsTable}) {
        t->setWordWrap(false);
        t->horizontalHeader()->setStretchLastSection(false);
    }
    m_modelsTable->horizontalHeader()->setSectionResizeMode(RegisteredModelsModel::AliasesColumn,
                                                            QHeaderView::Stretch);
    m_versionsTable->horizontalHeader()->setSectionResizeMode(ModelVersionsModel::AliasesColumn,
                                                              QHeaderView::Stretch);
    layout->addWidget(split, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ModelsView::refresh);
    connect(m_setAlias, &QPushButton::clicked, this, &ModelsView::setAliasOnSelection);
    connect(m_deleteAlias->menu(), &QMenu::aboutToShow, this, [this] {
        QMenu *menu = m_deleteAlias->menu();
        menu->clear();
        const int row = m_versions->rowOf(selectedVersion());
        if (row < 0)
            return;
        for (const QString &alias : m_versions->versions().at(row).aliases)
            menu->addAction(alias, this, [this, alias] { deleteAlias(selectedModel(), alias); });
    });
    connect(m_modelsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showVersionsOf(m_models->nameAt(current.row())); });
    connect(m_versionsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ModelsView::updateActions);
    // A click on the source run opens it; a double click (or Enter) anywhere on the row too.
    connect(m_versionsTable, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QString runId = m_versions->runIdAt(index.row());
        if (index.column() == ModelVersionsModel::SourceRunColumn && !runId.isEmpty())
            Q_EMIT runActivated(runId);
    });
    connect(m_versionsTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString runId = m_versions->runIdAt(index.row());
        if (!runId.isEmpty() && index.column() != ModelVersionsModel::SourceRunColumn)
            Q_EMIT runActivated(runId);
    });
    connect(m_versionsTable, &QTableView::entered, this, [this](const QModelIndex &index) {
        const bool link = index.column() == ModelVersionsModel::SourceRunColumn &&
                          !m_versions->runIdAt(index.row()).isEmpty();
        m_versionsTable->viewport()->setCursor(link ? Qt::PointingHandCursor : Qt::ArrowCursor);
    });

    if (m_service) {
        connect(m_service, &TrackingService::registeredModelsListed, this, &ModelsView::onListed);
        connect(m_service, &TrackingService::requestFailed, this, &ModelsView::onFailed);
    }
    retranslate();
    updateActions();
    refresh();
}

ModelsView::~ModelsView() = default;

DialogRunner *ModelsView::dialogs() const
{
    return m_dialogs ? m_dialogs : DialogRunner::defaultRunner();
}

void ModelsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ModelsView::retranslate()
{
    m_refresh->setText(tr("Refresh"));
    m_modelsTitle->setText(tr("Registered models"));
    m_setAlias->setText(tr("Set alias…"));
    m_setAlias->setToolTip(tr("Point an alias (such as champion) at the selected version"));
    m_deleteAlias->setText(tr("Delete alias"));
    m_deleteAlias->setToolTip(tr("Remove one of the selected version's aliases"));
    const QString model = selectedModel();
    m_versionsTitle->setText(model.isEmpty() ? tr("Versions") : tr("Versions of %1").arg(model));
    updateStatus();
}

void ModelsView::refresh()
{
    if (!m_service)
        return;
    m_pending = m_service->listRegisteredModels();
    m_error.clear();
    updateStatus();
}

void ModelsView::onListed(quint64 requestId, const QList<RegisteredModel> &models,
                          const QList<ModelVersion> &versions)
{
    if (requestId != m_pending)
        return;
    m_pending = 0;
    m_error.clear();
    const QString keep = selectedModel();
    m_allVersions = versions;
    m_models->setModels(models, versions);
    if (!selectModel(keep) && !models.isEmpty() && selectedModel().isEmpty())
        selectModel(m_models->nameAt(0));
    // The selection may not have moved (same model): refresh its versions all the same.
    showVersionsOf(selectedModel());
    updateStatus();
    Q_EMIT modelsLoaded();
}

void ModelsView::onFailed(quint64 requestId, const Error &error)
{
    if (requestId != m_pending)
        return;
    m_pending = 0;
    m_error = errorWords(error);
    updateStatus();
    Q_EMIT modelsLoaded();
}

void ModelsView::updateStatus()
{
    QString text;
    if (!m_error.isEmpty())
        text = tr("The model registry could not be read: %1").arg(m_error);
    else if (m_pending)
        text = tr("Loading the model registry…");
    else if (m_models->rowCount() == 0)
        text = tr("No registered models yet. Register one from a run (\"Register model…\" on the run).");
    else
        text = tr("%n registered model(s)", nullptr, m_models->rowCount());
    m_status->setText(text);
    m_status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #b00020"));
}

QString ModelsView::statusText() const
{
    return m_status->text();
}

const QList<RegisteredModel> &ModelsView::models() const
{
    return m_models->models();
}

QList<ModelVersion> ModelsView::versionsOf(const QString &modelName) const
{
    QList<ModelVersion> out;
    for (const ModelVersion &v : m_allVersions)
        if (v.name == modelName)
            out << v;
    return out;
}

QString ModelsView::selectedModel() const
{
    const QModelIndex current = m_modelsTable->selectionModel()->currentIndex();
    return current.isValid() ? m_models->nameAt(current.row()) : QString();
}

bool ModelsView::selectModel(const QString &name)
{
    const int row = m_models->rowOf(name);
    if (row < 0)
        return false;
    m_modelsTable->selectionModel()->setCurrentIndex(
        m_models->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

QString ModelsView::selectedVersion() const
{
    const QModelIndex current = m_versionsTable->selectionModel()->currentIndex();
    return current.isValid() ? m_versions->versionAt(current.row()) : QString();
}

bool ModelsView::selectVersion(const QString &version)
{
    const int row = m_versions->rowOf(version);
    if (row < 0)
        return false;
    m_versionsTable->selectionModel()->setCurrentIndex(
        m_versions->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void ModelsView::showVersionsOf(const QString &modelName)
{
    const QString keep = selectedVersion();
    const bool sameModel =
        !m_versions->versions().isEmpty() && m_versions->versions().first().name == modelName;
    m_versions->setVersions(versionsOf(modelName));
    if (!(sameModel && selectVersion(keep)) && m_versions->rowCount() > 0 && selectedVersion().isEmpty())
        selectVersion(m_versions->versionAt(0));
    m_versionsTitle->setText(modelName.isEmpty() ? tr("Versions") : tr("Versions of %1").arg(modelName));
    fetchRunNames(m_versions->versions());
    updateActions();
}

// Source runs are shown by name; the names are looked up once per run, off the UI thread.
void ModelsView::fetchRunNames(const QList<ModelVersion> &versions)
{
    QStringList ask;
    for (const ModelVersion &v : versions)
        if (!v.runId.isEmpty() && !m_runNames.contains(v.runId) && !ask.contains(v.runId))
            ask << v.runId;
    if (ask.isEmpty() || !m_service)
        return;
    for (const QString &id : std::as_const(ask))
        m_runNames.insert(id, QString());
    auto names = std::make_shared<QHash<QString, QString>>();
    m_service->post(
        [ask, names](TrackingStore &store) {
            for (const QString &id : ask) {
                auto run = store.getRun(id);
                if (run.ok() && !run->info.runName.isEmpty())
                    names->insert(id, run->info.runName);
            }
        },
        this,
        [this, names] {
            for (auto it = names->cbegin(); it != names->cend(); ++it)
                m_runNames.insert(it.key(), it.value());
            QHash<QString, QString> known;
            for (auto it = m_runNames.cbegin(); it != m_runNames.cend(); ++it)
                if (!it.value().isEmpty())
                    known.insert(it.key(), it.value());
            m_versions->setRunNames(known);
        });
}

void ModelsView::updateActions()
{
    const QString version = selectedVersion();
    m_setAlias->setEnabled(!version.isEmpty());
    const int row = m_versions->rowOf(version);
    m_deleteAlias->setEnabled(row >= 0 && !m_versions->versions().at(row).aliases.isEmpty());
}

bool ModelsView::registerRun(const Run &run, RegisterDone done)
{
    return registerRun(this, m_service, run, dialogs(), [this, done](const Result<ModelVersion> &result) {
        if (result.ok()) {
            refresh();
            Q_EMIT modelRegistered(result.value());
        }
        if (done)
            done(result);
    });
}

bool ModelsView::setAlias(const QString &modelName, const QString &version, StatusDone done)
{
    QMap<QString, QString> existing;
    const int row = m_models->rowOf(modelName);
    if (row >= 0)
        existing = m_models->models().at(row).aliases;
    return setAlias(
        this, m_service, modelName, version, dialogs(),
        [this, modelName, done](const Status &s) {
            if (s.ok()) {
                refresh();
                Q_EMIT aliasesChanged(modelName);
            }
            if (done)
                done(s);
        },
        existing);
}

bool ModelsView::setAliasOnSelection()
{
    const QString model = selectedModel();
    const QString version = selectedVersion();
    if (model.isEmpty() || version.isEmpty())
        return false;
    return setAlias(model, version);
}

bool ModelsView::deleteAlias(const QString &modelName, const QString &alias, StatusDone done)
{
    return deleteAlias(this, m_service, modelName, alias, dialogs(),
                       [this, modelName, done](const Status &s) {
                           if (s.ok()) {
                               refresh();
                               Q_EMIT aliasesChanged(modelName);
                           }
                           if (done)
                               done(s);
                       });
}

bool ModelsView::registerRun(QWidget *parent, TrackingService *service, const Run &run, DialogRunner *runner,
                             RegisterDone done)
{
    if (!service)
        return false;
    if (!runner)
        runner = DialogRunner::defaultRunner();
    RegisterModelDialog dialog(service, run, parent);
    if (!runner->exec(&dialog))
        return false;
    const QString name = dialog.modelName();
    const QString source = dialog.source();
    const QString description = dialog.description();
    const QString runId = run.info.runId;
    auto result = std::make_shared<std::optional<Result<ModelVersion>>>();
    QPointer<QWidget> parentWidget(parent);
    service->post(
        [result, source, runId, name, description](TrackingStore &store) {
            // The run must hold what the source names; nothing is created otherwise.
            const QString path = runArtifactPath(source, runId);
            if (!path.isEmpty()) {
                const QString folder =
                    path.contains(QLatin1Char('/')) ? path.section(QLatin1Char('/'), 0, -2) : QString();
                auto listed = store.listArtifacts(runId, folder);
                if (!listed) {
                    *result = listed.error();
                    return;
                }
                bool found = false;
                for (const ArtifactInfo &a : listed.value())
                    found = found || a.path == path;
                if (!found) {
                    Error e = makeError(tr("Run %1 has no \"%2\" artifact to register.").arg(runId, path),
                                        QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
                    e.hint = tr("Log the model first (mlflow.<flavor>.log_model), or give the path it was "
                                "logged under as the source.");
                    *result = e;
                    return;
                }
            }
            auto existing = store.getRegisteredModel(name);
            if (!existing) {
                if (existing.error().code != QLatin1String("RESOURCE_DOES_NOT_EXIST")) {
                    *result = existing.error();
                    return;
                }
                auto created = store.createRegisteredModel(name);
                // Someone else may have created it in between: then add the version to theirs.
                if (!created && created.error().code != QLatin1String("RESOURCE_ALREADY_EXISTS")) {
                    *result = created.error();
                    return;
                }
            }
            *result = store.createModelVersion(name, source, runId, description);
        },
        parent ? static_cast<QObject *>(parent) : service,
        [=] {
            if (!result->has_value())
                return;
            const Result<ModelVersion> &r = **result;
            if (!r.ok())
                runner->showError(parentWidget, tr("Could not register the model"),
                                  tr("Registering run %1 as a version of \"%2\" failed: %3")
                                      .arg(runId, name, errorWords(r.error())));
            if (done)
                done(r);
        });
    return true;
}

bool ModelsView::setAlias(QWidget *parent, TrackingService *service, const QString &modelName,
                          const QString &version, DialogRunner *runner, StatusDone done,
                          const QMap<QString, QString> &existingAliases)
{
    if (!service)
        return false;
    if (!runner)
        runner = DialogRunner::defaultRunner();
    SetAliasDialog dialog(modelName, version, existingAliases, parent);
    if (!runner->exec(&dialog))
        return false;
    const QString alias = dialog.alias();
    auto status = std::make_shared<Status>();
    QPointer<QWidget> parentWidget(parent);
    service->post([status, modelName, alias, version](
                      TrackingStore &store) { *status = store.setModelAlias(modelName, alias, version); },
                  parent ? static_cast<QObject *>(parent) : service,
                  [=] {
                      if (!status->ok())
                          runner->showError(parentWidget, tr("Could not set the alias"),
                                            tr("Setting alias \"%1\" of \"%2\" to version %3 failed: %4")
                                                .arg(alias, modelName, version, errorWords(status->error())));
                      if (done)
                          done(*status);
                  });
    return true;
}

bool ModelsView::deleteAlias(QWidget *parent, TrackingService *service, const QString &modelName,
                             const QString &alias, DialogRunner *runner, StatusDone done)
{
    if (!service || alias.isEmpty())
        return false;
    if (!runner)
        runner = DialogRunner::defaultRunner();
    if (!runner->confirm(
            parent, tr("Delete alias"),
            tr("Delete the alias \"%1\" of \"%2\"? Code that loads models:/%2@%1 will stop finding "
               "it.")
                .arg(alias, modelName)))
        return false;
    auto status = std::make_shared<Status>();
    QPointer<QWidget> parentWidget(parent);
    service->post([status, modelName,
                   alias](TrackingStore &store) { *status = store.deleteModelAlias(modelName, alias); },
                  parent ? static_cast<QObject *>(parent) : service,
                  [=] {
                      if (!status->ok())
                          runner->showError(parentWidget, tr("Could not delete the alias"),
                                            tr("Deleting alias \"%1\" of \"%2\" failed: %3")
                                                .arg(alias, modelName, errorWords(status->error())));
                      if (done)
                          done(*status);
                  });
    return true;
}

} // namespace lab

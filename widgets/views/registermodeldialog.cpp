#include "registermodeldialog.h"

#include "tracking/trackingservice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

namespace lab {

RegisterModelDialog::RegisterModelDialog(TrackingService *service, const Run &run, QWidget *parent)
    : QDialog(parent), m_run(run)
{
    setWindowTitle(tr("Register model"));
    const QString runName = run.info.runName.isEmpty() ? run.info.runId : run.info.runName;
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Register the model logged by run <b>%1</b> in the model registry.").arg(runName.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_name = new QComboBox(this);
    m_name->setObjectName(QStringLiteral("modelNameCombo"));
    m_name->setEditable(true);
    m_name->setInsertPolicy(QComboBox::NoInsert);
    m_name->lineEdit()->setPlaceholderText(tr("an existing model, or a new name"));
    form->addRow(tr("Model:"), m_name);
    m_source = new QLineEdit(defaultSource(), this);
    m_source->setObjectName(QStringLiteral("sourceEdit"));
    form->addRow(tr("Source:"), m_source);
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("optional"));
    form->addRow(tr("Description:"), m_description);
    layout->addLayout(form);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_artifactNote = new QLabel(tr("Checking the run's artifacts…"), this);
    m_artifactNote->setWordWrap(true);
    layout->addWidget(m_artifactNote);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Register"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RegisterModelDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RegisterModelDialog::reject);
    layout->addWidget(buttons);

    connect(m_name, &QComboBox::currentTextChanged, this, &RegisterModelDialog::update);
    connect(m_source, &QLineEdit::textChanged, this, &RegisterModelDialog::update);

    if (service) {
        // Both listings run on the service's worker; the answers land here, or nowhere once
        // the dialog is gone.
        struct Answers
        {
            std::optional<Result<QList<RegisteredModel>>> models;
            std::optional<Result<QList<ArtifactInfo>>> artifacts;
        };
        auto answers = std::make_shared<Answers>();
        const QString runId = run.info.runId;
        service->post(
            [answers, runId](TrackingStore &store) {
                answers->models = store.listRegisteredModels();
                answers->artifacts = store.listArtifacts(runId);
            },
            this,
            [this, answers] {
                QStringList names;
                if (answers->models && answers->models->ok())
                    for (const RegisteredModel &m : answers->models->value())
                        names << m.name;
                setExistingModels(names);
                if (answers->artifacts && answers->artifacts->ok()) {
                    setArtifacts(answers->artifacts->value());
                } else {
                    m_artifactsError =
                        answers->artifacts ? answers->artifacts->error().toString() : QString();
                    m_artifactsKnown = true;
                    update();
                    checkReady();
                }
            });
    }
    update();
}

QString RegisterModelDialog::defaultSource() const
{
    return QStringLiteral("runs:/%1/model").arg(m_run.info.runId);
}

QString RegisterModelDialog::modelName() const
{
    return m_name->currentText().trimmed();
}

void RegisterModelDialog::setModelName(const QString &name)
{
    m_name->setEditText(name);
    update();
}

bool RegisterModelDialog::isNewModel() const
{
    return !m_existing.contains(modelName());
}

QString RegisterModelDialog::source() const
{
    return m_source->text().trimmed();
}

void RegisterModelDialog::setSource(const QString &source)
{
    m_source->setText(source);
}

QString RegisterModelDialog::description() const
{
    return m_description->text().trimmed();
}

void RegisterModelDialog::setDescription(const QString &text)
{
    m_description->setText(text);
}

void RegisterModelDialog::setExistingModels(const QStringList &names)
{
    const QString typed = m_name->currentText();
    m_existing = names;
    m_existing.sort(Qt::CaseInsensitive);
    m_name->clear();
    m_name->addItems(m_existing);
    // Start with the only model there is; otherwise keep what was typed (maybe nothing).
    m_name->setEditText(typed.isEmpty() && m_existing.size() == 1 ? m_existing.first() : typed);
    m_modelsKnown = true;
    update();
    checkReady();
}

void RegisterModelDialog::setArtifacts(const QList<ArtifactInfo> &artifacts)
{
    m_artifacts = artifacts;
    m_artifactsError.clear();
    m_artifactsKnown = true;
    update();
    checkReady();
}

void RegisterModelDialog::checkReady()
{
    if (isReady())
        Q_EMIT ready();
}

QString RegisterModelDialog::sourceArtifactPath() const
{
    const QString prefix = QStringLiteral("runs:/%1/").arg(m_run.info.runId);
    const QString s = source();
    if (!s.startsWith(prefix))
        return {};
    QString path = s.mid(prefix.size());
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

std::optional<bool> RegisterModelDialog::sourceArtifactExists() const
{
    const QString path = sourceArtifactPath();
    if (path.isEmpty() || !m_artifactsKnown || !m_artifactsError.isEmpty())
        return std::nullopt;
    // The listing is of the top level only; a deeper path is checked when registering.
    const QString top = path.section(QLatin1Char('/'), 0, 0);
    for (const ArtifactInfo &a : m_artifacts)
        if (a.path == top)
            return path.contains(QLatin1Char('/')) ? std::optional<bool>() : std::optional<bool>(true);
    return false;
}

QString RegisterModelDialog::modelNameError(const QString &name)
{
    if (name.isEmpty())
        return tr("Choose a registered model or type a name for a new one.");
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return tr("A model name cannot contain / or \\.");
    if (name.contains(QLatin1Char('%')))
        return tr("A model name cannot contain %.");
    if (name.startsWith(QLatin1Char('.')))
        return tr("A model name cannot start with a dot.");
    return {};
}

QString RegisterModelDialog::summaryText() const
{
    return m_summary->text();
}

QString RegisterModelDialog::errorText() const
{
    return m_error->text();
}

void RegisterModelDialog::update()
{
    const QString name = modelName();
    if (name.isEmpty() || !modelNameError(name).isEmpty())
        m_summary->clear();
    else if (!m_modelsKnown)
        m_summary->setText(tr("Looking up the registered models…"));
    else if (isNewModel())
        m_summary->setText(
            tr("A new registered model \"%1\" will be created, with this run as version 1.").arg(name));
    else
        m_summary->setText(tr("This run becomes a new version of \"%1\".").arg(name));

    const std::optional<bool> exists = sourceArtifactExists();
    QStringList folders;
    for (const ArtifactInfo &a : std::as_const(m_artifacts))
        if (a.isDir)
            folders << a.path;
    if (!m_artifactsKnown)
        m_artifactNote->setText(tr("Checking the run's artifacts…"));
    else if (!m_artifactsError.isEmpty())
        m_artifactNote->setText(tr("The run's artifacts could not be listed: %1").arg(m_artifactsError));
    else if (exists == false)
        m_artifactNote->setText(
            folders.isEmpty()
                ? tr("This run has no artifacts at all, so there is no model to register.")
                : tr("This run's artifact folders: %1.").arg(folders.join(QStringLiteral(", "))));
    else if (exists == true)
        m_artifactNote->setText(tr("The run has a \"%1\" artifact.").arg(sourceArtifactPath()));
    else
        m_artifactNote->clear();

    QString error;
    if (m_tried || !name.isEmpty())
        error = modelNameError(name);
    if (error.isEmpty() && source().isEmpty())
        error = tr("Type the model's source, for example %1.").arg(defaultSource());
    if (error.isEmpty() && exists == false)
        error = tr("This run has no \"%1\" artifact. Log the model first (mlflow.<flavor>.log_model(..., "
                   "\"%1\")), or type the path it was logged under as the source.")
                    .arg(sourceArtifactPath());
    m_error->setText(error);
}

bool RegisterModelDialog::validate()
{
    m_tried = true;
    update();
    return errorText().isEmpty();
}

void RegisterModelDialog::accept()
{
    if (validate())
        QDialog::accept();
}

} // namespace lab

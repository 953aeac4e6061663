#include "launchdialog.h"

#include "dialogrunner.h"
#include "project/mlproject.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleValidator>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace lab {

namespace {

enum FieldType { IntType, FloatType, IntListType, ChoiceType, TextType, PathType };

constexpr double Inf = std::numeric_limits<double>::infinity();

QLabel *errorLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setStyleSheet(QStringLiteral("color: #c62828;"));
    l->setWordWrap(true);
    l->hide();
    return l;
}

} // namespace

struct LaunchDialog::Field
{
    QString key;
    int type = TextType;
    QString defaultValue;
    bool required = false;
    QStringList choices;
    double min = -Inf;
    double max = Inf;
    bool minOpen = false;
    bool maxOpen = false;
    const char *labelText = nullptr; // translatable label; null: the key is the label
    const char *toolTip = nullptr;
    QString typeName; // MLproject's type, shown beside the key
    QLabel *label = nullptr;
    QWidget *editor = nullptr; // QLineEdit or QComboBox
    QPushButton *browse = nullptr;
    QLineEdit *sweep = nullptr;
    QLabel *error = nullptr;
};

struct LaunchDialog::EntryPoint
{
    struct Parameter
    {
        QString name;
        QString type;
        QString defaultValue;
        bool hasDefault = false;
    };
    QString name;
    QString command;
    QList<Parameter> parameters;
};

LaunchDialog::LaunchDialog(const Options &options, QWidget *parent)
    : QDialog(parent), m_options(options),
      m_dialogs(options.dialogs ? options.dialogs : DialogRunner::defaultRunner()),
      m_entryPoints(new QList<EntryPoint>)
{
    setObjectName(QStringLiteral("launchDialog"));
    m_programLabel = new QLabel(this);
    m_programCombo = new QComboBox(this);
    m_programCombo->setObjectName(QStringLiteral("programCombo"));
    m_programCombo->addItem(QString(), int(Program::Trainer));
    m_programCombo->addItem(QString(), int(Program::Command));
    m_programCombo->addItem(QString(), int(Program::MlProject));
    m_programLabel->setBuddy(m_programCombo);

    m_pages = new QStackedWidget(this);
    buildTrainerPage();
    buildCommandPage();
    buildMlProjectPage();

    m_experimentLabel = new QLabel(this);
    m_experiment = new QComboBox(this);
    m_experiment->setObjectName(QStringLiteral("experimentCombo"));
    m_experiment->setEditable(true);
    m_experiment->setInsertPolicy(QComboBox::NoInsert);
    m_experiment->addItems(options.experiments);
    m_experiment->setCurrentText(options.experiment.isEmpty() ? QStringLiteral("Default")
                                                              : options.experiment);
    m_experimentLabel->setBuddy(m_experiment);
    m_experimentError = errorLabel(this);
    m_runNameLabel = new QLabel(this);
    m_runName = new QLineEdit(this);
    m_runName->setObjectName(QStringLiteral("runNameEdit"));
    m_runNameLabel->setBuddy(m_runName);
    m_gpusLabel = new QLabel(this);
    m_gpus = new QSpinBox(this);
    m_gpus->setObjectName(QStringLiteral("gpusSpin"));
    m_gpus->setRange(0, std::max(0, options.gpuCount));
    m_gpus->setValue(options.gpuCount > 0 ? 1 : 0);
    m_gpus->setEnabled(options.gpuCount > 0);
    m_gpusLabel->setBuddy(m_gpus);
    m_sweep = new QCheckBox(this);
    m_sweep->setObjectName(QStringLiteral("sweepCheck"));
    m_runCount = new QLabel(this);
    m_runCount->setObjectName(QStringLiteral("runCountLabel"));
    m_runCount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_runCount->setMinimumWidth(
        m_runCount->fontMetrics().horizontalAdvance(QStringLiteral("0000 de rulări")));
    m_generalError = errorLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LaunchDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LaunchDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(m_programLabel);
    top->addWidget(m_programCombo, 1);

    auto *common = new QFormLayout;
    auto *experimentBox = new QVBoxLayout;
    experimentBox->setSpacing(2);
    experimentBox->addWidget(m_experiment);
    experimentBox->addWidget(m_experimentError);
    common->addRow(m_experimentLabel, experimentBox);
    common->addRow(m_runNameLabel, m_runName);
    common->addRow(m_gpusLabel, m_gpus);
    auto *sweepRow = new QHBoxLayout;
    sweepRow->addWidget(m_sweep);
    sweepRow->addStretch(1);
    sweepRow->addWidget(m_runCount);
    common->addRow(sweepRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addLayout(common);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);

    connect(m_programCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        updateSweepVisibility();
        updateRunCount();
    });
    connect(m_sweep, &QCheckBox::toggled, this, [this] {
        updateSweepVisibility();
        updateRunCount();
    });
    connect(m_experiment, &QComboBox::currentTextChanged, this, [this] { m_experimentError->hide(); });

    retranslate();
    updateDatasetFields();
    updateSweepVisibility();
    updateRunCount();
    resize(640, 660);
}

LaunchDialog::~LaunchDialog()
{
    qDeleteAll(m_trainerFields);
    qDeleteAll(m_projectFields);
    delete m_entryPoints;
}

LaunchDialog::Field *LaunchDialog::addField(QList<Field *> &fields, QGridLayout *grid, const QString &key,
                                            int type, const QString &def, bool required)
{
    auto *f = new Field;
    f->key = key;
    f->type = type;
    f->defaultValue = def;
    f->required = required;
    QWidget *host = grid->parentWidget();
    const int row = grid->rowCount();
    f->label = new QLabel(host);
    if (type == ChoiceType) {
        auto *combo = new QComboBox(host);
        f->editor = combo;
        connect(combo, &QComboBox::currentIndexChanged, this, [this, f] {
            f->error->hide();
            if (f->key == QLatin1String("dataset"))
                updateDatasetFields();
        });
    } else {
        auto *edit = new QLineEdit(def, host);
        f->editor = edit;
        if (type == IntType || type == FloatType)
            edit->setAlignment(Qt::AlignRight);
        connect(edit, &QLineEdit::textChanged, this, [f] { f->error->hide(); });
    }
    f->editor->setObjectName(QStringLiteral("field_") + key);
    f->label->setBuddy(f->editor);
    f->sweep = new QLineEdit(host);
    f->sweep->setObjectName(QStringLiteral("sweep_") + key);
    connect(f->sweep, &QLineEdit::textChanged, this, [this, f] {
        f->error->hide();
        updateRunCount();
    });
    f->error = errorLabel(host);
    grid->addWidget(f->label, row, 0);
    if (type == PathType) {
        auto *box = new QHBoxLayout;
        box->setContentsMargins(0, 0, 0, 0);
        box->addWidget(f->editor, 1);
        f->browse = new QPushButton(host);
        box->addWidget(f->browse);
        grid->addLayout(box, row, 1);
    } else {
        grid->addWidget(f->editor, row, 1);
    }
    grid->addWidget(f->sweep, row, 2);
    grid->addWidget(f->error, row + 1, 1, 1, 2);
    fields.append(f);
    return f;
}

void LaunchDialog::buildTrainerPage()
{
    m_trainerPage = new QWidget;
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_trainerPage);
    m_trainerGrid = new QGridLayout(m_trainerPage);
    m_trainerGrid->setColumnStretch(1, 1);
    m_trainerGrid->setColumnStretch(2, 1);
    m_trainerValueHeader = new QLabel(m_trainerPage);
    m_trainerSweepHeader = new QLabel(m_trainerPage);
    QFont bold = m_trainerValueHeader->font();
    bold.setBold(true);
    m_trainerValueHeader->setFont(bold);
    m_trainerSweepHeader->setFont(bold);
    m_trainerGrid->addWidget(m_trainerValueHeader, 0, 1);
    m_trainerGrid->addWidget(m_trainerSweepHeader, 0, 2);

    auto add = [this](const char *key, int type, const char *def, const char *label, const char *tip) {
        Field *f =
            addField(m_trainerFields, m_trainerGrid, QLatin1String(key), type, QLatin1String(def), false);
        f->labelText = label;
        f->toolTip = tip;
        return f;
    };
    Field *f =
        add("hidden_sizes", IntListType, "64,64", QT_TR_NOOP("Hidden layer sizes"),
            QT_TR_NOOP("Comma-separated widths of the hidden layers, e.g. 64,64 (empty: no hidden layer)"));
    f = add("learning_rate", FloatType, "0.01", QT_TR_NOOP("Learning rate"),
            QT_TR_NOOP("Optimiser step size"));
    f->min = 0;
    f->minOpen = true;
    f = add("epochs", IntType, "20", QT_TR_NOOP("Epochs"), QT_TR_NOOP("Passes over the training rows"));
    f->min = 1;
    f = add("batch_size", IntType, "64", QT_TR_NOOP("Batch size"), QT_TR_NOOP("Rows per optimiser step"));
    f->min = 1;
    f = add("optimizer", ChoiceType, "adam", QT_TR_NOOP("Optimizer"), QT_TR_NOOP("sgd or adam"));
    f->choices = {QStringLiteral("adam"), QStringLiteral("sgd")};
    f = add("seed", IntType, "1", QT_TR_NOOP("Seed"),
            QT_TR_NOOP("Seed for the data, the initial weights and the batch order"));
    f->min = 0;
    f = add("dataset", ChoiceType, "spirals", QT_TR_NOOP("Data set"),
            QT_TR_NOOP("Built-in interleaved spirals, or a CSV file"));
    f->choices = {QStringLiteral("spirals"), QStringLiteral("csv")};
    f = add("samples", IntType, "2000", QT_TR_NOOP("Samples"), QT_TR_NOOP("Spirals: number of points"));
    f->min = 2;
    f = add("noise", FloatType, "0.2", QT_TR_NOOP("Noise"),
            QT_TR_NOOP("Spirals: standard deviation of the angle noise"));
    f->min = 0;
    f = add("classes", IntType, "3", QT_TR_NOOP("Classes"), QT_TR_NOOP("Spirals: number of arms"));
    f->min = 2;
    f = add("csv", PathType, "", QT_TR_NOOP("CSV file"), QT_TR_NOOP("CSV file with a header row"));
    connect(f->browse, &QPushButton::clicked, this, &LaunchDialog::browseCsv);
    f = add("target", TextType, "", QT_TR_NOOP("Target column"),
            QT_TR_NOOP("Name of the label column in the CSV file"));
    f = add("val_fraction", FloatType, "0.2", QT_TR_NOOP("Validation fraction"),
            QT_TR_NOOP("Share of the rows held out for validation"));
    f->min = 0;
    f->max = 1;
    f->minOpen = f->maxOpen = true;
    f = add("device", ChoiceType, "auto", QT_TR_NOOP("Device"),
            QT_TR_NOOP("auto: CUDA when a GPU is present, else the CPU"));
    f->choices = {QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")};

    for (Field *field : std::as_const(m_trainerFields)) {
        if (auto *combo = qobject_cast<QComboBox *>(field->editor)) {
            // The rest of the dialog does not exist yet: no reactions to the first selection.
            const QSignalBlocker block(combo);
            combo->addItems(field->choices);
            combo->setCurrentText(field->defaultValue);
        }
    }
    m_trainerGrid->setRowStretch(m_trainerGrid->rowCount(), 1);
    m_pages->addWidget(scroll);
}

void LaunchDialog::buildCommandPage()
{
    m_commandPage = new QWidget(this);
    m_commandLabel = new QLabel(m_commandPage);
    m_commandLine = new QLineEdit(m_commandPage);
    m_commandLine->setObjectName(QStringLiteral("commandLineEdit"));
    m_commandLabel->setBuddy(m_commandLine);
    m_commandError = errorLabel(m_commandPage);
    m_workdirLabel = new QLabel(m_commandPage);
    m_workdir = new QLineEdit(m_commandPage);
    m_workdir->setObjectName(QStringLiteral("workdirEdit"));
    m_workdirLabel->setBuddy(m_workdir);
    m_paramsLabel = new QLabel(m_commandPage);
    m_commandParams = new QPlainTextEdit(m_commandPage);
    m_commandParams->setObjectName(QStringLiteral("commandParamsEdit"));
    m_paramsLabel->setBuddy(m_commandParams);
    m_paramsError = errorLabel(m_commandPage);
    m_commandSweepLabel = new QLabel(m_commandPage);
    m_commandSweep = new QPlainTextEdit(m_commandPage);
    m_commandSweep->setObjectName(QStringLiteral("commandSweepEdit"));
    m_commandSweepLabel->setBuddy(m_commandSweep);
    m_commandSweepError = errorLabel(m_commandPage);

    auto *layout = new QVBoxLayout(m_commandPage);
    layout->addWidget(m_commandLabel);
    layout->addWidget(m_commandLine);
    layout->addWidget(m_commandError);
    layout->addWidget(m_workdirLabel);
    layout->addWidget(m_workdir);
    layout->addWidget(m_paramsLabel);
    layout->addWidget(m_commandParams, 1);
    layout->addWidget(m_paramsError);
    layout->addWidget(m_commandSweepLabel);
    layout->addWidget(m_commandSweep, 1);
    layout->addWidget(m_commandSweepError);

    connect(m_commandLine, &QLineEdit::textChanged, m_commandError, &QWidget::hide);
    connect(m_commandParams, &QPlainTextEdit::textChanged, m_paramsError, &QWidget::hide);
    connect(m_commandSweep, &QPlainTextEdit::textChanged, this, [this] {
        m_commandSweepError->hide();
        updateRunCount();
    });
    m_pages->addWidget(m_commandPage);
}

void LaunchDialog::buildMlProjectPage()
{
    m_projectPage = new QWidget(this);
    m_projectFileLabel = new QLabel(m_projectPage);
    m_projectFile = new QLineEdit(m_projectPage);
    m_projectFile->setObjectName(QStringLiteral("projectFileEdit"));
    m_projectFile->setReadOnly(true);
    m_projectFileLabel->setBuddy(m_projectFile);
    m_projectBrowse = new QPushButton(m_projectPage);
    m_projectBrowse->setObjectName(QStringLiteral("projectBrowseButton"));
    m_entryPointLabel = new QLabel(m_projectPage);
    m_entryPointCombo = new QComboBox(m_projectPage);
    m_entryPointCombo->setObjectName(QStringLiteral("entryPointCombo"));
    m_entryPointLabel->setBuddy(m_entryPointCombo);
    m_projectError = errorLabel(m_projectPage);
    m_projectError->setObjectName(QStringLiteral("projectError"));
    m_projectCommand = new QLabel(m_projectPage);
    m_projectCommand->setWordWrap(true);
    m_projectCommand->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_projectFieldsBox = new QWidget;
    m_projectGrid = new QGridLayout(m_projectFieldsBox);
    m_projectGrid->setColumnStretch(1, 1);
    m_projectGrid->setColumnStretch(2, 1);
    auto *scroll = new QScrollArea(m_projectPage);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_projectFieldsBox);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_projectFileLabel);
    fileRow->addWidget(m_projectFile, 1);
    fileRow->addWidget(m_projectBrowse);
    auto *entryRow = new QHBoxLayout;
    entryRow->addWidget(m_entryPointLabel);
    entryRow->addWidget(m_entryPointCombo, 1);
    auto *layout = new QVBoxLayout(m_projectPage);
    layout->addLayout(fileRow);
    layout->addWidget(m_projectError);
    layout->addLayout(entryRow);
    layout->addWidget(m_projectCommand);
    layout->addWidget(scroll, 1);

    connect(m_projectBrowse, &QPushButton::clicked, this, &LaunchDialog::browseProject);
    connect(m_entryPointCombo, &QComboBox::currentIndexChanged, this, [this] {
        rebuildProjectFields();
        updateRunCount();
    });
    m_pages->addWidget(m_projectPage);
}

void LaunchDialog::rebuildProjectFields()
{
    for (Field *f : std::as_const(m_projectFields)) {
        delete f->label;
        delete f->editor;
        delete f->browse;
        delete f->sweep;
        delete f->error;
        delete f;
    }
    m_projectFields.clear();
    // Remove the (now empty) layouts left by path rows.
    while (QLayoutItem *item = m_projectGrid->takeAt(0)) {
        delete item->layout();
        delete item;
    }
    const int index = m_entryPointCombo->currentIndex();
    if (index < 0 || index >= m_entryPoints->size()) {
        m_projectCommand->clear();
        return;
    }
    const EntryPoint &ep = m_entryPoints->at(index);
    m_projectCommand->setText(tr("Command: %1").arg(ep.command));
    for (const EntryPoint::Parameter &p : ep.parameters) {
        const QString type = p.type.toLower();
        int fieldType = TextType;
        if (type == QLatin1String("float") || type == QLatin1String("double") ||
            type == QLatin1String("number"))
            fieldType = FloatType;
        else if (type == QLatin1String("int") || type == QLatin1String("integer") ||
                 type == QLatin1String("long"))
            fieldType = IntType;
        else if (type == QLatin1String("path"))
            fieldType = PathType;
        Field *f = addField(m_projectFields, m_projectGrid, p.name, fieldType, p.defaultValue, !p.hasDefault);
        f->typeName = p.type.isEmpty() ? QStringLiteral("string") : p.type;
        if (f->browse) {
            connect(f->browse, &QPushButton::clicked, this, [this, f] {
                const QString file =
                    m_dialogs->openFile(this, tr("Choose a file for %1").arg(f->key), m_projectDir, {});
                if (!file.isEmpty())
                    setFieldText(f, file);
            });
        }
    }
    retranslate();
    updateSweepVisibility();
}

Status LaunchDialog::loadMlProject(const QString &path)
{
    setProgram(Program::MlProject);
    m_projectError->hide();
    auto result = readEntryPoints(path);
    if (!result.ok()) {
        m_projectError->setText(result.error().toString());
        m_projectError->show();
        return result.error();
    }
    m_projectFile->setText(path);
    m_projectDir =
        QFileInfo(path).isDir() ? QFileInfo(path).absoluteFilePath() : QFileInfo(path).absolutePath();
    *m_entryPoints = result.value();
    QSignalBlocker block(m_entryPointCombo);
    m_entryPointCombo->clear();
    int preferred = 0;
    for (int i = 0; i < m_entryPoints->size(); ++i) {
        m_entryPointCombo->addItem(m_entryPoints->at(i).name);
        if (m_entryPoints->at(i).name == QLatin1String("main"))
            preferred = i;
    }
    m_entryPointCombo->setCurrentIndex(preferred);
    rebuildProjectFields();
    updateRunCount();
    return {};
}

QStringList LaunchDialog::entryPoints() const
{
    QStringList out;
    for (const EntryPoint &ep : std::as_const(*m_entryPoints))
        out << ep.name;
    return out;
}

bool LaunchDialog::setEntryPoint(const QString &name)
{
    const int i = int(entryPoints().indexOf(name));
    if (i < 0)
        return false;
    m_entryPointCombo->setCurrentIndex(i);
    return true;
}

QString LaunchDialog::entryPoint() const
{
    return m_entryPointCombo->currentText();
}

void LaunchDialog::setProgram(Program program)
{
    m_programCombo->setCurrentIndex(m_programCombo->findData(int(program)));
}

LaunchDialog::Program LaunchDialog::program() const
{
    return Program(m_programCombo->currentData().toInt());
}

QList<LaunchDialog::Field *> &LaunchDialog::currentFields()
{
    switch (program()) {
    case Program::Trainer:
        return m_trainerFields;
    case Program::MlProject:
        return m_projectFields;
    case Program::Command:
        break;
    }
    return m_noFields;
}

const QList<LaunchDialog::Field *> &LaunchDialog::currentFields() const
{
    return const_cast<LaunchDialog *>(this)->currentFields();
}

LaunchDialog::Field *LaunchDialog::field(const QString &key) const
{
    for (Field *f : currentFields())
        if (f->key == key)
            return f;
    return nullptr;
}

QStringList LaunchDialog::parameterKeys() const
{
    QStringList keys;
    for (const Field *f : currentFields())
        keys << f->key;
    return keys;
}

QString LaunchDialog::fieldText(const Field *f) const
{
    if (auto *combo = qobject_cast<QComboBox *>(f->editor))
        return combo->currentText();
    return static_cast<QLineEdit *>(f->editor)->text().trimmed();
}

void LaunchDialog::setFieldText(Field *f, const QString &text)
{
    if (auto *combo = qobject_cast<QComboBox *>(f->editor))
        combo->setCurrentText(text);
    else
        static_cast<QLineEdit *>(f->editor)->setText(text);
}

bool LaunchDialog::setValue(const QString &key, const QString &text)
{
    Field *f = field(key);
    if (!f)
        return false;
    if (auto *combo = qobject_cast<QComboBox *>(f->editor)) {
        if (combo->findText(text) < 0)
            return false;
    }
    setFieldText(f, text);
    return true;
}

QString LaunchDialog::value(const QString &key) const
{
    const Field *f = field(key);
    return f ? fieldText(f) : QString();
}

bool LaunchDialog::isFieldEnabled(const QString &key) const
{
    const Field *f = field(key);
    return f && f->editor->isEnabled();
}

bool LaunchDialog::setSweepValues(const QString &key, const QString &values)
{
    Field *f = field(key);
    if (!f)
        return false;
    f->sweep->setText(values);
    return true;
}

void LaunchDialog::setSweepEnabled(bool on)
{
    m_sweep->setChecked(on);
}

bool LaunchDialog::sweepEnabled() const
{
    return m_sweep->isChecked();
}

void LaunchDialog::setExperiment(const QString &name)
{
    m_experiment->setCurrentText(name);
}

QString LaunchDialog::experiment() const
{
    return m_experiment->currentText().trimmed();
}

void LaunchDialog::setRunName(const QString &name)
{
    m_runName->setText(name);
}

void LaunchDialog::setGpus(int n)
{
    m_gpus->setValue(n);
}

void LaunchDialog::setCommandLine(const QString &commandLine)
{
    setProgram(Program::Command);
    m_commandLine->setText(commandLine);
}

void LaunchDialog::setWorkingDirectory(const QString &dir)
{
    m_workdir->setText(dir);
}

void LaunchDialog::setCommandParams(const QString &lines)
{
    m_commandParams->setPlainText(lines);
}

void LaunchDialog::setCommandSweep(const QString &lines)
{
    m_commandSweep->setPlainText(lines);
}

QString LaunchDialog::checkValue(const Field *f, const QString &text) const
{
    if (text.isEmpty())
        return f->required ? tr("A value is required.") : QString();
    auto range = [&](double v) -> QString {
        const bool below = f->minOpen ? v <= f->min : v < f->min;
        const bool above = f->maxOpen ? v >= f->max : v > f->max;
        if (!below && !above)
            return {};
        if (std::isinf(f->max))
            return f->minOpen ? tr("Must be greater than %1.").arg(f->min)
                              : tr("Must be at least %1.").arg(f->min);
        return tr("Must be between %1 and %2.").arg(f->min).arg(f->max);
    };
    switch (f->type) {
    case IntType: {
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        if (!ok)
            return tr("\"%1\" is not a whole number.").arg(text);
        return range(double(v));
    }
    case FloatType: {
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return tr("\"%1\" is not a number.").arg(text);
        return range(v);
    }
    case IntListType: {
        for (const QString &part : text.split(QLatin1Char(','))) {
            bool ok = false;
            const int v = part.trimmed().toInt(&ok);
            if (!ok || v < 1)
                return tr("Use layer widths separated by commas, such as 64,64.");
        }
        return {};
    }
    case ChoiceType:
        if (!f->choices.contains(text))
            return tr("Choose one of: %1.").arg(f->choices.join(QStringLiteral(", ")));
        return {};
    case PathType: {
        QFileInfo fi(text);
        if (fi.isRelative() && !m_projectDir.isEmpty() && program() == Program::MlProject)
            fi = QFileInfo(QDir(m_projectDir).filePath(text));
        if (!fi.exists())
            return tr("The file %1 does not exist.").arg(text);
        return {};
    }
    default:
        return {};
    }
}

QStringList LaunchDialog::splitCommandLine(const QString &line, bool *balanced)
{
    // The shell's word rules that matter on one line: blanks separate words, '...' is literal,
    // "..." keeps blanks (a backslash escapes " and \\ inside), a backslash escapes outside quotes.
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == QLatin1Char('\'')) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (quote == QLatin1Char('"')) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                     (line.at(i + 1) == QLatin1Char('"') || line.at(i + 1) == QLatin1Char('\\')))
                word += line.at(++i);
            else
                word += c;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            inWord = true;
            if (c == QLatin1Char('\'') || c == QLatin1Char('"'))
                quote = c;
            else if (c == QLatin1Char('\\') && i + 1 < line.size())
                word += line.at(++i);
            else
                word += c;
        }
    }
    if (inWord)
        words << word;
    if (balanced)
        *balanced = quote.isNull();
    return words;
}

QStringList LaunchDialog::sweepItems(const Field *f) const
{
    const QString text = f->sweep->text().trimmed();
    if (text.isEmpty())
        return {};
    // A list-valued parameter (hidden sizes) uses commas itself: its values are split at ';'.
    const QChar sep = f->type == IntListType ? QLatin1Char(';') : QLatin1Char(',');
    QStringList items;
    for (const QString &part : text.split(sep))
        items << part.trimmed();
    return items;
}

QList<QPair<QString, QString>> LaunchDialog::parseLines(const QString &text, QString *error) const
{
    QList<QPair<QString, QString>> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const int eq = int(line.indexOf(QLatin1Char('=')));
        if (eq <= 0) {
            if (error)
                *error = tr("Line %1: write key=value, not \"%2\".").arg(i + 1).arg(line);
            return {};
        }
        out.append({line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
    }
    return out;
}

void LaunchDialog::updateDatasetFields()
{
    const Field *dataset = nullptr;
    for (Field *f : std::as_const(m_trainerFields))
        if (f->key == QLatin1String("dataset"))
            dataset = f;
    if (!dataset)
        return;
    const bool csv = fieldText(dataset) == QLatin1String("csv");
    for (Field *f : std::as_const(m_trainerFields)) {
        const bool spiralsOnly = f->key == QLatin1String("samples") || f->key == QLatin1String("noise") ||
                                 f->key == QLatin1String("classes");
        const bool csvOnly = f->key == QLatin1String("csv") || f->key == QLatin1String("target");
        const bool on = csvOnly ? csv : (spiralsOnly ? !csv : true);
        f->required = csvOnly && csv;
        f->label->setEnabled(on);
        f->editor->setEnabled(on);
        f->sweep->setEnabled(on);
        if (f->browse)
            f->browse->setEnabled(on);
        if (!on)
            f->error->hide();
    }
    updateRunCount();
}

void LaunchDialog::updateSweepVisibility()
{
    const bool on = m_sweep->isChecked();
    for (QList<Field *> *list : {&m_trainerFields, &m_projectFields})
        for (Field *f : std::as_const(*list))
            f->sweep->setVisible(on);
    m_trainerSweepHeader->setVisible(on);
    // Without a sweep the value column takes the whole width.
    for (QGridLayout *grid : {m_trainerGrid, m_projectGrid})
        grid->setColumnStretch(2, on ? 1 : 0);
    m_commandSweepLabel->setVisible(on);
    m_commandSweep->setVisible(on);
    if (!on)
        m_commandSweepError->hide();
    m_runCount->setVisible(on);
}

int LaunchDialog::runCount() const
{
    if (!m_sweep->isChecked())
        return 1;
    int n = 1;
    if (program() == Program::Command) {
        const auto axes = parseLines(m_commandSweep->toPlainText(), nullptr);
        for (const auto &[key, values] : axes)
            n *= int(values.split(QLatin1Char(',')).size());
        return n;
    }
    for (const Field *f : currentFields()) {
        if (!f->editor->isEnabled())
            continue;
        const QStringList items = sweepItems(f);
        if (!items.isEmpty())
            n *= int(items.size());
    }
    return n;
}

QString LaunchDialog::runCountText() const
{
    return tr("%n run(s)", nullptr, runCount());
}

void LaunchDialog::updateRunCount()
{
    m_runCount->setText(runCountText());
}

void LaunchDialog::setError(Field *f, const QString &message)
{
    f->error->setText(message);
    f->error->setVisible(!message.isEmpty());
}

bool LaunchDialog::validate()
{
    bool ok = true;
    m_generalError->hide();
    if (experiment().isEmpty()) {
        m_experimentError->setText(tr("Name the experiment the run belongs to."));
        m_experimentError->show();
        ok = false;
    } else {
        m_experimentError->hide();
    }

    if (program() == Program::Command) {
        m_commandError->hide();
        m_paramsError->hide();
        m_commandSweepError->hide();
        bool balanced = true;
        const QStringList words = splitCommandLine(m_commandLine->text(), &balanced);
        if (!balanced) {
            m_commandError->setText(tr("A quote in the command line is not closed."));
            m_commandError->show();
            ok = false;
        } else if (words.isEmpty()) {
            m_commandError->setText(tr("Enter the command to run, e.g. python train.py."));
            m_commandError->show();
            ok = false;
        }
        if (!m_workdir->text().trimmed().isEmpty() && !QFileInfo(m_workdir->text().trimmed()).isDir()) {
            m_commandError->setText(
                tr("The working directory %1 does not exist.").arg(m_workdir->text().trimmed()));
            m_commandError->show();
            ok = false;
        }
        QString error;
        parseLines(m_commandParams->toPlainText(), &error);
        if (!error.isEmpty()) {
            m_paramsError->setText(error);
            m_paramsError->show();
            ok = false;
        }
        if (m_sweep->isChecked()) {
            error.clear();
            const auto axes = parseLines(m_commandSweep->toPlainText(), &error);
            if (error.isEmpty() && axes.isEmpty())
                error = tr("Give at least one parameter to sweep, as key=value1,value2.");
            for (const auto &[key, values] : axes)
                if (error.isEmpty() && values.split(QLatin1Char(',')).contains(QString()))
                    error = tr("%1: a value in the list is empty.").arg(key);
            if (!error.isEmpty()) {
                m_commandSweepError->setText(error);
                m_commandSweepError->show();
                ok = false;
            }
        }
        return ok;
    }

    if (program() == Program::MlProject && m_entryPoints->isEmpty()) {
        m_projectError->setText(tr("Choose an MLproject file."));
        m_projectError->show();
        return false;
    }

    bool anyAxis = false;
    for (Field *f : currentFields()) {
        if (!f->editor->isEnabled()) {
            setError(f, {});
            continue;
        }
        const QStringList items = m_sweep->isChecked() ? sweepItems(f) : QStringList();
        QString message;
        if (items.isEmpty()) {
            message = checkValue(f, fieldText(f));
        } else {
            anyAxis = true;
            for (const QString &item : items) {
                if (item.isEmpty()) {
                    message = tr("A value in the sweep list is empty.");
                    break;
                }
                const QString m = checkValue(f, item);
                if (!m.isEmpty()) {
                    message = tr("Sweep value %1: %2").arg(item, m);
                    break;
                }
            }
        }
        setError(f, message);
        if (!message.isEmpty())
            ok = false;
    }
    if (m_sweep->isChecked() && !anyAxis && ok) {
        m_generalError->setText(
            tr("Give the values to sweep for at least one parameter, separated by commas."));
        m_generalError->show();
        ok = false;
    }
    return ok;
}

QString LaunchDialog::errorText(const QString &key) const
{
    auto shown = [](const QLabel *l) { return l->isHidden() ? QString() : l->text(); };
    if (key.isEmpty()) {
        QStringList parts;
        for (const QLabel *l : {m_generalError, m_experimentError, m_commandError, m_paramsError,
                                m_commandSweepError, m_projectError})
            if (!shown(l).isEmpty())
                parts << l->text();
        return parts.join(QLatin1Char('\n'));
    }
    const Field *f = field(key);
    return f ? shown(f->error) : QString();
}

bool LaunchDialog::isSweep() const
{
    if (!m_sweep->isChecked())
        return false;
    return !sweepSpec().axes.isEmpty();
}

JobSpec LaunchDialog::jobSpec() const
{
    JobSpec spec;
    spec.experimentName = experiment();
    spec.runName = m_runName->text().trimmed();
    spec.gpus = m_gpus->value();
    switch (program()) {
    case Program::Trainer:
        for (const Field *f : m_trainerFields) {
            const QString text = fieldText(f);
            if (f->editor->isEnabled() && !text.isEmpty())
                spec.params.append({f->key, text});
        }
        break;
    case Program::Command:
        spec.command = splitCommandLine(m_commandLine->text(), nullptr);
        spec.workingDirectory = m_workdir->text().trimmed();
        spec.params = parseLines(m_commandParams->toPlainText(), nullptr);
        break;
    case Program::MlProject: {
        const int index = m_entryPointCombo->currentIndex();
        if (index >= 0 && index < m_entryPoints->size())
            spec.commandTemplate = m_entryPoints->at(index).command;
        spec.workingDirectory = m_projectDir;
        for (const Field *f : m_projectFields) {
            const QString text = fieldText(f);
            if (!text.isEmpty())
                spec.params.append({f->key, text});
        }
        break;
    }
    }
    return spec;
}

SweepSpec LaunchDialog::sweepSpec() const
{
    SweepSpec sweep;
    sweep.base = jobSpec();
    if (!m_sweep->isChecked())
        return sweep;
    if (program() == Program::Command) {
        for (const auto &[key, values] : parseLines(m_commandSweep->toPlainText(), nullptr)) {
            QStringList items;
            for (const QString &v : values.split(QLatin1Char(',')))
                items << v.trimmed();
            sweep.axes.append({key, items});
        }
        return sweep;
    }
    for (const Field *f : currentFields()) {
        if (!f->editor->isEnabled())
            continue;
        const QStringList items = sweepItems(f);
        if (!items.isEmpty())
            sweep.axes.append({f->key, items});
    }
    return sweep;
}

void LaunchDialog::accept()
{
    if (validate())
        QDialog::accept();
}

void LaunchDialog::browseProject()
{
    const QString file = m_dialogs->openFile(this, tr("Open an MLproject file"),
                                             m_projectDir.isEmpty() ? QDir::homePath() : m_projectDir,
                                             tr("MLproject files (MLproject MLproject.yaml);;All files (*)"));
    if (!file.isEmpty())
        loadMlProject(file);
}

void LaunchDialog::browseCsv()
{
    const QString file = m_dialogs->openFile(this, tr("Choose a CSV file"), QDir::homePath(),
                                             tr("CSV files (*.csv);;All files (*)"));
    if (!file.isEmpty())
        setValue(QStringLiteral("csv"), file);
}

void LaunchDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LaunchDialog::retranslate()
{
    setWindowTitle(tr("Launch a run"));
    m_programLabel->setText(tr("&Program:"));
    m_programCombo->setItemText(0, tr("Bundled trainer (lab-train)"));
    m_programCombo->setItemText(1, tr("Any local command"));
    m_programCombo->setItemText(2, tr("MLproject entry point"));
    m_trainerValueHeader->setText(tr("Value"));
    m_trainerSweepHeader->setText(tr("Sweep values"));
    for (QList<Field *> *list : {&m_trainerFields, &m_projectFields}) {
        for (Field *f : std::as_const(*list)) {
            if (f->labelText) {
                f->label->setText(tr(f->labelText));
            } else {
                f->label->setText(f->required ? tr("%1 (%2, required)").arg(f->key, f->typeName)
                                              : tr("%1 (%2)").arg(f->key, f->typeName));
            }
            if (f->toolTip)
                f->editor->setToolTip(tr(f->toolTip));
            if (f->browse)
                f->browse->setText(tr("Browse…"));
            f->sweep->setPlaceholderText(
                f->type == IntListType
                    ? tr("e.g. 32;64,64")
                    : tr("e.g. %1, …")
                          .arg(f->defaultValue.isEmpty() ? QStringLiteral("a, b") : f->defaultValue));
        }
    }
    m_commandLabel->setText(tr("&Command line:"));
    m_commandLine->setPlaceholderText(tr("python train.py --data data.csv"));
    m_workdirLabel->setText(tr("&Working directory (optional):"));
    m_paramsLabel->setText(tr("P&arameters, one key=value per line (passed as --key=value):"));
    m_commandParams->setPlaceholderText(tr("learning_rate=0.01\nepochs=10"));
    m_commandSweepLabel->setText(tr("S&weep, one key=value1,value2,… per line:"));
    m_commandSweep->setPlaceholderText(tr("learning_rate=0.1,0.01,0.001"));
    m_projectFileLabel->setText(tr("MLproject &file:"));
    m_projectBrowse->setText(tr("Browse…"));
    m_entryPointLabel->setText(tr("&Entry point:"));
    const int ep = m_entryPointCombo->currentIndex();
    if (ep >= 0 && ep < m_entryPoints->size())
        m_projectCommand->setText(tr("Command: %1").arg(m_entryPoints->at(ep).command));
    m_experimentLabel->setText(tr("E&xperiment:"));
    m_runNameLabel->setText(tr("Run &name:"));
    m_runName->setPlaceholderText(tr("chosen automatically"));
    m_gpusLabel->setText(tr("&GPUs:"));
    m_gpus->setToolTip(m_options.gpuCount > 0
                           ? tr("GPUs the run gets for itself; it waits in the queue until they are free")
                           : tr("No GPU was found on this machine"));
    m_sweep->setText(tr("&Sweep: one run per combination of the values below"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Launch"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    updateRunCount();
}

Result<QList<LaunchDialog::EntryPoint>> LaunchDialog::readEntryPoints(const QString &path)
{
    auto project = MlProject::load(path);
    if (!project.ok())
        return project.error();
    QList<EntryPoint> out;
    for (const MlEntryPoint &ep : project->entryPoints()) {
        EntryPoint e;
        e.name = ep.name;
        e.command = ep.command;
        for (const MlProjectParameter &p : ep.parameters)
            e.parameters.append({p.name, MlProjectParameter::typeName(p.type), p.defaultValue, p.hasDefault});
        out.append(e);
    }
    if (out.isEmpty())
        return makeError(tr("%1 declares no entry points.").arg(path),
                         QStringLiteral("INVALID_PARAMETER_VALUE"));
    return out;
}

} // namespace lab

#pragma once

#include "compute/jobspec.h"
#include "core/result.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QGroupBox;

namespace lab {

class DialogRunner;

// What to launch: the bundled trainer with typed fields for its hyper-parameters, any local
// command with key=value parameters, or an entry point of an MLproject file (its parameters as
// typed fields filled with their defaults). Optionally a grid sweep: per parameter a list of
// values; the grid's size is shown as the number of runs it makes.
//
// Nothing is launched here: the caller reads jobSpec() / sweepSpec() after the dialog was
// accepted. accept() refuses while a field is invalid and shows why under the field. Every
// field can be set through the methods below, so tests fill the dialog without a modal exec.
class LaunchDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Program { Trainer, Command, MlProject };
    Q_ENUM(Program)

    struct Options
    {
        QStringList experiments; // existing experiment names, for the combo
        QString experiment;      // preselected (the one selected in the main window)
        int gpuCount = 0;        // GPUs on this machine; the spin box allows at least 1 for queueing
        DialogRunner *dialogs = nullptr;
    };

    explicit LaunchDialog(const Options &options, QWidget *parent = nullptr);
    ~LaunchDialog() override;

    void setProgram(Program program);
    Program program() const;

    // Parameter fields of the current program, by parameter key ("learning_rate", "alpha").
    QStringList parameterKeys() const;
    bool setValue(const QString &key, const QString &text);
    QString value(const QString &key) const;
    bool isFieldEnabled(const QString &key) const;
    // Values to sweep for a parameter: "0.1, 0.01" (";" separates lists such as hidden sizes).
    bool setSweepValues(const QString &key, const QString &values);
    void setSweepEnabled(bool on);
    bool sweepEnabled() const;

    void setExperiment(const QString &name);
    QString experiment() const;
    void setRunName(const QString &name);
    void setGpus(int n);

    // "any local command"
    void setCommandLine(const QString &commandLine);
    void setWorkingDirectory(const QString &dir);
    // One "key=value" per line; with a sweep, "key=v1,v2" lines in the sweep box.
    void setCommandParams(const QString &lines);
    void setCommandSweep(const QString &lines);

    // MLproject: reads the file, lists its entry points and builds the fields of the first
    // (or "main"). The error is also shown in the dialog.
    Status loadMlProject(const QString &path);
    QStringList entryPoints() const;
    bool setEntryPoint(const QString &name);
    QString entryPoint() const;

    // 1 without a sweep, else the size of the grid.
    int runCount() const;
    QString runCountText() const;

    // Checks every field and shows the errors inline; true when the launch can go ahead.
    bool validate();
    // The error shown under a field (or, with an empty key, the dialog's general error line).
    QString errorText(const QString &key = {}) const;

    // Splits a command line into words as a POSIX shell would (quotes and backslashes; no
    // expansions). `balanced` is false when a quote is left open.
    static QStringList splitCommandLine(const QString &line, bool *balanced);

    bool isSweep() const;
    JobSpec jobSpec() const;
    SweepSpec sweepSpec() const;

public Q_SLOTS:
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Field;
    struct EntryPoint;

    // Reads an MLproject file into the entry points the dialog shows.
    static Result<QList<EntryPoint>> readEntryPoints(const QString &path);
    void buildTrainerPage();
    void buildCommandPage();
    void buildMlProjectPage();
    void rebuildProjectFields();
    Field *addField(QList<Field *> &fields, QGridLayout *grid, const QString &key, int type,
                    const QString &def, bool required);
    QList<Field *> &currentFields();
    const QList<Field *> &currentFields() const;
    Field *field(const QString &key) const;
    QString fieldText(const Field *f) const;
    void setFieldText(Field *f, const QString &text);
    QString checkValue(const Field *f, const QString &text) const;
    QStringList sweepItems(const Field *f) const;
    QList<QPair<QString, QString>> parseLines(const QString &text, QString *error) const;
    void updateDatasetFields();
    void updateSweepVisibility();
    void updateRunCount();
    void setError(Field *f, const QString &message);
    void retranslate();
    void browseProject();
    void browseCsv();

    Options m_options;
    DialogRunner *m_dialogs = nullptr;
    QComboBox *m_programCombo = nullptr;
    QLabel *m_programLabel = nullptr;
    QStackedWidget *m_pages = nullptr;

    // Trainer page
    QWidget *m_trainerPage = nullptr;
    QGridLayout *m_trainerGrid = nullptr;
    QList<Field *> m_trainerFields;
    QLabel *m_trainerValueHeader = nullptr;
    QLabel *m_trainerSweepHeader = nullptr;

    // Command page
    QWidget *m_commandPage = nullptr;
    QLabel *m_commandLabel = nullptr;
    QLineEdit *m_commandLine = nullptr;
    QLabel *m_commandError = nullptr;
    QLabel *m_workdirLabel = nullptr;
    QLineEdit *m_workdir = nullptr;
    QLabel *m_paramsLabel = nullptr;
    QPlainTextEdit *m_commandParams = nullptr;
    QLabel *m_paramsError = nullptr;
    QLabel *m_commandSweepLabel = nullptr;
    QPlainTextEdit *m_commandSweep = nullptr;
    QLabel *m_commandSweepError = nullptr;
    QList<Field *> m_noFields;

    // MLproject page
    QWidget *m_projectPage = nullptr;
    QLabel *m_projectFileLabel = nullptr;
    QLineEdit *m_projectFile = nullptr;
    QPushButton *m_projectBrowse = nullptr;
    QLabel *m_entryPointLabel = nullptr;
    QComboBox *m_entryPointCombo = nullptr;
    QLabel *m_projectError = nullptr;
    QLabel *m_projectCommand = nullptr;
    QWidget *m_projectFieldsBox = nullptr;
    QGridLayout *m_projectGrid = nullptr;
    QList<Field *> m_projectFields;
    QList<EntryPoint> *m_entryPoints = nullptr;
    QString m_projectDir;

    // Common
    QLabel *m_experimentLabel = nullptr;
    QComboBox *m_experiment = nullptr;
    QLabel *m_experimentError = nullptr;
    QLabel *m_runNameLabel = nullptr;
    QLineEdit *m_runName = nullptr;
    QLabel *m_gpusLabel = nullptr;
    QSpinBox *m_gpus = nullptr;
    QCheckBox *m_sweep = nullptr;
    QLabel *m_runCount = nullptr;
    QLabel *m_generalError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lab

#pragma once

#include "core/result.h"
#include "core/types.h"
#include "tracking/trackingstore.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QCommandLineParser;

namespace lab {

struct LabProfile;

// The `labctl` command line: MLflow-style queries on the tracking store (a local folder, a bundle
// or an MLflow server over REST), the model registry, bundles, and job control on the local lab.
// One object runs one command line; run() returns the process exit code. Commands that wait on
// jobs (launch --wait/--follow, logs --follow, cancel) spin a local event loop, so a
// QCoreApplication must exist.
class LabCtl : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };
    enum class Format { Table, Json, Csv };

    explicit LabCtl(QObject *parent = nullptr);
    ~LabCtl() override;

    int run(const QStringList &arguments);

    // The top-level usage text (`labctl --help`).
    static QString usage();
    // lab-train: next to labctl, in ../trainer/ (the build tree), on PATH, in the install bindir.
    static QString findTrainer();

private:
    struct Globals;

    int dispatch(const QString &command, const QStringList &rest);
    int experimentsList(const QStringList &args);
    int runsList(const QStringList &args);
    int runsShow(const QStringList &args);
    int runsCompare(const QStringList &args);
    int metricsGet(const QStringList &args);
    int launch(const QStringList &args);
    int logs(const QStringList &args);
    int cancel(const QStringList &args);
    int gpus(const QStringList &args);
    int modelsList(const QStringList &args);
    int modelsShow(const QStringList &args);
    int modelsRegister(const QStringList &args);
    int modelsAlias(const QStringList &args);
    int exportRuns(const QStringList &args);
    int importBundle(const QStringList &args);

    // Parses a subcommand's arguments (global options accepted there too). Returns -1 to go on,
    // else the exit code to return (help shown, or a usage error reported).
    int parse(QCommandLineParser &parser, const QString &command, const QString &syntax,
              const QStringList &args);
    Status openStore();
    Status applyProfile();
    // A run by id, unique id prefix, or unique run name.
    Result<Run> resolveRun(const QString &idOrName);
    Result<QString> resolveExperimentId(const QString &nameOrId);
    // A registered model by exact name: the store's get, else (stores without single lookups,
    // like the file store) a scan of the listed models.
    Result<RegisteredModel> findModel(const QString &name);

    int fail(const QString &message, int code = Failure);
    int fail(const Error &error, int code = Failure);
    int usageError(const QString &command, const QString &message);
    void out(const QString &text);
    void outBytes(const QByteArray &bytes);
    void err(const QString &text);

    std::unique_ptr<Globals> m_g;
    std::unique_ptr<TrackingStore> m_store;
};

} // namespace lab

#include "trainer.h"

#include "cpuengine.h"
#include "cudasupport.h"
#include "dataset.h"
#include "modelwriter.h"
#include "nvmlmonitor.h"
#include "rng.h"
#include "runlogger.h"
#include "tracking/trackingstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <numeric>
#include <pwd.h>
#include <unistd.h>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::Trainer", text);
}

void say(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

void complain(const QString &line)
{
    std::fputs(qPrintable(QStringLiteral("lab-train: ") + line + QLatin1Char('\n')), stderr);
    std::fflush(stderr);
}

QString currentUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        if (const passwd *pw = getpwuid(getuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    return user;
}

QString defaultRunName(const TrainOptions &o)
{
    QStringList hidden;
    for (int h : o.hiddenSizes)
        hidden << QString::number(h);
    Rng rng(std::uint64_t(QDateTime::currentMSecsSinceEpoch()) ^ std::uint64_t(getpid()));
    return QStringLiteral("%1-%2-%3-%4")
        .arg(o.dataset, o.optimizer,
             hidden.isEmpty() ? QStringLiteral("linear") : hidden.join(QLatin1Char('x')))
        .arg(rng.below(0x10000), 4, 16, QLatin1Char('0'));
}

bool finite(double v)
{
    return std::isfinite(v);
}

} // namespace

struct Trainer::Gpu
{
    NvmlMonitor monitor;
    QElapsedTimer sinceSample;
    qint64 step = 0;
};

Trainer::Trainer(const volatile std::sig_atomic_t *stopSignal) : m_stopSignal(stopSignal) {}

Trainer::~Trainer() = default;

int Trainer::run(const QStringList &arguments)
{
    auto parsed = TrainOptions::parse(arguments);
    if (!parsed) {
        const QString message = parsed.error().toString();
        complain(tr("error: %1").arg(message));
        // When the console launched us, its run waits for an outcome; otherwise a typo should not
        // leave a failed run in the user's store.
        const RunLogger::Environment env = RunLogger::Environment::fromProcess();
        if (!env.runId.isEmpty()) {
            auto logger = RunLogger::open(env, {}, {}, {});
            if (logger)
                (*logger)->finish(RunStatus::Failed, message);
        }
        return InvalidArguments;
    }
    m_options = std::move(parsed.value());
    if (m_options.help) {
        std::fputs(qPrintable(TrainOptions::helpText()), stdout);
        return Finished;
    }

    const QList<Tag> tags{{tags::User, currentUser()},
                          {tags::SourceName, QCoreApplication::applicationFilePath()},
                          {tags::SourceType, QStringLiteral("LOCAL")}};
    const QString runName = defaultRunName(m_options);
    QList<Tag> createTags = tags;
    createTags.append({tags::RunName, runName});
    auto logger = RunLogger::open(RunLogger::Environment::fromProcess(), runName, createTags, currentUser());
    if (!logger) {
        complain(tr("error: cannot open the tracking store: %1").arg(logger.error().toString()));
        return logger.error().code == QLatin1String("UNSUPPORTED_TRACKING_URI") ? InvalidArguments : Failed;
    }
    m_logger = std::move(logger.value());
    m_logger->setWarningHandler(&complain);
    say(tr("Run %1 in %2").arg(m_logger->runId(), m_logger->store()->uri()));
    if (!m_logger->createdRun()) {
        // The console created the run; fill in the source tags it may not have set.
        auto run = m_logger->store()->getRun(m_logger->runId());
        QList<Tag> missing;
        for (const Tag &t : tags)
            if (run && run->tag(t.key).isEmpty())
                missing << t;
        if (!missing.isEmpty())
            m_logger->setTags(missing);
    }
    return train();
}

std::unique_ptr<Engine> Trainer::selectEngine(QString *error, int *exitCode)
{
    OptimizerSettings opt;
    opt.kind = m_options.optimizer == QLatin1String("sgd") ? OptimizerSettings::Kind::Sgd
                                                           : OptimizerSettings::Kind::Adam;
    opt.learningRate = float(m_options.learningRate);
    if (m_options.device == QLatin1String("cpu"))
        return std::make_unique<CpuEngine>(opt);

    const CudaProbe probe = probeCuda();
    if (!probe.available) {
        if (m_options.device == QLatin1String("cuda")) {
            *error = tr("No CUDA-capable GPU found: %1. Use --device=cpu or --device=auto.")
                         .arg(QString::fromStdString(probe.reason));
            *exitCode = InvalidArguments;
            return nullptr;
        }
        say(tr("No CUDA-capable GPU (%1): training on the CPU.").arg(QString::fromStdString(probe.reason)));
        return std::make_unique<CpuEngine>(opt);
    }
    std::string why;
    auto engine = createCudaEngine(opt, &why);
    if (!engine) {
        if (m_options.device == QLatin1String("cuda")) {
            *error = tr("No usable CUDA GPU: %1.").arg(QString::fromStdString(why));
            *exitCode = InvalidArguments;
            return nullptr;
        }
        say(tr("CUDA device unusable (%1): training on the CPU.").arg(QString::fromStdString(why)));
        return std::make_unique<CpuEngine>(opt);
    }
    m_gpu = std::make_unique<Gpu>();
    if (m_gpu->monitor.open(QString::fromStdString(probe.pciBusId)))
        m_gpu->sinceSample.start();
    else
        say(tr("GPU system metrics unavailable: %1").arg(m_gpu->monitor.errorString()));
    return engine;
}

void Trainer::sampleGpu()
{
    if (!m_gpu || !m_gpu->monitor.isOpen() || (m_gpu->step > 0 && m_gpu->sinceSample.elapsed() < 1000))
        return;
    m_gpu->sinceSample.restart();
    NvmlMonitor::Sample s;
    if (!m_gpu->monitor.sample(&s))
        return;
    // MLflow's system metric names (mlflow/system_metrics/metrics/gpu_monitor.py), with the
    // "system/" prefix its SystemMetricsMonitor adds. gpu_0 is the GPU this process uses, as in a
    // container that sees only its own GPU.
    const qint64 step = m_gpu->step++;
    auto log = [&](const char *key, double v) {
        if (v >= 0)
            m_logger->logMetric(QLatin1String(key), v, step);
    };
    log("system/gpu_0_utilization_percentage", s.utilizationPercent);
    log("system/gpu_0_memory_usage_megabytes", s.memoryUsedMegabytes);
    log("system/gpu_0_memory_usage_percentage", s.memoryUsedPercent);
    log("system/gpu_0_power_usage_watts", s.powerWatts);
    log("system/gpu_0_power_usage_percentage", s.powerPercent);
}

int Trainer::fail(int exitCode, const QString &message)
{
    complain(tr("error: %1").arg(message));
    say(tr("Run %1 FAILED: %2").arg(m_logger->runId(), message));
    const Status s = m_logger->finish(RunStatus::Failed, message);
    if (!s.ok())
        complain(tr("error: cannot record the failure in the tracking store: %1").arg(s.error().toString()));
    return exitCode;
}

int Trainer::stopped(int epoch)
{
    const int signal = int(*m_stopSignal);
    const QString name = signal == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM");
    const QString message = tr("Stopped by %1 during epoch %2.").arg(name).arg(epoch);
    say(message);
    const Status s = m_logger->finish(RunStatus::Killed, message);
    if (!s.ok())
        complain(tr("error: cannot record the stop in the tracking store: %1").arg(s.error().toString()));
    return 128 + signal;
}

int Trainer::train()
{
    QElapsedTimer clock;
    clock.start();
    const TrainOptions &o = m_options;

    QString engineError;
    int engineExit = Failed;
    std::unique_ptr<Engine> engine = selectEngine(&engineError, &engineExit);
    if (!engine)
        return fail(engineExit, engineError);
    say(tr("Device: %1 (%2)")
            .arg(QString::fromStdString(engine->deviceName()),
                 QString::fromStdString(engine->description())));

    // Params first, so a run that fails on its data still shows what was asked for.
    Status s = m_logger->logParams(m_options.params());
    if (!s.ok()) // e.g. the console logged a param with another value: keep training, say so.
        complain(tr("warning: cannot log the parameters: %1").arg(s.error().toString()));
    s = m_logger->setTags({{QStringLiteral("labconsole.trainer.device"),
                            QString::fromStdString(engine->deviceName() + " " + engine->description())}});
    if (!s.ok())
        return fail(Failed, tr("cannot write to the tracking store: %1").arg(s.error().toString()));

    Dataset all;
    if (o.dataset == QLatin1String("csv")) {
        auto loaded = Dataset::fromCsv(o.csvPath, o.target);
        if (!loaded)
            return fail(Failed, loaded.error().toString());
        all = std::move(loaded.value());
        s = m_logger->logParams({{QStringLiteral("samples"), QString::number(all.rows())},
                                 {QStringLiteral("classes"), QString::number(all.classCount())}});
        if (!s.ok())
            complain(tr("warning: cannot log the parameters: %1").arg(s.error().toString()));
    } else {
        all = Dataset::spirals(o.samples, o.classes, o.noise, o.seed);
    }

    Dataset train, validation;
    all.split(o.validationFraction, o.seed, &train, &validation);
    const Standardisation standardisation = train.fitStandardisation();
    train.applyStandardisation(standardisation);
    validation.applyStandardisation(standardisation);
    say(tr("Data: %1, %2 rows (%3 train, %4 validation), %5 features, %6 classes")
            .arg(o.dataset == QLatin1String("csv") ? o.csvPath : QStringLiteral("spirals"))
            .arg(all.rows())
            .arg(train.rows())
            .arg(validation.rows())
            .arg(all.cols())
            .arg(all.classCount()));

    std::vector<int> sizes{all.cols()};
    sizes.insert(sizes.end(), o.hiddenSizes.begin(), o.hiddenSizes.end());
    sizes.push_back(all.classCount());
    if (!engine->setData(train.view(), validation.view()) ||
        !engine->setParameters(ModelParameters::initialise(sizes, o.seed)))
        return fail(Failed, tr("The %1 engine failed: %2")
                                .arg(QString::fromStdString(engine->deviceName()),
                                     QString::fromStdString(engine->lastError())));

    // Batch order: one permutation stream per seed, reshuffled every epoch, identical on every device.
    Rng batchRng(o.seed, /*stream=*/3);
    std::vector<int> order(train.rows());
    std::iota(order.begin(), order.end(), 0);
    qint64 step = 0;
    Evaluation trainEval, valEval;
    auto storeFailed = [&](const Status &st) {
        return fail(Failed, tr("cannot write to the tracking store: %1").arg(st.error().toString()));
    };
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        QElapsedTimer epochClock;
        epochClock.start();
        for (int i = int(order.size()) - 1; i > 0; --i)
            std::swap(order[i], order[batchRng.below(std::uint64_t(i) + 1)]);
        for (int start = 0; start < int(order.size()); start += o.batchSize) {
            if (*m_stopSignal)
                return stopped(epoch);
            const int count = std::min(o.batchSize, int(order.size()) - start);
            double loss = 0;
            if (!engine->trainBatch(order.data() + start, count, &loss))
                return fail(Failed, tr("The %1 engine failed: %2")
                                        .arg(QString::fromStdString(engine->deviceName()),
                                             QString::fromStdString(engine->lastError())));
            if (!finite(loss)) {
                m_logger->flush();
                return fail(Failed,
                            tr("Training diverged: the loss became %1 at epoch %2, step %3 (learning rate "
                               "%4). Try a smaller --learning-rate.")
                                .arg(QString::number(loss))
                                .arg(epoch)
                                .arg(step)
                                .arg(o.learningRate));
            }
            m_logger->logMetric(QStringLiteral("train_loss"), loss, step++);
            sampleGpu();
            s = m_logger->flushIfDue();
            if (!s.ok())
                return storeFailed(s);
        }
        if (*m_stopSignal)
            return stopped(epoch);
        if (!engine->evaluate(DataSplit::Train, &trainEval) ||
            !engine->evaluate(DataSplit::Validation, &valEval))
            return fail(Failed, tr("The %1 engine failed: %2")
                                    .arg(QString::fromStdString(engine->deviceName()),
                                         QString::fromStdString(engine->lastError())));
        if (!finite(valEval.loss) || !finite(trainEval.loss)) {
            m_logger->flush();
            return fail(Failed,
                        tr("Training diverged: the validation loss became %1 after epoch %2 (learning "
                           "rate %3). Try a smaller --learning-rate.")
                            .arg(QString::number(finite(valEval.loss) ? trainEval.loss : valEval.loss))
                            .arg(epoch)
                            .arg(o.learningRate));
        }
        m_logger->logMetric(QStringLiteral("train_accuracy"), trainEval.accuracy, epoch);
        m_logger->logMetric(QStringLiteral("val_loss"), valEval.loss, epoch);
        m_logger->logMetric(QStringLiteral("val_accuracy"), valEval.accuracy, epoch);
        s = m_logger->flushIfDue();
        if (!s.ok())
            return storeFailed(s);
        say(QStringLiteral(
                "epoch %1/%2  train_loss %3  train_accuracy %4  val_loss %5  val_accuracy %6  (%7 s)")
                .arg(epoch)
                .arg(o.epochs)
                .arg(trainEval.loss, 0, 'f', 4)
                .arg(trainEval.accuracy, 0, 'f', 4)
                .arg(valEval.loss, 0, 'f', 4)
                .arg(valEval.accuracy, 0, 'f', 4)
                .arg(epochClock.elapsed() / 1000.0, 0, 'f', 2));
    }
    s = m_logger->flush();
    if (!s.ok())
        return storeFailed(s);

    ModelParameters trained;
    if (!engine->parameters(&trained))
        return fail(
            Failed,
            tr("Cannot read the trained weights: %1").arg(QString::fromStdString(engine->lastError())));
    ModelWriter::Model model{&trained, &standardisation, all.featureNames, all.classNames};
    s = ModelWriter::save(m_logger->store(), m_logger->runId(), model);
    if (!s.ok())
        return fail(Failed, tr("Cannot save the model artifact: %1").arg(s.error().toString()));
    s = m_logger->finish(RunStatus::Finished);
    if (!s.ok()) {
        complain(tr("error: cannot mark the run finished: %1").arg(s.error().toString()));
        return Failed;
    }
    say(tr("Finished in %1 s on %2: val_loss %3, val_accuracy %4; model saved as artifact model/")
            .arg(clock.elapsed() / 1000.0, 0, 'f', 2)
            .arg(QString::fromStdString(engine->deviceName()))
            .arg(valEval.loss, 0, 'f', 6)
            .arg(valEval.accuracy, 0, 'f', 4));
    return Finished;
}

} // namespace lab

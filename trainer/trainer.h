#pragma once

#include "trainoptions.h"

#include <QString>

#include <csignal>
#include <memory>

namespace lab {

class Engine;
class RunLogger;

// lab-train from arguments to exit code: options, run, data, training loop, model artifact,
// final status. Progress goes to stdout (it becomes the run's log), errors to stderr.
class Trainer
{
public:
    enum ExitCode { Finished = 0, Failed = 1, InvalidArguments = 2 };

    // `stopSignal` is set by the SIGTERM/SIGINT handler: the signal number, 0 while running.
    explicit Trainer(const volatile std::sig_atomic_t *stopSignal);
    ~Trainer();

    int run(const QStringList &arguments);

private:
    int train();
    int fail(int exitCode, const QString &message);
    int stopped(int epoch);
    std::unique_ptr<Engine> selectEngine(QString *error, int *exitCode);
    void sampleGpu();

    const volatile std::sig_atomic_t *m_stopSignal;
    TrainOptions m_options;
    std::unique_ptr<RunLogger> m_logger;
    struct Gpu;
    std::unique_ptr<Gpu> m_gpu;
};

} // namespace lab

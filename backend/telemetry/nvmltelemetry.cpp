#include "telemetry/nvmltelemetry.h"

#include "telemetry/nvmlsampler.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QTimer>

namespace lab {

// Owns the NVML sampler on the worker thread; posts results back to the telemetry object,
// which outlives the thread (stop() joins it).
class NvmlTelemetry::Worker : public QObject
{
public:
    Worker(NvmlTelemetry *owner, quint64 generation)
        : m_owner(owner), m_generation(generation), m_timer(new QTimer(this))
    {
        connect(m_timer, &QTimer::timeout, this, &Worker::tick);
    }

    void begin(int intervalMs, const QHash<qint64, GpuOwner> &owners)
    {
        m_owners = owners;
        QString message;
        const TelemetryState state = m_sampler.open(&message);
        post([state, message](NvmlTelemetry *t) { t->setState(state, message); });
        if (state != TelemetryState::Available)
            return; // nothing to sample; the state says why
        tick();
        setInterval(intervalMs);
    }

    void setInterval(int intervalMs)
    {
        if (m_sampler.state() == TelemetryState::Available)
            m_timer->start(std::max(10, intervalMs));
    }

    void setOwners(const QHash<qint64, GpuOwner> &owners) { m_owners = owners; }

private:
    template <typename F> void post(F f)
    {
        NvmlTelemetry *t = m_owner;
        const quint64 gen = m_generation;
        QMetaObject::invokeMethod(
            t,
            [t, gen, f = std::move(f)] {
                if (t->m_generation == gen)
                    f(t);
            },
            Qt::QueuedConnection);
    }

    void tick()
    {
        QList<GpuSample> samples = m_sampler.sample(m_owners);
        post([samples = std::move(samples)](NvmlTelemetry *t) { t->addSamples(samples); });
    }

    NvmlTelemetry *m_owner;
    quint64 m_generation;
    QTimer *m_timer;
    NvmlSampler m_sampler;
    QHash<qint64, GpuOwner> m_owners;
};

NvmlTelemetry::NvmlTelemetry(QObject *parent) : GpuTelemetry(parent)
{
    qRegisterMetaType<lab::GpuSample>();
    qRegisterMetaType<QList<lab::GpuSample>>();
    qRegisterMetaType<lab::TelemetryState>();
    m_message = QCoreApplication::translate("lab::GpuTelemetry", "Looking for GPUs…");
}

NvmlTelemetry::~NvmlTelemetry()
{
    stop();
}

void NvmlTelemetry::start(int intervalMs)
{
    if (m_thread) {
        Worker *w = m_worker;
        QMetaObject::invokeMethod(
            w, [w, intervalMs] { w->setInterval(intervalMs); }, Qt::QueuedConnection);
        return;
    }
    ++m_generation;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("NvmlTelemetry"));
    m_worker = new Worker(this, m_generation);
    m_worker->moveToThread(m_thread.get());
    // The sampler (and so nvmlShutdown and dlclose) goes away on the worker thread as it ends.
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
    Worker *w = m_worker;
    const QHash<qint64, GpuOwner> owners = m_owners;
    QMetaObject::invokeMethod(
        w, [w, intervalMs, owners] { w->begin(intervalMs, owners); }, Qt::QueuedConnection);
}

void NvmlTelemetry::stop()
{
    if (!m_thread)
        return;
    ++m_generation;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_worker = nullptr;
}

void NvmlTelemetry::setPidOwners(const QHash<qint64, GpuOwner> &owners)
{
    m_owners = owners;
    if (Worker *w = m_worker)
        QMetaObject::invokeMethod(
            w, [w, owners] { w->setOwners(owners); }, Qt::QueuedConnection);
}

void NvmlTelemetry::setState(TelemetryState state, const QString &message)
{
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    Q_EMIT stateChanged(state, message);
}

void NvmlTelemetry::addSamples(const QList<GpuSample> &samples)
{
    m_latest = samples;
    for (const GpuSample &s : samples) {
        QList<GpuSample> &h = m_history[s.index];
        h.append(s);
        const qint64 oldest = s.timestampMs - m_windowMs;
        qsizetype drop = 0;
        while (drop < h.size() && h.at(drop).timestampMs < oldest)
            ++drop;
        if (drop > 0)
            h.remove(0, drop);
    }
    Q_EMIT sampled(samples);
}

NvmlTelemetry::Snapshot NvmlTelemetry::snapshot(const QHash<qint64, GpuOwner> &owners)
{
    Snapshot snap;
    NvmlSampler sampler;
    snap.state = sampler.open(&snap.message);
    if (snap.state == TelemetryState::Available)
        snap.gpus = sampler.sample(owners);
    return snap;
}

} // namespace lab

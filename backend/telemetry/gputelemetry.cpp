#include "telemetry/gputelemetry.h"

#include <QCoreApplication>

namespace lab {

namespace {

constexpr const char *Ctx = "lab::GpuTelemetry";

QString gib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0 * 1024.0), 'f', 1);
}

} // namespace

QStringList gpuTableHeaders()
{
    return {QCoreApplication::translate(Ctx, "GPU"),  QCoreApplication::translate(Ctx, "NAME"),
            QCoreApplication::translate(Ctx, "UTIL"), QCoreApplication::translate(Ctx, "MEMORY"),
            QCoreApplication::translate(Ctx, "TEMP"), QCoreApplication::translate(Ctx, "POWER"),
            QCoreApplication::translate(Ctx, "JOB")};
}

QStringList gpuTableRow(const GpuSample &s)
{
    const QString unknown = QStringLiteral("-");
    QString memory = unknown;
    if (s.memoryUsedBytes >= 0 && s.memoryTotalBytes > 0)
        memory = QCoreApplication::translate(Ctx, "%1 / %2 GiB")
                     .arg(gib(s.memoryUsedBytes), gib(s.memoryTotalBytes));
    QString job;
    if (!s.ownerJobId.isEmpty() || !s.ownerRunId.isEmpty()) {
        job = s.ownerName.isEmpty() ? s.ownerJobId : s.ownerName;
        if (!s.ownerRunId.isEmpty())
            job += QStringLiteral(" (run %1)").arg(s.ownerRunId);
    } else if (!s.pids.isEmpty()) {
        //: GPU used by processes that are not ours; %1 lists their process ids
        QStringList pids;
        for (qint64 p : s.pids)
            pids << QString::number(p);
        job = QCoreApplication::translate(Ctx, "other (pid %1)").arg(pids.join(QStringLiteral(", ")));
    } else {
        job = QCoreApplication::translate(Ctx, "idle");
    }
    return {QString::number(s.index),
            s.name.isEmpty() ? unknown : s.name,
            s.utilizationPercent < 0 ? unknown : QStringLiteral("%1 %").arg(s.utilizationPercent, 0, 'f', 0),
            memory,
            s.temperatureC < 0 ? unknown : QStringLiteral("%1 °C").arg(s.temperatureC, 0, 'f', 0),
            s.powerWatts < 0 ? unknown : QStringLiteral("%1 W").arg(s.powerWatts, 0, 'f', 1),
            job};
}

QString describeGpus(const QList<GpuSample> &samples)
{
    if (samples.isEmpty())
        return {};
    QList<QStringList> rows{gpuTableHeaders()};
    for (const GpuSample &s : samples)
        rows << gpuTableRow(s);
    QList<int> widths(rows.first().size(), 0);
    for (const QStringList &r : rows)
        for (int c = 0; c < r.size(); ++c)
            widths[c] = std::max(widths[c], int(r[c].size()));
    QString out;
    for (const QStringList &r : rows) {
        QString line;
        for (int c = 0; c < r.size(); ++c)
            line += c + 1 < r.size() ? r[c].leftJustified(widths[c] + 2) : r[c];
        out += line + QLatin1Char('\n');
    }
    return out;
}

} // namespace lab

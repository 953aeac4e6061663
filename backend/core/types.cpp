#include "types.h"

namespace lab {

QString runStatusName(RunStatus s)
{
    switch (s) {
    case RunStatus::Running: return QStringLiteral("RUNNING");
    case RunStatus::Scheduled: return QStringLiteral("SCHEDULED");
    case RunStatus::Finished: return QStringLiteral("FINISHED");
    case RunStatus::Failed: return QStringLiteral("FAILED");
    case RunStatus::Killed: return QStringLiteral("KILLED");
    }
    return QStringLiteral("RUNNING");
}

bool parseRunStatus(const QString &name, RunStatus *out)
{
    // MLflow's file store writes the protobuf enum number (RUNNING = 1 ... KILLED = 5).
    static const struct { const char *name; int number; RunStatus status; } table[] = {
        {"RUNNING", 1, RunStatus::Running},   {"SCHEDULED", 2, RunStatus::Scheduled},
        {"FINISHED", 3, RunStatus::Finished}, {"FAILED", 4, RunStatus::Failed},
        {"KILLED", 5, RunStatus::Killed},
    };
    const QString t = name.trimmed();
    bool isNumber = false;
    const int n = t.toInt(&isNumber);
    for (const auto &row : table) {
        if ((isNumber && n == row.number) || t.compare(QLatin1String(row.name), Qt::CaseInsensitive) == 0) {
            *out = row.status;
            return true;
        }
    }
    return false;
}

bool isTerminal(RunStatus s)
{
    return s == RunStatus::Finished || s == RunStatus::Failed || s == RunStatus::Killed;
}

QString lifecycleStageName(LifecycleStage s)
{
    return s == LifecycleStage::Deleted ? QStringLiteral("deleted") : QStringLiteral("active");
}

QString Run::tag(const QString &key, const QString &fallback) const
{
    for (const Tag &t : tags)
        if (t.key == key)
            return t.value;
    return fallback;
}

QString Run::param(const QString &key, const QString &fallback) const
{
    for (const Param &p : params)
        if (p.key == key)
            return p.value;
    return fallback;
}

const MetricPoint *Run::metric(const QString &key) const
{
    for (const MetricPoint &m : metrics)
        if (m.key == key)
            return &m;
    return nullptr;
}

} // namespace lab

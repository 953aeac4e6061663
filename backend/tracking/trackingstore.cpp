#include "trackingstore.h"

#include "series/metricseries.h"

#include <QCoreApplication>

namespace lab {

namespace {

Error noRegistry()
{
    return makeError(QCoreApplication::translate("lab::TrackingStore", "This store has no model registry"),
                     QStringLiteral("NOT_SUPPORTED"));
}

} // namespace

Result<QList<SampledHistory>> TrackingStore::getSampledHistories(const QStringList &runIds, const QString &key,
                                                                 int maxPointsPerRun, qint64 startStep,
                                                                 qint64 endStep)
{
    Q_UNUSED(maxPointsPerRun); // a local store reads everything: it is as fast as sampling would be
    QList<SampledHistory> out;
    out.reserve(runIds.size());
    for (const QString &runId : runIds) {
        auto all = std::make_shared<MetricSeries>();
        MetricCursor cursor;
        if (Status s = readMetricIncrement(runId, key, &cursor, all.get()); !s)
            return s.error();
        SampledHistory h{runId, key, all, true, cursor};
        if (startStep != std::numeric_limits<qint64>::min() || endStep != std::numeric_limits<qint64>::max()) {
            auto inRange = std::make_shared<MetricSeries>();
            const auto steps = all->steps();
            const auto ts = all->timestamps();
            const auto values = all->values();
            for (std::size_t i = 0; i < all->size(); ++i) {
                if (steps[i] >= startStep && steps[i] <= endStep)
                    inRange->append(steps[i], ts[i], values[i]);
            }
            h.series = inRange;
        }
        out << h;
    }
    return out;
}

Result<RegisteredModel> TrackingStore::getRegisteredModel(const QString &)
{
    return noRegistry();
}

Result<RegisteredModel> TrackingStore::createRegisteredModel(const QString &, const QString &, const QList<Tag> &)
{
    return noRegistry();
}

Result<ModelVersion> TrackingStore::createModelVersion(const QString &, const QString &, const QString &,
                                                       const QString &, const QList<Tag> &)
{
    return noRegistry();
}

Result<ModelVersion> TrackingStore::getModelVersion(const QString &, const QString &)
{
    return noRegistry();
}

Status TrackingStore::setModelAlias(const QString &, const QString &, const QString &)
{
    return noRegistry();
}

Status TrackingStore::deleteModelAlias(const QString &, const QString &)
{
    return noRegistry();
}

Result<ModelVersion> TrackingStore::getModelVersionByAlias(const QString &, const QString &)
{
    return noRegistry();
}

Status TrackingStore::setRegisteredModelTag(const QString &, const QString &, const QString &)
{
    return noRegistry();
}

Status TrackingStore::setModelVersionTag(const QString &, const QString &, const QString &, const QString &)
{
    return noRegistry();
}

} // namespace lab

#pragma once

#include "core/result.h"
#include "core/types.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace lab {

// lab-train's command line. Hyper-parameters arrive as `--kebab-case=value` (how the runner and
// the cluster's Job manifests pass them); `--name value` and snake_case names work too.
struct TrainOptions
{
    std::vector<int> hiddenSizes{64, 64};
    double learningRate = 0.01;
    int epochs = 20;
    int batchSize = 64;
    QString optimizer = QStringLiteral("adam"); // sgd | adam
    std::uint64_t seed = 1;
    QString dataset = QStringLiteral("spirals"); // spirals | csv
    int samples = 2000;
    double noise = 0.2;
    int classes = 3;
    QString csvPath;
    QString target;
    double validationFraction = 0.2;
    QString device = QStringLiteral("auto"); // auto | cpu | cuda
    bool help = false;

    // The values as given on the command line (snake_case key -> text), defaults filled in:
    // logged as the run's params so they read exactly as the user wrote them.
    QMap<QString, QString> given;

    static Result<TrainOptions> parse(const QStringList &arguments);
    static QString helpText();

    // The run's params (snake_case keys). The dataset's own size and class count replace the
    // requested ones for a CSV file.
    QList<Param> params() const;
};

} // namespace lab

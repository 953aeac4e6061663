#pragma once

#include "core/result.h"
#include "engine.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace lab {

// Feature scaling fitted on the training rows; kept with the model so a server can apply it.
struct Standardisation
{
    std::vector<double> mean;
    std::vector<double> scale; // the standard deviation, 1 where a column is constant
};

// A classification data set: row-major float features and class indices.
class Dataset
{
public:
    int rows() const { return int(y.size()); }
    int cols() const { return int(featureNames.size()); }
    int classCount() const { return int(classNames.size()); }
    DataView view() const { return {x.data(), y.data(), rows(), cols()}; }

    // Interleaved spirals, one arm per class, `noise` = standard deviation of the angle (radians).
    // The same arguments give bit-identical data.
    static Dataset spirals(int samples, int classes, double noise, std::uint64_t seed);

    // A CSV file with a header row; `target` names the label column (numbers or strings), every
    // other column must hold numbers. Errors name the row and column.
    static Result<Dataset> fromCsv(const QString &path, const QString &target);

    // Shuffles the rows with the seed and keeps the last `validationFraction` as validation (at
    // least one row each side).
    void split(double validationFraction, std::uint64_t seed, Dataset *train, Dataset *validation) const;

    // z-scores every column with the mean and standard deviation of this set.
    Standardisation fitStandardisation() const;
    void applyStandardisation(const Standardisation &s);

    std::vector<float> x;
    std::vector<int> y;
    QStringList featureNames;
    QStringList classNames;
};

} // namespace lab

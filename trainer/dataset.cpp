#include "dataset.h"

#include "rng.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::Trainer", text);
}

// One CSV record (RFC 4180: quoted fields, "" inside quotes, CRLF or LF line ends).
struct CsvRecord
{
    QStringList fields;
    int line = 0; // 1-based line where the record starts
};

class CsvReader
{
public:
    explicit CsvReader(QString text) : m_text(std::move(text)) {}

    bool atEnd() const { return m_pos >= m_text.size(); }

    // False on an unterminated quote.
    bool next(CsvRecord *record)
    {
        record->fields.clear();
        record->line = m_line;
        QString field;
        bool inQuotes = false;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (inQuotes) {
                if (c == QLatin1Char('"')) {
                    if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        ++m_pos;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == QLatin1Char('\n'))
                        ++m_line;
                    field += c;
                }
            } else if (c == QLatin1Char('"')) {
                inQuotes = true;
            } else if (c == QLatin1Char(',')) {
                record->fields << field;
                field.clear();
            } else if (c == QLatin1Char('\n')) {
                ++m_line;
                break;
            } else if (c != QLatin1Char('\r')) {
                field += c;
            }
        }
        record->fields << field;
        return !inQuotes;
    }

private:
    QString m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
};

bool isBlank(const CsvRecord &r)
{
    return r.fields.size() == 1 && r.fields.first().trimmed().isEmpty();
}

} // namespace

Dataset Dataset::spirals(int samples, int classes, double noise, std::uint64_t seed)
{
    Dataset d;
    d.featureNames = {QStringLiteral("x1"), QStringLiteral("x2")};
    for (int k = 0; k < classes; ++k)
        d.classNames << QString::number(k);
    Rng rng(seed, /*stream=*/0);
    d.x.reserve(std::size_t(samples) * 2);
    d.y.reserve(samples);
    for (int k = 0; k < classes; ++k) {
        const int n = samples / classes + (k < samples % classes ? 1 : 0);
        for (int i = 0; i < n; ++i) {
            // Radius from near the centre to 1; one and a half turns per arm; arms evenly offset.
            const double r = (i + 0.5) / n;
            const double t = 2.0 * M_PI * k / classes + 3.0 * M_PI * r + noise * rng.normal();
            d.x.push_back(float(r * std::sin(t)));
            d.x.push_back(float(r * std::cos(t)));
            d.y.push_back(k);
        }
    }
    return d;
}

Result<Dataset> Dataset::fromCsv(const QString &path, const QString &target)
{
    QFile file(path);
    if (!QFileInfo::exists(path))
        return makeError(tr("The CSV file %1 does not exist.").arg(path), QStringLiteral("DATA_NOT_FOUND"));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(tr("Cannot read the CSV file %1: %2.").arg(path, file.errorString()),
                         QStringLiteral("DATA_UNREADABLE"));
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    CsvReader reader(text);

    CsvRecord header;
    while (!reader.atEnd()) {
        if (!reader.next(&header))
            return makeError(
                tr("The CSV file %1 has an unterminated quote in line %2.").arg(path).arg(header.line),
                QStringLiteral("BAD_DATA"));
        if (!isBlank(header))
            break;
    }
    if (header.fields.isEmpty() || isBlank(header))
        return makeError(tr("The CSV file %1 is empty: it needs a header row and data rows.").arg(path),
                         QStringLiteral("BAD_DATA"));
    QStringList names;
    for (const QString &f : header.fields)
        names << f.trimmed();
    const int targetColumn = int(names.indexOf(target));
    if (targetColumn < 0)
        return makeError(tr("The CSV file %1 has no target column \"%2\"; its columns are: %3.")
                             .arg(path, target, names.join(QStringLiteral(", "))),
                         QStringLiteral("BAD_DATA"));
    if (names.size() < 2)
        return makeError(
            tr("The CSV file %1 has no feature columns besides the target \"%2\".").arg(path, target),
            QStringLiteral("BAD_DATA"));

    Dataset d;
    for (int c = 0; c < names.size(); ++c)
        if (c != targetColumn)
            d.featureNames << names[c];
    QStringList labels;
    CsvRecord record;
    int row = 0;
    while (!reader.atEnd()) {
        if (!reader.next(&record))
            return makeError(
                tr("The CSV file %1 has an unterminated quote in line %2.").arg(path).arg(record.line),
                QStringLiteral("BAD_DATA"));
        if (isBlank(record))
            continue;
        ++row;
        if (record.fields.size() != names.size())
            return makeError(tr("Row %1 (line %2) of %3 has %4 fields, the header has %5.")
                                 .arg(row)
                                 .arg(record.line)
                                 .arg(path)
                                 .arg(record.fields.size())
                                 .arg(names.size()),
                             QStringLiteral("BAD_DATA"));
        for (int c = 0; c < names.size(); ++c) {
            const QString cell = record.fields[c].trimmed();
            if (c == targetColumn) {
                if (cell.isEmpty())
                    return makeError(tr("Row %1 (line %2), target column \"%3\": the label is empty.")
                                         .arg(row)
                                         .arg(record.line)
                                         .arg(names[c]),
                                     QStringLiteral("BAD_DATA"));
                labels << cell;
                continue;
            }
            bool ok = false;
            const double v = cell.toDouble(&ok);
            if (!ok || !std::isfinite(v) || !std::isfinite(float(v))) {
                const QString why =
                    cell.isEmpty() ? tr("the cell is empty") : tr("\"%1\" is not a number").arg(cell);
                return makeError(
                    tr("Row %1 (line %2), column \"%3\": %4.").arg(row).arg(record.line).arg(names[c], why),
                    QStringLiteral("BAD_DATA"));
            }
            d.x.push_back(float(v));
        }
    }
    if (row < 2)
        return makeError(
            tr("The CSV file %1 has %2 data rows; training needs at least 2.").arg(path).arg(row),
            QStringLiteral("BAD_DATA"));

    // Class order: numeric labels by value, otherwise by text, so the same file gives the same indices.
    QStringList classes = labels;
    classes.removeDuplicates();
    bool allNumeric = true;
    for (const QString &l : classes) {
        bool ok = false;
        l.toDouble(&ok);
        allNumeric = allNumeric && ok;
    }
    if (allNumeric)
        std::sort(classes.begin(), classes.end(),
                  [](const QString &a, const QString &b) { return a.toDouble() < b.toDouble(); });
    else
        std::sort(classes.begin(), classes.end());
    if (classes.size() < 2)
        return makeError(
            tr("The target column \"%1\" has a single class (\"%2\"); a classifier needs at least two.")
                .arg(target, classes.value(0)),
            QStringLiteral("BAD_DATA"));
    QHash<QString, int> index;
    for (int i = 0; i < classes.size(); ++i)
        index.insert(classes[i], i);
    d.classNames = classes;
    d.y.reserve(labels.size());
    for (const QString &l : labels)
        d.y.push_back(index.value(l));
    return d;
}

void Dataset::split(double validationFraction, std::uint64_t seed, Dataset *train, Dataset *validation) const
{
    const int n = rows();
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed, /*stream=*/1);
    for (int i = n - 1; i > 0; --i)
        std::swap(order[i], order[rng.below(std::uint64_t(i) + 1)]);
    int nVal = int(std::lround(n * validationFraction));
    nVal = std::clamp(nVal, 1, std::max(1, n - 1));
    const int nTrain = n - nVal;
    const int c = cols();
    for (Dataset *part : {train, validation}) {
        part->featureNames = featureNames;
        part->classNames = classNames;
        part->x.clear();
        part->y.clear();
    }
    for (int i = 0; i < n; ++i) {
        Dataset *part = i < nTrain ? train : validation;
        const float *src = x.data() + std::size_t(order[i]) * c;
        part->x.insert(part->x.end(), src, src + c);
        part->y.push_back(y[order[i]]);
    }
}

Standardisation Dataset::fitStandardisation() const
{
    const int n = rows(), c = cols();
    Standardisation s;
    s.mean.assign(c, 0.0);
    s.scale.assign(c, 0.0);
    for (int r = 0; r < n; ++r)
        for (int j = 0; j < c; ++j)
            s.mean[j] += x[std::size_t(r) * c + j];
    for (int j = 0; j < c; ++j)
        s.mean[j] /= std::max(1, n);
    for (int r = 0; r < n; ++r)
        for (int j = 0; j < c; ++j) {
            const double d = x[std::size_t(r) * c + j] - s.mean[j];
            s.scale[j] += d * d;
        }
    for (int j = 0; j < c; ++j) {
        const double sd = std::sqrt(s.scale[j] / std::max(1, n));
        s.scale[j] = sd > 1e-12 ? sd : 1.0;
    }
    return s;
}

void Dataset::applyStandardisation(const Standardisation &s)
{
    const int n = rows(), c = cols();
    for (int r = 0; r < n; ++r)
        for (int j = 0; j < c; ++j) {
            float &v = x[std::size_t(r) * c + j];
            v = float((v - s.mean[j]) / s.scale[j]);
        }
}

} // namespace lab

#include "tablewriter.h"

#include <algorithm>

namespace lab {

TableWriter::TableWriter(QStringList header) : m_header(std::move(header)) {}

void TableWriter::addRow(const QStringList &row)
{
    m_rows.append(row);
}

QString TableWriter::toTable() const
{
    qsizetype columns = m_header.size();
    for (const QStringList &row : m_rows)
        columns = std::max(columns, row.size());
    QList<qsizetype> widths(columns, 0);
    auto measure = [&](const QStringList &row) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    };
    measure(m_header);
    for (const QStringList &row : m_rows)
        measure(row);

    QString out;
    auto write = [&](const QStringList &row) {
        QString line;
        for (qsizetype c = 0; c < columns; ++c) {
            // A newline inside a cell would break the alignment of every column after it.
            QString cell = c < row.size() ? row[c] : QString();
            cell.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
            line += cell;
            if (c + 1 < columns)
                line += QString(widths[c] - cell.size() + 2, QLatin1Char(' '));
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    };
    if (!m_header.isEmpty())
        write(m_header);
    for (const QStringList &row : m_rows)
        write(row);
    return out;
}

QString TableWriter::csvField(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) &&
        !field.contains(QLatin1Char('\n')) && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString TableWriter::toCsv() const
{
    QString out;
    auto write = [&](const QStringList &row) {
        QStringList fields;
        fields.reserve(row.size());
        for (const QString &f : row)
            fields.append(csvField(f));
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    if (!m_header.isEmpty())
        write(m_header);
    for (const QStringList &row : m_rows)
        write(row);
    return out;
}

} // namespace lab

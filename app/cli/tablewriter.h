#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace lab {

// Rows of text cells written as an aligned plain-text table (for people) or as CSV (RFC 4180:
// fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF-free, one record per line
// unless a field holds a newline).
class TableWriter
{
public:
    explicit TableWriter(QStringList header = {});

    void setHeader(const QStringList &header) { m_header = header; }
    void addRow(const QStringList &row);
    int rowCount() const { return int(m_rows.size()); }

    // Columns padded to their widest cell (counted in characters, not bytes), two spaces apart;
    // trailing blanks trimmed. No header line when the header is empty.
    QString toTable() const;
    QString toCsv() const;

    static QString csvField(const QString &field);

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace lab

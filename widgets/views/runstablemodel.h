#pragma once

#include "core/types.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QStringList>

namespace lab {

// The runs of the selected experiments as a table. A refresh (setRuns) inserts, removes or
// changes exactly the rows that changed, so the selection and scroll position survive a poll;
// reload() resets the model and is meant for a new experiment selection only.
//
// Columns: the fixed ones of Column, then one per key metric (latest value), then one per
// parameter chosen automatically: those whose values differ between the runs shown (the
// interesting ones when comparing), or, when all agree, the first few.
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, StartColumn, DurationColumn, UserColumn, FixedColumnCount };
    enum Role {
        RunIdRole = Qt::UserRole,
        StatusRole, // lab::RunStatus as int
        SortRole,   // a number where the column is numeric, else a string; invalid when missing
        ExperimentIdRole,
        ParentRunIdRole,
        ColumnKeyRole, // "metrics.val_loss", "params.lr", or the attribute name
    };
    enum class ColumnKind { Attribute, Metric, Param };

    explicit RunsTableModel(QObject *parent = nullptr);

    // Full reload: a new experiment selection or store.
    void reload(const QList<Run> &runs);
    // Poll result: diffs against what is shown.
    void setRuns(const QList<Run> &runs);
    void clear();

    void setKeyMetrics(const QStringList &keys);
    QStringList keyMetrics() const { return m_metricKeys; }
    QStringList paramColumns() const { return m_paramKeys; }
    void setMaxParamColumns(int n);

    // Durations of running runs move with the clock: the main window calls this once a second.
    void tick(qint64 nowMs);
    // Header texts are translated at call time; this tells views to fetch them again.
    void retranslate();

    int rowOf(const QString &runId) const;
    QModelIndex indexOf(const QString &runId, int column = 0) const;
    QString runIdAt(int row) const;
    const Run *run(const QString &runId) const;
    const Run &runAt(int row) const { return m_runs.at(row); }
    const QList<Run> &runs() const { return m_runs; }
    ColumnKind columnKind(int column) const;
    QString columnKey(int column) const; // metric or param key, empty for attributes

    static QString formatDuration(qint64 ms);
    static QString statusText(RunStatus status);
    static QColor statusColor(RunStatus status);
    // The run name, else its mlflow.runName tag, else the start of its id.
    static QString displayName(const Run &run);
    // End (or now, while running) minus start; -1 when unknown.
    static qint64 durationMs(const Run &run, qint64 nowMs = 0);
    static QString formatValue(double v);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList chooseParamColumns(const QList<Run> &runs) const;
    void updateParamColumns(const QStringList &keys);
    void rebuildIndex();
    QVariant displayData(const Run &run, int column) const;
    QVariant sortData(const Run &run, int column) const;

    QList<Run> m_runs;
    QHash<QString, int> m_rowById;
    QStringList m_metricKeys;
    QStringList m_paramKeys;
    int m_maxParamColumns = 6;
    qint64 m_nowMs = 0;
};

// Whether two snapshots of the same run show differently (status, times, metrics, params, tags).
bool runChanged(const Run &a, const Run &b);

} // namespace lab

#pragma once

#include "core/types.h"

#include <QAbstractListModel>

namespace lab {

// The experiments of the store, by name. A refresh with the same experiments in the same order
// changes rows in place (the selection stays); any other change re-lists them.
class ExperimentsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole, NameRole };

    explicit ExperimentsModel(QObject *parent = nullptr);

    void setExperiments(const QList<Experiment> &experiments);
    const QList<Experiment> &experiments() const { return m_experiments; }
    int rowOf(const QString &id) const;
    int rowOfName(const QString &name) const;
    QString idAt(int row) const;
    QStringList names() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<Experiment> m_experiments;
};

} // namespace lab

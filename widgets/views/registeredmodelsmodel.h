#pragma once

#include "core/types.h"

#include <QAbstractTableModel>

namespace lab {

// The registered models of a store: name, latest version, aliases ("champion → 2") and when it
// last changed. A refresh with the same models in the same order changes rows in place (the
// selection stays); any other change re-lists them.
class RegisteredModelsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LatestVersionColumn, AliasesColumn, LastUpdatedColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole };

    explicit RegisteredModelsModel(QObject *parent = nullptr);

    // `versions` may hold the versions of every model; each row takes its own.
    void setModels(const QList<RegisteredModel> &models, const QList<ModelVersion> &versions);
    const QList<RegisteredModel> &models() const { return m_models; }
    int rowOf(const QString &name) const;
    QString nameAt(int row) const;
    QString latestVersion(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "champion → 2, staging → 1", sorted by alias.
    static QString aliasText(const QMap<QString, QString> &aliases);

private:
    QList<RegisteredModel> m_models;
    QStringList m_latest; // per row
};

} // namespace lab

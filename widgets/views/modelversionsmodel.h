#pragma once

#include "core/types.h"

#include <QAbstractTableModel>
#include <QHash>

namespace lab {

// The versions of one registered model, newest first: version, the run it came from (its name
// when known, shown as a link), status, aliases and creation time.
class ModelVersionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { VersionColumn, SourceRunColumn, StatusColumn, AliasesColumn, CreatedColumn, ColumnCount };
    enum Role { VersionRole = Qt::UserRole, RunIdRole, SourceRole };

    explicit ModelVersionsModel(QObject *parent = nullptr);

    void setVersions(const QList<ModelVersion> &versions);
    const QList<ModelVersion> &versions() const { return m_versions; }
    // Run names to show instead of bare ids (run id -> name).
    void setRunNames(const QHash<QString, QString> &names);
    int rowOf(const QString &version) const;
    QString versionAt(int row) const;
    QString runIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ModelVersion> m_versions;
    QHash<QString, QString> m_runNames;
};

} // namespace lab

#pragma once

#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;

namespace lab {

// Asks for an alias to point at one model version ("champion" → version 2). Checks MLflow's
// rules as the name is typed (letters, digits, _ and -; "latest" and v<number> are reserved) and
// says when the alias already points at another version and will move.
class SetAliasDialog : public QDialog
{
    Q_OBJECT
public:
    // `existingAliases`: the model's aliases now (alias -> version).
    SetAliasDialog(const QString &modelName, const QString &version,
                   const QMap<QString, QString> &existingAliases = {}, QWidget *parent = nullptr);

    QString modelName() const { return m_model; }
    QString version() const { return m_version; }
    QString alias() const;
    void setAlias(const QString &alias);

    // What is wrong with the alias typed now, in words; empty when it can be set.
    QString errorText() const;
    // The note shown under the field ("champion now points to version 1 and will move").
    QString noteText() const;
    bool validate();
    void accept() override;

    // MLflow's alias rules in words; empty when `alias` is allowed.
    static QString aliasError(const QString &alias);

private:
    void update();

    QString m_model;
    QString m_version;
    QMap<QString, QString> m_existing;
    QLineEdit *m_alias = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_error = nullptr;
    bool m_tried = false;
};

} // namespace lab

#include "setaliasdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace lab {

SetAliasDialog::SetAliasDialog(const QString &modelName, const QString &version,
                               const QMap<QString, QString> &existingAliases, QWidget *parent)
    : QDialog(parent), m_model(modelName), m_version(version), m_existing(existingAliases)
{
    setWindowTitle(tr("Set alias"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Point an alias of <b>%1</b> at version <b>%2</b>. Code can then load "
                                "<tt>models:/%1@&lt;alias&gt;</tt>.")
                                 .arg(modelName.toHtmlEscaped(), version.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_alias = new QLineEdit(this);
    m_alias->setObjectName(QStringLiteral("aliasEdit"));
    m_alias->setPlaceholderText(tr("for example champion"));
    form->addRow(tr("Alias:"), m_alias);
    layout->addLayout(form);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Set alias"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SetAliasDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SetAliasDialog::reject);
    layout->addWidget(buttons);
    connect(m_alias, &QLineEdit::textChanged, this, &SetAliasDialog::update);
    update();
}

QString SetAliasDialog::alias() const
{
    return m_alias->text().trimmed();
}

void SetAliasDialog::setAlias(const QString &alias)
{
    m_alias->setText(alias);
}

QString SetAliasDialog::aliasError(const QString &alias)
{
    if (alias.isEmpty())
        return tr("Type an alias name.");
    static const QRegularExpression allowed(QStringLiteral("^[\\w\\-]+$"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    if (!allowed.match(alias).hasMatch())
        return tr("An alias may only hold letters, digits, underscores (_) and dashes (-).");
    static const QRegularExpression versionLike(QStringLiteral("^[vV]\\d+$"));
    if (versionLike.match(alias).hasMatch())
        return tr("\"%1\" looks like a version number (v<number>), which MLflow reserves.").arg(alias);
    if (alias.compare(QLatin1String("latest"), Qt::CaseInsensitive) == 0)
        return tr("\"latest\" is reserved by MLflow: it always means the newest version.");
    return {};
}

QString SetAliasDialog::errorText() const
{
    return m_error->text();
}

QString SetAliasDialog::noteText() const
{
    return m_note->text();
}

void SetAliasDialog::update()
{
    const QString a = alias();
    const QString current = m_existing.value(a);
    if (current.isEmpty() || a.isEmpty())
        m_note->clear();
    else if (current == m_version)
        m_note->setText(tr("\"%1\" already points at version %2.").arg(a, current));
    else
        m_note->setText(
            tr("\"%1\" points at version %2 now; it will move to version %3.").arg(a, current, m_version));
    // Say what is wrong as soon as something is typed, or after a first try with nothing.
    m_error->setText(a.isEmpty() && !m_tried ? QString() : aliasError(a));
}

bool SetAliasDialog::validate()
{
    m_tried = true;
    update();
    return aliasError(alias()).isEmpty();
}

void SetAliasDialog::accept()
{
    if (validate())
        QDialog::accept();
}

} // namespace lab

#include "dialogrunner.h"

#include <QDialog>
#include <QFileDialog>
#include <QMessageBox>

namespace lab {

DialogRunner::~DialogRunner() = default;

bool DialogRunner::exec(QDialog *dialog)
{
    return dialog->exec() == QDialog::Accepted;
}

void DialogRunner::showError(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

bool DialogRunner::confirm(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
           QMessageBox::Yes;
}

QString DialogRunner::openFile(QWidget *parent, const QString &caption, const QString &directory,
                               const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

DialogRunner *DialogRunner::defaultRunner()
{
    static DialogRunner runner;
    return &runner;
}

} // namespace lab

#pragma once

#include <QString>

class QDialog;
class QWidget;

namespace lab {

// The one place the views open modal dialogs and message boxes. The application uses this
// default, which really shows them; GUI tests install a subclass that answers them (fills a
// dialog's fields and accepts it, picks a file) without a nested event loop.
class DialogRunner
{
public:
    virtual ~DialogRunner();

    // Shows `dialog` modally; true when the user accepted it.
    virtual bool exec(QDialog *dialog);
    virtual void showError(QWidget *parent, const QString &title, const QString &text);
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text);
    // An empty string when cancelled.
    virtual QString openFile(QWidget *parent, const QString &caption, const QString &directory,
                             const QString &filter);

    // The runner used when a view is given none.
    static DialogRunner *defaultRunner();
};

} // namespace lab

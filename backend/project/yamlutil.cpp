#include "project/yamlutil.h"

#include <QCoreApplication>

namespace lab::yamlutil {

static QString location(const QString &source, int line, const char *context)
{
    if (line < 0)
        return source;
    //: %1 is a file name, %2 a line number
    return QCoreApplication::translate(context, "%1, line %2").arg(source).arg(line + 1);
}

Result<YAML::Node> parse(const QByteArray &text, const QString &source, const char *context)
{
    try {
        return YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        Error err;
        err.code = QStringLiteral("INVALID_YAML");
        //: %1 is "file, line N", %2 the parser's message
        err.message = QCoreApplication::translate(context, "%1: not valid YAML: %2")
                          .arg(location(source, e.mark.is_null() ? -1 : e.mark.line, context),
                               QString::fromStdString(e.msg));
        err.detail = source;
        return err;
    } catch (const std::exception &e) {
        Error err;
        err.code = QStringLiteral("INVALID_YAML");
        err.message = QCoreApplication::translate(context, "%1: not valid YAML: %2")
                          .arg(source, QString::fromUtf8(e.what()));
        err.detail = source;
        return err;
    }
}

Error errorAt(const QString &source, const YAML::Node &node, const QString &message, const char *context,
              const QString &code)
{
    int line = -1;
    if (node.IsDefined() && !node.Mark().is_null())
        line = node.Mark().line;
    Error err;
    err.code = code;
    err.message = location(source, line, context) + QStringLiteral(": ") + message;
    err.detail = source;
    return err;
}

bool isScalar(const YAML::Node &node)
{
    return node.IsDefined() && node.IsScalar();
}

QString text(const YAML::Node &node)
{
    if (!isScalar(node))
        return {};
    return QString::fromStdString(node.Scalar());
}

QString dump(const YAML::Node &node)
{
    if (!node.IsDefined() || node.IsNull())
        return {};
    try {
        YAML::Emitter out;
        out << node;
        return QString::fromStdString(out.c_str());
    } catch (const std::exception &) {
        return {};
    }
}

} // namespace lab::yamlutil

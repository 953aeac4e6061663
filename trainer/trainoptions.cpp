#include "trainoptions.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>
#include <optional>

namespace lab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::Trainer", text);
}

struct Flag
{
    const char *name; // kebab-case
    bool takesValue;
    const char *defaultValue;
    const char *metavar;
    const char *help;
};

const Flag flags[] = {
    {"hidden-sizes", true, "64,64", "LIST", "comma-separated hidden layer widths (empty: no hidden layer)"},
    {"learning-rate", true, "0.01", "RATE", "optimiser step size"},
    {"epochs", true, "20", "N", "passes over the training rows"},
    {"batch-size", true, "64", "N", "rows per optimiser step"},
    {"optimizer", true, "adam", "NAME", "sgd or adam"},
    {"seed", true, "1", "N", "seed for data, initial weights and batch order"},
    {"dataset", true, "spirals", "NAME", "spirals (built in) or csv"},
    {"samples", true, "2000", "N", "spirals: number of points"},
    {"noise", true, "0.2", "X", "spirals: standard deviation of the angle noise"},
    {"classes", true, "3", "N", "spirals: number of arms (classes)"},
    {"csv", true, "", "FILE", "csv: path of a CSV file with a header row (implies --dataset=csv)"},
    {"target", true, "", "COLUMN", "csv: name of the label column"},
    {"val-fraction", true, "0.2", "X", "share of rows held out for validation"},
    {"device", true, "auto", "NAME", "auto (CUDA when a GPU is present, else CPU), cpu or cuda"},
    {"help", false, "", "", "show this help"},
};

const Flag *findFlag(const QString &name)
{
    for (const Flag &f : flags)
        if (name == QLatin1String(f.name))
            return &f;
    return nullptr;
}

QString snake(const char *kebab)
{
    return QString::fromLatin1(kebab).replace(QLatin1Char('-'), QLatin1Char('_'));
}

Error usage(const QString &message)
{
    Error e = makeError(message, QStringLiteral("INVALID_ARGUMENT"));
    e.hint = tr("Run lab-train --help for the options.");
    return e;
}

} // namespace

Result<TrainOptions> TrainOptions::parse(const QStringList &arguments)
{
    TrainOptions o;
    QMap<QString, QString> raw; // kebab name -> value
    for (int i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments[i];
        if (arg == QLatin1String("-h")) {
            o.help = true;
            continue;
        }
        if (!arg.startsWith(QLatin1String("--")) || arg.size() == 2)
            return usage(tr("Unexpected argument \"%1\".").arg(arg));
        QString name = arg.mid(2);
        QString value;
        bool hasValue = false;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasValue = true;
        }
        name.replace(QLatin1Char('_'), QLatin1Char('-'));
        const Flag *flag = findFlag(name);
        if (!flag)
            return usage(tr("Unknown option \"--%1\".").arg(name));
        if (!flag->takesValue) {
            if (hasValue)
                return usage(tr("The option --%1 takes no value.").arg(name));
            o.help = true;
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= arguments.size())
                return usage(tr("The option --%1 needs a value.").arg(name));
            value = arguments[++i];
        }
        raw.insert(name, value.trimmed());
    }
    if (o.help)
        return o;

    auto text = [&](const char *name) {
        return raw.value(QLatin1String(name), QLatin1String(findFlag(QLatin1String(name))->defaultValue));
    };
    auto positiveInt = [&](const char *name, int minimum, int *out) -> std::optional<Error> {
        bool ok = false;
        const int v = text(name).toInt(&ok);
        if (!ok || v < minimum)
            return usage(tr("--%1 must be a whole number of at least %2, not \"%3\".")
                             .arg(QLatin1String(name))
                             .arg(minimum)
                             .arg(text(name)));
        *out = v;
        return std::nullopt;
    };
    auto real = [&](const char *name, double lo, double hi, bool loOpen, bool hiOpen,
                    double *out) -> std::optional<Error> {
        bool ok = false;
        const double v = text(name).toDouble(&ok);
        const bool inRange =
            ok && std::isfinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!inRange)
            return usage(tr("--%1 must be a number in %2%3, %4%5, not \"%6\".")
                             .arg(QLatin1String(name), loOpen ? QStringLiteral("(") : QStringLiteral("["))
                             .arg(lo)
                             .arg(std::isinf(hi) ? QStringLiteral("inf") : QString::number(hi),
                                  hiOpen ? QStringLiteral(")") : QStringLiteral("]"), text(name)));
        *out = v;
        return std::nullopt;
    };

    o.hiddenSizes.clear();
    const QString hidden = text("hidden-sizes");
    for (const QString &part : hidden.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok || v < 1 || v > 65536)
            return usage(
                tr("--hidden-sizes must be a comma-separated list of layer widths such as 64,64, not \"%1\".")
                    .arg(hidden));
        o.hiddenSizes.push_back(v);
    }
    const double inf = std::numeric_limits<double>::infinity();
    if (auto e = real("learning-rate", 0, inf, true, true, &o.learningRate))
        return *e;
    if (auto e = positiveInt("epochs", 1, &o.epochs))
        return *e;
    if (auto e = positiveInt("batch-size", 1, &o.batchSize))
        return *e;
    o.optimizer = text("optimizer").toLower();
    if (o.optimizer != QLatin1String("sgd") && o.optimizer != QLatin1String("adam"))
        return usage(tr("--optimizer must be sgd or adam, not \"%1\".").arg(text("optimizer")));
    bool seedOk = false;
    o.seed = text("seed").toULongLong(&seedOk);
    if (!seedOk)
        return usage(tr("--seed must be a non-negative whole number, not \"%1\".").arg(text("seed")));
    o.csvPath = text("csv");
    o.target = text("target");
    o.dataset = raw.contains(QStringLiteral("dataset")) || o.csvPath.isEmpty() ? text("dataset").toLower()
                                                                               : QStringLiteral("csv");
    if (o.dataset != QLatin1String("spirals") && o.dataset != QLatin1String("csv"))
        return usage(tr("--dataset must be spirals or csv, not \"%1\".").arg(text("dataset")));
    if (auto e = positiveInt("classes", 2, &o.classes))
        return *e;
    if (auto e = positiveInt("samples", 2, &o.samples))
        return *e;
    if (auto e = real("noise", 0, inf, false, true, &o.noise))
        return *e;
    if (o.dataset == QLatin1String("spirals") && o.samples < 2 * o.classes)
        return usage(
            tr("--samples (%1) must be at least twice --classes (%2).").arg(o.samples).arg(o.classes));
    if (o.dataset == QLatin1String("csv")) {
        if (o.csvPath.isEmpty())
            return usage(tr("--dataset=csv needs --csv=<file>."));
        if (o.target.isEmpty())
            return usage(tr("--dataset=csv needs --target=<column name>."));
    }
    if (auto e = real("val-fraction", 0, 1, true, true, &o.validationFraction))
        return *e;
    o.device = text("device").toLower();
    if (o.device != QLatin1String("auto") && o.device != QLatin1String("cpu") &&
        o.device != QLatin1String("cuda"))
        return usage(tr("--device must be auto, cpu or cuda, not \"%1\".").arg(text("device")));

    for (const Flag &f : flags)
        if (f.takesValue)
            o.given.insert(snake(f.name), text(f.name));
    o.given.insert(QStringLiteral("dataset"), o.dataset);
    return o;
}

QString TrainOptions::helpText()
{
    QString s = tr("Usage: lab-train [--option=value ...]\n"
                   "Trains a small MLP classifier and logs it to the MLflow store named by\n"
                   "MLFLOW_TRACKING_URI (run MLFLOW_RUN_ID, or a new run in MLFLOW_EXPERIMENT_NAME).\n\n"
                   "Options (also --option value; snake_case names are accepted):\n");
    for (const Flag &f : flags) {
        QString left = QStringLiteral("  --") + QLatin1String(f.name);
        if (f.takesValue)
            left += QStringLiteral("=") + QLatin1String(f.metavar);
        s += left.leftJustified(26) + QLatin1Char(' ') + QLatin1String(f.help);
        if (f.takesValue && *f.defaultValue)
            s += QStringLiteral(" (default ") + QLatin1String(f.defaultValue) + QLatin1Char(')');
        s += QLatin1Char('\n');
    }
    s += tr("\nExit codes: 0 finished, 1 failed (bad data, diverged, store error), 2 invalid arguments or\n"
            "no CUDA-capable GPU for --device=cuda, 143 stopped by SIGTERM (run marked KILLED).\n");
    return s;
}

QList<Param> TrainOptions::params() const
{
    static const char *common[] = {"hidden_sizes", "learning_rate", "epochs",       "batch_size", "optimizer",
                                   "seed",         "dataset",       "val_fraction", "device"};
    QList<Param> out;
    for (const char *key : common)
        out << Param{QLatin1String(key), given.value(QLatin1String(key))};
    if (dataset == QLatin1String("spirals")) {
        for (const char *key : {"samples", "noise", "classes"})
            out << Param{QLatin1String(key), given.value(QLatin1String(key))};
    } else {
        for (const char *key : {"csv", "target"})
            out << Param{QLatin1String(key), given.value(QLatin1String(key))};
    }
    return out;
}

} // namespace lab

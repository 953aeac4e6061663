#include "project/labprofiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <algorithm>

Q_LOGGING_CATEGORY(lcProfiles, "labconsole.profiles")

namespace lab {

namespace {

const QString EmbeddedDir = QStringLiteral(":/profiles");

LabProfile loadOrBroken(const QString &path, bool embedded)
{
    Result<LabProfile> r = LabProfile::load(path);
    if (r) {
        r->embedded = embedded;
        return *r;
    }
    qCWarning(lcProfiles) << "profile not loaded:" << r.error().message;
    LabProfile broken;
    broken.name = QFileInfo(path).completeBaseName();
    broken.displayName = broken.name;
    broken.source = path;
    broken.embedded = embedded;
    broken.error = r.error().message;
    return broken;
}

QList<LabProfile> loadDir(const QString &dir, bool embedded)
{
    QList<LabProfile> out;
    const QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")},
                                                        QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &fi : files)
        out.append(loadOrBroken(fi.filePath(), embedded));
    return out;
}

} // namespace

QString LabProfiles::userDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/labconsole/profiles");
}

QList<LabProfile> LabProfiles::available()
{
    QList<LabProfile> embedded = loadDir(EmbeddedDir, true);
    // The built-in default leads the list.
    std::stable_sort(embedded.begin(), embedded.end(), [](const LabProfile &a, const LabProfile &b) {
        return (a.name == defaultName()) > (b.name == defaultName());
    });
    QList<LabProfile> user = loadDir(userDirectory(), false);

    QList<LabProfile> out;
    for (const LabProfile &e : std::as_const(embedded)) {
        auto it =
            std::find_if(user.begin(), user.end(), [&](const LabProfile &u) { return u.name == e.name; });
        if (it != user.end()) {
            out.append(*it);
            user.erase(it);
        } else {
            out.append(e);
        }
    }
    // Two user files naming the same profile: the first by file name wins, as with kubeconfig.
    for (const LabProfile &u : std::as_const(user)) {
        const bool dup =
            std::any_of(out.cbegin(), out.cend(), [&](const LabProfile &o) { return o.name == u.name; });
        if (dup)
            qCWarning(lcProfiles) << "profile" << u.name << "defined twice; ignoring" << u.source;
        else
            out.append(u);
    }
    return out;
}

Result<LabProfile> LabProfiles::find(const QString &name)
{
    const QList<LabProfile> all = available();
    for (const LabProfile &p : all) {
        if (p.name != name)
            continue;
        if (!p.isValid())
            return makeError(p.error, QStringLiteral("INVALID_PROFILE"), p.source);
        return p;
    }
    QStringList names;
    for (const LabProfile &p : all)
        names << p.name;
    Error err = makeError(
        QCoreApplication::translate("lab::LabProfile", "There is no lab profile named \"%1\".").arg(name),
        QStringLiteral("NOT_FOUND"));
    err.hint = QCoreApplication::translate("lab::LabProfile", "Known profiles: %1.")
                   .arg(names.join(QStringLiteral(", ")));
    return err;
}

LabProfile LabProfiles::local()
{
    Result<LabProfile> r = LabProfile::load(EmbeddedDir + QStringLiteral("/local.yaml"));
    if (r) {
        r->embedded = true;
        return *r;
    }
    // Only a build without the resource gets here; the defaults are the local lab.
    qCWarning(lcProfiles) << "embedded local profile missing:" << r.error().message;
    LabProfile p;
    p.name = defaultName();
    p.displayName = QCoreApplication::translate("lab::LabProfile", "Local lab");
    p.telemetry.kind = QStringLiteral("nvml");
    p.embedded = true;
    return p;
}

} // namespace lab

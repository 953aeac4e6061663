// End to end through the real labctl binary on a temporary MLflow file store: what a user types
// in a terminal, checked against what the store holds.
#include "testpaths.h"
#include "tracking/mlflowjson.h"
#include "tracking/trackingstorefactory.h"

#include <QDir>
#include <QFile>
#include <QLibrary>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace lab;
using Json = MlflowJson::Json;

namespace {

struct Out
{
    int code = -1;
    QString out;
    QString err;
    bool finished = false;
};

// RFC 4180 reader, so the test checks labctl's quoting instead of trusting it.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any)
        rows << (row << field);
    return rows;
}

bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray s = stat.readAll();
    const qsizetype paren = s.lastIndexOf(')');
    return paren > 0 && paren + 2 < s.size() && s[paren + 2] == 'Z'; // a zombie no one reaped yet is gone too
}

} // namespace

class TestLabctl : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_labctl;
    QString m_storeUri;
    QString m_runA; // learning_rate 0.01
    QString m_runB; // learning_rate 0.1

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("MLFLOW_TRACKING_URI"), m_storeUri);
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        e.remove(QStringLiteral("QT_LOGGING_RULES"));
        return e;
    }

    Out labctl(const QStringList &args, int timeoutMs = 90000) const
    {
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(m_labctl, args);
        Out o;
        if (!p.waitForStarted(10000))
            return o;
        o.finished = p.waitForFinished(timeoutMs);
        if (!o.finished) {
            p.kill();
            p.waitForFinished();
        }
        o.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        o.out = QString::fromUtf8(p.readAllStandardOutput());
        o.err = QString::fromUtf8(p.readAllStandardError());
        return o;
    }

    static Json json(const Out &o)
    {
        Result<Json> j = MlflowJson::parse(o.out.toUtf8());
        return j.ok() ? j.value() : Json();
    }

    std::unique_ptr<TrackingStore> store() const
    {
        auto s = openTrackingStore(m_storeUri);
        return s.ok() ? std::move(s.value()) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_labctl = labtest::builtProgram(QStringLiteral("labctl"));
        QVERIFY2(!m_labctl.isEmpty(), "labctl is not built");
        QVERIFY2(!labtest::builtProgram(QStringLiteral("lab-train")).isEmpty(), "lab-train is not built");
        m_storeUri = QStringLiteral("file:") + m_tmp.filePath(QStringLiteral("mlruns"));

        // Two trainer runs to look at, as a student would start them.
        Out a = labctl({QStringLiteral("launch"), QStringLiteral("--experiment"), QStringLiteral("spirals"),
                        QStringLiteral("--name"), QStringLiteral("slow"), QStringLiteral("--param"),
                        QStringLiteral("epochs=3"), QStringLiteral("--param"),
                        QStringLiteral("learning_rate=0.01"), QStringLiteral("--wait"), QStringLiteral("-o"),
                        QStringLiteral("json")});
        QVERIFY2(a.finished && a.code == 0, qPrintable(a.err));
        Json ja = json(a);
        QCOMPARE(ja["runs"].size(), std::size_t(1));
        QCOMPARE(ja["runs"][0]["info"]["status"].get<std::string>(), std::string("FINISHED"));
        m_runA = QString::fromStdString(ja["runs"][0]["info"]["run_id"].get<std::string>());

        Out b = labctl({QStringLiteral("launch"), QStringLiteral("-e"), QStringLiteral("spirals"),
                        QStringLiteral("-n"), QStringLiteral("fast"), QStringLiteral("-p"),
                        QStringLiteral("epochs=2"), QStringLiteral("-p"), QStringLiteral("learning_rate=0.1"),
                        QStringLiteral("--wait")});
        QVERIFY2(b.finished && b.code == 0, qPrintable(b.err));
        // Table output: the run id is the first column of the one data row.
        const QStringList lines = b.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("RUN ID")));
        m_runB = lines[1].section(QLatin1Char(' '), 0, 0);
        QCOMPARE(m_runB.size(), 32);
        QVERIFY(lines[1].contains(QStringLiteral("FINISHED")));
    }

    void versionAndHelp()
    {
        Out v = labctl({QStringLiteral("--version")});
        QCOMPARE(v.code, 0);
        QVERIFY(QRegularExpression(QStringLiteral("^labctl \\d+\\.\\d+\\.\\d+\\n$")).match(v.out).hasMatch());
        Out h = labctl({QStringLiteral("--help")});
        QCOMPARE(h.code, 0);
        for (const char *c : {"experiments list", "runs list", "runs show", "runs compare", "metrics get",
                              "launch", "logs", "cancel", "gpus"})
            QVERIFY2(h.out.contains(QLatin1String(c)), c);
        Out sub = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--help")});
        QCOMPARE(sub.code, 0);
        QVERIFY(sub.out.startsWith(QStringLiteral("Usage: labctl runs list")));
        QVERIFY(sub.out.contains(QStringLiteral("--order-by")));
        Out l = labctl({QStringLiteral("launch"), QStringLiteral("--help")});
        QCOMPARE(l.code, 0);
        for (const char *o :
             {"--sweep", "--gpus", "--command", "--mlproject", "--entry-point", "--wait", "--follow"})
            QVERIFY2(l.out.contains(QLatin1String(o)), o);
    }

    void usageErrorsExitTwo()
    {
        const QList<QStringList> bad = {
            {},
            {QStringLiteral("frobnicate")},
            {QStringLiteral("--bogus"), QStringLiteral("runs"), QStringLiteral("list")},
            {QStringLiteral("runs")},
            {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--bogus")},
            {QStringLiteral("runs"), QStringLiteral("show")},
            {QStringLiteral("runs"), QStringLiteral("compare"), m_runA},
            {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--max-results"),
             QStringLiteral("many")},
            {QStringLiteral("-o"), QStringLiteral("xml"), QStringLiteral("runs"), QStringLiteral("list")},
            {QStringLiteral("launch"), QStringLiteral("--param"), QStringLiteral("novalue")},
            {QStringLiteral("launch"), QStringLiteral("--command"), QStringLiteral("true"),
             QStringLiteral("--mlproject"), QStringLiteral(".")},
            {QStringLiteral("metrics"), QStringLiteral("get"), m_runA},
            {QStringLiteral("launch"), QStringLiteral("--command"), QStringLiteral("echo 'unbalanced")},
            {QStringLiteral("launch"), QStringLiteral("--command"), QStringLiteral("echo $(id)")},
        };
        for (const QStringList &args : bad) {
            Out o = labctl(args);
            QVERIFY2(o.code == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") +
                                             QString::number(o.code)));
            QVERIFY2(!o.err.isEmpty(), qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY(o.out.isEmpty());
        }
    }

    void missingRunIsAnErrorInWords()
    {
        Out o = labctl({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("nosuchrun")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.startsWith(QStringLiteral("labctl: run 'nosuchrun' not found in file://")),
                 qPrintable(o.err));
    }

    void unknownProfileIsAnError()
    {
        Out o = labctl({QStringLiteral("--profile"), QStringLiteral("no-such-lab"), QStringLiteral("runs"),
                        QStringLiteral("list")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.startsWith(QStringLiteral("labctl: ")) &&
                     o.err.contains(QStringLiteral("no-such-lab")),
                 qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
    }

    void experimentsList()
    {
        Out t = labctl({QStringLiteral("experiments"), QStringLiteral("list")});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.contains(QStringLiteral("spirals")));
        Out j = labctl({QStringLiteral("experiments"), QStringLiteral("list"), QStringLiteral("-o"),
                        QStringLiteral("json")});
        QCOMPARE(j.code, 0);
        const Json doc = json(j);
        QVERIFY(doc["experiments"].is_array());
        bool found = false;
        for (const Json &e : doc["experiments"]) {
            Result<Experiment> exp = MlflowJson::experimentFromJson(e);
            QVERIFY(exp.ok());
            found |= exp->name == QStringLiteral("spirals");
        }
        QVERIFY(found);
    }

    void runsListTableIsAligned()
    {
        Out o = labctl({QStringLiteral("runs"), QStringLiteral("list")});
        QCOMPARE(o.code, 0);
        const QStringList lines = o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const qsizetype statusCol = lines[0].indexOf(QStringLiteral("STATUS"));
        const qsizetype metricCol = lines[0].indexOf(QStringLiteral("val_accuracy"));
        QVERIFY(statusCol > 0 && metricCol > statusCol);
        for (int i = 1; i < 3; ++i) {
            QCOMPARE(lines[i].mid(statusCol, 8), QStringLiteral("FINISHED"));
            QVERIFY(lines[i].at(metricCol).isDigit());
            QVERIFY(lines[i].at(metricCol - 1) == QLatin1Char(' '));
        }
        // Newest first, as MLflow orders by default.
        QVERIFY(lines[1].startsWith(m_runB));
        QVERIFY(lines[2].startsWith(m_runA));
    }

    void runsListJsonIsMlflowShaped()
    {
        Out o = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--experiment"),
                        QStringLiteral("spirals"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(o.code, 0);
        const Json doc = json(o);
        QCOMPARE(doc["runs"].size(), std::size_t(2));
        QVERIFY(!doc.contains("next_page_token"));
        auto s = store();
        QVERIFY(s);
        for (const Json &jr : doc["runs"]) {
            Result<Run> r = MlflowJson::runFromJson(jr);
            QVERIFY(r.ok());
            auto stored = s->getRun(r->info.runId);
            QVERIFY(stored.ok());
            QCOMPARE(r->info.status, stored->info.status);
            QCOMPARE(r->info.startTime, stored->info.startTime);
            QCOMPARE(r->info.endTime, stored->info.endTime);
            QCOMPARE(r->params, stored->params);
            QCOMPARE(r->metrics, stored->metrics);
            QVERIFY(r->metric(QStringLiteral("val_accuracy")));
        }
        // Paging: one per page, with a token that leads to the other run.
        Out p1 = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--max-results"),
                         QStringLiteral("1"), QStringLiteral("-o"), QStringLiteral("json")});
        const Json d1 = json(p1);
        QCOMPARE(d1["runs"].size(), std::size_t(1));
        QVERIFY(d1.contains("next_page_token"));
        Out p2 = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--max-results"),
                         QStringLiteral("1"), QStringLiteral("--page-token"),
                         QString::fromStdString(d1["next_page_token"].get<std::string>()),
                         QStringLiteral("-o"), QStringLiteral("json")});
        const Json d2 = json(p2);
        QCOMPARE(d2["runs"].size(), std::size_t(1));
        QVERIFY(d2["runs"][0]["info"]["run_id"] != d1["runs"][0]["info"]["run_id"]);
    }

    void runsListCsvParsesBack()
    {
        Out o = labctl(
            {QStringLiteral("-o"), QStringLiteral("csv"), QStringLiteral("runs"), QStringLiteral("list")});
        QCOMPARE(o.code, 0);
        const QList<QStringList> rows = parseCsv(o.out);
        QCOMPARE(rows.size(), 3);
        const QStringList header = rows[0];
        const qsizetype id = header.indexOf(QStringLiteral("run_id"));
        const qsizetype lr = header.indexOf(QStringLiteral("params.learning_rate"));
        const qsizetype hidden = header.indexOf(QStringLiteral("params.hidden_sizes"));
        const qsizetype acc = header.indexOf(QStringLiteral("metrics.val_accuracy"));
        QVERIFY(id >= 0 && lr >= 0 && hidden >= 0 && acc >= 0);
        auto s = store();
        for (int i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), header.size());
            auto run = s->getRun(rows[i][id]);
            QVERIFY(run.ok());
            QCOMPARE(rows[i][lr], run->param(QStringLiteral("learning_rate")));
            // "64,64" holds a comma: it survives only if quoted properly.
            QCOMPARE(rows[i][hidden], run->param(QStringLiteral("hidden_sizes")));
            QVERIFY(rows[i][hidden].contains(QLatin1Char(',')));
            QCOMPARE(rows[i][acc].toDouble(), run->metric(QStringLiteral("val_accuracy"))->value);
        }
    }

    void filterAndOrderBy()
    {
        Out f = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--filter"),
                        QStringLiteral("params.learning_rate = '0.1' and attributes.status = 'FINISHED'"),
                        QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(f.code, 0);
        const Json fd = json(f);
        QCOMPARE(fd["runs"].size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(fd["runs"][0]["info"]["run_id"].get<std::string>()), m_runB);

        auto s = store();
        const double lossA = s->getRun(m_runA)->metric(QStringLiteral("val_loss"))->value;
        const double lossB = s->getRun(m_runB)->metric(QStringLiteral("val_loss"))->value;
        for (const char *dir : {"ASC", "DESC"}) {
            Out o = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--order-by"),
                            QStringLiteral("metrics.val_loss %1").arg(QLatin1String(dir)),
                            QStringLiteral("-o"), QStringLiteral("json")});
            QCOMPARE(o.code, 0);
            const Json d = json(o);
            QCOMPARE(d["runs"].size(), std::size_t(2));
            const bool asc = qstrcmp(dir, "ASC") == 0;
            const QString first = (lossA < lossB) == asc ? m_runA : m_runB;
            QCOMPARE(QString::fromStdString(d["runs"][0]["info"]["run_id"].get<std::string>()), first);
        }
        Out bad = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--filter"),
                          QStringLiteral("metrics.x >>> 1")});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.startsWith(QStringLiteral("labctl: ")));
    }

    void showByIdPrefixAndName()
    {
        Out j = labctl({QStringLiteral("runs"), QStringLiteral("show"), m_runA, QStringLiteral("-o"),
                        QStringLiteral("json")});
        QCOMPARE(j.code, 0);
        const Json doc = json(j);
        QVERIFY(doc.contains("run"));
        Result<Run> r = MlflowJson::runFromJson(doc["run"]);
        QVERIFY(r.ok());
        auto stored = store()->getRun(m_runA);
        QCOMPARE(r->info.runId, m_runA);
        QCOMPARE(r->tags, stored->tags);
        QCOMPARE(r->params, stored->params);
        QCOMPARE(r->param(QStringLiteral("epochs")), QStringLiteral("3"));

        Out byName = labctl({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("fast")});
        QCOMPARE(byName.code, 0);
        QVERIFY(byName.out.contains(m_runB));
        QVERIFY(byName.out.contains(QStringLiteral("FINISHED")));
        QVERIFY(byName.out.contains(QStringLiteral("learning_rate")));
        Out byPrefix = labctl({QStringLiteral("runs"), QStringLiteral("show"), m_runB.left(10),
                               QStringLiteral("-o"), QStringLiteral("csv")});
        QCOMPARE(byPrefix.code, 0);
        const QList<QStringList> rows = parseCsv(byPrefix.out);
        QVERIFY(std::any_of(rows.begin(), rows.end(), [&](const QStringList &row) {
            return row.size() >= 3 && row[0] == QStringLiteral("info") &&
                   row[1] == QStringLiteral("run_id") && row[2] == m_runB;
        }));
    }

    void compareTwoRuns()
    {
        Out o = labctl({QStringLiteral("runs"), QStringLiteral("compare"), m_runA, m_runB,
                        QStringLiteral("-o"), QStringLiteral("csv")});
        QCOMPARE(o.code, 0);
        const QList<QStringList> rows = parseCsv(o.out);
        QCOMPARE(rows[0], (QStringList{QStringLiteral("field"), m_runA, m_runB}));
        auto find = [&](const QString &field) {
            for (const QStringList &r : rows)
                if (!r.isEmpty() && r[0] == field)
                    return r;
            return QStringList();
        };
        QCOMPARE(find(QStringLiteral("params.learning_rate")),
                 (QStringList{QStringLiteral("params.learning_rate"), QStringLiteral("0.01"),
                              QStringLiteral("0.1")}));
        auto s = store();
        for (const QString &run : {m_runA, m_runB}) {
            auto history = s->getMetricHistory(run, QStringLiteral("train_loss"));
            QVERIFY(history.ok() && !history->isEmpty());
            double mn = history->first().value, mx = mn;
            for (const MetricPoint &m : history.value()) {
                mn = std::min(mn, m.value);
                mx = std::max(mx, m.value);
            }
            const int col = run == m_runA ? 1 : 2;
            QCOMPARE(find(QStringLiteral("metrics.train_loss.min")).value(col).toDouble(), mn);
            QCOMPARE(find(QStringLiteral("metrics.train_loss.max")).value(col).toDouble(), mx);
            QCOMPARE(find(QStringLiteral("metrics.train_loss.last")).value(col).toDouble(),
                     s->getRun(run)->metric(QStringLiteral("train_loss"))->value);
        }
        Out diff = labctl({QStringLiteral("runs"), QStringLiteral("compare"), QStringLiteral("slow"),
                           QStringLiteral("fast"), QStringLiteral("--diff")});
        QCOMPARE(diff.code, 0);
        QVERIFY(diff.out.contains(QStringLiteral("params.learning_rate")));
        QVERIFY(diff.out.contains(QStringLiteral("params.epochs")));
        QVERIFY(!diff.out.contains(QStringLiteral("params.optimizer"))); // the same in both
        Out js = labctl({QStringLiteral("runs"), QStringLiteral("compare"), m_runA, m_runB,
                         QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(json(js)["runs"].size(), std::size_t(2));
        QVERIFY(json(js)["metric_summaries"].size() >= 8);
    }

    void metricsGetEqualsTheStoredHistory()
    {
        Out o = labctl({QStringLiteral("metrics"), QStringLiteral("get"), m_runA,
                        QStringLiteral("train_loss"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(o.code, 0);
        Result<QList<MetricPoint>> got = MlflowJson::metricHistoryFromJson(json(o));
        QVERIFY(got.ok());
        auto expected = store()->getMetricHistory(m_runA, QStringLiteral("train_loss"));
        QVERIFY(expected.ok());
        QVERIFY(expected->size() > 10);
        QCOMPARE(got.value(), expected.value()); // every key, value, timestamp and step

        Out t = labctl(
            {QStringLiteral("metrics"), QStringLiteral("get"), m_runA, QStringLiteral("val_accuracy")});
        QCOMPARE(t.code, 0);
        QCOMPARE(t.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1 + 3); // header + 3 epochs
        Out missing =
            labctl({QStringLiteral("metrics"), QStringLiteral("get"), m_runA, QStringLiteral("nope")});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains(QStringLiteral("no metric 'nope'")));
    }

    void logsOfAFinishedRun()
    {
        Out o = labctl({QStringLiteral("logs"), m_runA});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains(QStringLiteral("epoch 1/3")), qPrintable(o.out));
        QVERIFY(o.out.contains(QStringLiteral("epoch 3/3")));
        Out f = labctl({QStringLiteral("logs"), m_runA, QStringLiteral("--follow")}, 20000);
        QVERIFY(f.finished); // a finished run: --follow returns at once
        QCOMPARE(f.out, o.out);
    }

    void logsFollowARunningJobUntilItEnds()
    {
        // Started by one labctl that returns at once; followed by another that must notice the end
        // although no console watches the job.
        Out l = labctl({QStringLiteral("launch"), QStringLiteral("-n"), QStringLiteral("ticker"),
                        QStringLiteral("--command"),
                        QStringLiteral("sh -c 'for i in 1 2 3; do echo tick $i; sleep 0.4; done'"),
                        QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(l.code == 0, qPrintable(l.err));
        const QString runId = QString::fromStdString(json(l)["runs"][0]["info"]["run_id"].get<std::string>());
        Out f = labctl({QStringLiteral("logs"), runId, QStringLiteral("--follow")}, 30000);
        QVERIFY(f.finished);
        QCOMPARE(f.code, 0);
        QCOMPARE(f.out, QStringLiteral("tick 1\ntick 2\ntick 3\n"));
        QCOMPARE(store()->getRun(runId)->info.status, RunStatus::Finished);
    }

    void launchFollowStreamsTheLog()
    {
        Out o = labctl({QStringLiteral("launch"), QStringLiteral("-n"), QStringLiteral("followed"),
                        QStringLiteral("-p"), QStringLiteral("epochs=2"), QStringLiteral("--follow")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("epoch 2/2")), qPrintable(o.out));
        QVERIFY(!o.out.contains(QStringLiteral("RUN ID"))); // stdout is the log only
    }

    void launchOfAMissingProgramFailsClearly()
    {
        Out o = labctl({QStringLiteral("launch"), QStringLiteral("--command"),
                        QStringLiteral("/nonexistent/trainer-xyz --epochs 3"), QStringLiteral("--wait")},
                       30000);
        QVERIFY(o.finished); // nothing hangs
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("/nonexistent/trainer-xyz")) &&
                     o.err.contains(QStringLiteral("not found")),
                 qPrintable(o.err));
    }

    void failingCommandWaitExitsNonZero()
    {
        Out o = labctl({QStringLiteral("launch"), QStringLiteral("-n"), QStringLiteral("failing"),
                        QStringLiteral("--command"), QStringLiteral("sh -c 'echo boom >&2; exit 3'"),
                        QStringLiteral("--wait"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("FAILED")) &&
                     o.err.contains(QStringLiteral("exited with code 3")),
                 qPrintable(o.err));
        QCOMPARE(json(o)["runs"][0]["info"]["status"].get<std::string>(), std::string("FAILED"));
    }

    void cancelARunningSleeper()
    {
        Out l = labctl({QStringLiteral("launch"), QStringLiteral("-n"), QStringLiteral("sleeper"),
                        QStringLiteral("--command"), QStringLiteral("sleep 30"), QStringLiteral("-o"),
                        QStringLiteral("json")});
        QVERIFY2(l.code == 0, qPrintable(l.err));
        const Json doc = json(l);
        const QString runId = QString::fromStdString(doc["runs"][0]["info"]["run_id"].get<std::string>());
        auto s = store();
        auto before = s->getRun(runId);
        QVERIFY(before.ok());
        QCOMPARE(before->info.status, RunStatus::Running); // labctl returned; the job lives on
        const qint64 pid = before->tag(tags::JobPid).toLongLong();
        QVERIFY(pid > 0);
        QVERIFY(!processGone(pid));

        Out c = labctl({QStringLiteral("cancel"), runId}, 30000);
        QVERIFY2(c.code == 0, qPrintable(c.err));
        QVERIFY(c.out.contains(QStringLiteral("KILLED")));
        auto after = s->getRun(runId);
        QCOMPARE(after->info.status, RunStatus::Killed);
        QVERIFY(after->info.endTime >= after->info.startTime);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);

        Out again = labctl({QStringLiteral("cancel"), runId});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains(QStringLiteral("already ended")));
    }

    void sweepQueuesOneChildPerValue()
    {
        Out o = labctl({QStringLiteral("launch"), QStringLiteral("-e"), QStringLiteral("sweeps"),
                        QStringLiteral("-n"), QStringLiteral("grid"), QStringLiteral("-p"),
                        QStringLiteral("epochs=1"), QStringLiteral("--sweep"),
                        QStringLiteral("learning_rate=0.01,0.05"), QStringLiteral("--wait"),
                        QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const Json d = json(o);
        QCOMPARE(d["runs"].size(), std::size_t(3)); // parent + 2 children
        const Run parent = MlflowJson::runFromJson(d["runs"][0]).value();
        QSet<QString> rates;
        for (int i = 1; i < 3; ++i) {
            const Run child = MlflowJson::runFromJson(d["runs"][i]).value();
            QCOMPARE(child.parentRunId(), parent.info.runId);
            QCOMPARE(child.info.status, RunStatus::Finished);
            rates.insert(child.param(QStringLiteral("learning_rate")));
        }
        QCOMPARE(rates, (QSet<QString>{QStringLiteral("0.01"), QStringLiteral("0.05")}));
    }

    void mlprojectEntryPoint()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(dir));
        QFile f(dir + QStringLiteral("/MLproject"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "name: echo\nentry_points:\n  main:\n    parameters:\n      alpha: {type: float, default: 0.5}\n"
            "      l1_ratio: {type: float, default: 0.1}\n    command: \"echo alpha {alpha} ratio "
            "{l1_ratio}\"\n");
        f.close();
        Out o = labctl({QStringLiteral("launch"), QStringLiteral("--mlproject"), dir, QStringLiteral("-p"),
                        QStringLiteral("alpha=0.7"), QStringLiteral("--follow")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(o.out.trimmed(), QStringLiteral("alpha 0.7 ratio 0.1"));
        Out bad = labctl({QStringLiteral("launch"), QStringLiteral("--mlproject"), dir, QStringLiteral("-p"),
                          QStringLiteral("alpha=lots")});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains(QStringLiteral("alpha")));
    }

    void gpusWithoutADriver()
    {
        QLibrary nvml(QStringLiteral("nvidia-ml"), 1);
        Out o = labctl({QStringLiteral("gpus")});
        QCOMPARE(o.code, 0);
        if (nvml.load()) {
            nvml.unload();
            QVERIFY(!o.out.isEmpty()); // a table, or "No NVIDIA GPU found"
        } else {
            QCOMPARE(o.out, QStringLiteral("No NVIDIA driver found\n"));
            QVERIFY(o.err.isEmpty()); // a state, not an error
            Out j = labctl({QStringLiteral("gpus"), QStringLiteral("-o"), QStringLiteral("json")});
            QCOMPARE(json(j)["state"].get<std::string>(), std::string("no_driver"));
            QVERIFY(json(j)["gpus"].empty());
        }
    }

    void readsTheFixtureStores()
    {
        // Copied first: opening a store may add the Default experiment.
        auto copyTree = [](const QString &from, const QString &to) {
            QDir src(from);
            QDir().mkpath(to);
            const QStringList entries = src.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
            std::function<bool(const QString &, const QString &)> rec = [&](const QString &a,
                                                                            const QString &b) {
                if (QFileInfo(a).isDir()) {
                    QDir().mkpath(b);
                    for (const QString &e :
                         QDir(a).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
                        if (!rec(a + QLatin1Char('/') + e, b + QLatin1Char('/') + e))
                            return false;
                    return true;
                }
                return QFile::copy(a, b);
            };
            for (const QString &e : entries)
                if (!rec(from + QLatin1Char('/') + e, to + QLatin1Char('/') + e))
                    return false;
            return true;
        };
        const QString sample = m_tmp.filePath(QStringLiteral("fixture-sample"));
        QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/MLFlowSample/mlruns")), sample));
        Out o = labctl({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--tracking-uri"),
                        QStringLiteral("file:") + sample, QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QSet<QString> ids;
        const Json listed = json(o);
        for (const Json &r : listed["runs"])
            ids.insert(QString::fromStdString(r["info"]["run_id"].get<std::string>()));
        QCOMPARE(ids, (QSet<QString>{QStringLiteral("b26c5803773144edb693e1a4c01c095e"),
                                     QStringLiteral("1a3c30a3fc464ce783540a93b69f941a")}));

        const QString swahili = m_tmp.filePath(QStringLiteral("fixture-swahili"));
        QVERIFY(copyTree(labtest::fixture(QStringLiteral("mlruns/Swahili-Speech-To-Text/mlruns")), swahili));
        Out m = labctl({QStringLiteral("--tracking-uri"), QStringLiteral("file:") + swahili,
                        QStringLiteral("metrics"), QStringLiteral("get"),
                        QStringLiteral("ed05f9cd599442fe9a0c9222184710b8"), QStringLiteral("loss"),
                        QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(m.code == 0, qPrintable(m.err));
        Result<QList<MetricPoint>> loss = MlflowJson::metricHistoryFromJson(json(m));
        QVERIFY(loss.ok());
        QCOMPARE(loss->size(), 10);
        QCOMPARE(loss->first().step, Q_INT64_C(0));
        QCOMPARE(loss->last().step, Q_INT64_C(9));
        Out s = labctl({QStringLiteral("--tracking-uri"), QStringLiteral("file:") + swahili,
                        QStringLiteral("runs"), QStringLiteral("show"),
                        QStringLiteral("ed05f9cd599442fe9a0c9222184710b8")});
        QCOMPARE(s.code, 0);
        QVERIFY(s.out.contains(QStringLiteral("Maelaf ES")));
    }
};

QTEST_GUILESS_MAIN(TestLabctl)
#include "tst_labctl.moc"

#include "dataset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lab;

class TestDataset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spiralsAreDeterministic();
    void spiralsHaveBalancedClasses();
    void csvWithStringLabels();
    void csvErrors_data();
    void csvErrors();
    void csvMissingFile();
    void splitKeepsEveryRowOnce();
    void standardisationCentresTrainingColumns();

private:
    QString writeCsv(const QByteArray &content);
    QTemporaryDir m_dir;
    int m_files = 0;
};

QString TestDataset::writeCsv(const QByteArray &content)
{
    const QString path = m_dir.filePath(QStringLiteral("data%1.csv").arg(++m_files));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

void TestDataset::spiralsAreDeterministic()
{
    const Dataset a = Dataset::spirals(300, 3, 0.2, 11);
    const Dataset b = Dataset::spirals(300, 3, 0.2, 11);
    const Dataset c = Dataset::spirals(300, 3, 0.2, 12);
    QCOMPARE(a.rows(), 300);
    QCOMPARE(a.cols(), 2);
    QVERIFY(a.x == b.x); // bit-identical
    QVERIFY(a.y == b.y);
    QVERIFY(a.x != c.x);
    for (float v : a.x)
        QVERIFY(std::isfinite(v) && std::abs(v) <= 1.0f);
}

void TestDataset::spiralsHaveBalancedClasses()
{
    const Dataset d = Dataset::spirals(1001, 4, 0.1, 1);
    QCOMPARE(d.classCount(), 4);
    std::vector<int> counts(4, 0);
    for (int y : d.y)
        ++counts[y];
    QCOMPARE(counts, (std::vector<int>{251, 250, 250, 250}));
}

void TestDataset::csvWithStringLabels()
{
    const QString path = writeCsv("sepal_length,sepal_width,species\r\n"
                                  "5.1,3.5,setosa\r\n"
                                  "7.0,3.2,\"versi,color\"\r\n"
                                  "\n"
                                  "6.3, 3.3 ,virginica\r\n"
                                  "4.9,3.0,setosa\r\n");
    auto loaded = Dataset::fromCsv(path, QStringLiteral("species"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    const Dataset &d = loaded.value();
    QCOMPARE(d.rows(), 4);
    QCOMPARE(d.featureNames, (QStringList{QStringLiteral("sepal_length"), QStringLiteral("sepal_width")}));
    QCOMPARE(d.classNames, (QStringList{QStringLiteral("setosa"), QStringLiteral("versi,color"),
                                        QStringLiteral("virginica")}));
    QCOMPARE(d.y, (std::vector<int>{0, 1, 2, 0}));
    QCOMPARE(d.x[4], 6.3f);
    QCOMPARE(d.x[5], 3.3f);
}

void TestDataset::csvErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("missing target") << QByteArray("a,b,label\n1,2,x\n3,4,y\n") << QStringLiteral("class")
                                    << QStringList{QStringLiteral("no target column \"class\""),
                                                   QStringLiteral("a, b, label")};
    QTest::newRow("non-numeric cell")
        << QByteArray("a,b,label\n1,2,x\n3,oops,y\n") << QStringLiteral("label")
        << QStringList{QStringLiteral("Row 2 (line 3)"), QStringLiteral("column \"b\""),
                       QStringLiteral("\"oops\" is not a number")};
    QTest::newRow("empty cell") << QByteArray("a,b,label\n1,,x\n3,4,y\n") << QStringLiteral("label")
                                << QStringList{QStringLiteral("Row 1 (line 2)"),
                                               QStringLiteral("column \"b\""), QStringLiteral("empty")};
    QTest::newRow("short row") << QByteArray("a,b,label\n1,2,x\n3,y\n") << QStringLiteral("label")
                               << QStringList{QStringLiteral("Row 2 (line 3)"), QStringLiteral("2 fields")};
    QTest::newRow("one class") << QByteArray("a,label\n1,x\n2,x\n") << QStringLiteral("label")
                               << QStringList{QStringLiteral("single class")};
    QTest::newRow("empty file") << QByteArray("") << QStringLiteral("label")
                                << QStringList{QStringLiteral("empty")};
    QTest::newRow("unterminated quote") << QByteArray("a,label\n1,\"x\n") << QStringLiteral("label")
                                        << QStringList{QStringLiteral("unterminated quote")};
}

void TestDataset::csvErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, target);
    QFETCH(QStringList, mentions);
    auto loaded = Dataset::fromCsv(writeCsv(content), target);
    QVERIFY(!loaded.ok());
    const QString message = loaded.error().toString();
    for (const QString &m : mentions)
        QVERIFY2(message.contains(m), qPrintable(message));
}

void TestDataset::csvMissingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("nowhere.csv"));
    auto loaded = Dataset::fromCsv(path, QStringLiteral("label"));
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.error().message.contains(QStringLiteral("does not exist")));
    QVERIFY(loaded.error().message.contains(path));
}

void TestDataset::splitKeepsEveryRowOnce()
{
    const Dataset d = Dataset::spirals(101, 2, 0.2, 3);
    Dataset train, val, train2, val2;
    d.split(0.2, 5, &train, &val);
    d.split(0.2, 5, &train2, &val2);
    QCOMPARE(train.rows(), 81);
    QCOMPARE(val.rows(), 20);
    QVERIFY(train.x == train2.x && val.x == val2.x);
    // Every original point appears exactly once across the two parts.
    std::vector<std::pair<float, float>> original, parts;
    for (int r = 0; r < d.rows(); ++r)
        original.emplace_back(d.x[2 * r], d.x[2 * r + 1]);
    for (const Dataset *p : {&train, &val})
        for (int r = 0; r < p->rows(); ++r)
            parts.emplace_back(p->x[2 * r], p->x[2 * r + 1]);
    std::sort(original.begin(), original.end());
    std::sort(parts.begin(), parts.end());
    QVERIFY(original == parts);
}

void TestDataset::standardisationCentresTrainingColumns()
{
    Dataset d = Dataset::spirals(500, 3, 0.2, 1);
    for (int r = 0; r < d.rows(); ++r)
        d.x[2 * r] = d.x[2 * r] * 100 + 7; // a column on another scale
    const Standardisation s = d.fitStandardisation();
    d.applyStandardisation(s);
    for (int c = 0; c < 2; ++c) {
        double sum = 0, sq = 0;
        for (int r = 0; r < d.rows(); ++r) {
            sum += d.x[2 * r + c];
            sq += double(d.x[2 * r + c]) * d.x[2 * r + c];
        }
        QCOMPARE_LE(std::abs(sum / d.rows()), 1e-5);
        QCOMPARE_LE(std::abs(sq / d.rows() - 1.0), 1e-4);
    }
    QCOMPARE_GT(s.scale[0], 10.0);
}

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"

#include "trainoptions.h"

#include <QTest>

using namespace lab;

class TestTrainOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void kebabSnakeAndSpaceForms();
    void csvImpliesDataset();
    void invalid_data();
    void invalid();
    void paramsUseSnakeCaseAndGivenText();
    void helpListsEveryOption();
};

void TestTrainOptions::defaults()
{
    auto o = TrainOptions::parse({});
    QVERIFY(o.ok());
    QCOMPARE(o->hiddenSizes, (std::vector<int>{64, 64}));
    QCOMPARE(o->learningRate, 0.01);
    QCOMPARE(o->epochs, 20);
    QCOMPARE(o->batchSize, 64);
    QCOMPARE(o->optimizer, QStringLiteral("adam"));
    QCOMPARE(o->seed, 1u);
    QCOMPARE(o->dataset, QStringLiteral("spirals"));
    QCOMPARE(o->samples, 2000);
    QCOMPARE(o->noise, 0.2);
    QCOMPARE(o->classes, 3);
    QCOMPARE(o->validationFraction, 0.2);
    QCOMPARE(o->device, QStringLiteral("auto"));
    QVERIFY(!o->help);
}

void TestTrainOptions::kebabSnakeAndSpaceForms()
{
    auto o = TrainOptions::parse({QStringLiteral("--hidden-sizes=32,16,8"), QStringLiteral("--learning_rate"),
                                  QStringLiteral("0.5"), QStringLiteral("--optimizer=SGD"),
                                  QStringLiteral("--epochs"), QStringLiteral("3"),
                                  QStringLiteral("--device=cpu"), QStringLiteral("--seed=123")});
    QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
    QCOMPARE(o->hiddenSizes, (std::vector<int>{32, 16, 8}));
    QCOMPARE(o->learningRate, 0.5);
    QCOMPARE(o->optimizer, QStringLiteral("sgd"));
    QCOMPARE(o->epochs, 3);
    QCOMPARE(o->device, QStringLiteral("cpu"));
    QCOMPARE(o->seed, 123u);
    auto empty = TrainOptions::parse({QStringLiteral("--hidden-sizes=")});
    QVERIFY(empty.ok());
    QVERIFY(empty->hiddenSizes.empty());
}

void TestTrainOptions::csvImpliesDataset()
{
    auto o = TrainOptions::parse({QStringLiteral("--csv=/tmp/x.csv"), QStringLiteral("--target=y")});
    QVERIFY(o.ok());
    QCOMPARE(o->dataset, QStringLiteral("csv"));
    QCOMPARE(o->csvPath, QStringLiteral("/tmp/x.csv"));
}

void TestTrainOptions::invalid_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown") << QStringList{QStringLiteral("--layers=3")}
                             << QStringLiteral("Unknown option \"--layers\"");
    QTest::newRow("positional") << QStringList{QStringLiteral("train")}
                                << QStringLiteral("Unexpected argument");
    QTest::newRow("missing value") << QStringList{QStringLiteral("--epochs")}
                                   << QStringLiteral("needs a value");
    QTest::newRow("negative lr") << QStringList{QStringLiteral("--learning-rate=-1")}
                                 << QStringLiteral("--learning-rate");
    QTest::newRow("nan lr") << QStringList{QStringLiteral("--learning-rate=nan")}
                            << QStringLiteral("--learning-rate");
    QTest::newRow("zero epochs") << QStringList{QStringLiteral("--epochs=0")} << QStringLiteral("--epochs");
    QTest::newRow("text batch") << QStringList{QStringLiteral("--batch-size=big")}
                                << QStringLiteral("--batch-size");
    QTest::newRow("optimizer") << QStringList{QStringLiteral("--optimizer=rmsprop")}
                               << QStringLiteral("sgd or adam");
    QTest::newRow("hidden") << QStringList{QStringLiteral("--hidden-sizes=64,x")}
                            << QStringLiteral("--hidden-sizes");
    QTest::newRow("device") << QStringList{QStringLiteral("--device=tpu")}
                            << QStringLiteral("auto, cpu or cuda");
    QTest::newRow("dataset") << QStringList{QStringLiteral("--dataset=mnist")}
                             << QStringLiteral("spirals or csv");
    QTest::newRow("csv without file")
        << QStringList{QStringLiteral("--dataset=csv")} << QStringLiteral("--csv=");
    QTest::newRow("csv without target")
        << QStringList{QStringLiteral("--csv=a.csv")} << QStringLiteral("--target");
    QTest::newRow("val fraction") << QStringList{QStringLiteral("--val-fraction=1")}
                                  << QStringLiteral("--val-fraction");
    QTest::newRow("one class") << QStringList{QStringLiteral("--classes=1")} << QStringLiteral("--classes");
}

void TestTrainOptions::invalid()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    auto o = TrainOptions::parse(args);
    QVERIFY(!o.ok());
    QCOMPARE(o.error().code, QStringLiteral("INVALID_ARGUMENT"));
    QVERIFY2(o.error().message.contains(mentions), qPrintable(o.error().message));
    QVERIFY(o.error().toString().contains(QStringLiteral("--help")));
}

void TestTrainOptions::paramsUseSnakeCaseAndGivenText()
{
    auto o =
        TrainOptions::parse({QStringLiteral("--learning-rate=1e-2"), QStringLiteral("--hidden-sizes=8,8")});
    QVERIFY(o.ok());
    QMap<QString, QString> params;
    for (const Param &p : o->params())
        params.insert(p.key, p.value);
    QCOMPARE(params.value(QStringLiteral("learning_rate")), QStringLiteral("1e-2"));
    QCOMPARE(params.value(QStringLiteral("hidden_sizes")), QStringLiteral("8,8"));
    for (const char *key : {"epochs", "batch_size", "optimizer", "seed", "dataset", "samples", "noise",
                            "device", "classes", "val_fraction"})
        QVERIFY2(params.contains(QLatin1String(key)), key);
    QVERIFY(!params.contains(QStringLiteral("csv")));
}

void TestTrainOptions::helpListsEveryOption()
{
    auto o = TrainOptions::parse({QStringLiteral("--help")});
    QVERIFY(o.ok() && o->help);
    const QString help = TrainOptions::helpText();
    for (const char *flag : {"--hidden-sizes", "--learning-rate", "--epochs", "--batch-size", "--optimizer",
                             "--seed", "--dataset", "--samples", "--noise", "--classes", "--csv", "--target",
                             "--val-fraction", "--device"})
        QVERIFY2(help.contains(QLatin1String(flag)), flag);
}

QTEST_GUILESS_MAIN(TestTrainOptions)
#include "tst_trainoptions.moc"

// The Models view over a real file store: what a student sees of the registry, registering a run's
// model through the dialog, setting and deleting aliases, and errors shown in words.
#include "testpaths.h"
#include "tracking/mlflowfilestore.h"
#include "tracking/trackingservice.h"
#include "views/dialogrunner.h"
#include "views/modelsview.h"
#include "views/modelversionsmodel.h"
#include "views/registeredmodelsmodel.h"
#include "views/registermodeldialog.h"
#include "views/setaliasdialog.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace lab;

namespace {

// Answers the dialogs the view opens: `answer` fills the dialog and says whether to accept it.
class Answers : public DialogRunner
{
public:
    std::function<bool(QDialog *)> answer;
    QStringList errors;
    QStringList confirmations;
    bool confirmAnswer = true;
    int shown = 0;

    bool exec(QDialog *dialog) override
    {
        ++shown;
        return answer && answer(dialog);
    }
    void showError(QWidget *, const QString &title, const QString &text) override
    {
        errors << title + QStringLiteral(": ") + text;
    }
    bool confirm(QWidget *, const QString &, const QString &text) override
    {
        confirmations << text;
        return confirmAnswer;
    }
};

QString cell(const QAbstractItemModel *m, int row, int column)
{
    return m->index(row, column).data().toString();
}

} // namespace

class TestModelsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
        m_root = m_dir->filePath(QStringLiteral("mlruns"));
        MlflowFileStore store(m_root);
        QVERIFY(store.initialize().ok());
        auto trained = store.createRun(QStringLiteral("0"), QStringLiteral("mlp-adam"), 1700000000000, {});
        auto second = store.createRun(QStringLiteral("0"), QStringLiteral("mlp-sgd"), 1700000100000, {});
        auto bare = store.createRun(QStringLiteral("0"), QStringLiteral("no-model"), 1700000200000, {});
        QVERIFY(trained.ok() && second.ok() && bare.ok());
        m_trained = trained.value();
        m_second = second.value();
        m_bare = bare.value();
        // Logged models, as mlflow.<flavor>.log_model leaves them: a model/ folder with an MLmodel file.
        for (const Run &r : {m_trained, m_second})
            QVERIFY(store
                        .writeArtifact(r.info.runId, QStringLiteral("model/MLmodel"),
                                       "artifact_path: model\nflavors: {}\n")
                        .ok());
        QVERIFY(store.writeArtifact(m_bare.info.runId, QStringLiteral("plots/loss.png"), "png").ok());
        QVERIFY(
            store.createRegisteredModel(QStringLiteral("spirals-mlp"), QStringLiteral("Two spirals")).ok());
        QVERIFY(store
                    .createModelVersion(QStringLiteral("spirals-mlp"),
                                        QStringLiteral("runs:/%1/model").arg(m_trained.info.runId),
                                        m_trained.info.runId)
                    .ok());
        QVERIFY(
            store
                .setModelAlias(QStringLiteral("spirals-mlp"), QStringLiteral("champion"), QStringLiteral("1"))
                .ok());
        m_service = std::make_unique<TrackingService>(std::make_unique<MlflowFileStore>(m_root));
    }

    void cleanup()
    {
        m_service.reset();
        m_dir.reset();
    }

    void showsModelsAndTheirVersions()
    {
        Answers answers;
        ModelsView view(m_service.get(), &answers);
        QAbstractItemModelTester modelsTester(view.modelsModel());
        QAbstractItemModelTester versionsTester(view.versionsModel());
        QTRY_COMPARE(view.modelsModel()->rowCount(), 1);
        const auto *models = view.modelsModel();
        QCOMPARE(cell(models, 0, RegisteredModelsModel::NameColumn), QStringLiteral("spirals-mlp"));
        QCOMPARE(cell(models, 0, RegisteredModelsModel::LatestVersionColumn), QStringLiteral("1"));
        QCOMPARE(cell(models, 0, RegisteredModelsModel::AliasesColumn), QStringLiteral("champion → 1"));
        QVERIFY(!cell(models, 0, RegisteredModelsModel::LastUpdatedColumn).isEmpty());
        QCOMPARE(models->headerData(RegisteredModelsModel::LatestVersionColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Latest version"));
        // "%n registered model(s)": the English plural comes from the installed translation.
        QVERIFY2(view.statusText().startsWith(QStringLiteral("1 registered model")),
                 qPrintable(view.statusText()));

        // The only model is selected; its version shows the run it came from, by name once known.
        QCOMPARE(view.selectedModel(), QStringLiteral("spirals-mlp"));
        const auto *versions = view.versionsModel();
        QCOMPARE(versions->rowCount(), 1);
        QCOMPARE(cell(versions, 0, ModelVersionsModel::VersionColumn), QStringLiteral("1"));
        QCOMPARE(cell(versions, 0, ModelVersionsModel::StatusColumn), QStringLiteral("READY"));
        QCOMPARE(cell(versions, 0, ModelVersionsModel::AliasesColumn), QStringLiteral("champion"));
        QTRY_COMPARE(cell(versions, 0, ModelVersionsModel::SourceRunColumn), QStringLiteral("mlp-adam"));

        // Clicking the source run asks for that run.
        view.resize(1000, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy activated(&view, &ModelsView::runActivated);
        QTableView *table = view.versionsTable();
        const QRect r = table->visualRect(versions->index(0, ModelVersionsModel::SourceRunColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), m_trained.info.runId);
        // A click elsewhere on the row does not.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(versions->index(0, ModelVersionsModel::StatusColumn)).center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(answers.shown, 0);
    }

    void registersARunsModelAsANewVersion()
    {
        Answers answers;
        ModelsView view(m_service.get(), &answers);
        QTRY_COMPARE(view.modelsModel()->rowCount(), 1);
        QString summary;
        answers.answer = [&](QDialog *d) {
            auto *dialog = qobject_cast<RegisterModelDialog *>(d);
            if (!dialog || !QTest::qWaitFor([&] { return dialog->isReady(); }))
                return false;
            if (dialog->source() != QStringLiteral("runs:/%1/model").arg(m_second.info.runId))
                return false;
            dialog->setModelName(QStringLiteral("spirals-mlp"));
            summary = dialog->summaryText();
            return dialog->validate();
        };
        QSignalSpy registered(&view, &ModelsView::modelRegistered);
        QVERIFY(view.registerRun(m_second));
        QTRY_COMPARE(registered.size(), 1);
        QVERIFY2(summary.contains(QStringLiteral("new version of \"spirals-mlp\"")), qPrintable(summary));
        QCOMPARE(registered.at(0).at(0).value<ModelVersion>().version, QStringLiteral("2"));
        QTRY_COMPARE(view.versionsModel()->rowCount(), 2);
        // Newest first, from the second run.
        QCOMPARE(view.versionsModel()->versionAt(0), QStringLiteral("2"));
        QCOMPARE(view.versionsModel()->runIdAt(0), m_second.info.runId);
        QTRY_COMPARE(cell(view.modelsModel(), 0, RegisteredModelsModel::LatestVersionColumn),
                     QStringLiteral("2"));
        QVERIFY(answers.errors.isEmpty());
        QTRY_COMPARE(cell(view.versionsModel(), 0, ModelVersionsModel::SourceRunColumn),
                     QStringLiteral("mlp-sgd"));
    }

    void registeringUnderANewNameCreatesTheModel()
    {
        Answers answers;
        ModelsView view(m_service.get(), &answers);
        QTRY_COMPARE(view.modelsModel()->rowCount(), 1);
        QString summary;
        answers.answer = [&](QDialog *d) {
            auto *dialog = qobject_cast<RegisterModelDialog *>(d);
            if (!dialog || !QTest::qWaitFor([&] { return dialog->isReady(); }))
                return false;
            if (dialog->existingModels() != QStringList{QStringLiteral("spirals-mlp")})
                return false;
            dialog->setModelName(QStringLiteral("spirals-sgd"));
            dialog->setDescription(QStringLiteral("plain SGD"));
            summary = dialog->summaryText();
            return dialog->isNewModel() && dialog->validate();
        };
        QVERIFY(view.registerRun(m_second));
        QTRY_COMPARE(view.modelsModel()->rowCount(), 2);
        QVERIFY2(summary.contains(QStringLiteral("new registered model \"spirals-sgd\"")),
                 qPrintable(summary));
        const QList<ModelVersion> versions = view.versionsOf(QStringLiteral("spirals-sgd"));
        QCOMPARE(versions.size(), 1);
        QCOMPARE(versions.at(0).version, QStringLiteral("1"));
        QCOMPARE(versions.at(0).description, QStringLiteral("plain SGD"));
        QCOMPARE(versions.at(0).source, QStringLiteral("runs:/%1/model").arg(m_second.info.runId));
        // On disk, where MLflow looks.
        QVERIFY(QFileInfo::exists(m_root + QStringLiteral("/models/spirals-sgd/version-1/meta.yaml")));
    }

    void aRunWithoutAModelFolderIsNotRegistered()
    {
        Answers answers;
        ModelsView view(m_service.get(), &answers);
        QTRY_COMPARE(view.modelsModel()->rowCount(), 1);
        QString error;
        answers.answer = [&](QDialog *d) {
            auto *dialog = qobject_cast<RegisterModelDialog *>(d);
            if (!dialog || !QTest::qWaitFor([&] { return dialog->isReady(); }))
                return false;
            dialog->setModelName(QStringLiteral("spirals-mlp"));
            const bool ok = dialog->validate();
            error = dialog->errorText();
            return ok;
        };
        QVERIFY(!view.registerRun(m_bare)); // the dialog would not accept
        QVERIFY2(error.contains(QStringLiteral("no \"model\" artifact")), qPrintable(error));

        // Forcing a source the run lacks past the dialog: the store side refuses, in words.
        answers.answer = [&](QDialog *d) {
            auto *dialog = qobject_cast<RegisterModelDialog *>(d);
            dialog->setModelName(QStringLiteral("spirals-mlp"));
            dialog->setSource(QStringLiteral("runs:/%1/plots/missing").arg(m_bare.info.runId));
            return true;
        };
        bool failed = false;
        QVERIFY(view.registerRun(m_bare, [&](const Result<ModelVersion> &r) { failed = !r.ok(); }));
        QTRY_VERIFY(failed);
        QCOMPARE(answers.errors.size(), 1);
        QVERIFY2(answers.errors.at(0).contains(QStringLiteral("no \"plots/missing\" artifact")),
                 qPrintable(answers.errors.at(0)));
        QCOMPARE(MlflowFileStore(m_root).listModelVersions(QStringLiteral("spirals-mlp"))->size(), 1);
    }

    void setsAndDeletesAliases()
    {
        {
            MlflowFileStore store(m_root);
            QVERIFY(store
                        .createModelVersion(QStringLiteral("spirals-mlp"),
                                            QStringLiteral("runs:/%1/model").arg(m_second.info.runId),
                                            m_second.info.runId)
                        .ok());
        }
        Answers answers;
        ModelsView view(m_service.get(), &answers);
        QTRY_COMPARE(view.versionsModel()->rowCount(), 2);
        QVERIFY(view.selectVersion(QStringLiteral("2")));

        // "latest" is refused in the dialog, with the reason; "champion" moves from 1 to 2.
        QString refusal;
        QString note;
        answers.answer = [&](QDialog *d) {
            auto *dialog = qobject_cast<SetAliasDialog *>(d);
            if (!dialog || dialog->version() != QStringLiteral("2"))
                return false;
            dialog->setAlias(QStringLiteral("latest"));
            if (dialog->validate())
                return false;
            refusal = dialog->errorText();
            dialog->setAlias(QStringLiteral("champion"));
            note = dialog->noteText();
            return dialog->validate();
        };
        QSignalSpy changed(&view, &ModelsView::aliasesChanged);
        QVERIFY(view.setAliasOnSelection());
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY2(refusal.contains(QStringLiteral("reserved")), qPrintable(refusal));
        QVERIFY2(note.contains(QStringLiteral("will move to version 2")), qPrintable(note));
        QTRY_COMPARE(cell(view.modelsModel(), 0, RegisteredModelsModel::AliasesColumn),
                     QStringLiteral("champion → 2"));
        QTRY_COMPARE(cell(view.versionsModel(), view.versionsModel()->rowOf(QStringLiteral("2")),
                          ModelVersionsModel::AliasesColumn),
                     QStringLiteral("champion"));
        QCOMPARE(cell(view.versionsModel(), view.versionsModel()->rowOf(QStringLiteral("1")),
                      ModelVersionsModel::AliasesColumn),
                 QString());
        QCOMPARE(view.selectedVersion(), QStringLiteral("2")); // the refresh kept the selection

        // A second alias through the static hook the main window uses.
        answers.answer = [](QDialog *d) {
            auto *dialog = qobject_cast<SetAliasDialog *>(d);
            dialog->setAlias(QStringLiteral("staging"));
            return dialog->validate();
        };
        bool done = false;
        QVERIFY(ModelsView::setAlias(&view, m_service.get(), QStringLiteral("spirals-mlp"),
                                     QStringLiteral("1"), &answers, [&](const Status &s) { done = s.ok(); }));
        QTRY_VERIFY(done);
        view.refresh();
        QTRY_COMPARE(cell(view.modelsModel(), 0, RegisteredModelsModel::AliasesColumn),
                     QStringLiteral("champion → 2, staging → 1"));

        const QString shot =
            labtest::artefactDir(QStringLiteral("screenshots")) + QStringLiteral("/models.png");
        view.resize(1100, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(shot));

        // Deleting asks first; "no" keeps it.
        answers.confirmAnswer = false;
        QVERIFY(!view.deleteAlias(QStringLiteral("spirals-mlp"), QStringLiteral("staging")));
        answers.confirmAnswer = true;
        QVERIFY(view.deleteAlias(QStringLiteral("spirals-mlp"), QStringLiteral("staging")));
        QTRY_COMPARE(cell(view.modelsModel(), 0, RegisteredModelsModel::AliasesColumn),
                     QStringLiteral("champion → 2"));
        QCOMPARE(answers.confirmations.size(), 2);
        QVERIFY(answers.confirmations.at(0).contains(QStringLiteral("models:/spirals-mlp@staging")));
        QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/models/spirals-mlp/aliases/staging")));
        QVERIFY(answers.errors.isEmpty());
    }

    void storeErrorsAreShownInWords()
    {
        Answers answers;
        ModelsView view(m_service.get(), &answers);
        QTRY_COMPARE(view.versionsModel()->rowCount(), 1);
        // The version goes away behind the view's back (another client deleted it).
        QVERIFY(QDir(m_root + QStringLiteral("/models/spirals-mlp/version-1")).removeRecursively());
        answers.answer = [](QDialog *d) {
            auto *dialog = qobject_cast<SetAliasDialog *>(d);
            dialog->setAlias(QStringLiteral("prod"));
            return dialog->validate();
        };
        bool failed = false;
        QVERIFY(view.setAlias(QStringLiteral("spirals-mlp"), QStringLiteral("1"),
                              [&](const Status &s) { failed = !s.ok(); }));
        QTRY_VERIFY(failed);
        QCOMPARE(answers.errors.size(), 1);
        QVERIFY2(
            answers.errors.at(0).contains(QStringLiteral("Model version 1 of \"spirals-mlp\" not found")),
            qPrintable(answers.errors.at(0)));
    }

    void anEmptyRegistrySaysHowToStart()
    {
        const QString empty = m_dir->filePath(QStringLiteral("empty"));
        QVERIFY(MlflowFileStore(empty).initialize().ok());
        TrackingService service(std::make_unique<MlflowFileStore>(empty));
        ModelsView view(&service);
        QVERIFY(view.isLoading());
        QTRY_VERIFY(!view.isLoading());
        QCOMPARE(view.modelsModel()->rowCount(), 0);
        QVERIFY2(view.statusText().startsWith(QStringLiteral("No registered models yet.")),
                 qPrintable(view.statusText()));
        QVERIFY(!view.findChild<QWidget *>(QStringLiteral("setAliasButton"))->isEnabled());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    Run m_trained;
    Run m_second;
    Run m_bare;
    std::unique_ptr<TrackingService> m_service;
};

QTEST_MAIN(TestModelsView)
#include "tst_modelsview.moc"

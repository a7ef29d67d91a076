// SPDX-License-Identifier: MIT
// Running a saga that calls remote services from the window (issue 12): Run (F5) calls the real
// sagascope-demo-services on 127.0.0.1 on the real clock with the instances' input, which it
// asks for once and remembers for the saga file; Simulate Services Offline runs the same saga
// on its sim specs and sends nothing; a bad input file is refused with the file, line and fault.
// Seen before this: Run on examples/order-checkout-remote.saga failed with "leave out
// --virtual-time, or add --simulate", and the window had no way to give the input.

#include "../engine/democlient.h"
#include "demoservices.h"
#include "monitorcontroller.h"
#include "runcontroller.h"
#include "runinputs.h"
#include "runoptions.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "testconfig.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFormLayout>
#include <QLineEdit>
#include <QMainWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Qt::StringLiterals;

class TestRunInputs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Demo::DemoServices> m_services;
    quint16 m_port = 0;
    QString m_sagaPath; // the remote example pointed at this test's services, saved in m_dir
    QString m_inputPath;

    QString baseUrl() const { return u"http://127.0.0.1:%1"_s.arg(m_port); }
    QJsonObject state() { return Test::demoRequest(baseUrl(), "GET", u"/_state"_s); }

    struct Fixture
    {
        QMainWindow window;
        SagaDocument document;
        SagaScene *scene = nullptr;
        MonitorController *controller = nullptr;
        int asked = 0;
        explicit Fixture(const QString &path, const QString &answer)
        {
            const LoadResult loaded = SagaFile::load(path);
            if (!loaded.ok())
                qFatal("cannot load %s", qPrintable(path));
            document.reset(*loaded.definition, path);
            scene = new SagaScene(&document, &window);
            controller = new MonitorController(&document, scene, &window);
            controller->setSpeed(0);
            controller->runInputs()->setChooser([this, answer](const QString &) {
                ++asked;
                return answer;
            });
        }
        QAction *action(const char *name) const { return window.findChild<QAction *>(QLatin1String(name)); }
        /** Triggers an action that starts a run, and waits for its end; false when none started. */
        bool trigger(const char *name)
        {
            QSignalSpy busy(controller, &MonitorController::busyChanged);
            QSignalSpy finished(controller, &MonitorController::finished);
            action(name)->trigger();
            if (busy.isEmpty() && finished.isEmpty())
                return false;
            return finished.count() > 0 || finished.wait(20000);
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_services = std::make_unique<Demo::DemoServices>();
        QString error;
        QVERIFY2(m_services->open(m_dir.filePath(u"services.sqlite"_s), &error), qPrintable(error));
        m_port = m_services->start(0, &error);
        QVERIFY2(m_port, qPrintable(error));
        LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        QVERIFY(loaded.ok());
        SagaDefinition saga = *loaded.definition;
        for (Service &service : saga.services)
            service.endpoint.insert(u"baseUrl"_s, baseUrl());
        m_sagaPath = m_dir.filePath(u"remote.saga"_s);
        QVERIFY2(SagaFile::save(saga, m_sagaPath, &error), qPrintable(error));
        m_inputPath = QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-input.json");
        QSettings().remove(u"monitor/runInputs"_s);
    }

    void runCallsTheServicesWithTheInputAskedForOnce()
    {
        const QJsonObject before = state();
        {
            Fixture f(m_sagaPath, m_inputPath);
            QVERIFY(f.action("chooseInputAction")->isEnabled());
            QVERIFY(f.controller->actions().contains(f.action("simulateServicesAction")));
            QVERIFY(f.trigger("runAction"));
            QCOMPARE(f.asked, 1);
            QVERIFY2(f.controller->lastSummary().error.isEmpty(), qPrintable(f.controller->lastSummary().error));
            QCOMPARE(f.controller->lastSummary().completed, 1);
            QVERIFY(!f.controller->lastSummary().virtualTime); // real services: the real clock
            // The input reached the services: order-input.json buys 1 of sku-1 for 30 (alice).
            const QJsonObject after = state();
            QCOMPARE(after["stock"]["sku-1"].toInt(), before["stock"]["sku-1"].toInt() - 1);
            QCOMPARE(after["balances"]["alice"].toDouble(), before["balances"]["alice"].toDouble() - 30);
            // The next run does not ask again.
            QVERIFY(f.trigger("runAction"));
            QCOMPARE(f.asked, 1);
            QCOMPARE(f.controller->lastSummary().completed, 1);
        }
        // Another window on the same file remembers the input.
        Fixture again(m_sagaPath, QString());
        QCOMPARE(again.controller->runInputs()->inputPath(), QFileInfo(m_inputPath).absoluteFilePath());
        QVERIFY(again.trigger("runAction"));
        QCOMPARE(again.asked, 0);
        QCOMPARE(again.controller->lastSummary().completed, 1);
    }

    void breakpointsAndStepHoldTheRealCalls()
    {
        // Paused before take_payment: the reservation is on the services, the charge is not;
        // Step sends it (one transition at a time), Resume finishes the saga.
        Fixture f(m_sagaPath, m_inputPath);
        f.controller->runInputs()->setInputPath(m_inputPath);
        f.controller->setBreakpoint(u"take_payment"_s, OperationKind::Action, true);
        QSignalSpy paused(f.controller, &MonitorController::paused);
        QSignalSpy finished(f.controller, &MonitorController::finished);
        const QJsonObject before = state();
        f.action("runAction")->trigger();
        QVERIFY(paused.wait(10000));
        QCOMPARE(paused.last().first().value<PauseInfo>().step, u"take_payment"_s);
        QTest::qWait(300); // nothing more reaches the services while paused
        const QJsonObject held = state();
        QCOMPARE(held["stock"]["sku-1"].toInt(), before["stock"]["sku-1"].toInt() - 1);
        QCOMPARE(held["balances"]["alice"].toDouble(), before["balances"]["alice"].toDouble());
        f.controller->step(); // take_payment started: the charge is sent
        QTRY_VERIFY_WITH_TIMEOUT(paused.count() >= 2, 5000);
        f.controller->step(); // its reply: succeeded
        QTRY_VERIFY_WITH_TIMEOUT(paused.count() >= 3, 5000);
        const QJsonObject charged = state();
        QCOMPARE(charged["balances"]["alice"].toDouble(), before["balances"]["alice"].toDouble() - 30);
        QCOMPARE(finished.count(), 0);
        f.controller->resume();
        QVERIFY(finished.wait(10000) || finished.count() > 0);
        QCOMPARE(f.controller->lastSummary().completed, 1);
    }

    void cancellingTheChoiceRunsNothing()
    {
        QSettings().remove(u"monitor/runInputs"_s);
        Fixture f(m_sagaPath, QString()); // the person closes the file dialog
        const QJsonObject before = state();
        QVERIFY(!f.trigger("runAction"));
        QCOMPARE(f.asked, 1);
        QCOMPARE(state(), before);
    }

    void anUnsavedSagaKeepsItsInputThroughEdits()
    {
        // Seen in review: every edit read the remembered input again, and an unsaved saga has
        // none remembered, so its chosen input was forgotten at the first edit.
        Fixture f(m_sagaPath, m_inputPath);
        f.document.reset(f.document.definition(), QString()); // New-like: no file yet
        f.controller->runInputs()->setInputPath(m_inputPath);
        f.document.setSagaInfo(u"Edited"_s, u"edited"_s);
        QCOMPARE(f.controller->runInputs()->inputPath(), QFileInfo(m_inputPath).absoluteFilePath());
        QVERIFY(f.action("chooseInputAction")->isEnabled());
    }

    void simulateSendsNothingAndAllowsVirtualTime()
    {
        Fixture f(m_sagaPath, m_inputPath);
        f.action("simulateServicesAction")->setChecked(true);
        const QJsonObject before = state();
        QVERIFY(f.trigger("runAction"));
        QCOMPARE(f.asked, 0);
        QVERIFY(f.controller->lastSummary().virtualTime);
        QCOMPARE(f.controller->lastSummary().completed + f.controller->lastSummary().compensated
                     + f.controller->lastSummary().stuck, 1);
        QCOMPARE(state(), before);
    }

    void aBadInputNamesTheFileLineAndFault()
    {
        const QString path = m_dir.filePath(u"inputs.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"customer\": \"alice\", \"sku\": \"sku-1\", \"qty\": 1, \"amount\": 5}\n\n[1, 2]\n");
        file.close();
        Fixture f(m_sagaPath, path);
        RunOptions options;
        QString error;
        QVERIFY(!f.controller->runInputs()->apply(f.document.definition(), &options, &error));
        QVERIFY2(error.contains(path + u":3: an input is a JSON object"_s), qPrintable(error));
        // JSON lines are one input a line; a plain object is one input.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"customer\": \"alice\"}\n{\"customer\": \"bob\"}\n");
        file.close();
        QVERIFY2(f.controller->runInputs()->apply(f.document.definition(), &options, &error), qPrintable(error));
        QCOMPARE(options.inputs.size(), 2);
        QVERIFY(!options.virtualTime);
        QCOMPARE(options.inputs.at(1)["customer"].toString(), u"bob"_s);
        f.controller->runInputs()->setInputPath(m_inputPath);
        QVERIFY(f.controller->runInputs()->apply(f.document.definition(), &options, &error));
        QCOMPARE(options.inputs.size(), 1);
    }

    void theRunDialogCallsOnTheRealClockOrSimulates()
    {
        Fixture f(m_sagaPath, m_inputPath);
        QDialog dialog;
        auto *form = new QFormLayout(&dialog);
        auto *virtualTime = new QCheckBox;
        virtualTime->setChecked(true);
        form->addRow(virtualTime);
        const auto keep = f.controller->runInputs()->addDialogRows(form, virtualTime);
        auto *mode = dialog.findChild<QComboBox *>(u"servicesMode"_s);
        auto *input = dialog.findChild<QLineEdit *>(u"inputPath"_s);
        QVERIFY(mode && input);
        QCOMPARE(mode->currentIndex(), 0);
        QVERIFY(!virtualTime->isEnabled() && !virtualTime->isChecked());
        mode->setCurrentIndex(1);
        QVERIFY(virtualTime->isEnabled() && virtualTime->isChecked());
        QVERIFY(!form->isRowVisible(input->parentWidget()));
        keep();
        QVERIFY(f.controller->runInputs()->simulate());
        QVERIFY(f.action("simulateServicesAction")->isChecked());

        // A saga without remote steps gets no rows and no enabled actions.
        Fixture plain(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"), QString());
        QVERIFY(!plain.action("chooseInputAction")->isEnabled());
        QFormLayout other;
        plain.controller->runInputs()->addDialogRows(&other, nullptr);
        QCOMPARE(other.rowCount(), 0);
    }
};

QTEST_MAIN(TestRunInputs)
#include "tst_runinputs.moc"

// SPDX-License-Identifier: MIT
// The HTTP Exchange panel driven through the monitor, as a user does it: examples/order-checkout-
// remote.saga run from the window against sagascope-demo-services on 127.0.0.1 (in-process), then
// a row of the Event Log selected or a bar of the Timeline clicked, and the panel read back.

#include "../engine/democlient.h"
#include "../engine/securedservices.h"
#include "demoservices.h"
#include "eventlogfiltermodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "httpexchangelink.h"
#include "httpexchangepanel.h"
#include "monitorcontroller.h"
#include "remotespec.h"
#include "runmonitor.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "testconfig.h"
#include "timelinewidget.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QJsonDocument>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

class TestHttpExchangePanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Demo::DemoServices> m_services;
    quint16 m_port = 0;
    SagaDefinition m_saga;
    QString m_input;

    struct Fixture
    {
        QMainWindow window;
        SagaDocument document;
        SagaScene *scene = nullptr;
        MonitorController *controller = nullptr;
        explicit Fixture(const SagaDefinition &saga)
        {
            document.reset(saga, QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
            scene = new SagaScene(&document, &window);
            controller = new MonitorController(&document, scene, &window);
            controller->setSpeed(0);
        }
        HttpExchangePanel *panel() const { return controller->httpExchangePanel(); }
    };

    /** An admin request to the demo services (at `port`, default: the test's). */
    void demo(const QByteArray &method, const QString &path, const QJsonObject &body = {}, quint16 port = 0)
    {
        Test::demoRequest(QStringLiteral("http://127.0.0.1:%1").arg(port ? port : m_port), method, path, body);
    }

    static bool runToEnd(MonitorController *controller, const QString &options)
    {
        QSignalSpy finished(controller, &MonitorController::finished);
        QString error;
        if (!controller->startRun(options, &error)) {
            qWarning() << error;
            return false;
        }
        return finished.wait(20000) || finished.count() > 0;
    }

    /** The Event Log's row (in the view) of `type` for `step`'s attempt, -1 when none. */
    static int rowOf(const Fixture &f, TraceEventType type, const char *step, int attempt)
    {
        EventLogPanel *log = f.controller->eventLogPanel();
        const EventLogModel *model = f.controller->runMonitor()->eventLog();
        for (int row = 0; row < log->filterModel()->rowCount(); ++row) {
            const TraceEvent &e = model->event(log->filterModel()->mapToSource(log->filterModel()->index(row, 0)).row());
            if (e.event == type && e.step == QLatin1String(step) && e.attempt == attempt)
                return row;
        }
        return -1;
    }
    static void selectRow(const Fixture &f, int row)
    {
        QTableView *view = f.controller->eventLogPanel()->view();
        view->setCurrentIndex(view->model()->index(row, 0));
    }
    static QString header(const HttpExchangePanel *panel, const char *name)
    {
        const QTableWidget *table = panel->headersTable();
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return table->item(row, 1)->text();
        return QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SAGASCOPE_KEYCHAIN", "off");
        m_services = std::make_unique<Demo::DemoServices>();
        QString error;
        QVERIFY2(m_services->open(m_dir.filePath(QStringLiteral("services.sqlite")), &error), qPrintable(error));
        m_port = m_services->start(0, &error);
        QVERIFY2(m_port, qPrintable(error));
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
        QVERIFY(loaded.ok());
        m_saga = *loaded.definition;
        for (Service &service : m_saga.services)
            service.endpoint.insert(QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        m_input = m_dir.filePath(QStringLiteral("input.json"));
        QFile input(m_input);
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(R"({"customer": "alice", "sku": "sku-1", "qty": 1, "amount": 10, "points": 3})");
    }
    void init() { demo("DELETE", QStringLiteral("/_faults")); }

    void eventLogRowShowsItsAttempt()
    {
        demo("POST", QStringLiteral("/_faults"), {{"path", "/charges"}, {"status", 503}, {"count", 1}});
        Fixture f(m_saga);
        HttpExchangePanel *panel = f.panel();
        QVERIFY(panel->message().contains(QLatin1String("Select an attempt")));
        QVERIFY(runToEnd(f.controller, QStringLiteral("--input ") + m_input));
        QCOMPARE(f.controller->lastSummary().completed, 1);
        const QString instance = f.controller->selectedInstance();

        // The failed first attempt of the payment: its 503, as the services answered it.
        int row = rowOf(f, TraceEventType::StepFailed, "take_payment", 1);
        QVERIFY(row >= 0);
        selectRow(f, row);
        QCOMPARE(panel->attempt(), (HttpAttemptKey{instance, QStringLiteral("take_payment"), OperationKind::Action, 1}));
        QVERIFY2(panel->message().isEmpty(), qPrintable(panel->message()));
        QCOMPARE(panel->requestLine(), QStringLiteral("POST http://127.0.0.1:%1/charges").arg(m_port));
        QCOMPARE(panel->statusText(), QStringLiteral("503 Service Unavailable"));
        QVERIFY2(panel->outcomeText().contains(QLatin1String("technical")), qPrintable(panel->outcomeText()));
        QVERIFY(panel->durationText().endsWith(QLatin1String(" ms")));
        QCOMPARE(header(panel, "Idempotency-Key"), instance + QStringLiteral("/take_payment/action"));
        QCOMPARE(header(panel, "Saga-Instance"), instance);
        QCOMPARE(header(panel, "Content-Type"), QStringLiteral("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(panel->requestBodyText().toUtf8()).object();
        QCOMPARE(body.value(QLatin1String("order")).toString(), instance);
        QVERIFY(panel->requestBodyText().contains(QLatin1String("\n"))); // indented
        QVERIFY2(panel->replyBodyText().contains(QLatin1String("injected fault")), qPrintable(panel->replyBodyText()));
        QVERIFY(panel->requestTabs()->isHidden());

        // The retry it scheduled belongs to that attempt; the second attempt got 201.
        selectRow(f, rowOf(f, TraceEventType::RetryScheduled, "take_payment", 1));
        QCOMPARE(panel->attempt().attempt, 1);
        QCOMPARE(panel->statusText(), QStringLiteral("503 Service Unavailable"));
        selectRow(f, rowOf(f, TraceEventType::StepStarted, "take_payment", 2));
        QCOMPARE(panel->attempt().attempt, 2);
        QCOMPARE(panel->statusText(), QStringLiteral("201 Created"));
        QVERIFY(QJsonDocument::fromJson(panel->replyBodyText().toUtf8()).isObject());
        // The Timeline, which shows the same instance, selects the bar too.
        const TimelineWidget *timeline = f.controller->timeline();
        QVERIFY(timeline->selectedSpan() >= 0);
        QCOMPARE(timeline->currentSpans().at(timeline->selectedSpan()).attempt, 2);

        // Copy: the exchange as text.
        panel->copy();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.contains(QStringLiteral("POST http://127.0.0.1:%1/charges").arg(m_port)), qPrintable(copied));
        QVERIFY(copied.contains(QStringLiteral("Idempotency-Key: ") + instance + QStringLiteral("/take_payment/action")));
        QVERIFY(copied.contains(QLatin1String("HTTP 201 Created")));

        // An event of no attempt: the panel says what to select.
        int completed = -1;
        for (int r = 0; r < f.controller->eventLogPanel()->filterModel()->rowCount() && completed < 0; ++r)
            if (f.controller->eventLogPanel()->filterModel()->index(r, 4).data().toString() == QLatin1String("saga_completed"))
                completed = r;
        QVERIFY(completed >= 0);
        selectRow(f, completed);
        QVERIFY(!panel->attempt().isValid());
        QVERIFY(panel->message().contains(QLatin1String("Select an attempt")));
    }

    void timelineBarClickShowsItsAttempt()
    {
        demo("POST", QStringLiteral("/_faults"), {{"path", "/shipments"}, {"status", 502}, {"count", 1}});
        Fixture f(m_saga);
        f.controller->addDocksTo(&f.window);
        QDockWidget *exchangeDock = f.controller->docks().at(4);
        QCOMPARE(exchangeDock->widget(), f.panel());
        f.window.resize(1400, 900);
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QVERIFY(runToEnd(f.controller, QStringLiteral("--input ") + m_input));
        TimelineWidget *timeline = f.controller->timeline();
        f.controller->docks().at(2)->raise();
        f.controller->docks().at(0)->raise(); // the instances in front of the HTTP exchange
        QVERIFY(exchangeDock->visibleRegion().isEmpty());
        const auto barOf = [&](const char *step, BarKind kind) {
            const int row = f.controller->runMonitor()->state().stepIndex(QLatin1String(step));
            for (const TimelineBar &bar : timeline->bars())
                if (bar.step == row && bar.kind == kind)
                    return bar;
            return TimelineBar{};
        };
        const TimelineBar failed = barOf("ship_order", BarKind::TechnicalFailure);
        QVERIFY(failed.rect.isValid());
        QSignalSpy selected(timeline, &TimelineWidget::attemptSelected);
        QTest::mouseClick(timeline, Qt::LeftButton, {}, failed.rect.center().toPoint());
        QCOMPARE(selected.count(), 1);
        const HttpExchangePanel *panel = f.panel();
        QCOMPARE(panel->attempt(),
                 (HttpAttemptKey{timeline->instance(), QStringLiteral("ship_order"), OperationKind::Action, 1}));
        QCOMPARE(panel->statusText(), QStringLiteral("502 Bad Gateway"));
        QCOMPARE(panel->requestLine(), QStringLiteral("POST http://127.0.0.1:%1/shipments").arg(m_port));
        QVERIFY(!exchangeDock->visibleRegion().isEmpty()); // raised: the user sees the exchange
        // The backoff after it stands for the attempt that failed.
        const TimelineBar backoff = barOf("ship_order", BarKind::Backoff);
        if (backoff.rect.width() >= 4) {
            QTest::mouseClick(timeline, Qt::LeftButton, {}, backoff.rect.center().toPoint());
            QCOMPARE(panel->attempt().attempt, 1);
        }
        // Right: the next attempt (the backoff is passed over); Left: back.
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Right);
        QCOMPARE(panel->attempt().attempt, 2);
        QCOMPARE(panel->attempt().step, QStringLiteral("ship_order"));
        QCOMPARE(panel->statusText(), QStringLiteral("201 Created"));
        QTest::keyClick(timeline, Qt::Key_Left);
        QCOMPARE(panel->attempt().attempt, 1);
        QTest::keyClick(timeline, Qt::Key_Left);
        QCOMPARE(panel->attempt().step, QStringLiteral("take_payment"));

        // Ctrl+C anywhere in the dock but a body's text (which copies its selection) copies the exchange.
        QApplication::clipboard()->clear();
        f.window.activateWindow();
        f.panel()->headersTable()->setFocus();
        QTRY_VERIFY(f.panel()->headersTable()->hasFocus());
        QTest::keyClick(f.panel()->headersTable(), Qt::Key_C, Qt::ControlModifier);
        QTRY_VERIFY(QApplication::clipboard()->text().contains(QStringLiteral("POST http://127.0.0.1:%1/charges").arg(m_port)));
    }

    void aFollowedLogShowsItsExchanges()
    {
        // A run into a log of its own (--db), then that log opened as `sagascope --monitor` does;
        // then the same log as version 6 wrote it, without the requests.
        demo("POST", QStringLiteral("/_faults"), {{"path", "/reservations"}, {"status", 500}, {"count", 1}});
        const QString db = m_dir.filePath(QStringLiteral("followed.db"));
        {
            Fixture writer(m_saga);
            QVERIFY(runToEnd(writer.controller, QStringLiteral("--input %1 --db %2").arg(m_input, db)));
            QCOMPARE(writer.controller->lastSummary().completed, 1);
        }
        const auto follow = [&](Fixture &f) {
            QSignalSpy finished(f.controller, &MonitorController::finished);
            QString error;
            QVERIFY2(f.controller->openLog(db, &error), qPrintable(error));
            QVERIFY(finished.wait(10000) || !finished.isEmpty());
            QTRY_VERIFY(rowOf(f, TraceEventType::StepFailed, "reserve_stock", 1) >= 0);
            selectRow(f, rowOf(f, TraceEventType::StepFailed, "reserve_stock", 1));
        };
        {
            Fixture f(m_saga);
            follow(f);
            QCOMPARE(f.panel()->statusText(), QStringLiteral("500 Internal Server Error"));
            QCOMPARE(f.panel()->requestLine(), QStringLiteral("POST http://127.0.0.1:%1/reservations").arg(m_port));
            QVERIFY(f.panel()->requestBodyText().contains(QLatin1String("\"sku\": \"sku-1\"")));
            f.controller->stop();
        }
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("followed-v6"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            for (const char *undo : {"DROP INDEX http_attempts_by_attempt", "ALTER TABLE http_attempts DROP COLUMN request_headers",
                                     "ALTER TABLE http_attempts DROP COLUMN request_body", "PRAGMA user_version = 6"})
                QVERIFY2(q.exec(QLatin1String(undo)), undo);
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("followed-v6"));
        Fixture f(m_saga);
        follow(f);
        QCOMPARE(f.panel()->statusText(), QStringLiteral("500 Internal Server Error")); // kept by version 6 too
        QVERIFY2(f.panel()->requestBodyText().contains(QLatin1String("Not kept by this log's version (schema 6")),
                 qPrintable(f.panel()->requestBodyText()));
        QCOMPARE(f.panel()->headersTable()->rowCount(), 0);
        f.controller->stop();
    }

    void aReplyStillOnItsWayIsShownWhenItComes()
    {
        demo("POST", QStringLiteral("/_faults"), {{"path", "/charges"}, {"delayMs", 1500}, {"count", 1}});
        Fixture f(m_saga);
        HttpExchangePanel *panel = f.panel();
        QSignalSpy finished(f.controller, &MonitorController::finished);
        QString error;
        QVERIFY2(f.controller->startRun(QStringLiteral("--input ") + m_input, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(f, TraceEventType::StepStarted, "take_payment", 1) >= 0, 10000);
        selectRow(f, rowOf(f, TraceEventType::StepStarted, "take_payment", 1));
        QVERIFY2(panel->message().contains(QLatin1String("waiting for the reply")), qPrintable(panel->message()));
        QVERIFY(finished.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(panel->statusText(), QStringLiteral("201 Created"), 10000);
        QVERIFY(panel->message().isEmpty());
        QVERIFY(finished.wait(10000) || !finished.isEmpty());
    }

    void nothingSentSaysWhy()
    {
        // A failure injected from the window fails the attempt before anything is sent.
        Fixture f(m_saga);
        HttpExchangePanel *panel = f.panel();
        QVERIFY(runToEnd(f.controller, QStringLiteral("--input ") + m_input + QStringLiteral(" --fail take_payment=business")));
        QCOMPARE(f.controller->lastSummary().compensated, 1);
        selectRow(f, rowOf(f, TraceEventType::StepFailed, "take_payment", 1));
        QVERIFY2(panel->message().contains(QLatin1String("No request was sent")), qPrintable(panel->message()));
        QVERIFY(panel->message().contains(QLatin1String("injected business failure")));
        // The compensation of an earlier step did call its service: DELETE, with Saga-Compensates.
        selectRow(f, rowOf(f, TraceEventType::CompensationSucceeded, "reserve_stock", 1));
        QCOMPARE(panel->attempt().operation, OperationKind::Compensation);
        QVERIFY2(panel->requestLine().startsWith(QLatin1String("DELETE ")), qPrintable(panel->requestLine()));
        QCOMPARE(header(panel, "Saga-Compensates"), panel->attempt().instance + QStringLiteral("/reserve_stock/action"));

        // The same saga with --simulate: every step is simulated, and the panel says so.
        QVERIFY(runToEnd(f.controller, QStringLiteral("--simulate --virtual-time")));
        selectRow(f, rowOf(f, TraceEventType::StepSucceeded, "create_order", 1));
        QVERIFY2(panel->message().contains(QLatin1String("--simulate")), qPrintable(panel->message()));

        // A saga without http at all.
        const LoadResult simulated = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
        QVERIFY(simulated.ok());
        f.document.reset(*simulated.definition, QString());
        QVERIFY(runToEnd(f.controller, QStringLiteral("--virtual-time")));
        selectRow(f, rowOf(f, TraceEventType::StepSucceeded, "create_order", 1));
        QVERIFY2(panel->message().contains(QLatin1String("simulated")), qPrintable(panel->message()));
        QVERIFY(panel->message().contains(QLatin1String("no \"http\"")));

        // A run that keeps no log: where its exchange would be.
        HttpExchangePanel alone;
        alone.setDefinition(m_saga, false);
        alone.showAttempt({QStringLiteral("i"), QStringLiteral("take_payment"), OperationKind::Action, 1}, true);
        QVERIFY2(alone.message().contains(QLatin1String("keeps no saga log")), qPrintable(alone.message()));
        QVERIFY(alone.message().contains(QLatin1String("--db")));
    }

    void aNewTokenAfterA401ShowsBothRequests()
    {
        Demo::DemoServices secured;
        QString error;
        const QByteArray secret = "panel-secret-3c1f";
        const quint16 port = Test::startSecured(secured, m_dir.filePath(QStringLiteral("secured.sqlite")), secret, 3600, &error);
        QVERIFY2(port, qPrintable(error));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const SagaDefinition saga = Test::withClientCredentials(m_saga, base);
        for (const Service &service : saga.services)
            qputenv(secretVariable(service.id).toLocal8Bit().constData(), secret);
        demo("POST", QStringLiteral("/_faults"), {{"path", "/charges"}, {"status", 401}, {"count", 1}}, port);
        Fixture f(saga);
        HttpExchangePanel *panel = f.panel();
        f.controller->addDocksTo(&f.window); // the dock behind the Instances until an attempt is chosen
        f.window.resize(1400, 900);
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QVERIFY(runToEnd(f.controller, QStringLiteral("--input ") + m_input));
        QCOMPARE(f.controller->lastSummary().completed, 1);
        f.controller->docks().at(0)->raise();
        QTRY_VERIFY(panel->visibleRegion().isEmpty());
        selectRow(f, rowOf(f, TraceEventType::StepSucceeded, "take_payment", 1));
        QCOMPARE(panel->requests().size(), 2);
        QCOMPARE(panel->requestTabs()->count(), 2);
        QTRY_VERIFY(!panel->visibleRegion().isEmpty());
        QTRY_VERIFY(!panel->requestTabs()->visibleRegion().isEmpty()); // seen: not shown when chosen behind
        QVERIFY(panel->requestTabs()->height() > 10);
        QCOMPARE(panel->requestTabs()->currentIndex(), 1); // the last request first
        QCOMPARE(panel->statusText(), QStringLiteral("201 Created"));
        QCOMPARE(header(panel, "Authorization"), QStringLiteral("Bearer \u2039redacted\u203a"));
        panel->requestTabs()->setCurrentIndex(0);
        QCOMPARE(panel->statusText(), QStringLiteral("401 Unauthorized"));
        QVERIFY2(panel->outcomeText().contains(QLatin1String("new token")), qPrintable(panel->outcomeText()));
        panel->copy();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY(copied.contains(QLatin1String("request 1 of 2")) && copied.contains(QLatin1String("request 2 of 2")));
        QVERIFY(copied.contains(QStringLiteral("Authorization: Bearer \u2039redacted\u203a")));
        for (const QByteArray &token : secured.issuedTokens())
            QVERIFY(!copied.contains(QString::fromLatin1(token)));
    }
};

QTEST_MAIN(TestHttpExchangePanel)
#include "tst_httpexchangepanel.moc"

// SPDX-License-Identifier: MIT
// ProtocolComparison (the Compare window's data, without a window) and ComparisonRunner (both
// protocols run off the calling thread with the same seed and load): the figures come from the
// two summaries, in the charts' order, the CSV has one row per figure, and a real comparison of
// examples/hot-item.saga gives what `sagascope-cli run --json-summary` gives for each protocol.
#include "comparisonrunner.h"
#include "enginetesthelpers.h"
#include "protocolcomparison.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {

SagaDefinition hotItem()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

RunSummary summary(const char *protocol, int completed, int rolledBack, qint64 durationMs)
{
    RunSummary s;
    s.protocol = QLatin1String(protocol);
    s.completed = completed;
    s.compensated = rolledBack;
    s.durationMs = durationMs;
    return s;
}

/** What `run --json-summary` reports for `protocol` on the same load, in this thread. */
RunSummary direct(Protocol protocol, const ComparisonLoad &load)
{
    RunRequest request;
    request.definition = hotItem();
    request.options.instances = load.instances;
    request.options.concurrency = load.concurrency;
    request.options.seed = load.seed;
    request.options.virtualTime = true;
    request.options.protocol = protocol;
    QList<TraceEvent> trace;
    return runEngine(request, &trace);
}

const ComparisonFigure *find(const QList<ComparisonFigure> &figures, const QString &key)
{
    for (const ComparisonFigure &f : figures)
        if (f.key == key)
            return &f;
    return nullptr;
}

} // namespace

class TestProtocolComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartsTakeEachFigureFromItsProtocol()
    {
        RunSummary saga = summary("saga", 7, 3, 2000);
        saga.latencyMs = {40, 90, 10};
        saga.lockHoldMs.insert(QStringLiteral("stock"), {0, 0, 0});
        saga.anomalies = {4, 2, 5};
        saga.resources.insert(QStringLiteral("stock"), 2);
        RunSummary twoPc = summary("2pc", 6, 4, 5000);
        twoPc.latencyMs = {300, 900, 10};
        twoPc.lockHoldMs.insert(QStringLiteral("stock"), {120, 480, 10});
        twoPc.inDoubt = 1;
        twoPc.resources.insert(QStringLiteral("stock"), 4);

        const ProtocolComparison c(QStringLiteral("Hot item"), {10, 5, 7}, saga, twoPc);
        const QList<ComparisonChart> charts = c.charts();
        QCOMPARE(charts.size(), 6);
        QCOMPARE(charts[1].figures.size(), 1);
        QCOMPARE(charts[1].figures[0].saga, 5.0);   // 10 finished in 2 s
        QCOMPARE(charts[1].figures[0].twoPc, 2.0);  // 10 finished in 5 s
        QVERIFY(charts[1].higherIsBetter);
        QVERIFY(!charts[2].higherIsBetter);
        QCOMPARE(charts[3].figures.size(), 2);      // one resource: p50 and p99

        const QList<ComparisonFigure> figures = c.figures();
        QCOMPARE(find(figures, QStringLiteral("latencyMs.p99"))->twoPc, 900.0);
        QCOMPARE(find(figures, QStringLiteral("lockHoldMs.stock.p50"))->twoPc, 120.0);
        QCOMPARE(find(figures, QStringLiteral("lockHoldMs.stock.p50"))->saga, 0.0);
        QCOMPARE(find(figures, QStringLiteral("inDoubt"))->twoPc, 1.0);
        QCOMPARE(find(figures, QStringLiteral("dirtyReads"))->saga, 4.0);
        QCOMPARE(find(figures, QStringLiteral("dirtyReadFailures"))->saga, 2.0);
        QCOMPARE(find(figures, QStringLiteral("lostUpdates"))->saga, 5.0);
        QCOMPARE(find(figures, QStringLiteral("rolledBack"))->twoPc, 4.0);
        QCOMPARE(find(figures, QStringLiteral("resources.stock"))->twoPc, 4.0);
        // (without the English translation the plural reads "instance(s)")
        QVERIFY(c.caption().startsWith(QLatin1String("Hot item: 10 instance")));
        QVERIFY(c.caption().endsWith(QLatin1String(", 5 at once, seed 7")));
    }

    void csvHasTheLoadThenOneRowPerFigure()
    {
        RunSummary saga = summary("saga", 1, 2, 3000); // 1 per second
        saga.lockHoldMs.insert(QStringLiteral("stock,\"a\""), {0, 0, 0});
        RunSummary twoPc = summary("2pc", 3, 0, 9000);
        twoPc.lockHoldMs.insert(QStringLiteral("stock,\"a\""), {10, 20, 3});
        const ProtocolComparison c(QStringLiteral("x"), {3, 0, 42}, saga, twoPc);
        const QList<QByteArray> lines = c.toCsv().split('\n');
        QCOMPARE(lines.first(), QByteArray("figure,saga,2pc\r"));
        QCOMPARE(lines[1], QByteArray("instances,3,3\r"));
        QCOMPARE(lines[2], QByteArray("concurrency,0,0\r"));
        QCOMPARE(lines[3], QByteArray("seed,42,42\r"));
        QVERIFY(lines.contains("throughputPerSec,1,0.333\r"));
        QVERIFY(lines.contains("\"lockHoldMs.stock,\"\"a\"\".p99\",0,20\r"));
        QCOMPARE(lines.last(), QByteArray()); // the last row ends with CRLF too
        QCOMPARE(lines.size() - 2, 3 + c.figures().size());
    }

    void emptyComparisonHasNoCharts()
    {
        const ProtocolComparison c;
        QVERIFY(c.isEmpty());
        QVERIFY(c.charts().isEmpty());
    }

    // The runner: both protocols, off this thread, each with what a direct run of the same
    // protocol, seed and load reports.
    void runnerGivesEachProtocolsOwnSummary()
    {
        const ComparisonLoad load{40, 10, 3};
        ComparisonRunner runner;
        QSignalSpy finished(&runner, &ComparisonRunner::finished);
        QSignalSpy progress(&runner, &ComparisonRunner::progress);
        QString error;
        QVERIFY2(runner.start(hotItem(), load, &error), qPrintable(error));
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start(hotItem(), load, &error)); // one at a time
        QVERIFY(error.contains(QLatin1String("in progress")));
        QVERIFY(finished.wait(60000));
        QVERIFY(!runner.isRunning());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toInt(), 100);

        const ProtocolComparison c = finished.first().first().value<ProtocolComparison>();
        QCOMPARE(c.saga().protocol, QStringLiteral("saga"));
        QCOMPARE(c.twoPc().protocol, QStringLiteral("2pc"));
        QCOMPARE(c.load(), load);
        QCOMPARE(c.sagaName(), QStringLiteral("Hot item"));
        const RunSummary saga = direct(Protocol::Saga, load);
        const RunSummary twoPc = direct(Protocol::TwoPhaseCommit, load);
        QCOMPARE(c.saga().toJson().value(QLatin1String("latencyMs")), saga.toJson().value(QLatin1String("latencyMs")));
        QCOMPARE(c.saga().anomalies.lostUpdates, saga.anomalies.lostUpdates);
        QCOMPARE(c.twoPc().toJson().value(QLatin1String("lockHoldMs")), twoPc.toJson().value(QLatin1String("lockHoldMs")));
        QCOMPARE(c.twoPc().completed, twoPc.completed);
        // The teaching result: the saga lets anomalies happen, 2PC holds its locks longer.
        QVERIFY(c.saga().anomalies.dirtyReads > 0);
        QCOMPARE(c.twoPc().anomalies.dirtyReads, 0);
        QVERIFY(c.twoPc().lockHoldMs.value(QStringLiteral("stock:sku-1")).p50 > 0);
        QVERIFY(c.saga().throughputPerSec() > c.twoPc().throughputPerSec());
    }

    void runnerRefusesABadSagaAndAnEmptyLoad()
    {
        ComparisonRunner runner;
        QString error;
        QVERIFY(!runner.start(hotItem(), {0, 1, 1}, &error));
        QVERIFY(error.contains(QLatin1String("at least one")));
        SagaDefinition broken = hotItem();
        broken.steps[1].after = {QStringLiteral("nowhere")};
        QVERIFY(!runner.start(broken, {1, 1, 1}, &error));
        QVERIFY(error.contains(QLatin1String("validation errors")));
        QVERIFY(!runner.isRunning());
    }

    void cancelEndsWithFailed()
    {
        ComparisonRunner runner;
        QSignalSpy failed(&runner, &ComparisonRunner::failed);
        QSignalSpy finished(&runner, &ComparisonRunner::finished);
        QString error;
        QVERIFY(runner.start(hotItem(), {20000, 10, 1}, &error));
        runner.cancel();
        QVERIFY(failed.wait(60000));
        QVERIFY(finished.isEmpty());
        QVERIFY(!runner.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestProtocolComparison)
#include "tst_protocolcomparison.moc"

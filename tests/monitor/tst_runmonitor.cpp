// SPDX-License-Identifier: MIT
// RunMonitor: the engine's batches are coalesced into frames; each frame updates the state and
// the models once (one insertion in the event log, one updated() signal).
#include "eventlogmodel.h"
#include "instancesmodel.h"
#include "monitortesthelpers.h"
#include "runmonitor.h"

#include <QSignalSpy>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

namespace {
/** `instances` copies of the rollback trace, each under its own instance id, one after another. */
QList<TraceEvent> manyRollbacks(int instances)
{
    const QList<TraceEvent> one = parseTrace(rollbackTrace());
    QList<TraceEvent> all;
    all.reserve(one.size() * instances);
    for (int i = 0; i < instances; ++i)
        for (TraceEvent e : one) {
            e.instance = QStringLiteral("i%1").arg(i);
            all.append(e);
        }
    return all;
}
} // namespace

class TestRunMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coalescesBatchesIntoOneFrame();
    void appliesAtOnceWithoutFrames();
    void refreshesOnlyTheInstancesThatChanged();
    void newDefinitionForgetsTheRun();
    void budgetSpreadsAFloodOverFrames();
    void unevenBatchesKeepTheirOrderAcrossFrames();
};

void TestRunMonitor::coalescesBatchesIntoOneFrame()
{
    RunMonitor monitor;
    monitor.setDefinition(orderCheckout());
    monitor.setFrameInterval(30);
    QSignalSpy updated(&monitor, &RunMonitor::updated);
    QSignalSpy logInserted(monitor.eventLog(), &QAbstractItemModel::rowsInserted);
    QSignalSpy instancesInserted(monitor.instances(), &QAbstractItemModel::rowsInserted);
    const QList<TraceEvent> a = parseTrace(rollbackTrace());
    const QList<TraceEvent> b = parseTrace(retryTrace());
    for (qsizetype i = 0; i < a.size(); i += 3)
        monitor.addEvents(a.mid(i, 3));
    monitor.addEvents(b);
    // Nothing is applied before the frame.
    QCOMPARE(monitor.pendingCount(), a.size() + b.size());
    QCOMPARE(monitor.state().instanceCount(), 0);
    QCOMPARE(monitor.eventLog()->rowCount(), 0);
    QTRY_COMPARE(updated.count(), 1);
    QCOMPARE(updated.at(0).at(0).value<QList<TraceEvent>>(), a + b);
    QCOMPARE(logInserted.count(), 1);
    QCOMPARE(instancesInserted.count(), 1);
    QCOMPARE(monitor.eventLog()->rowCount(), int(a.size() + b.size()));
    QCOMPARE(monitor.instances()->rowCount(), 2);
    QCOMPARE(monitor.state().statusCount(InstanceStatus::Compensated), 1);
    QCOMPARE(monitor.state().statusCount(InstanceStatus::Completed), 1);
    QCOMPARE(monitor.pendingCount(), 0);
    QTest::qWait(60);
    QCOMPARE(updated.count(), 1); // no empty frames
}

void TestRunMonitor::refreshesOnlyTheInstancesThatChanged()
{
    RunMonitor monitor;
    monitor.setDefinition(orderCheckout());
    monitor.setFrameInterval(0);
    const QList<TraceEvent> a = parseTrace(timeoutTrace()), b = parseTrace(retryTrace()), c = parseTrace(stuckTrace());
    monitor.addEvents(a.mid(0, 2) + b.mid(0, 2) + c.mid(0, 2));
    QSignalSpy changed(monitor.instances(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(monitor.instances(), &QAbstractItemModel::rowsInserted);
    monitor.addEvents(b.mid(2)); // only b2 moves on, and finishes
    QCOMPARE(inserted.count(), 0);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 1);
    const QModelIndex status = monitor.instances()->index(1, InstancesModel::StatusColumn);
    QCOMPARE(status.data(InstancesModel::StatusRole).toInt(), int(InstanceStatus::Completed));
}

void TestRunMonitor::appliesAtOnceWithoutFrames()
{
    RunMonitor monitor;
    monitor.setDefinition(orderCheckout());
    monitor.setFrameInterval(0);
    QSignalSpy updated(&monitor, &RunMonitor::updated);
    monitor.addEvents(parseTrace(stuckTrace()));
    QCOMPARE(updated.count(), 1);
    QCOMPARE(monitor.state().statusCount(InstanceStatus::Stuck), 1);
    monitor.flush(); // nothing pending: no signal
    QCOMPARE(updated.count(), 1);
}

void TestRunMonitor::newDefinitionForgetsTheRun()
{
    RunMonitor monitor;
    monitor.setDefinition(orderCheckout());
    monitor.setFrameInterval(0);
    monitor.addEvents(parseTrace(retryTrace()));
    QCOMPARE(monitor.instances()->rowCount(), 1);
    monitor.setDefinition(travelBooking());
    QCOMPARE(monitor.state().instanceCount(), 0);
    QCOMPARE(monitor.state().stepCount(), 4);
    QCOMPARE(monitor.eventLog()->rowCount(), 0);
    QCOMPARE(monitor.instances()->rowCount(), 0);
    monitor.addEvents(parseTrace(timeoutTrace())); // steps this saga lacks are refused, the instance shows
    QCOMPARE(monitor.instances()->rowCount(), 1);
    QVERIFY(monitor.state().ignoredCount() > 0);
    monitor.clear();
    QCOMPARE(monitor.instances()->rowCount(), 0);
    QCOMPARE(monitor.eventLog()->rowCount(), 0);
}

void TestRunMonitor::budgetSpreadsAFloodOverFrames()
{
    RunMonitor monitor;
    monitor.setDefinition(orderCheckout());
    monitor.setFrameInterval(5);
    monitor.setFrameBudget(1);
    const QList<TraceEvent> flood = manyRollbacks(20000);
    QSignalSpy updated(&monitor, &RunMonitor::updated);
    monitor.addEvents(flood);
    QVERIFY(updated.wait(2000));
    // A 1 ms budget cannot take 240,000 events in one frame: the rest waits for later frames.
    const auto firstBatch = updated.first().first().value<QList<TraceEvent>>();
    QVERIFY(firstBatch.size() < flood.size());
    QVERIFY(monitor.pendingCount() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.pendingCount(), 0, 20000);
    QVERIFY(updated.count() > 1);
    // Nothing lost, nothing reordered.
    QCOMPARE(monitor.state().appliedCount(), qint64(flood.size()));
    QCOMPARE(monitor.state().statusCount(InstanceStatus::Compensated), 20000);
    QCOMPARE(monitor.eventLog()->events(), flood);

    // flush() takes everything at once, whatever the budget.
    monitor.clear();
    monitor.addEvents(flood.mid(0, 50000));
    monitor.flush();
    QCOMPARE(monitor.pendingCount(), 0);
    QCOMPARE(monitor.state().appliedCount(), qint64(50000));
}

void TestRunMonitor::unevenBatchesKeepTheirOrderAcrossFrames()
{
    // The engine's batches come in every size; a frame takes its chunks across their borders and
    // stops in the middle of one when the budget is spent.
    RunMonitor monitor;
    monitor.setDefinition(orderCheckout());
    monitor.setFrameInterval(5);
    monitor.setFrameBudget(1);
    const QList<TraceEvent> all = manyRollbacks(6000);
    const qsizetype sizes[] = {1, 255, 256, 257, 0, 3, 1000, 511, 40, 4097};
    QSignalSpy updated(&monitor, &RunMonitor::updated);
    QList<TraceEvent> delivered;
    for (qsizetype at = 0, k = 0; at < all.size(); ++k) {
        const qsizetype n = qMin(sizes[k % std::size(sizes)], all.size() - at);
        monitor.addEvents(all.mid(at, n));
        at += n;
    }
    QCOMPARE(monitor.pendingCount(), all.size());
    QTRY_COMPARE_WITH_TIMEOUT(monitor.pendingCount(), 0, 20000);
    QVERIFY(updated.count() > 1);
    for (const QList<QVariant> &frame : updated)
        delivered += frame.first().value<QList<TraceEvent>>();
    QCOMPARE(delivered, all);
    QCOMPARE(monitor.eventLog()->events(), all);
    QCOMPARE(monitor.state().statusCount(InstanceStatus::Compensated), 6000);

    // clear() drops what still waits.
    monitor.clear();
    monitor.addEvents(all.mid(0, 10));
    monitor.addEvents(all.mid(10, 10));
    monitor.clear();
    QCOMPARE(monitor.pendingCount(), 0);
    QTest::qWait(30);
    QCOMPARE(monitor.eventLog()->rowCount(), 0);
}

QTEST_MAIN(TestRunMonitor)
#include "tst_runmonitor.moc"

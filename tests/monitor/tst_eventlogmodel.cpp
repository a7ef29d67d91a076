// SPDX-License-Identifier: MIT
// EventLogModel and EventLogFilterModel: batches arrive in one insertion each; the filters by
// step, event type, instance and id search keep exactly the rows they should; JSON lines out
// are the SPEC's lines, byte for byte.
#include "eventlogfiltermodel.h"
#include "eventlogmodel.h"
#include "monitortesthelpers.h"

#include <QSignalSpy>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestEventLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsBatchesInOneInsertion();
    void displaysEvents();
    void eventsOfOneInstance();
    void filtersByStep();
    void filtersByEventType();
    void filtersByInstanceAndSearch();
    void newRowsAreFiltered();
    void jsonLinesAreTheTrace();
};

void TestEventLogModel::appendsBatchesInOneInsertion()
{
    EventLogModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QList<TraceEvent> trace = parseTrace(rollbackTrace());
    model.appendEvents(trace.mid(0, 5));
    model.appendEvents({});
    model.appendEvents(trace.mid(5));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(inserted.at(1).at(1).toInt(), 5);
    QCOMPARE(inserted.at(1).at(2).toInt(), 11);
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.events(), trace);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.eventsOf(trace.first().instance).isEmpty());
}

void TestEventLogModel::displaysEvents()
{
    EventLogModel model;
    model.appendEvents(parseTrace(rollbackTrace()));
    model.appendEvents(parseTrace(retryTrace()));
    auto cell = [&model](int row, int column, int role = Qt::DisplayRole) { return model.data(model.index(row, column), role); };
    QCOMPARE(cell(6, EventLogModel::InstanceColumn).toString(), QStringLiteral("0c5fc157"));
    QCOMPARE(cell(6, EventLogModel::InstanceColumn, Qt::ToolTipRole).toString(),
             QStringLiteral("0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9"));
    QCOMPARE(cell(6, EventLogModel::SeqColumn).toLongLong(), 7);
    QCOMPARE(cell(6, EventLogModel::StepColumn).toString(), QStringLiteral("take_payment"));
    QCOMPARE(cell(6, EventLogModel::EventColumn).toString(), QStringLiteral("step_failed"));
    QCOMPARE(cell(6, EventLogModel::AttemptColumn).toInt(), 1);
    QCOMPARE(cell(6, EventLogModel::DetailColumn).toString(), QStringLiteral("business: injected business failure"));
    QCOMPARE(cell(6, EventLogModel::TimeColumn, EventLogModel::SortRole).toLongLong(), 235);
    QVERIFY(cell(6, EventLogModel::EventColumn, Qt::DecorationRole).value<QIcon>().isNull() == false);
    // saga_* events have no attempt; the final event shows its reason.
    QVERIFY(!cell(0, EventLogModel::AttemptColumn).isValid());
    QCOMPARE(cell(11, EventLogModel::DetailColumn).toString(), QStringLiteral("rolled back: take_payment failed (business)"));
    // retry_scheduled shows the backoff.
    QCOMPARE(cell(12 + 9, EventLogModel::EventColumn).toString(), QStringLiteral("retry_scheduled"));
    QCOMPARE(cell(12 + 9, EventLogModel::DetailColumn).toString(), QStringLiteral("retry in 556 ms"));
    QCOMPARE(model.columnCount(), int(EventLogModel::ColumnCount));
    QCOMPARE(model.headerData(EventLogModel::StepColumn, Qt::Horizontal).toString(), QStringLiteral("Step"));
}

void TestEventLogModel::eventsOfOneInstance()
{
    EventLogModel model;
    const QList<TraceEvent> a = parseTrace(timeoutTrace());
    const QList<TraceEvent> b = parseTrace(retryTrace());
    // Interleaved, in two batches.
    QList<TraceEvent> mixed;
    for (qsizetype i = 0; i < qMax(a.size(), b.size()); ++i) {
        if (i < a.size())
            mixed.append(a.at(i));
        if (i < b.size())
            mixed.append(b.at(i));
    }
    model.appendEvents(mixed.mid(0, 7));
    model.appendEvents(mixed.mid(7));
    QCOMPARE(model.eventsOf(QStringLiteral("a1")), a);
    QCOMPARE(model.eventsOf(QStringLiteral("b2")), b);
    QVERIFY(model.eventsOf(QStringLiteral("nobody")).isEmpty());
}

static int countMatching(const QList<TraceEvent> &events, const std::function<bool(const TraceEvent &)> &accept)
{
    return int(std::count_if(events.begin(), events.end(), accept));
}

void TestEventLogModel::filtersByStep()
{
    EventLogModel model;
    QList<TraceEvent> all = parseTrace(rollbackTrace()) + parseTrace(timeoutTrace());
    model.appendEvents(all);
    EventLogFilterModel filter;
    filter.setLogModel(&model);
    QCOMPARE(filter.rowCount(), 28);
    filter.setStepFilter(QStringLiteral("reserve_stock"));
    // rollback: started, succeeded, compensation started/succeeded; timeout: 3 x (started, failed), 2 retries, compensation x2
    QCOMPARE(filter.rowCount(), 4 + 10);
    for (int row = 0; row < filter.rowCount(); ++row)
        QCOMPARE(filter.data(filter.index(row, EventLogModel::StepColumn)).toString(), QStringLiteral("reserve_stock"));
    filter.setStepFilter(QString());
    QCOMPARE(filter.rowCount(), 28);
}

void TestEventLogModel::filtersByEventType()
{
    EventLogModel model;
    const QList<TraceEvent> all = parseTrace(rollbackTrace()) + parseTrace(timeoutTrace()) + parseTrace(stuckTrace());
    model.appendEvents(all);
    EventLogFilterModel filter;
    filter.setLogModel(&model);
    filter.setEventTypeMask(1u << quint32(TraceEventType::StepFailed));
    QCOMPARE(filter.rowCount(), countMatching(all, [](const TraceEvent &e) { return e.event == TraceEventType::StepFailed; }));
    QCOMPARE(filter.rowCount(), 1 + 3 + 3);
    filter.setEventTypeShown(TraceEventType::RetryScheduled, true);
    QCOMPARE(filter.rowCount(), 7 + 2 + 2);
    // Failures of one step only.
    filter.setStepFilter(QStringLiteral("take_payment"));
    QCOMPARE(filter.rowCount(), 1 + 3 + 2);
    filter.setEventTypeShown(TraceEventType::StepFailed, false);
    QCOMPARE(filter.rowCount(), 2);
    for (int row = 0; row < filter.rowCount(); ++row)
        QCOMPARE(filter.data(filter.index(row, 0), EventLogModel::EventTypeRole).toInt(), int(TraceEventType::RetryScheduled));
    filter.setStepFilter({});
    filter.setEventTypeMask(EventLogFilterModel::AllEventTypes);
    QCOMPARE(filter.rowCount(), int(all.size()));
}

void TestEventLogModel::filtersByInstanceAndSearch()
{
    EventLogModel model;
    const QList<TraceEvent> all = parseTrace(rollbackTrace()) + parseTrace(timeoutTrace()) + parseTrace(retryTrace());
    model.appendEvents(all);
    EventLogFilterModel filter;
    filter.setLogModel(&model);
    filter.setInstanceFilter(QStringLiteral("a1"));
    QCOMPARE(filter.rowCount(), 16);
    filter.setInstanceFilter({});
    filter.setSearchText(QStringLiteral("  D64A "));  // part of the UUID, any case
    QCOMPARE(filter.rowCount(), 12);
    filter.setSearchText(QStringLiteral("A"));         // the UUID and "a1", not "b2"
    QCOMPARE(filter.rowCount(), 12 + 16);
    filter.setSearchText(QStringLiteral("zz"));
    QCOMPARE(filter.rowCount(), 0);
}

void TestEventLogModel::newRowsAreFiltered()
{
    EventLogModel model;
    EventLogFilterModel filter;
    filter.setLogModel(&model);
    filter.setStepFilter(QStringLiteral("ship_order"));
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    const QList<TraceEvent> trace = parseTrace(retryTrace());
    model.appendEvents(trace.mid(0, 10));
    model.appendEvents(trace.mid(10));
    QCOMPARE(filter.rowCount(), 8);
    QVERIFY(inserted.count() <= 2);
}

void TestEventLogModel::jsonLinesAreTheTrace()
{
    EventLogModel model;
    model.appendEvents(parseTrace(rollbackTrace()));
    const QList<QByteArray> lines = QByteArray(rollbackTrace()).trimmed().split('\n');
    QCOMPARE(model.jsonLines({6, 2, 2, 99, -1}), lines.at(2) + '\n' + lines.at(6) + '\n');
    QList<int> every;
    for (int i = 0; i < model.rowCount(); ++i)
        every.append(i);
    QCOMPARE(model.jsonLines(every), QByteArray(rollbackTrace()).trimmed() + '\n');
    QVERIFY(model.jsonLines({}).isEmpty());
}

QTEST_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"

// SPDX-License-Identifier: MIT
// InstancesModel, InstanceFilterModel and InstancesPanel: one row per instance with its status,
// start and duration; new instances in one insertion per batch; filter by status, search by
// id; selecting a row names the instance.
#include "instancefiltermodel.h"
#include "instancesmodel.h"
#include "instancespanel.h"
#include "monitortesthelpers.h"
#include "runstate.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestInstancesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsFollowTheState();
    void filtersByStatusAndId();
    void sortsByDuration();
    void panelSelectsInstances();
    void formatsDurations();
};

namespace {

/** Four instances in one state: compensated, compensated, completed, stuck. */
QList<TraceEvent> fourInstances()
{
    return parseTrace(rollbackTrace()) + parseTrace(timeoutTrace()) + parseTrace(retryTrace()) + parseTrace(stuckTrace());
}

} // namespace

void TestInstancesModel::rowsFollowTheState()
{
    RunState state(orderCheckout());
    InstancesModel model;
    model.setRunState(&state);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    const QList<TraceEvent> a = parseTrace(timeoutTrace());
    const QList<TraceEvent> b = parseTrace(retryTrace());
    QList<TraceEvent> batch = a.mid(0, 3) + b.mid(0, 3); // two new instances in one batch
    state.apply(batch);
    model.sync(batch);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    auto cell = [&model](int row, int column, int role = Qt::DisplayRole) { return model.data(model.index(row, column), role); };
    QCOMPARE(cell(0, InstancesModel::IdColumn).toString(), QStringLiteral("a1"));
    QCOMPARE(cell(0, InstancesModel::StatusColumn).toString(), QStringLiteral("Running"));
    QCOMPARE(cell(0, InstancesModel::StatusColumn, InstancesModel::StatusRole).toInt(), int(InstanceStatus::Running));
    QCOMPARE(cell(0, InstancesModel::DurationColumn).toString(), QStringLiteral("20 ms")); // running: up to now

    changed.clear();
    batch = a.mid(3) + b.mid(3);
    state.apply(batch);
    model.sync(batch);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1); // nobody new
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 1);
    QCOMPARE(cell(0, InstancesModel::StatusColumn).toString(), QStringLiteral("Compensated"));
    QCOMPARE(cell(0, InstancesModel::DurationColumn).toString(), QStringLiteral("6.35 s"));
    QCOMPARE(cell(0, InstancesModel::DurationColumn, InstancesModel::SortRole).toLongLong(), 6352);
    QCOMPARE(cell(0, InstancesModel::ReasonColumn).toString(), QStringLiteral("rolled back: reserve_stock failed (timeout)"));
    QCOMPARE(cell(1, InstancesModel::StatusColumn).toString(), QStringLiteral("Completed"));
    QCOMPARE(cell(1, InstancesModel::DurationColumn).toString(), QStringLiteral("1.97 s"));
    QVERIFY(!cell(1, InstancesModel::StatusColumn, Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.rowOf(QStringLiteral("b2")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("zz")), -1);
    QCOMPARE(model.instanceAt(1), QStringLiteral("b2"));
}

void TestInstancesModel::filtersByStatusAndId()
{
    RunState state(orderCheckout());
    InstancesModel model;
    model.setRunState(&state);
    const QList<TraceEvent> all = fourInstances();
    state.apply(all);
    model.sync(all);
    InstanceFilterModel filter;
    filter.setSourceModel(&model);
    QCOMPARE(filter.rowCount(), 4);
    filter.setStatusFilter(InstanceStatus::Compensated);
    QCOMPARE(filter.rowCount(), 2);
    filter.setStatusFilter(InstanceStatus::Stuck);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.data(filter.index(0, InstancesModel::IdColumn)).toString(), QStringLiteral("c3"));
    filter.setStatusFilter(InstanceStatus::Running);
    QCOMPARE(filter.rowCount(), 0);
    filter.setStatusFilter(std::nullopt);
    filter.setSearchText(QStringLiteral("D64A"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearchText(QStringLiteral("a"));
    filter.setStatusFilter(InstanceStatus::Compensated);
    QCOMPARE(filter.rowCount(), 2); // the UUID and a1
    filter.setStatusFilter(InstanceStatus::Completed);
    QCOMPARE(filter.rowCount(), 0);
}

void TestInstancesModel::sortsByDuration()
{
    RunState state(orderCheckout());
    InstancesModel model;
    model.setRunState(&state);
    const QList<TraceEvent> all = fourInstances();
    state.apply(all);
    model.sync(all);
    InstanceFilterModel filter;
    filter.setSourceModel(&model);
    filter.sort(InstancesModel::DurationColumn, Qt::DescendingOrder);
    QStringList order;
    for (int row = 0; row < filter.rowCount(); ++row)
        order << filter.data(filter.index(row, InstancesModel::IdColumn)).toString();
    // 15580 ms (stuck), 6352 (timeout), 1972 (retries), 258 (rollback): numbers, not strings.
    QCOMPARE(order, (QStringList{"c3", "a1", "b2", "0c5fc157-d64a-5bdf-ac1a-05a40b9a68e9"}));
}

void TestInstancesModel::panelSelectsInstances()
{
    RunState state(orderCheckout());
    InstancesModel model;
    model.setRunState(&state);
    const QList<TraceEvent> all = fourInstances();
    state.apply(all);
    model.sync(all);
    InstancesPanel panel(&model);
    QSignalSpy selected(&panel, &InstancesPanel::instanceSelected);
    QVERIFY(panel.selectInstance(QStringLiteral("b2")));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), QStringLiteral("b2"));
    QCOMPARE(panel.selectedInstance(), QStringLiteral("b2"));
    // The status combo filters; an instance filtered out cannot be selected.
    panel.statusCombo()->setCurrentIndex(panel.statusCombo()->findData(int(InstanceStatus::Stuck)));
    QCOMPARE(panel.filterModel()->rowCount(), 1);
    QVERIFY(!panel.selectInstance(QStringLiteral("a1")));
    QVERIFY(panel.selectInstance(QStringLiteral("c3")));
    QCOMPARE(selected.last().at(0).toString(), QStringLiteral("c3"));
    panel.statusCombo()->setCurrentIndex(0);
    panel.searchEdit()->setText(QStringLiteral("b"));
    QCOMPARE(panel.filterModel()->rowCount(), 2); // b2 and the UUID (…5bdf…)
    QVERIFY(!panel.selectInstance(QStringLiteral("nobody")));
}

void TestInstancesModel::formatsDurations()
{
    QCOMPARE(InstancesModel::formatDuration(0), QStringLiteral("0 ms"));
    QCOMPARE(InstancesModel::formatDuration(999), QStringLiteral("999 ms"));
    QCOMPARE(InstancesModel::formatDuration(1250), QStringLiteral("1.25 s"));
    QCOMPARE(InstancesModel::formatDuration(15580), QStringLiteral("15.6 s"));
    QCOMPARE(InstancesModel::formatDuration(125000), QStringLiteral("2 min 5 s"));
    QVERIFY(InstancesModel::formatDuration(-1).isEmpty());
}

QTEST_MAIN(TestInstancesModel)
#include "tst_instancesmodel.moc"

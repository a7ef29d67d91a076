// SPDX-License-Identifier: MIT
// EventLogPanel: Copy (Ctrl+C) puts the selected rows on the clipboard as JSON lines, in log
// order, through the filters; "selected instance only" narrows the log to one instance.
#include "eventlogfiltermodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "monitortesthelpers.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestEventLogPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void copiesSelectedRowsAsJsonLines();
    void stepComboFilters();
    void selectedInstanceOnly();
};

void TestEventLogPanel::copiesSelectedRowsAsJsonLines()
{
    EventLogModel model;
    model.appendEvents(parseTrace(rollbackTrace()));
    model.appendEvents(parseTrace(timeoutTrace()));
    EventLogPanel panel(&model);
    panel.setDefinition(orderCheckout());
    panel.resize(800, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    panel.filterModel()->setStepFilter(QStringLiteral("create_order"));
    QCOMPARE(panel.filterModel()->rowCount(), 4 + 4);
    QTableView *view = panel.view();
    QItemSelectionModel *selection = view->selectionModel();
    // Select the 4th and then the 2nd visible row: copied in log order, not in click order.
    selection->select(panel.filterModel()->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(panel.filterModel()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QList<QByteArray> lines = QByteArray(rollbackTrace()).trimmed().split('\n');
    // create_order rows of the rollback trace: seq 2, 3, 10, 11.
    const QByteArray expected = lines.at(2) + '\n' + lines.at(10) + '\n';
    QCOMPARE(panel.selectedJsonLines(), expected);

    QApplication::clipboard()->clear();
    view->setFocus();
    QTest::keySequence(view, QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromUtf8(expected));
    // Every copied line parses back into the event it came from.
    const QList<TraceEvent> back = parseTrace(QApplication::clipboard()->text().toUtf8());
    QCOMPARE(back.size(), 2);
    QCOMPARE(back.at(0), model.event(2));
    QCOMPARE(back.at(1), model.event(10));
}

void TestEventLogPanel::stepComboFilters()
{
    EventLogModel model;
    model.appendEvents(parseTrace(retryTrace()));
    EventLogPanel panel(&model);
    panel.setDefinition(orderCheckout());
    auto *combo = panel.findChild<QComboBox *>();
    QVERIFY(combo);
    QCOMPARE(combo->count(), 1 + 5);
    combo->setCurrentIndex(combo->findData(QStringLiteral("ship_order")));
    QCOMPARE(panel.filterModel()->stepFilter(), QStringLiteral("ship_order"));
    QCOMPARE(panel.filterModel()->rowCount(), 8);
    combo->setCurrentIndex(0);
    QCOMPARE(panel.filterModel()->rowCount(), 18);
}

void TestEventLogPanel::selectedInstanceOnly()
{
    EventLogModel model;
    model.appendEvents(parseTrace(timeoutTrace()) + parseTrace(retryTrace()));
    EventLogPanel panel(&model);
    panel.setSelectedInstance(QStringLiteral("b2"));
    QCOMPARE(panel.filterModel()->rowCount(), 34); // not narrowed until asked
    panel.setSelectedInstanceOnly(true);
    QCOMPARE(panel.filterModel()->rowCount(), 18);
    panel.setSelectedInstance(QStringLiteral("a1"));
    QCOMPARE(panel.filterModel()->rowCount(), 16);
    panel.setSelectedInstanceOnly(false);
    QCOMPARE(panel.filterModel()->rowCount(), 34);
}

QTEST_MAIN(TestEventLogPanel)
#include "tst_eventlogpanel.moc"

// SPDX-License-Identifier: MIT
// SummaryPanel: counts per status and the throughput in instances per second of trace time.
#include "monitortesthelpers.h"
#include "runstate.h"
#include "summarypanel.h"

#include <QTest>

using namespace Sagascope;
using namespace Sagascope::Test;

class TestSummaryPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsAndThroughput();
};

void TestSummaryPanel::countsAndThroughput()
{
    SummaryPanel panel;
    RunState state(orderCheckout());
    panel.showState(state);
    QCOMPARE(panel.valueText(SummaryPanel::CompletedTile), QStringLiteral("0"));
    QCOMPARE(SummaryPanel::throughput(state), -1.0);
    QCOMPARE(panel.valueText(SummaryPanel::ThroughputTile), QStringLiteral("—"));

    // Three instances finish within 15580 ms of trace time; one is still running.
    state.apply(parseTrace(rollbackTrace()) + parseTrace(retryTrace()) + parseTrace(stuckTrace())
                + parseTrace(timeoutTrace()).mid(0, 4));
    panel.showState(state);
    QCOMPARE(panel.valueText(SummaryPanel::RunningTile), QStringLiteral("1"));
    QCOMPARE(panel.valueText(SummaryPanel::CompletedTile), QStringLiteral("1"));
    QCOMPARE(panel.valueText(SummaryPanel::CompensatedTile), QStringLiteral("1"));
    QCOMPARE(panel.valueText(SummaryPanel::StuckTile), QStringLiteral("1"));
    QCOMPARE(panel.valueText(SummaryPanel::EventsTile), QStringLiteral("48"));
    QVERIFY(qAbs(SummaryPanel::throughput(state) - 3 * 1000.0 / 15580) < 1e-9);
    QCOMPARE(panel.valueText(SummaryPanel::ThroughputTile), QStringLiteral("0.19/s"));
}

QTEST_MAIN(TestSummaryPanel)
#include "tst_summarypanel.moc"

// SPDX-License-Identifier: MIT
// The Compare window, offscreen: the chart draws each figure's bars in proportion to its values
// (counted in the pixels of each protocol's colour), and the dialog runs a real comparison of
// examples/hot-item.saga off the GUI thread, shows it and exports it as PNG and CSV.
#include "comparisonchart.h"
#include "comparisondialog.h"
#include "comparisonrunner.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

SagaDefinition hotItem()
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/hot-item.saga"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

/** Pixels of exactly `color` inside `rect` of `image`. */
int countPixels(const QImage &image, const QRectF &rect, const QColor &color)
{
    int n = 0;
    const QRect r = rect.toAlignedRect() & image.rect();
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
    return n;
}

ProtocolComparison sample()
{
    RunSummary saga;
    saga.protocol = QStringLiteral("saga");
    saga.completed = 30;
    saga.durationMs = 1000;  // 30 per second
    saga.latencyMs = {50, 100, 30};
    RunSummary twoPc;
    twoPc.protocol = QStringLiteral("2pc");
    twoPc.completed = 30;
    twoPc.durationMs = 3000; // 10 per second
    twoPc.latencyMs = {200, 400, 30};
    return ProtocolComparison(QStringLiteral("Sample"), {30, 10, 1}, saga, twoPc);
}

} // namespace

class TestComparisonChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void barsAreInProportionToTheFigures()
    {
        ComparisonChartWidget chart;
        chart.setComparison(sample());
        const QSize size(1200, 800);
        const QImage image = chart.toImage(size);
        QCOMPARE(image.size(), size);
        const int panels = int(sample().charts().size());
        // Throughput (panel 1): the saga's bar is three times 2PC's.
        const QRectF throughput = ComparisonChartWidget::panelRect(size, 1, panels);
        const int saga = countPixels(image, throughput, ComparisonChartWidget::sagaColor());
        const int twoPc = countPixels(image, throughput, ComparisonChartWidget::twoPcColor());
        QVERIFY2(twoPc > 0, "no 2PC bar");
        QVERIFY2(saga > 2.7 * twoPc && saga < 3.3 * twoPc, qPrintable(QStringLiteral("%1 vs %2").arg(saga).arg(twoPc)));
        // Latency (panel 2): 2PC's bars are four times the saga's (50+100 against 200+400).
        const QRectF latency = ComparisonChartWidget::panelRect(size, 2, panels);
        const int sagaLatency = countPixels(image, latency, ComparisonChartWidget::sagaColor());
        const int twoPcLatency = countPixels(image, latency, ComparisonChartWidget::twoPcColor());
        QVERIFY(twoPcLatency > 3.6 * sagaLatency && twoPcLatency < 4.4 * sagaLatency);
        // The anomalies are all 0: no bar at all.
        const QRectF anomalies = ComparisonChartWidget::panelRect(size, 5, panels);
        QCOMPARE(countPixels(image, anomalies, ComparisonChartWidget::sagaColor()), 0);
    }

    void emptyChartSaysWhatCompareDoes()
    {
        ComparisonChartWidget chart;
        const QImage image = chart.toImage(QSize(600, 400));
        QCOMPARE(countPixels(image, image.rect(), ComparisonChartWidget::sagaColor()), 0);
        chart.resize(600, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
    }

    void dialogComparesAndExports()
    {
        QTemporaryDir dir;
        ComparisonDialog dialog;
        dialog.setDefinition(hotItem());
        dialog.setLoad({30, 10, 5});
        QCOMPARE(dialog.load(), (ComparisonLoad{30, 10, 5}));
        QString error;
        QVERIFY(!dialog.exportCsv(dir.filePath(QStringLiteral("early.csv")), &error));
        QVERIFY(error.contains(QLatin1String("run the comparison first")));

        dialog.show();
        QSignalSpy shown(&dialog, &ComparisonDialog::comparisonShown);
        QVERIFY2(dialog.compare(&error), qPrintable(error));
        QVERIFY(dialog.isRunning());
        QVERIFY(shown.wait(60000));
        QVERIFY(!dialog.isRunning());
        const ProtocolComparison &c = dialog.chart()->comparison();
        QVERIFY(!c.isEmpty());
        QCOMPARE(c.load().seed, quint64(5));
        QCOMPARE(c.saga().completed + c.saga().compensated, 30);

        const QString csvPath = dir.filePath(QStringLiteral("c.csv"));
        QVERIFY2(dialog.exportCsv(csvPath, &error), qPrintable(error));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), c.toCsv());

        const QString pngPath = dir.filePath(QStringLiteral("c.png"));
        QVERIFY2(dialog.exportPng(pngPath, &error), qPrintable(error));
        const QImage png(pngPath);
        QCOMPARE(png.size(), QSize(1600, 900));
        QVERIFY(countPixels(png, png.rect(), ComparisonChartWidget::twoPcColor()) > 0);

        QVERIFY(!dialog.exportPng(dir.filePath(QStringLiteral("no/such/dir/c.png")), &error));
        QVERIFY(error.contains(QLatin1String("no/such/dir")));
    }
};

QTEST_MAIN(TestComparisonChart)
#include "tst_comparisonchart.moc"

// SPDX-License-Identifier: MIT
// CardStyle: every kind is told apart by its outline and glyph, not by colour alone, and the
// text on a card keeps a readable contrast in light and dark palettes (WCAG ratios).

#include "cardstyle.h"

#include <QImage>
#include <QPainter>
#include <QTest>

#include <cmath>

using namespace Sagascope;

namespace {

qreal luminance(const QColor &color)
{
    auto channel = [](qreal c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QPalette palette(bool dark)
{
    QPalette p;
    p.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white));
    p.setColor(QPalette::Text, dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(0x1a, 0x1a, 0x1a));
    return p;
}

const StepKind kinds[] = {StepKind::Compensatable, StepKind::Pivot, StepKind::Retriable};

/** The glyph drawn alone, as a 1-bit mask. */
QImage glyphMask(StepKind kind)
{
    QImage image(32, 32, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    CardStyle::drawGlyph(&painter, kind, QRectF(0, 0, 32, 32), Qt::black);
    painter.end();
    QImage mask(32, 32, QImage::Format_Mono);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x)
            mask.setPixel(x, y, qAlpha(image.pixel(x, y)) > 128 ? 1 : 0);
    return mask;
}

} // namespace

class TestCardStyle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readableInLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void readableInLightAndDark()
    {
        QFETCH(bool, dark);
        const QPalette p = palette(dark);
        for (StepKind kind : kinds) {
            const CardStyle style(kind, p);
            QCOMPARE(style.isDark(), dark);
            const QString name = stepKindName(kind);
            // Body text on the card and on its band: AAA-level contrast.
            QVERIFY2(contrast(style.text(), style.fill()) >= 7.0, qPrintable(name));
            QVERIFY2(contrast(style.text(), style.band()) >= 7.0, qPrintable(name));
            // The kind caption (bold, in the accent colour) and secondary text: AA.
            QVERIFY2(contrast(style.accent(), style.fill()) >= 4.5,
                     qPrintable(QStringLiteral("%1 accent: %2").arg(name).arg(contrast(style.accent(), style.fill()))));
            QVERIFY2(contrast(style.mutedText(), style.fill()) >= 4.5, qPrintable(name));
            // The card stands out from the canvas, but only a little: the outline does the work.
            QVERIFY(style.fill() != p.color(QPalette::Base));
            QVERIFY(contrast(style.accent(), p.color(QPalette::Base)) >= 3.0);
        }
        // Diagnostics are visible on the canvas.
        QVERIFY(contrast(CardStyle::errorColor(p), p.color(QPalette::Base)) >= 3.0);
        QVERIFY(contrast(CardStyle::edgeColor(p), p.color(QPalette::Base)) >= 3.0);
    }

    void kindsDifferInHue()
    {
        const QPalette p = palette(false);
        for (StepKind a : kinds) {
            for (StepKind b : kinds) {
                if (a == b)
                    continue;
                const int hueA = CardStyle(a, p).accent().hsvHue();
                const int hueB = CardStyle(b, p).accent().hsvHue();
                const int distance = qMin(qAbs(hueA - hueB), 360 - qAbs(hueA - hueB));
                QVERIFY2(distance >= 40, qPrintable(stepKindName(a) + QLatin1Char('/') + stepKindName(b)));
            }
        }
    }

    void kindsDifferInShape()
    {
        // Probe points that each outline classifies differently: no two kinds share a silhouette.
        const QRectF r(0, 0, 240, 120);
        const QList<QPointF> probes = {QPointF(1, 1), QPointF(1, 60), QPointF(4, 20), QPointF(239, 60), QPointF(236, 4)};
        QSet<QString> signatures;
        for (StepKind kind : kinds) {
            const QPainterPath outline = CardStyle::outline(kind, r);
            QString signature;
            for (const QPointF &probe : probes)
                signature += outline.contains(probe) ? QLatin1Char('1') : QLatin1Char('0');
            signatures.insert(signature);
        }
        QCOMPARE(signatures.size(), 3);
    }

    void kindsDifferInGlyph()
    {
        const QImage a = glyphMask(StepKind::Compensatable);
        const QImage b = glyphMask(StepKind::Pivot);
        const QImage c = glyphMask(StepKind::Retriable);
        auto ink = [](const QImage &image) {
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    n += image.pixelIndex(x, y);
            return n;
        };
        QVERIFY(ink(a) > 30 && ink(b) > 30 && ink(c) > 30); // each glyph draws something
        QVERIFY(a != b);
        QVERIFY(b != c);
        QVERIFY(a != c);
    }

    void titles()
    {
        QCOMPARE(CardStyle::kindTitle(StepKind::Pivot), QStringLiteral("Pivot"));
        QCOMPARE(CardStyle::mix(Qt::black, Qt::white, 0.5).red(), 128);
    }
};

QTEST_MAIN(TestCardStyle)
#include "tst_cardstyle.moc"

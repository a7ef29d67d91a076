// SPDX-License-Identifier: MIT
#include "comparisonchart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Sagascope {

namespace {

constexpr double Margin = 16;
constexpr double HeaderHeight = 64; // caption and legend

/** A value as the bar's label: integers plain, the rest with up to two decimals. */
QString valueText(double value)
{
    if (value == std::floor(value))
        return QLocale().toString(qint64(value));
    return QLocale().toString(value, 'f', value < 10 ? 2 : 1);
}

/** A round top for the axis: 1, 2, 5 × 10^k at or above `value`. */
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude >= value)
            return step * magnitude;
    return 10 * magnitude;
}

} // namespace

ComparisonChartWidget::ComparisonChartWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("comparisonChart"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

QColor ComparisonChartWidget::sagaColor()
{
    return QColor(0x1f, 0x8a, 0x70); // green: lets go early
}

QColor ComparisonChartWidget::twoPcColor()
{
    return QColor(0xd9, 0x62, 0x2b); // orange: holds its locks
}

void ComparisonChartWidget::setComparison(const ProtocolComparison &comparison)
{
    m_comparison = comparison;
    update();
}

QImage ComparisonChartWidget::toImage(const QSize &size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    // Text in proportion to the image, so that an export for slides reads from the back row.
    QFont scaled = font();
    scaled.setPointSizeF(scaled.pointSizeF() * qBound(1.0, size.width() / 1100.0, 2.0));
    painter.setFont(scaled);
    paint(painter, size);
    return image;
}

QRectF ComparisonChartWidget::panelRect(const QSize &size, int index, int count)
{
    const int columns = size.width() >= size.height() ? 3 : 2;
    const int rows = qMax(1, (count + columns - 1) / columns);
    const double w = (size.width() - Margin) / columns;
    const double h = (size.height() - HeaderHeight - Margin) / rows;
    return QRectF(Margin + (index % columns) * w, HeaderHeight + (index / columns) * h, w - Margin, h - Margin);
}

void ComparisonChartWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paint(painter, size());
}

void ComparisonChartWidget::paint(QPainter &painter, const QSize &size) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    QFont base = painter.font();
    base.setPointSizeF(qMax(9.0, base.pointSizeF()));
    painter.setPen(pal.color(QPalette::Text));

    if (m_comparison.isEmpty()) {
        QFont big = base;
        big.setPointSizeF(base.pointSizeF() * 1.4);
        painter.setFont(big);
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(QRectF(QPointF(0, 0), QSizeF(size)), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Compare runs the saga under both protocols with the same seed and load."));
        return;
    }

    // Header: what was compared, and the legend.
    QFont title = base;
    title.setPointSizeF(base.pointSizeF() * 1.5);
    title.setBold(true);
    painter.setFont(title);
    painter.drawText(QRectF(Margin, 4, size.width() - 2 * Margin, 34), Qt::AlignLeft | Qt::AlignVCenter,
                     m_comparison.caption());
    painter.setFont(base);
    const QFontMetricsF fm(base);
    double x = Margin;
    const double legendY = 40;
    for (const auto &[color, label] : {std::pair{sagaColor(), tr("Saga")}, std::pair{twoPcColor(), tr("Two-phase commit (2PC)")}}) {
        painter.fillRect(QRectF(x, legendY + 3, 14, 14), color);
        x += 20;
        painter.drawText(QPointF(x, legendY + 15), label);
        x += fm.horizontalAdvance(label) + 24;
    }

    const QList<ComparisonChart> charts = m_comparison.charts();
    for (int i = 0; i < charts.size(); ++i)
        paintPanel(painter, panelRect(size, i, int(charts.size())), charts[i]);
}

void ComparisonChartWidget::paintPanel(QPainter &painter, const QRectF &rect, const ComparisonChart &chart) const
{
    const QPalette pal = palette();
    const QFont base = painter.font();
    const QFontMetricsF fm(base);
    painter.setPen(QPen(pal.color(QPalette::Mid), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(rect, 6, 6);

    QFont bold = base;
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(pal.color(QPalette::Text));
    const QRectF titleRect(rect.left() + 10, rect.top() + 6, rect.width() - 20, fm.height() + 4);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, chart.title);
    painter.setFont(base);
    painter.setPen(pal.color(QPalette::PlaceholderText));
    const QString hint = chart.higherIsBetter ? tr("%1 · higher is better").arg(chart.unit)
                                              : tr("%1 · lower is better").arg(chart.unit);
    painter.drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, hint);

    // Plot area: bars from the baseline up, the figure's name under each pair.
    // Room under the bars for a figure's name on up to two lines.
    const QRectF plot(rect.left() + 12, titleRect.bottom() + fm.height() + 6, rect.width() - 24,
                      rect.height() - titleRect.height() - 3 * fm.height() - 22);
    if (plot.height() < 10 || chart.figures.isEmpty())
        return;
    double top = 0;
    for (const ComparisonFigure &f : chart.figures)
        top = qMax(top, qMax(f.saga, f.twoPc));
    top = niceCeiling(top);
    painter.setPen(QPen(pal.color(QPalette::Mid), 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());

    const int n = int(chart.figures.size());
    const double group = plot.width() / n;
    const double bar = qMin(group * 0.32, 90.0);
    for (int i = 0; i < n; ++i) {
        const ComparisonFigure &f = chart.figures[i];
        const double centre = plot.left() + group * (i + 0.5);
        int side = 0;
        for (const auto &[value, color] : {std::pair{f.saga, sagaColor()}, std::pair{f.twoPc, twoPcColor()}}) {
            const double h = plot.height() * value / top;
            const QRectF r(side == 0 ? centre - bar - 2 : centre + 2, plot.bottom() - h, bar, h);
            painter.fillRect(r, color);
            painter.setPen(pal.color(QPalette::Text));
            const QRectF label(r.left() - 20, r.top() - fm.height() - 2, r.width() + 40, fm.height());
            painter.drawText(label, Qt::AlignHCenter | Qt::AlignBottom, valueText(value));
            ++side;
        }
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(centre - group / 2 + 2, plot.bottom() + 4, group - 4, 2 * fm.height() + 2),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, f.label);
    }
}

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include "protocolcomparison.h"

#include <QImage>
#include <QWidget>

namespace Sagascope {

/**
 * The Compare window's charts, painted with QPainter (no chart library): one panel per
 * ComparisonChart (outcome, throughput, latency, lock-hold time, blocked instances, anomalies),
 * each figure a pair of bars, the saga's beside 2PC's, with its value written on it, large
 * enough for a projector. It draws a ProtocolComparison and holds nothing else.
 */
class ComparisonChartWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ComparisonChartWidget(QWidget *parent = nullptr);

    void setComparison(const ProtocolComparison &comparison);
    const ProtocolComparison &comparison() const { return m_comparison; }

    /** The charts drawn into an image of `size` (the PNG export), on the widget's palette. */
    QImage toImage(const QSize &size) const;
    /** Where panel `index` is drawn in a widget (or image) of `size`, for tests. */
    static QRectF panelRect(const QSize &size, int index, int count);

    /** The colours of the two protocols (the legend's and the bars'). */
    static QColor sagaColor();
    static QColor twoPcColor();

    QSize sizeHint() const override { return {960, 600}; }
    QSize minimumSizeHint() const override { return {480, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paint(QPainter &painter, const QSize &size) const;
    void paintPanel(QPainter &painter, const QRectF &rect, const ComparisonChart &chart) const;

    ProtocolComparison m_comparison;
};

} // namespace Sagascope

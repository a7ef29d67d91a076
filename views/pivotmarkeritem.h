// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QGraphicsItem>

namespace Sagascope {

/**
 * The "point of no return" after a pivot step: a dashed band across the canvas between the
 * pivot's rank and the next one, separating the region that is rolled back on failure from the
 * region that only goes forward. Decoration only: it takes no clicks and holds no saga state.
 */
class PivotMarkerItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    explicit PivotMarkerItem(const StepId &pivot);

    int type() const override { return Type; }
    const StepId &pivot() const { return m_pivot; }

    /** Places the band: across the canvas at `coordinate` (x for a vertical band, y for a
     *  horizontal one), from `spanStart` to `spanEnd` along the band. */
    void setGeometry(Qt::Orientation orientation, qreal coordinate, qreal spanStart, qreal spanEnd);
    Qt::Orientation orientation() const { return m_orientation; }
    qreal coordinate() const { return m_coordinate; }
    qreal spanStart() const { return m_spanStart; }
    qreal spanEnd() const { return m_spanEnd; }

    /** Where the labels ("point of no return", what each side means) are drawn, in scene
     *  coordinates. */
    QRectF labelsRect() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    StepId m_pivot;
    Qt::Orientation m_orientation = Qt::Vertical;
    qreal m_coordinate = 0;
    qreal m_spanStart = 0;
    qreal m_spanEnd = 0;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * Keeps the mouse wheel from editing fields by accident: under `root`, spin boxes, combo boxes
 * and sliders take the wheel only when they have the keyboard focus (and no longer take the
 * focus from the wheel: `Qt::StrongFocus`). Without focus the wheel goes on to the parent, so
 * it scrolls the dock under the pointer. Widgets added under `root` later are guarded too.
 */
class WheelGuard : public QObject
{
    Q_OBJECT
public:
    /** Guards every field under `root`, now and later; the guard is a child of `root`. */
    static WheelGuard *install(QWidget *root);

    /** True for the widgets the guard looks after (spin boxes, combo boxes, sliders; not scroll bars). */
    static bool guards(const QObject *object);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit WheelGuard(QWidget *root);
    static void takeNoWheelFocus(QWidget *widget);

    QPointer<QWidget> m_root;
};

} // namespace Sagascope

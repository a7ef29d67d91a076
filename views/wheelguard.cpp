// SPDX-License-Identifier: MIT
#include "wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <QWidget>

namespace Sagascope {

WheelGuard::WheelGuard(QWidget *root)
    : QObject(root)
    , m_root(root)
{
    // One filter on the application rather than one per field: it also sees fields added later
    // (a section added after the panel was built) without following every child.
    qApp->installEventFilter(this);
    for (QWidget *widget : root->findChildren<QWidget *>())
        takeNoWheelFocus(widget);
}

WheelGuard *WheelGuard::install(QWidget *root)
{
    if (!root)
        return nullptr;
    if (auto *existing = root->findChild<WheelGuard *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new WheelGuard(root);
}

bool WheelGuard::guards(const QObject *object)
{
    // Scroll bars are what the wheel is for.
    return qobject_cast<const QAbstractSpinBox *>(object) || qobject_cast<const QComboBox *>(object)
           || (qobject_cast<const QAbstractSlider *>(object) && !qobject_cast<const QScrollBar *>(object));
}

void WheelGuard::takeNoWheelFocus(QWidget *widget)
{
    if (guards(widget) && widget->focusPolicy() == Qt::WheelFocus)
        widget->setFocusPolicy(Qt::StrongFocus);
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if ((type != QEvent::Polish && type != QEvent::Wheel) || !watched->isWidgetType() || !guards(watched))
        return false;
    auto *field = static_cast<QWidget *>(watched);
    if (!m_root || !m_root->isAncestorOf(field))
        return false;
    if (type == QEvent::Polish) {
        takeNoWheelFocus(field); // before it is first shown, so the wheel never gives it the focus
        return false;
    }
    if (field->hasFocus())
        return false; // the user chose this field: the wheel changes its value
    // Not the field's to take: the scroll area around it scrolls. Handed over here, since Qt
    // lets only a spontaneous wheel event go on to the parents.
    auto *wheel = static_cast<QWheelEvent *>(event);
    for (QWidget *w = field->parentWidget(); w; w = w->parentWidget()) {
        auto *area = qobject_cast<QAbstractScrollArea *>(w);
        if (!area)
            continue;
        QWidget *viewport = area->viewport();
        QWheelEvent scroll(viewport->mapFromGlobal(wheel->globalPosition()), wheel->globalPosition(), wheel->pixelDelta(),
                           wheel->angleDelta(), wheel->buttons(), wheel->modifiers(), wheel->phase(), wheel->inverted(),
                           wheel->source());
        QCoreApplication::sendEvent(viewport, &scroll);
        return true;
    }
    event->ignore(); // no scroll area: the event goes on to the parent
    return true;
}

} // namespace Sagascope

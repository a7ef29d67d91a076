// SPDX-License-Identifier: MIT
#include "choreographysplit.h"

#include "choreographyscene.h"
#include "choreographyview.h"
#include "sagadocument.h"
#include "sagamodecontrol.h"

#include <QAction>

namespace Sagascope {

ChoreographySplit::ChoreographySplit(SagaDocument *document, QWidget *canvas, QWidget *parent)
    : QSplitter(Qt::Horizontal, parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("choreographySplit"));
    setChildrenCollapsible(false);
    m_scene = new ChoreographyScene(document, this);
    m_scene->setObjectName(QStringLiteral("choreographyScene"));
    m_view = new ChoreographyView(m_scene);
    m_view->setObjectName(QStringLiteral("choreographyView"));
    m_view->setMinimumWidth(240);
    addWidget(canvas);
    addWidget(m_view);
    setStretchFactor(0, 1);
    setStretchFactor(1, 1);

    m_mode = new SagaModeControl(document, this);
    m_mode->setObjectName(QStringLiteral("sagaModeControl"));
    connect(m_mode, &SagaModeControl::message, this, &ChoreographySplit::message);
    connect(m_scene, &ChoreographyScene::message, this, &ChoreographySplit::message);

    m_toggle = new QAction(tr("&Choreography View"), this);
    m_toggle->setObjectName(QStringLiteral("actionChoreographyView"));
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_toggle->setToolTip(tr("Show who talks to whom beside the canvas: services as lanes, the event bus, "
                            "commands and events (Ctrl+Shift+E)"));
    m_toggle->setStatusTip(m_toggle->toolTip());
    connect(m_toggle, &QAction::toggled, this, &ChoreographySplit::setChoreographyShown);
    connect(document, &SagaDocument::documentReset, this, &ChoreographySplit::documentReset);
    documentReset();
}

bool ChoreographySplit::isChoreographyShown() const
{
    return !m_view->isHidden();
}

void ChoreographySplit::documentReset()
{
    // A saga that talks in events opens with its choreography in view.
    const bool events = m_document->definition().usesEvents();
    m_toggle->setChecked(events);
    setChoreographyShown(events);
}

void ChoreographySplit::setChoreographyShown(bool shown)
{
    m_view->setVisible(shown);
    if (shown && sizes().value(1) < 240) {
        const int total = width();
        setSizes({total / 2, total - total / 2});
    }
}

} // namespace Sagascope

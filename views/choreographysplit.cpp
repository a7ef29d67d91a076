// SPDX-License-Identifier: MIT
#include "choreographysplit.h"

#include "choreographyscene.h"
#include "choreographyview.h"
#include "sagadocument.h"
#include "sagamodecontrol.h"

#include "sagaconvert.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

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
    m_pane = new QWidget(this);
    m_pane->setObjectName(QStringLiteral("choreographyPane"));
    m_title = new QLabel(m_pane);
    m_title->setWordWrap(true); // a narrow pane wraps the title rather than drawing the check box over it
    m_convertedCheck = new QCheckBox(tr("Compare with the choreographed form"), m_pane);
    m_convertedCheck->setObjectName(QStringLiteral("convertedCheck"));
    m_convertedCheck->setToolTip(tr("Show this orchestration converted to a choreography (as Mode would convert it), "
                                    "read-only; each run is then also run in that form with the same seed and failures"));
    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 2, 6, 2);
    header->addWidget(m_title, 1);
    header->addWidget(m_convertedCheck);
    auto *column = new QVBoxLayout(m_pane);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addLayout(header);
    column->addWidget(m_view, 1);
    addWidget(canvas);
    addWidget(m_pane);
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
    connect(m_convertedCheck, &QCheckBox::toggled, this, &ChoreographySplit::setConvertedShown);
    connect(document, &SagaDocument::changed, this, &ChoreographySplit::documentChanged);
    connect(document, &SagaDocument::documentReset, this, &ChoreographySplit::documentReset);
    setConvertedShown(false); // the title
    documentReset();
}

bool ChoreographySplit::isConvertedShown() const
{
    return !m_scene->isShowingDocument();
}

void ChoreographySplit::setConvertedShown(bool shown)
{
    const bool was = isConvertedShown();
    std::optional<SagaDefinition> converted;
    if (shown && m_document->definition().mode == SagaMode::Orchestration) {
        QString error;
        converted = SagaConvert::toChoreography(m_document->definition(), &error);
        if (!converted)
            Q_EMIT message(tr("The saga has no choreographed form: %1").arg(error));
    }
    if (converted || was)
        m_scene->setShownDefinition(converted);
    {
        QSignalBlocker blocker(m_convertedCheck);
        m_convertedCheck->setChecked(converted.has_value());
    }
    m_title->setText(converted ? tr("<b>As choreography</b> (converted, read-only)")
                               : tr("<b>Who talks to whom</b>: services, the event bus, commands and events"));
    if (converted.has_value() != was)
        Q_EMIT convertedShownChanged(converted.has_value());
}

void ChoreographySplit::documentChanged()
{
    m_convertedCheck->setEnabled(m_document->definition().mode == SagaMode::Orchestration);
    if (isConvertedShown())
        setConvertedShown(true); // follows every edit; a choreography has no other form to show
}

bool ChoreographySplit::isChoreographyShown() const
{
    return !m_pane->isHidden();
}

void ChoreographySplit::documentReset()
{
    documentChanged();
    // A saga that talks in events opens with its choreography in view.
    const bool events = m_document->definition().usesEvents();
    m_toggle->setChecked(events);
    setChoreographyShown(events);
}

void ChoreographySplit::setChoreographyShown(bool shown)
{
    m_pane->setVisible(shown);
    if (shown)
        balance();
}

void ChoreographySplit::balance()
{
    const int total = width();
    if (total < 600 || m_pane->isHidden())
        return; // not laid out yet: resizeEvent() comes back
    const QList<int> now = sizes();
    if (!m_balanced || now.value(0) < 240 || now.value(1) < 240)
        setSizes({total / 2, total - total / 2});
    m_balanced = true;
}

void ChoreographySplit::resizeEvent(QResizeEvent *event)
{
    QSplitter::resizeEvent(event);
    if (!m_balanced)
        balance();
}

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#include "sagamodecontrol.h"

#include "sagadocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace Sagascope {

SagaModeControl::SagaModeControl(SagaDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("sagaModeCombo"));
    m_combo->addItem(tr("Orchestration"), int(SagaMode::Orchestration));
    m_combo->addItem(tr("Choreography"), int(SagaMode::Choreography));
    m_combo->setItemData(0, tr("An orchestrator calls each step and compensates on failure"), Qt::ToolTipRole);
    m_combo->setItemData(1, tr("Each step reacts to events and publishes its own; a rollback is a chain of events"),
                         Qt::ToolTipRole);
    m_combo->setToolTip(tr("The saga's mode. Choosing the other converts the saga (undoable): generated events "
                           "<Step>Succeeded, <Step>Failed and <Step>Compensated, or dependencies from the events"));
    m_combo->setProperty("glossary", QStringLiteral("choreography"));
    auto *label = new QLabel(tr("&Mode:"), this);
    label->setBuddy(m_combo);
    layout->addWidget(label);
    layout->addWidget(m_combo);

    connect(m_combo, &QComboBox::activated, this, &SagaModeControl::chosen);
    if (m_document) {
        connect(m_document, &SagaDocument::changed, this, &SagaModeControl::refresh);
        connect(m_document, &SagaDocument::documentReset, this, &SagaModeControl::refresh);
    }
    refresh();
}

void SagaModeControl::refresh()
{
    if (!m_document)
        return;
    m_refreshing = true;
    m_combo->setCurrentIndex(m_combo->findData(int(m_document->definition().mode)));
    m_refreshing = false;
}

void SagaModeControl::chosen(int index)
{
    if (m_refreshing || !m_document)
        return;
    const auto mode = SagaMode(m_combo->itemData(index).toInt());
    if (mode == m_document->definition().mode)
        return;
    QString error;
    if (m_document->convertTo(mode, &error)) {
        Q_EMIT message(mode == SagaMode::Choreography
                           ? tr("Converted to choreography: every step now reacts to events (Undo takes it back)")
                           : tr("Converted to orchestration: the orchestrator calls the steps (Undo takes it back)"));
    } else {
        refresh(); // the saga keeps its mode
        Q_EMIT message(tr("The saga cannot be converted: %1").arg(error));
    }
}

} // namespace Sagascope

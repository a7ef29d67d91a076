// SPDX-License-Identifier: MIT
#include "canvasclipboard.h"

#include "sagadocument.h"
#include "sagascene.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

namespace Sagascope {

QByteArray CanvasClipboard::selectionAsSaga() const
{
    SagaDocument *document = m_scene->document();
    return document ? document->stepsAsSaga(m_scene->selectedStepIds()) : QByteArray();
}

void CanvasClipboard::copySelection() const
{
    const QByteArray saga = selectionAsSaga();
    if (saga.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(StepsMimeType), saga);
    mime->setText(QString::fromUtf8(saga));
    QGuiApplication::clipboard()->setMimeData(mime);
}

void CanvasClipboard::cutSelection()
{
    copySelection();
    m_scene->deleteSelection();
}

bool CanvasClipboard::paste(const QByteArray &saga, const QPointF &offset)
{
    SagaDocument *document = m_scene->document();
    if (!document)
        return false;
    QByteArray bytes = saga;
    if (bytes.isEmpty()) {
        const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
        if (!mime)
            return false;
        bytes = mime->hasFormat(QString::fromLatin1(StepsMimeType)) ? mime->data(QString::fromLatin1(StepsMimeType))
                                                                     : mime->text().toUtf8();
    }
    const QStringList ids = document->pasteSteps(bytes, offset);
    if (ids.isEmpty())
        return false;
    m_scene->selectSteps(ids);
    return true;
}

bool CanvasClipboard::duplicateSelection()
{
    const QByteArray saga = selectionAsSaga();
    return !saga.isEmpty() && paste(saga);
}

} // namespace Sagascope

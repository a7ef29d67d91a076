// SPDX-License-Identifier: MIT
#pragma once

#include <QSplitter>

QT_BEGIN_NAMESPACE
class QAction;
QT_END_NAMESPACE

namespace Sagascope {

class ChoreographyScene;
class ChoreographyView;
class SagaDocument;
class SagaModeControl;

/**
 * The designer's centre: the orchestration canvas and, beside it, the choreography view of the
 * same document (SPEC section 5), with the saga's mode control and the action that shows or
 * hides the choreography view. A saga that uses events opens with the view shown; the user's
 * choice is kept until the next opening.
 */
class ChoreographySplit : public QSplitter
{
    Q_OBJECT
public:
    ChoreographySplit(SagaDocument *document, QWidget *canvas, QWidget *parent = nullptr);

    ChoreographyScene *scene() const { return m_scene; }
    ChoreographyView *view() const { return m_view; }
    SagaModeControl *modeControl() const { return m_mode; }
    /** View › Choreography View (checkable). */
    QAction *toggleAction() const { return m_toggle; }
    bool isChoreographyShown() const;

Q_SIGNALS:
    void message(const QString &text);

private:
    void documentReset();
    void setChoreographyShown(bool shown);

    SagaDocument *m_document = nullptr;
    ChoreographyScene *m_scene = nullptr;
    ChoreographyView *m_view = nullptr;
    SagaModeControl *m_mode = nullptr;
    QAction *m_toggle = nullptr;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QSplitter>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QLabel;
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
 *
 * For an orchestrated saga the view can show its choreographed form instead (SagaConvert, as
 * `sagascope-cli convert` derives it, read-only and following every edit), so that the same
 * saga is seen both ways side by side; ChoreographyTwin then runs that form beside each run.
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
    /** "Compare with the choreographed form": the view shows the orchestration converted. */
    QCheckBox *convertedCheck() const { return m_convertedCheck; }
    bool isConvertedShown() const;
    void setConvertedShown(bool shown);

Q_SIGNALS:
    void message(const QString &text);
    /** The view switched between the document's saga and its choreographed form. */
    void convertedShownChanged(bool shown);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void documentReset();
    /** Gives each side half the width when one of them has less than it needs. */
    void balance();
    void setChoreographyShown(bool shown);
    void documentChanged();

    SagaDocument *m_document = nullptr;
    ChoreographyScene *m_scene = nullptr;
    ChoreographyView *m_view = nullptr;
    QWidget *m_pane = nullptr; // the view with its header
    QLabel *m_title = nullptr;
    QCheckBox *m_convertedCheck = nullptr;
    bool m_balanced = false; // the halves were set once the split had its real width
    SagaModeControl *m_mode = nullptr;
    QAction *m_toggle = nullptr;
};

} // namespace Sagascope

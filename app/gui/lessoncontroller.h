// SPDX-License-Identifier: MIT
#pragma once

#include "lesson.h"
#include "lessonstage.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QDockWidget;
class QMenu;
QT_END_NAMESPACE

namespace Sagascope {

class DesignerWindow;
class LessonDock;
class LessonLibrary;
class LessonPlayer;

/** How far the student got in each lesson, in QSettings (`lessons/<id>/reached`, `…/done`). */
class LessonProgress
{
public:
    /** Pages reached (1 = the first page was opened), 0: not started. */
    int reached(const QString &id) const;
    bool isDone(const QString &id) const;
    void reach(const QString &id, int pages);
    void markDone(const QString &id);
};

/** The window's stage: a lesson's saga opens as a new unsaved document (New from Example), and
 *  a highlight selects the cards. */
class LessonWindowStage : public LessonStage
{
public:
    explicit LessonWindowStage(DesignerWindow *window);
    bool loadSaga(const QString &path, QString *error) override;
    void highlight(const QStringList &steps) override;

private:
    DesignerWindow *m_window;
};

/**
 * The lessons in the designer: the lessons embedded under `:/lessons`, the Lesson dock (left of
 * the canvas, hidden until a lesson opens), Help › Lessons…, View › Language (switched while
 * the program runs) and the progress remembered. DesignerWindow creates one; `--lesson` opens a
 * lesson through it.
 */
class LessonController : public QObject
{
    Q_OBJECT
public:
    explicit LessonController(DesignerWindow *window);
    ~LessonController() override;

    /** The lessons shipped in the program (`:/lessons`, sagas of `:/examples`). */
    static const LessonLibrary &library();
    /** Opens lesson `id` at page `page` (0-based) in the dock; false with a message. */
    bool open(const QString &id, int page, QString *error);
    /** Help › Lessons…: the list; opens the one chosen. */
    void showLessons();

    LessonPlayer *player() const { return m_player; }
    LessonDock *dock() const { return m_dock; }
    QDockWidget *dockWidget() const { return m_dockWidget; }
    QAction *lessonsAction() const { return m_lessonsAction; }
    QMenu *languageMenu() const { return m_languageMenu; }
    /** The student's part of the page, done on the canvas one action after the other (Show Me). */
    void showMe();
    bool isShowingMe() const { return !m_showMeQueue.isEmpty(); }

private:
    void retranslate();
    void setLanguage(const QString &language);
    void remember();
    void continueShowMe();
    bool eventFilter(QObject *watched, QEvent *event) override;

    DesignerWindow *m_window;
    std::unique_ptr<LessonWindowStage> m_stage;
    LessonPlayer *m_player = nullptr;
    LessonDock *m_dock = nullptr;
    QDockWidget *m_dockWidget = nullptr;
    QAction *m_lessonsAction = nullptr;
    QMenu *m_languageMenu = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QAction *m_systemLanguage = nullptr;
    QAction *m_english = nullptr;
    QAction *m_korean = nullptr;
    LessonProgress m_progress;
    QList<LessonAction> m_showMeQueue;
};

} // namespace Sagascope

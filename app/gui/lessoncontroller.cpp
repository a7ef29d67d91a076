// SPDX-License-Identifier: MIT
#include "lessoncontroller.h"

#include "designerwindow.h"
#include "lessondock.h"
#include "lessonfile.h"
#include "lessonplayer.h"
#include "lessonsdialog.h"
#include "monitorcontroller.h"
#include "runcontroller.h"
#include "sagadocument.h"
#include "translations.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace Sagascope {

// --- LessonProgress ---

namespace {
QString key(const QString &id, const char *what)
{
    return QStringLiteral("lessons/%1/%2").arg(id, QLatin1String(what));
}
} // namespace

int LessonProgress::reached(const QString &id) const
{
    return QSettings().value(key(id, "reached"), 0).toInt();
}

bool LessonProgress::isDone(const QString &id) const
{
    return QSettings().value(key(id, "done"), false).toBool();
}

void LessonProgress::reach(const QString &id, int pages)
{
    if (pages > reached(id))
        QSettings().setValue(key(id, "reached"), pages);
}

void LessonProgress::markDone(const QString &id)
{
    QSettings().setValue(key(id, "done"), true);
}

// --- LessonWindowStage ---

LessonWindowStage::LessonWindowStage(DesignerWindow *window)
    : LessonStage(window->document(), window->monitor()->runController()), m_window(window)
{
}

bool LessonWindowStage::loadSaga(const QString &path, QString *error)
{
    return m_window->newFromExample(path, error); // the monitor abandons the run of the saga before
}

void LessonWindowStage::highlight(const QStringList &steps)
{
    LessonStage::highlight(steps);
    m_window->selectSteps(steps);
}

// --- LessonController ---

LessonController::LessonController(DesignerWindow *window)
    : QObject(window), m_window(window), m_stage(std::make_unique<LessonWindowStage>(window))
{
    m_player = new LessonPlayer(m_stage.get(), QStringLiteral(":/examples"), this);
    m_player->setLanguage(Translations::lessonLanguage());
    m_dock = new LessonDock(m_player, window);
    m_dock->installEventFilter(this);
    m_dockWidget = new QDockWidget(window);
    m_dockWidget->setObjectName(QStringLiteral("lessonDock"));
    m_dockWidget->setWidget(m_dock);
    // The lesson beside the canvas from top to bottom: the docks under the canvas leave it room.
    window->setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dockWidget);
    m_dockWidget->hide();

    m_lessonsAction = new QAction(this);
    m_lessonsAction->setObjectName(QStringLiteral("actionLessons"));
    connect(m_lessonsAction, &QAction::triggered, this, &LessonController::showLessons);
    QMenu *help = window->helpMenu();
    help->insertAction(help->actions().value(0), m_lessonsAction);

    m_languageMenu = new QMenu(window);
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageGroup = new QActionGroup(this);
    m_systemLanguage = m_languageMenu->addAction(QString());
    m_languageMenu->addSeparator();
    m_english = m_languageMenu->addAction(QStringLiteral("English"));
    m_korean = m_languageMenu->addAction(QStringLiteral("한국어"));
    for (QAction *a : {m_systemLanguage, m_english, m_korean}) {
        a->setCheckable(true);
        m_languageGroup->addAction(a);
    }
    const QString chosen = Translations::chosenLanguage();
    (chosen == QLatin1String("ko") ? m_korean : chosen == QLatin1String("en") ? m_english : m_systemLanguage)->setChecked(true);
    connect(m_systemLanguage, &QAction::triggered, this, [this] { setLanguage(QString()); });
    connect(m_english, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    connect(m_korean, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("ko")); });
    window->viewMenu()->addAction(m_dockWidget->toggleViewAction()); // beside the other docks
    window->viewMenu()->addSeparator();
    window->viewMenu()->addMenu(m_languageMenu);

    connect(m_player, &LessonPlayer::pageChanged, this, &LessonController::remember);
    connect(m_player, &LessonPlayer::conditionMet, this, &LessonController::remember);
    connect(m_dock, &LessonDock::showMeRequested, this, &LessonController::showMe);
    RunController *run = m_stage->runController();
    connect(run, &RunController::runFinished, this, [this] {
        if (isShowingMe())
            QTimer::singleShot(300, this, &LessonController::continueShowMe);
    });
    connect(run, &RunController::paused, this, [this] {
        if (isShowingMe())
            QTimer::singleShot(300, this, &LessonController::continueShowMe);
    });
    connect(m_player, &LessonPlayer::pageChanged, this, [this] { m_showMeQueue.clear(); });
    retranslate();
}

LessonController::~LessonController() = default;

const LessonLibrary &LessonController::library()
{
    static const LessonLibrary lessons(QStringLiteral(":/lessons"), QStringLiteral(":/examples"));
    return lessons;
}

bool LessonController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_dock && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void LessonController::retranslate()
{
    m_dockWidget->setWindowTitle(tr("Lesson"));
    m_lessonsAction->setText(tr("&Lessons…"));
    m_lessonsAction->setStatusTip(tr("Guided lessons: sagas, two-phase commit, isolation"));
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguage->setText(tr("The System's"));
}

void LessonController::setLanguage(const QString &language)
{
    Translations::setChosenLanguage(language);
    Translations::switchTo(*qApp, Translations::startupLocale());
    m_window->statusBar()->showMessage(
        tr("Language changed. The lessons and the Lesson dock follow at once; menus and other panels follow at the next start."),
        10000);
}

bool LessonController::open(const QString &id, int page, QString *error)
{
    const Lesson *lesson = library().find(id);
    if (!lesson) {
        if (error)
            *error = tr("There is no lesson \"%1\". The lessons are: %2").arg(id, library().ids().join(QStringLiteral(", ")));
        return false;
    }
    if (page < 0 || page >= lesson->pages.size()) {
        if (error)
            *error = tr("The lesson \"%1\" has pages 1 to %2, not %3").arg(id).arg(lesson->pages.size()).arg(page + 1);
        return false;
    }
    if (m_window->promptsEnabled() && m_window->document()->isModified()) {
        const auto answer = QMessageBox::question(
            m_window, tr("Open Lesson"),
            tr("The lesson opens its own saga in place of the one on the canvas, which has unsaved changes. Open the lesson anyway?"),
            QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Open)
            return false;
    }
    m_dockWidget->show();
    m_dockWidget->raise();
    m_player->open(*lesson, page);
    return true;
}

void LessonController::showLessons()
{
    LessonsDialog dialog(library(), m_progress, m_player->language(), m_window);
    if (dialog.exec() != QDialog::Accepted || dialog.chosenLesson().isEmpty())
        return;
    const QString id = dialog.chosenLesson();
    // Go on where the student left off (not on the last page reached: that one's task is undone).
    const int reached = m_progress.isDone(id) ? 0 : std::max(0, m_progress.reached(id) - 1);
    QString error;
    if (!open(id, reached, &error) && !error.isEmpty())
        QMessageBox::warning(m_window, tr("Lessons"), error);
}

void LessonController::remember()
{
    if (!m_player->isOpen())
        return;
    const QString id = m_player->lesson().id;
    m_progress.reach(id, m_player->pageIndex() + 1);
    if (m_player->isFinished())
        m_progress.markDone(id);
}

void LessonController::showMe()
{
    if (!m_player->isOpen())
        return;
    m_showMeQueue = m_player->page().solution;
    continueShowMe();
}

void LessonController::continueShowMe()
{
    RunController *run = m_stage->runController();
    while (!m_showMeQueue.isEmpty()) {
        if (run->isRunning() && !run->isPaused())
            return; // goes on when the run finishes or pauses
        const LessonAction action = m_showMeQueue.takeFirst();
        if (action.verb == LessonAction::Verb::Answer) {
            m_dock->tickChoices(action.choices); // as a student would: tick, then Check
            m_dock->checkButton()->click();
            continue;
        }
        QString error;
        if (!m_player->perform(action, &error)) {
            m_dock->showProblem(error);
            m_showMeQueue.clear();
            return;
        }
        using V = LessonAction::Verb;
        if (action.verb == V::Run || action.verb == V::Resume || action.verb == V::Recover)
            return;
    }
}

} // namespace Sagascope

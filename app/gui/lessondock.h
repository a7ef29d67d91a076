// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractButton;
class QButtonGroup;
class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;
class QGroupBox;
QT_END_NAMESPACE

namespace Sagascope {

class LessonPlayer;

/**
 * The Lesson dock's contents: a view over a LessonPlayer. The lesson's and the page's titles, a
 * progress bar, the narration, what the student is to do, the page's question with its choices
 * and a Check button, whether the page's condition holds, and Back, Next, Restart and Show Me
 * (the page's solution, for a teacher at the projector). It shows the lesson in the player's
 * language and follows a change of the application's language at once (LanguageChange).
 */
class LessonDock : public QWidget
{
    Q_OBJECT
public:
    explicit LessonDock(LessonPlayer *player, QWidget *parent = nullptr);

    /** Shows the player's page again (the controller calls it after a page or language change). */
    void refresh();
    /** Says a fault of the lesson itself (an action that could not be done). */
    void showProblem(const QString &message);
    /** The choices ticked now, by id. */
    QStringList tickedChoices() const;
    void tickChoices(const QStringList &ids);
    QPushButton *nextButton() const { return m_next; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *restartButton() const { return m_restart; }
    QPushButton *checkButton() const { return m_check; }
    QPushButton *showMeButton() const { return m_showMe; }
    QString statusText() const;
    QString narrationText() const;

Q_SIGNALS:
    void showMeRequested();
    void closeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rebuildQuestion();
    void checkAnswer();
    void updateStatus();
    void showHint(bool show);

    LessonPlayer *m_player;
    QLabel *m_lessonTitle = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_pageTitle = nullptr;
    QLabel *m_narration = nullptr;
    QLabel *m_taskHeading = nullptr;
    QLabel *m_task = nullptr;
    QGroupBox *m_questionBox = nullptr;
    QLabel *m_questionText = nullptr;
    QVBoxLayout *m_choicesLayout = nullptr;
    QButtonGroup *m_choices = nullptr;
    QPushButton *m_check = nullptr;
    QLabel *m_feedback = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_restart = nullptr;
    QPushButton *m_showMe = nullptr;
    QLabel *m_hint = nullptr;
    QString m_problem;
    bool m_hintShown = false;
    bool m_missed = false; // a run ended without reaching the page's goal
    int m_builtFor = -1; // the page the choices were built for
};

} // namespace Sagascope

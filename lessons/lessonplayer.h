// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"
#include "lesson.h"
#include "lessonstage.h"
#include "runcontrol.h"
#include "traceevent.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace Sagascope {

/**
 * Plays a lesson on a stage, without a widget: the current page, the page's actions when it
 * opens, and its condition, evaluated from what really happens (the run's trace events and
 * pauses, the document's findings and step kinds, the student's answer). A page goes on only
 * when its condition holds; once it held it stays met for that page (a later run does not take
 * it back). The Lesson dock is a view over it; tst_lessons plays every lesson with it.
 */
class LessonPlayer : public QObject
{
    Q_OBJECT
public:
    LessonPlayer(LessonStage *stage, const QString &examplesDir, QObject *parent = nullptr);

    /** Opens `lesson` at page `page` (0-based) and performs that page's actions; opened in the
     *  middle, first what the pages before set up on the canvas (sagas, failures, fixes, kinds). */
    bool open(const Lesson &lesson, int page = 0);
    bool isOpen() const { return !m_lesson.pages.isEmpty(); }
    void close();
    const Lesson &lesson() const { return m_lesson; }
    int pageIndex() const { return m_page; }
    int pageCount() const { return int(m_lesson.pages.size()); }
    const LessonPage &page() const { return m_lesson.pages.at(m_page); }

    /** The page's condition holds (or it has none): Next is allowed. */
    bool isConditionMet() const { return m_met; }
    /** The last page's condition holds. */
    bool isFinished() const { return m_page == pageCount() - 1 && m_met; }
    bool next();
    bool back();
    void restart();
    bool goTo(int page);

    /** `text` in the player's language, each `[[step_id]]` written as the card's label in
     *  «», as the canvas shows it (the id itself when the saga has no such step). */
    QString render(const LessonText &text) const;

    /** "en" or "ko": the language the views show the lesson in. */
    QString language() const { return m_language; }
    void setLanguage(const QString &language);

    enum class AnswerResult { Right, Wrong, NoRunYet };
    /** Checks the student's choices against the page's question (its fixed answer, or the one
     *  the last run gives). */
    AnswerResult answer(const QStringList &choices);
    /** The question's right answer now (from the run when it says so); empty with no run yet. */
    QStringList rightAnswer() const;
    /** The choices the student gave last on this page. */
    QStringList lastAnswer() const { return m_lastAnswer; }

    /** Does one action of a page or of a student; false and `error` when it cannot. */
    bool perform(const LessonAction &action, QString *error);
    /** The last action that failed on opening a page, in English (empty: none). */
    QString lastError() const { return m_lastError; }

    /** The events of the last run (or recovery), for the questions that read it. */
    const QList<TraceEvent> &runEvents() const { return m_runEvents; }

    /** One of the run-read answers, from `events` and the last summary of each protocol. */
    static QStringList answerFromRun(const QString &source, const QList<TraceEvent> &events,
                                     const QHash<QString, RunSummary> &summaries);

Q_SIGNALS:
    void pageChanged(int page);
    /** The page's condition now holds. */
    void conditionMet();
    void languageChanged(const QString &language);
    /** A run ended and the page's condition still does not hold: the student tried and missed
     *  (the dock says so, with the page's hint). */
    void attemptMissed();
    /** An action of the page could not be done (a broken lesson): said in the dock. */
    void actionFailed(const QString &message);

private:
    void enterPage();
    void performPageActions(const QList<LessonAction> &actions);
    void prepareUpTo(int page);
    void evaluate();
    bool holds(const LessonCondition &condition) const;
    void onEvents(const QList<TraceEvent> &events);
    void onPaused(const PauseInfo &info);
    void onRunStarted(const RunOptions &options);
    void onRunFinished(const RunSummary &summary);

    LessonStage *m_stage;
    QString m_examplesDir;
    Lesson m_lesson;
    int m_page = 0;
    QString m_language = QStringLiteral("en");
    bool m_met = false;
    bool m_answeredRight = false;
    QStringList m_lastAnswer;
    QList<TraceEvent> m_pageEvents; // since the page opened
    QList<PauseInfo> m_pagePauses;
    QList<TraceEvent> m_runEvents;  // of the last run
    QHash<QString, RunSummary> m_summaries; // the last finished run of each protocol
    QString m_lastError;
    bool m_performingPage = false; // enterPage() is doing the page's own actions
    int m_pageRuns = 0;            // runs the pages started that have not finished yet
    QList<LessonAction> m_deferred; // the page's actions waiting for the run before to stop
};

} // namespace Sagascope

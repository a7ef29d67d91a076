// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Sagascope {

/** A text of a lesson in the languages it is written in, side by side ("en", "ko"). */
struct LessonText
{
    QString en;
    QString ko;

    /** The text in `language` ("ko" or anything else for English); English when it has none. */
    QString in(const QString &language) const
    {
        return language == QLatin1String("ko") && !ko.isEmpty() ? ko : en;
    }
    bool isEmpty() const { return en.isEmpty() && ko.isEmpty(); }
};

/**
 * One thing a lesson does on the canvas when a page opens (`do`), or one thing the student does
 * (`solution`: the test performs these, a student reads them as the task). docs/LESSONS.md
 * lists the verbs and their fields.
 */
struct LessonAction
{
    enum class Verb {
        Load,        // saga: a file of the lesson folder, or "example:NAME.saga"
        Run,         // options: sagascope-cli run's options
        Stop,
        Breakpoint,  // step, operation (action or compensation)
        Resume,
        Fail,        // step, fault ("business", "technical:2", "timeout:1"), compensation
        ClearFaults,
        Highlight,   // steps
        Recover,     // finishes the last run from its saga log (a crashed 2PC coordinator)
        Fix,         // rule: applies the quick fix of the first finding of that rule
        SetKind,     // step, kind
        Answer,      // choices
    };
    Verb verb = Verb::Run;
    QString saga;
    QString options;
    QString step;
    bool compensation = false;
    QString fault;
    QStringList steps;
    QString rule;
    QString kind;
    QStringList choices;
    QString place; // its JSON path in the file, for messages
};

/** When a page lets the student go on. All the parts that are set must hold (docs/LESSONS.md). */
struct LessonCondition
{
    enum class Kind { Always, Event, Paused, Diagnostic, Valid, Answered, StepKind, All };
    Kind kind = Kind::Always;
    QString event;       // Event: a trace event name ("saga_compensated")
    QString step;        // Event (optional), Paused, StepKind
    QString failure;     // Event (optional): "business", "technical", "timeout"
    int count = 1;       // Event: at least this many
    QString rule;        // Diagnostic
    bool present = true; // Diagnostic
    QString stepKind;    // StepKind: "compensatable", "pivot", "retriable"
    QList<LessonCondition> all;
    QString place;
};

/** A choice question; its right answer is fixed, or read from the run the page watched. */
struct LessonQuestion
{
    struct Choice
    {
        QString id;
        LessonText text;
    };
    LessonText text;
    QList<Choice> choices;
    bool multiple = false;
    QStringList answer; // fixed right answer (choice ids), when `fromRun` is empty
    /** The right answer read from the runs: compensatedSteps, failedSteps, retriedSteps,
     *  succeededSteps, firstCompensated, outcome, higherThroughput, longerLockHold, moreAnomalies. */
    QString fromRun;
    bool isEmpty() const { return choices.isEmpty(); }
};

struct LessonPage
{
    LessonText title;
    LessonText text;
    LessonText task;
    LessonText hint;
    QList<LessonAction> actions;  // `do`
    LessonCondition until;
    LessonQuestion question;
    QList<LessonAction> solution;
};

/** A lesson as read from its file (LessonFile). */
struct Lesson
{
    QString id;
    int order = 0;
    LessonText title;
    LessonText summary;
    QList<LessonPage> pages;
    QString filePath;   // where it was read from
    QString folder;     // its folder: `load` paths are relative to it
};

} // namespace Sagascope

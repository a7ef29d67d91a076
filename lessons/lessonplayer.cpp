// SPDX-License-Identifier: MIT
#include "lessonplayer.h"

#include "lessonfile.h"
#include "runarguments.h"
#include "runcontroller.h"
#include "sagadocument.h"
#include "sagafile.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <utility>

namespace Sagascope {

// --- LessonStage ---

bool LessonStage::loadSaga(const QString &path, QString *error)
{
    LoadResult result = SagaFile::load(path);
    if (!result.ok()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, result.error.message);
        return false;
    }
    m_run->abandon();
    m_document->reset(*result.definition);
    m_document->markUnsaved(false);
    return true;
}

bool LessonStage::startRun(const QString &options, QString *error)
{
    RunRequest request;
    request.definition = m_document->definition();
    if (!RunArguments::parse(options, &request, error))
        return false;
    return m_run->start(request.definition, request.options, error, request.logPath);
}

// --- LessonPlayer ---

LessonPlayer::LessonPlayer(LessonStage *stage, const QString &examplesDir, QObject *parent)
    : QObject(parent), m_stage(stage), m_examplesDir(examplesDir)
{
    RunController *run = stage->runController();
    connect(run, &RunController::traceEvents, this, &LessonPlayer::onEvents);
    connect(run, &RunController::paused, this, &LessonPlayer::onPaused);
    connect(run, &RunController::runStarted, this,
            [this](const SagaDefinition &, const RunOptions &options) { onRunStarted(options); });
    connect(run, &RunController::recoveryStarted, this, [this] { m_runEvents.clear(); });
    connect(run, &RunController::runFinished, this, &LessonPlayer::onRunFinished);
    connect(stage->document(), &SagaDocument::changed, this, &LessonPlayer::evaluate);
}

bool LessonPlayer::open(const Lesson &lesson, int page)
{
    if (lesson.pages.isEmpty() || page < 0 || page >= lesson.pages.size())
        return false;
    m_lesson = lesson;
    m_page = page;
    prepareUpTo(page);
    enterPage();
    return true;
}

void LessonPlayer::prepareUpTo(int page)
{
    // Opened in the middle (`--lesson ID:N`, the list's "go on"): the canvas as a student who
    // did the pages before would have it: their sagas, failures, fixes and kinds, but no run.
    using V = LessonAction::Verb;
    for (int i = 0; i < page; ++i) {
        for (const QList<LessonAction> *actions : {&m_lesson.pages.at(i).actions, &m_lesson.pages.at(i).solution}) {
            for (const LessonAction &a : *actions) {
                if (a.verb != V::Load && a.verb != V::Fail && a.verb != V::ClearFaults && a.verb != V::Fix
                    && a.verb != V::SetKind)
                    continue;
                QString error;
                if (!perform(a, &error)) {
                    m_lastError = QStringLiteral("%1: %2: %3").arg(m_lesson.filePath, a.place, error);
                    Q_EMIT actionFailed(m_lastError);
                    return;
                }
            }
        }
    }
}

void LessonPlayer::close()
{
    m_lesson = Lesson();
    m_page = 0;
    m_met = false;
}

bool LessonPlayer::next()
{
    if (!isOpen() || !m_met || m_page + 1 >= pageCount())
        return false;
    ++m_page;
    enterPage();
    return true;
}

bool LessonPlayer::back()
{
    if (!isOpen() || m_page == 0)
        return false;
    --m_page;
    enterPage();
    return true;
}

void LessonPlayer::restart()
{
    if (!isOpen())
        return;
    m_page = 0;
    enterPage();
}

bool LessonPlayer::goTo(int page)
{
    if (!isOpen() || page < 0 || page >= pageCount())
        return false;
    if (page > m_page)
        prepareUpTo(page); // skipping ahead: what the skipped pages would have set up
    m_page = page;
    enterPage();
    return true;
}

void LessonPlayer::setLanguage(const QString &language)
{
    const QString l = language == QLatin1String("ko") ? language : QStringLiteral("en");
    if (l == m_language)
        return;
    m_language = l;
    Q_EMIT languageChanged(m_language);
}

QString LessonPlayer::render(const LessonText &text) const
{
    static const QRegularExpression reference(QStringLiteral("\\[\\[([A-Za-z_][A-Za-z0-9_]*)\\]\\]"));
    QString result = text.in(m_language);
    const SagaDefinition &saga = m_stage->document()->definition();
    QRegularExpressionMatch match;
    qsizetype from = 0;
    while ((match = reference.match(result, from)).hasMatch()) {
        const Step *step = saga.step(match.captured(1));
        const QString label = step && !step->label.isEmpty() ? step->label : match.captured(1);
        const QString shown = QStringLiteral("«%1»").arg(label);
        result.replace(match.capturedStart(), match.capturedLength(), shown);
        from = match.capturedStart() + shown.size();
    }
    return result;
}

void LessonPlayer::enterPage()
{
    m_met = false;
    m_answeredRight = false;
    m_lastAnswer.clear();
    m_pageEvents.clear();
    m_pagePauses.clear();
    m_lastError.clear();
    m_deferred.clear();
    RunController *run = m_stage->runController();
    if (run->isRunning() && m_pageRuns == 0)
        m_pageRuns = 1; // a run of the page before: its end is no attempt on this page
    performPageActions(page().actions);
    // Said once the page's saga is on the canvas, so that views show its cards' labels.
    Q_EMIT pageChanged(m_page);
    if (!m_lastError.isEmpty())
        Q_EMIT actionFailed(m_lastError);
    evaluate();
}

void LessonPlayer::performPageActions(const QList<LessonAction> &actions)
{
    RunController *run = m_stage->runController();
    m_performingPage = true;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const LessonAction &action = actions.at(i);
        using V = LessonAction::Verb;
        if ((action.verb == V::Run || action.verb == V::Recover) && run->isRunning()) {
            // The run of the page before (or one a `load` just abandoned) is still stopping:
            // the rest of this page's actions follow once it has.
            run->abandon();
            m_deferred = actions.mid(i);
            break;
        }
        QString error;
        if (!perform(action, &error)) {
            m_lastError = QStringLiteral("%1: %2: %3").arg(m_lesson.filePath, action.place, error);
            break;
        }
    }
    m_performingPage = false;
}

bool LessonPlayer::perform(const LessonAction &a, QString *error)
{
    RunController *run = m_stage->runController();
    SagaDocument *doc = m_stage->document();
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    using V = LessonAction::Verb;
    switch (a.verb) {
    case V::Load: {
        // A lesson's saga starts clean: no breakpoint, no fault of an earlier page.
        for (const Breakpoint &bp : QList<Breakpoint>(run->breakpoints()))
            run->setBreakpoint(bp.step, bp.operation, false);
        for (const FaultPlan::Entry &entry : run->injectedFaults().entries())
            run->clearInjectedFaults(entry.step);
        return m_stage->loadSaga(LessonFile::sagaPath(m_lesson, a.saga, m_examplesDir), error);
    }
    case V::Run:
        return m_stage->startRun(a.options, error);
    case V::Stop:
        run->stop();
        return true;
    case V::Breakpoint:
        run->setBreakpoint(a.step, a.compensation ? OperationKind::Compensation : OperationKind::Action, true);
        return true;
    case V::Resume:
        // Go on without stopping at this lesson's breakpoints again.
        for (const Breakpoint &bp : QList<Breakpoint>(run->breakpoints()))
            run->setBreakpoint(bp.step, bp.operation, false);
        if (!run->isPaused())
            return fail(QStringLiteral("no run is paused"));
        run->resume();
        return true;
    case V::Fail:
        return run->setInjectedFault(a.step, a.fault, a.compensation, error);
    case V::ClearFaults:
        for (const FaultPlan::Entry &entry : run->injectedFaults().entries())
            run->clearInjectedFaults(entry.step);
        return true;
    case V::Highlight:
        m_stage->highlight(a.steps);
        return true;
    case V::Recover:
        return run->recover(error);
    case V::Fix: {
        for (const Diagnostic &d : doc->diagnostics())
            if (d.rule == a.rule && d.hasFix())
                return doc->applyFix(d) || fail(QStringLiteral("the quick fix of %1 did not apply").arg(a.rule));
        return fail(QStringLiteral("the saga has no finding %1 with a quick fix").arg(a.rule));
    }
    case V::SetKind: {
        if (!doc->definition().step(a.step))
            return fail(QStringLiteral("no step \"%1\"").arg(a.step));
        doc->setStepKind(a.step, *stepKindFromName(a.kind));
        return true;
    }
    case V::Answer:
        switch (answer(a.choices)) {
        case AnswerResult::Right:
            return true;
        case AnswerResult::Wrong:
            return fail(QStringLiteral("the answer %1 is wrong; the run says %2")
                            .arg(a.choices.join(QLatin1Char(',')), rightAnswer().join(QLatin1Char(','))));
        case AnswerResult::NoRunYet:
            return fail(QStringLiteral("the question reads a run, and there is none yet"));
        }
    }
    return true;
}

QStringList LessonPlayer::answerFromRun(const QString &source, const QList<TraceEvent> &events,
                                        const QHash<QString, RunSummary> &summaries)
{
    QStringList result;
    auto add = [&result](const QString &s) {
        if (!result.contains(s))
            result.append(s);
    };
    if (source == QLatin1String("compensatedSteps")) {
        for (const TraceEvent &e : events)
            if (e.event == TraceEventType::CompensationSucceeded)
                add(e.step);
    } else if (source == QLatin1String("firstCompensated")) {
        for (const TraceEvent &e : events)
            if (e.event == TraceEventType::CompensationSucceeded) {
                add(e.step);
                break;
            }
    } else if (source == QLatin1String("succeededSteps")) {
        for (const TraceEvent &e : events)
            if (e.event == TraceEventType::StepSucceeded)
                add(e.step);
    } else if (source == QLatin1String("retriedSteps")) {
        for (const TraceEvent &e : events)
            if (e.event == TraceEventType::RetryScheduled)
                add(e.step);
    } else if (source == QLatin1String("failedSteps")) {
        // Steps whose last word was a failure (a retried step that then succeeded did not fail).
        QHash<QString, bool> failed;
        QStringList order;
        for (const TraceEvent &e : events) {
            if (e.event != TraceEventType::StepFailed && e.event != TraceEventType::StepSucceeded)
                continue;
            const QString key = e.instance + QLatin1Char('/') + e.step;
            if (!failed.contains(key))
                order.append(key);
            failed[key] = e.event == TraceEventType::StepFailed;
        }
        for (const QString &key : std::as_const(order))
            if (failed.value(key))
                add(key.section(QLatin1Char('/'), -1));
    } else if (source == QLatin1String("outcome")) {
        for (const TraceEvent &e : events) {
            if (e.event == TraceEventType::SagaCompleted)
                add(QStringLiteral("completed"));
            else if (e.event == TraceEventType::SagaCompensated)
                add(QStringLiteral("compensated"));
            else if (e.event == TraceEventType::SagaStuck)
                add(QStringLiteral("stuck"));
        }
    } else {
        const QString saga = QStringLiteral("saga"), twoPc = QStringLiteral("2pc");
        if (!summaries.contains(saga) || !summaries.contains(twoPc))
            return {};
        const RunSummary &s = summaries[saga], &t = summaries[twoPc];
        auto throughput = [](const RunSummary &r) {
            return r.durationMs > 0 ? double(r.completed + r.compensated) * 1000.0 / double(r.durationMs) : 0.0;
        };
        auto lockHold = [](const RunSummary &r) {
            qint64 most = 0;
            for (const RunSummary::Percentiles &p : r.lockHoldMs)
                most = std::max(most, p.p99);
            return most;
        };
        auto anomalies = [](const RunSummary &r) { return r.anomalies.dirtyReads + r.anomalies.lostUpdates; };
        if (source == QLatin1String("higherThroughput"))
            add(throughput(s) >= throughput(t) ? saga : twoPc);
        else if (source == QLatin1String("longerLockHold"))
            add(lockHold(s) >= lockHold(t) ? saga : twoPc);
        else if (source == QLatin1String("moreAnomalies"))
            add(anomalies(s) >= anomalies(t) ? saga : twoPc);
    }
    return result;
}

QStringList LessonPlayer::rightAnswer() const
{
    if (!isOpen() || page().question.isEmpty())
        return {};
    const LessonQuestion &q = page().question;
    if (q.fromRun.isEmpty())
        return q.answer;
    const bool perProtocol = q.fromRun.startsWith(QLatin1String("higher")) || q.fromRun.startsWith(QLatin1String("longer"))
        || q.fromRun.startsWith(QLatin1String("more"));
    if (!perProtocol && m_runEvents.isEmpty())
        return {};
    return answerFromRun(q.fromRun, m_runEvents, m_summaries);
}

LessonPlayer::AnswerResult LessonPlayer::answer(const QStringList &choices)
{
    const LessonQuestion &q = page().question;
    m_lastAnswer = choices;
    QStringList right = rightAnswer();
    if (right.isEmpty() && !q.fromRun.isEmpty()) {
        // A run that compensated nothing has an empty right answer for compensatedSteps; tell
        // it from no run at all.
        RunController *run = m_stage->runController();
        if (m_runEvents.isEmpty() || (run->isRunning() && !run->isPaused()))
            return AnswerResult::NoRunYet;
    }
    QStringList given = choices;
    given.sort();
    right.sort();
    given.removeDuplicates();
    const bool ok = given == right;
    if (ok && !m_answeredRight) {
        m_answeredRight = true;
        evaluate();
    }
    return ok ? AnswerResult::Right : AnswerResult::Wrong;
}

bool LessonPlayer::holds(const LessonCondition &c) const
{
    using K = LessonCondition::Kind;
    switch (c.kind) {
    case K::Always:
        return true;
    case K::Event: {
        const std::optional<TraceEventType> type = traceEventTypeFromName(c.event);
        const std::optional<FailureKind> failure = failureKindFromName(c.failure);
        const int n = int(std::count_if(m_pageEvents.begin(), m_pageEvents.end(), [&](const TraceEvent &e) {
            return e.event == type && (c.step.isEmpty() || e.step == c.step)
                && (c.failure.isEmpty() || e.failure == failure);
        }));
        return n >= std::max(1, c.count);
    }
    case K::Paused:
        return std::any_of(m_pagePauses.begin(), m_pagePauses.end(),
                           [&](const PauseInfo &p) { return p.step == c.step; });
    case K::Diagnostic: {
        const QList<Diagnostic> &ds = m_stage->document()->diagnostics();
        const bool present = std::any_of(ds.begin(), ds.end(), [&](const Diagnostic &d) { return d.rule == c.rule; });
        return present == c.present;
    }
    case K::Valid: {
        const QList<Diagnostic> &ds = m_stage->document()->diagnostics();
        return std::none_of(ds.begin(), ds.end(), [](const Diagnostic &d) { return d.severity == Severity::Error; });
    }
    case K::Answered:
        return m_answeredRight;
    case K::StepKind: {
        const Step *step = m_stage->document()->definition().step(c.step);
        return step && stepKindName(step->kind) == c.stepKind;
    }
    case K::All:
        return std::all_of(c.all.begin(), c.all.end(), [this](const LessonCondition &part) { return holds(part); });
    }
    return false;
}

void LessonPlayer::evaluate()
{
    if (!isOpen() || m_met)
        return;
    if (holds(page().until)) {
        m_met = true;
        Q_EMIT conditionMet();
    }
}

void LessonPlayer::onEvents(const QList<TraceEvent> &events)
{
    m_runEvents.append(events);
    if (!isOpen())
        return;
    m_pageEvents.append(events);
    evaluate();
}

void LessonPlayer::onPaused(const PauseInfo &info)
{
    if (!isOpen())
        return;
    m_pagePauses.append(info);
    evaluate();
}

void LessonPlayer::onRunStarted(const RunOptions &)
{
    m_runEvents.clear();
    if (m_performingPage)
        ++m_pageRuns; // the page's own run: its end is no attempt of the student's
}

void LessonPlayer::onRunFinished(const RunSummary &summary)
{
    if (!summary.recovery)
        m_summaries.insert(summary.protocol, summary);
    evaluate();
    if (m_pageRuns > 0) {
        --m_pageRuns;
        if (!m_deferred.isEmpty()) {
            const QList<LessonAction> rest = std::exchange(m_deferred, {});
            performPageActions(rest);
            if (!m_lastError.isEmpty())
                Q_EMIT actionFailed(m_lastError);
        }
        return;
    }
    using K = LessonCondition::Kind;
    if (isOpen() && !m_met && page().until.kind != K::Always && page().until.kind != K::Answered)
        Q_EMIT attemptMissed();
}

} // namespace Sagascope

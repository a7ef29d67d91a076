// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace Sagascope {

class RunController;
class SagaDocument;

/**
 * Where a lesson acts: the document on the canvas and the controller of its runs. The player
 * does everything else through these two (breakpoints, faults, quick fixes, recovery); only
 * loading a saga and pointing at cards differ between the window (LessonWindowStage) and the
 * headless test, which uses this class as it is. It owns neither.
 */
class LessonStage
{
public:
    LessonStage(SagaDocument *document, RunController *run)
        : m_document(document), m_run(run)
    {
    }
    virtual ~LessonStage() = default;

    SagaDocument *document() const { return m_document; }
    RunController *runController() const { return m_run; }

    /** Stops what runs and opens the saga at `path` as a new, unsaved document. */
    virtual bool loadSaga(const QString &path, QString *error);
    /** Starts a run of the document with `sagascope-cli run` options. */
    virtual bool startRun(const QString &options, QString *error);
    /** Points at these cards (the window selects them); nothing headless. */
    virtual void highlight(const QStringList &steps) { m_highlighted = steps; }
    QStringList highlighted() const { return m_highlighted; }

private:
    SagaDocument *m_document;
    RunController *m_run;
    QStringList m_highlighted;
};

} // namespace Sagascope

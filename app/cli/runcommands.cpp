// SPDX-License-Identifier: MIT
// `sagascope-cli run FILE [options]`, `recover --db PATH [--json]`, `inspect --db PATH [--json]`
// (SPEC sections 3 and 4): glue between the command line and Sagascope::Engine.

#include "commands.h"

#include "engine.h"
#include "ledgerreport.h"
#include "runarguments.h"
#include "sagafile.h"
#include "sagagraph.h"
#include "validator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace Sagascope::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

bool isTerminal(FILE *stream)
{
    return ::isatty(::fileno(stream)) == 1;
}

bool wantsColour()
{
    return isTerminal(stdout) && qEnvironmentVariableIsEmpty("NO_COLOR")
        && qEnvironmentVariable("TERM") != QLatin1String("dumb");
}

/** Prints the trace: JSON lines, or one aligned, readable line an event. */
class TracePrinter
{
public:
    TracePrinter(bool json, bool colour, int stepWidth) : m_json(json), m_colour(colour), m_stepWidth(stepWidth) {}

    void print(const QList<TraceEvent> &events)
    {
        QByteArray buffer;
        for (const TraceEvent &event : events) {
            if (m_json) {
                buffer += event.toJson();
                buffer += '\n';
            } else {
                buffer += line(event).toUtf8();
                buffer += '\n';
            }
        }
        std::fwrite(buffer.constData(), 1, size_t(buffer.size()), stdout);
    }

private:
    const char *colourOf(TraceEventType type) const
    {
        switch (type) {
        case TraceEventType::StepSucceeded:
        case TraceEventType::CompensationSucceeded: return "\033[32m";
        case TraceEventType::SagaCompleted: return "\033[1;32m";
        case TraceEventType::StepFailed:
        case TraceEventType::CompensationFailed: return "\033[31m";
        case TraceEventType::SagaStuck: return "\033[1;31m";
        case TraceEventType::RetryScheduled: return "\033[33m";
        case TraceEventType::CompensationStarted: return "\033[36m";
        case TraceEventType::SagaCompensated: return "\033[1;33m";
        case TraceEventType::SagaStarted:
        case TraceEventType::SagaResumed: return "\033[1m";
        case TraceEventType::StepStarted: return "";
        case TraceEventType::EventPublished:
        case TraceEventType::EventDelivered: return "\033[35m";
        case TraceEventType::Voted:
        case TraceEventType::Decided: return "\033[1m";
        case TraceEventType::CommitApplied: return "\033[32m";
        case TraceEventType::AbortApplied:
        case TraceEventType::InDoubt: return "\033[33m";
        case TraceEventType::PrepareSent:
        case TraceEventType::LockAcquired:
        case TraceEventType::LockReleased: return "";
        }
        return "";
    }

    QString line(const TraceEvent &e) const
    {
        QString detail;
        if (e.isStepEvent())
            detail = tr("attempt %1").arg(e.attempt);
        // 2PC: the vote or decision, and a lock's resource, come before the reason.
        for (const QString &field : {e.verdict, e.resource}) {
            if (!field.isEmpty())
                detail += (detail.isEmpty() ? QString() : QStringLiteral("  ")) + field;
        }
        if (e.failure != FailureKind::None)
            detail += QStringLiteral("  ") + failureKindName(e.failure) + (e.reason.isEmpty() ? QString() : QStringLiteral(": ") + e.reason);
        else if (!e.reason.isEmpty())
            detail += (detail.isEmpty() ? QString() : QStringLiteral("  ")) + e.reason;
        if (e.delayMs >= 0)
            detail += tr("  retry in %1 ms").arg(e.delayMs);
        if (e.isBrokerEvent())
            detail = e.eventType + QStringLiteral("  ") + e.eventId
                + (e.toCompensation ? tr("  to the compensation") : QString());
        const QString plainName = traceEventTypeName(e.event);
        const char *colour = m_colour ? colourOf(e.event) : "";
        const QString name = *colour ? QString::fromLatin1(colour) + plainName + QStringLiteral("\033[0m")
                                         + QString(22 - plainName.size(), QLatin1Char(' '))
                                     : plainName.leftJustified(22);
        const QString text = QStringLiteral("%1 ms  %2  %3  %4  %5  %6")
                                 .arg(e.t, 7)
                                 .arg(e.instance.left(8))
                                 .arg(e.seq, 3)
                                 .arg(name)
                                 .arg(e.step.leftJustified(m_stepWidth))
                                 .arg(detail);
        qsizetype end = text.size();
        while (end > 0 && text.at(end - 1) == QLatin1Char(' '))
            --end;
        return text.left(end);
    }

    bool m_json;
    bool m_colour;
    int m_stepWidth;
};

/** Shows "N/M instances finished" on stderr while a long run goes on, when stderr is a terminal. */
class ProgressLine
{
public:
    ProgressLine() : m_enabled(isTerminal(stderr)) {}
    void show(int finished, int total)
    {
        if (!m_enabled || total < 2)
            return;
        std::fprintf(stderr, "\r\033[K%s", qPrintable(tr("%1/%2 instances finished").arg(finished).arg(total)));
        std::fflush(stderr);
        m_shown = true;
    }
    void clear()
    {
        if (m_shown)
            std::fprintf(stderr, "\r\033[K");
        m_shown = false;
    }

private:
    bool m_enabled;
    bool m_shown = false;
};

/** Runs the engine to its end in this thread's event loop, printing as it goes. */
RunSummary drive(const std::function<void(Engine &)> &begin, TracePrinter *printer, QList<QPair<QString, QString>> *stuck)
{
    Engine engine;
    RunSummary summary;
    QEventLoop loop;
    ProgressLine progress;
    QObject::connect(&engine, &Engine::traceEvents, &engine, [&](const QList<TraceEvent> &events) {
        if (printer) {
            progress.clear();
            printer->print(events);
            std::fflush(stdout);
        }
    });
    QObject::connect(&engine, &Engine::progress, &engine, [&](int finished, int total) {
        if (total >= 100)
            progress.show(finished, total);
    });
    QObject::connect(&engine, &Engine::instanceFinished, &engine,
                     [&](const QString &id, InstanceStatus status, const QString &reason) {
                         if (status == InstanceStatus::Stuck && stuck->size() < 10)
                             stuck->append({id, reason});
                     });
    QObject::connect(&engine, &Engine::finished, &engine, [&](const RunSummary &s) {
        summary = s;
        loop.quit();
    });
    begin(engine);
    if (engine.isBusy())
        loop.exec();
    progress.clear();
    return summary;
}

void printSummary(const RunSummary &s, const QList<QPair<QString, QString>> &stuck, bool toStderr)
{
    // Input that could not be used (no such log, a bad file): the error alone, no "0 instances".
    if (!s.error.isEmpty() && s.instances == 0 && s.transitions == 0) {
        std::fprintf(stderr, "sagascope-cli: %s\n", qPrintable(s.error));
        return;
    }
    QString text = (s.instances == 1 ? tr("%1 instance: %2 completed, %3 compensated, %4 stuck")
                                     : tr("%1 instances: %2 completed, %3 compensated, %4 stuck"))
                       .arg(s.instances).arg(s.completed).arg(s.compensated).arg(s.stuck);
    if (s.unfinished > 0)
        text += tr(", %1 unfinished").arg(s.unfinished);
    text += tr("; %1 transitions in %2 ms%3").arg(s.transitions).arg(s.durationMs)
                .arg(s.virtualTime ? tr(" of virtual time") : QString());
    if (!s.logPath.isEmpty())
        text += tr("; log %1 (%2 commits)").arg(s.logPath).arg(s.commits);
    text += QLatin1Char('\n');
    for (const auto &[id, reason] : stuck)
        text += tr("stuck %1: %2\n").arg(id, reason);
    if (!s.error.isEmpty()) {
        QString prefix = QStringLiteral("sagascope-cli: ");
        prefix.append(s.error);
        prefix.append(QLatin1Char('\n'));
        text.prepend(prefix);
    }
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), toStderr || !s.error.isEmpty() ? stderr : stdout);
}

int stepWidthOf(const SagaDefinition &definition)
{
    int width = 4;
    for (const Step &step : definition.steps)
        width = qMax(width, int(step.id.size()));
    return qMin(width, 32);
}

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs instances of a saga on the embedded engine and prints the trace.\n"
           "Exit codes: 0 all completed, 10 some compensated and none stuck, 11 some stuck, "
           "2 bad input (or the saga log could not be opened or written)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("run"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The .saga file to run."));
    RunArguments::addOptions(parser);
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the trace as JSON lines (the summary goes to stderr)."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), tr("Print the summary only."));
    const QCommandLineOption jsonSummaryOption(
        QStringLiteral("json-summary"),
        tr("Print the summary as one JSON object (SPEC section 7), as the last line of stdout; the readable trace is "
           "left out (--json still prints the JSON trace before it)."));
    parser.addOptions({jsonOption, quietOption, jsonSummaryOption});

    QTextStream out(stdout);
    QTextStream err(stderr);
    QString path;
    if (const std::optional<int> exit = parseCommand(parser, arguments, "run", out, err, &path))
        return *exit;
    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok()) {
        err << loaded.error.toString() << '\n';
        return ExitBadInput;
    }
    RunRequest request;
    request.definition = *loaded.definition;
    const QList<Diagnostic> diagnostics = Validator::validate(request.definition);
    if (Validator::hasErrors(diagnostics)) {
        err << tr("%1: the saga has errors; fix them before running it:").arg(path) << '\n';
        for (const Diagnostic &d : diagnostics) {
            if (d.severity == Severity::Error)
                err << d.toLine() << '\n';
        }
        return ExitBadInput;
    }

    QString error;
    request.options.baseDir = QFileInfo(path).absolutePath(); // a service's caFile is relative to the file
    if (!RunArguments::read(parser, &request, &error)) {
        err << "sagascope-cli run: " << error << '\n';
        return ExitBadInput;
    }
    const bool json = parser.isSet(jsonOption);
    const bool jsonSummary = parser.isSet(jsonSummaryOption);
    const bool printTrace = !parser.isSet(quietOption) && (json || !jsonSummary);
    request.collectTrace = printTrace;

    TracePrinter printer(json, !json && wantsColour(), stepWidthOf(request.definition));
    QList<QPair<QString, QString>> stuck;
    const RunSummary summary = drive([&](Engine &engine) { engine.start(request); }, printTrace ? &printer : nullptr, &stuck);
    if (jsonSummary) {
        if (!summary.error.isEmpty())
            err << "sagascope-cli run: " << summary.error << '\n';
        err.flush();
        out << QJsonDocument(summary.toJson()).toJson(QJsonDocument::Compact) << '\n';
    } else {
        printSummary(summary, stuck, json);
    }
    if (summary.coordinatorCrashed) {
        // --crash-coordinator: the process dies there, as a crashed coordinator would; the log
        // holds everything up to the crash and `recover` restarts the coordinator.
        out.flush();
        err.flush();
        std::fflush(stdout);
        std::fflush(stderr);
        ::raise(SIGKILL);
    }
    return summary.exitCode();
}

int recoverCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Finishes every unfinished instance in a saga log after a crash, by the same rules as run: nothing is "
           "applied twice, nothing that committed is forgotten.\n"
           "Exit codes: 0 all completed (or nothing to finish), 10 some compensated and none stuck, 11 some stuck, "
           "2 the log could not be read or written."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("recover"), tr("The command."));
    const QCommandLineOption dbOption(QStringLiteral("db"), tr("The saga log."), QStringLiteral("PATH"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the trace as JSON lines (the summary goes to stderr)."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), tr("Print the summary only."));
    parser.addOptions({dbOption, jsonOption, quietOption});
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const std::optional<int> exit = parseCommand(parser, arguments, "recover", out, err))
        return *exit;
    if (!parser.isSet(dbOption) || parser.positionalArguments().size() > 1) {
        err << tr("sagascope-cli recover: expected --db PATH (see --help)") << '\n';
        return ExitBadInput;
    }
    const bool json = parser.isSet(jsonOption);
    TracePrinter printer(json, !json && wantsColour(), 24);
    QList<QPair<QString, QString>> stuck;
    const QString path = parser.value(dbOption);
    const RunSummary summary = drive([&](Engine &engine) { engine.recover(path, {}); },
                                     parser.isSet(quietOption) ? nullptr : &printer, &stuck);
    if (summary.error.isEmpty() && summary.instances == 0)
        (json ? err : out) << tr("%1: nothing to recover").arg(path) << '\n';
    else
        printSummary(summary, stuck, json);
    if (summary.error.isEmpty() || summary.instances > 0) {
        // What recover does not do: start the instances a stopped or killed run never started.
        for (const RunSummary::NeverStarted &n : summary.neverStarted)
            (json ? err : out) << tr("run %1 asked for %2 instances; %3 of them were never started, and recover does not "
                                     "start them: to run them, run the saga again with --db %4 --instances %3")
                                      .arg(n.run).arg(n.requested).arg(n.count).arg(path)
                               << '\n';
    }
    return summary.error.isEmpty() && summary.instances == 0 ? 0 : summary.exitCode();
}

int inspectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints the status of every instance in a saga log and its effects ledger: per step, the effects the "
           "participants really applied and compensated. Does not change the log; safe while a run writes it."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("inspect"), tr("The command."));
    const QCommandLineOption dbOption(QStringLiteral("db"), tr("The saga log."), QStringLiteral("PATH"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("One JSON object a line: {\"instance\", \"status\", \"steps\"}."));
    parser.addOptions({dbOption, jsonOption});
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const std::optional<int> exit = parseCommand(parser, arguments, "inspect", out, err))
        return *exit;
    if (!parser.isSet(dbOption) || parser.positionalArguments().size() > 1) {
        err << tr("sagascope-cli inspect: expected --db PATH (see --help)") << '\n';
        return ExitBadInput;
    }
    QString error;
    SagaLog::OpenOptions options;
    options.readOnly = true;
    const auto log = SagaLog::open(parser.value(dbOption), options, &error);
    if (!log) {
        err << "sagascope-cli inspect: " << error << '\n';
        return ExitBadInput;
    }
    const auto reports = LedgerReport::read(*log, &error);
    if (!reports) {
        err << "sagascope-cli inspect: " << error << '\n';
        return ExitBadInput;
    }
    QByteArray buffer;
    if (parser.isSet(jsonOption)) {
        for (const InstanceReport &report : *reports)
            buffer += report.toJson() + '\n';
    } else {
        int counts[4] = {0, 0, 0, 0};
        for (const InstanceReport &report : *reports) {
            ++counts[int(report.status)];
            QStringList effects;
            for (const InstanceReport::StepEffects &s : report.steps)
                effects.append(QStringLiteral("%1 %2/%3%4").arg(s.step).arg(s.applied).arg(s.compensated)
                                   .arg(s.refused ? tr(" (late action refused)") : QString()));
            QString line = QStringLiteral("%1  %2  %3").arg(report.instance, instanceStatusName(report.status).leftJustified(11),
                                                            effects.join(QStringLiteral("  ")));
            if (!report.reason.isEmpty())
                line += QStringLiteral("  -- ") + report.reason;
            buffer += line.toUtf8() + '\n';
        }
        buffer += tr("%1 instances: %2 completed, %3 compensated, %4 stuck, %5 running "
                     "(effects per step: applied/compensated)\n")
                      .arg(reports->size()).arg(counts[1]).arg(counts[2]).arg(counts[3]).arg(counts[0])
                      .toUtf8();
    }
    std::fwrite(buffer.constData(), 1, size_t(buffer.size()), stdout);
    return 0;
}

int resumeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Resumes a stuck instance of a saga log, as a person decided, then runs it on to its end by the rules "
           "of run (docs/ENGINE.md, \"Resuming a stuck instance\"). Without --resolve, the operation the instance "
           "is stuck at gets its next attempt, with the same idempotency key. --resolve done: the step was done "
           "by hand, the saga goes forward. --resolve compensated: the step was not applied, or was undone by "
           "hand; a stuck action then rolls back the steps before it, a stuck compensation counts as done. "
           "Check the participant's own records before choosing.\n"
           "Exit codes: 0 completed, 10 compensated, 11 stuck again, 2 the log could not be read or written, or "
           "the instance cannot be resumed that way (nothing is written)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("resume"), tr("The command."));
    const QCommandLineOption dbOption(QStringLiteral("db"), tr("The saga log."), QStringLiteral("PATH"));
    const QCommandLineOption instanceOption(QStringLiteral("instance"), tr("The stuck instance's id."), QStringLiteral("ID"));
    const QCommandLineOption stepOption(QStringLiteral("step"),
                                        tr("The step the instance is stuck at (checked; by default the log says)."),
                                        QStringLiteral("S"));
    const QCommandLineOption resolveOption(QStringLiteral("resolve"),
                                           tr("Resolve the stuck step by hand rather than retry it: done or compensated."),
                                           QStringLiteral("done|compensated"));
    const QCommandLineOption noteOption(QStringLiteral("note"), tr("Why, in your words (kept in the saga log)."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the trace as JSON lines (the summary goes to stderr)."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), tr("Print the summary only."));
    parser.addOptions({dbOption, instanceOption, stepOption, resolveOption, noteOption, jsonOption, quietOption});
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const std::optional<int> exit = parseCommand(parser, arguments, "resume", out, err))
        return *exit;
    if (!parser.isSet(dbOption) || !parser.isSet(instanceOption) || parser.positionalArguments().size() > 1) {
        err << tr("sagascope-cli resume: expected --db PATH --instance ID (see --help)") << '\n';
        return ExitBadInput;
    }
    ResumeRequest request;
    request.instance = parser.value(instanceOption);
    request.step = parser.value(stepOption);
    request.note = parser.value(noteOption);
    if (parser.isSet(resolveOption)) {
        const std::optional<Resolution> resolution = resolutionFromName(parser.value(resolveOption));
        if (!resolution || *resolution == Resolution::Retry) {
            err << tr("sagascope-cli resume: --resolve takes done or compensated, not '%1' (leave it out to retry the step)")
                       .arg(parser.value(resolveOption))
                << '\n';
            return ExitBadInput;
        }
        request.resolution = *resolution;
        if (request.note.trimmed().isEmpty()) {
            err << tr("sagascope-cli resume: --resolve needs --note TEXT: say what was done by hand, for whoever reads "
                      "the log next")
                << '\n';
            return ExitBadInput;
        }
    }
    const bool json = parser.isSet(jsonOption);
    TracePrinter printer(json, !json && wantsColour(), 24);
    QList<QPair<QString, QString>> stuck;
    const RunSummary summary = drive([&](Engine &engine) { engine.resumeStuck(parser.value(dbOption), request, {}); },
                                     parser.isSet(quietOption) ? nullptr : &printer, &stuck);
    printSummary(summary, stuck, json);
    return summary.exitCode();
}

} // namespace Sagascope::Cli

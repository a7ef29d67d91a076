// SPDX-License-Identifier: MIT
#include "runarguments.h"

#include "httpparticipant.h"
#include "remotespec.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace Sagascope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RunArguments", text);
}

bool readInt(const QCommandLineParser &parser, const QString &name, int *value, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < 1) {
        *error = tr("--%1 must be a whole number of at least 1, not '%2'").arg(name, parser.value(name));
        return false;
    }
    *value = v;
    return true;
}

/** Splits like a POSIX shell would: blanks separate, '...' and "..." quote, \ escapes. */
std::optional<QStringList> splitWords(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < text.size())
                word += text.at(++i);
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            word += text.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return std::nullopt;
    if (inWord)
        words.append(word);
    return words;
}

/** The options of SPEC section 6: --input, --input-jsonl, --endpoint, --simulate. */
bool readRemote(const QCommandLineParser &parser, RunRequest *request, QString *error)
{
    RunOptions &options = request->options;
    options.simulate = parser.isSet(QStringLiteral("simulate"));
    const bool input = parser.isSet(QStringLiteral("input"));
    const bool inputLines = parser.isSet(QStringLiteral("input-jsonl"));
    if (input && inputLines) {
        *error = tr("--input and --input-jsonl cannot be used together");
        return false;
    }
    if (input || inputLines) {
        const QString option = input ? QStringLiteral("input") : QStringLiteral("input-jsonl");
        const QString path = parser.value(option);
        QString fault;
        const std::optional<QJsonArray> inputs =
            RunOptions::readInputs(path, input ? RunOptions::InputFile::Object : RunOptions::InputFile::Lines, &fault);
        if (!inputs) {
            *error = QStringLiteral("--%1 %2").arg(option, fault);
            return false;
        }
        options.inputs = *inputs;
        if (inputLines) {
            if (parser.isSet(QStringLiteral("instances")) && options.instances != options.inputs.size()) {
                *error = tr("--instances %1 and --input-jsonl %2 (%3 lines) disagree: one instance a line")
                             .arg(options.instances).arg(path).arg(options.inputs.size());
                return false;
            }
            options.instances = int(options.inputs.size());
        }
    }
    for (const QString &endpoint : parser.values(QStringLiteral("endpoint"))) {
        const qsizetype equals = endpoint.indexOf(QLatin1Char('='));
        if (equals <= 0 || equals == endpoint.size() - 1) {
            *error = tr("--endpoint %1: expected SERVICE=URL").arg(endpoint);
            return false;
        }
        const QString service = endpoint.left(equals);
        if (!request->definition.hasService(service)) {
            *error = tr("--endpoint %1: the saga has no service '%2'").arg(endpoint, service);
            return false;
        }
        options.endpoints.insert(service, endpoint.mid(equals + 1));
    }
    if (options.virtualTime && !options.simulate && hasHttpOperations(request->definition)) {
        *error = tr("--virtual-time cannot drive remote endpoints (they answer in real time); add --simulate to run "
                    "them on their sim specs");
        return false;
    }
    // Credentials over plain http to a host that is not loopback, a missing token: refused here,
    // before anything is recorded or sent.
    const QString why = HttpParticipant::check(request->definition, options);
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    return true;
}

} // namespace

void RunArguments::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("instances"), tr("Instances to run (default 1)."), QStringLiteral("N")},
        {QStringLiteral("concurrency"), tr("Instances in flight at once (default: all)."), QStringLiteral("N")},
        {QStringLiteral("seed"), tr("Seed of the simulation: same seed, same trace."), QStringLiteral("S")},
        {QStringLiteral("db"), tr("The saga log, an SQLite file (default: in memory)."), QStringLiteral("PATH")},
        {QStringLiteral("virtual-time"), tr("Latency and backoff advance a virtual clock instead of sleeping.")},
        {QStringLiteral("fail"),
         tr("Inject a failure into every instance: STEP=business, STEP=technical:N (the first N attempts fail) "
            "or STEP=timeout:N. Repeatable."),
         QStringLiteral("STEP=KIND")},
        {QStringLiteral("fail-compensation"), tr("The first N attempts of STEP's compensation fail: STEP=technical:N. Repeatable."),
         QStringLiteral("STEP=technical:N")},
        {QStringLiteral("protocol"), tr("saga (default) or 2pc: run the steps as one distributed transaction with a "
                                         "two-phase commit coordinator."), QStringLiteral("P")},
        {QStringLiteral("crash-coordinator"), tr("With --protocol 2pc: the coordinator crashes after-prepare (every vote in, "
                                                  "no decision) or after-decision (the decision logged, not sent)."),
         QStringLiteral("POINT")},
        {QStringLiteral("input"), tr("The instances' input, a JSON file (templates read it as ${input.A.B})."),
         QStringLiteral("FILE.json")},
        {QStringLiteral("input-jsonl"), tr("One input a line, one instance each (JSON lines)."), QStringLiteral("FILE")},
        {QStringLiteral("endpoint"), tr("Replace a service's baseUrl: SERVICE=URL. Repeatable."), QStringLiteral("SERVICE=URL")},
        {QStringLiteral("simulate"), tr("Run the operations that call remote endpoints on their sim specs, offline.")},
    });
}

bool RunArguments::read(const QCommandLineParser &parser, RunRequest *request, QString *error)
{
    RunOptions &options = request->options;
    if (!readInt(parser, QStringLiteral("instances"), &options.instances, error)
        || !readInt(parser, QStringLiteral("concurrency"), &options.concurrency, error))
        return false;
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            *error = tr("--seed must be a whole number from 0 to 18446744073709551615, not '%1'")
                         .arg(parser.value(QStringLiteral("seed")));
            return false;
        }
    } else {
        options.seed = QRandomGenerator::global()->generate64();
    }
    options.virtualTime = parser.isSet(QStringLiteral("virtual-time"));
    request->logPath = parser.value(QStringLiteral("db"));
    if (parser.isSet(QStringLiteral("protocol"))) {
        const std::optional<Protocol> protocol = protocolFromName(parser.value(QStringLiteral("protocol")));
        if (!protocol) {
            *error = tr("--protocol must be saga or 2pc, not '%1'").arg(parser.value(QStringLiteral("protocol")));
            return false;
        }
        options.protocol = *protocol;
    }
    if (parser.isSet(QStringLiteral("crash-coordinator"))) {
        const std::optional<CrashPoint> point = crashPointFromName(parser.value(QStringLiteral("crash-coordinator")));
        if (!point) {
            *error = tr("--crash-coordinator must be after-prepare or after-decision, not '%1'")
                         .arg(parser.value(QStringLiteral("crash-coordinator")));
            return false;
        }
        if (options.protocol != Protocol::TwoPhaseCommit) {
            *error = tr("--crash-coordinator needs --protocol 2pc (a saga has no coordinator to crash)");
            return false;
        }
        options.crashCoordinator = *point;
    }

    const SagaDefinition &definition = request->definition;
    for (const QString &fail : parser.values(QStringLiteral("fail"))) {
        QString message;
        if (!options.faults.addAction(fail, &message)) {
            *error = QStringLiteral("--fail ") + message;
            return false;
        }
    }
    for (const QString &fail : parser.values(QStringLiteral("fail-compensation"))) {
        QString message;
        if (!options.faults.addCompensation(fail, &message)) {
            *error = QStringLiteral("--fail-compensation ") + message;
            return false;
        }
        const Step *step = definition.step(fail.section(QLatin1Char('='), 0, 0));
        if (step && !step->compensation) {
            *error = tr("--fail-compensation %1: the step %2 has no compensation").arg(fail, step->id);
            return false;
        }
    }
    if (!readRemote(parser, request, error))
        return false;
    for (const StepId &id : options.faults.stepIds()) {
        if (!definition.step(id)) {
            *error = tr("the saga has no step '%1' to inject a failure into").arg(id);
            return false;
        }
    }
    return true;
}

bool RunArguments::parse(const QString &options, RunRequest *request, QString *error)
{
    const std::optional<QStringList> words = splitWords(options);
    if (!words) {
        *error = tr("unbalanced quotes in the run options: %1").arg(options);
        return false;
    }
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("run")} + *words)) {
        *error = parser.errorText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("unexpected '%1' in the run options").arg(parser.positionalArguments().first());
        return false;
    }
    return read(parser, request, error);
}

} // namespace Sagascope

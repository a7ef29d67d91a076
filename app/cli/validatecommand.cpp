// SPDX-License-Identifier: MIT
// `sagascope-cli validate FILE [--json] [--fix]` (SPEC section 4).

#include "commands.h"

#include "jsonwriter.h"
#include "sagaedit.h"
#include "sagafile.h"
#include "validator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

namespace Sagascope::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

/** Key order of `validate --json`, as SPEC section 4 writes it. */
const QStringList jsonKeyOrder = {
    QStringLiteral("file"), QStringLiteral("error"), QStringLiteral("diagnostics"), QStringLiteral("applied"),
    QStringLiteral("severity"), QStringLiteral("rule"), QStringLiteral("steps"), QStringLiteral("message"),
    QStringLiteral("fix"), QStringLiteral("op"), QStringLiteral("step"), QStringLiteral("after"),
    QStringLiteral("target"), QStringLiteral("kind"), QStringLiteral("value"), QStringLiteral("maxAttempts"),
    QStringLiteral("path"), QStringLiteral("line"), QStringLiteral("column"),
};

void printJson(QTextStream &out, const QJsonObject &object)
{
    out << QString::fromUtf8(JsonWriter::writeCompact(object, jsonKeyOrder)) << '\n';
}


int errorCount(const QList<Diagnostic> &diagnostics)
{
    return int(std::count_if(diagnostics.cbegin(), diagnostics.cend(),
                             [](const Diagnostic &d) { return d.severity == Severity::Error; }));
}

/** Applies every offered fix. Each round applies all the fixes offered by one validation
 *  together and validates once; should that batch add an error (two fixes that are each fine
 *  alone but not together), the round falls back to the first fix alone. Rounds go on while
 *  fixes are offered and applied, so a fix that only appears after another is applied too. */
QList<Diagnostic> applyAllFixes(SagaDefinition &definition, QList<Diagnostic> &diagnostics)
{
    QList<Diagnostic> applied;
    const int maxRounds = int(definition.steps.size()) + 16;
    for (int round = 0; round < maxRounds; ++round) {
        QList<Diagnostic> batch;
        SagaDefinition candidate = definition;
        for (const Diagnostic &diagnostic : std::as_const(diagnostics)) {
            if (diagnostic.hasFix() && applyEdits(candidate, diagnostic.fix))
                batch.append(diagnostic);
        }
        if (batch.isEmpty())
            break;
        QList<Diagnostic> after = Validator::validate(candidate);
        if (errorCount(after) > errorCount(diagnostics)) {
            candidate = definition;
            if (!applyEdits(candidate, batch.first().fix))
                break;
            after = Validator::validate(candidate);
            if (errorCount(after) > errorCount(diagnostics))
                break;
            batch = {batch.first()};
        }
        if (after == diagnostics)
            break; // nothing changed: stop rather than loop
        definition = std::move(candidate);
        diagnostics = std::move(after);
        applied += batch;
    }
    return applied;
}

} // namespace

int validateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks a .saga file against the ordering rules SAGA001..SAGA009 and prints one diagnostic a line:\n"
           "  SEVERITY RULE step[,step] message\n"
           "Exit codes: 0 no errors (warnings allowed), 1 errors, 2 file unreadable or malformed."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("validate"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The .saga file to check."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        tr("Print one JSON object: {\"file\", \"diagnostics\": [...]}, with each "
                                           "diagnostic's quick fix where one is offered."));
    const QCommandLineOption fixOption(QStringLiteral("fix"),
                                       tr("Apply every offered quick fix and write the file back atomically "
                                          "(unknown fields are kept), then report what is left."));
    parser.addOption(jsonOption);
    parser.addOption(fixOption);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QString path;
    if (const std::optional<int> exit = parseCommand(parser, arguments, "validate", out, err, &path))
        return *exit;
    const bool json = parser.isSet(jsonOption);

    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok()) {
        err << loaded.error.toString() << '\n';
        if (json) {
            QJsonObject error{{QStringLiteral("message"), loaded.error.message}};
            if (!loaded.error.jsonPath.isEmpty())
                error.insert(QStringLiteral("path"), loaded.error.jsonPath);
            if (loaded.error.line > 0) {
                error.insert(QStringLiteral("line"), loaded.error.line);
                error.insert(QStringLiteral("column"), loaded.error.column);
            }
            printJson(out, QJsonObject{{QStringLiteral("file"), path}, {QStringLiteral("error"), error}});
        }
        return ExitBadInput;
    }

    SagaDefinition definition = *loaded.definition;
    QList<Diagnostic> diagnostics = Validator::validate(definition);
    QList<Diagnostic> applied;
    if (parser.isSet(fixOption)) {
        applied = applyAllFixes(definition, diagnostics);
        if (!applied.isEmpty()) {
            QString error;
            if (!SagaFile::save(definition, path, &error)) {
                err << error << '\n';
                return ExitBadInput;
            }
        }
        for (const Diagnostic &d : std::as_const(applied)) {
            QStringList edits;
            for (const SagaEdit &edit : d.fix)
                edits.append(edit.describe());
            err << tr("fixed %1 %2: %3").arg(d.rule, d.steps.join(QLatin1Char(',')), edits.join(QStringLiteral("; ")))
                << '\n';
        }
    }

    if (json) {
        QJsonArray array;
        for (const Diagnostic &d : std::as_const(diagnostics))
            array.append(d.toJson());
        QJsonObject object{{QStringLiteral("file"), path}, {QStringLiteral("diagnostics"), array}};
        if (parser.isSet(fixOption)) {
            QJsonArray fixed;
            for (const Diagnostic &d : std::as_const(applied))
                fixed.append(d.toJson());
            object.insert(QStringLiteral("applied"), fixed);
        }
        printJson(out, object);
    } else {
        for (const Diagnostic &d : std::as_const(diagnostics))
            out << d.toLine() << '\n';
    }
    return Validator::hasErrors(diagnostics) ? 1 : 0;
}

} // namespace Sagascope::Cli

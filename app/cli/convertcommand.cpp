// SPDX-License-Identifier: MIT
// `sagascope-cli convert FILE --to choreography|orchestration [-o OUT]` (SPEC section 5).

#include "commands.h"

#include "sagaconvert.h"
#include "sagafile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace Sagascope::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

} // namespace

int convertCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Derives the choreographed form of a saga from the orchestrated one, or back (SPEC section 5). "
           "Generated events are named <Step>Succeeded, <Step>Failed and <Step>Compensated; both forms run to the "
           "same effects ledger for every single-step failure (docs/ENGINE.md).\n"
           "Exit codes: 0 converted, 2 unreadable or malformed input, or a saga that cannot be converted."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("convert"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The .saga file to convert."));
    const QCommandLineOption toOption(QStringLiteral("to"), tr("The form to derive: choreography or orchestration."),
                                      QStringLiteral("MODE"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          tr("Write the .saga file here (atomically) instead of to standard output."),
                                          QStringLiteral("OUT"));
    parser.addOption(toOption);
    parser.addOption(outputOption);

    QString path;
    if (const std::optional<int> exit = parseCommand(parser, arguments, "convert", out, err, &path))
        return *exit;
    const std::optional<SagaMode> mode = sagaModeFromName(parser.value(toOption));
    if (!mode) {
        err << (parser.isSet(toOption)
                    ? tr("sagascope-cli convert: unknown form '%1' (choreography or orchestration)").arg(parser.value(toOption))
                    : tr("sagascope-cli convert: --to choreography|orchestration is required"))
            << '\n';
        return ExitBadInput;
    }
    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok()) {
        err << loaded.error.toString() << '\n';
        return ExitBadInput;
    }
    QString error;
    const std::optional<SagaDefinition> converted = *mode == SagaMode::Choreography
        ? SagaConvert::toChoreography(*loaded.definition, &error)
        : SagaConvert::toOrchestration(*loaded.definition, &error);
    if (!converted) {
        err << tr("%1: cannot convert to %2: %3").arg(path, sagaModeName(*mode), error) << '\n';
        return ExitBadInput;
    }

    return writeSagaFile(*converted, parser.value(outputOption), "convert", out, err);
}

} // namespace Sagascope::Cli

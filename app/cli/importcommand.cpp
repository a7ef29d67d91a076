// SPDX-License-Identifier: MIT
// `sagascope-cli import FILE --from asl|bpmn|seata [-o OUT]` (SPEC section 4).

#include "commands.h"

#include "bridge.h"
#include "sagafile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace Sagascope::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

} // namespace

int importCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Imports a saga from another engine's format: an AWS Step Functions state machine (asl), a BPMN 2.0 "
           "process for Camunda 8 / Zeebe (bpmn) or a Seata saga state machine (seata), and writes it as a .saga "
           "file. Files Sagascope exported come back without loss; from other files, what could not be mapped "
           "is reported on standard error (docs/BRIDGE.md).\n"
           "Exit codes: 0 imported, 2 unreadable or malformed input."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("import"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The file to import."));
    const QCommandLineOption fromOption(QStringLiteral("from"), tr("The file's format: asl, bpmn or seata."),
                                        QStringLiteral("FORMAT"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          tr("Write the .saga file here (atomically) instead of to standard output."),
                                          QStringLiteral("OUT"));
    parser.addOption(fromOption);
    parser.addOption(outputOption);

    QString inputPath;
    if (const std::optional<int> exit = parseCommand(parser, arguments, "import", out, err, &inputPath))
        return *exit;
    if (!parser.isSet(fromOption)) {
        err << tr("sagascope-cli import: --from FORMAT is required (asl, bpmn or seata)") << '\n';
        return ExitBadInput;
    }
    const std::optional<BridgeFormat> format = Bridge::formatFromName(parser.value(fromOption));
    if (!format) {
        err << tr("sagascope-cli import: unknown format '%1' (asl, bpmn or seata)").arg(parser.value(fromOption)) << '\n';
        return ExitBadInput;
    }

    const QString &path = inputPath;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << tr("%1: cannot read: %2").arg(path, file.errorString()) << '\n';
        return ExitBadInput;
    }
    if (file.size() > SagaFile::MaxFileBytes) {
        err << tr("%1: too large (%2 bytes; at most %3)").arg(path).arg(file.size()).arg(SagaFile::MaxFileBytes) << '\n';
        return ExitBadInput;
    }
    const QByteArray bytes = file.readAll();

    QStringList warnings;
    QString error;
    const std::optional<SagaDefinition> definition = Bridge::importFrom(bytes, *format, path, &warnings, &error);
    for (const QString &warning : std::as_const(warnings))
        err << tr("warning: %1").arg(warning) << '\n';
    if (!definition) {
        err << error << '\n';
        return ExitBadInput;
    }

    return writeSagaFile(*definition, parser.value(outputOption), "import", out, err);
}

} // namespace Sagascope::Cli

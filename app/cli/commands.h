// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
class QTextStream;
QT_END_NAMESPACE

namespace Sagascope {
struct SagaDefinition;
}

namespace Sagascope::Cli {

/** Exit code for unreadable or malformed input (SPEC section 4). */
constexpr int ExitBadInput = 2;

/**
 * The start every command shares: parses `arguments` (argv[0], the command, then options),
 * prints --help, and, when `file` is given, takes exactly one positional FILE. Returns the exit
 * code when the command should stop now (0 after --help, ExitBadInput with a message naming
 * the command on a parse error or a missing FILE), or nothing to go on.
 */
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments, const char *command,
                                QTextStream &out, QTextStream &err, QString *file = nullptr);

/** The parser's help text, its usage line "sagascope-cli COMMAND [options] ..." (not argv[0]). */
QString helpText(const QCommandLineParser &parser, const char *command);

/** Writes `definition` as a .saga file to `output` (atomically), or to standard output when
 *  `output` is empty or "-". Returns 0, or ExitBadInput with the message on `err`. */
int writeSagaFile(const SagaDefinition &definition, const QString &output, const char *command, QTextStream &out,
                  QTextStream &err);

/** Each command takes its own arguments (argv[0] first, then the command name, then options)
 *  and returns the process exit code of SPEC section 4. */
int validateCommand(const QStringList &arguments);
int exportCommand(const QStringList &arguments);
int runCommand(const QStringList &arguments);     // runcommands.cpp
int recoverCommand(const QStringList &arguments); // runcommands.cpp
int inspectCommand(const QStringList &arguments); // runcommands.cpp
int resumeCommand(const QStringList &arguments);  // runcommands.cpp
int importCommand(const QStringList &arguments);  // importcommand.cpp
int convertCommand(const QStringList &arguments); // convertcommand.cpp
int loginCommand(const QStringList &arguments);   // logincommand.cpp

} // namespace Sagascope::Cli

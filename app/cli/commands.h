// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace Sagascope::Cli {

/** Exit code for unreadable or malformed input (SPEC section 4). */
constexpr int ExitBadInput = 2;

/** Each command takes its own arguments (argv[0] first, then the command name, then options)
 *  and returns the process exit code of SPEC section 4. */
int validateCommand(const QStringList &arguments);
int exportCommand(const QStringList &arguments);
int runCommand(const QStringList &arguments);     // runcommands.cpp
int recoverCommand(const QStringList &arguments); // runcommands.cpp
int inspectCommand(const QStringList &arguments); // runcommands.cpp
int importCommand(const QStringList &arguments);  // importcommand.cpp

} // namespace Sagascope::Cli

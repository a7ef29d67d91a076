// SPDX-License-Identifier: MIT
// sagascope-cli: validate, run, recover, resume, inspect, export, import and convert sagas without a display.

#include "commands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace Sagascope;

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

// One line a command; each lives in its own <name>command.cpp.
const Command commands[] = {
    {"validate", QT_TRANSLATE_NOOP("Cli", "check a .saga file against the ordering rules"), &Cli::validateCommand},
    {"run", QT_TRANSLATE_NOOP("Cli", "run instances on the embedded engine and print the trace"), &Cli::runCommand},
    {"recover", QT_TRANSLATE_NOOP("Cli", "finish every unfinished instance in a saga log"), &Cli::recoverCommand},
    {"resume", QT_TRANSLATE_NOOP("Cli", "resume a stuck instance: retry its step, or resolve it by hand"), &Cli::resumeCommand},
    {"inspect", QT_TRANSLATE_NOOP("Cli", "status of every instance in a saga log and its effects ledger"), &Cli::inspectCommand},
    {"export", QT_TRANSLATE_NOOP("Cli", "export a .saga file as asl, bpmn, seata, dot, svg or png"), &Cli::exportCommand},
    {"import", QT_TRANSLATE_NOOP("Cli", "import a saga from asl, bpmn or seata as a .saga file"), &Cli::importCommand},
    {"convert", QT_TRANSLATE_NOOP("Cli", "derive the choreographed form of a saga from the orchestrated one, or back"), &Cli::convertCommand},
    {"login", QT_TRANSLATE_NOOP("Cli", "sign in to a service (OAuth 2.0 authorization code with PKCE) and keep the refresh token"), &Cli::loginCommand},
};

void printUsage(QTextStream &out)
{
    out << QCoreApplication::translate("Cli", "Usage: sagascope-cli COMMAND [options]\n\n"
                                              "Design, run and understand sagas without a display.\n\n"
                                              "Commands:\n");
    for (const Command &command : commands)
        out << "  " << QString::fromLatin1(command.name).leftJustified(10) << ' '
            << QCoreApplication::translate("Cli", command.summary) << '\n';
    out << '\n'
        << QCoreApplication::translate("Cli", "Run 'sagascope-cli COMMAND --help' for a command's options.\n"
                                              "Exit codes: 0 success, 1 validation errors, 2 unreadable or malformed "
                                              "input; run, recover and resume: 10 some compensated, 11 some stuck.\n");
}

} // namespace

int main(int argc, char *argv[])
{
    // `export` renders the canvas (svg, png): it needs widgets, never a display.
    // (--help needs none: without a display server Qt would only warn about its runtime directory.)
    bool needsWidgets = argc > 1 && qstrcmp(argv[1], "export") == 0;
    for (int i = 2; needsWidgets && i < argc; ++i)
        needsWidgets = qstrcmp(argv[i], "--help") != 0 && qstrcmp(argv[i], "-h") != 0;
    if (needsWidgets && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application(needsWidgets ? new QApplication(argc, argv)
                                                               : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("sagascope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SAGASCOPE_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help") || arguments.at(1) == QLatin1String("-h")
        || arguments.at(1) == QLatin1String("help")) {
        printUsage(out);
        return arguments.size() < 2 ? Cli::ExitBadInput : 0;
    }
    if (arguments.at(1) == QLatin1String("--version") || arguments.at(1) == QLatin1String("-v")) {
        out << "sagascope-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    for (const Command &command : commands) {
        if (arguments.at(1) == QLatin1String(command.name))
            return command.run(arguments);
    }
    err << QCoreApplication::translate("Cli", "sagascope-cli: unknown command '%1'\n\n").arg(arguments.at(1));
    printUsage(err);
    return Cli::ExitBadInput;
}

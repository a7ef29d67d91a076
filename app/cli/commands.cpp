// SPDX-License-Identifier: MIT
#include "commands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace Sagascope::Cli {

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments, const char *command,
                                QTextStream &out, QTextStream &err, QString *file)
{
    const QString name = QStringLiteral("sagascope-cli ") + QLatin1String(command);
    if (!parser.parse(arguments)) {
        err << name << ": " << parser.errorText() << '\n';
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (file) {
        const QStringList positional = parser.positionalArguments().mid(1);
        if (positional.size() != 1) {
            err << QCoreApplication::translate("Cli", "%1: expected exactly one FILE (see --help)").arg(name) << '\n';
            return ExitBadInput;
        }
        *file = positional.first();
    }
    return std::nullopt;
}

} // namespace Sagascope::Cli

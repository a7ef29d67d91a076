// SPDX-License-Identifier: MIT
#include "commands.h"

#include "sagafile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

namespace Sagascope::Cli {

namespace {

/** Levenshtein distance, for "did you mean" (option names are short). */
qsizetype editDistance(const QString &a, const QString &b)
{
    QList<qsizetype> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[j];
            row[j] = qMin(qMin(row[j] + 1, row[j - 1] + 1), diagonal + (a.at(i - 1) == b.at(j - 1) ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.size()];
}

/** The long option names the parser knows, read from its help (QCommandLineParser lists them
 *  nowhere else): "--instances", "--db", ... */
QStringList knownOptions(const QString &help)
{
    QStringList names;
    static const QRegularExpression option(QStringLiteral("^\\s+(?:-\\w, )?--([a-z][a-z0-9-]*)"),
                                           QRegularExpression::MultilineOption);
    for (auto it = option.globalMatch(help); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

/** " (did you mean --instances?)" for a mistyped option, or nothing when none is close. */
QString suggestion(const QString &unknown, const QStringList &known)
{
    QString best;
    qsizetype bestDistance = qMax<qsizetype>(2, unknown.size() / 3) + 1;
    for (const QString &name : known) {
        const qsizetype distance = name.startsWith(unknown) ? 1 : editDistance(unknown, name);
        if (distance < bestDistance) {
            best = name;
            bestDistance = distance;
        }
    }
    return best.isEmpty() ? QString() : QStringLiteral(" (did you mean --%1?)").arg(best);
}

} // namespace

QString helpText(const QCommandLineParser &parser, const char *command)
{
    // Qt writes "Usage: argv[0] [options] run FILE", argv[0] often a whole build path: name the
    // program, and put the command before the options as a user types it.
    QString help = parser.helpText();
    const qsizetype lineEnd = help.indexOf(QLatin1Char('\n'));
    const QString prefix = QStringLiteral("[options] ") + QLatin1String(command);
    const qsizetype at = help.indexOf(prefix);
    if (help.startsWith(QLatin1String("Usage: ")) && at >= 0 && at < lineEnd)
        help.replace(0, at + prefix.size(),
                     QStringLiteral("Usage: sagascope-cli ") + QLatin1String(command) + QStringLiteral(" [options]"));
    return help;
}

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments, const char *command,
                                QTextStream &out, QTextStream &err, QString *file)
{
    const QString name = QStringLiteral("sagascope-cli ") + QLatin1String(command);
    if (!parser.parse(arguments)) {
        err << name << ": " << parser.errorText();
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty())
            err << suggestion(unknown.first(), knownOptions(parser.helpText()));
        err << '\n';
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << helpText(parser, command);
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

int writeSagaFile(const SagaDefinition &definition, const QString &output, const char *command, QTextStream &out,
                  QTextStream &err)
{
    if (output.isEmpty() || output == QLatin1String("-")) {
        out.flush();
        QFile stdOut;
        const QByteArray saga = SagaFile::serialize(definition);
        if (!stdOut.open(stdout, QIODevice::WriteOnly) || stdOut.write(saga) != saga.size()) {
            err << QCoreApplication::translate("Cli", "sagascope-cli %1: cannot write to standard output").arg(QLatin1String(command))
                << '\n';
            return ExitBadInput;
        }
        return 0;
    }
    QString error;
    if (!SagaFile::save(definition, output, &error)) {
        err << error << '\n';
        return ExitBadInput;
    }
    return 0;
}

} // namespace Sagascope::Cli

// SPDX-License-Identifier: MIT
// Runs the real sagascope-cli as a user would, for the command-line tests.
#pragma once

#include "testconfig.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace CliRunner {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline Run cli(const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SAGASCOPE_CLI_PATH), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {-2, {}, "timed out"};
    }
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline QString example(const char *name)
{
    return QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + QLatin1String(name);
}

} // namespace CliRunner

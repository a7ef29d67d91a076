// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"

#include <QCommandLineParser>
#include <QString>

namespace Sagascope {

/**
 * `run`'s options of SPEC section 4 (--instances, --concurrency, --seed, --db, --virtual-time,
 * --fail, --fail-compensation) and of SPEC section 6 (--input, --input-jsonl, --endpoint, --simulate), shared by `sagascope-cli run` and the desktop application's
 * `--run "RUN OPTIONS"`, so that both read them the same way and refuse the same mistakes.
 */
class RunArguments
{
public:
    /** Adds the options to a parser. */
    static void addOptions(QCommandLineParser &parser);
    /** Reads them into `request`, whose definition must be set (injected faults must name its
     *  steps). False with a message naming the option and the fault. No --seed: a random seed. */
    static bool read(const QCommandLineParser &parser, RunRequest *request, QString *error);
    /** Parses options written as one string, e.g. "--instances 5 --fail take_payment=business". */
    static bool parse(const QString &options, RunRequest *request, QString *error);
};

} // namespace Sagascope

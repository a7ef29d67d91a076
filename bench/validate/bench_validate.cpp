// SPDX-License-Identifier: MIT
// Validation speed and memory on generated sagas of 100, 1,000 and 10,000 steps (about three
// dependencies a step), next to merely loading the same file. Prints a table; see
// docs/PERFORMANCE.md for how to run it and the figures.

#include "sagafile.h"
#include "sagagenerator.h"
#include "validator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Sagascope;

namespace {

/** Resets the kernel's peak-RSS mark (Linux >= 4.0), so that VmHWM measures one operation. */
void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

qint64 rssKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

struct Measure
{
    double medianMs = 0;
    qint64 peakExtraKiB = 0;
};

/** Median of `runs` timings; the peak RSS above the starting RSS during one run. */
Measure measure(int runs, const std::function<void()> &work)
{
    QList<double> times;
    Measure m;
    for (int i = 0; i < runs; ++i) {
        resetPeakRss();
        const qint64 before = rssKiB("VmRSS");
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(double(timer.nsecsElapsed()) / 1e6);
        m.peakExtraKiB = std::max(m.peakExtraKiB, rssKiB("VmHWM") - before);
    }
    std::sort(times.begin(), times.end());
    m.medianMs = times.at(times.size() / 2);
    return m;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    QTextStream out(stdout);
    out << "bench_validate: load vs validate of generated sagas (~3 dependencies a step), median of runs\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("steps"), 6)
               .arg(QStringLiteral("shape"), 7)
               .arg(QStringLiteral("file KiB"), 9)
               .arg(QStringLiteral("load ms"), 9)
               .arg(QStringLiteral("validate ms"), 12)
               .arg(QStringLiteral("ratio"), 6)
               .arg(QStringLiteral("peak KiB"), 9)
               .arg(QStringLiteral("findings"), 9);
    for (const int steps : {100, 1000, 10000}) {
        for (const bool flawed : {false, true}) {
            const SagaDefinition generated = Bench::generateSaga(steps, 3, flawed);
            const QString path = dir.filePath(QStringLiteral("g%1.saga").arg(steps));
            QString error;
            if (!SagaFile::save(generated, path, &error))
                qFatal("%s", qPrintable(error));
            const int runs = steps >= 10000 ? 5 : 21;
            LoadResult loaded;
            const Measure load = measure(runs, [&] { loaded = SagaFile::load(path); });
            if (!loaded.ok())
                qFatal("%s", qPrintable(loaded.error.toString()));
            QList<Diagnostic> diagnostics;
            const Measure validate = measure(runs, [&] { diagnostics = Validator::validate(*loaded.definition); });
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                       .arg(steps, 6)
                       .arg(flawed ? QStringLiteral("flawed") : QStringLiteral("clean"), 7)
                       .arg(QFileInfo(path).size() / 1024, 9)
                       .arg(load.medianMs, 9, 'f', 2)
                       .arg(validate.medianMs, 12, 'f', 2)
                       .arg(validate.medianMs / load.medianMs, 6, 'f', 2)
                       .arg(validate.peakExtraKiB, 9)
                       .arg(diagnostics.size(), 9);
            out.flush();
        }
    }
    return 0;
}

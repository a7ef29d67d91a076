// SPDX-License-Identifier: MIT
// bench_monitor [INSTANCES] [SAGA] [ROUNDS]: ROUNDS times (default 5), runs INSTANCES (default 10,000) instances of a saga (default
// examples/order-checkout.saga, its own failure probabilities, and reserve_stock failing its first
// attempt and take_payment refusing every instance, so that each retries and rolls back) all in flight at once, at full speed in virtual time,
// through MonitorController with the canvas, the overlay (heat on) and every panel shown
// (offscreen), and prints the GUI thread's frame times: from the start of a frame (RunMonitor
// applies the events that came since the last one) through the overlay, the panels and the
// paints they cause, until the event loop is idle again. Also the events handled per second.
//
// bench_monitor --remote [INSTANCES] [SAGA] [ROUNDS]: the same window and timing during remote
// runs (issue 12): ROUNDS times (default 3), INSTANCES (default 1,000) instances of
// examples/order-checkout-remote.saga, 100 in flight (BENCH_CONCURRENCY), on the real clock against
// sagascope-demo-services started as a child process for each round (durable, fresh state), with
// a durable saga log (--db) in a temporary directory (BENCH_DIR: the disk to measure). The run
// starts as the window starts it: its services checked first (RunPreflight).
#include "demoservicesprocess.h"
#include "enginethread.h"
#include "eventlogmodel.h"
#include "monitorcontroller.h"
#include "runmonitor.h"
#include "runoverlay.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "sagaview.h"
#include "testconfig.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QMainWindow>
#include <QMetaEnum>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <memory>

using namespace Sagascope;

namespace {
/** CPU time of the calling thread: what the GUI thread itself spent, which other processes on a
 *  busy machine do not inflate (wall time does). */
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/** How long the calling thread has waited for a CPU while it could run (the second field of
 *  /proc/thread-self/schedstat): wall time minus CPU time minus this is the time it was blocked
 *  (a lock, a read, a sleep); 0 where the kernel does not say. */
double threadRunQueueMs()
{
    FILE *file = std::fopen("/proc/thread-self/schedstat", "r");
    if (!file)
        return 0;
    unsigned long long running = 0, waiting = 0;
    const int read = std::fscanf(file, "%llu %llu", &running, &waiting);
    std::fclose(file);
    return read == 2 ? waiting / 1e6 : 0;
}

/** With BENCH_PAINTS=1 (and BENCH_DETAIL=1): the GUI thread's CPU time of every event over 0.3 ms
 *  (paints, update requests, queued calls) by receiver class, printed after each frame that took
 *  over 10 ms, to see what a slow frame spent its time on. Events nest: a window's UpdateRequest
 *  holds the Paint events of its widgets. */
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const double start = threadCpuMs();
        const bool result = QApplication::notify(receiver, event);
        const double spent = threadCpuMs() - start;
        if (spent > 0.3) {
            QString name = QString::fromLatin1(receiver->metaObject()->className());
            if (receiver->parent())
                name += QStringLiteral("<") + QString::fromLatin1(receiver->parent()->metaObject()->className());
            const char *type = QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type());
            log += QStringLiteral("    %1 on %2: %3 ms\n")
                       .arg(type ? QString::fromLatin1(type) : QString::number(event->type()), name)
                       .arg(spent, 0, 'f', 2);
        }
        return result;
    }
    bool recording = false;
    QString log;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * v.size()))];
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    TimingApplication app(argc, argv);
    app.recording = qEnvironmentVariableIsSet("BENCH_PAINTS");
    QStringList arguments = app.arguments().mid(1);
    const bool remote = arguments.removeAll(QStringLiteral("--remote")) > 0;
    const int instances = arguments.size() > 0 ? arguments.at(0).toInt() : remote ? 1000 : 10000;
    const int rounds = arguments.size() > 2 ? qMax(1, arguments.at(2).toInt()) : remote ? 3 : 5;
    const QString sagaPath = arguments.size() > 1 ? arguments.at(1)
                             : remote ? QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga")
                                      : QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga");
    const int concurrency = remote ? qEnvironmentVariableIntValue("BENCH_CONCURRENCY") > 0
                                         ? qEnvironmentVariableIntValue("BENCH_CONCURRENCY") : 100
                                   : instances;
    const LoadResult loaded = SagaFile::load(sagaPath);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error.toString()));
        return 2;
    }
    SagaDocument document;
    document.reset(*loaded.definition, sagaPath);
    QMainWindow window;
    auto *scene = new SagaScene(&document, &window);
    auto *view = new SagaView(scene);
    window.setCentralWidget(view);
    MonitorController controller(&document, scene, &window);
    controller.addDocksTo(&window);
    window.addToolBar(controller.toolBar());
    window.resize(1600, 1000);
    window.show();
    controller.setSpeed(0);
    controller.overlay()->setHeatVisible(!qEnvironmentVariableIsSet("BENCH_NO_HEAT"));
    // BENCH_HIDE=0..3 hides one dock (Instances, Event Log, Timeline, Summary): where the time goes.
    if (qEnvironmentVariableIsSet("BENCH_HIDE"))
        controller.docks().at(qEnvironmentVariableIntValue("BENCH_HIDE"))->hide();
    // BENCH_ENGINE_NICE=N: the engine's thread at nice N (Linux: setpriority on the calling thread).
    if (qEnvironmentVariableIsSet("BENCH_ENGINE_NICE")) {
        const int nice = qEnvironmentVariableIntValue("BENCH_ENGINE_NICE");
        QMetaObject::invokeMethod(controller.engineThread()->engine(), [nice] { setpriority(PRIO_PROCESS, 0, nice); },
                                  Qt::BlockingQueuedConnection);
    }
    QCoreApplication::processEvents();

    std::vector<double> frames, cpuFrames, waitFrames, blockedFrames;
    frames.reserve(4096);
    QElapsedTimer frame;
    double cpuStart = 0, waitStart = 0;
    RunMonitor *monitor = controller.runMonitor();
    QObject::connect(monitor, &RunMonitor::frameStarted, [&] {
        frame.start();
        app.log.clear();
        cpuStart = threadCpuMs();
        waitStart = threadRunQueueMs();
    });
    // Connected after the controller: runs once the overlay and panels have taken the frame; then
    // whatever they posted (the scene's dirty items, the widgets' paints) is done before timing ends.
    std::vector<double> handlers;
    const bool detail = qEnvironmentVariableIsSet("BENCH_DETAIL");
    QObject::connect(monitor, &RunMonitor::updated, [&](const QList<TraceEvent> &applied) {
        handlers.push_back(frame.nsecsElapsed() / 1e6);
        const double handlersCpu = threadCpuMs() - cpuStart;
        QCoreApplication::sendPostedEvents(); // the paints and the scene updates it posted; no timers
        frames.push_back(frame.nsecsElapsed() / 1e6);
        cpuFrames.push_back(threadCpuMs() - cpuStart);
        waitFrames.push_back(threadRunQueueMs() - waitStart);
        blockedFrames.push_back(std::max(0.0, frames.back() - cpuFrames.back() - waitFrames.back()));
        if (detail)
            std::printf("frame %zu: %lld events, apply+overlay+panels %.2f ms (CPU %.2f), total with paint %.2f ms (CPU %.2f)\n",
                        frames.size(), static_cast<long long>(applied.size()), handlers.back(), handlersCpu, frames.back(),
                        cpuFrames.back());
        if (app.recording && cpuFrames.back() > 10)
            std::printf("  slow frame %zu:\n%s", frames.size(), qPrintable(app.log));
        app.log.clear();
    });

    // Remote: the services' state, the runs' saga logs and the instances' input, on the disk measured.
    QTemporaryDir temporary;
    const QString dir = qEnvironmentVariableIsSet("BENCH_DIR") ? qEnvironmentVariable("BENCH_DIR") : temporary.path();
    const QString inputPath = QDir(dir).filePath(QStringLiteral("input.json"));
    if (remote) {
        QDir().mkpath(dir);
        QFile input(inputPath);
        if (!input.open(QIODevice::WriteOnly) || input.write(QJsonDocument(Bench::remoteInput()).toJson()) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(inputPath));
            return 2;
        }
    }

    QElapsedTimer wall;
    wall.start();
    qint64 events = 0;
    double runSeconds = 0;
    for (int round = 0; round < rounds; ++round) {
        QString error;
        // Simulated: every instance in flight at once; each retries reserve_stock once, then
        // take_payment refuses it and it rolls back (retries and compensations: the busiest kind
        // of trace). Remote: the services' own answers (every instance completes).
        QString options = QStringLiteral("--instances %1 --concurrency %2 --seed %3 ").arg(instances).arg(concurrency).arg(round + 1);
        std::unique_ptr<Bench::DemoServicesProcess> services;
        if (remote) {
            services = std::make_unique<Bench::DemoServicesProcess>(dir, QStringLiteral("monitor-%1").arg(round + 1), true);
            const QString log = QDir(dir).filePath(QStringLiteral("monitor-run-%1.db").arg(round + 1));
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(log + suffix);
            options += QStringLiteral("--input %1 --db %2").arg(inputPath, log);
            for (const Service &service : loaded.definition->services)
                options += QStringLiteral(" --endpoint %1=%2").arg(service.id, services->base());
        } else {
            options += QStringLiteral("--virtual-time --fail reserve_stock=technical:1 --fail take_payment=business");
        }
        QEventLoop loop;
        QObject::connect(&controller, &MonitorController::finished, &loop, &QEventLoop::quit);
        if (!controller.startRun(options, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);
        loop.exec();
        events += monitor->state().appliedCount();
        const RunSummary &summary = controller.lastSummary();
        runSeconds += summary.wallMs / 1e3;
        if (remote) {
            std::printf("round %d: %d completed, %d compensated, %d stuck in %.2f s (%.0f step calls/s)\n", round + 1,
                        summary.completed, summary.compensated, summary.stuck, summary.wallMs / 1e3,
                        summary.wallMs > 0 ? summary.completed * 5 / (summary.wallMs / 1e3) : 0.0);
            if (summary.completed != instances) {
                std::fprintf(stderr, "round %d: %d of %d completed%s%s\n", round + 1, summary.completed, instances,
                             summary.error.isEmpty() ? "" : ": ", qPrintable(summary.error));
                return 1;
            }
        }
    }
    const double seconds = wall.nsecsElapsed() / 1e9;

    auto pct = [&](double p) { return percentile(frames, p); };
    auto cpu = [&](double p) { return percentile(cpuFrames, p); };
    if (remote)
        std::printf("monitor, remote: %d runs of %d instances, %d in flight, against sagascope-demo-services on 127.0.0.1, "
                    "durable saga log; %lld events, %.2f s in the runs, %.2f s wall\n",
                    rounds, instances, concurrency, static_cast<long long>(events), runSeconds, seconds);
    else
        std::printf("monitor: %d runs of %d instances in flight, %lld events, %.2f s wall (engine and GUI together)\n", rounds,
                    instances, static_cast<long long>(events), seconds);
    std::printf("  events handled by the GUI: %.0f events/s\n", events / (remote ? runSeconds : seconds));
    std::printf("  frames: %zu\n", frames.size());
    std::printf("  frame time, wall ms:            p50 %6.2f   p90 %6.2f   p99 %6.2f   max %6.2f\n", pct(0.50), pct(0.90),
                pct(0.99), pct(1.0));
    std::printf("  frame time, GUI thread CPU ms:  p50 %6.2f   p90 %6.2f   p99 %6.2f   max %6.2f\n", cpu(0.50), cpu(0.90),
                cpu(0.99), cpu(1.0));
    // Where wall time that is not CPU time went: waiting for a core (other threads and processes
    // runnable), or blocked (the GUI thread itself waiting on something).
    auto waited = [&](double p) { return percentile(waitFrames, p); };
    auto blocked = [&](double p) { return percentile(blockedFrames, p); };
    std::printf("  waiting for a core, ms:         p50 %6.2f   p90 %6.2f   p99 %6.2f   max %6.2f\n", waited(0.50),
                waited(0.90), waited(0.99), waited(1.0));
    std::printf("  blocked, ms:                    p50 %6.2f   p90 %6.2f   p99 %6.2f   max %6.2f\n", blocked(0.50),
                blocked(0.90), blocked(0.99), blocked(1.0));
    std::printf("  completed %d, compensated %d, stuck %d\n", monitor->state().statusCount(InstanceStatus::Completed),
                monitor->state().statusCount(InstanceStatus::Compensated), monitor->state().statusCount(InstanceStatus::Stuck));
    return 0;
}

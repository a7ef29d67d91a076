// SPDX-License-Identifier: MIT
// bench_canvas [STEPS...]: opens, lays out and first-paints a generated saga (default 100 and
// 1,000 steps), times the Graphviz layout next to the `dot` program on the same graph, and the
// frame time while panning and zooming with every card in view. Runs on the offscreen platform.

#include "autolayout.h"
#include "graphvizlayout.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagagenerator.h"
#include "sagascene.h"
#include "sagaview.h"
#include "stepitem.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QScrollBar>
#include <QTextStream>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Sagascope;

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

/** CPU time of this thread in ms: frame costs that other processes on the machine do not inflate. */
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double msSince(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

/** Wall time of `dot -Tsvg` on `dot` text, process start included (as a user would run it). */
double dotProgramMs(const QByteArray &dot)
{
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral("dot"), {QStringLiteral("-Tsvg"), QStringLiteral("-o"), QStringLiteral("/dev/null")});
    if (!process.waitForStarted())
        return -1;
    process.write(dot);
    process.closeWriteChannel();
    process.waitForFinished(-1);
    return process.exitCode() == 0 ? msSince(timer) : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.append(QByteArray(argv[i]).toInt());
    if (sizes.isEmpty())
        sizes = {100, 1000};

    QTextStream out(stdout);
    out << " steps  edges  open ms  layout ms  dot ms  ratio  scene ms  edit ms  paint ms  pan ms (cpu)  zoom ms (cpu)   zoom\n";
    for (int steps : std::as_const(sizes)) {
        const SagaDefinition generated = Bench::generateSaga(steps, 3, false);
        const QByteArray bytes = SagaFile::serialize(generated);
        int edges = 0;
        for (const Step &step : generated.steps)
            edges += int(step.after.size());

        // Open: parse the file into a document.
        QElapsedTimer timer;
        timer.start();
        const LoadResult loaded = SagaFile::parse(bytes, QStringLiteral("generated.saga"));
        SagaDocument document;
        document.reset(*loaded.definition);
        const double openMs = msSince(timer);

        // Layout, our way and the dot program's way, on the same graph (3 runs each, median).
        const LayoutInput input = AutoLayout::input(document.definition(), app.font());
        const QByteArray dot = GraphvizLayout::dotText(input);
        QList<double> ours, theirs;
        LayoutResult result;
        // FRAMES=N in the environment: one layout, no dot, N frames each (for profiling paints).
        const int frames = qEnvironmentVariableIsSet("FRAMES") ? qEnvironmentVariableIntValue("FRAMES") : 30;
        const int runs = qEnvironmentVariableIsSet("FRAMES") ? 1 : 3;
        for (int run = 0; run < runs; ++run) {
            timer.restart();
            result = GraphvizLayout::layout(input);
            ours.append(msSince(timer));
            if (runs > 1)
                theirs.append(dotProgramMs(dot));
        }
        if (!result.ok) {
            out << "layout failed: " << result.error << '\n';
            return 1;
        }
        document.applyLayout(AutoLayout::positions(result));

        // Scene (items for every step and arrow) and the first paint of the whole saga.
        timer.restart();
        SagaScene scene(&document);
        const double sceneMs = msSince(timer);
        // HIDE=arrows|cards|markers in the environment: leave those out of the frames (profiling).
        const QByteArray hide = qgetenv("HIDE");
        for (QGraphicsItem *item : scene.items()) {
            const bool arrow = item->type() == DependencyItem::Type;
            const bool card = item->type() == StepItem::Type;
            if ((hide == "arrows" && arrow) || (hide == "cards" && card) || (hide == "markers" && !arrow && !card))
                item->hide();
        }
        // One edit (a label) as the user makes it: document, validation and the scene's sync.
        QList<double> edits;
        for (int i = 0; i < 11; ++i) {
            timer.restart();
            document.setStepLabel(document.definition().steps.at(steps / 2).id, QStringLiteral("Edited %1").arg(i));
            edits.append(msSince(timer));
        }
        if (qEnvironmentVariableIsSet("SYNC")) {
            QList<double> syncs;
            for (int i = 0; i < qMax(11, qEnvironmentVariableIntValue("SYNC")); ++i) {
                timer.restart();
                scene.sync();
                syncs.append(msSince(timer));
            }
            out << "sync alone: " << median(syncs) << " ms\n";
        }
        SagaView view(&scene);
        view.resize(1600, 1000);
        view.show();
        QApplication::processEvents();
        view.fitToContents();
        timer.restart();
        view.viewport()->repaint();
        const double paintMs = msSince(timer);

        // Panning and zooming with every card in view: synchronous repaints, median frame.
        QList<double> pan, zoom, panCpu, zoomCpu;
        for (int frame = 0; frame < frames; ++frame) {
            view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + (frame % 2 ? 7 : -7));
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + (frame % 2 ? 5 : -5));
            const double cpu = threadCpuMs();
            timer.restart();
            view.viewport()->repaint();
            pan.append(msSince(timer));
            panCpu.append(threadCpuMs() - cpu);
        }
        const qreal fitted = view.zoom();
        for (int frame = 0; frame < frames; ++frame) {
            view.setZoom(fitted * (frame % 2 ? 1.04 : 0.98));
            const double cpu = threadCpuMs();
            timer.restart();
            view.viewport()->repaint();
            zoom.append(msSince(timer));
            zoomCpu.append(threadCpuMs() - cpu);
        }
        // SNAPSHOT=DIR in the environment: save the fitted view of each size, to look at.
        if (qEnvironmentVariableIsSet("SNAPSHOT")) {
            view.setZoom(fitted);
            view.grab().save(qEnvironmentVariable("SNAPSHOT") + QStringLiteral("/canvas-%1.png").arg(steps));
        }
        const double layoutMs = median(ours);
        const double dotMs = median(theirs);
        out << QString::asprintf("%6d %6d %8.1f %10.1f %7.1f %6.2f %9.1f %8.1f %9.1f %6.1f (%4.1f) %7.1f (%4.1f) %6.3f\n",
                                 steps, edges, openMs, layoutMs, dotMs, dotMs > 0 ? layoutMs / dotMs : 0.0, sceneMs,
                                 median(edits), paintMs, median(pan), median(panCpu), median(zoom), median(zoomCpu), fitted);
        out.flush();
    }
    return 0;
}

// SPDX-License-Identifier: MIT
// bench_document [STEPS]: a chain of STEPS steps (default 1,000) in a SagaDocument; times 100
// moves, 100 label edits (each re-validated), undoing all 200 and redoing them. What keeps them
// cheap (one step per command and per signal) is asserted in tst_sagadocument.

#include "sagadocument.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QUndoStack>

#include <cstdio>

using namespace Sagascope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int steps = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    if (steps < 1) {
        std::fprintf(stderr, "bench_document: STEPS must be a positive number, not '%s'\n", argv[1]);
        return 2;
    }
    SagaDefinition definition;
    definition.name = QStringLiteral("Large");
    for (int i = 0; i < steps; ++i) {
        Step step;
        step.id = QStringLiteral("s%1").arg(i);
        step.kind = StepKind::Retriable;
        step.idempotent = true;
        step.action.name = QStringLiteral("a");
        if (i > 0)
            step.after = {QStringLiteral("s%1").arg(i - 1)};
        definition.steps.append(step);
    }
    SagaDocument document;
    document.reset(definition, QStringLiteral("/tmp/bench-document.saga"));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 100; ++i)
        document.moveSteps({{QStringLiteral("s%1").arg((i * 37) % steps), QPointF(i, i)}});
    const qint64 moves = timer.restart();
    for (int i = 0; i < 100; ++i)
        document.setStepLabel(QStringLiteral("s%1").arg((i * 37) % steps), QStringLiteral("L%1").arg(i));
    const qint64 labels = timer.restart();
    const int commands = document.undoStack()->count();
    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    const qint64 undos = timer.restart();
    document.undoStack()->setIndex(commands);
    const qint64 redos = timer.elapsed();
    std::printf("%d-step saga: 100 moves %lld ms, 100 label edits (re-validated) %lld ms, "
                "%d undos %lld ms, %d redos %lld ms\n",
                steps, static_cast<long long>(moves), static_cast<long long>(labels), commands,
                static_cast<long long>(undos), commands, static_cast<long long>(redos));
    return 0;
}

// SPDX-License-Identifier: MIT
// GraphvizLayout: boxes never overlap, edges run from lower to higher ranks, big graphs lay out,
// the locale is restored, concurrent callers are serialised, and the DOT text parses with dot.

#include "graphvizlayout.h"

#include "testconfig.h"

#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <clocale>
#include <thread>

using namespace Sagascope;

namespace {

/** A layered random DAG: `layers` ranks, edges only from a layer to a later one. */
LayoutInput randomDag(int nodeCount, int layers, quint32 seed)
{
    QRandomGenerator random(seed);
    LayoutInput input;
    QList<QList<QString>> byLayer(layers);
    for (int i = 0; i < nodeCount; ++i) {
        const QString id = QStringLiteral("n%1").arg(i);
        const int layer = i < layers ? i : int(random.bounded(layers));
        byLayer[layer].append(id);
        input.nodes.append({id, QSizeF(150 + random.bounded(120), 60 + random.bounded(50)),
                            QStringLiteral("svc%1").arg(i % 3)});
    }
    for (int layer = 1; layer < layers; ++layer) {
        for (const QString &to : std::as_const(byLayer[layer])) {
            const int inbound = 1 + int(random.bounded(2));
            for (int k = 0; k < inbound; ++k) {
                const int fromLayer = int(random.bounded(layer));
                const QList<QString> &candidates = byLayer[fromLayer];
                if (!candidates.isEmpty())
                    input.edges.append({candidates.at(int(random.bounded(int(candidates.size())))), to});
            }
        }
    }
    return input;
}

QRectF boxOf(const LayoutInput &input, const LayoutResult &result, const QString &id)
{
    for (const LayoutNode &node : input.nodes) {
        if (node.id == id) {
            const QPointF c = result.centres.value(id);
            return QRectF(c - QPointF(node.size.width() / 2, node.size.height() / 2), node.size);
        }
    }
    return {};
}

void verifyNoOverlap(const LayoutInput &input, const LayoutResult &result)
{
    QList<QRectF> boxes;
    for (const LayoutNode &node : input.nodes)
        boxes.append(boxOf(input, result, node.id));
    for (int i = 0; i < boxes.size(); ++i) {
        QVERIFY2(result.boundingBox.adjusted(-1, -1, 1, 1).contains(boxes.at(i)),
                 qPrintable(QStringLiteral("%1 outside the bounding box").arg(input.nodes.at(i).id)));
        for (int j = i + 1; j < boxes.size(); ++j) {
            const QRectF overlap = boxes.at(i).intersected(boxes.at(j));
            QVERIFY2(overlap.isEmpty() || overlap.width() * overlap.height() < 0.01,
                     qPrintable(QStringLiteral("%1 overlaps %2").arg(input.nodes.at(i).id, input.nodes.at(j).id)));
        }
    }
}

SagaDefinition sampleSaga()
{
    SagaDefinition saga;
    saga.name = QStringLiteral("Quotes \"and\" \\ backslashes\nand a new line");
    saga.services = {{QStringLiteral("orders"), QStringLiteral("Order \"service\""), {}, {}},
                     {QStringLiteral("pay"), QStringLiteral("Paiements \u00e9t\u00e9"), {}, {}}};
    Step a;
    a.id = QStringLiteral("create_order");
    a.label = QStringLiteral("Create \"order\" <PENDING> & more");
    a.service = QStringLiteral("orders");
    a.kind = StepKind::Compensatable;
    a.action.name = QStringLiteral("createOrder");
    a.compensation = Operation{QStringLiteral("rejectOrder"), std::nullopt, {}, std::nullopt, {}};
    Step b;
    b.id = QStringLiteral("take_payment");
    b.label = QStringLiteral("Take payment \u20ac");
    b.service = QStringLiteral("pay");
    b.kind = StepKind::Pivot;
    b.after = {a.id};
    b.action.name = QStringLiteral("charge");
    Step c;
    c.id = QStringLiteral("ship");
    c.kind = StepKind::Retriable;
    c.after = {b.id, QStringLiteral("ghost_step")}; // unknown: drawn dashed, still valid DOT
    c.sideEffects = {QStringLiteral("email")};
    c.action.name = QStringLiteral("ship");
    Step d;
    d.id = QStringLiteral("lonely");
    d.kind = StepKind::Retriable; // no service: outside every cluster
    d.action.name = QStringLiteral("noop");
    saga.steps = {a, b, c, d};
    return saga;
}

} // namespace

class TestGraphvizLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyInputIsOk()
    {
        const LayoutResult result = GraphvizLayout::layout({});
        QVERIFY(result.ok);
        QVERIFY(result.centres.isEmpty());
    }

    void chainRunsLeftToRight()
    {
        LayoutInput input;
        for (const char *id : {"a", "b", "c"})
            input.nodes.append({QString::fromLatin1(id), QSizeF(200, 100), {}});
        input.edges = {{QStringLiteral("a"), QStringLiteral("b")}, {QStringLiteral("b"), QStringLiteral("c")}};
        const LayoutResult result = GraphvizLayout::layout(input);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.centres.size(), 3);
        // Same row, growing x, at least one box width plus the rank gap apart (72 dpi -> px).
        QCOMPARE(result.centres.value("a").y(), result.centres.value("b").y());
        QVERIFY(result.centres.value("b").x() - result.centres.value("a").x() >= 200 + input.rankSeparation - 1);
        QVERIFY(result.centres.value("c").x() > result.centres.value("b").x());
        QCOMPARE(result.ranks.value("a"), 0);
        QCOMPARE(result.ranks.value("b"), 1);
        QCOMPARE(result.ranks.value("c"), 2);
        // Y is flipped into scene coordinates: everything inside a box starting at 0,0.
        QCOMPARE(result.boundingBox.topLeft(), QPointF(0, 0));
        QVERIFY(qAbs(result.boundingBox.height() - 100) < 1.0);
        // Each edge path: 3n+1 Bézier points from a's right side to b's left side.
        const QList<QPointF> path = result.edgePaths.value({QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(path.size() >= 4);
        QCOMPARE((path.size() - 1) % 3, 0);
        QVERIFY(qAbs(path.first().x() - (result.centres.value("a").x() + 100)) < 1.5);
        QVERIFY(qAbs(path.last().x() - (result.centres.value("b").x() - 100)) < 1.5);
    }

    void topToBottomFlipsY()
    {
        LayoutInput input;
        input.direction = LayoutDirection::TopToBottom;
        input.nodes = {{QStringLiteral("first"), QSizeF(120, 60), {}}, {QStringLiteral("second"), QSizeF(120, 60), {}}};
        input.edges = {{QStringLiteral("first"), QStringLiteral("second")}};
        const LayoutResult result = GraphvizLayout::layout(input);
        QVERIFY2(result.ok, qPrintable(result.error));
        // The first rank is at the top of the scene (y grows downwards), not at the bottom.
        QVERIFY(result.centres.value("first").y() < result.centres.value("second").y());
        QCOMPARE(result.centres.value("first").x(), result.centres.value("second").x());
    }

    void randomDagsNeverOverlapAndPointForward_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("layers");
        QTest::addColumn<bool>("clusters");
        QTest::addColumn<bool>("leftToRight");
        for (quint32 seed = 1; seed <= 4; ++seed) {
            QTest::addRow("lr-%u", seed) << int(10 + seed * 7) << int(3 + seed) << false << true;
            QTest::addRow("tb-%u", seed) << int(10 + seed * 5) << int(2 + seed) << false << false;
            QTest::addRow("clusters-%u", seed) << int(8 + seed * 4) << int(3 + seed) << true << true;
        }
    }

    void randomDagsNeverOverlapAndPointForward()
    {
        QFETCH(int, nodes);
        QFETCH(int, layers);
        QFETCH(bool, clusters);
        QFETCH(bool, leftToRight);
        LayoutInput input = randomDag(nodes, layers, quint32(nodes * 31 + layers));
        input.useClusters = clusters;
        input.direction = leftToRight ? LayoutDirection::LeftToRight : LayoutDirection::TopToBottom;
        QVERIFY(!input.edges.isEmpty());
        const LayoutResult result = GraphvizLayout::layout(input);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.centres.size(), nodes);
        verifyNoOverlap(input, result);
        if (QTest::currentTestFailed())
            return;
        for (const LayoutEdge &edge : std::as_const(input.edges)) {
            QVERIFY2(result.ranks.value(edge.from) < result.ranks.value(edge.to),
                     qPrintable(QStringLiteral("%1 -> %2 does not go to a later rank").arg(edge.from, edge.to)));
            const QRectF from = boxOf(input, result, edge.from);
            const QRectF to = boxOf(input, result, edge.to);
            if (leftToRight)
                QVERIFY2(from.right() < to.left(), qPrintable(edge.from + QStringLiteral(" -> ") + edge.to));
            else
                QVERIFY2(from.bottom() < to.top(), qPrintable(edge.from + QStringLiteral(" -> ") + edge.to));
            QVERIFY(result.edgePaths.contains(edge));
        }
        if (clusters) {
            for (const LayoutNode &node : std::as_const(input.nodes))
                QVERIFY(result.clusterRects.value(node.cluster).contains(boxOf(input, result, node.id)));
        }
    }

    void twoHundredNodes()
    {
        const LayoutInput input = randomDag(200, 14, 2024);
        QElapsedTimer timer;
        timer.start();
        const LayoutResult result = GraphvizLayout::layout(input);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.centres.size(), 200);
        verifyNoOverlap(input, result);
        qInfo("200 nodes, %lld edges laid out in %lld ms", qint64(input.edges.size()), timer.elapsed());
    }

    void cyclesAreAllowed()
    {
        LayoutInput input;
        input.nodes = {{QStringLiteral("a"), QSizeF(100, 50), {}}, {QStringLiteral("b"), QSizeF(100, 50), {}},
                       {QStringLiteral("c"), QSizeF(100, 50), {}}};
        input.edges = {{QStringLiteral("a"), QStringLiteral("b")}, {QStringLiteral("b"), QStringLiteral("c")},
                       {QStringLiteral("c"), QStringLiteral("a")}, {QStringLiteral("c"), QStringLiteral("c")},
                       {QStringLiteral("a"), QStringLiteral("unknown")}};
        const LayoutResult result = GraphvizLayout::layout(input);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.centres.size(), 3);
        verifyNoOverlap(input, result);
        // The back edge is still oriented from its `from` box to its `to` box.
        const QList<QPointF> back = result.edgePaths.value({QStringLiteral("c"), QStringLiteral("a")});
        QVERIFY(back.size() >= 4);
        const QPointF c = result.centres.value("c");
        const QPointF a = result.centres.value("a");
        QVERIFY(QLineF(back.first(), c).length() < QLineF(back.first(), a).length());
        QVERIFY(!result.edgePaths.contains({QStringLiteral("a"), QStringLiteral("unknown")}));
    }

    void localeIsRestored()
    {
        const std::string before = std::setlocale(LC_NUMERIC, nullptr);
        const char *target = std::setlocale(LC_NUMERIC, "C.UTF-8");
        if (!target)
            QSKIP("C.UTF-8 locale not available");
        const std::string expected = target;
        LayoutInput input;
        input.nodes = {{QStringLiteral("a"), QSizeF(123.5, 45.25), {}}, {QStringLiteral("b"), QSizeF(80, 40), {}}};
        input.edges = {{QStringLiteral("a"), QStringLiteral("b")}};
        const LayoutResult result = GraphvizLayout::layout(input);
        const std::string after = std::setlocale(LC_NUMERIC, nullptr);
        std::setlocale(LC_NUMERIC, before.c_str());
        QVERIFY(result.ok);
        QCOMPARE(QString::fromStdString(after), QString::fromStdString(expected));
    }

    void concurrentCallersAreSerialised()
    {
        constexpr int threads = 4;
        std::vector<LayoutResult> results(threads);
        std::vector<std::thread> workers;
        for (int i = 0; i < threads; ++i)
            workers.emplace_back([&results, i] { results[size_t(i)] = GraphvizLayout::layout(randomDag(40, 6, 7)); });
        for (std::thread &worker : workers)
            worker.join();
        for (const LayoutResult &result : results) {
            QVERIFY2(result.ok, qPrintable(result.error));
            // Same input, same answer: no thread saw another's half-built graph.
            QCOMPARE(result.centres, results.front().centres);
        }
    }

    void layoutMatchesTheDotProgram()
    {
        // dotText(LayoutInput) is the very graph layout() builds: `dot -Tplain` places every
        // box where layout() does (Graphviz inches, y up, converted by hand here).
        if (sagascopeDotPath().isEmpty())
            QSKIP("dot is not installed");
        const LayoutInput input = randomDag(30, 6, 99);
        const LayoutResult result = GraphvizLayout::layout(input);
        QVERIFY2(result.ok, qPrintable(result.error));
        QProcess process;
        process.start(sagascopeDotPath(), {QStringLiteral("-Tplain")});
        QVERIFY(process.waitForStarted());
        process.write(GraphvizLayout::dotText(input));
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> lines = process.readAllStandardOutput().split('\n');
        QVERIFY(lines.first().startsWith("graph "));
        const double height = lines.first().split(' ').at(3).toDouble() * 72.0;
        int checked = 0;
        for (const QByteArray &line : lines) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() < 4 || f.at(0) != "node")
                continue;
            const int index = f.at(1).mid(1).toInt(); // "n12" -> input.nodes[12]
            const QPointF plain(f.at(2).toDouble() * 72.0, height - f.at(3).toDouble() * 72.0);
            const QPointF ours = result.centres.value(input.nodes.at(index).id);
            QVERIFY2(QLineF(plain, ours).length() < 1.5,
                     qPrintable(QStringLiteral("%1: dot %2,%3 vs %4,%5").arg(input.nodes.at(index).id)
                                    .arg(plain.x()).arg(plain.y()).arg(ours.x()).arg(ours.y())));
            ++checked;
        }
        QCOMPARE(checked, int(input.nodes.size()));
    }

    void dotQuoting()
    {
        QCOMPARE(GraphvizLayout::dotQuote(QStringLiteral("a\"b\\c\nd")), QByteArray("\"a\\\"b\\\\c\\nd\""));
    }

    void dotTextParsesWithDot()
    {
        if (sagascopeDotPath().isEmpty())
            QSKIP("dot is not installed");
        const SagaDefinition saga = sampleSaga();
        for (const LayoutDirection direction : {LayoutDirection::LeftToRight, LayoutDirection::TopToBottom}) {
            DotOptions options;
            options.direction = direction;
            const QByteArray dot = GraphvizLayout::dotText(saga, options);
            QVERIFY(dot.contains("digraph"));
            QVERIFY(dot.contains("\"create_order\" -> \"take_payment\""));
            QVERIFY(dot.contains(direction == LayoutDirection::LeftToRight ? "rankdir=LR" : "rankdir=TB"));
            QVERIFY(dot.contains("subgraph cluster_"));
            QProcess process;
            process.start(sagascopeDotPath(), {QStringLiteral("-Tsvg")});
            QVERIFY(process.waitForStarted());
            process.write(dot);
            process.closeWriteChannel();
            QVERIFY(process.waitForFinished(30000));
            const QByteArray svg = process.readAllStandardOutput();
            QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                     process.readAllStandardError().constData());
            QVERIFY(svg.contains("<svg"));
            // Every step became a node with its label (XML-escaped by dot).
            QVERIFY(svg.contains("Take payment \xe2\x82\xac"));
            QVERIFY(svg.contains("Create &quot;order&quot; &lt;PENDING&gt; &amp; more"));
            QVERIFY(svg.contains(">lonely<"));
        }
    }
};

QTEST_GUILESS_MAIN(TestGraphvizLayout)
#include "tst_graphvizlayout.moc"

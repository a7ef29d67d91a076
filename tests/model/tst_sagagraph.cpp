// SPDX-License-Identifier: MIT
// The dependency graph shared by the validator, the engine and the canvas.

#include "sagagraph.h"

#include <QTest>

using namespace Sagascope;

namespace {

/** A saga from "id:after1,after2" specs. */
SagaDefinition saga(const QStringList &specs)
{
    SagaDefinition d;
    for (const QString &spec : specs) {
        Step s;
        const QStringList parts = spec.split(QLatin1Char(':'));
        s.id = parts.at(0);
        if (parts.size() > 1 && !parts.at(1).isEmpty())
            s.after = parts.at(1).split(QLatin1Char(','));
        d.steps.append(s);
    }
    return d;
}

QStringList ids(const SagaGraph &g, const QList<int> &indices)
{
    QStringList list;
    for (const int i : indices)
        list.append(g.id(i));
    return list;
}

} // namespace

class TestSagaGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diamond()
    {
        // A diamond: a before b and c (in parallel), both before d.
        const SagaGraph g(saga({"d:b,c", "b:a", "c:a", "a"}));
        QVERIFY(g.isAcyclic());
        QCOMPARE(ids(g, g.topologicalOrder()), (QStringList{"a", "b", "c", "d"}));
        QCOMPARE(ids(g, g.reverseOrder()), (QStringList{"d", "c", "b", "a"}));
        const int a = g.indexOf("a"), b = g.indexOf("b"), c = g.indexOf("c"), d = g.indexOf("d");
        QCOMPARE(ids(g, g.ancestors(d).toList()), (QStringList{"b", "c", "a"})); // index order: d=0,b=1,c=2,a=3
        QCOMPARE(g.descendants(a).count(), 3);
        QVERIFY(g.areConcurrent(b, c));
        QVERIFY(!g.areConcurrent(a, d));
        QVERIFY(g.canRunBefore(b, c));
        QVERIFY(g.canRunBefore(a, d));
        QVERIFY(!g.canRunBefore(d, a));
        QVERIFY(!g.canRunBefore(a, a));
        QCOMPARE(ids(g, g.sources()), QStringList{"a"});
        QCOMPARE(ids(g, g.sinks()), QStringList{"d"});
        QCOMPARE(ids(g, g.successors(a)), (QStringList{"b", "c"}));
    }

    void cycles()
    {
        const SagaGraph g(saga({"a:c", "b:a", "c:b", "d", "e:e", "f:d"}));
        QVERIFY(!g.isAcyclic());
        QCOMPARE(g.cycles().size(), 2);
        QCOMPARE(ids(g, g.cycles().at(0)), (QStringList{"a", "b", "c"}));
        QCOMPARE(ids(g, g.cycles().at(1)), QStringList{"e"});
        QCOMPARE(ids(g, g.topologicalOrder()), (QStringList{"d", "f"}));
    }

    void unknownAndDuplicates()
    {
        const SagaGraph g(saga({"a", "b:a,zzz,a", "a:b"}));
        QCOMPARE(g.size(), 3);
        QCOMPARE(g.indexOf("a"), 0); // the first of two steps named a
        QCOMPARE(g.predecessors(1), QList<int>{0}); // unknown left out, duplicate once
        QCOMPARE(g.indexOf("zzz"), -1);
    }

    void stepSet()
    {
        StepSet s(130), t(130);
        s.insert(0);
        s.insert(64);
        s.insert(129);
        t.insert(64);
        QCOMPARE(s.count(), 3);
        QVERIFY(s.intersects(t));
        QCOMPARE(s.minus(t).toList(), (QList<int>{0, 129}));
        QVERIFY(StepSet(10).isEmpty());
        t.unite(s);
        QCOMPARE(t.toList(), (QList<int>{0, 64, 129}));
    }

    void longChainIsQuick()
    {
        QStringList specs{"s0"};
        for (int i = 1; i < 5000; ++i)
            specs.append(QStringLiteral("s%1:s%2").arg(i).arg(i - 1));
        const SagaGraph g(saga(specs));
        QCOMPARE(g.topologicalOrder().size(), 5000);
        QCOMPARE(g.ancestors(4999).count(), 4999);
        QVERIFY(g.canRunBefore(0, 4999));
        QVERIFY(!g.canRunBefore(4999, 0));
    }
};

QTEST_GUILESS_MAIN(TestSagaGraph)
#include "tst_sagagraph.moc"

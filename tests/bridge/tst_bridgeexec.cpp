// SPDX-License-Identifier: MIT
// The exports executed, not just parsed: every saga, every step failing in turn for a business
// and a technical reason (and a compensatable step's last attempt timing out), run on the
// target's interpreter and compared with our engine's trace of the same failure (SPEC 3):
//   asl   on aws-local-stepfunctions (Node), each Task's resource a local handler;
//   bpmn  on bpmn-engine (Node), with the job worker BRIDGE.md describes;
//   seata on SeataInterpreter (tests/bridge/seatainterpreter.h), Seata's rules in C++.
// docs/TESTING.md says how to run it; ./dev.sh installs Node and the pinned modules.

#include "bridge.h"
#include "bridgeexec.h"
#include "bridgetest.h"
#include "seatainterpreter.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;
using namespace Sagascope::BridgeExec;

namespace {

const QString HarnessDir = QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/bridge/js");

SagaDefinition parsed(const QByteArray &json)
{
    const LoadResult loaded = SagaFile::parse(json, QStringLiteral("generated"));
    if (!loaded.ok())
        qFatal("bad generated saga: %s", qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

QByteArray step(const char *id, const char *kind, const char *after, bool compensation = true)
{
    QByteArray s = QByteArray(R"({"id":")") + id + R"(","kind":")" + kind + R"(","after":)" + after
                   + R"(,"action":{"name":")" + id + R"(Do"})";
    if (compensation)
        s += QByteArray(R"(,"compensation":{"name":")") + id + R"(Undo"})";
    return s + "}";
}

QByteArray saga(const char *name, const QList<QByteArray> &steps)
{
    return QByteArray(R"({"format":"sagascope/1","name":")") + name + R"(","steps":[)" + steps.join(',') + "]}";
}

/** Generated shapes beside the examples: a chain, a diamond, parallel branches of two steps. */
QList<std::pair<QString, SagaDefinition>> generatedSagas()
{
    return {
        {QStringLiteral("chain"),
         parsed(saga("Chain", {step("a", "compensatable", "[]"), step("b", "compensatable", R"(["a"])"),
                              step("c", "compensatable", R"(["b"])"), step("p", "pivot", R"(["c"])", false),
                              step("r", "retriable", R"(["p"])", false)}))},
        {QStringLiteral("diamond"),
         parsed(saga("Diamond", {step("a", "compensatable", "[]"), step("b", "compensatable", R"(["a"])"),
                                step("c", "compensatable", R"(["a"])"), step("d", "compensatable", R"(["b","c"])"),
                                step("p", "pivot", R"(["d"])", false)}))},
        {QStringLiteral("branches"),
         parsed(saga("Branches", {step("a1", "compensatable", "[]"), step("a2", "compensatable", R"(["a1"])"),
                                 step("b1", "compensatable", "[]"), step("b2", "compensatable", R"(["b1"])"),
                                 step("c1", "compensatable", "[]"),
                                 step("p", "pivot", R"(["a2","b2","c1"])", false),
                                 step("r1", "retriable", R"(["p"])", false), step("r2", "retriable", R"(["p"])", false)}))},
    };
}

QList<std::pair<QString, SagaDefinition>> allSagas()
{
    QList<std::pair<QString, SagaDefinition>> list;
    for (const char *name : {"order-checkout", "points-too-early", "travel-booking", "hot-item"})
        list.append({QLatin1String(name), BridgeTest::load(BridgeTest::examplePath(QLatin1String(name)))});
    list.append({QStringLiteral("n-shaped"), BridgeTest::load(BridgeTest::dataPath(QStringLiteral("n-shaped.saga")))});
    list += generatedSagas();
    return list;
}

/** The steps an ASL export warned may start after a sibling branch failed. */
QSet<QString> lateStarts(const QStringList &warnings)
{
    QSet<QString> ids;
    static const QRegularExpression re(QStringLiteral("steps? (.*) may still start"));
    for (const QString &w : warnings) {
        const QRegularExpressionMatch m = re.match(w);
        if (m.hasMatch()) {
            for (const QString &id : m.captured(1).split(QStringLiteral(", ")))
                ids.insert(id.trimmed());
        }
    }
    return ids;
}

/** The steps an export warned it runs in another order than the `after` DAG allows ours to. */
QSet<QString> reordered(const SagaDefinition &d, const QStringList &warnings)
{
    QSet<QString> ids;
    const SagaGraph graph(d);
    for (const QString &w : warnings) {
        if (w.startsWith(QLatin1String("seata:")) && w.contains(QLatin1String("no parallel state"))) {
            for (int a = 0; a < graph.size(); ++a)
                for (int b = 0; b < graph.size(); ++b)
                    if (graph.areConcurrent(a, b))
                        ids.insert(graph.id(a));
        }
        static const QRegularExpression linearised(QStringLiteral("^asl: steps (.*) do not form series-parallel"));
        const QRegularExpressionMatch m = linearised.match(w);
        if (m.hasMatch()) {
            for (const QString &id : m.captured(1).split(QStringLiteral(", ")))
                ids.insert(id.trimmed());
        }
    }
    return ids;
}

} // namespace

class TestBridgeExec : public QObject
{
    Q_OBJECT

private:
    QString m_node;
    QHash<QString, EngineRun> m_ours; // saga/scenario -> our engine's run

    /** Exports, runs every scenario on the target and in our engine, compares. */
    void check(const QString &name, const SagaDefinition &original, BridgeFormat format)
    {
        const SagaDefinition d = aligned(original);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString sagaPath = dir.filePath(QStringLiteral("saga.saga"));
        QString error;
        QVERIFY2(SagaFile::save(d, sagaPath, &error), qPrintable(error));
        QStringList warnings;
        const std::optional<QByteArray> exported = Bridge::exportAs(d, format, &warnings, &error);
        QVERIFY2(exported, qPrintable(error));
        const QList<Scenario> scenarios = scenariosFor(d);

        QHash<QString, TargetRun> runs;
        if (format == BridgeFormat::Seata) {
            for (const Scenario &s : scenarios) {
                TargetRun run = SeataInterpreter::run(*exported, d, s);
                run.name = s.name;
                runs.insert(s.name, run);
            }
        } else {
            const QString exportPath = dir.filePath(QStringLiteral("export"));
            const QString plan = dir.filePath(QStringLiteral("scenarios.json"));
            QFile f(exportPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(*exported);
            f.close();
            QFile p(plan);
            QVERIFY(p.open(QIODevice::WriteOnly));
            p.write(QJsonDocument(scenariosJson(d, scenarios)).toJson());
            p.close();
            QProcess node;
            node.setWorkingDirectory(HarnessDir);
            node.start(m_node, {QStringLiteral("run-export.mjs"), Bridge::formatName(format), exportPath, plan});
            QVERIFY2(node.waitForFinished(120000), "the Node harness did not finish in 2 minutes");
            const QByteArray err = node.readAllStandardError();
            QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0, err.constData());
            for (const QByteArray &line : node.readAllStandardOutput().split('\n')) {
                if (line.trimmed().isEmpty())
                    continue;
                const TargetRun run = targetRunFromJson(QJsonDocument::fromJson(line).object());
                runs.insert(run.name, run);
            }
        }
        const QSet<QString> late = format == BridgeFormat::Asl ? lateStarts(warnings) : QSet<QString>();
        const QSet<QString> moved = reordered(d, warnings);
        QStringList faults;
        for (const Scenario &s : scenarios) {
            if (!runs.contains(s.name)) {
                faults.append(QStringLiteral("[%1] not run on the target").arg(s.name));
                continue;
            }
            const TargetRun &run = runs.value(s.name);
            if (run.outcome == QLatin1String("error")) {
                faults.append(QStringLiteral("[%1] the interpreter failed: %2").arg(s.name, run.detail));
                continue;
            }
            // Our engine's run depends only on the saga and the scenario: one run serves all targets.
            const QString key = name + QLatin1Char('/') + s.name;
            if (!m_ours.contains(key))
                m_ours.insert(key, runOurEngine(sagaPath, s));
            faults += compare(d, s, run, m_ours.value(key), late, moved);
        }
        for (const QString &f : std::as_const(faults))
            qWarning("%s on %s: %s", qPrintable(name), qPrintable(Bridge::formatName(format)), qPrintable(f));
        QVERIFY2(faults.isEmpty(), qPrintable(QStringLiteral("%1 on %2: %3 faults (above)")
                                              .arg(name, Bridge::formatName(format)).arg(faults.size())));
    }

    void rows()
    {
        QTest::addColumn<QString>("name");
        for (const auto &[name, definition] : allSagas())
            QTest::newRow(qPrintable(name)) << name;
    }

    SagaDefinition byName(const QString &name)
    {
        for (const auto &[n, definition] : allSagas()) {
            if (n == name)
                return definition;
        }
        qFatal("no saga %s", qPrintable(name));
    }

    /** The Node modules that ./dev.sh installs; node itself is checked (and the test skipped
     *  without it) in each test function, since QSKIP returns from the function it is in. */
    void requireModules()
    {
        QVERIFY2(QFile::exists(HarnessDir + QStringLiteral("/node_modules/aws-local-stepfunctions/package.json"))
                     && QFile::exists(HarnessDir + QStringLiteral("/node_modules/bpmn-engine/package.json")),
                 "the Node modules of tests/bridge/js are missing: run ./dev.sh test, or npm ci in tests/bridge/js");
    }

    /** A row of the ASL or BPMN test: the export run on its Node interpreter. */
    void onNode(BridgeFormat format)
    {
        if (m_node.isEmpty())
            QSKIP("node is not installed (Debian: apt install nodejs npm, or ./dev.sh test): the ASL and BPMN "
                  "exports cannot be executed");
        requireModules();
        if (QTest::currentTestFailed())
            return;
        QFETCH(QString, name);
        check(name, byName(name), format);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty())
            m_node = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
        QVERIFY(QFile::exists(QStringLiteral(SAGASCOPE_CLI_PATH)));
    }

    void asl_data() { rows(); }
    void asl() { onNode(BridgeFormat::Asl); }

    void bpmn_data() { rows(); }
    void bpmn() { onNode(BridgeFormat::Bpmn); }

    void seata_data() { rows(); }
    void seata()
    {
        QFETCH(QString, name);
        check(name, byName(name), BridgeFormat::Seata);
    }
};

QTEST_GUILESS_MAIN(TestBridgeExec)
#include "tst_bridgeexec.moc"

// SPDX-License-Identifier: MIT
// Shared by the bridge tests: the sagas every format is tried on, and comparisons.
#pragma once

#include "bridge.h"
#include "sagafile.h"
#include "sagagraph.h"
#include "testconfig.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

namespace Sagascope::BridgeTest {

inline QString dataPath(const QString &name)
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/bridge/data/") + name;
}

inline QString examplePath(const QString &name)
{
    return QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/") + name + QStringLiteral(".saga");
}

/** The sagas every format is tried on: the examples and a non-series-parallel one with
 *  positions, sims, an endpoint and an unknown field. */
inline void addSagaRows()
{
    QTest::addColumn<QString>("path");
    for (const char *name : {"order-checkout", "points-too-early", "travel-booking"})
        QTest::newRow(name) << examplePath(QLatin1String(name));
    QTest::newRow("n-shaped") << dataPath(QStringLiteral("n-shaped.saga"));
}

inline SagaDefinition load(const QString &path)
{
    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok())
        qFatal("cannot load %s: %s", qPrintable(path), qPrintable(loaded.error.toString()));
    return *loaded.definition;
}

inline QByteArray exportOrFail(const SagaDefinition &definition, BridgeFormat format, QStringList *warnings = nullptr)
{
    QString error;
    const std::optional<QByteArray> bytes = Bridge::exportAs(definition, format, warnings, &error);
    if (!bytes)
        qWarning("export failed: %s", qPrintable(error));
    return bytes.value_or(QByteArray());
}

/** The least a saga may say: no services, labels or names; an empty saga is tried too. */
inline QList<std::pair<QString, SagaDefinition>> minimalSagas()
{
    SagaDefinition bare;
    Step first;
    first.id = QStringLiteral("first");
    first.compensation = Operation();
    Step last;
    last.id = QStringLiteral("last");
    last.kind = StepKind::Retriable;
    last.after = {QStringLiteral("first")};
    bare.steps = {first, last};
    SagaDefinition empty;
    empty.name = QStringLiteral("Nothing yet");
    // Through the file format, so that the comparison is with what a .saga file holds.
    const auto reload = [](const SagaDefinition &d) { return *SagaFile::parse(SagaFile::serialize(d), QStringLiteral("x")).definition; };
    return {{QStringLiteral("bare"), reload(bare)}, {QStringLiteral("empty"), reload(empty)}};
}

/** Export, import back: the same definition, and no warning but the ones `allowed` names. */
inline void checkLossless(const SagaDefinition &original, BridgeFormat format, const QString &allowed = QString())
{
    QStringList warnings;
    QString error;
    const QByteArray bytes = exportOrFail(original, format);
    QVERIFY(!bytes.isEmpty());
    const std::optional<SagaDefinition> imported = Bridge::importFrom(bytes, format, QStringLiteral("f"), &warnings, &error);
    QVERIFY2(imported, qPrintable(error));
    if (!allowed.isEmpty())
        warnings = warnings.filter(QRegularExpression(QStringLiteral("^((?!%1).)*$").arg(allowed)));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(SagaFile::serialize(*imported), SagaFile::serialize(original));
    QVERIFY(*imported == original);
}

/** Every cut of an exported file imports or fails with an error; none crashes or hangs. */
/** Every format here (JSON, XML) ends by closing its outermost element: a file cut anywhere before
 *  that is not a file of the format and must be refused, with a message naming the file (its name
 *  is "cut") and the fault; only a cut of trailing whitespace leaves the file whole. Nothing is
 *  half-imported. */
inline void checkTruncations(const SagaDefinition &original, BridgeFormat format)
{
    const QByteArray bytes = exportOrFail(original, format);
    QVERIFY(!bytes.isEmpty());
    QStringList warnings;
    QString error;
    const std::optional<SagaDefinition> whole = Bridge::importFrom(bytes, format, QStringLiteral("whole"), &warnings, &error);
    QVERIFY2(whole, qPrintable(error));
    const QByteArray content = bytes.trimmed();
    const qsizetype stride = std::max<qsizetype>(1, bytes.size() / 300);
    QList<qsizetype> cuts;
    for (qsizetype n = 0; n < bytes.size(); n += stride)
        cuts.append(n);
    for (qsizetype n = std::max<qsizetype>(0, content.size() - 3); n < bytes.size(); ++n)
        cuts.append(n); // the last bytes one by one: the closing brace or tag itself, and what follows
    int refused = 0;
    for (const qsizetype n : cuts) {
        warnings.clear();
        error.clear();
        const std::optional<SagaDefinition> imported =
            Bridge::importFrom(bytes.left(n), format, QStringLiteral("cut"), &warnings, &error);
        const QString where = QStringLiteral("cut at %1 of %2 bytes: ").arg(n).arg(bytes.size());
        if (n >= bytes.indexOf(content) + content.size()) {
            // Only whitespace after the content is gone: the same saga.
            QVERIFY2(imported, qPrintable(where + error));
            QVERIFY2(*imported == *whole, qPrintable(where + QStringLiteral("imported another saga")));
        } else {
            QVERIFY2(!imported, qPrintable(where + QStringLiteral("imported, with %1 steps").arg(imported->steps.size())));
            QVERIFY2(error.startsWith(QLatin1String("cut")) && error.size() > 5, qPrintable(where + error));
            ++refused;
        }
    }
    QVERIFY(refused >= 250);
}

/** A record damaged by hand (the pivot's kind unreadable): the file's own fields are used. */
inline void checkDamagedRecord(BridgeFormat format, const QByteArray &pivotKind)
{
    const SagaDefinition original = load(examplePath(QStringLiteral("order-checkout")));
    QByteArray bytes = exportOrFail(original, format);
    QVERIFY2(bytes.contains(pivotKind), pivotKind.constData());
    bytes.replace(pivotKind, QByteArray(pivotKind).replace("pivot", "keystone"));
    QStringList warnings;
    QString error;
    const std::optional<SagaDefinition> imported = Bridge::importFrom(bytes, format, QStringLiteral("f"), &warnings, &error);
    QVERIFY2(imported, qPrintable(error));
    const QStringList damaged = warnings.filter(QStringLiteral("record in the file is not valid"));
    QCOMPARE(damaged.size(), 1);
    QVERIFY2(damaged.first().contains(QLatin1String("keystone")), qPrintable(damaged.first()));
    QCOMPARE(imported->step(QStringLiteral("take_payment"))->kind, StepKind::Pivot);
    QCOMPARE(imported->steps.size(), original.steps.size());
}

/** How `after` is compared when only the file's visible structure is imported. */
enum class AfterCheck {
    Exact,   // the same edges
    Implied, // every original edge is implied (the format linearised the saga)
};

inline QStringList sortedIds(const SagaDefinition &definition)
{
    QStringList ids;
    for (const Step &s : definition.steps)
        ids.append(s.id);
    ids.sort();
    return ids;
}

inline int roundUp(int value, int granularity)
{
    return granularity <= 1 ? value : ((value + granularity - 1) / granularity) * granularity;
}

/**
 * Compares what a format holds without Sagascope's annotations: ids, kinds, services, action
 * and compensation names, the action's maxAttempts, timeouts (to the format's granularity; 0:
 * the format has none) and `after` (see AfterCheck). Labels, sims, positions, backoff details,
 * idempotent, sideEffects and unknown fields are not compared: only annotations carry them.
 */
inline void compareVisible(const SagaDefinition &imported, const SagaDefinition &original, AfterCheck afterCheck,
                           int timeoutGranularityMs)
{
    QCOMPARE(sortedIds(imported), sortedIds(original));
    const SagaGraph importedGraph(imported);
    for (const Step &o : original.steps) {
        const Step *i = imported.step(o.id);
        QVERIFY2(i, qPrintable(o.id));
        QCOMPARE(stepKindName(i->kind), stepKindName(o.kind));
        QCOMPARE(i->service, o.service);
        QCOMPARE(i->action.name, o.action.name);
        QCOMPARE(i->compensation.has_value(), o.compensation.has_value());
        if (o.compensation)
            QCOMPARE(i->compensation->name, o.compensation->name);
        QCOMPARE(i->effectiveActionRetry().maxAttempts, o.effectiveActionRetry().maxAttempts);
        if (timeoutGranularityMs > 0) {
            QCOMPARE(i->timeoutMs.has_value(), o.timeoutMs.has_value());
            if (o.timeoutMs)
                QCOMPARE(*i->timeoutMs, roundUp(*o.timeoutMs, timeoutGranularityMs));
        }
        if (afterCheck == AfterCheck::Exact) {
            QStringList a = i->after, b = o.after;
            a.sort();
            b.sort();
            QCOMPARE(a, b);
        } else {
            const int index = importedGraph.indexOf(o.id);
            for (const QString &before : o.after)
                QVERIFY2(importedGraph.ancestors(index).contains(importedGraph.indexOf(before)),
                         qPrintable(QStringLiteral("%1 should still come after %2").arg(o.id, before)));
        }
    }
}

} // namespace Sagascope::BridgeTest

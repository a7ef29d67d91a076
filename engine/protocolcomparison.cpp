// SPDX-License-Identifier: MIT
#include "protocolcomparison.h"

#include <QSet>

#include <cmath>

namespace Sagascope {

namespace {

ComparisonFigure figure(const QString &key, const QString &label, double saga, double twoPc)
{
    return ComparisonFigure{key, label, saga, twoPc};
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    return bytes;
}

QByteArray csvNumber(double value)
{
    // Integers without a decimal point, the rest to three decimals (as --json-summary rounds).
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(std::round(value * 1000.0) / 1000.0, 'f', 3);
}

} // namespace

ProtocolComparison::ProtocolComparison(const QString &sagaName, const ComparisonLoad &load, const RunSummary &saga,
                                       const RunSummary &twoPc)
    : m_sagaName(sagaName)
    , m_load(load)
    , m_saga(saga)
    , m_twoPc(twoPc)
    , m_empty(false)
{
}

QList<ComparisonChart> ProtocolComparison::charts() const
{
    if (m_empty)
        return {};
    const RunSummary &s = m_saga;
    const RunSummary &t = m_twoPc;
    QList<ComparisonChart> charts;

    charts.append({tr("Outcome"), tr("instances"), true,
                   {figure(QStringLiteral("completed"), tr("completed"), s.completed, t.completed),
                    figure(QStringLiteral("rolledBack"), tr("rolled back"), s.compensated, t.compensated)}});
    charts.append({tr("Throughput"), tr("instances/s"), true,
                   {figure(QStringLiteral("throughputPerSec"), tr("throughput"),
                           std::round(s.throughputPerSec() * 1000.0) / 1000.0,
                           std::round(t.throughputPerSec() * 1000.0) / 1000.0)}});
    charts.append({tr("Latency"), tr("ms"), false,
                   {figure(QStringLiteral("latencyMs.p50"), tr("p50"), s.latencyMs.p50, t.latencyMs.p50),
                    figure(QStringLiteral("latencyMs.p99"), tr("p99"), s.latencyMs.p99, t.latencyMs.p99)}});

    // Lock-hold time per shared resource: the union of both runs' resources, in name order.
    QStringList resources = s.lockHoldMs.keys() + t.lockHoldMs.keys();
    for (auto it = s.resources.cbegin(); it != s.resources.cend(); ++it)
        resources << it.key();
    resources = QSet<QString>(resources.cbegin(), resources.cend()).values();
    resources.sort();
    ComparisonChart locks{tr("Lock-hold time"), tr("ms"), false, {}};
    for (const QString &resource : std::as_const(resources)) {
        const RunSummary::Percentiles a = s.lockHoldMs.value(resource), b = t.lockHoldMs.value(resource);
        const QString prefix = resources.size() > 1 ? resource + QLatin1Char(' ') : QString();
        locks.figures.append(figure(QStringLiteral("lockHoldMs.%1.p50").arg(resource), prefix + tr("p50"), a.p50, b.p50));
        locks.figures.append(figure(QStringLiteral("lockHoldMs.%1.p99").arg(resource), prefix + tr("p99"), a.p99, b.p99));
    }
    charts.append(locks);

    charts.append({tr("Blocked instances"), tr("participants"), false,
                   {figure(QStringLiteral("inDoubt"), tr("in doubt"), s.inDoubt, t.inDoubt)}});
    charts.append({tr("Anomalies"), tr("count"), false,
                   {figure(QStringLiteral("dirtyReads"), tr("dirty reads"), s.anomalies.dirtyReads,
                           t.anomalies.dirtyReads),
                    figure(QStringLiteral("dirtyReadFailures"), tr("failed for nothing"),
                           s.anomalies.dirtyReadFailures, t.anomalies.dirtyReadFailures),
                    figure(QStringLiteral("lostUpdates"), tr("lost updates"), s.anomalies.lostUpdates,
                           t.anomalies.lostUpdates)}});
    return charts;
}

QList<ComparisonFigure> ProtocolComparison::figures() const
{
    QList<ComparisonFigure> all;
    for (const ComparisonChart &chart : charts())
        all += chart.figures;
    QStringList names = m_saga.resources.keys() + m_twoPc.resources.keys();
    names = QSet<QString>(names.cbegin(), names.cend()).values();
    names.sort();
    for (const QString &name : std::as_const(names))
        all.append(figure(QStringLiteral("resources.%1").arg(name), name, double(m_saga.resources.value(name)),
                          double(m_twoPc.resources.value(name))));
    return all;
}

QString ProtocolComparison::caption() const
{
    const QString concurrency = m_load.concurrency > 0 ? tr("%1 at once").arg(m_load.concurrency) : tr("all at once");
    return tr("%1: %n instance(s), %2, seed %3", nullptr, m_load.instances)
        .arg(m_sagaName, concurrency, QString::number(m_load.seed));
}

QByteArray ProtocolComparison::toCsv() const
{
    QByteArray csv = "figure,saga,2pc\r\n";
    auto row = [&csv](const QString &key, const QByteArray &saga, const QByteArray &twoPc) {
        csv += csvField(key) + ',' + saga + ',' + twoPc + "\r\n";
    };
    row(QStringLiteral("instances"), QByteArray::number(m_load.instances), QByteArray::number(m_load.instances));
    row(QStringLiteral("concurrency"), QByteArray::number(m_load.concurrency), QByteArray::number(m_load.concurrency));
    row(QStringLiteral("seed"), QByteArray::number(m_load.seed), QByteArray::number(m_load.seed));
    for (const ComparisonFigure &f : figures())
        row(f.key, csvNumber(f.saga), csvNumber(f.twoPc));
    return csv;
}

} // namespace Sagascope

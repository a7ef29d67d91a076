// SPDX-License-Identifier: MIT
#pragma once

#include "engine.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Sagascope {

/** The load of a comparison, the same for both protocols: N instances, some at once, one seed. */
struct ComparisonLoad
{
    int instances = 50;
    int concurrency = 10; // instances in flight at once; 0: all of them
    quint64 seed = 1;

    friend bool operator==(const ComparisonLoad &, const ComparisonLoad &) = default;
};

/** One figure of SPEC section 7 for both protocols: one row of the CSV, one pair of bars. */
struct ComparisonFigure
{
    QString key;   // the CSV's name, after --json-summary's keys: "latencyMs.p99", "lockHoldMs.stock:sku-1.p50"
    QString label; // for a chart (translated): "p99", "stock:sku-1 p50", "dirty reads"
    double saga = 0;
    double twoPc = 0;

    friend bool operator==(const ComparisonFigure &, const ComparisonFigure &) = default;
};

/** One chart of the comparison: a title, a unit and its figures (bars side by side). */
struct ComparisonChart
{
    QString title;
    QString unit;
    /** Whether more is better (throughput) or less (latency, lock hold, blocked, anomalies). */
    bool higherIsBetter = false;
    QList<ComparisonFigure> figures;
};

/**
 * The comparison of one saga run under both protocols with the same seed and load (SPEC
 * section 7): the two runs' summaries, the figures taken from them, grouped into the charts the
 * Compare window draws (outcome, throughput, latency, lock-hold time, blocked instances,
 * anomalies), and the CSV export. A plain value without a window: the chart widget draws it,
 * the tests check it (tst_protocolcomparison).
 */
class ProtocolComparison
{
    Q_DECLARE_TR_FUNCTIONS(Sagascope::ProtocolComparison)
public:
    ProtocolComparison() = default;
    ProtocolComparison(const QString &sagaName, const ComparisonLoad &load, const RunSummary &saga,
                       const RunSummary &twoPc);

    bool isEmpty() const { return m_empty; }
    QString sagaName() const { return m_sagaName; }
    const ComparisonLoad &load() const { return m_load; }
    const RunSummary &saga() const { return m_saga; }
    const RunSummary &twoPc() const { return m_twoPc; }

    /** The charts, in the order they are drawn. */
    QList<ComparisonChart> charts() const;
    /** Every figure of the charts, then each counter's final value ("resources.NAME"). */
    QList<ComparisonFigure> figures() const;
    /** "Hot item: 50 instances, 10 at once, seed 1". */
    QString caption() const;
    /** RFC 4180 CSV, one figure a row: `figure,saga,2pc`, the load first (instances,
     *  concurrency, seed), numbers in the C locale, CRLF line ends. */
    QByteArray toCsv() const;

private:
    QString m_sagaName;
    ComparisonLoad m_load;
    RunSummary m_saga;
    RunSummary m_twoPc;
    bool m_empty = true;
};

} // namespace Sagascope

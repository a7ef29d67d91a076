// SPDX-License-Identifier: MIT
// The test slots every bridge format shares: TestAsl, TestBpmn and TestSeata derive from this
// class (Qt Test runs inherited private slots too) and add the format's own cases.
#pragma once

#include "bridgetest.h"

#include <QObject>

namespace Sagascope::BridgeTest {

class BridgeFormatTest : public QObject
{
    Q_OBJECT
public:
    /** `pivotKind`: how the export writes a pivot's kind in its embedded record (what
     *  damagedRecordFallsBackToTheFile breaks). */
    BridgeFormatTest(BridgeFormat format, QByteArray pivotKind)
        : m_format(format)
        , m_pivotKind(std::move(pivotKind))
    {
    }

protected:
    BridgeFormat format() const { return m_format; }

private Q_SLOTS:
    void roundTripIsLossless_data() { addSagaRows(); }
    void roundTripIsLossless()
    {
        // Compared: the whole definition (operator==), `after`, positions and unknown fields included.
        QFETCH(QString, path);
        checkLossless(load(path), m_format);
    }

    void damagedRecordFallsBackToTheFile() { checkDamagedRecord(m_format, m_pivotKind); }

    void minimalSagasRoundTrip()
    {
        for (const auto &[name, saga] : minimalSagas()) {
            checkLossless(saga, m_format, QStringLiteral("has no steps"));
            if (QTest::currentTestFailed()) {
                qWarning("in saga %s", qPrintable(name));
                return;
            }
        }
    }

private:
    BridgeFormat m_format;
    QByteArray m_pivotKind;
};

} // namespace Sagascope::BridgeTest

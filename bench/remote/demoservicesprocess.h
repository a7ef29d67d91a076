// SPDX-License-Identifier: MIT
// sagascope-demo-services as a child process, for the benchmarks of remote runs (bench_remote,
// bench_monitor --remote): a state file of its own in a directory, a free port, durable or not.
#pragma once

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <cstdlib>

namespace Sagascope::Bench {

/** The input every benchmark instance of examples/order-checkout-remote.saga runs with. */
inline QJsonObject remoteInput()
{
    return QJsonObject{{"customer", "alice"}, {"sku", "sku-1"}, {"qty", 1}, {"amount", 10}, {"points", 3}};
}

/** SAGASCOPE_DEMO_SERVICES_PATH with a fresh state file DIR/NAME.sqlite (fresh stock: 1,000 of
 *  sku-1), on a free port of 127.0.0.1; ended with the object. `fsync` false: --no-fsync. */
class DemoServicesProcess
{
public:
    DemoServicesProcess(const QString &dir, const QString &name, bool fsync)
    {
        const QString db = QDir(dir).filePath(name + QStringLiteral(".sqlite"));
        QFile::remove(db);
        QStringList arguments{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), db};
        if (!fsync)
            arguments << QStringLiteral("--no-fsync");
        m_process.start(QStringLiteral(SAGASCOPE_DEMO_SERVICES_PATH), arguments);
        if (!m_process.waitForReadyRead(10000)) {
            std::fprintf(stderr, "sagascope-demo-services did not start\n");
            std::exit(1);
        }
        const QByteArray line = m_process.readLine().trimmed(); // "listening on http://127.0.0.1:PORT"
        m_base = QString::fromUtf8(line.mid(line.indexOf("http")));
    }
    ~DemoServicesProcess()
    {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }
    QString base() const { return m_base; }

private:
    QProcess m_process;
    QString m_base;
};

} // namespace Sagascope::Bench

// SPDX-License-Identifier: MIT
// Real servers on 127.0.0.1 for the tests of remote runs: sagascope-demo-services in-process over
// HTTPS with a certificate of data/tls (the test CA's: server.pem, expired.pem, wronghost.pem), a
// port nobody listens on, and examples/order-checkout-remote.saga pointed at them.
#pragma once

#include "demoservices.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QJsonObject>
#include <QString>
#include <QTcpServer>

namespace Sagascope::Test {

/** data/tls: the test CA (ca.pem), the certificates and their key. A caFile "ca.pem" is relative to it. */
inline QString tlsData()
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/engine/data/tls/");
}

/** Opens `services` on the SQLite file `database`, serves HTTPS with `certificate` of data/tls
 *  on a free port; its base URL. Fails the test process when it cannot. */
inline QString serveTls(Demo::DemoServices &services, const QString &database, const QString &certificate)
{
    QString error;
    if (!services.open(database, &error)
        || !services.setTls(tlsData() + certificate, tlsData() + QStringLiteral("server.key"), &error))
        qFatal("%s", qPrintable(error));
    const quint16 port = services.start(0, &error);
    if (!port)
        qFatal("%s", qPrintable(error));
    return QStringLiteral("https://127.0.0.1:%1").arg(port);
}

/** A port that was free a moment ago: connections to it are refused. */
inline quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
    return probe.serverPort();
}

/** examples/order-checkout-remote.saga with every service's endpoint `endpoint`. */
inline SagaDefinition remoteCheckout(const QJsonObject &endpoint)
{
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout-remote.saga"));
    if (!loaded.ok())
        qFatal("cannot load order-checkout-remote.saga: %s", qPrintable(loaded.error.toString()));
    SagaDefinition saga = *loaded.definition;
    for (Service &service : saga.services)
        service.endpoint = endpoint;
    return saga;
}

} // namespace Sagascope::Test

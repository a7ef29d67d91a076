// SPDX-License-Identifier: MIT
// The demo services in-process behind OAuth client credentials, for the tests that need a token
// (and the tests that check that no token reaches a file).
#pragma once

#include "demoservices.h"

namespace Sagascope::Test {

/** Opens `services` on the SQLite file `db` with the client "sagascope" and `secret` (tokens
 *  valid `ttlSeconds`) and starts them on 127.0.0.1: the port, or 0 with `error` set. */
inline quint16 startSecured(Demo::DemoServices &services, const QString &db, const QByteArray &secret, int ttlSeconds,
                            QString *error)
{
    if (!services.open(db, error))
        return 0;
    services.setClient(QStringLiteral("sagascope"), secret, ttlSeconds);
    return services.start(0, error);
}

} // namespace Sagascope::Test

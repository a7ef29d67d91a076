// SPDX-License-Identifier: MIT
// sagascope-demo-services: the participants of examples/order-checkout.saga on 127.0.0.1.
#include "demoservices.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sagascope-demo-services"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serves the participants of examples/order-checkout.saga (orders, inventory, payments, shipping, loyalty) "
        "on 127.0.0.1, with their state in an SQLite file. Admin API: POST /_faults, DELETE /_faults, "
        "GET /_ledger?instance=ID, GET /_state (docs/REMOTE.md)."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (default 8480; 0: any free port)."),
                                        QStringLiteral("PORT"), QStringLiteral("8480"));
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The services' state (default demo-services.sqlite)."),
                                      QStringLiteral("PATH"), QStringLiteral("demo-services.sqlite"));
    const QCommandLineOption clientOption(
        QStringLiteral("client"),
        QStringLiteral("Require OAuth 2.0 bearer tokens, issued by POST /oauth/token to client ID: by client credentials "
                       "(its secret is read from SAGASCOPE_DEMO_CLIENT_SECRET), or by the authorization-code flow with PKCE "
                       "S256 (GET /oauth/authorize approves at once and redirects to a loopback redirect_uri) and refresh "
                       "tokens."),
        QStringLiteral("ID"));
    const QCommandLineOption ttlOption(QStringLiteral("token-ttl"), QStringLiteral("Seconds an access token is valid (default 3600)."),
                                       QStringLiteral("SECONDS"), QStringLiteral("3600"));
    const QCommandLineOption certOption(QStringLiteral("tls-cert"),
                                        QStringLiteral("Serve HTTPS with this PEM certificate (chain); needs --tls-key. "
                                                       "tests/engine/data/tls/ has a test CA and certificates for 127.0.0.1."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"), QStringLiteral("The PEM private key of --tls-cert."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption noSyncOption(QStringLiteral("no-fsync"),
                                          QStringLiteral("Do not wait for the disk before answering (benchmarks of the client "
                                                         "only: a crash of the machine may lose answered changes)."));
    parser.addOptions({portOption, dbOption, clientOption, ttlOption, certOption, keyOption, noSyncOption});
    parser.process(app);
    QTextStream err(stderr);
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "sagascope-demo-services: --port must be 0 to 65535\n";
        return 2;
    }
    Sagascope::Demo::DemoServices services;
    QString error;
    if (!services.open(parser.value(dbOption), &error, !parser.isSet(noSyncOption))) {
        err << "sagascope-demo-services: " << error << '\n';
        return 2;
    }
    if (parser.isSet(clientOption)) {
        const QByteArray secret = qgetenv("SAGASCOPE_DEMO_CLIENT_SECRET");
        if (secret.isEmpty()) {
            err << "sagascope-demo-services: --client needs the client secret in SAGASCOPE_DEMO_CLIENT_SECRET\n";
            return 2;
        }
        services.setClient(parser.value(clientOption), secret, qMax(1, parser.value(ttlOption).toInt()));
    }
    if (parser.isSet(certOption) != parser.isSet(keyOption)) {
        err << "sagascope-demo-services: --tls-cert and --tls-key go together\n";
        return 2;
    }
    if (parser.isSet(certOption) && !services.setTls(parser.value(certOption), parser.value(keyOption), &error)) {
        err << "sagascope-demo-services: " << error << '\n';
        return 2;
    }
    const quint16 bound = services.start(quint16(port), &error);
    if (bound == 0) {
        err << "sagascope-demo-services: " << error << '\n';
        return 2;
    }
    // The first line says where: tests started with --port 0 read the port from it.
    QTextStream(stdout) << "listening on " << services.scheme() << "://127.0.0.1:" << bound << Qt::endl;
    return app.exec();
}

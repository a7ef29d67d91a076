// SPDX-License-Identifier: MIT
// `sagascope-cli login FILE SERVICE` (SPEC section 6): the OAuth 2.0 authorization-code flow
// from a terminal. Prints the authorization URL, waits for the browser's redirect to
// http://127.0.0.1:PORT/, and keeps the refresh token (desktop keychain, or a 0600 file).

#include "commands.h"

#include "credentialstore.h"
#include "httpparticipant.h"
#include "oauthlogin.h"
#include "remotespec.h"
#include "sagafile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

namespace Sagascope::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

} // namespace

int loginCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Signs in to a service whose endpoint has auth type oauth2-authorization-code (SPEC section 6): prints the "
           "authorization URL to open in a browser, waits for the redirect to http://127.0.0.1:PORT/ (RFC 8252), "
           "exchanges the code with PKCE S256 (RFC 7636) and keeps the refresh token in the desktop keychain or, "
           "where none runs, in a file only you can read; it says which. Later runs get access tokens with it.\n"
           "Exit codes: 0 signed in, 1 the sign-in failed or timed out, 2 unreadable input or a service without "
           "that auth type."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("login"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The .saga file that describes the service."));
    parser.addPositionalArgument(QStringLiteral("SERVICE"), tr("The id of the service to sign in to."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           tr("Give up after this many seconds without a redirect (default 300)."),
                                           QStringLiteral("SECONDS"), QStringLiteral("300"));
    parser.addOption(timeoutOption);
    if (const std::optional<int> exit = parseCommand(parser, arguments, "login", out, err))
        return *exit;
    const QStringList positional = parser.positionalArguments().mid(1);
    if (positional.size() != 2) {
        err << tr("sagascope-cli login: expected FILE and SERVICE (see --help)") << '\n';
        return ExitBadInput;
    }
    bool ok = false;
    const int timeoutSeconds = parser.value(timeoutOption).toInt(&ok);
    if (!ok || timeoutSeconds <= 0) {
        err << tr("sagascope-cli login: --timeout takes a number of seconds above 0") << '\n';
        return ExitBadInput;
    }
    const QString path = positional.at(0);
    const QString serviceId = positional.at(1);
    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok()) {
        err << loaded.error.toString() << '\n';
        return ExitBadInput;
    }
    const SagaDefinition &saga = *loaded.definition;
    if (!saga.hasService(serviceId)) {
        err << tr("%1: the saga has no service %2").arg(path, serviceId) << '\n';
        return ExitBadInput;
    }
    QJsonObject endpointJson;
    for (const Service &service : saga.services) {
        if (service.id == serviceId)
            endpointJson = service.endpoint;
    }
    RemoteSpecError specError;
    const std::optional<Endpoint> endpoint = Endpoint::parse(endpointJson, QString(), &specError);
    if (!endpoint || endpoint->auth.type != AuthType::OAuth2AuthorizationCode) {
        err << tr("%1: service %2 has no endpoint with auth type oauth2-authorization-code: there is nothing to sign in to")
                   .arg(path, serviceId)
            << '\n';
        return ExitBadInput;
    }
    QString error;
    const std::optional<QSslConfiguration> ssl
        = HttpParticipant::sslConfiguration(*endpoint, QFileInfo(path).absolutePath(), &error);
    if (!ssl) {
        err << tr("%1: service %2: %3").arg(path, serviceId, error) << '\n';
        return ExitBadInput;
    }

    OAuthLogin login(serviceId, endpoint->auth, *ssl);
    QEventLoop loop;
    bool succeeded = false;
    QString message;
    QObject::connect(&login, &OAuthLogin::authorizeWithBrowser, &loop, [&](const QUrl &url) {
        out << tr("Open this address in a browser to sign in to %1:").arg(serviceId) << "\n\n  "
            << url.toString(QUrl::FullyEncoded) << "\n\n"
            << tr("Waiting for the browser to come back to %1 ...").arg(login.redirectUri().toString()) << Qt::endl;
    });
    QObject::connect(&login, &OAuthLogin::finished, &loop, [&](bool good, const QString &text) {
        succeeded = good;
        message = text;
        loop.quit();
    });
    QTimer::singleShot(qint64(timeoutSeconds) * 1000, &loop, [&] {
        message = tr("no redirect came back within %1 s").arg(timeoutSeconds);
        loop.quit();
    });
    if (!login.start(&error)) {
        err << tr("sagascope-cli login: %1").arg(error) << '\n';
        return 1;
    }
    loop.exec();
    if (!succeeded) {
        err << tr("sagascope-cli login: %1").arg(message) << '\n';
        return 1;
    }
    const CredentialStore::Where where = CredentialStore::storeRefreshToken(endpoint->auth, login.refreshToken(), &error);
    if (where == CredentialStore::Where::Nowhere) {
        err << tr("sagascope-cli login: signed in, but the refresh token could not be kept: %1").arg(error) << '\n';
        return 1;
    }
    out << tr("Signed in to %1. The refresh token is kept in %2.").arg(serviceId, CredentialStore::describe(where, endpoint->auth))
        << Qt::endl;
    return 0;
}

} // namespace Sagascope::Cli

// SPDX-License-Identifier: MIT
// A request to sagascope-demo-services (its admin API, mostly) from a test, answered
// synchronously: the event loop runs meanwhile, so in-process services answer too; and a saga
// whose services sit behind the demo services' OAuth client credentials.
#pragma once

#include "sagadefinition.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

namespace Sagascope::Test {

inline QJsonObject demoRequest(const QString &base, const QByteArray &method, const QString &path,
                               const QJsonObject &body = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(base + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(5000))
        qFatal("no answer from the demo services at %s", qPrintable(base));
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

/** `saga` with every service at `base`, behind OAuth client credentials (the demo services'
 *  token endpoint, client "sagascope", the service id as scope). */
inline SagaDefinition withClientCredentials(SagaDefinition saga, const QString &base)
{
    for (Service &service : saga.services) {
        QJsonObject auth;
        auth.insert(QStringLiteral("type"), QStringLiteral("oauth2-client-credentials"));
        auth.insert(QStringLiteral("tokenUrl"), QString(base + QStringLiteral("/oauth/token")));
        auth.insert(QStringLiteral("clientId"), QStringLiteral("sagascope"));
        auth.insert(QStringLiteral("scope"), service.id);
        service.endpoint = QJsonObject();
        service.endpoint.insert(QStringLiteral("baseUrl"), base);
        service.endpoint.insert(QStringLiteral("auth"), auth);
    }
    return saga;
}

} // namespace Sagascope::Test

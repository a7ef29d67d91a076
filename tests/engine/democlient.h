// SPDX-License-Identifier: MIT
// A request to sagascope-demo-services (its admin API, mostly) from a test, answered
// synchronously: the event loop runs meanwhile, so in-process services answer too.
#pragma once

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

} // namespace Sagascope::Test

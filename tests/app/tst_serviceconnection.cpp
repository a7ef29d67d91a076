// SPDX-License-Identifier: MIT
// The Services dock's Test connection and Sign in (SPEC section 6) against
// sagascope-demo-services on 127.0.0.1: the panel's buttons, the ServiceConnectionController,
// the engine's ConnectionCheck and OAuthLogin. The test is the browser (it follows the
// authorization redirect to the loopback port). The refresh token goes to a 0600 file (no
// keychain: SAGASCOPE_KEYCHAIN=off), never into the document.

#include "credentialstore.h"
#include "demoservices.h"
#include "remotespec.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "serviceconnection.h"
#include "servicespanel.h"
#include "testconfig.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QUndoStack>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

int get(const QUrl &url, QUrl *location = nullptr)
{
    QNetworkAccessManager network;
    network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(5000))
        qFatal("no answer from %s", qPrintable(url.toString()));
    if (location)
        *location = QUrl::fromEncoded(reply->rawHeader("Location"));
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestServiceConnection : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Demo::DemoServices m_services;
    QString m_base;

    /** A document whose "orders" service is at `base` with `auth`, the others without endpoint. */
    void load(SagaDocument &document, const QString &base, const QJsonObject &auth = {})
    {
        const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        SagaDefinition saga = *loaded.definition;
        for (Service &service : saga.services) {
            if (service.id == QLatin1String("orders")) {
                service.endpoint = QJsonObject{{"baseUrl", base}};
                if (!auth.isEmpty())
                    service.endpoint.insert(QStringLiteral("auth"), auth);
            }
        }
        document.reset(saga, m_dir.filePath(QStringLiteral("doc.saga")));
    }

    static void select(ServicesPanel &panel, const QString &id)
    {
        for (int row = 0; row < panel.table()->rowCount(); ++row) {
            if (panel.table()->item(row, 0)->text() == id)
                panel.table()->selectRow(row);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SAGASCOPE_KEYCHAIN", "off");
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
        QString error;
        QVERIFY2(m_services.open(m_dir.filePath(QStringLiteral("services.sqlite")), &error), qPrintable(error));
        m_services.setClient(QStringLiteral("sagascope"), "dock-secret", 3600);
        const quint16 port = m_services.start(0, &error);
        QVERIFY2(port, qPrintable(error));
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(port);
    }

    void buttonsFollowTheSelection()
    {
        SagaDocument document;
        load(document, m_base);
        ServicesPanel panel(&document);
        QVERIFY(!panel.testButton()->isEnabled());
        QVERIFY(!panel.signInButton()->isEnabled());
        select(panel, QStringLiteral("payments")); // no endpoint
        QVERIFY(!panel.testButton()->isEnabled());
        select(panel, QStringLiteral("orders"));
        QVERIFY(panel.testButton()->isEnabled());
        QVERIFY(!panel.signInButton()->isEnabled()); // auth none: nothing to sign in to
    }

    void testConnectionSaysWhatFailed()
    {
        quint16 closed = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closed = probe.serverPort();
        }
        SagaDocument document;
        load(document, QStringLiteral("http://127.0.0.1:%1").arg(closed));
        ServicesPanel panel(&document);
        ServiceConnectionController controller(&panel, &document);
        QSignalSpy finished(&controller, &ServiceConnectionController::finished);
        select(panel, QStringLiteral("orders"));
        QTest::mouseClick(panel.testButton(), Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY2(panel.statusLabel()->text().contains(QLatin1String("refused the connection")),
                 qPrintable(panel.statusLabel()->text()));

        load(document, m_base); // reachable (it answers 401 to a request without a token)
        select(panel, QStringLiteral("orders"));
        finished.clear();
        QTest::mouseClick(panel.testButton(), Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.statusLabel()->text().startsWith(QLatin1String("orders: connection works: reached ")));
    }

    void signInKeepsTheTokenOutOfTheDocument()
    {
        const QJsonObject auth{{"type", "oauth2-authorization-code"}, {"authorizationUrl", QString(m_base + "/oauth/authorize")},
                               {"tokenUrl", QString(m_base + "/oauth/token")}, {"clientId", "sagascope"}, {"scope", "checkout"}};
        SagaDocument document;
        load(document, m_base, auth);
        ServicesPanel panel(&document);
        ServiceConnectionController controller(&panel, &document);
        QList<QUrl> opened;
        bool browserStarts = false;
        controller.setBrowser([&](const QUrl &url) {
            opened.append(url);
            return browserStarts;
        });
        QSignalSpy finished(&controller, &ServiceConnectionController::finished);

        select(panel, QStringLiteral("orders"));
        QVERIFY(panel.signInButton()->isEnabled());
        // Not signed in yet: Test connection says so.
        QTest::mouseClick(panel.testButton(), Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(panel.statusLabel()->text().contains(QLatin1String("not signed in")), qPrintable(panel.statusLabel()->text()));

        finished.clear();
        QTest::mouseClick(panel.signInButton(), Qt::LeftButton);
        QTRY_COMPARE(opened.size(), 1);
        // No browser could be started: the address is shown, to copy.
        QVERIFY2(panel.statusLabel()->text().contains(opened.first().toString(QUrl::FullyEncoded)),
                 qPrintable(panel.statusLabel()->text()));
        // Again, with a browser: a new sign-in replaces the waiting one.
        browserStarts = true;
        opened.clear();
        QTest::mouseClick(panel.signInButton(), Qt::LeftButton);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY(panel.statusLabel()->text().contains(QLatin1String("in your browser")));
        // The browser: the authorization server approves and redirects to the loopback port.
        QUrl back;
        QCOMPARE(get(opened.first(), &back), 302);
        QCOMPARE(back.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(get(back), 200);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.statusLabel()->text().startsWith(QLatin1String("Signed in to orders. No desktop keychain is running")));
        const EndpointAuth endpointAuth = Endpoint::parse(document.definition().services.first().endpoint, {}, nullptr)->auth;
        QCOMPARE(CredentialStore::readRefreshToken(endpointAuth).value, m_services.issuedRefreshTokens().last());

        // Signed in: the connection test now fetches a token by it and is accepted.
        finished.clear();
        QTest::mouseClick(panel.testButton(), Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.statusLabel()->text().contains(QLatin1String("credentials were accepted")));

        // Nothing of it is in the document: it is unchanged, and its file form holds no token.
        QVERIFY(!document.isModified());
        const QByteArray saved = SagaFile::serialize(document.definition());
        for (const QByteArray &token : m_services.issuedTokens() + m_services.issuedRefreshTokens())
            QVERIFY(!saved.contains(token));
    }
    void editsTheEndpointUndoably()
    {
        SagaDocument document;
        load(document, m_base);
        ServicesPanel panel(&document);
        ServiceConnectionController controller(&panel, &document);
        QSignalSpy finished(&controller, &ServiceConnectionController::finished);
        select(panel, QStringLiteral("payments")); // no endpoint yet: simulated
        QVERIFY(panel.endpointBox()->isEnabled());
        QVERIFY(panel.baseUrlEdit()->text().isEmpty());
        const auto endpointOf = [&](const char *id) {
            for (const Service &service : document.definition().services) {
                if (service.id == QLatin1String(id))
                    return service.endpoint;
            }
            return QJsonObject();
        };

        // A base URL: applied, one undoable edit.
        panel.baseUrlEdit()->setText(QStringLiteral("https://payments.example.com"));
        Q_EMIT panel.baseUrlEdit()->editingFinished();
        QCOMPARE(endpointOf("payments").value(QLatin1String("baseUrl")).toString(), QStringLiteral("https://payments.example.com"));
        QVERIFY(document.isModified());

        // Client credentials, step by step: not applied while incomplete, and said why.
        panel.authTypeBox()->setCurrentIndex(panel.authTypeBox()->findData(QStringLiteral("oauth2-client-credentials")));
        Q_EMIT panel.authTypeBox()->activated(panel.authTypeBox()->currentIndex());
        QVERIFY(!endpointOf("payments").contains(QLatin1String("auth")));
        QVERIFY2(panel.errorLabel()->text().contains(QLatin1String("tokenUrl")), qPrintable(panel.errorLabel()->text()));
        QVERIFY(panel.tokenUrlEdit()->isVisibleTo(&panel));
        QVERIFY(!panel.authorizationUrlEdit()->isVisibleTo(&panel));
        panel.tokenUrlEdit()->setText(QStringLiteral("http://auth.example.com/token")); // credentials over plain http
        Q_EMIT panel.tokenUrlEdit()->editingFinished();
        panel.clientIdEdit()->setText(QStringLiteral("sagascope"));
        Q_EMIT panel.clientIdEdit()->editingFinished();
        QVERIFY(!endpointOf("payments").contains(QLatin1String("auth")));
        QVERIFY2(panel.errorLabel()->text().contains(QLatin1String("plain")), qPrintable(panel.errorLabel()->text()));
        panel.tokenUrlEdit()->setText(QStringLiteral("https://auth.example.com/token"));
        Q_EMIT panel.tokenUrlEdit()->editingFinished();
        const QJsonObject auth = endpointOf("payments").value(QLatin1String("auth")).toObject();
        QCOMPARE(auth.value(QLatin1String("type")).toString(), QStringLiteral("oauth2-client-credentials"));
        QCOMPARE(auth.value(QLatin1String("tokenUrl")).toString(), QStringLiteral("https://auth.example.com/token"));
        QVERIFY(panel.errorLabel()->isHidden());

        // The secret: typed into a password field, handed to the keychain (none runs here: said
        // so), cleared at once, never in the document.
        QCOMPARE(panel.secretEdit()->echoMode(), QLineEdit::Password);
        panel.secretEdit()->setText(QStringLiteral("typed-secret-4711"));
        QTest::mouseClick(panel.keepSecretButton(), Qt::LeftButton);
        QVERIFY(panel.secretEdit()->text().isEmpty());
        QVERIFY(!finished.isEmpty());
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(panel.statusLabel()->text().contains(QLatin1String("SAGASCOPE_SECRET_PAYMENTS")),
                 qPrintable(panel.statusLabel()->text()));
        QVERIFY(!SagaFile::serialize(document.definition()).contains("typed-secret-4711"));

        // Undo, edit by edit, back to no endpoint; redo brings them back.
        document.undoStack()->undo();
        QVERIFY(!endpointOf("payments").contains(QLatin1String("auth")));
        QCOMPARE(panel.authTypeBox()->currentData().toString(), QStringLiteral("none"));
        document.undoStack()->undo();
        QVERIFY(endpointOf("payments").isEmpty());
        QVERIFY(panel.baseUrlEdit()->text().isEmpty());
        document.undoStack()->redo();
        QCOMPARE(panel.baseUrlEdit()->text(), QStringLiteral("https://payments.example.com"));

        // Fixed headers, "Name: value" a line; an Authorization header is refused (auth is for that).
        panel.headersEdit()->setPlainText(QStringLiteral("X-Tenant: acme\n\nX-Trace:  on "));
        panel.applyEndpoint();
        QCOMPARE(endpointOf("payments").value(QLatin1String("headers")).toObject(),
                 QJsonObject({{"X-Tenant", "acme"}, {"X-Trace", "on"}}));
        panel.headersEdit()->setPlainText(QStringLiteral("Authorization: Bearer abc"));
        panel.applyEndpoint();
        QVERIFY2(panel.errorLabel()->text().contains(QLatin1String("credentials do not belong")),
                 qPrintable(panel.errorLabel()->text()));
        QCOMPARE(endpointOf("payments").value(QLatin1String("headers")).toObject().size(), 2);
        panel.headersEdit()->setPlainText(QStringLiteral("no colon here"));
        panel.applyEndpoint();
        QVERIFY2(panel.errorLabel()->text().contains(QLatin1String("line 1")), qPrintable(panel.errorLabel()->text()));
        panel.headersEdit()->clear();
        panel.applyEndpoint();
        QVERIFY(!endpointOf("payments").contains(QLatin1String("headers")));

        // Emptying the base URL of an endpoint without auth: the service is simulated again.
        panel.baseUrlEdit()->clear();
        Q_EMIT panel.baseUrlEdit()->editingFinished();
        QVERIFY(endpointOf("payments").isEmpty());
    }
};

QTEST_MAIN(TestServiceConnection)
#include "tst_serviceconnection.moc"

// SPDX-License-Identifier: MIT
// A fault proxy for tests: an HTTP/1.1 proxy on 127.0.0.1 in front of a real server (the demo
// services) that does to chosen requests what networks and overloaded gateways do: delays the
// reply, drops the connection before forwarding (nothing applied), resets it after the server
// answered (applied, the reply lost), answers garbage instead of the reply (applied), or answers
// 429 with Retry-After without forwarding (a storm). Every other request passes through. It
// reads each request whole (headers, Content-Length body) and forwards it on a connection of
// its own, so a fault hits exactly one request, whatever connection reuse the client does.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace Sagascope::Test {

class FaultProxy
{
public:
    enum class Kind { Delay, DropBefore, ResetAfter, Garbage, TooManyRequests };

    struct Fault
    {
        Kind kind = Kind::Delay;
        QByteArray pathPrefix;   // of the request target; empty: any
        int count = 1;           // requests it hits; 0: every one until clear()
        int delayMs = 0;         // Delay: how long the reply is held back
        QByteArray retryAfter = "1"; // TooManyRequests
    };

    explicit FaultProxy(quint16 upstreamPort) : m_upstream(upstreamPort)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                accept(client);
        });
    }

    /** Listens on 127.0.0.1; the port, 0 when it cannot. */
    quint16 start() { return m_server.listen(QHostAddress::LocalHost, 0) ? m_server.serverPort() : 0; }
    void add(const Fault &fault) { m_faults.append(fault); }
    void clear() { m_faults.clear(); }
    /** Requests seen, and how many of them a fault hit. */
    int requests() const { return m_requests; }
    int faulted() const { return m_faulted; }
    /** Every request as it arrived, whole (request line, headers, body), in order. */
    const QList<QByteArray> &received() const { return m_received; }

private:
    struct Message
    {
        QByteArray bytes;     // the whole message as received
        QByteArray target;    // request: its target (path and query)
        bool complete = false;
    };

    /** Takes one whole HTTP/1.1 message (headers and Content-Length body) off `buffer`. */
    static std::optional<Message> takeMessage(QByteArray &buffer)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        const QByteArray head = buffer.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
        }
        const qsizetype total = end + 4 + length;
        if (buffer.size() < total)
            return std::nullopt;
        Message m;
        m.bytes = buffer.left(total);
        buffer.remove(0, total);
        const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
        if (requestLine.size() >= 2)
            m.target = requestLine.at(1);
        m.complete = true;
        return m;
    }

    std::optional<Fault> takeFault(const QByteArray &target)
    {
        for (qsizetype i = 0; i < m_faults.size(); ++i) {
            Fault &f = m_faults[i];
            if (!target.startsWith(f.pathPrefix))
                continue;
            const Fault taken = f;
            if (f.count > 0 && --f.count == 0)
                m_faults.removeAt(i);
            return taken;
        }
        return std::nullopt;
    }

    void accept(QTcpSocket *client)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        QObject::connect(client, &QTcpSocket::readyRead, client, [this, client, buffer] {
            *buffer += client->readAll();
            while (std::optional<Message> request = takeMessage(*buffer))
                handle(client, *request);
        });
    }

    void handle(QTcpSocket *client, const Message &request)
    {
        ++m_requests;
        m_received.append(request.bytes);
        const std::optional<Fault> fault = takeFault(request.target);
        if (fault)
            ++m_faulted;
        QPointer<QTcpSocket> guarded(client);
        if (fault && fault->kind == Kind::DropBefore)
            return client->abort();
        if (fault && fault->kind == Kind::TooManyRequests) {
            client->write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + fault->retryAfter
                          + "\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        // Forwarded on a connection of its own; the answer goes back whole (or not).
        auto *upstream = new QTcpSocket(&m_server);
        auto answer = std::make_shared<QByteArray>();
        QObject::connect(upstream, &QTcpSocket::connected, upstream, [upstream, request] { upstream->write(request.bytes); });
        QObject::connect(upstream, &QTcpSocket::readyRead, upstream, [this, upstream, answer, guarded, fault] {
            *answer += upstream->readAll();
            std::optional<Message> reply = takeMessage(*answer);
            if (!reply)
                return;
            upstream->disconnectFromHost();
            upstream->deleteLater();
            deliver(guarded, reply->bytes, fault);
        });
        QObject::connect(upstream, &QTcpSocket::errorOccurred, upstream, [upstream, guarded] {
            upstream->deleteLater();
            if (guarded)
                guarded->abort();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstream);
    }

    void deliver(QPointer<QTcpSocket> client, const QByteArray &reply, const std::optional<Fault> &fault)
    {
        if (!client)
            return;
        if (!fault)
            return void(client->write(reply));
        switch (fault->kind) {
        case Kind::Delay:
            QTimer::singleShot(fault->delayMs, &m_server, [client, reply] {
                if (client && client->state() == QAbstractSocket::ConnectedState)
                    client->write(reply);
            });
            return;
        case Kind::ResetAfter: client->abort(); return;
        case Kind::Garbage:
            client->write(QByteArray("\x16\x03\x01garbage, not HTTP\r\n\r\n\xff\xfe", 26));
            client->disconnectFromHost();
            return;
        case Kind::DropBefore:
        case Kind::TooManyRequests: return;
        }
    }

    QTcpServer m_server;
    quint16 m_upstream;
    QList<Fault> m_faults;
    int m_requests = 0;
    int m_faulted = 0;
    QList<QByteArray> m_received;
};

} // namespace Sagascope::Test

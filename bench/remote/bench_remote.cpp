// SPDX-License-Identifier: MIT
// bench_remote [--dir DIR] [--instances N] [--concurrency C,...] [--services-no-fsync]: N instances (default 1,000) of
// examples/order-checkout-remote.saga (5 steps, each one HTTP call) against
// sagascope-demo-services on 127.0.0.1, with a durable saga log in DIR, at each concurrency
// (default 1, 10, 100); and, in the same run against a fresh server of its own, a bare
// QNetworkAccessManager loop that sends the same five requests an instance (same bodies and
// headers) with the same number of instances in flight. Prints step calls per second of both and
// their ratio. Each phase gets a fresh services process (fresh stock: 1,000 of sku-1).

#include "benchsagas.h"
#include "demoservicesprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Sagascope;

namespace {

using Services = Bench::DemoServicesProcess;

/** The bare client: `instances` times the five requests of the saga, one after the other for an
 *  instance, `concurrency` instances at a time; returns requests per second. */
double bareLoop(const QString &base, int instances, int concurrency)
{
    QNetworkAccessManager network;
    network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    struct Call
    {
        const char *path;
        std::function<QJsonObject(const QString &)> body;
        const char *step;
    };
    const Call calls[] = {
        {"/orders", [](const QString &i) { return QJsonObject{{"order", i}, {"customer", "alice"}}; }, "create_order"},
        {"/reservations", [](const QString &i) { return QJsonObject{{"order", i}, {"sku", "sku-1"}, {"qty", 1}}; }, "reserve_stock"},
        {"/charges", [](const QString &i) { return QJsonObject{{"order", i}, {"account", "alice"}, {"amount", 10}}; }, "take_payment"},
        {"/shipments", [](const QString &i) { return QJsonObject{{"order", i}}; }, "ship_order"},
        {"/points", [](const QString &i) { return QJsonObject{{"customer", "alice"}, {"points", 3}}; }, "award_points"},
    };
    int started = 0, finished = 0, failed = 0;
    QEventLoop loop;
    std::function<void(const QString &, int)> send = [&](const QString &instance, int index) {
        const Call &call = calls[index];
        QNetworkRequest request(QUrl(base + QLatin1String(call.path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Idempotency-Key", (instance + QLatin1Char('/') + QLatin1String(call.step) + QStringLiteral("/action")).toUtf8());
        request.setRawHeader("Saga-Instance", instance.toUtf8());
        QNetworkReply *reply = network.post(request, QJsonDocument(call.body(instance)).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, instance, index] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status < 200 || status >= 300)
                ++failed;
            if (index + 1 < int(std::size(calls)))
                return send(instance, index + 1);
            ++finished;
            if (started < instances) {
                ++started;
                send(QUuid::createUuid().toString(QUuid::WithoutBraces), 0);
            } else if (finished == instances) {
                loop.quit();
            }
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (; started < qMin(concurrency, instances);) {
        ++started;
        send(QUuid::createUuid().toString(QUuid::WithoutBraces), 0);
    }
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (failed) {
        std::fprintf(stderr, "bare loop: %d requests failed\n", failed);
        std::exit(1);
    }
    return instances * 5 / seconds;
}

/** The engine: the saga with every service at `base`, a durable log; returns step calls per second. */
double engineRun(const SagaDefinition &saga, const QString &base, const QString &log, int instances, int concurrency)
{
    RunRequest request;
    request.definition = saga;
    request.options.instances = instances;
    request.options.concurrency = concurrency;
    request.options.inputs = QJsonArray{Bench::remoteInput()};
    for (const Service &service : saga.services)
        request.options.endpoints.insert(service.id, base);
    request.logPath = log;
    QFile::remove(log);
    QElapsedTimer timer;
    timer.start();
    const RunSummary summary = Bench::runToEnd(request);
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (summary.completed != instances) {
        std::fprintf(stderr, "engine: %d of %d completed\n", summary.completed, instances);
        std::exit(1);
    }
    return instances * 5 / seconds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Where the saga logs and the services' state go."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption instancesOption(QStringLiteral("instances"), QStringLiteral("Instances a phase (default 1000)."),
                                             QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Concurrency levels, comma-separated (default 1,10,100)."),
                                               QStringLiteral("C"), QStringLiteral("1,10,100"));
    const QCommandLineOption noSyncOption(QStringLiteral("services-no-fsync"),
                                          QStringLiteral("Run the services with --no-fsync: the client side is measured, not "
                                                         "the services' disk."));
    parser.addOptions({dirOption, instancesOption, concurrencyOption, noSyncOption});
    parser.process(app);
    QTemporaryDir temporary;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temporary.path();
    QDir().mkpath(dir);
    const int instances = parser.value(instancesOption).toInt();
    const LoadResult loaded = SagaFile::load(QStringLiteral(SAGASCOPE_REMOTE_SAGA));
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error.toString()));
        return 1;
    }
    const bool fsync = !parser.isSet(noSyncOption);
    std::printf("%d instances of %s (5 HTTP calls each), saga log and services' state in %s; services %s\n", instances,
                qPrintable(loaded.definition->name), qPrintable(dir),
                fsync ? "durable (synchronous=FULL)" : "not syncing (--no-fsync)");
    std::printf("%-12s %22s %22s %8s\n", "concurrency", "bare QNAM (calls/s)", "engine (calls/s)", "ratio");
    for (const QString &level : parser.value(concurrencyOption).split(QLatin1Char(','))) {
        const int concurrency = level.toInt();
        double bare = 0, engine = 0;
        {
            Services services(dir, QStringLiteral("bare-%1").arg(concurrency), fsync);
            bare = bareLoop(services.base(), instances, concurrency);
        }
        {
            Services services(dir, QStringLiteral("engine-%1").arg(concurrency), fsync);
            engine = engineRun(*loaded.definition, services.base(), QDir(dir).filePath(QStringLiteral("run-%1.db").arg(concurrency)),
                               instances, concurrency);
        }
        std::printf("%-12d %22.0f %22.0f %8.2f\n", concurrency, bare, engine, engine / bare);
        std::fflush(stdout);
    }
    return 0;
}

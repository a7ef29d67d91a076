// SPDX-License-Identifier: MIT
#include "sagafile.h"

#include "jsonreader.h"
#include "jsonwriter.h"
#include "remotespec.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <limits>
#include <optional>

namespace Sagascope {

namespace {

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QCoreApplication::translate("SagaFile", "null");
    case QJsonValue::Bool: return QCoreApplication::translate("SagaFile", "a boolean");
    case QJsonValue::Double: return QCoreApplication::translate("SagaFile", "a number");
    case QJsonValue::String: return QCoreApplication::translate("SagaFile", "a string");
    case QJsonValue::Array: return QCoreApplication::translate("SagaFile", "an array");
    case QJsonValue::Object: return QCoreApplication::translate("SagaFile", "an object");
    case QJsonValue::Undefined: break;
    }
    return QCoreApplication::translate("SagaFile", "nothing");
}

/** Reads the JSON tree into the model, type-checking every field and remembering where it is. */
class Loader
{
public:
    QString errorPath;
    QString errorMessage;

    bool fail(const QString &path, const QString &message)
    {
        if (errorMessage.isEmpty()) {
            errorPath = path;
            errorMessage = message;
        }
        return false;
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }
    static QString index(const QString &path, qsizetype i) { return path + QStringLiteral("[%1]").arg(i); }

    bool wrongType(const QString &path, const QString &expected, const QJsonValue &got)
    {
        return fail(path, QCoreApplication::translate("SagaFile", "expected %1, found %2").arg(expected, jsonTypeName(got)));
    }

    bool object(const QJsonValue &v, const QString &path, QJsonObject *out)
    {
        if (!v.isObject())
            return wrongType(path, QCoreApplication::translate("SagaFile", "an object"), v);
        *out = v.toObject();
        return true;
    }

    bool string(const QJsonObject &o, const QString &key, const QString &path, QString *out, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return required ? fail(join(path, key), QCoreApplication::translate("SagaFile", "the required field \"%1\" is missing").arg(key)) : true;
        if (!v.isString())
            return wrongType(join(path, key), QCoreApplication::translate("SagaFile", "a string"), v);
        *out = v.toString();
        return true;
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return wrongType(join(path, key), QCoreApplication::translate("SagaFile", "true or false"), v);
        *out = v.toBool();
        return true;
    }

    bool wholeNumber(const QJsonValue &v, const QString &path, int minimum, int *out)
    {
        if (!v.isDouble())
            return wrongType(path, QCoreApplication::translate("SagaFile", "a whole number"), v);
        const double d = v.toDouble();
        if (d != std::floor(d))
            return fail(path, QCoreApplication::translate("SagaFile", "expected a whole number, found %1").arg(d));
        if (d < minimum || d > std::numeric_limits<int>::max())
            return fail(path, QCoreApplication::translate("SagaFile", "%1 is out of range (%2 to %3)").arg(d).arg(minimum).arg(std::numeric_limits<int>::max()));
        *out = int(d);
        return true;
    }

    bool wholeNumber(const QJsonObject &o, const QString &key, const QString &path, int minimum, int *out)
    {
        const QJsonValue v = o.value(key);
        return v.isUndefined() ? true : wholeNumber(v, join(path, key), minimum, out);
    }

    /** A whole number that a double holds exactly (|n| <= 2^53 - 1): counters and their changes. */
    bool integer(const QJsonValue &v, const QString &path, qint64 *out)
    {
        constexpr double Limit = 9007199254740991.0;
        if (!v.isDouble())
            return wrongType(path, QCoreApplication::translate("SagaFile", "a whole number"), v);
        const double d = v.toDouble();
        if (d != std::floor(d))
            return fail(path, QCoreApplication::translate("SagaFile", "expected a whole number, found %1").arg(d));
        if (d < -Limit || d > Limit)
            return fail(path, QCoreApplication::translate("SagaFile", "%1 is out of range (%2 to %3)").arg(d).arg(-Limit, 0, 'f', 0).arg(Limit, 0, 'f', 0));
        *out = qint64(d);
        return true;
    }

    bool effect(const QJsonValue &v, const QString &path, SimEffect *out)
    {
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        SimEffect e;
        if (!string(o, QStringLiteral("resource"), path, &e.resource, true))
            return false;
        if (e.resource.isEmpty())
            return fail(join(path, QStringLiteral("resource")), QCoreApplication::translate("SagaFile", "a resource name cannot be empty"));
        if (!o.contains(QLatin1String("delta")))
            return fail(join(path, QStringLiteral("delta")), QCoreApplication::translate("SagaFile", "the required field \"delta\" is missing"));
        if (!integer(o.value(QLatin1String("delta")), join(path, QStringLiteral("delta")), &e.delta))
            return false;
        if (o.contains(QLatin1String("min"))) {
            qint64 minimum = 0;
            if (!integer(o.value(QLatin1String("min")), join(path, QStringLiteral("min")), &minimum))
                return false;
            e.min = minimum;
        }
        e.extra = without(o, {"resource", "delta", "min"});
        *out = e;
        return true;
    }

    bool resources(const QJsonValue &v, QList<Resource> *out)
    {
        const QString path = QStringLiteral("resources");
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        QList<Resource> list;
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (it.key().isEmpty())
                return fail(path, QCoreApplication::translate("SagaFile", "a resource name cannot be empty"));
            Resource r;
            r.name = it.key();
            if (!integer(it.value(), join(path, it.key()), &r.initial))
                return false;
            list.append(r);
        }
        *out = list;
        return true;
    }

    bool number(const QJsonObject &o, const QString &key, const QString &path, double minimum, double maximum,
                double *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isDouble())
            return wrongType(join(path, key), QCoreApplication::translate("SagaFile", "a number"), v);
        const double d = v.toDouble();
        if (d < minimum || d > maximum)
            return fail(join(path, key), QCoreApplication::translate("SagaFile", "%1 is out of range (%2 to %3)").arg(d).arg(minimum).arg(maximum));
        *out = d;
        return true;
    }

    bool stringList(const QJsonObject &o, const QString &key, const QString &path, QStringList *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return wrongType(join(path, key), QCoreApplication::translate("SagaFile", "an array of strings"), v);
        const QJsonArray array = v.toArray();
        QStringList list;
        list.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString())
                return wrongType(index(join(path, key), i), QCoreApplication::translate("SagaFile", "a string"), array.at(i));
            list.append(array.at(i).toString());
        }
        *out = list;
        return true;
    }

    /** The engine keeps which of a step's `on` events were delivered as bits of a 64-bit word. */
    static constexpr int MaxEventsOn = 64;

    /** An event name (SPEC section 5): a non-empty string without spaces or control characters. */
    bool eventName(const QJsonValue &v, const QString &path, QString *out)
    {
        if (!v.isString())
            return wrongType(path, QCoreApplication::translate("SagaFile", "an event name (a string)"), v);
        const QString name = v.toString();
        if (name.isEmpty())
            return fail(path, QCoreApplication::translate("SagaFile", "an event name cannot be empty"));
        for (const QChar c : name) {
            if (c.isSpace() || c.category() == QChar::Other_Control)
                return fail(path, QCoreApplication::translate("SagaFile", "\"%1\" is not a valid event name (no spaces or control characters)").arg(name));
        }
        *out = name;
        return true;
    }

    /** `on`: an array of event names, each named once. */
    bool eventList(const QJsonObject &o, const QString &path, QStringList *out)
    {
        const QJsonValue v = o.value(QLatin1String("on"));
        if (v.isUndefined())
            return true;
        const QString onPath = join(path, QStringLiteral("on"));
        if (!v.isArray())
            return wrongType(onPath, QCoreApplication::translate("SagaFile", "an array of event names"), v);
        const QJsonArray array = v.toArray();
        QStringList list;
        for (qsizetype i = 0; i < array.size(); ++i) {
            QString name;
            if (!eventName(array.at(i), index(onPath, i), &name))
                return false;
            if (list.contains(name))
                return fail(index(onPath, i), QCoreApplication::translate("SagaFile", "the event \"%1\" is listed twice").arg(name));
            if (list.size() == MaxEventsOn)
                return fail(index(onPath, i), QCoreApplication::translate("SagaFile", "at most %1 events can be listed").arg(MaxEventsOn));
            list.append(name);
        }
        *out = list;
        return true;
    }

    /** A step's `emits`: {"success": EVENT, "failure": EVENT}, both optional. */
    bool emits(const QJsonValue &v, const QString &path, StepEmits *out)
    {
        if (!v.isObject())
            return wrongType(path, QCoreApplication::translate("SagaFile", "an object {\"success\": event, \"failure\": event}"), v);
        const QJsonObject o = v.toObject();
        StepEmits e;
        for (const char *key : {"success", "failure"}) {
            const QJsonValue name = o.value(QLatin1String(key));
            if (name.isUndefined())
                continue;
            if (!eventName(name, join(path, QLatin1String(key)), key[0] == 's' ? &e.success : &e.failure))
                return false;
        }
        e.extra = without(o, {"success", "failure"});
        *out = e;
        return true;
    }

    static QJsonObject without(QJsonObject o, std::initializer_list<const char *> keys)
    {
        for (const char *key : keys)
            o.remove(QLatin1String(key));
        return o;
    }

    bool retry(const QJsonValue &v, const QString &path, bool unboundedByDefault, RetryPolicy *out)
    {
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        RetryPolicy policy;
        if (unboundedByDefault)
            policy.maxAttempts = 0;
        if (!wholeNumber(o, QStringLiteral("maxAttempts"), path, 0, &policy.maxAttempts)
            || !wholeNumber(o, QStringLiteral("initialBackoffMs"), path, 0, &policy.initialBackoffMs)
            || !number(o, QStringLiteral("multiplier"), path, 1.0, 1000.0, &policy.multiplier)
            || !wholeNumber(o, QStringLiteral("maxBackoffMs"), path, 0, &policy.maxBackoffMs)
            || !number(o, QStringLiteral("jitter"), path, 0.0, 1.0, &policy.jitter))
            return false;
        policy.extra = without(o, {"maxAttempts", "initialBackoffMs", "multiplier", "maxBackoffMs", "jitter"});
        *out = policy;
        return true;
    }

    bool sim(const QJsonValue &v, const QString &path, SimSpec *out)
    {
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        SimSpec spec;
        const QJsonValue latency = o.value(QLatin1String("latencyMs"));
        const QString latencyPath = join(path, QStringLiteral("latencyMs"));
        if (latency.isArray()) {
            const QJsonArray range = latency.toArray();
            if (range.size() != 2)
                return fail(latencyPath, QCoreApplication::translate("SagaFile", "expected [min, max] or a single number, found an array of %1").arg(range.size()));
            if (!wholeNumber(range.at(0), index(latencyPath, 0), 0, &spec.latencyMinMs)
                || !wholeNumber(range.at(1), index(latencyPath, 1), 0, &spec.latencyMaxMs))
                return false;
            if (spec.latencyMinMs > spec.latencyMaxMs)
                return fail(latencyPath, QCoreApplication::translate("SagaFile", "the minimum (%1) is larger than the maximum (%2)")
                                             .arg(spec.latencyMinMs).arg(spec.latencyMaxMs));
            spec.latencyIsRange = true;
        } else if (!latency.isUndefined()) {
            if (!latency.isDouble())
                return wrongType(latencyPath, QCoreApplication::translate("SagaFile", "[min, max] or a single number"), latency);
            if (!wholeNumber(latency, latencyPath, 0, &spec.latencyMinMs))
                return false;
            spec.latencyMaxMs = spec.latencyMinMs;
        }
        if (!number(o, QStringLiteral("technicalFailure"), path, 0.0, 1.0, &spec.technicalFailure)
            || !number(o, QStringLiteral("businessFailure"), path, 0.0, 1.0, &spec.businessFailure))
            return false;
        if (o.contains(QLatin1String("effect"))) {
            SimEffect e;
            if (!effect(o.value(QLatin1String("effect")), join(path, QStringLiteral("effect")), &e))
                return false;
            spec.effect = e;
        }
        if (o.contains(QLatin1String("countermeasure"))) {
            QString name;
            if (!string(o, QStringLiteral("countermeasure"), path, &name))
                return false;
            const std::optional<Countermeasure> parsed = countermeasureFromName(name);
            if (!parsed)
                return fail(join(path, QStringLiteral("countermeasure")),
                            QCoreApplication::translate("SagaFile", "unknown countermeasure \"%1\"; expected \"semanticLock\", \"commutative\" or \"rereadValue\"").arg(name));
            spec.countermeasure = *parsed;
        }
        if (o.contains(QLatin1String("onLocked"))) {
            QString name;
            if (!string(o, QStringLiteral("onLocked"), path, &name))
                return false;
            const std::optional<OnLocked> parsed = onLockedFromName(name);
            if (!parsed)
                return fail(join(path, QStringLiteral("onLocked")),
                            QCoreApplication::translate("SagaFile", "unknown value \"%1\"; expected \"wait\" or \"fail\"").arg(name));
            spec.onLocked = *parsed;
        }
        spec.extra = without(o, {"latencyMs", "technicalFailure", "businessFailure", "effect", "countermeasure", "onLocked"});
        *out = spec;
        return true;
    }

    bool operation(const QJsonValue &v, const QString &path, bool isCompensation, Operation *out)
    {
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        Operation op;
        if (!string(o, QStringLiteral("name"), path, &op.name))
            return false;
        if (o.contains(QLatin1String("sim"))) {
            SimSpec spec;
            if (!sim(o.value(QLatin1String("sim")), join(path, QStringLiteral("sim")), &spec))
                return false;
            op.sim = spec;
        }
        if (o.contains(QLatin1String("http"))) {
            const QString httpPath = join(path, QStringLiteral("http"));
            if (!object(o.value(QLatin1String("http")), httpPath, &op.http))
                return false;
            RemoteSpecError error;
            if (!HttpCall::parse(op.http, httpPath, &error))
                return fail(error.path, error.message);
        }
        QJsonObject rest = without(o, {"name", "sim", "http"});
        if (isCompensation && o.contains(QLatin1String("retry"))) {
            RetryPolicy policy;
            if (!retry(o.value(QLatin1String("retry")), join(path, QStringLiteral("retry")), true, &policy))
                return false;
            op.retry = policy;
            rest.remove(QLatin1String("retry"));
        }
        if (isCompensation) {
            if (!eventList(o, path, &op.on))
                return false;
            rest.remove(QLatin1String("on"));
            if (o.contains(QLatin1String("emits"))) {
                if (!eventName(o.value(QLatin1String("emits")), join(path, QStringLiteral("emits")), &op.emits))
                    return false;
                rest.remove(QLatin1String("emits"));
            }
        }
        op.extra = rest;
        *out = op;
        return true;
    }

    bool step(const QJsonValue &v, const QString &path, Step *out)
    {
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        Step s;
        if (!string(o, QStringLiteral("id"), path, &s.id, true))
            return false;
        if (!isValidStepId(s.id))
            return fail(join(path, QStringLiteral("id")),
                        QCoreApplication::translate("SagaFile", "\"%1\" is not a valid step id (letters, digits and '_', not starting with a digit)").arg(s.id));
        QString kind;
        if (!string(o, QStringLiteral("kind"), path, &kind, true))
            return false;
        const std::optional<StepKind> parsedKind = stepKindFromName(kind);
        if (!parsedKind)
            return fail(join(path, QStringLiteral("kind")),
                        QCoreApplication::translate("SagaFile", "unknown kind \"%1\"; expected \"compensatable\", \"pivot\" or \"retriable\"").arg(kind));
        s.kind = *parsedKind;
        if (!string(o, QStringLiteral("label"), path, &s.label) || !string(o, QStringLiteral("service"), path, &s.service)
            || !stringList(o, QStringLiteral("after"), path, &s.after) || !eventList(o, path, &s.on))
            return false;
        if (o.contains(QLatin1String("emits"))) {
            StepEmits e;
            if (!emits(o.value(QLatin1String("emits")), join(path, QStringLiteral("emits")), &e))
                return false;
            s.emits = e;
        }
        if (!o.contains(QLatin1String("action")))
            return fail(join(path, QStringLiteral("action")), QCoreApplication::translate("SagaFile", "the required field \"action\" is missing"));
        if (!operation(o.value(QLatin1String("action")), join(path, QStringLiteral("action")), false, &s.action))
            return false;
        if (o.contains(QLatin1String("compensation"))) {
            Operation compensation;
            if (!operation(o.value(QLatin1String("compensation")), join(path, QStringLiteral("compensation")), true,
                           &compensation))
                return false;
            s.compensation = compensation;
        }
        if (o.contains(QLatin1String("retry"))) {
            RetryPolicy policy;
            if (!retry(o.value(QLatin1String("retry")), join(path, QStringLiteral("retry")),
                       s.kind == StepKind::Retriable, &policy))
                return false;
            s.retry = policy;
        }
        if (o.contains(QLatin1String("timeoutMs"))) {
            int timeout = 0;
            if (!wholeNumber(o, QStringLiteral("timeoutMs"), path, 1, &timeout))
                return false;
            s.timeoutMs = timeout;
        }
        if (!boolean(o, QStringLiteral("idempotent"), path, &s.idempotent)
            || !stringList(o, QStringLiteral("sideEffects"), path, &s.sideEffects))
            return false;
        if (o.contains(QLatin1String("position"))) {
            QJsonObject p;
            const QString positionPath = join(path, QStringLiteral("position"));
            if (!object(o.value(QLatin1String("position")), positionPath, &p))
                return false;
            double x = 0, y = 0;
            const double limit = 1e9;
            for (const char *axis : {"x", "y"}) {
                if (!p.contains(QLatin1String(axis)))
                    return fail(join(positionPath, QLatin1String(axis)),
                                QCoreApplication::translate("SagaFile", "the required field \"%1\" is missing").arg(QLatin1String(axis)));
            }
            if (!number(p, QStringLiteral("x"), positionPath, -limit, limit, &x)
                || !number(p, QStringLiteral("y"), positionPath, -limit, limit, &y))
                return false;
            s.position = QPointF(x, y);
        }
        s.extra = without(o, {"id", "label", "service", "kind", "after", "on", "emits", "action", "compensation", "retry", "timeoutMs",
                              "idempotent", "sideEffects", "position"});
        *out = s;
        return true;
    }

    bool service(const QJsonValue &v, const QString &path, Service *out)
    {
        QJsonObject o;
        if (!object(v, path, &o))
            return false;
        Service s;
        if (!string(o, QStringLiteral("id"), path, &s.id, true) || !string(o, QStringLiteral("label"), path, &s.label))
            return false;
        if (s.id.isEmpty())
            return fail(join(path, QStringLiteral("id")), QCoreApplication::translate("SagaFile", "a service id cannot be empty"));
        if (o.contains(QLatin1String("endpoint"))) {
            const QString endpointPath = join(path, QStringLiteral("endpoint"));
            if (!object(o.value(QLatin1String("endpoint")), endpointPath, &s.endpoint))
                return false;
            RemoteSpecError error;
            if (!Endpoint::parse(s.endpoint, endpointPath, &error))
                return fail(error.path, error.message);
        }
        s.extra = without(o, {"id", "label", "endpoint"});
        *out = s;
        return true;
    }

    bool saga(const QJsonValue &root, SagaDefinition *out)
    {
        QJsonObject o;
        if (!root.isObject())
            return fail(QString(), QCoreApplication::translate("SagaFile", "a .saga file is a JSON object, found %1").arg(jsonTypeName(root)));
        o = root.toObject();
        QString format;
        if (!string(o, QStringLiteral("format"), QString(), &format, true))
            return false;
        if (format != QLatin1String(SagaFile::FormatId))
            return fail(QStringLiteral("format"),
                        QCoreApplication::translate("SagaFile", "unsupported format \"%1\"; this version reads \"%2\"").arg(format, QLatin1String(SagaFile::FormatId)));
        SagaDefinition d;
        if (!string(o, QStringLiteral("name"), QString(), &d.name)
            || !string(o, QStringLiteral("description"), QString(), &d.description))
            return false;
        if (o.contains(QLatin1String("mode"))) {
            QString mode;
            if (!string(o, QStringLiteral("mode"), QString(), &mode))
                return false;
            const std::optional<SagaMode> parsed = sagaModeFromName(mode);
            if (!parsed)
                return fail(QStringLiteral("mode"),
                            QCoreApplication::translate("SagaFile", "unknown mode \"%1\"; expected \"orchestration\" or \"choreography\"").arg(mode));
            d.mode = *parsed;
            d.modeWritten = true;
        }
        if (o.contains(QLatin1String("start"))
            && !eventName(o.value(QLatin1String("start")), QStringLiteral("start"), &d.start))
            return false;
        const QJsonValue services = o.value(QLatin1String("services"));
        if (!services.isUndefined()) {
            if (!services.isArray())
                return wrongType(QStringLiteral("services"), QCoreApplication::translate("SagaFile", "an array"), services);
            const QJsonArray array = services.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                Service s;
                if (!service(array.at(i), index(QStringLiteral("services"), i), &s))
                    return false;
                d.services.append(s);
            }
        }
        const QJsonValue steps = o.value(QLatin1String("steps"));
        if (steps.isUndefined())
            return fail(QStringLiteral("steps"), QCoreApplication::translate("SagaFile", "the required field \"steps\" is missing"));
        if (!steps.isArray())
            return wrongType(QStringLiteral("steps"), QCoreApplication::translate("SagaFile", "an array"), steps);
        const QJsonArray array = steps.toArray();
        d.steps.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            Step s;
            if (!step(array.at(i), index(QStringLiteral("steps"), i), &s))
                return false;
            d.steps.append(std::move(s));
        }
        if (o.contains(QLatin1String("resources")) && !resources(o.value(QLatin1String("resources")), &d.resources))
            return false;
        d.extra = without(o, {"format", "name", "description", "mode", "start", "services", "steps", "resources"});
        *out = std::move(d);
        return true;
    }
};

QJsonObject retryToJson(const RetryPolicy &policy)
{
    QJsonObject o = policy.extra;
    o.insert(QLatin1String("maxAttempts"), policy.maxAttempts);
    o.insert(QLatin1String("initialBackoffMs"), policy.initialBackoffMs);
    o.insert(QLatin1String("multiplier"), policy.multiplier);
    o.insert(QLatin1String("maxBackoffMs"), policy.maxBackoffMs);
    o.insert(QLatin1String("jitter"), policy.jitter);
    return o;
}

QJsonObject simToJson(const SimSpec &sim)
{
    QJsonObject o = sim.extra;
    if (sim.latencyIsRange)
        o.insert(QLatin1String("latencyMs"), QJsonArray{sim.latencyMinMs, sim.latencyMaxMs});
    else if (sim.latencyMinMs != 0)
        o.insert(QLatin1String("latencyMs"), sim.latencyMinMs);
    if (sim.technicalFailure > 0)
        o.insert(QLatin1String("technicalFailure"), sim.technicalFailure);
    if (sim.businessFailure > 0)
        o.insert(QLatin1String("businessFailure"), sim.businessFailure);
    if (sim.effect) {
        QJsonObject e = sim.effect->extra;
        e.insert(QLatin1String("resource"), sim.effect->resource);
        e.insert(QLatin1String("delta"), double(sim.effect->delta));
        if (sim.effect->min)
            e.insert(QLatin1String("min"), double(*sim.effect->min));
        o.insert(QLatin1String("effect"), e);
    }
    if (sim.countermeasure != Countermeasure::None)
        o.insert(QLatin1String("countermeasure"), countermeasureName(sim.countermeasure));
    if (sim.onLocked)
        o.insert(QLatin1String("onLocked"), onLockedName(*sim.onLocked));
    return o;
}

QJsonObject operationToJson(const Operation &op)
{
    QJsonObject o = op.extra;
    if (!op.name.isEmpty())
        o.insert(QLatin1String("name"), op.name);
    if (op.sim)
        o.insert(QLatin1String("sim"), simToJson(*op.sim));
    if (!op.http.isEmpty())
        o.insert(QLatin1String("http"), op.http);
    if (op.retry)
        o.insert(QLatin1String("retry"), retryToJson(*op.retry));
    if (!op.on.isEmpty())
        o.insert(QLatin1String("on"), QJsonArray::fromStringList(op.on));
    if (!op.emits.isEmpty())
        o.insert(QLatin1String("emits"), op.emits);
    return o;
}

QJsonObject stepToJson(const Step &s)
{
    QJsonObject o = s.extra;
    o.insert(QLatin1String("id"), s.id);
    if (!s.label.isEmpty())
        o.insert(QLatin1String("label"), s.label);
    if (!s.service.isEmpty())
        o.insert(QLatin1String("service"), s.service);
    o.insert(QLatin1String("kind"), stepKindName(s.kind));
    o.insert(QLatin1String("after"), QJsonArray::fromStringList(s.after));
    if (!s.on.isEmpty())
        o.insert(QLatin1String("on"), QJsonArray::fromStringList(s.on));
    if (s.emits) {
        QJsonObject e = s.emits->extra;
        if (!s.emits->success.isEmpty())
            e.insert(QLatin1String("success"), s.emits->success);
        if (!s.emits->failure.isEmpty())
            e.insert(QLatin1String("failure"), s.emits->failure);
        o.insert(QLatin1String("emits"), e);
    }
    o.insert(QLatin1String("action"), operationToJson(s.action));
    if (s.compensation)
        o.insert(QLatin1String("compensation"), operationToJson(*s.compensation));
    if (s.retry)
        o.insert(QLatin1String("retry"), retryToJson(*s.retry));
    if (s.timeoutMs)
        o.insert(QLatin1String("timeoutMs"), *s.timeoutMs);
    if (s.idempotent)
        o.insert(QLatin1String("idempotent"), true);
    if (!s.sideEffects.isEmpty())
        o.insert(QLatin1String("sideEffects"), QJsonArray::fromStringList(s.sideEffects));
    if (s.position)
        o.insert(QLatin1String("position"),
                 QJsonObject{{QLatin1String("x"), std::round(s.position->x() * 100) / 100},
                             {QLatin1String("y"), std::round(s.position->y() * 100) / 100}});
    return o;
}

} // namespace

QString LoadError::toString() const
{
    QString place = file;
    if (line > 0)
        place += QStringLiteral(":%1:%2").arg(line).arg(column);
    QString text = place.isEmpty() ? QString() : place + QStringLiteral(": ");
    if (!jsonPath.isEmpty())
        text += jsonPath + QStringLiteral(": ");
    return text + message;
}

LoadResult SagaFile::load(const QString &path)
{
    LoadResult result;
    result.error.file = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error.message = QCoreApplication::translate("SagaFile", "no such file");
        return result;
    }
    if (info.isDir()) {
        result.error.message = QCoreApplication::translate("SagaFile", "is a directory, not a .saga file");
        return result;
    }
    if (info.size() > MaxFileBytes) {
        result.error.message = QCoreApplication::translate("SagaFile", "the file is too large (%1 MB; the limit is %2 MB)")
                                   .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1)
                                   .arg(MaxFileBytes / (1024 * 1024));
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error.message = QCoreApplication::translate("SagaFile", "cannot be read: %1").arg(file.errorString());
        return result;
    }
    // Read at most one byte past the limit, in case the file grew after the size check.
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    if (bytes.size() > MaxFileBytes) {
        result.error.message = QCoreApplication::translate("SagaFile", "the file is too large (the limit is %1 MB)").arg(MaxFileBytes / (1024 * 1024));
        return result;
    }
    return parse(bytes, path);
}

LoadResult SagaFile::parse(const QByteArray &bytes, const QString &fileName)
{
    LoadResult result;
    result.error.file = fileName;
    const JsonReader::Result json = JsonReader::parse(bytes);
    if (!json.ok) {
        result.error.jsonPath = json.path;
        result.error.line = json.line;
        result.error.column = json.column;
        result.error.message = json.message;
        return result;
    }
    Loader loader;
    SagaDefinition definition;
    if (!loader.saga(json.value, &definition)) {
        result.error.jsonPath = loader.errorPath;
        result.error.message = loader.errorMessage;
        const auto [line, column] = JsonReader::locate(bytes, loader.errorPath);
        if (line == 0 && !loader.errorPath.isEmpty()) {
            // A missing field: point at the object that should hold it.
            const qsizetype cut = std::max(loader.errorPath.lastIndexOf(QLatin1Char('.')),
                                           loader.errorPath.lastIndexOf(QLatin1Char('[')));
            const auto [pl, pc] = JsonReader::locate(bytes, cut > 0 ? loader.errorPath.left(cut) : QString());
            result.error.line = pl;
            result.error.column = pc;
        } else {
            result.error.line = line;
            result.error.column = column;
        }
        return result;
    }
    result.definition = std::move(definition);
    return result;
}

QByteArray SagaFile::serialize(const SagaDefinition &d)
{
    QJsonObject o = d.extra;
    o.insert(QLatin1String("format"), QLatin1String(FormatId));
    if (!d.name.isEmpty())
        o.insert(QLatin1String("name"), d.name);
    if (!d.description.isEmpty())
        o.insert(QLatin1String("description"), d.description);
    if (d.modeWritten || d.mode != SagaMode::Orchestration)
        o.insert(QLatin1String("mode"), sagaModeName(d.mode));
    if (!d.start.isEmpty())
        o.insert(QLatin1String("start"), d.start);
    if (!d.services.isEmpty()) {
        QJsonArray services;
        for (const Service &s : d.services) {
            QJsonObject so = s.extra;
            so.insert(QLatin1String("id"), s.id);
            if (!s.label.isEmpty())
                so.insert(QLatin1String("label"), s.label);
            if (!s.endpoint.isEmpty())
                so.insert(QLatin1String("endpoint"), s.endpoint);
            services.append(so);
        }
        o.insert(QLatin1String("services"), services);
    }
    if (!d.resources.isEmpty()) {
        QJsonObject resources;
        for (const Resource &r : d.resources)
            resources.insert(r.name, double(r.initial));
        o.insert(QLatin1String("resources"), resources);
    }
    QJsonArray steps;
    for (const Step &s : d.steps)
        steps.append(stepToJson(s));
    o.insert(QLatin1String("steps"), steps);
    return JsonWriter::write(o);
}

bool SagaFile::save(const SagaDefinition &definition, const QString &path, QString *error)
{
    // The new file replaces the old one (an atomic rename): it keeps the old one's mode.
    const QFileInfo existing(path);
    const std::optional<QFileDevice::Permissions> mode =
        existing.exists() ? std::optional(existing.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser |
                                                                     QFileDevice::ExeUser))
                          : std::nullopt; // (the *User flags say what this user may do, not the mode)
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("SagaFile", "%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = serialize(definition);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("SagaFile", "%1: cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    if (mode)
        QFile::setPermissions(path, *mode);
    return true;
}

} // namespace Sagascope

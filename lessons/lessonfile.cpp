// SPDX-License-Identifier: MIT
#include "lessonfile.h"

#include "jsonreader.h"
#include "sagafile.h"
#include "traceevent.h"
#include "validator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>
#include <tuple>

namespace Sagascope {

QString LessonError::toString() const
{
    QString where = file;
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    if (!place.isEmpty())
        where += QStringLiteral(": ") + place;
    return where + QStringLiteral(": ") + message;
}

namespace {

const QString Format = QStringLiteral("sagascope-lesson/1");

const QStringList RunSources = {
    QStringLiteral("compensatedSteps"), QStringLiteral("failedSteps"),      QStringLiteral("retriedSteps"),
    QStringLiteral("succeededSteps"),   QStringLiteral("firstCompensated"), QStringLiteral("outcome"),          QStringLiteral("higherThroughput"),
    QStringLiteral("longerLockHold"),   QStringLiteral("moreAnomalies"),
};

struct Fault
{
    QString place;
    QString message;
};

/** Typed reading with the JSON path of each value; the first fault is thrown as a Fault. */
class Reader
{
public:
    static QJsonValue member(const QJsonObject &object, const QString &place, const QString &key, bool required)
    {
        if (!object.contains(key)) {
            if (required)
                throw Fault{Reader::join(place, key), QStringLiteral("\"%1\" is required").arg(key)};
            return QJsonValue(QJsonValue::Undefined);
        }
        return object.value(key);
    }
    static QJsonObject object(const QJsonValue &value, const QString &place)
    {
        if (!value.isObject())
            throw Fault{place, QStringLiteral("expected an object")};
        return value.toObject();
    }
    static QString string(const QJsonObject &object, const QString &place, const QString &key, bool required)
    {
        const QJsonValue value = member(object, place, key, required);
        if (value.isUndefined())
            return {};
        if (!value.isString())
            throw Fault{join(place, key), QStringLiteral("expected a string")};
        return value.toString();
    }
    static bool boolean(const QJsonObject &object, const QString &place, const QString &key, bool fallback)
    {
        const QJsonValue value = member(object, place, key, false);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool())
            throw Fault{join(place, key), QStringLiteral("expected true or false")};
        return value.toBool();
    }
    static int integer(const QJsonObject &object, const QString &place, const QString &key, int fallback)
    {
        const QJsonValue value = member(object, place, key, false);
        if (value.isUndefined())
            return fallback;
        const double d = value.toDouble(-1);
        if (!value.isDouble() || d != static_cast<int>(d) || d < 0)
            throw Fault{join(place, key), QStringLiteral("expected a whole number, 0 or more")};
        return static_cast<int>(d);
    }
    static QStringList strings(const QJsonObject &object, const QString &place, const QString &key, bool required)
    {
        const QJsonValue value = member(object, place, key, required);
        if (value.isUndefined())
            return {};
        if (!value.isArray())
            throw Fault{join(place, key), QStringLiteral("expected a list of strings")};
        QStringList result;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString())
                throw Fault{QStringLiteral("%1[%2]").arg(join(place, key)).arg(i), QStringLiteral("expected a string")};
            result.append(array.at(i).toString());
        }
        return result;
    }
    /** {"en": …, "ko": …}: both languages, neither empty. */
    static LessonText text(const QJsonObject &object, const QString &place, const QString &key, bool required)
    {
        const QJsonValue value = member(object, place, key, required);
        if (value.isUndefined())
            return {};
        const QString here = join(place, key);
        const QJsonObject o = Reader::object(value, here);
        only(o, here, {QStringLiteral("en"), QStringLiteral("ko")});
        LessonText text;
        text.en = string(o, here, QStringLiteral("en"), true);
        text.ko = string(o, here, QStringLiteral("ko"), true);
        if (text.en.trimmed().isEmpty())
            throw Fault{join(here, QStringLiteral("en")), QStringLiteral("the English text is empty")};
        if (text.ko.trimmed().isEmpty())
            throw Fault{join(here, QStringLiteral("ko")), QStringLiteral("the Korean text is empty")};
        return text;
    }
    /** Unknown keys are mistakes in a lesson (a misspelt "until" would make a page pass at once). */
    static void only(const QJsonObject &object, const QString &place, const QStringList &keys)
    {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!keys.contains(it.key()))
                throw Fault{join(place, it.key()),
                            QStringLiteral("unknown field \"%1\" (expected one of: %2)").arg(it.key(), keys.join(QStringLiteral(", ")))};
    }
    static QString join(const QString &place, const QString &key)
    {
        return place.isEmpty() ? key : place + QLatin1Char('.') + key;
    }
};

const QRegularExpression &stepIdPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return pattern;
}

void checkStepId(const QString &id, const QString &place)
{
    if (!stepIdPattern().match(id).hasMatch())
        throw Fault{place, QStringLiteral("\"%1\" is not a step id").arg(id)};
}

LessonAction readAction(const QJsonValue &value, const QString &place, bool student)
{
    const QJsonObject o = Reader::object(value, place);
    LessonAction action;
    action.place = place;
    const QString verb = Reader::string(o, place, QStringLiteral("do"), true);
    const QString here = Reader::join(place, QStringLiteral("do"));
    using V = LessonAction::Verb;
    static const QHash<QString, V> verbs = {
        {QStringLiteral("load"), V::Load},           {QStringLiteral("run"), V::Run},
        {QStringLiteral("stop"), V::Stop},           {QStringLiteral("breakpoint"), V::Breakpoint},
        {QStringLiteral("resume"), V::Resume},       {QStringLiteral("fail"), V::Fail},
        {QStringLiteral("clearFaults"), V::ClearFaults}, {QStringLiteral("highlight"), V::Highlight},
        {QStringLiteral("recover"), V::Recover},     {QStringLiteral("fix"), V::Fix},
        {QStringLiteral("setKind"), V::SetKind},     {QStringLiteral("answer"), V::Answer},
    };
    if (!verbs.contains(verb))
        throw Fault{here, QStringLiteral("unknown action \"%1\" (expected one of: %2)")
                              .arg(verb, QStringList(verbs.keys()).join(QStringLiteral(", ")))};
    action.verb = verbs.value(verb);
    const QString d = QStringLiteral("do");
    switch (action.verb) {
    case V::Load:
        Reader::only(o, place, {d, QStringLiteral("saga")});
        action.saga = Reader::string(o, place, QStringLiteral("saga"), true);
        break;
    case V::Run:
        Reader::only(o, place, {d, QStringLiteral("options")});
        action.options = Reader::string(o, place, QStringLiteral("options"), false);
        break;
    case V::Breakpoint:
        Reader::only(o, place, {d, QStringLiteral("step"), QStringLiteral("compensation")});
        action.step = Reader::string(o, place, QStringLiteral("step"), true);
        action.compensation = Reader::boolean(o, place, QStringLiteral("compensation"), false);
        checkStepId(action.step, Reader::join(place, QStringLiteral("step")));
        break;
    case V::Fail: {
        Reader::only(o, place, {d, QStringLiteral("step"), QStringLiteral("fault"), QStringLiteral("compensation")});
        action.step = Reader::string(o, place, QStringLiteral("step"), true);
        action.fault = Reader::string(o, place, QStringLiteral("fault"), true);
        action.compensation = Reader::boolean(o, place, QStringLiteral("compensation"), false);
        checkStepId(action.step, Reader::join(place, QStringLiteral("step")));
        static const QRegularExpression fault(QStringLiteral("^(business|(technical|timeout)(:[0-9]+)?)$"));
        if (!fault.match(action.fault).hasMatch())
            throw Fault{Reader::join(place, QStringLiteral("fault")),
                        QStringLiteral("expected business, technical:N or timeout:N, not \"%1\"").arg(action.fault)};
        break;
    }
    case V::Highlight:
        Reader::only(o, place, {d, QStringLiteral("steps")});
        action.steps = Reader::strings(o, place, QStringLiteral("steps"), true);
        for (const QString &s : std::as_const(action.steps))
            checkStepId(s, Reader::join(place, QStringLiteral("steps")));
        break;
    case V::Fix:
        Reader::only(o, place, {d, QStringLiteral("rule")});
        action.rule = Reader::string(o, place, QStringLiteral("rule"), true);
        break;
    case V::SetKind:
        Reader::only(o, place, {d, QStringLiteral("step"), QStringLiteral("kind")});
        action.step = Reader::string(o, place, QStringLiteral("step"), true);
        action.kind = Reader::string(o, place, QStringLiteral("kind"), true);
        checkStepId(action.step, Reader::join(place, QStringLiteral("step")));
        if (!stepKindFromName(action.kind))
            throw Fault{Reader::join(place, QStringLiteral("kind")),
                        QStringLiteral("expected compensatable, pivot or retriable, not \"%1\"").arg(action.kind)};
        break;
    case V::Answer:
        Reader::only(o, place, {d, QStringLiteral("choices")});
        action.choices = Reader::strings(o, place, QStringLiteral("choices"), true);
        break;
    case V::Stop:
    case V::Resume:
    case V::ClearFaults:
    case V::Recover:
        Reader::only(o, place, {d});
        break;
    }
    if (!student && action.verb == V::Answer)
        throw Fault{here, QStringLiteral("\"answer\" is the student's: it belongs in \"solution\", not in \"do\"")};
    return action;
}

QList<LessonAction> readActions(const QJsonObject &o, const QString &place, const QString &key, bool student)
{
    const QJsonValue value = o.value(key);
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        throw Fault{Reader::join(place, key), QStringLiteral("expected a list of actions")};
    QList<LessonAction> actions;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        actions.append(readAction(array.at(i), QStringLiteral("%1.%2[%3]").arg(place, key).arg(i), student));
    return actions;
}

LessonCondition readCondition(const QJsonValue &value, const QString &place)
{
    const QJsonObject o = Reader::object(value, place);
    LessonCondition c;
    c.place = place;
    using K = LessonCondition::Kind;
    if (o.contains(QStringLiteral("all"))) {
        Reader::only(o, place, {QStringLiteral("all")});
        c.kind = K::All;
        const QJsonValue all = o.value(QStringLiteral("all"));
        if (!all.isArray() || all.toArray().isEmpty())
            throw Fault{Reader::join(place, QStringLiteral("all")), QStringLiteral("expected a list of conditions")};
        const QJsonArray array = all.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            c.all.append(readCondition(array.at(i), QStringLiteral("%1.all[%2]").arg(place).arg(i)));
    } else if (o.contains(QStringLiteral("event"))) {
        Reader::only(o, place, {QStringLiteral("event"), QStringLiteral("step"), QStringLiteral("failure"), QStringLiteral("count")});
        c.kind = K::Event;
        c.event = Reader::string(o, place, QStringLiteral("event"), true);
        if (!traceEventTypeFromName(c.event))
            throw Fault{Reader::join(place, QStringLiteral("event")),
                        QStringLiteral("\"%1\" is not a trace event (SPEC section 4, 5, 7)").arg(c.event)};
        c.step = Reader::string(o, place, QStringLiteral("step"), false);
        if (!c.step.isEmpty())
            checkStepId(c.step, Reader::join(place, QStringLiteral("step")));
        c.failure = Reader::string(o, place, QStringLiteral("failure"), false);
        if (!c.failure.isEmpty() && !failureKindFromName(c.failure))
            throw Fault{Reader::join(place, QStringLiteral("failure")), QStringLiteral("expected business, technical or timeout")};
        c.count = Reader::integer(o, place, QStringLiteral("count"), 1);
    } else if (o.contains(QStringLiteral("paused"))) {
        Reader::only(o, place, {QStringLiteral("paused")});
        c.kind = K::Paused;
        c.step = Reader::string(o, place, QStringLiteral("paused"), true);
        checkStepId(c.step, Reader::join(place, QStringLiteral("paused")));
    } else if (o.contains(QStringLiteral("diagnostic"))) {
        Reader::only(o, place, {QStringLiteral("diagnostic"), QStringLiteral("present")});
        c.kind = K::Diagnostic;
        c.rule = Reader::string(o, place, QStringLiteral("diagnostic"), true);
        static const QRegularExpression rule(QStringLiteral("^SAGA[0-9]{3}$"));
        if (!rule.match(c.rule).hasMatch())
            throw Fault{Reader::join(place, QStringLiteral("diagnostic")), QStringLiteral("expected a rule id like SAGA005")};
        c.present = Reader::boolean(o, place, QStringLiteral("present"), true);
    } else if (o.contains(QStringLiteral("valid"))) {
        Reader::only(o, place, {QStringLiteral("valid")});
        c.kind = K::Valid;
        if (!Reader::boolean(o, place, QStringLiteral("valid"), true))
            throw Fault{Reader::join(place, QStringLiteral("valid")), QStringLiteral("only \"valid\": true can be asked for")};
    } else if (o.contains(QStringLiteral("answered"))) {
        Reader::only(o, place, {QStringLiteral("answered")});
        c.kind = K::Answered;
        if (!Reader::boolean(o, place, QStringLiteral("answered"), true))
            throw Fault{Reader::join(place, QStringLiteral("answered")), QStringLiteral("only \"answered\": true can be asked for")};
    } else if (o.contains(QStringLiteral("stepKind"))) {
        Reader::only(o, place, {QStringLiteral("stepKind"), QStringLiteral("step")});
        c.kind = K::StepKind;
        c.stepKind = Reader::string(o, place, QStringLiteral("stepKind"), true);
        c.step = Reader::string(o, place, QStringLiteral("step"), true);
        checkStepId(c.step, Reader::join(place, QStringLiteral("step")));
        if (!stepKindFromName(c.stepKind))
            throw Fault{Reader::join(place, QStringLiteral("stepKind")), QStringLiteral("expected compensatable, pivot or retriable")};
    } else {
        throw Fault{place, QStringLiteral("a condition needs one of: event, paused, diagnostic, valid, answered, stepKind, all")};
    }
    return c;
}

LessonQuestion readQuestion(const QJsonValue &value, const QString &place)
{
    const QJsonObject o = Reader::object(value, place);
    Reader::only(o, place, {QStringLiteral("text"), QStringLiteral("choices"), QStringLiteral("multiple"), QStringLiteral("answer")});
    LessonQuestion q;
    q.text = Reader::text(o, place, QStringLiteral("text"), true);
    q.multiple = Reader::boolean(o, place, QStringLiteral("multiple"), false);
    const QJsonValue choices = Reader::member(o, place, QStringLiteral("choices"), true);
    if (!choices.isArray() || choices.toArray().size() < 2)
        throw Fault{Reader::join(place, QStringLiteral("choices")), QStringLiteral("expected a list of two choices or more")};
    const QJsonArray array = choices.toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString here = QStringLiteral("%1.choices[%2]").arg(place).arg(i);
        const QJsonObject c = Reader::object(array.at(i), here);
        Reader::only(c, here, {QStringLiteral("id"), QStringLiteral("text")});
        LessonQuestion::Choice choice;
        choice.id = Reader::string(c, here, QStringLiteral("id"), true);
        choice.text = Reader::text(c, here, QStringLiteral("text"), true);
        if (ids.contains(choice.id))
            throw Fault{Reader::join(here, QStringLiteral("id")), QStringLiteral("\"%1\" is already a choice").arg(choice.id)};
        ids.insert(choice.id);
        q.choices.append(choice);
    }
    const QString answerPlace = Reader::join(place, QStringLiteral("answer"));
    const QJsonValue answer = Reader::member(o, place, QStringLiteral("answer"), true);
    if (answer.isObject()) {
        const QJsonObject a = answer.toObject();
        Reader::only(a, answerPlace, {QStringLiteral("fromRun")});
        q.fromRun = Reader::string(a, answerPlace, QStringLiteral("fromRun"), true);
        if (!RunSources.contains(q.fromRun))
            throw Fault{Reader::join(answerPlace, QStringLiteral("fromRun")),
                        QStringLiteral("expected one of: %1").arg(RunSources.join(QStringLiteral(", ")))};
    } else {
        q.answer = Reader::strings(o, place, QStringLiteral("answer"), true);
        if (q.answer.isEmpty())
            throw Fault{answerPlace, QStringLiteral("the right answer names no choice")};
        for (const QString &id : std::as_const(q.answer))
            if (!ids.contains(id))
                throw Fault{answerPlace, QStringLiteral("\"%1\" is not one of the choices").arg(id)};
        if (!q.multiple && q.answer.size() > 1)
            throw Fault{answerPlace, QStringLiteral("a question with one answer (\"multiple\": false) names several")};
    }
    return q;
}

Lesson readLesson(const QJsonValue &root)
{
    const QJsonObject o = Reader::object(root, {});
    Reader::only(o, {}, {QStringLiteral("format"), QStringLiteral("id"), QStringLiteral("order"), QStringLiteral("title"),
                         QStringLiteral("summary"), QStringLiteral("pages")});
    const QString format = Reader::string(o, {}, QStringLiteral("format"), true);
    if (format != Format)
        throw Fault{QStringLiteral("format"), QStringLiteral("expected \"%1\", not \"%2\"").arg(Format, format)};
    Lesson lesson;
    lesson.id = Reader::string(o, {}, QStringLiteral("id"), true);
    static const QRegularExpression id(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    if (!id.match(lesson.id).hasMatch())
        throw Fault{QStringLiteral("id"), QStringLiteral("expected lower-case letters, digits and '-', not \"%1\"").arg(lesson.id)};
    lesson.order = Reader::integer(o, {}, QStringLiteral("order"), 0);
    lesson.title = Reader::text(o, {}, QStringLiteral("title"), true);
    lesson.summary = Reader::text(o, {}, QStringLiteral("summary"), true);
    const QJsonValue pages = Reader::member(o, {}, QStringLiteral("pages"), true);
    if (!pages.isArray() || pages.toArray().isEmpty())
        throw Fault{QStringLiteral("pages"), QStringLiteral("expected a list of one page or more")};
    const QJsonArray array = pages.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString place = QStringLiteral("pages[%1]").arg(i);
        const QJsonObject p = Reader::object(array.at(i), place);
        Reader::only(p, place, {QStringLiteral("title"), QStringLiteral("text"), QStringLiteral("task"), QStringLiteral("hint"),
                                QStringLiteral("do"), QStringLiteral("until"), QStringLiteral("question"),
                                QStringLiteral("solution")});
        LessonPage page;
        page.title = Reader::text(p, place, QStringLiteral("title"), true);
        page.text = Reader::text(p, place, QStringLiteral("text"), true);
        page.task = Reader::text(p, place, QStringLiteral("task"), false);
        page.hint = Reader::text(p, place, QStringLiteral("hint"), false);
        page.actions = readActions(p, place, QStringLiteral("do"), false);
        if (p.contains(QStringLiteral("until")))
            page.until = readCondition(p.value(QStringLiteral("until")), Reader::join(place, QStringLiteral("until")));
        if (p.contains(QStringLiteral("question")))
            page.question = readQuestion(p.value(QStringLiteral("question")), Reader::join(place, QStringLiteral("question")));
        page.solution = readActions(p, place, QStringLiteral("solution"), true);
        if (page.until.kind != LessonCondition::Kind::Always && page.task.isEmpty() && page.question.isEmpty())
            throw Fault{Reader::join(place, QStringLiteral("task")),
                        QStringLiteral("a page with \"until\" must say what the student does (\"task\" or \"question\")")};
        if (page.until.kind != LessonCondition::Kind::Always && page.solution.isEmpty())
            throw Fault{Reader::join(place, QStringLiteral("solution")),
                        QStringLiteral("a page with \"until\" needs a \"solution\" (what a student does; the lesson test plays it)")};
        lesson.pages.append(page);
    }
    return lesson;
}

} // namespace

namespace LessonFile {

std::optional<Lesson> parse(const QByteArray &text, const QString &filePath, LessonError *error)
{
    const JsonReader::Result json = JsonReader::parse(text);
    if (!json.ok) {
        if (error)
            *error = LessonError{filePath, json.path, json.line, json.column, json.message};
        return std::nullopt;
    }
    try {
        Lesson lesson = readLesson(json.value);
        lesson.filePath = filePath;
        lesson.folder = QFileInfo(filePath).absolutePath();
        if (filePath.startsWith(QLatin1Char(':')))
            lesson.folder = QFileInfo(filePath).path();
        return lesson;
    } catch (const Fault &fault) {
        if (error) {
            // A missing field has no place of its own: point at the nearest enclosing value.
            QString at = fault.place;
            auto [line, column] = JsonReader::locate(text, at);
            while (line == 0 && !at.isEmpty()) {
                const qsizetype cut = std::max(at.lastIndexOf(QLatin1Char('.')), at.lastIndexOf(QLatin1Char('[')));
                at = cut > 0 ? at.left(cut) : QString();
                std::tie(line, column) = JsonReader::locate(text, at);
            }
            *error = LessonError{filePath, fault.place, line, column, fault.message};
        }
        return std::nullopt;
    }
}

std::optional<Lesson> load(const QString &filePath, LessonError *error)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = LessonError{filePath, {}, 0, 0, file.errorString()};
        return std::nullopt;
    }
    return parse(file.readAll(), filePath, error);
}

QString sagaPath(const Lesson &lesson, const QString &saga, const QString &examplesDir)
{
    if (saga.startsWith(QLatin1String("example:")))
        return examplesDir + QLatin1Char('/') + saga.mid(8);
    return lesson.folder + QLatin1Char('/') + saga;
}

QList<LessonError> check(const Lesson &lesson, const QString &examplesDir)
{
    QList<LessonError> errors;
    QByteArray text;
    {
        QFile file(lesson.filePath);
        if (file.open(QIODevice::ReadOnly))
            text = file.readAll();
    }
    auto fault = [&](const QString &place, const QString &message) {
        auto [line, column] = JsonReader::locate(text, place);
        if (line == 0) // a list named as a whole (steps, choices): its first element's place
            std::tie(line, column) = JsonReader::locate(text, place + QStringLiteral("[0]"));
        errors.append(LessonError{lesson.filePath, place, line, column, message});
    };
    std::optional<SagaDefinition> saga; // the saga on the canvas at this point of the lesson
    auto knows = [&](const QString &step, const QString &place) {
        if (!saga)
            fault(place, QStringLiteral("names step \"%1\" before any saga is loaded").arg(step));
        else if (!saga->step(step))
            fault(place, QStringLiteral("\"%1\" is not a step of \"%2\"").arg(step, saga->name));
    };
    auto checkActions = [&](const QList<LessonAction> &actions) {
        for (const LessonAction &a : actions) {
            switch (a.verb) {
            case LessonAction::Verb::Load: {
                const QString path = sagaPath(lesson, a.saga, examplesDir);
                LoadResult result = SagaFile::load(path);
                if (!result.ok()) {
                    fault(Reader::join(a.place, QStringLiteral("saga")),
                          QStringLiteral("the saga does not load: %1").arg(result.error.message));
                    saga.reset();
                    break;
                }
                saga = *result.definition;
                break;
            }
            case LessonAction::Verb::Breakpoint:
            case LessonAction::Verb::Fail:
            case LessonAction::Verb::SetKind:
                knows(a.step, Reader::join(a.place, QStringLiteral("step")));
                break;
            case LessonAction::Verb::Highlight:
                for (const QString &s : a.steps)
                    knows(s, Reader::join(a.place, QStringLiteral("steps")));
                break;
            case LessonAction::Verb::Run:
                if (!saga)
                    fault(a.place, QStringLiteral("runs before any saga is loaded"));
                break;
            default:
                break;
            }
        }
    };
    std::function<void(const LessonCondition &)> checkCondition = [&](const LessonCondition &c) {
        if (!c.step.isEmpty())
            knows(c.step, c.place);
        for (const LessonCondition &part : c.all)
            checkCondition(part);
    };
    // `[[step]]` in a text names a card of the saga on the canvas.
    static const QRegularExpression reference(QStringLiteral("\\[\\[([A-Za-z_][A-Za-z0-9_]*)\\]\\]"));
    auto checkText = [&](const LessonText &t, const QString &place) {
        for (const QString &s : {t.en, t.ko}) {
            QRegularExpressionMatchIterator it = reference.globalMatch(s);
            while (it.hasNext())
                knows(it.next().captured(1), place);
        }
    };
    for (qsizetype i = 0; i < lesson.pages.size(); ++i) {
        const LessonPage &page = lesson.pages.at(i);
        checkActions(page.actions);
        const QString at = QStringLiteral("pages[%1]").arg(i);
        checkText(page.text, at + QStringLiteral(".text"));
        checkText(page.task, at + QStringLiteral(".task"));
        checkText(page.question.text, at + QStringLiteral(".question.text"));
        for (qsizetype c = 0; c < page.question.choices.size(); ++c)
            checkText(page.question.choices.at(c).text, QStringLiteral("%1.question.choices[%2].text").arg(at).arg(c));
        // A page opens on the saga its own actions loaded; a saga that cannot run is only
        // allowed where the page is about fixing it.
        if (saga && !page.actions.isEmpty() && page.actions.first().verb == LessonAction::Verb::Load) {
            const QStringList errorLines = Validator::errorLines(*saga);
            const bool fixes = std::any_of(page.solution.begin(), page.solution.end(), [](const LessonAction &a) {
                return a.verb == LessonAction::Verb::Fix || a.verb == LessonAction::Verb::SetKind;
            });
            if (!errorLines.isEmpty() && !fixes)
                fault(page.actions.first().place,
                      QStringLiteral("the saga has validation errors: %1").arg(errorLines.join(QStringLiteral("; "))));
        }
        checkCondition(page.until);
        if (!page.question.isEmpty() && (page.question.fromRun.endsWith(QLatin1String("Steps")) || page.question.fromRun == QLatin1String("firstCompensated")))
            for (const LessonQuestion::Choice &choice : page.question.choices)
                knows(choice.id, QStringLiteral("pages[%1].question.choices").arg(i));
        checkActions(page.solution);
    }
    return errors;
}

} // namespace LessonFile

LessonLibrary::LessonLibrary(const QString &folder, const QString &examplesDir)
    : m_examplesDir(examplesDir)
{
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.lesson.json")}, QDir::Files, QDir::Name);
    QSet<QString> ids;
    for (const QString &name : files) {
        LessonError error;
        std::optional<Lesson> lesson = LessonFile::load(dir.filePath(name), &error);
        if (!lesson) {
            m_errors.append(error);
            continue;
        }
        if (ids.contains(lesson->id)) {
            m_errors.append(LessonError{lesson->filePath, QStringLiteral("id"), 0, 0,
                                        QStringLiteral("another lesson already has the id \"%1\"").arg(lesson->id)});
            continue;
        }
        ids.insert(lesson->id);
        m_lessons.append(*lesson);
    }
    std::stable_sort(m_lessons.begin(), m_lessons.end(),
                     [](const Lesson &a, const Lesson &b) { return a.order < b.order; });
}

const Lesson *LessonLibrary::find(const QString &id) const
{
    for (const Lesson &lesson : m_lessons)
        if (lesson.id == id)
            return &lesson;
    return nullptr;
}

QStringList LessonLibrary::ids() const
{
    QStringList result;
    for (const Lesson &lesson : m_lessons)
        result.append(lesson.id);
    return result;
}

} // namespace Sagascope

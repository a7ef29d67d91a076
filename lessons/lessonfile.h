// SPDX-License-Identifier: MIT
#pragma once

#include "lesson.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sagascope {

/** A fault in a lesson file: the file, the JSON path and line/column of the place, and what is wrong. */
struct LessonError
{
    QString file;
    QString place;   // JSON path, e.g. pages[2].until.event
    int line = 0;
    int column = 0;
    QString message;
    /** `FILE:LINE:COLUMN: PLACE: MESSAGE` (the parts that are known). */
    QString toString() const;
};

/**
 * Reads lesson files (`*.lesson.json`, docs/LESSONS.md) and checks them: the strict JSON reader,
 * then every field's type, both languages of every text, the verbs and conditions, and then the
 * meaning: every saga a page loads exists and has no validation error, and every step an action,
 * a condition or a question names is a step of the saga loaded at that page. Nothing here needs
 * a window; the lesson test and `sagascope --lesson` use it.
 */
namespace LessonFile {

/** Reads one lesson; on a fault returns nothing and sets `error`. */
std::optional<Lesson> parse(const QByteArray &text, const QString &filePath, LessonError *error);
std::optional<Lesson> load(const QString &filePath, LessonError *error);

/** Where a `load` action's `saga` is: relative to the lesson's folder, or "example:NAME" in
 *  `examplesDir`. */
QString sagaPath(const Lesson &lesson, const QString &saga, const QString &examplesDir);

/** The faults of meaning (sagas that do not load or validate, unknown steps), one a line, each
 *  naming the file and the place. Empty: the lesson can be played. */
QList<LessonError> check(const Lesson &lesson, const QString &examplesDir);

} // namespace LessonFile

/** Every lesson of a folder, in their `order`. */
class LessonLibrary
{
public:
    /** Reads every `*.lesson.json` in `folder`; faulty files are kept in errors(). */
    explicit LessonLibrary(const QString &folder, const QString &examplesDir);

    const QList<Lesson> &lessons() const { return m_lessons; }
    const QList<LessonError> &errors() const { return m_errors; }
    QString examplesDir() const { return m_examplesDir; }
    const Lesson *find(const QString &id) const;
    QStringList ids() const;

private:
    QList<Lesson> m_lessons;
    QList<LessonError> m_errors;
    QString m_examplesDir;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QListWidget;
QT_END_NAMESPACE

namespace Sagascope {

class LessonLibrary;
class LessonProgress;

/** Help › Lessons…: every lesson with its summary and how far the student got; Open plays the
 *  chosen one (chosenLesson()). */
class LessonsDialog : public QDialog
{
    Q_OBJECT
public:
    LessonsDialog(const LessonLibrary &library, const LessonProgress &progress, const QString &language,
                  QWidget *parent = nullptr);
    QString chosenLesson() const;
    QListWidget *list() const { return m_list; }

private:
    QListWidget *m_list = nullptr;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#include "lessonsdialog.h"

#include "lessoncontroller.h"
#include "lessonfile.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sagascope {

LessonsDialog::LessonsDialog(const LessonLibrary &library, const LessonProgress &progress, const QString &language,
                             QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Lessons"));
    setObjectName(QStringLiteral("lessonsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Guided lessons on distributed transactions and sagas. Each one plays beside the "
                                "canvas; your progress is remembered."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    for (const Lesson &lesson : library.lessons()) {
        const int reached = progress.reached(lesson.id);
        QString state;
        if (progress.isDone(lesson.id))
            state = tr("✓ done");
        else if (reached > 0)
            state = tr("page %1 of %2").arg(reached).arg(lesson.pages.size());
        else
            state = tr("not started");
        auto *item = new QListWidgetItem(QStringLiteral("%1. %2  (%3)\n%4")
                                             .arg(lesson.order)
                                             .arg(lesson.title.in(language), state, lesson.summary.in(language)),
                                         m_list);
        item->setData(Qt::UserRole, lesson.id);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    layout->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    resize(560, 520);
}

QString LessonsDialog::chosenLesson() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#include "lessondock.h"

#include "lessonplayer.h"
#include "translations.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QTextDocument>
#include <QVBoxLayout>

namespace Sagascope {

namespace {

/** Paragraphs (blank lines) of plain lesson text as HTML; `code_like` ids stay as written. */
QString toHtml(const QString &text)
{
    QStringList paragraphs;
    for (const QString &p : text.split(QStringLiteral("\n\n")))
        paragraphs.append(QStringLiteral("<p>%1</p>").arg(p.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
    return paragraphs.join(QString());
}

} // namespace

LessonDock::LessonDock(LessonPlayer *player, QWidget *parent)
    : QWidget(parent), m_player(player)
{
    auto *layout = new QVBoxLayout(this);
    m_lessonTitle = new QLabel(this);
    m_lessonTitle->setObjectName(QStringLiteral("lessonTitle"));
    m_lessonTitle->setWordWrap(true);
    QFont big = m_lessonTitle->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_lessonTitle->setFont(big);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("lessonProgress"));
    m_pageTitle = new QLabel(this);
    m_pageTitle->setObjectName(QStringLiteral("pageTitle"));
    m_pageTitle->setWordWrap(true);
    QFont bold = m_pageTitle->font();
    bold.setBold(true);
    m_pageTitle->setFont(bold);
    m_narration = new QLabel(this);
    m_narration->setObjectName(QStringLiteral("narration"));
    m_narration->setTextFormat(Qt::RichText);
    m_narration->setWordWrap(true);
    m_narration->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_narration->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont reading = m_narration->font(); // read from the back of a room, too
    reading.setPointSizeF(reading.pointSizeF() * 1.15);
    m_narration->setFont(reading);
    m_taskHeading = new QLabel(this);
    m_taskHeading->setFont(bold);
    m_task = new QLabel(this);
    m_task->setObjectName(QStringLiteral("task"));
    m_task->setWordWrap(true);
    m_task->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setWordWrap(true);
    m_hint->hide();

    m_questionBox = new QGroupBox(this);
    m_questionBox->setObjectName(QStringLiteral("question"));
    auto *questionLayout = new QVBoxLayout(m_questionBox);
    m_questionText = new QLabel(m_questionBox);
    m_questionText->setWordWrap(true);
    questionLayout->addWidget(m_questionText);
    m_choicesLayout = new QVBoxLayout;
    questionLayout->addLayout(m_choicesLayout);
    m_choices = new QButtonGroup(this);
    auto *checkRow = new QHBoxLayout;
    m_check = new QPushButton(m_questionBox);
    m_check->setObjectName(QStringLiteral("checkAnswer"));
    m_feedback = new QLabel(m_questionBox);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_feedback->setWordWrap(true);
    checkRow->addWidget(m_check);
    checkRow->addWidget(m_feedback, 1);
    questionLayout->addLayout(checkRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("lessonStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_restart = new QPushButton(this);
    m_restart->setObjectName(QStringLiteral("lessonRestart"));
    m_showMe = new QPushButton(this);
    m_showMe->setObjectName(QStringLiteral("lessonShowMe"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_next->setDefault(true);
    buttons->addWidget(m_back);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_showMe);
    buttons->addStretch();
    buttons->addWidget(m_next);

    // The page scrolls when it is longer than the dock; the status and the buttons stay in view.
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_lessonTitle);
    pageLayout->addWidget(m_progress);
    pageLayout->addWidget(m_pageTitle);
    pageLayout->addWidget(m_narration);
    pageLayout->addWidget(m_taskHeading);
    pageLayout->addWidget(m_task);
    pageLayout->addWidget(m_hint);
    pageLayout->addWidget(m_questionBox);
    pageLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(page);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_back, &QPushButton::clicked, this, [this] { m_player->back(); });
    connect(m_next, &QPushButton::clicked, this, [this] { m_player->next(); });
    connect(m_restart, &QPushButton::clicked, this, [this] { m_player->restart(); });
    connect(m_showMe, &QPushButton::clicked, this, &LessonDock::showMeRequested);
    connect(m_check, &QPushButton::clicked, this, &LessonDock::checkAnswer);
    connect(m_player, &LessonPlayer::pageChanged, this, [this] {
        m_problem.clear();
        m_missed = false;
        showHint(false);
        refresh();
    });
    connect(m_player, &LessonPlayer::attemptMissed, this, [this] {
        m_missed = true;
        showHint(true);
        updateStatus();
    });
    connect(m_player, &LessonPlayer::conditionMet, this, &LessonDock::updateStatus);
    connect(m_player, &LessonPlayer::languageChanged, this, &LessonDock::refresh);
    connect(m_player, &LessonPlayer::actionFailed, this, &LessonDock::showProblem);
    retranslate();
}

void LessonDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_player->setLanguage(Translations::lessonLanguage());
        retranslate();
    }
    QWidget::changeEvent(event);
}

void LessonDock::retranslate()
{
    m_back->setText(tr("Back"));
    m_next->setText(tr("Next"));
    m_restart->setText(tr("Restart"));
    m_showMe->setText(tr("Show Me"));
    m_showMe->setToolTip(tr("Do the student's part of this page on the canvas"));
    m_check->setText(tr("Check"));
    m_taskHeading->setText(tr("Your turn"));
    refresh();
}

void LessonDock::refresh()
{
    if (!m_player->isOpen()) {
        m_lessonTitle->setText(tr("No lesson is open: Help › Lessons…"));
        m_pageTitle->clear();
        m_narration->clear();
        m_taskHeading->hide();
        m_task->hide();
        m_questionBox->hide();
        m_status->clear();
        for (QPushButton *b : {m_back, m_next, m_restart, m_showMe})
            b->setEnabled(false);
        return;
    }
    const QString language = m_player->language();
    const LessonPage &page = m_player->page();
    m_lessonTitle->setText(m_player->lesson().title.in(language));
    m_progress->setRange(0, m_player->pageCount());
    m_progress->setValue(m_player->pageIndex() + 1);
    m_progress->setFormat(tr("Page %1 of %2").arg(m_player->pageIndex() + 1).arg(m_player->pageCount()));
    m_pageTitle->setText(page.title.in(language));
    m_narration->setText(toHtml(m_player->render(page.text)));
    const QString task = m_player->render(page.task);
    m_taskHeading->setVisible(!task.isEmpty());
    m_task->setVisible(!task.isEmpty());
    m_task->setText(task);
    m_questionBox->setVisible(!page.question.isEmpty());
    if (!page.question.isEmpty()) {
        m_questionBox->setTitle(tr("Question"));
        m_questionText->setText(m_player->render(page.question.text));
        rebuildQuestion();
    }
    showHint(m_hintShown);
    m_back->setEnabled(m_player->pageIndex() > 0);
    m_restart->setEnabled(true);
    m_showMe->setEnabled(!page.solution.isEmpty());
    updateStatus();
}

void LessonDock::rebuildQuestion()
{
    const LessonQuestion &q = m_player->page().question;
    const QStringList ticked = m_builtFor == m_player->pageIndex() ? tickedChoices() : QStringList();
    for (QAbstractButton *b : m_choices->buttons()) {
        m_choices->removeButton(b);
        delete b;
    }
    m_choices->setExclusive(!q.multiple);
    for (const LessonQuestion::Choice &choice : q.choices) {
        QAbstractButton *button = q.multiple ? static_cast<QAbstractButton *>(new QCheckBox(m_questionBox))
                                             : new QRadioButton(m_questionBox);
        button->setText(m_player->render(choice.text));
        button->setObjectName(QStringLiteral("choice_") + choice.id);
        button->setProperty("choiceId", choice.id);
        button->setChecked(ticked.contains(choice.id));
        m_choices->addButton(button);
        m_choicesLayout->addWidget(button);
    }
    if (m_builtFor != m_player->pageIndex())
        m_feedback->clear();
    m_builtFor = m_player->pageIndex();
}

QStringList LessonDock::tickedChoices() const
{
    QStringList ids;
    for (QAbstractButton *b : m_choices->buttons())
        if (b->isChecked())
            ids.append(b->property("choiceId").toString());
    return ids;
}

void LessonDock::tickChoices(const QStringList &ids)
{
    for (QAbstractButton *b : m_choices->buttons())
        b->setChecked(ids.contains(b->property("choiceId").toString()));
}

void LessonDock::checkAnswer()
{
    const QStringList ticked = tickedChoices();
    if (ticked.isEmpty()) {
        m_feedback->setText(tr("Tick an answer first."));
        return;
    }
    switch (m_player->answer(ticked)) {
    case LessonPlayer::AnswerResult::Right:
        m_feedback->setText(tr("Right."));
        break;
    case LessonPlayer::AnswerResult::Wrong:
        showHint(true);
        m_feedback->setText(m_player->page().question.fromRun.isEmpty()
                                ? tr("Not quite. Read the page again and try once more.")
                                : tr("Not quite: the run says otherwise. Look at the cards and the Event Log again."));
        break;
    case LessonPlayer::AnswerResult::NoRunYet:
        m_feedback->setText(tr("The answer is read from the run: run the saga first."));
        break;
    }
}

void LessonDock::showHint(bool show)
{
    const QString hint = m_player->isOpen() ? m_player->render(m_player->page().hint) : QString();
    m_hint->setText(tr("Hint: %1").arg(hint));
    m_hintShown = show;
    m_hint->setVisible(show && !hint.isEmpty());
}

void LessonDock::showProblem(const QString &message)
{
    m_problem = message;
    updateStatus();
}

void LessonDock::updateStatus()
{
    if (!m_player->isOpen())
        return;
    const bool met = m_player->isConditionMet();
    const bool last = m_player->pageIndex() + 1 >= m_player->pageCount();
    m_next->setEnabled(met && !last);
    QString text;
    if (!m_problem.isEmpty())
        text = tr("This lesson has a problem: %1").arg(m_problem);
    else if (met && last)
        text = tr("✓ Lesson complete. Choose another one in Help › Lessons…");
    else if (met)
        text = m_player->page().until.kind == LessonCondition::Kind::Always ? QString() : tr("✓ Done. Press Next.");
    else if (m_missed)
        text = tr("The run ended, but not as the task asks. Look at what happened, then try again.");
    else if (!m_player->page().question.isEmpty() && m_player->page().until.kind == LessonCondition::Kind::Answered)
        text = tr("Answer the question to go on.");
    else
        text = tr("Do the task above to go on.");
    m_status->setText(text);
}

QString LessonDock::statusText() const
{
    return m_status->text();
}

QString LessonDock::narrationText() const
{
    QTextDocument document;
    document.setHtml(m_narration->text());
    return document.toPlainText();
}

} // namespace Sagascope

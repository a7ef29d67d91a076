// SPDX-License-Identifier: MIT
// Answers the next modal message box in a window test, recording what it said.
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>

#include <functional>

/** Answers the next modal message box with a standard button (answer()) or the button
 *  labelled `label` without the & (choose()), recording its texts. */
struct MessageBoxAnswer
{
    QString text;
    QString informativeText;
    QString objectName;
    bool seen = false;

    void answer(QMessageBox::StandardButton button)
    {
        poll([button](QMessageBox *box) { return box->button(button); }, 200);
    }
    void choose(const QString &label)
    {
        poll([label](QMessageBox *box) -> QAbstractButton * {
            const QList<QAbstractButton *> buttons = box->buttons();
            for (QAbstractButton *b : buttons)
                if (b->text().remove(QLatin1Char('&')) == label)
                    return b;
            return nullptr;
        }, 300);
    }

private:
    void poll(const std::function<QAbstractButton *(QMessageBox *)> &pick, int triesLeft, int delayMs = 0)
    {
        QTimer::singleShot(delayMs, qApp, [this, pick, triesLeft] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box) {
                if (triesLeft > 0)
                    poll(pick, triesLeft - 1, 10);
                return;
            }
            seen = true;
            text = box->text();
            informativeText = box->informativeText();
            objectName = box->objectName();
            if (QAbstractButton *b = pick(box))
                b->click();
            else
                box->reject();
        });
    }
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QListWidget;
class QTextBrowser;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * Help › Glossary and F1: the glossary's concepts in a list, the chosen one explained beside it
 * with a link to its full documentation, in the interface's language (Glossary).
 */
class GlossaryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GlossaryDialog(QWidget *parent = nullptr);

    /** Shows the concept `key` (the list's first when the glossary has no such key). */
    void showEntry(const QString &key);
    QString currentKey() const;
    /** The text shown now (title, explanation and link), as plain text. */
    QString shownText() const;

private:
    QListWidget *m_list = nullptr;
    QTextBrowser *m_text = nullptr;
    QString m_language;
};

} // namespace Sagascope

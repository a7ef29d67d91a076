// SPDX-License-Identifier: MIT
#include "glossarydialog.h"

#include "glossary.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLocale>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace Sagascope {

GlossaryDialog::GlossaryDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(Glossary::languageOf(QLocale()))
{
    setWindowTitle(tr("Glossary"));
    setObjectName(QStringLiteral("glossaryDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("glossaryList"));
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("glossaryText"));
    m_text->setOpenExternalLinks(true);
    row->addWidget(m_list, 1);
    row->addWidget(m_text, 2);
    layout->addLayout(row);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 420);

    const Glossary &glossary = Glossary::builtIn();
    for (const QString &key : glossary.keys()) {
        if (const auto entry = glossary.entry(key, m_language)) {
            auto *item = new QListWidgetItem(entry->title, m_list);
            item->setData(Qt::UserRole, key);
        }
    }
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const QListWidgetItem *item = m_list->currentItem();
        const auto entry = item ? Glossary::builtIn().entry(item->data(Qt::UserRole).toString(), m_language) : std::nullopt;
        if (!entry) {
            m_text->clear();
            return;
        }
        QString html = QStringLiteral("<h3>%1</h3><p>%2</p>").arg(entry->title.toHtmlEscaped(), entry->text.toHtmlEscaped());
        const QString path = Glossary::documentationPath(entry->doc);
        html += path.isEmpty() ? QStringLiteral("<p>%1</p>").arg(tr("More in %1.").arg(entry->doc.toHtmlEscaped()))
                               : QStringLiteral("<p><a href=\"%1\">%2</a></p>")
                                     .arg(QUrl::fromLocalFile(path).toString(), tr("More in %1").arg(entry->doc.toHtmlEscaped()));
        m_text->setHtml(html);
    });
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void GlossaryDialog::showEntry(const QString &key)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == key) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

QString GlossaryDialog::currentKey() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QString GlossaryDialog::shownText() const
{
    return m_text->toPlainText();
}

} // namespace Sagascope

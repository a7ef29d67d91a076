// SPDX-License-Identifier: MIT
#include "httpexchangepanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sagascope {

namespace {

QPlainTextEdit *bodyView(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

HttpExchangePanel::HttpExchangePanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont bold = font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_copy = new QAction(this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copy, &QAction::triggered, this, &HttpExchangePanel::copy);
    addAction(m_copy);
    m_copyButton = new QToolButton(this);
    m_copyButton->setDefaultAction(m_copy);
    m_copyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    top->addWidget(m_title, 1);
    top->addWidget(m_copyButton);
    layout->addLayout(top);

    m_stack = new QStackedWidget(this);
    m_messageLabel = new QLabel(m_stack);
    m_messageLabel->setObjectName(QStringLiteral("httpExchangeMessage"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_messageLabel);

    auto *page = new QWidget(m_stack);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(4);
    m_requestTabs = new QTabBar(page);
    m_requestTabs->setDocumentMode(true);
    m_requestTabs->setExpanding(false);
    m_requestTabs->hide(); // shown for an attempt of more than one request
    connect(m_requestTabs, &QTabBar::currentChanged, this, &HttpExchangePanel::showRequest);
    pageLayout->addWidget(m_requestTabs);
    m_requestLine = selectableLabel(page);
    m_requestLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pageLayout->addWidget(m_requestLine);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_status = selectableLabel(page);
    m_outcome = selectableLabel(page);
    m_duration = selectableLabel(page);
    m_statusCaption = new QLabel(page);
    m_outcomeCaption = new QLabel(page);
    m_durationCaption = new QLabel(page);
    form->addRow(m_statusCaption, m_status);
    form->addRow(m_outcomeCaption, m_outcome);
    form->addRow(m_durationCaption, m_duration);
    pageLayout->addLayout(form);

    m_parts = new QTabWidget(page);
    m_parts->setDocumentMode(true);
    auto *headersPage = new QWidget(m_parts);
    auto *headersLayout = new QVBoxLayout(headersPage);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    m_headers = new QTableWidget(0, 2, headersPage);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->verticalHeader()->hide();
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_headers->setWordWrap(false);
    m_headers->setTextElideMode(Qt::ElideMiddle); // the end of a key (…/take_payment/action) stays in view
    m_headers->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_headersNote = new QLabel(headersPage);
    m_headersNote->setWordWrap(true);
    m_headersNote->setForegroundRole(QPalette::PlaceholderText);
    headersLayout->addWidget(m_headersNote);
    headersLayout->addWidget(m_headers, 1);
    m_requestBody = bodyView(m_parts);
    auto *replyPage = new QWidget(m_parts);
    auto *replyLayout = new QVBoxLayout(replyPage);
    replyLayout->setContentsMargins(0, 0, 0, 0);
    m_replyBody = bodyView(replyPage);
    m_replyNote = new QLabel(replyPage);
    m_replyNote->setWordWrap(true);
    m_replyNote->setForegroundRole(QPalette::PlaceholderText);
    replyLayout->addWidget(m_replyNote);
    replyLayout->addWidget(m_replyBody, 1);
    m_parts->addTab(replyPage, QString());
    m_parts->addTab(headersPage, QString());
    m_parts->addTab(m_requestBody, QString());
    pageLayout->addWidget(m_parts, 1);
    m_stack->addWidget(page);
    layout->addWidget(m_stack, 1);

    retranslate();
    clear();
}

void HttpExchangePanel::retranslate()
{
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the exchange as text (Ctrl+C); credentials stay redacted"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_parts->setTabText(0, tr("Reply body"));
    m_parts->setTabText(1, tr("Request headers"));
    m_parts->setTabText(2, tr("Request body"));
    m_statusCaption->setText(tr("Status:"));
    m_outcomeCaption->setText(tr("Outcome:"));
    m_durationCaption->setText(tr("Duration:"));
    setAccessibleName(tr("HTTP Exchange"));
}

void HttpExchangePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showAttempt(m_key, m_ended, m_reason);
    }
    QWidget::changeEvent(event);
}

void HttpExchangePanel::setDefinition(const SagaDefinition &definition, bool simulate)
{
    m_definition = definition;
    m_simulate = simulate;
    clear();
}

void HttpExchangePanel::setLogPath(const QString &path)
{
    m_exchange.setLogPath(path);
}

void HttpExchangePanel::showAttempt(const HttpAttemptKey &key, bool ended, const QString &reason)
{
    m_key = key;
    m_ended = ended;
    m_reason = reason;
    m_requests.clear();
    m_remote = false;
    m_copy->setEnabled(false);
    if (!key.isValid()) {
        m_title->clear();
        return showMessage(tr("Select an attempt of a step in the Event Log or on the Timeline to see its HTTP exchange."));
    }
    const Step *step = m_definition.step(key.step);
    const bool action = key.operation == OperationKind::Action;
    const QString operation = action ? tr("action") : tr("compensation");
    m_title->setText(tr("%1 \u2014 %2, attempt %3").arg(step ? step->displayName() : key.step, operation).arg(key.attempt));
    const Operation *op = !step ? nullptr : action ? &step->action : step->compensation ? &*step->compensation : nullptr;
    m_remote = !m_simulate && op && !op->http.isEmpty();
    if (!m_remote)
        return showMessage(m_simulate ? tr("This step is simulated in this run (it was started with --simulate): no HTTP "
                                           "request was sent.")
                                      : tr("This step is simulated: its %1 has no \"http\", so no HTTP request is sent.")
                                            .arg(operation));
    if (m_exchange.logPath().isEmpty())
        return showMessage(tr("This run keeps no saga log, so its HTTP requests were not kept. Runs started from this "
                              "window keep one for the session; sagascope-cli run --db PATH keeps every request in the "
                              "table http_attempts of PATH (docs/REMOTE.md), and sagascope --monitor PATH shows them "
                              "here."));
    QString error;
    m_requests = m_exchange.load(key, &error);
    if (!error.isEmpty())
        return showMessage(tr("The saga log cannot be read: %1").arg(error));
    if (m_requests.isEmpty()) {
        if (!ended)
            return showMessage(tr("Request sent: waiting for the reply\u2026"));
        return showMessage(reason.isEmpty() ? tr("The saga log holds no request for this attempt yet.")
                                            : tr("No request was sent for this attempt: %1.").arg(reason));
    }
    m_message.clear();
    m_copy->setEnabled(true);
    {
        const QSignalBlocker block(m_requestTabs);
        while (m_requestTabs->count() > 0)
            m_requestTabs->removeTab(0);
        for (qsizetype i = 0; i < m_requests.size(); ++i) {
            const HttpAttemptRecord &r = m_requests.at(i);
            m_requestTabs->addTab(r.status > 0 ? tr("Request %1: %2").arg(i + 1).arg(r.status)
                                               : tr("Request %1").arg(i + 1));
        }
        m_requestTabs->setCurrentIndex(int(m_requests.size()) - 1);
    }
    m_requestTabs->setVisible(m_requests.size() > 1);
    m_stack->setCurrentIndex(1);
    // Its tabs changed while its page may have been hidden: ask the layout for room again (seen:
    // a height of 0 when an attempt was chosen while the dock was behind another).
    m_requestTabs->updateGeometry();
    showRequest(int(m_requests.size()) - 1);
}

void HttpExchangePanel::showMessage(const QString &text)
{
    m_message = text;
    m_messageLabel->setText(text);
    m_stack->setCurrentIndex(0);
}

QString HttpExchangePanel::outcomeWords(const QString &outcome) const
{
    if (outcome == QLatin1String("succeeded"))
        return tr("succeeded");
    if (outcome == QLatin1String("technical"))
        return tr("technical failure: retried while attempts are left");
    if (outcome == QLatin1String("timeout"))
        return tr("timed out: effect unknown");
    if (outcome == QLatin1String("business"))
        return tr("business failure: not applied, not retried");
    if (outcome == QLatin1String("reauthorized"))
        return tr("refused (401): sent again with a new token");
    return outcome;
}

void HttpExchangePanel::showRequest(int index)
{
    if (index < 0 || index >= m_requests.size())
        return;
    const HttpAttemptRecord &r = m_requests.at(index);
    m_requestLine->setText(r.method + QLatin1Char(' ') + r.url);
    if (r.status > 0) {
        const QString phrase = HttpExchange::reasonPhrase(r.status);
        m_status->setText(phrase.isEmpty() ? QString::number(r.status) : QStringLiteral("%1 %2").arg(r.status).arg(phrase));
    } else if (r.error == QLatin1String("timeout")) {
        m_status->setText(tr("no reply within the step's timeout: the request was aborted"));
    } else {
        m_status->setText(tr("no HTTP reply: %1").arg(r.error.isEmpty() ? tr("the connection failed") : r.error));
    }
    m_outcome->setText(outcomeWords(r.outcome));
    m_duration->setText(tr("%L1 ms").arg(r.durationMs));

    m_headers->setRowCount(0);
    if (!r.requestKept) {
        const QString note = tr("Not kept by this log's version (schema %1; the request is kept from version 7 on).")
                                 .arg(m_exchange.schemaVersion());
        m_headersNote->setText(note);
        m_requestBody->setPlainText(note);
    } else {
        m_headersNote->setText(r.requestHeaders.isEmpty() ? tr("Nothing was sent: no token could be had in time.")
                                                          : tr("As sent; credentials are redacted in the log."));
        m_headers->setRowCount(int(r.requestHeaders.size()));
        for (int row = 0; row < r.requestHeaders.size(); ++row) {
            m_headers->setItem(row, 0, new QTableWidgetItem(r.requestHeaders.at(row).name));
            auto *value = new QTableWidgetItem(r.requestHeaders.at(row).value);
            value->setToolTip(r.requestHeaders.at(row).value);
            m_headers->setItem(row, 1, value);
        }
        m_requestBody->setPlainText(r.requestBody.isEmpty() ? tr("(no body)") : HttpExchange::bodyText(r.requestBody));
    }
    bool json = false;
    const QString reply = HttpExchange::bodyText(r.reply, &json);
    m_replyBody->setPlainText(r.reply.isEmpty() ? (r.status > 0 ? tr("(empty)") : tr("(no reply)")) : reply);
    QStringList notes;
    if (HttpExchange::isTruncated(r.reply))
        notes.append(tr("The first 4 KiB of the reply: the log keeps no more."));
    if (!r.reply.isEmpty())
        notes.append(json ? tr("JSON, indented") : tr("Text as received"));
    m_replyNote->setText(notes.join(QLatin1String(" \u00b7 ")));
    m_replyNote->setVisible(!notes.isEmpty());
}

QSize HttpExchangePanel::sizeHint() const
{
    return QSize(fontMetrics().averageCharWidth() * 52, QWidget::sizeHint().height());
}

QString HttpExchangePanel::requestLine() const { return m_requestLine->text(); }
QString HttpExchangePanel::statusText() const { return m_status->text(); }
QString HttpExchangePanel::outcomeText() const { return m_outcome->text(); }
QString HttpExchangePanel::durationText() const { return m_duration->text(); }
QString HttpExchangePanel::requestBodyText() const { return m_requestBody->toPlainText(); }
QString HttpExchangePanel::replyBodyText() const { return m_replyBody->toPlainText(); }
QString HttpExchangePanel::replyNote() const { return m_replyNote->text(); }

QString HttpExchangePanel::exchangeText() const
{
    return m_requests.isEmpty() ? QString() : HttpExchange::toText(m_key, m_requests);
}

void HttpExchangePanel::copy()
{
    const QString text = exchangeText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace Sagascope

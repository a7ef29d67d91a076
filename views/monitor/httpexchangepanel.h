// SPDX-License-Identifier: MIT
#pragma once

#include "httpexchange.h"
#include "sagadefinition.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabBar;
class QTabWidget;
class QTableWidget;
class QToolButton;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * The HTTP Exchange dock: what one attempt of a remote step sent and got back (SPEC section 6),
 * read from the run's saga log by an HttpExchange: method and URL, status with its reason phrase
 * or the network error in words, outcome, duration, the request's headers (credentials
 * redacted, as the log keeps them) and body, and the first 4 KiB of the reply. An attempt
 * answered by a 401 and sent again with a new token shows both requests (a tab each). Otherwise
 * it says why there is nothing to show: nothing selected, a simulated step, a reply still on its
 * way, a failure injected before anything was sent, a run that keeps no log. Copy (Ctrl+C) puts
 * the exchange on the clipboard as text. The HttpExchangeLink decides what it shows.
 */
class HttpExchangePanel : public QWidget
{
    Q_OBJECT
public:
    explicit HttpExchangePanel(QWidget *parent = nullptr);

    /** The saga run: which operations call HTTP; `simulate`: the run ran every one on the simulator. */
    void setDefinition(const SagaDefinition &definition, bool simulate);
    /** The saga log the run writes or the monitor follows; empty: the run keeps none. */
    void setLogPath(const QString &path);
    QString logPath() const { return m_exchange.logPath(); }

    /** Shows `key` (invalid: none). `ended`: its outcome is in the trace (a reply, a timeout,
     *  an injected failure), with that `reason`. Reads the log again each time. */
    void showAttempt(const HttpAttemptKey &key, bool ended, const QString &reason = {});
    void clear() { showAttempt({}, false); }
    HttpAttemptKey attempt() const { return m_key; }
    /** The requests shown (empty when a message is shown instead). */
    const QList<HttpAttemptRecord> &requests() const { return m_requests; }
    /** True when the attempt's outcome is in the trace but its rows were not read yet (the
     *  commit that holds them may come a moment after the event): worth reading again. */
    bool awaitsRows() const { return m_key.isValid() && m_ended && m_requests.isEmpty() && m_remote && m_message.isEmpty(); }

    /** What is shown instead of an exchange (empty when one is shown). */
    QString message() const { return m_message; }
    /** The request line, the status, the outcome and the duration as shown. */
    QString requestLine() const;
    QString statusText() const;
    QString outcomeText() const;
    QString durationText() const;
    QTableWidget *headersTable() const { return m_headers; }
    QString requestBodyText() const;
    QString replyBodyText() const;
    QString replyNote() const;
    /** The request tab bar (shown when an attempt has more than one request). */
    QTabBar *requestTabs() const { return m_requestTabs; }
    /** The exchange as text, for the clipboard. */
    QString exchangeText() const;

    QSize sizeHint() const override;

public Q_SLOTS:
    void copy();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRequest(int index);
    void showMessage(const QString &text);
    QString outcomeWords(const QString &outcome) const;
    void retranslate();

    HttpExchange m_exchange;
    SagaDefinition m_definition;
    bool m_simulate = false;
    HttpAttemptKey m_key;
    bool m_ended = false;
    bool m_remote = false;
    QString m_reason;
    QList<HttpAttemptRecord> m_requests;
    QString m_message;

    QLabel *m_title = nullptr;
    QToolButton *m_copyButton = nullptr;
    QAction *m_copy = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_messageLabel = nullptr;
    QTabBar *m_requestTabs = nullptr;
    QLabel *m_requestLine = nullptr;
    QLabel *m_statusCaption = nullptr;
    QLabel *m_outcomeCaption = nullptr;
    QLabel *m_durationCaption = nullptr;
    QLabel *m_duration = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_outcome = nullptr;
    QTabWidget *m_parts = nullptr;
    QTableWidget *m_headers = nullptr;
    QLabel *m_headersNote = nullptr;
    QPlainTextEdit *m_requestBody = nullptr;
    QPlainTextEdit *m_replyBody = nullptr;
    QLabel *m_replyNote = nullptr;
};

} // namespace Sagascope

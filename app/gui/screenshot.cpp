// SPDX-License-Identifier: MIT
#include "screenshot.h"

#include "mainwindow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QPixmap>
#include <QRegularExpression>

namespace Sagascope {

namespace {
constexpr int PollMs = 50;
constexpr int QuietTicksNeeded = 3; // idle for a few polls in a row: layouts and repaints are done
} // namespace

Screenshot::Screenshot(MainWindow *window, const QString &outputPath, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_outputPath(outputPath)
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &Screenshot::poll);
}

QSize Screenshot::parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    return size.width() > 0 && size.height() > 0 ? size : QSize();
}

void Screenshot::start(int timeoutMs)
{
    m_deadline = QDateTime::currentMSecsSinceEpoch() + timeoutMs;
    m_quietTicks = 0;
    m_timer.start();
}

void Screenshot::poll()
{
    const bool timedOut = QDateTime::currentMSecsSinceEpoch() > m_deadline;
    if ((m_busy ? m_busy() : m_window->isBusy()) && !timedOut) {
        m_quietTicks = 0;
        return;
    }
    if (++m_quietTicks < QuietTicksNeeded && !timedOut)
        return;
    m_timer.stop();
    QCoreApplication::sendPostedEvents();
    const QPixmap pixmap = m_window->grab();
    if (pixmap.isNull() || !pixmap.save(m_outputPath, "PNG")) {
        Q_EMIT finished(false, tr("Cannot write the screenshot %1.").arg(QDir::toNativeSeparators(m_outputPath)));
        return;
    }
    Q_EMIT finished(true, timedOut ? tr("The window was still busy; screenshot taken anyway.") : QString());
}

} // namespace Sagascope

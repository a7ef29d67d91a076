// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSize>
#include <QString>
#include <QTimer>

#include <functional>

namespace Sagascope {

class MainWindow;

/**
 * `--screenshot OUT.png` (SPEC section 4a): waits until the shown window is idle (no pending
 * layout, animation or run), grabs it with QWidget::grab() and saves the PNG, then reports.
 */
class Screenshot : public QObject
{
    Q_OBJECT
public:
    Screenshot(MainWindow *window, const QString &outputPath, QObject *parent = nullptr);

    /** Starts waiting; finished() follows. `timeoutMs` bounds the wait for idle. */
    void start(int timeoutMs = 60000);
    /** What counts as busy (default: the window's isBusy()); a lesson paused at its breakpoint
     *  is a picture to take, not a run to wait for. */
    void setBusyCheck(std::function<bool()> busy) { m_busy = std::move(busy); }
    /** Parses "WxH" (e.g. 1280x800); an invalid size when malformed. */
    static QSize parseSize(const QString &text);

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void poll();

    MainWindow *m_window;
    QString m_outputPath;
    QTimer m_timer;
    int m_quietTicks = 0;
    qint64 m_deadline = 0;
    std::function<bool()> m_busy;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Sagascope {

/**
 * Is a process writing this saga log? Every writer (`run`, `recover`, the desktop app's runs)
 * holds an flock() on the log's lock file `PATH-lock` for as long as it has the log open, and
 * the kernel drops it when the process dies, also by SIGKILL. Whether anyone holds it is read
 * from /proc/locks (the lock file's device and inode), without taking the lock: a probe with
 * flock() itself could, for an instant, refuse a writer that is just starting.
 *
 * A follower (the monitor) asks it when no new rows come, to tell a quiet run from a dead one.
 */
class WriterLiveness
{
public:
    enum class Writer {
        Alive,   // some process holds the log's lock
        Gone,    // nobody does (or there is no lock file: no writer ever opened the log)
        Unknown, // cannot tell (no /proc/locks)
    };

    /** Looks now at the writers of the saga log at `logPath`. */
    static Writer of(const QString &logPath);
    /** The same, reading the lock table from `procLocks` (tests). */
    static Writer of(const QString &logPath, const QString &procLocks);
};

} // namespace Sagascope

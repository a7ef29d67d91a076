// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QFileSystemWatcher;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * Watches the file a document was loaded from or saved to, and tells when another program
 * changed it. It remembers the file as the document last read or wrote it (size, modification
 * time and a hash of the bytes); the file counts as changed outside when it is gone or its
 * bytes differ from those (a `touch`, or a rewrite with the same bytes, is no change).
 *
 * A QFileSystemWatcher on the file and on its folder reports changes as they happen, also a
 * delete followed by a new file (editors that write a new file and rename it over the old,
 * `git checkout`): the folder's watch brings the file's back. Watchers miss some of those
 * writes, so isChangedOutside() looks again (size and time first, the bytes only when they
 * differ) and the document asks it right before every save. Needs no display.
 */
class FileGuard : public QObject
{
    Q_OBJECT
public:
    enum class State { Unchanged, Changed, Deleted };
    Q_ENUM(State)

    explicit FileGuard(QObject *parent = nullptr);
    ~FileGuard() override;

    /** Watches `path` and takes its present bytes as the document's own (after a load or a
     *  save); an empty path stops watching. */
    void watch(const QString &path);
    QString path() const { return m_path; }
    /** Takes the file as it is now as known (the user chose to keep their version, or the
     *  document was reloaded): no signal until it changes again. */
    void acknowledge();

    /** Looks at the file now: unchanged, changed (other bytes) or deleted since watch() or
     *  acknowledge(). A file that is back with the same bytes is unchanged. */
    State check() const;
    bool isChangedOutside() const { return check() != State::Unchanged; }

Q_SIGNALS:
    /** The file changed or went away behind the document's back (sent once per change, after
     *  the writes settle; again only after acknowledge() or watch()). */
    void changedOutside(Sagascope::FileGuard::State state);

private:
    struct Stamp
    {
        bool exists = false;
        qint64 size = -1;
        QDateTime modified;
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };
    static Stamp stampOf(const QString &path);
    static QByteArray hashOf(const QString &path);
    void rewatch();
    void settle();

    QFileSystemWatcher *m_watcher = nullptr;
    QTimer m_settle; // writes come in bursts (truncate, write, rename): look once they are done
    QString m_path;
    Stamp m_stamp;
    QByteArray m_hash;
    State m_reported = State::Unchanged; // what the last changedOutside() said
};

} // namespace Sagascope

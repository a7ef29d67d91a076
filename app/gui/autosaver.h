// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

QT_BEGIN_NAMESPACE
class QLockFile;
QT_END_NAMESPACE

namespace Sagascope {

class SagaDocument;

/** An autosave left behind by a session that ended without cleaning up (a crash). */
struct RecoveryEntry
{
    QString sagaPath;     // the autosaved definition
    QString metaPath;     // {"file": original path, "name": ..., "savedAt": ISO time}
    QString originalPath; // the file the user was editing, empty for an untitled saga
    QString name;         // the saga's name, for the prompt
    QDateTime savedAt;
};

/**
 * Autosaves a modified document every minute to a recovery file under
 * QStandardPaths::AppDataLocation/recovery, one per running session, guarded by a lock file so
 * that a running session's file is never offered to another. The recovery file is removed when
 * the document is saved or closed cleanly; one that survives a crash is offered back.
 */
class Autosaver : public QObject
{
    Q_OBJECT
public:
    explicit Autosaver(SagaDocument *document, QObject *parent = nullptr);
    ~Autosaver() override;

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    bool isActive() const { return m_timer.isActive(); }

    /** Writes the recovery file now if the document is modified, removes it otherwise. */
    bool autosave(QString *error = nullptr);
    /** Removes this session's recovery file (after a clean save or close). */
    void discard();
    QString recoveryFilePath() const;

    static QString recoveryDirectory();
    /** Recovery files whose session is gone, newest first. */
    static QList<RecoveryEntry> orphans();
    static void remove(const RecoveryEntry &entry);

private:
    bool ensureLocked();

    SagaDocument *m_document;
    QTimer m_timer;
    QString m_sessionId;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Sagascope

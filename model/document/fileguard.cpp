// SPDX-License-Identifier: MIT
#include "fileguard.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>

namespace Sagascope {

FileGuard::FileGuard(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(150);
    connect(&m_settle, &QTimer::timeout, this, &FileGuard::settle);
    const auto touched = [this] {
        rewatch(); // a file deleted and made again is a new file to watch
        m_settle.start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, touched);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, touched);
}

FileGuard::~FileGuard() = default;

FileGuard::Stamp FileGuard::stampOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    return {true, info.size(), info.lastModified()};
}

QByteArray FileGuard::hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

void FileGuard::watch(const QString &path)
{
    m_settle.stop();
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_path = path.isEmpty() || path.startsWith(QLatin1Char(':')) ? QString() : QFileInfo(path).absoluteFilePath();
    acknowledge();
    if (m_path.isEmpty())
        return;
    m_watcher->addPath(QFileInfo(m_path).absolutePath());
    rewatch();
}

void FileGuard::acknowledge()
{
    m_stamp = m_path.isEmpty() ? Stamp{} : stampOf(m_path);
    m_hash = m_stamp.exists ? hashOf(m_path) : QByteArray();
    m_reported = State::Unchanged;
}

void FileGuard::rewatch()
{
    if (!m_path.isEmpty() && !m_watcher->files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher->addPath(m_path);
}

FileGuard::State FileGuard::check() const
{
    if (m_path.isEmpty())
        return State::Unchanged;
    const Stamp now = stampOf(m_path);
    if (!now.exists)
        return m_stamp.exists ? State::Deleted : State::Unchanged;
    if (now == m_stamp)
        return State::Unchanged;
    // Another time or size: the bytes decide (a touch, or the same bytes written again, is no change).
    return hashOf(m_path) == m_hash ? State::Unchanged : State::Changed;
}

void FileGuard::settle()
{
    const State state = check();
    if (state == m_reported)
        return;
    if (state == State::Unchanged) { // back as it was (a rename dance, a revert): nothing to say
        m_reported = state;
        return;
    }
    m_reported = state;
    Q_EMIT changedOutside(state);
}

} // namespace Sagascope

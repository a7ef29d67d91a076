// SPDX-License-Identifier: MIT
#include "autosaver.h"

#include "sagadocument.h"
#include "sagafile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace Sagascope {

namespace {
constexpr int DefaultIntervalMs = 60 * 1000;
const QLatin1String SagaSuffix(".saga");
const QLatin1String MetaSuffix(".json");
const QLatin1String LockSuffix(".lock");

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}
} // namespace

Autosaver::Autosaver(SagaDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_sessionId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { autosave(); });
    // A save makes the recovery file useless; so does undoing back to the saved state.
    connect(document, &SagaDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard();
    });
}

Autosaver::~Autosaver()
{
    discard();
}

QString Autosaver::recoveryDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

QString Autosaver::recoveryFilePath() const
{
    return recoveryDirectory() + QLatin1Char('/') + m_sessionId + SagaSuffix;
}

bool Autosaver::ensureLocked()
{
    if (m_lock)
        return true;
    if (!QDir().mkpath(recoveryDirectory()))
        return false;
    auto lock = std::make_unique<QLockFile>(recoveryDirectory() + QLatin1Char('/') + m_sessionId + LockSuffix);
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return false;
    m_lock = std::move(lock);
    return true;
}

bool Autosaver::autosave(QString *error)
{
    if (!m_document->isModified()) {
        discard();
        return true;
    }
    if (!ensureLocked()) {
        if (error)
            *error = tr("Cannot lock the recovery folder %1.").arg(QDir::toNativeSeparators(recoveryDirectory()));
        return false;
    }
    const QString base = recoveryDirectory() + QLatin1Char('/') + m_sessionId;
    QJsonObject meta;
    meta.insert(QStringLiteral("file"), m_document->filePath());
    meta.insert(QStringLiteral("name"), m_document->definition().name);
    meta.insert(QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    return writeAtomically(base + SagaSuffix, SagaFile::serialize(m_document->definition()), error)
        && writeAtomically(base + MetaSuffix, QJsonDocument(meta).toJson(), error);
}

void Autosaver::discard()
{
    const QString base = recoveryDirectory() + QLatin1Char('/') + m_sessionId;
    QFile::remove(base + MetaSuffix);
    QFile::remove(base + SagaSuffix);
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
}

QList<RecoveryEntry> Autosaver::orphans()
{
    QList<RecoveryEntry> entries;
    const QDir dir(recoveryDirectory());
    const QStringList metas = dir.entryList({QStringLiteral("*") + MetaSuffix}, QDir::Files);
    for (const QString &metaName : metas) {
        const QString id = metaName.chopped(MetaSuffix.size());
        QLockFile lock(dir.filePath(id + LockSuffix));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // its session is still running
        lock.unlock();

        RecoveryEntry entry;
        entry.metaPath = dir.filePath(metaName);
        entry.sagaPath = dir.filePath(id + SagaSuffix);
        if (!QFile::exists(entry.sagaPath)) {
            QFile::remove(entry.metaPath);
            continue;
        }
        QFile file(entry.metaPath);
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject meta = QJsonDocument::fromJson(file.read(64 * 1024)).object();
            entry.originalPath = meta.value(QLatin1String("file")).toString();
            entry.name = meta.value(QLatin1String("name")).toString();
            entry.savedAt = QDateTime::fromString(meta.value(QLatin1String("savedAt")).toString(), Qt::ISODateWithMs);
        }
        if (!entry.savedAt.isValid())
            entry.savedAt = QFileInfo(entry.sagaPath).lastModified();
        entries.append(entry);
    }
    std::sort(entries.begin(), entries.end(),
              [](const RecoveryEntry &a, const RecoveryEntry &b) { return a.savedAt > b.savedAt; });
    return entries;
}

void Autosaver::remove(const RecoveryEntry &entry)
{
    QFile::remove(entry.sagaPath);
    QFile::remove(entry.metaPath);
}

} // namespace Sagascope

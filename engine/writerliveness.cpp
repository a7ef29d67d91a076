// SPDX-License-Identifier: MIT
#include "writerliveness.h"

#include <QFile>
#include <QRegularExpression>

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace Sagascope {

WriterLiveness::Writer WriterLiveness::of(const QString &logPath)
{
    return of(logPath, QStringLiteral("/proc/locks"));
}

WriterLiveness::Writer WriterLiveness::of(const QString &logPath, const QString &procLocks)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(logPath + QStringLiteral("-lock")).constData(), &info) != 0)
        return Writer::Gone; // no lock file: no writer has the log open
    QFile table(procLocks);
    if (!table.open(QIODevice::ReadOnly | QIODevice::Text))
        return Writer::Unknown;
    // "1: FLOCK  ADVISORY  READ 23014 fe:00:10952731 0 EOF" (a waiter's line has "->" after the
    // number): the device as MAJOR:MINOR in hex, then the inode.
    const QString id = QStringLiteral("%1:%2:%3")
                           .arg(major(info.st_dev), 2, 16, QLatin1Char('0'))
                           .arg(minor(info.st_dev), 2, 16, QLatin1Char('0'))
                           .arg(quint64(info.st_ino));
    static const QRegularExpression space(QStringLiteral("\\s+"));
    // Read whole: a /proc file has no size, so atEnd() would say it is empty.
    const QList<QByteArray> lines = table.readAll().split('\n');
    for (const QByteArray &bytes : lines) {
        const QString line = QString::fromLatin1(bytes);
        const QStringList fields = line.split(space, Qt::SkipEmptyParts);
        if (fields.size() < 6 || fields.contains(QStringLiteral("->")) || fields.value(1) != QLatin1String("FLOCK"))
            continue;
        if (fields.value(5).compare(id, Qt::CaseInsensitive) == 0)
            return Writer::Alive;
    }
    return Writer::Gone;
}

} // namespace Sagascope

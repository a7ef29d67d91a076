// SPDX-License-Identifier: MIT
#include "glossary.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace Sagascope {

const Glossary &Glossary::builtIn()
{
    static const Glossary glossary = load(QStringLiteral(":/glossary/glossary.json"));
    return glossary;
}

Glossary Glossary::load(const QString &path)
{
    Glossary glossary;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return glossary;
    const QJsonObject entries = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("entries")).toObject();
    for (auto it = entries.constBegin(); it != entries.constEnd(); ++it) {
        const QJsonObject object = it.value().toObject();
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("ko")}) {
            const QJsonObject text = object.value(language).toObject();
            if (text.isEmpty())
                continue;
            glossary.m_entries[it.key()].insert(
                language, GlossaryEntry{it.key(), text.value(QLatin1String("title")).toString(),
                                        text.value(QLatin1String("text")).toString(), object.value(QLatin1String("doc")).toString()});
        }
    }
    glossary.m_keys = glossary.m_entries.keys();
    std::sort(glossary.m_keys.begin(), glossary.m_keys.end(), [&glossary](const QString &a, const QString &b) {
        return glossary.m_entries[a].value(QStringLiteral("en")).title.compare(glossary.m_entries[b].value(QStringLiteral("en")).title,
                                                                              Qt::CaseInsensitive) < 0;
    });
    return glossary;
}

std::optional<GlossaryEntry> Glossary::entry(const QString &key, const QString &language) const
{
    const auto found = m_entries.constFind(key);
    if (found == m_entries.cend())
        return std::nullopt;
    if (const auto it = found->constFind(language); it != found->cend() && !it->text.isEmpty())
        return *it;
    if (const auto it = found->constFind(QStringLiteral("en")); it != found->cend())
        return *it;
    return std::nullopt;
}

QString Glossary::languageOf(const QLocale &locale)
{
    return locale.language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
}

QString Glossary::keyOf(StepKind kind)
{
    return stepKindName(kind);
}

QString Glossary::documentationPath(const QString &doc)
{
    const QStringList roots{QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/sagascope"),
                            QStringLiteral(SAGASCOPE_SOURCE_DIR)};
    for (const QString &root : roots) {
        const QFileInfo info(root + QLatin1Char('/') + doc);
        if (info.isFile())
            return info.canonicalFilePath();
    }
    return {};
}

} // namespace Sagascope

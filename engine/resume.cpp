// SPDX-License-Identifier: MIT
#include "resume.h"

#include <array>

namespace Sagascope {

namespace {
constexpr std::array<const char *, 3> ResolutionNames = {"retry", "done", "compensated"};
}

QString resolutionName(Resolution resolution)
{
    return QString::fromLatin1(ResolutionNames[size_t(resolution)]);
}

std::optional<Resolution> resolutionFromName(QStringView name)
{
    for (size_t i = 0; i < ResolutionNames.size(); ++i) {
        if (name == QLatin1String(ResolutionNames[i]))
            return Resolution(i);
    }
    return std::nullopt;
}

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

QT_BEGIN_NAMESPACE
class QGraphicsScene;
QT_END_NAMESPACE

namespace Sagascope {

/**
 * Renders a scene (the whole canvas, a margin around it, no grid, no selection) to SVG or PNG.
 * Needs a QApplication but no display: it works on the offscreen platform.
 */
class SceneExport
{
public:
    static constexpr int Margin = 32;

    /** The SVG document of the scene; `title` goes into <title>. */
    static QByteArray toSvg(QGraphicsScene *scene, const QString &title = {});
    /** The scene as an image; `scale` 2 gives crisp text on HiDPI screens and in docs. */
    static QImage toImage(QGraphicsScene *scene, qreal scale = 2.0);
    /** PNG bytes of toImage(). */
    static QByteArray toPng(QGraphicsScene *scene, qreal scale = 2.0);

    /** Writes `bytes` to `path` atomically (QSaveFile); false with `error` set on failure. */
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error);
};

} // namespace Sagascope

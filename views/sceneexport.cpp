// SPDX-License-Identifier: MIT
#include "sceneexport.h"

#include "sagascene.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace Sagascope {

namespace {

/** Hides what belongs to editing (grid, selection) while the scene is rendered. */
class ExportScope
{
public:
    explicit ExportScope(QGraphicsScene *scene) : m_scene(scene)
    {
        m_selection = scene->selectedItems();
        for (QGraphicsItem *item : std::as_const(m_selection))
            item->setSelected(false);
        if (auto *saga = qobject_cast<SagaScene *>(scene)) {
            m_saga = saga;
            m_grid = saga->gridVisible();
            saga->setGridVisible(false);
        }
    }
    ~ExportScope()
    {
        if (m_saga)
            m_saga->setGridVisible(m_grid);
        for (QGraphicsItem *item : std::as_const(m_selection))
            item->setSelected(true);
    }
    ExportScope(const ExportScope &) = delete;
    ExportScope &operator=(const ExportScope &) = delete;

private:
    QGraphicsScene *m_scene;
    QList<QGraphicsItem *> m_selection;
    SagaScene *m_saga = nullptr;
    bool m_grid = false;
};

QRectF exportRect(QGraphicsScene *scene)
{
    QRectF bounds = scene->itemsBoundingRect();
    if (bounds.isEmpty())
        bounds = QRectF(0, 0, 200, 120);
    bounds.adjust(-SceneExport::Margin, -SceneExport::Margin, SceneExport::Margin, SceneExport::Margin);
    return QRectF(std::floor(bounds.left()), std::floor(bounds.top()), std::ceil(bounds.width()),
                  std::ceil(bounds.height()));
}

} // namespace

QByteArray SceneExport::toSvg(QGraphicsScene *scene, const QString &title)
{
    ExportScope scope(scene);
    const QRectF source = exportRect(scene);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(title.toHtmlEscaped()); // QSvgGenerator writes the title unescaped
    generator.setDescription(QCoreApplication::translate("SceneExport", "Saga diagram exported by Sagascope"));
    generator.setResolution(96);
    QPainter painter;
    if (!painter.begin(&generator))
        return {};
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return buffer.data();
}

QImage SceneExport::toImage(QGraphicsScene *scene, qreal scale)
{
    ExportScope scope(scene);
    const QRectF source = exportRect(scene);
    scale = qBound<qreal>(0.1, scale, 8.0);
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(scene->palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return image;
}

QByteArray SceneExport::toPng(QGraphicsScene *scene, qreal scale)
{
    const QImage image = toImage(scene, scale);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bool SceneExport::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("SceneExport", "%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    file.write(bytes);
    if (!file.commit()) {
        if (error)
            *error = QCoreApplication::translate("SceneExport", "%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Sagascope

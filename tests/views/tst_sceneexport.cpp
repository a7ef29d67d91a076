// SPDX-License-Identifier: MIT
// SceneExport: the SVG holds every step label as text (XML-escaped), the PNG is the whole
// canvas at the requested scale, and neither shows the grid or the selection.

#include "sagadocument.h"
#include "sagascene.h"
#include "sceneexport.h"
#include "stepitem.h"

#include "testconfig.h"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Sagascope;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SAGASCOPE_SOURCE_DIR "/tests/views/data/") + QLatin1String(name);
}

/** All character data of an SVG document, one string per text node. */
QStringList svgTexts(const QByteArray &svg, QString *error)
{
    QStringList texts;
    QXmlStreamReader reader(svg);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters() && !reader.isWhitespace())
            texts.append(reader.text().toString().trimmed());
    }
    if (reader.hasError())
        *error = reader.errorString();
    return texts;
}

} // namespace

class TestSceneExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void svgHoldsEveryLabel_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("fan-out (special characters)") << dataFile("fan-out.saga");
        QTest::newRow("placed") << dataFile("placed.saga");
        const QString example = QStringLiteral(SAGASCOPE_EXAMPLES_DIR "/order-checkout.saga");
        if (QFile::exists(example))
            QTest::newRow("order-checkout example") << example;
    }

    void svgHoldsEveryLabel()
    {
        QFETCH(QString, file);
        SagaDocument document;
        LoadError error;
        QVERIFY2(document.load(file, &error), qPrintable(error.toString()));
        SagaScene scene(&document);
        const QByteArray svg = SceneExport::toSvg(&scene, document.definition().name);
        QVERIFY(svg.startsWith("<?xml"));
        QString xmlError;
        const QStringList texts = svgTexts(svg, &xmlError);
        QVERIFY2(xmlError.isEmpty(), qPrintable(xmlError));
        for (const Step &step : document.definition().steps) {
            QVERIFY2(texts.contains(step.displayName()), qPrintable(QStringLiteral("label missing: ") + step.displayName()));
        }
        QVERIFY(texts.contains(document.definition().name)); // <title>
        // The view box covers every card.
        QXmlStreamReader reader(svg);
        while (reader.readNextStartElement() && reader.name() != QLatin1String("svg")) { }
        const QStringList box = reader.attributes().value(QLatin1String("viewBox")).toString().split(QLatin1Char(' '));
        QCOMPARE(box.size(), 4);
        const QRectF cards = scene.stepsBoundingRect();
        QVERIFY(box.at(2).toDouble() >= cards.width() && box.at(3).toDouble() >= cards.height());
    }

    void pngIsTheWholeCanvas()
    {
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        scene.stepItem(QStringLiteral("a"))->setSelected(true);
        const QImage image = SceneExport::toImage(&scene, 2.0);
        const QSizeF expected = (scene.itemsBoundingRect().size() + QSizeF(2 * SceneExport::Margin, 2 * SceneExport::Margin)) * 2;
        QVERIFY(qAbs(image.width() - expected.width()) <= 4);
        QVERIFY(qAbs(image.height() - expected.height()) <= 4);
        // Not blank: the card fill and outline of every kind are there, on the base colour.
        const QColor base = scene.palette().color(QPalette::Base);
        QCOMPARE(image.pixelColor(1, 1), base);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY(colours.size() > 50);
        // Selection is restored after the export, and PNG bytes decode to the same size.
        QVERIFY(scene.stepItem(QStringLiteral("a"))->isSelected());
        QVERIFY(scene.gridVisible());
        QImage decoded;
        QVERIFY(decoded.loadFromData(SceneExport::toPng(&scene, 1.0), "PNG"));
        QVERIFY(qAbs(decoded.width() - expected.width() / 2) <= 2);
    }

    void exportHidesTheGrid()
    {
        // The empty canvas corner is plain base colour: no grid dots are rendered.
        SagaDocument document;
        LoadError error;
        QVERIFY(document.load(dataFile("placed.saga"), &error));
        SagaScene scene(&document);
        QVERIFY(scene.gridVisible());
        const QImage image = SceneExport::toImage(&scene, 1.0);
        const QColor base = scene.palette().color(QPalette::Base);
        for (int y = 0; y < SceneExport::Margin - 2; ++y) {
            for (int x = 0; x < 40; ++x)
                QCOMPARE(image.pixelColor(x, y), base);
        }
    }

    void writeFileIsAtomicAndReportsErrors()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        const QString path = dir.filePath(QStringLiteral("out.svg"));
        QVERIFY(SceneExport::writeFile(path, "hello", &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("hello"));
        QVERIFY(!SceneExport::writeFile(dir.filePath(QStringLiteral("missing/dir/out.svg")), "x", &error));
        QVERIFY(error.contains(QStringLiteral("missing/dir/out.svg")));
    }
};

QTEST_MAIN(TestSceneExport)
#include "tst_sceneexport.moc"

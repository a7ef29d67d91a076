// SPDX-License-Identifier: MIT
// `sagascope-cli export FILE --to asl|bpmn|seata|dot|svg|png [-o OUT]` (SPEC section 4).

#include "commands.h"

#include "bridge.h"
#include "graphvizlayout.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "sagascene.h"
#include "sceneexport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPalette>
#include <QTextStream>

#include <cstdio>

namespace Sagascope::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

bool writeOutput(const QString &path, const QByteArray &bytes, QTextStream &err)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(bytes) != bytes.size()) {
            err << tr("sagascope-cli export: cannot write to standard output\n");
            return false;
        }
        out.flush();
        return true;
    }
    QString error;
    if (!SceneExport::writeFile(path, bytes, &error)) {
        err << "sagascope-cli export: " << error << '\n';
        return false;
    }
    return true;
}

/** A neutral dark palette, for pictures that sit on dark pages. */
QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    return palette;
}

} // namespace

int exportCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Export a .saga file: as a diagram (svg, png), as Graphviz DOT (dot), or for another "
           "orchestrator (asl, bpmn, seata)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The .saga file to export."));
    const QCommandLineOption toOption(QStringList{QStringLiteral("to")},
                                      tr("Output format: asl, bpmn, seata, dot, svg or png."), tr("FORMAT"));
    const QCommandLineOption outputOption(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                          tr("Write to OUT instead of standard output."), tr("OUT"));
    const QCommandLineOption directionOption(QStringList{QStringLiteral("direction")},
                                             tr("Layout direction for steps without a position: lr (default) or tb."),
                                             tr("DIR"), QStringLiteral("lr"));
    const QCommandLineOption scaleOption(QStringList{QStringLiteral("scale")},
                                         tr("Pixels per canvas unit for png (default 2)."), tr("N"),
                                         QStringLiteral("2"));
    const QCommandLineOption layoutOption(QStringList{QStringLiteral("layout")},
                                          tr("Lay every step out again, ignoring saved positions (svg, png)."));
    const QCommandLineOption themeOption(QStringList{QStringLiteral("theme")},
                                         tr("Colours for svg and png: light (default) or dark."), tr("THEME"),
                                         QStringLiteral("light"));
    const QCommandLineOption swimlanesOption(QStringList{QStringLiteral("swimlanes")},
                                             tr("Draw one lane per service (svg, png); with --layout, lay services out as lanes."));
    parser.addOption(toOption);
    parser.addOption(swimlanesOption);
    parser.addOption(themeOption);
    parser.addOption(outputOption);
    parser.addOption(directionOption);
    parser.addOption(scaleOption);
    parser.addOption(layoutOption);

    QString inputPath;
    if (const std::optional<int> exit = parseCommand(parser, arguments, "export", out, err, &inputPath))
        return *exit;
    if (!parser.isSet(toOption)) {
        err << tr("sagascope-cli export: --to FORMAT is required (asl, bpmn, seata, dot, svg, png)\n");
        return ExitBadInput;
    }
    const QString format = parser.value(toOption).toLower();
    const QStringList known = {QStringLiteral("asl"), QStringLiteral("bpmn"), QStringLiteral("seata"),
                               QStringLiteral("dot"), QStringLiteral("svg"), QStringLiteral("png")};
    if (!known.contains(format)) {
        err << tr("sagascope-cli export: unknown format '%1' (asl, bpmn, seata, dot, svg, png)\n").arg(format);
        return ExitBadInput;
    }
    const QString direction = parser.value(directionOption).toLower();
    if (direction != QLatin1String("lr") && direction != QLatin1String("tb")) {
        err << tr("sagascope-cli export: --direction must be lr or tb, not '%1'\n").arg(direction);
        return ExitBadInput;
    }
    const QString theme = parser.value(themeOption).toLower();
    if (theme != QLatin1String("light") && theme != QLatin1String("dark")) {
        err << tr("sagascope-cli export: --theme must be light or dark, not '%1'\n").arg(theme);
        return ExitBadInput;
    }
    bool scaleOk = false;
    const double scale = parser.value(scaleOption).toDouble(&scaleOk);
    if (!scaleOk || scale < 0.25 || scale > 8) {
        err << tr("sagascope-cli export: --scale must be a number from 0.25 to 8\n");
        return ExitBadInput;
    }

    const QString &path = inputPath;
    const LoadResult loaded = SagaFile::load(path);
    if (!loaded.ok()) {
        err << loaded.error.toString() << '\n';
        return ExitBadInput;
    }
    const QString output = parser.value(outputOption);
    const LayoutDirection layoutDirection =
        direction == QLatin1String("tb") ? LayoutDirection::TopToBottom : LayoutDirection::LeftToRight;

    // asl, bpmn, seata: the bridge (model/bridge, docs/BRIDGE.md); what a format cannot hold is a warning.
    if (const std::optional<BridgeFormat> bridgeFormat = Bridge::formatFromName(format)) {
        QStringList warnings;
        QString error;
        const std::optional<QByteArray> bytes = Bridge::exportAs(*loaded.definition, *bridgeFormat, &warnings, &error);
        for (const QString &warning : std::as_const(warnings))
            err << tr("warning: %1").arg(warning) << '\n';
        if (!bytes) {
            err << "sagascope-cli export: " << path << ": " << error << '\n';
            return ExitBadInput;
        }
        return writeOutput(output, *bytes, err) ? 0 : ExitBadInput;
    }

    if (format == QLatin1String("dot")) {
        DotOptions options;
        options.direction = layoutDirection;
        return writeOutput(output, GraphvizLayout::dotText(*loaded.definition, options), err) ? 0 : ExitBadInput;
    }

    // svg, png: render the designer's canvas without a display (main() made a QApplication).
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        err << tr("sagascope-cli export: rendering needs a QApplication\n");
        return ExitBadInput;
    }
    SagaDefinition definition = *loaded.definition;
    if (parser.isSet(layoutOption)) {
        for (Step &step : definition.steps)
            step.position.reset();
    }
    if (theme == QLatin1String("dark"))
        QApplication::setPalette(darkPalette());
    SagaDocument document;
    document.reset(definition, path);
    SagaScene scene(&document); // lays out the steps that have no position
    if (scene.isLayoutRunning()) {
        // A big saga is laid out on a worker thread: wait for it.
        QEventLoop loop;
        QObject::connect(&scene, &SagaScene::layoutFinished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    AutoLayoutOptions layout;
    layout.direction = layoutDirection;
    layout.swimlanes = parser.isSet(swimlanesOption);
    scene.setLayoutOptions(layout);
    if (AutoLayout::isUnplaced(definition) && (layout.direction != LayoutDirection::LeftToRight || layout.swimlanes)) {
        QString error;
        if (!scene.autoLayout(&error)) {
            err << "sagascope-cli export: " << path << ": " << error << '\n';
            return ExitBadInput;
        }
    }
    const QByteArray bytes = format == QLatin1String("svg")
        ? SceneExport::toSvg(&scene, definition.name.isEmpty() ? QFileInfo(path).completeBaseName() : definition.name)
        : SceneExport::toPng(&scene, scale);
    if (bytes.isEmpty()) {
        err << tr("sagascope-cli export: rendering %1 failed\n").arg(format);
        return ExitBadInput;
    }
    return writeOutput(output, bytes, err) ? 0 : ExitBadInput;
}

} // namespace Sagascope::Cli

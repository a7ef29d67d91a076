// SPDX-License-Identifier: MIT
// sagascope: the desktop designer (SPEC section 4a).
#include "designerwindow.h"
#include "lessoncontroller.h"
#include "lessonfile.h"
#include "monitorcontroller.h"
#include "screenshot.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLocale>

#include <cstdio>

using namespace Sagascope;

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "sagascope: %s\n", qPrintable(message));
}

/** `--lesson list` (or `--lesson=list`): the lessons' ids, one a line, with no window and no
 *  display needed. */
bool wantsLessonList(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--lesson=list" || (arg == "--lesson" && i + 1 < argc && QByteArray(argv[i + 1]) == "list"))
            return true;
    }
    return false;
}

/** `ID` or `ID:N` (N counted from 1): the lesson and its page counted from 0; false when N is
 *  not a number of 1 or more. */
bool parseLesson(const QString &value, QString *id, int *page)
{
    *id = value.section(QLatin1Char(':'), 0, 0);
    *page = 0;
    if (!value.contains(QLatin1Char(':')))
        return !id->isEmpty();
    bool ok = false;
    const int n = value.section(QLatin1Char(':'), 1).toInt(&ok);
    *page = n - 1;
    return ok && n >= 1 && !id->isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsLessonList(argc, argv)) {
        QCoreApplication core(argc, argv);
        const LessonLibrary &library = LessonController::library();
        for (const LessonError &error : library.errors())
            printError(error.toString());
        for (const QString &id : library.ids())
            std::printf("%s\n", qPrintable(id));
        return library.errors().isEmpty() ? 0 : 1;
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Sagascope"));
    QCoreApplication::setApplicationName(QStringLiteral("Sagascope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SAGASCOPE_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Sagascope"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.sagascope.Sagascope"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sagascope.svg")));
    // The language chosen in View › Language, else the system's.
    const QLocale locale = Translations::startupLocale();
    QLocale::setDefault(locale);
    Translations::install(app, locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Design, run and understand sagas."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QCoreApplication::translate("main", "The .saga file to open."),
                                 QStringLiteral("[FILE.saga]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Render the main window once it is idle, save it as a PNG and exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"),
        QCoreApplication::translate("main", "Window size, e.g. 1280x800 (default 1280x800 with --screenshot)."),
        QStringLiteral("WxH"));
    const QCommandLineOption runOption(
        QStringLiteral("run"),
        QCoreApplication::translate("main", "Start a run on the embedded engine with sagascope-cli run's options, "
                                            "e.g. --run \"--instances 20 --fail take_payment=business\"."),
        QStringLiteral("OPTIONS"));
    const QCommandLineOption monitorOption(
        QStringLiteral("monitor"), QCoreApplication::translate("main", "Open a saga log and follow it live."),
        QStringLiteral("DB"));
    const QCommandLineOption lessonOption(
        QStringLiteral("lesson"),
        QCoreApplication::translate("main", "Open a lesson beside the canvas: ID, or ID:N for its page N; "
                                            "\"list\" prints the lessons' ids, one a line. With --screenshot, "
                                            "the picture shows the lesson's page."),
        QStringLiteral("ID[:N]"));
    parser.addOption(screenshotOption);
    parser.addOption(lessonOption);
    parser.addOption(sizeOption);
    parser.addOption(runOption);
    parser.addOption(monitorOption);
    parser.process(app);

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        printError(QCoreApplication::translate("main", "only one file can be opened at a time"));
        return 2;
    }
    QSize size;
    if (parser.isSet(sizeOption)) {
        size = Screenshot::parseSize(parser.value(sizeOption));
        if (!size.isValid()) {
            printError(QCoreApplication::translate("main", "--size expects WIDTHxHEIGHT, e.g. 1280x800, not \"%1\"")
                           .arg(parser.value(sizeOption)));
            return 2;
        }
    }

    QString lessonId;
    int lessonPage = 0;
    if (parser.isSet(lessonOption) && !parseLesson(parser.value(lessonOption), &lessonId, &lessonPage)) {
        printError(QCoreApplication::translate("main", "--lesson expects ID or ID:N with N a page from 1, not \"%1\"")
                       .arg(parser.value(lessonOption)));
        return 2;
    }

    DesignerWindow window;
    auto openLesson = [&]() -> bool {
        QString error;
        if (!lessonId.isEmpty() && !window.lessons()->open(lessonId, lessonPage, &error)) {
            printError(error);
            return false;
        }
        return true;
    };
    // --monitor DB and --run "OPTIONS" (SPEC 4a): start once the window shows its saga.
    auto startMonitor = [&]() -> bool {
        QString error;
        if (parser.isSet(monitorOption) && !window.monitor()->openLog(parser.value(monitorOption), &error)) {
            printError(error);
            return false;
        }
        if (parser.isSet(runOption) && !window.monitor()->startRun(parser.value(runOption), &error)) {
            printError(error);
            return false;
        }
        return true;
    };
    if (parser.isSet(screenshotOption)) {
        // Deterministic: no saved window state, no prompts, no autosave, nothing modal.
        window.setPromptsEnabled(false);
        window.resize(size.isValid() ? size : QSize(1280, 800));
        if (!files.isEmpty()) {
            QString message;
            if (!window.loadFile(files.first(), &message)) {
                printError(message.replace(QStringLiteral("\n\n"), QStringLiteral("\n"))
                               .replace(QStringLiteral("\n"), QStringLiteral("\n  ")));
                return 2;
            }
        }
        window.show();
        if (!openLesson() || !startMonitor())
            return 2;
        Screenshot screenshot(&window, parser.value(screenshotOption));
        if (!lessonId.isEmpty()) // a lesson's page may pause its run at a breakpoint: that is the picture
            screenshot.setBusyCheck([&window] { return window.isBusy() && !window.monitor()->isPaused(); });
        int exitCode = 0;
        // A remote run refused by its connection check (after startRun() began it) ends the
        // process as a refusal found before does: the reason on stderr, exit 2, no picture.
        QObject::connect(window.monitor()->runController(), &RunController::runRefused, &app, [&](const QString &text) {
            printError(text);
            exitCode = 2;
            QCoreApplication::exit(exitCode);
        });
        QObject::connect(&screenshot, &Screenshot::finished, &app, [&](bool ok, const QString &message) {
            if (!message.isEmpty())
                printError(message);
            exitCode = ok ? 0 : 1;
            QCoreApplication::exit(exitCode);
        });
        screenshot.start();
        app.exec();
        return exitCode;
    }

    window.readSettings();
    if (size.isValid())
        window.resize(size);
    window.setAutosaveEnabled(true);
    window.show();
    const bool recovered = window.offerRecovery();
    if (!files.isEmpty() && !recovered)
        window.openFile(files.first());
    if (!openLesson() || !startMonitor())
        return 2;
    return app.exec();
}

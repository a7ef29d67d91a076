// SPDX-License-Identifier: MIT
// tst_lessoncontroller: the Lesson dock in the real window: a lesson opens beside the canvas with
// its saga, Next waits for the page's condition, Show Me does the student's part (a failure
// injected, a run, a question answered), the progress is remembered, and View › Language
// switches the lesson between English and Korean while the window is open.
#include "designerwindow.h"
#include "lessoncontroller.h"
#include "lessondock.h"
#include "lessonfile.h"
#include "lessonplayer.h"
#include "monitorcontroller.h"
#include "runcontroller.h"
#include "sagadocument.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Sagascope;

class TestLessonController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SagascopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lessoncontroller"));
        QSettings().clear();
        Translations::switchTo(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void playsAPageWithShowMe()
    {
        DesignerWindow window;
        window.setPromptsEnabled(false);
        window.show();
        LessonController *lessons = window.lessons();
        QVERIFY(!lessons->dockWidget()->isVisible());
        QString error;
        QVERIFY2(lessons->open(QStringLiteral("backward-recovery"), 0, &error), qPrintable(error));
        QVERIFY(lessons->dockWidget()->isVisible());
        QCOMPARE(window.document()->definition().name, QStringLiteral("Order checkout"));
        QVERIFY(!window.document()->isModified());
        LessonDock *dock = lessons->dock();
        QVERIFY(dock->nextButton()->isEnabled()); // a page to read
        QVERIFY(!dock->backButton()->isEnabled());
        dock->nextButton()->click();
        QCOMPARE(lessons->player()->pageIndex(), 1);
        QVERIFY(!dock->nextButton()->isEnabled()); // the student must make it roll back
        QCOMPARE(dock->findChild<QProgressBar *>(QStringLiteral("lessonProgress"))->value(), 2);
        window.monitor()->runController()->setSpeed(0);
        // A run without the failure completes: the page says the goal was missed, with its hint.
        QString runError;
        QVERIFY2(lessons->player()->perform(LessonAction{LessonAction::Verb::Run, {}, QStringLiteral("--virtual-time")},
                                            &runError),
                 qPrintable(runError));
        QVERIFY(QTest::qWaitFor([&] { return dock->statusText().contains(QStringLiteral("not as the task asks")); }, 20000));
        QVERIFY(!dock->nextButton()->isEnabled());
        QVERIFY(dock->findChild<QLabel *>(QStringLiteral("hint"))->text().contains(QStringLiteral("Inject the failure first")));
        dock->showMeButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return dock->nextButton()->isEnabled(); }, 20000));
        QCOMPARE(window.monitor()->injectedFault(QStringLiteral("take_payment"), OperationKind::Action).kind,
                 FailureKind::Business); // on the card, as the student would have set it
        dock->nextButton()->click();
        // The question read from the run: a wrong answer does not open Next.
        QVERIFY(dock->checkButton()->isVisible());
        dock->tickChoices({QStringLiteral("take_payment")});
        dock->checkButton()->click();
        QVERIFY(!dock->nextButton()->isEnabled());
        dock->tickChoices({QStringLiteral("create_order"), QStringLiteral("reserve_stock")});
        dock->checkButton()->click();
        QVERIFY(dock->nextButton()->isEnabled());
        QCOMPARE(LessonProgress().reached(QStringLiteral("backward-recovery")), 3);
        dock->restartButton()->click();
        QCOMPARE(lessons->player()->pageIndex(), 0);
    }

    void switchesLanguageWhileOpen()
    {
        DesignerWindow window;
        window.setPromptsEnabled(false);
        window.show();
        LessonController *lessons = window.lessons();
        QString error;
        QVERIFY(lessons->open(QStringLiteral("acid"), 0, &error));
        LessonDock *dock = lessons->dock();
        QVERIFY(dock->narrationText().contains(QStringLiteral("Atomicity")));
        QCOMPARE(dock->nextButton()->text(), QStringLiteral("Next"));
        const QList<QAction *> languages = lessons->languageMenu()->actions();
        QAction *korean = nullptr;
        for (QAction *a : languages)
            if (a->text() == QStringLiteral("한국어"))
                korean = a;
        QVERIFY(korean);
        korean->trigger();
        QVERIFY(QTest::qWaitFor([&] { return dock->narrationText().contains(QStringLiteral("원자성")); }, 5000));
        QCOMPARE(lessons->player()->language(), QStringLiteral("ko"));
        QCOMPARE(dock->nextButton()->text(), QStringLiteral("다음"));
        QCOMPARE(Translations::chosenLanguage(), QStringLiteral("ko"));
        QCOMPARE(lessons->dockWidget()->windowTitle(), QStringLiteral("수업"));
        for (QAction *a : languages)
            if (a->text() == QStringLiteral("English"))
                a->trigger();
        QVERIFY(QTest::qWaitFor([&] { return dock->narrationText().contains(QStringLiteral("Atomicity")); }, 5000));
    }

    void helpMenuHasLessons()
    {
        DesignerWindow window;
        QVERIFY(window.helpMenu()->actions().contains(window.lessons()->lessonsAction()));
        QCOMPARE(LessonController::library().lessons().size(), 15);
        QVERIFY(LessonController::library().errors().isEmpty());
    }
};

QTEST_MAIN(TestLessonController)
#include "tst_lessoncontroller.moc"

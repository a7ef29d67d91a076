// SPDX-License-Identifier: MIT
// tst_lessons: LessonFile's faults (file, line, place, what), the player's rules (a page goes on
// only when its condition holds; a wrong answer does not), and every page of every shipped
// lesson played in English and Korean with the student's actions of its `solution`, on a real
// SagaDocument and real runs of the embedded engine.
#include "lessonfile.h"
#include "lessonplayer.h"
#include "runcontroller.h"
#include "sagadocument.h"
#include "sagafile.h"
#include "testconfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sagascope;

namespace {

const QString LessonsDir = QStringLiteral(SAGASCOPE_SOURCE_DIR "/resources/lessons");
const QString ExamplesDir = QStringLiteral(SAGASCOPE_EXAMPLES_DIR);

bool waitIdle(RunController &run)
{
    return QTest::qWaitFor([&] { return !run.isRunning() || run.isPaused(); }, 30000);
}

bool startsSomething(const LessonAction &a)
{
    using V = LessonAction::Verb;
    return a.verb == V::Run || a.verb == V::Resume || a.verb == V::Recover;
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void libraryLoads();
    void faultsNameFileAndPlace_data();
    void faultsNameFileAndPlace();
    void checkFindsUnknownStepsAndBrokenSagas();
    void wrongAnswerDoesNotGoOn();
    void openAtEveryPage();
    void nextWhileThePageRunIsStillGoing();
    void idempotencyLessonMatchesTheLedger();
    void playEveryLesson_data();
    void playEveryLesson();
};

void TestLessons::libraryLoads()
{
    LessonLibrary library(LessonsDir, ExamplesDir);
    for (const LessonError &e : library.errors())
        qWarning().noquote() << e.toString();
    QVERIFY(library.errors().isEmpty());
    QCOMPARE(library.lessons().size(), 15);
    int order = 0;
    for (const Lesson &lesson : library.lessons()) {
        QVERIFY2(lesson.order > order, qPrintable(lesson.id));
        order = lesson.order;
        const QList<LessonError> problems = LessonFile::check(lesson, ExamplesDir);
        for (const LessonError &e : problems)
            qWarning().noquote() << e.toString();
        QVERIFY2(problems.isEmpty(), qPrintable(lesson.id));
    }
}

void TestLessons::faultsNameFileAndPlace_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("place");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    const QByteArray head = "{\"format\":\"sagascope-lesson/1\",\"id\":\"x\",\"title\":{\"en\":\"T\",\"ko\":\"T\"},"
                            "\"summary\":{\"en\":\"S\",\"ko\":\"S\"},\n\"pages\":[\n";
    QTest::newRow("not json") << QByteArray("{\"format\": }") << QString() << 1 << QStringLiteral("");
    QTest::newRow("wrong format") << QByteArray("{\"format\":\"lesson/2\"}") << QStringLiteral("format") << 1
                                  << QStringLiteral("expected \"sagascope-lesson/1\"");
    QTest::newRow("no korean") << head + "{\"title\":{\"en\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"}}]}"
                               << QStringLiteral("pages[0].title.ko") << 3 << QStringLiteral("\"ko\" is required");
    QTest::newRow("empty korean") << head + "{\"title\":{\"en\":\"A\",\"ko\":\" \"},\"text\":{\"en\":\"B\",\"ko\":\"B\"}}]}"
                                  << QStringLiteral("pages[0].title.ko") << 3 << QStringLiteral("Korean text is empty");
    QTest::newRow("unknown verb") << head + "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},\n"
                                            "\"do\":[{\"do\":\"explode\"}]}]}"
                                  << QStringLiteral("pages[0].do[0].do") << 4 << QStringLiteral("unknown action \"explode\"");
    QTest::newRow("misspelt field") << head + "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},\n"
                                              "\"untill\":{\"valid\":true}}]}"
                                    << QStringLiteral("pages[0].untill") << 4 << QStringLiteral("unknown field \"untill\"");
    QTest::newRow("unknown event") << head + "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},"
                                             "\"task\":{\"en\":\"C\",\"ko\":\"C\"},\"solution\":[{\"do\":\"stop\"}],\n"
                                             "\"until\":{\"event\":\"saga_exploded\"}}]}"
                                   << QStringLiteral("pages[0].until.event") << 4 << QStringLiteral("not a trace event");
    QTest::newRow("until without solution")
        << head + "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},"
                  "\"task\":{\"en\":\"C\",\"ko\":\"C\"},\"until\":{\"valid\":true}}]}"
        << QStringLiteral("pages[0].solution") << 0 << QStringLiteral("needs a \"solution\"");
    QTest::newRow("answer not a choice")
        << head + "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},\"question\":{\"text\":{\"en\":\"Q\",\"ko\":\"Q\"},"
                  "\"choices\":[{\"id\":\"a\",\"text\":{\"en\":\"a\",\"ko\":\"a\"}},{\"id\":\"b\",\"text\":{\"en\":\"b\",\"ko\":\"b\"}}],\n"
                  "\"answer\":[\"c\"]}}]}"
        << QStringLiteral("pages[0].question.answer") << 4 << QStringLiteral("\"c\" is not one of the choices");
}

void TestLessons::faultsNameFileAndPlace()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, place);
    QFETCH(int, line);
    QFETCH(QString, message);
    LessonError error;
    QVERIFY(!LessonFile::parse(text, QStringLiteral("bad.lesson.json"), &error));
    QCOMPARE(error.file, QStringLiteral("bad.lesson.json"));
    if (!place.isEmpty())
        QCOMPARE(error.place, place);
    if (line > 0)
        QCOMPARE(error.line, line);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY(error.toString().startsWith(QStringLiteral("bad.lesson.json:")));
}

void TestLessons::checkFindsUnknownStepsAndBrokenSagas()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("t.lesson.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\":\"sagascope-lesson/1\",\"id\":\"t\",\"title\":{\"en\":\"T\",\"ko\":\"T\"},\"summary\":{\"en\":\"S\",\"ko\":\"S\"},\n"
               "\"pages\":[{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},\n"
               "\"do\":[{\"do\":\"load\",\"saga\":\"example:order-checkout.saga\"},{\"do\":\"highlight\",\"steps\":[\"no_such_step\"]}]},\n"
               "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"B\",\"ko\":\"B\"},\"do\":[{\"do\":\"load\",\"saga\":\"missing.saga\"}]},\n"
               "{\"title\":{\"en\":\"A\",\"ko\":\"A\"},\"text\":{\"en\":\"See [[take_payment]]\",\"ko\":\"[[take_paymnt]] 보기\"},"
               "\"do\":[{\"do\":\"load\",\"saga\":\"example:order-checkout.saga\"}]}]}");
    file.close();
    std::optional<Lesson> lesson = LessonFile::load(file.fileName(), nullptr);
    QVERIFY(lesson);
    const QList<LessonError> errors = LessonFile::check(*lesson, ExamplesDir);
    QCOMPARE(errors.size(), 3);
    QCOMPARE(errors.at(0).place, QStringLiteral("pages[0].do[1].steps"));
    QVERIFY(errors.at(0).message.contains(QStringLiteral("no_such_step")));
    QCOMPARE(errors.at(0).line, 3);
    QCOMPARE(errors.at(1).place, QStringLiteral("pages[1].do[0].saga"));
    QVERIFY(errors.at(1).message.contains(QStringLiteral("does not load")));
    QCOMPARE(errors.at(2).place, QStringLiteral("pages[2].text"));
    QVERIFY(errors.at(2).message.contains(QStringLiteral("take_paymnt")));
}

void TestLessons::wrongAnswerDoesNotGoOn()
{
    LessonLibrary library(LessonsDir, ExamplesDir);
    const Lesson *lesson = library.find(QStringLiteral("backward-recovery"));
    QVERIFY(lesson);
    // The page with a question read from the run.
    int questionPage = -1;
    for (int i = 0; i < lesson->pages.size(); ++i)
        if (lesson->pages.at(i).question.fromRun == QLatin1String("compensatedSteps"))
            questionPage = i;
    QVERIFY(questionPage >= 0);
    SagaDocument doc;
    RunController run;
    run.setSpeed(0);
    LessonStage stage(&doc, &run);
    LessonPlayer player(&stage, ExamplesDir);
    // The page before sets the run up (the student makes the saga roll back).
    QVERIFY(questionPage > 0);
    QVERIFY(player.open(*lesson, questionPage - 1));
    QVERIFY(waitIdle(run));
    QVERIFY(!player.isConditionMet());
    QVERIFY(!player.next()); // not before the task is done
    for (const LessonAction &a : player.page().solution) {
        QString error;
        QVERIFY2(player.perform(a, &error), qPrintable(error));
        if (startsSomething(a))
            QVERIFY(waitIdle(run));
    }
    QVERIFY(QTest::qWaitFor([&] { return player.isConditionMet(); }, 10000));
    QVERIFY(player.next());
    QVERIFY(!player.isConditionMet());
    QVERIFY(!player.next());
    const LessonPage &page = player.page();
    QVERIFY(player.render(page.question.choices.first().text).startsWith(QStringLiteral("«")));
    const QStringList right = player.rightAnswer();
    QVERIFY(!right.isEmpty());
    QStringList wrong = right;
    wrong.removeLast();
    if (wrong.isEmpty())
        wrong = {page.question.choices.last().id == right.first() ? page.question.choices.first().id
                                                                   : page.question.choices.last().id};
    QCOMPARE(player.answer(wrong), LessonPlayer::AnswerResult::Wrong);
    QVERIFY(!player.isConditionMet());
    QVERIFY(!player.next());
    QCOMPARE(player.answer(right), LessonPlayer::AnswerResult::Right);
    QVERIFY(player.isConditionMet());
    QVERIFY(player.next());
    QCOMPARE(player.pageIndex(), questionPage + 1);
    QVERIFY(player.back());
    QVERIFY(!player.isConditionMet()); // a page opened again is done again
}

void TestLessons::openAtEveryPage()
{
    // `--lesson ID:N` and "go on where you left off": the canvas holds the saga (with the fixes
    // and kinds of the pages before) that a student who played up to page N would have.
    LessonLibrary library(LessonsDir, ExamplesDir);
    for (const Lesson &lesson : library.lessons()) {
        SagaDocument played;
        RunController playedRun;
        playedRun.setSpeed(0);
        LessonStage playedStage(&played, &playedRun);
        LessonPlayer through(&playedStage, ExamplesDir);
        QVERIFY(through.open(lesson));
        for (int i = 0; i < lesson.pages.size(); ++i) {
            if (i > 0) {
                for (const LessonAction &a : lesson.pages.at(i - 1).solution) {
                    QString error;
                    through.perform(a, &error);
                    if (startsSomething(a))
                        QVERIFY(waitIdle(playedRun));
                }
                QVERIFY(waitIdle(playedRun));
                QVERIFY(QTest::qWaitFor([&] { return through.isConditionMet(); }, 10000));
                QVERIFY(through.next());
            }
            QVERIFY(waitIdle(playedRun));
            SagaDocument doc;
            RunController run;
            run.setSpeed(0);
            LessonStage stage(&doc, &run);
            LessonPlayer player(&stage, ExamplesDir);
            QSignalSpy failures(&player, &LessonPlayer::actionFailed);
            QVERIFY(player.open(lesson, i));
            QVERIFY2(failures.isEmpty(), qPrintable(player.lastError()));
            QVERIFY(waitIdle(run));
            QVERIFY2(doc.definition() == played.definition(),
                     qPrintable(QStringLiteral("%1 page %2 opened directly differs from played").arg(lesson.id).arg(i + 1)));
            run.stop();
            QVERIFY(QTest::qWaitFor([&] { return !run.isRunning(); }, 10000));
        }
        playedRun.stop();
        QVERIFY(QTest::qWaitFor([&] { return !playedRun.isRunning(); }, 10000));
    }
}

void TestLessons::nextWhileThePageRunIsStillGoing()
{
    // A student who presses Next while the page's run is still going: the next page's saga
    // loads and its run starts once the one before has stopped, with no error and no "missed".
    LessonLibrary library(LessonsDir, ExamplesDir);
    const Lesson *lesson = library.find(QStringLiteral("isolation"));
    QVERIFY(lesson);
    int first = -1;
    for (int i = 0; i + 1 < lesson->pages.size() && first < 0; ++i) {
        const LessonPage &a = lesson->pages.at(i), &b = lesson->pages.at(i + 1);
        auto runs = [](const LessonPage &p) {
            return std::any_of(p.actions.begin(), p.actions.end(),
                               [](const LessonAction &x) { return x.verb == LessonAction::Verb::Run; });
        };
        if (runs(a) && runs(b) && a.until.kind == LessonCondition::Kind::Always)
            first = i;
    }
    QVERIFY(first >= 0);
    SagaDocument doc;
    RunController run; // paced at 1x: the run takes a while
    LessonStage stage(&doc, &run);
    LessonPlayer player(&stage, ExamplesDir);
    QSignalSpy failures(&player, &LessonPlayer::actionFailed);
    QSignalSpy missed(&player, &LessonPlayer::attemptMissed);
    QSignalSpy started(&run, &RunController::runStarted);
    QVERIFY(player.open(*lesson, first));
    QVERIFY(run.isRunning());
    QVERIFY(player.next());
    const QString expected = LoadResult(SagaFile::load(LessonFile::sagaPath(*lesson, player.page().actions.first().saga, ExamplesDir)))
                                 .definition->name;
    QCOMPARE(doc.definition().name, expected);
    QVERIFY(QTest::qWaitFor([&] { return started.size() == 2; }, 20000));
    run.setSpeed(0);
    QVERIFY(waitIdle(run));
    QVERIFY2(failures.isEmpty(), qPrintable(player.lastError()));
    QVERIFY(missed.isEmpty());
    QVERIFY(!player.runEvents().isEmpty());
    QCOMPARE(started.last().at(0).value<SagaDefinition>().name, expected);
}

void TestLessons::idempotencyLessonMatchesTheLedger()
{
    // Lesson 11 says the card was charged once after two timeouts: the effects ledger of the same
    // run (sagascope-cli run --db, then inspect) must say so too.
    LessonLibrary library(LessonsDir, ExamplesDir);
    const Lesson *lesson = library.find(QStringLiteral("idempotency"));
    QVERIFY(lesson);
    int taskPage = -1;
    for (int i = 0; i + 1 < lesson->pages.size() && taskPage < 0; ++i)
        for (const LessonAction &a : lesson->pages.at(i).solution)
            if (a.verb == LessonAction::Verb::Fail)
                taskPage = i;
    QVERIFY(taskPage >= 0);
    QStringList args{QStringLiteral("run"), LessonFile::sagaPath(*lesson, lesson->pages.first().actions.first().saga, ExamplesDir)};
    QString step;
    for (const LessonAction &a : lesson->pages.at(taskPage).solution) {
        if (a.verb == LessonAction::Verb::Fail) {
            args << QStringLiteral("--fail") << a.step + QLatin1Char('=') + a.fault;
            step = a.step;
        } else if (a.verb == LessonAction::Verb::Run) {
            args << a.options.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
    }
    const LessonQuestion &question = lesson->pages.at(taskPage + 1).question;
    QCOMPARE(question.answer.size(), 1);
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("log.db"));
    QProcess cli;
    cli.start(QStringLiteral(SAGASCOPE_CLI_PATH), args << QStringLiteral("--db") << db << QStringLiteral("--quiet"));
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    cli.start(QStringLiteral(SAGASCOPE_CLI_PATH), {QStringLiteral("inspect"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30000));
    const QJsonObject report = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QCOMPARE(report.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    const int applied = report.value(QStringLiteral("steps")).toObject().value(step).toObject().value(QStringLiteral("applied")).toInt(-1);
    QCOMPARE(QString::number(applied), question.answer.first());
}

void TestLessons::playEveryLesson_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("language");
    LessonLibrary library(LessonsDir, ExamplesDir);
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("ko")})
        for (const Lesson &lesson : library.lessons())
            QTest::addRow("%s-%s", qPrintable(lesson.id), qPrintable(language)) << lesson.id << language;
    if (library.lessons().isEmpty())
        QTest::newRow("no lessons") << QString() << QString(); // fails below, rather than aborting
}

void TestLessons::playEveryLesson()
{
    QFETCH(QString, id);
    QFETCH(QString, language);
    LessonLibrary library(LessonsDir, ExamplesDir);
    const Lesson *lesson = library.find(id);
    QVERIFY(lesson);
    SagaDocument doc;
    RunController run;
    LessonStage stage(&doc, &run);
    LessonPlayer player(&stage, ExamplesDir);
    run.setSpeed(0); // virtual time as fast as it goes
    player.setLanguage(language);
    QSignalSpy failures(&player, &LessonPlayer::actionFailed);
    QSignalSpy missed(&player, &LessonPlayer::attemptMissed); // neither a page's own run nor a solution misses
    QVERIFY(player.open(*lesson));
    for (int i = 0; i < player.pageCount(); ++i) {
        QCOMPARE(player.pageIndex(), i);
        const LessonPage &page = player.page();
        const QString where = QStringLiteral("%1 page %2 (%3)").arg(id).arg(i + 1).arg(page.title.in(language));
        QVERIFY2(failures.isEmpty(), qPrintable(where + QStringLiteral(": ") + player.lastError()));
        QVERIFY2(!page.text.in(language).isEmpty(), qPrintable(where));
        for (const LessonText *t : {&page.text, &page.task, &page.question.text})
            QVERIFY2(!player.render(*t).contains(QStringLiteral("[[")), qPrintable(where));
        if (language == QLatin1String("ko"))
            QVERIFY2(page.text.in(language) != page.text.en, qPrintable(where + QStringLiteral(": not translated")));
        QVERIFY2(waitIdle(run), qPrintable(where + QStringLiteral(": the page's run does not end")));
        if (page.until.kind != LessonCondition::Kind::Always)
            QVERIFY2(!player.isConditionMet(),
                     qPrintable(where + QStringLiteral(": the condition holds before the student did anything")));
        for (const LessonAction &a : page.solution) {
            QString error;
            QVERIFY2(player.perform(a, &error), qPrintable(where + QStringLiteral(", ") + a.place + QStringLiteral(": ") + error));
            if (startsSomething(a))
                QVERIFY2(waitIdle(run), qPrintable(where + QStringLiteral(": the run does not end")));
        }
        QVERIFY2(QTest::qWaitFor([&] { return player.isConditionMet(); }, 10000),
                 qPrintable(where + QStringLiteral(": the condition is not reached")));
        QVERIFY2(missed.isEmpty(), qPrintable(where + QStringLiteral(": a run was taken for a missed attempt")));
        if (i + 1 < player.pageCount())
            QVERIFY(player.next());
    }
    QVERIFY(player.isFinished());
    run.stop();
    QVERIFY(QTest::qWaitFor([&] { return !run.isRunning(); }, 10000));
}

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"

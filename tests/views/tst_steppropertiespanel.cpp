// SPDX-License-Identifier: MIT
// The property and services panels: every committed edit is one undoable document command,
// bad values are refused with a message, and the panels follow undo.

#include "sagadocument.h"
#include "sagafile.h"
#include "servicespanel.h"
#include "steppropertiespanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QWheelEvent>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace Sagascope;

namespace {

QByteArray J(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

const char *sagaText = "{'format': 'sagascope/1', 'name': 'Checkout',"
                       " 'services': [{'id': 'orders', 'label': 'Orders'}, {'id': 'pay'}],"
                       " 'steps': ["
                       "  {'id': 'create', 'service': 'orders', 'kind': 'compensatable', 'action': {'name': 'c'},"
                       "   'compensation': {'name': 'u'}},"
                       "  {'id': 'charge', 'service': 'pay', 'kind': 'pivot', 'after': ['create'], 'action': {}},"
                       "  {'id': 'ship', 'kind': 'retriable', 'after': ['charge'], 'action': {}, 'idempotent': true}]}";

template<typename T>
T *field(QWidget *panel, int index = 0)
{
    const QList<T *> all = panel->findChildren<T *>();
    return all.value(index);
}

/** Types text into a line edit and presses Enter, as a user would. */
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

class TestStepPropertiesPanel : public QObject
{
    Q_OBJECT

private:
    SagaDocument *m_document = nullptr;
    QByteArray m_original;

private Q_SLOTS:
    void init()
    {
        m_document = new SagaDocument(this);
        const LoadResult loaded = SagaFile::parse(J(sagaText), QStringLiteral("t.saga"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.toString()));
        m_document->reset(*loaded.definition);
        m_original = SagaFile::serialize(m_document->definition());
    }
    void cleanup() { delete m_document; }

    void showsSagaWhenNothingSelected()
    {
        StepPropertiesPanel panel(m_document);
        panel.show();
        QLineEdit *name = nullptr;
        for (QLineEdit *e : panel.findChildren<QLineEdit *>()) {
            if (e->placeholderText() == QLatin1String("A name for this saga"))
                name = e;
        }
        QVERIFY(name);
        QCOMPARE(name->text(), QStringLiteral("Checkout"));
        typeInto(name, QStringLiteral("Checkout v2"));
        QCOMPARE(m_document->definition().name, QStringLiteral("Checkout v2"));
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

    void editsGoThroughTheDocumentAndUndo()
    {
        StepPropertiesPanel panel(m_document);
        panel.show();
        panel.setCurrentStep(QStringLiteral("create"));
        QList<QLineEdit *> edits = panel.findChildren<QLineEdit *>();
        QLineEdit *labelEdit = nullptr;
        for (QLineEdit *e : edits) {
            if (e->placeholderText() == QLatin1String("create"))
                labelEdit = e;
        }
        QVERIFY(labelEdit);
        typeInto(labelEdit, QStringLiteral("Create the order"));
        QCOMPARE(m_document->definition().step(QStringLiteral("create"))->label, QStringLiteral("Create the order"));

        // The timeout spin box: "none" is 0.
        QSpinBox *timeout = nullptr;
        for (QSpinBox *s : panel.findChildren<QSpinBox *>()) {
            if (s->specialValueText() == QLatin1String("none"))
                timeout = s;
        }
        QVERIFY(timeout);
        timeout->setValue(1500);
        QCOMPARE(*m_document->definition().step(QStringLiteral("create"))->timeoutMs, 1500);

        // Turning the compensation off removes it (and the validator then reports SAGA002).
        QGroupBox *compensation = nullptr;
        for (QGroupBox *g : panel.findChildren<QGroupBox *>()) {
            if (g->isCheckable() && g->title().startsWith(QLatin1String("Compensation")))
                compensation = g;
        }
        QVERIFY(compensation);
        compensation->setChecked(false);
        QVERIFY(!m_document->definition().step(QStringLiteral("create"))->compensation);
        bool saga002 = false;
        for (const Diagnostic &d : m_document->diagnostics())
            saga002 = saga002 || d.rule == QLatin1String("SAGA002");
        QVERIFY(saga002);

        QCOMPARE(m_document->undoStack()->count(), 3);
        while (m_document->undoStack()->canUndo())
            m_document->undoStack()->undo();
        QCOMPARE(SagaFile::serialize(m_document->definition()), m_original);
        QVERIFY(compensation->isChecked()); // the panel follows undo
        QCOMPARE(timeout->value(), 0);
    }

    void kindAndService()
    {
        StepPropertiesPanel panel(m_document);
        panel.setCurrentStep(QStringLiteral("ship"));
        QComboBox *service = field<QComboBox>(&panel, 0);
        QComboBox *kind = field<QComboBox>(&panel, 1);
        QCOMPARE(kind->currentData().toInt(), int(StepKind::Retriable));
        const int pay = service->findData(QStringLiteral("pay"));
        QVERIFY(pay > 0);
        service->setCurrentIndex(pay);
        Q_EMIT service->activated(pay);
        QCOMPARE(m_document->definition().step(QStringLiteral("ship"))->service, QStringLiteral("pay"));
        kind->setCurrentIndex(kind->findData(int(StepKind::Compensatable)));
        Q_EMIT kind->activated(kind->currentIndex());
        QCOMPARE(m_document->definition().step(QStringLiteral("ship"))->kind, StepKind::Compensatable);
        QCOMPARE(m_document->undoStack()->count(), 2);
    }

    void refusesBadValues()
    {
        StepPropertiesPanel panel(m_document);
        panel.show();
        panel.setCurrentStep(QStringLiteral("ship"));
        QLineEdit *id = nullptr, *after = nullptr;
        for (QLineEdit *e : panel.findChildren<QLineEdit *>()) {
            if (e->text() == QLatin1String("ship"))
                id = e;
            if (e->text() == QLatin1String("charge"))
                after = e;
        }
        QVERIFY(id && after);
        // Duplicate id: refused, the old id stays, a message says why.
        id->setText(QStringLiteral("create"));
        Q_EMIT id->editingFinished();
        QVERIFY2(panel.fieldError().contains(QLatin1String("already a step")), qPrintable(panel.fieldError()));
        QCOMPARE(id->text(), QStringLiteral("ship"));
        // Unknown dependency: refused.
        after->setText(QStringLiteral("charge, nowhere"));
        Q_EMIT after->editingFinished();
        QVERIFY(panel.fieldError().contains(QLatin1String("nowhere")));
        QCOMPARE(m_document->undoStack()->count(), 0);
        // A good rename follows the step and updates every `after` naming it.
        id->setText(QStringLiteral("dispatch"));
        Q_EMIT id->editingFinished();
        QCOMPARE(panel.currentStep(), QStringLiteral("dispatch"));
        QVERIFY(panel.fieldError().isEmpty());
        QVERIFY(m_document->definition().step(QStringLiteral("dispatch")));
        // The latency bounds keep min <= max.
        QSpinBox *min = nullptr, *max = nullptr;
        for (QSpinBox *s : panel.findChildren<QSpinBox *>()) {
            if (s->suffix() == QLatin1String(" ms") && s->specialValueText().isEmpty()) {
                if (!min)
                    min = s;
                else if (!max)
                    max = s;
            }
        }
        QVERIFY(min && max);
        min->setValue(50);
        QCOMPARE(max->minimum(), 50);
        QVERIFY(max->value() >= 50);
        const Step *step = m_document->definition().step(QStringLiteral("dispatch"));
        QCOMPARE(step->action.sim->latencyMinMs, 50);
        QVERIFY(step->action.sim->latencyMaxMs >= 50);
    }

    void servicesPanelRenamesEverywhere()
    {
        ServicesPanel panel(m_document);
        QTableWidget *table = panel.table();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("1")); // orders: used by one step
        table->item(0, 0)->setText(QStringLiteral("ordering"));
        QVERIFY(m_document->definition().hasService(QStringLiteral("ordering")));
        QCOMPARE(m_document->definition().step(QStringLiteral("create"))->service, QStringLiteral("ordering"));
        QCOMPARE(m_document->undoStack()->count(), 1);
        // A clash is refused and the table shows the old id again.
        table->item(0, 0)->setText(QStringLiteral("pay"));
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("ordering"));
        QCOMPARE(m_document->undoStack()->count(), 1);
        panel.addService();
        QCOMPARE(m_document->definition().services.size(), 3);
        QCOMPARE(m_document->definition().services.last().id, QStringLiteral("service_3"));
        table->selectRow(2);
        panel.removeSelected();
        QCOMPARE(m_document->definition().services.size(), 2);
        while (m_document->undoStack()->canUndo())
            m_document->undoStack()->undo();
        QCOMPARE(SagaFile::serialize(m_document->definition()), m_original);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("orders"));
    }

    void wheelScrollsThePanelAndEditsOnlyTheFocusedField()
    {
        // Seen: the wheel over the Properties dock changed "First backoff" from 200 to 186 ms
        // (14 undo entries). Without focus a field passes the wheel on: the panel scrolls.
        StepPropertiesPanel panel(m_document);
        panel.resize(360, 220); // short: the form scrolls
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setCurrentStep(QStringLiteral("create"));
        QSpinBox *latency = nullptr;
        for (QSpinBox *spin : panel.findChildren<QSpinBox *>()) {
            if (spin->isEnabled() && spin->isVisibleTo(&panel) && spin->suffix().contains(QLatin1String("ms"))) {
                latency = spin;
                break;
            }
        }
        QVERIFY(latency);
        QCOMPARE(latency->focusPolicy(), Qt::StrongFocus);
        auto *scroll = panel.findChild<QScrollArea *>();
        QVERIFY(scroll);
        QScrollBar *bar = scroll->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        const int before = latency->value();
        const auto wheel = [latency](int steps) {
            const QPointF at(latency->width() / 2.0, latency->height() / 2.0);
            QWheelEvent event(at, latency->mapToGlobal(at), QPoint(), QPoint(0, -120 * steps), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(latency, &event);
        };
        wheel(3);
        QCOMPARE(latency->value(), before);
        QCOMPARE(m_document->undoStack()->count(), 0);
        QVERIFY2(bar->value() > 0, "the wheel over an unfocused field scrolls the panel");

        // With the focus, the wheel is the user's way to change the value.
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        latency->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(latency->hasFocus());
        wheel(-1);
        QVERIFY(latency->value() != before);
        QCOMPARE(m_document->undoStack()->count(), 1);
    }
};

QTEST_MAIN(TestStepPropertiesPanel)
#include "tst_steppropertiespanel.moc"

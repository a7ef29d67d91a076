// SPDX-License-Identifier: MIT
#include "steppropertiespanel.h"

#include "sagadocument.h"
#include "wheelguard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QScopedValueRollback>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sagascope {

namespace {

constexpr int MaxMs = 24 * 60 * 60 * 1000; // a day: more is a typo, not a latency

QSpinBox *msSpin(QWidget *parent, int minimum = 0)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(minimum, MaxMs);
    spin->setSuffix(QObject::tr(" ms"));
    spin->setKeyboardTracking(false); // commit on Enter, focus out or arrows, not per keystroke
    spin->setAccelerated(true);
    return spin;
}

QDoubleSpinBox *probabilitySpin(QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setRange(0.0, 1.0);
    spin->setDecimals(3);
    spin->setSingleStep(0.05);
    spin->setKeyboardTracking(false);
    return spin;
}

QSpinBox *attemptsSpin(QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(0, 1000);
    spin->setSpecialValueText(QObject::tr("unbounded"));
    spin->setKeyboardTracking(false);
    return spin;
}

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !items.contains(item))
            items.append(item);
    }
    return items;
}

} // namespace

StepPropertiesPanel::StepPropertiesPanel(SagaDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_pages = new QStackedWidget(m_scroll);
    m_pages->addWidget(buildSagaPage());
    m_pages->addWidget(buildStepPage());
    m_scroll->setWidget(m_pages);
    layout->addWidget(m_scroll);

    connect(m_document, &SagaDocument::changed, this, &StepPropertiesPanel::refresh);
    connect(m_document, &SagaDocument::diagnosticsChanged, this, &StepPropertiesPanel::refresh);
    refresh();
    WheelGuard::install(this); // the wheel scrolls the panel; it edits only the field with focus
}

QWidget *StepPropertiesPanel::buildSagaPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_sagaName = new QLineEdit(page);
    m_sagaName->setPlaceholderText(tr("A name for this saga"));
    m_sagaDescription = new QPlainTextEdit(page);
    m_sagaDescription->setPlaceholderText(tr("What the saga does, for the people who will run it"));
    m_sagaDescription->setTabChangesFocus(true);
    m_sagaDescription->setMaximumHeight(120);
    m_sagaSummary = new QLabel(page);
    m_sagaSummary->setWordWrap(true);
    form->addRow(tr("&Name:"), m_sagaName);
    form->addRow(tr("&Description:"), m_sagaDescription);
    form->addRow(m_sagaSummary);

    auto commitInfo = [this] {
        if (m_updating || !m_document)
            return;
        const SagaDefinition &d = m_document->definition();
        const QString description = m_sagaDescription->toPlainText();
        if (d.name != m_sagaName->text() || d.description != description)
            m_document->setSagaInfo(m_sagaName->text(), description);
    };
    connect(m_sagaName, &QLineEdit::editingFinished, this, commitInfo);
    // QPlainTextEdit has no editingFinished: commit when it loses focus.
    m_sagaDescription->installEventFilter(this);
    m_sagaDescriptionCommit = commitInfo;
    return page;
}

StepPropertiesPanel::OperationEditor StepPropertiesPanel::buildOperationEditor(const QString &title, bool checkable,
                                                                              bool withRetry)
{
    OperationEditor e;
    e.group = new QGroupBox(title, this);
    e.group->setCheckable(checkable);
    auto *form = new QFormLayout(e.group);
    e.name = new QLineEdit(e.group);
    e.name->setPlaceholderText(tr("operation name, e.g. createOrder"));
    e.latencyMin = msSpin(e.group);
    e.latencyMax = msSpin(e.group);
    e.latencyMin->setToolTip(tr("Simulated latency: the embedded engine waits a uniform time between these"));
    e.latencyMax->setToolTip(e.latencyMin->toolTip());
    auto *latency = new QHBoxLayout;
    latency->addWidget(e.latencyMin);
    latency->addWidget(new QLabel(tr("to"), e.group));
    latency->addWidget(e.latencyMax);
    e.technicalFailure = probabilitySpin(e.group);
    e.technicalFailure->setToolTip(tr("Probability that one attempt fails technically (error, crash); retried"));
    e.businessFailure = probabilitySpin(e.group);
    e.businessFailure->setToolTip(tr("Probability that one attempt fails for a business reason; never retried"));
    form->addRow(tr("Name:"), e.name);
    form->addRow(tr("Latency:"), latency);
    form->addRow(tr("Technical failure:"), e.technicalFailure);
    form->addRow(tr("Business failure:"), e.businessFailure);
    if (withRetry) {
        e.maxAttempts = attemptsSpin(e.group);
        e.maxAttempts->setToolTip(tr("A compensation that gives up leaves the saga stuck: keep it unbounded"));
        form->addRow(tr("Attempts:"), e.maxAttempts);
    }

    // Keep min <= max as the user types: each bound limits the other.
    connect(e.latencyMin, &QSpinBox::valueChanged, e.latencyMax, &QSpinBox::setMinimum);
    return e;
}

QWidget *StepPropertiesPanel::buildStepPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_id = new QLineEdit(page);
    m_id->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z_][A-Za-z0-9_]*")), m_id));
    m_id->setToolTip(tr("Unique id: letters, digits and '_', not starting with a digit"));
    m_label = new QLineEdit(page);
    m_service = new QComboBox(page);
    m_kind = new QComboBox(page);
    m_kind->addItem(tr("Compensatable: undone by its compensation"), int(StepKind::Compensatable));
    m_kind->addItem(tr("Pivot: the point of no return"), int(StepKind::Pivot));
    m_kind->addItem(tr("Retriable: after the pivot, retried until it succeeds"), int(StepKind::Retriable));
    m_after = new QLineEdit(page);
    m_after->setPlaceholderText(tr("ids of the steps that must succeed first, comma-separated"));
    m_idFromLabel = new QToolButton(page);
    m_idFromLabel->setText(tr("From label"));
    m_idFromLabel->setToolTip(tr("Rename the id after the label (every step that runs after it follows)"));
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_id, 1);
    idRow->addWidget(m_idFromLabel);
    auto *idLabel = new QLabel(tr("&Id:"), page);
    idLabel->setBuddy(m_id);
    form->addRow(idLabel, idRow);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&After:"), m_after);

    m_error = new QLabel(page);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight); font-weight: bold;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_action = buildOperationEditor(tr("Action"), false, false);
    m_compensation = buildOperationEditor(tr("Compensation"), true, true);
    layout->addWidget(m_action.group);
    layout->addWidget(m_compensation.group);

    m_retryGroup = new QGroupBox(tr("Retry policy of the action"), page);
    m_retryGroup->setCheckable(true);
    m_retryGroup->setToolTip(tr("Unchecked: the defaults (3 attempts; retriable steps: unbounded)"));
    auto *retryForm = new QFormLayout(m_retryGroup);
    m_retryMaxAttempts = attemptsSpin(m_retryGroup);
    m_retryInitialBackoff = msSpin(m_retryGroup);
    m_retryMultiplier = new QDoubleSpinBox(m_retryGroup);
    m_retryMultiplier->setRange(1.0, 1000.0);
    m_retryMultiplier->setSingleStep(0.5);
    m_retryMultiplier->setKeyboardTracking(false);
    m_retryMaxBackoff = msSpin(m_retryGroup);
    m_retryJitter = probabilitySpin(m_retryGroup);
    m_retryJitter->setToolTip(tr("Spread of each backoff, as a fraction of it"));
    retryForm->addRow(tr("Attempts:"), m_retryMaxAttempts);
    retryForm->addRow(tr("First backoff:"), m_retryInitialBackoff);
    retryForm->addRow(tr("Multiplier:"), m_retryMultiplier);
    retryForm->addRow(tr("Longest backoff:"), m_retryMaxBackoff);
    retryForm->addRow(tr("Jitter:"), m_retryJitter);
    layout->addWidget(m_retryGroup);
    // What F1 explains for each field (the window's glossary).
    m_compensation.group->setProperty("glossary", QStringLiteral("compensation"));
    m_retryGroup->setProperty("glossary", QStringLiteral("retry"));
    m_after->setProperty("glossary", QStringLiteral("after"));
    for (const OperationEditor *e : {&m_action, &m_compensation}) {
        e->technicalFailure->setProperty("glossary", QStringLiteral("technical-failure"));
        e->businessFailure->setProperty("glossary", QStringLiteral("business-failure"));
    }

    auto *more = new QFormLayout;
    m_timeout = msSpin(page);
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setToolTip(tr("An attempt that takes longer is a technical failure (timeout)"));
    m_idempotent = new QCheckBox(tr("Safe to repeat (retries, recovery)"), page);
    m_sideEffects = new QLineEdit(page);
    m_sideEffects->setPlaceholderText(tr("e.g. email, sms, webhook"));
    m_sideEffects->setToolTip(tr("Effects no compensation can take back"));
    m_timeout->setProperty("glossary", QStringLiteral("timeout"));
    m_idempotent->setProperty("glossary", QStringLiteral("idempotency"));
    m_sideEffects->setProperty("glossary", QStringLiteral("side-effects"));
    more->addRow(tr("&Timeout:"), m_timeout);
    more->addRow(tr("&Idempotent:"), m_idempotent);
    more->addRow(tr("Side &effects:"), m_sideEffects);
    layout->addLayout(more);

    m_findings = new QLabel(page);
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::PlainText);
    layout->addWidget(m_findings);
    layout->addStretch(1);

    // --- commits: one undoable command per finished edit ---
    connect(m_id, &QLineEdit::editingFinished, this, &StepPropertiesPanel::commitId);
    connect(m_label, &QLineEdit::editingFinished, this, [this] { commitLabel(SagaDocument::IdFollowsLabel::WhenGenerated); });
    connect(m_idFromLabel, &QToolButton::clicked, this, [this] { commitLabel(SagaDocument::IdFollowsLabel::Always); });
    connect(m_service, &QComboBox::activated, this,
            [this] { commit([this](Step &s) { s.service = m_service->currentData().toString(); }); });
    connect(m_kind, &QComboBox::activated, this, [this] {
        if (m_updating || !m_document)
            return;
        m_document->setStepKind(m_stepId, StepKind(m_kind->currentData().toInt()));
    });
    connect(m_after, &QLineEdit::editingFinished, this, &StepPropertiesPanel::commitAfter);

    auto connectOperation = [this](const OperationEditor &e, bool compensation) {
        auto apply = [this, e, compensation] {
            commit([this, e, compensation](Step &s) {
                if (compensation) {
                    if (!e.group->isChecked()) {
                        s.compensation.reset();
                        return;
                    }
                    if (!s.compensation)
                        s.compensation = Operation{};
                    readOperation(e, *s.compensation);
                } else {
                    readOperation(e, s.action);
                }
            });
        };
        connect(e.name, &QLineEdit::editingFinished, this, apply);
        for (QSpinBox *spin : {e.latencyMin, e.latencyMax})
            connect(spin, &QSpinBox::valueChanged, this, apply);
        for (QDoubleSpinBox *spin : {e.technicalFailure, e.businessFailure})
            connect(spin, &QDoubleSpinBox::valueChanged, this, apply);
        if (e.maxAttempts)
            connect(e.maxAttempts, &QSpinBox::valueChanged, this, apply);
        if (e.group->isCheckable())
            connect(e.group, &QGroupBox::toggled, this, apply);
    };
    connectOperation(m_action, false);
    connectOperation(m_compensation, true);

    auto applyRetry = [this] {
        commit([this](Step &s) {
            if (!m_retryGroup->isChecked()) {
                s.retry.reset();
                return;
            }
            RetryPolicy policy = s.retry.value_or(s.effectiveActionRetry());
            policy.maxAttempts = m_retryMaxAttempts->value();
            policy.initialBackoffMs = m_retryInitialBackoff->value();
            policy.multiplier = m_retryMultiplier->value();
            policy.maxBackoffMs = m_retryMaxBackoff->value();
            policy.jitter = m_retryJitter->value();
            s.retry = policy;
        });
    };
    connect(m_retryGroup, &QGroupBox::toggled, this, applyRetry);
    for (QSpinBox *spin : {m_retryMaxAttempts, m_retryInitialBackoff, m_retryMaxBackoff})
        connect(spin, &QSpinBox::valueChanged, this, applyRetry);
    for (QDoubleSpinBox *spin : {m_retryMultiplier, m_retryJitter})
        connect(spin, &QDoubleSpinBox::valueChanged, this, applyRetry);

    connect(m_timeout, &QSpinBox::valueChanged, this, [this](int value) {
        commit([value](Step &s) { s.timeoutMs = value > 0 ? std::optional<int>(value) : std::nullopt; });
    });
    connect(m_idempotent, &QCheckBox::toggled, this, [this](bool on) { commit([on](Step &s) { s.idempotent = on; }); });
    connect(m_sideEffects, &QLineEdit::editingFinished, this,
            [this] { commit([this](Step &s) { s.sideEffects = splitList(m_sideEffects->text()); }); });
    return page;
}

bool StepPropertiesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_sagaDescription && event->type() == QEvent::FocusOut && m_sagaDescriptionCommit)
        m_sagaDescriptionCommit();
    return QWidget::eventFilter(watched, event);
}

void StepPropertiesPanel::setExtraSection(QWidget *section)
{
    if (section == m_extraSection)
        return;
    delete m_extraSection;
    m_extraSection = section;
    if (!section)
        return;
    auto *layout = qobject_cast<QVBoxLayout *>(m_findings->parentWidget()->layout());
    Q_ASSERT(layout);
    section->setParent(m_findings->parentWidget());
    layout->insertWidget(layout->indexOf(m_findings), section);
    section->show();
}

void StepPropertiesPanel::setCurrentStep(const StepId &id)
{
    if (m_stepId == id)
        return;
    m_stepId = id;
    showError({});
    refresh();
    m_scroll->verticalScrollBar()->setValue(0); // another step: its form from the top
}

int StepPropertiesPanel::formMinimumWidth() const
{
    return m_pages->minimumSizeHint().width();
}

QString StepPropertiesPanel::fieldError() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void StepPropertiesPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void StepPropertiesPanel::fillOperation(const OperationEditor &e, const Operation *operation)
{
    if (e.group->isCheckable())
        e.group->setChecked(operation != nullptr);
    const Operation empty;
    const Operation &op = operation ? *operation : empty;
    const SimSpec sim = op.sim.value_or(SimSpec{});
    e.name->setText(op.name);
    e.latencyMax->setMinimum(0);
    e.latencyMin->setValue(sim.latencyMinMs);
    e.latencyMax->setValue(sim.latencyMaxMs);
    e.latencyMax->setMinimum(sim.latencyMinMs);
    e.technicalFailure->setValue(sim.technicalFailure);
    e.businessFailure->setValue(sim.businessFailure);
    if (e.maxAttempts)
        e.maxAttempts->setValue(op.retry ? op.retry->maxAttempts : 0);
}

void StepPropertiesPanel::readOperation(const OperationEditor &e, Operation &op) const
{
    op.name = e.name->text().trimmed();
    const int min = e.latencyMin->value();
    const int max = std::max(min, e.latencyMax->value());
    const double technical = e.technicalFailure->value();
    const double business = e.businessFailure->value();
    if (op.sim || min || max || technical > 0 || business > 0) {
        SimSpec sim = op.sim.value_or(SimSpec{});
        sim.latencyMinMs = min;
        sim.latencyMaxMs = max;
        sim.latencyIsRange = sim.latencyIsRange || min != max;
        sim.technicalFailure = technical;
        sim.businessFailure = business;
        op.sim = sim;
    }
    if (e.maxAttempts) {
        const int attempts = e.maxAttempts->value();
        if (attempts > 0 || op.retry) {
            RetryPolicy policy = op.retry.value_or(RetryPolicy{});
            if (!op.retry)
                policy.maxAttempts = 0;
            policy.maxAttempts = attempts;
            op.retry = policy;
        }
    }
}

void StepPropertiesPanel::refresh()
{
    if (!m_document)
        return;
    const QScopedValueRollback<bool> guard(m_updating, true);
    const SagaDefinition &d = m_document->definition();
    const Step *step = m_stepId.isEmpty() ? nullptr : d.step(m_stepId);
    if (!step) {
        m_stepId.clear();
        m_pages->setCurrentIndex(0);
        if (!m_sagaName->hasFocus())
            m_sagaName->setText(d.name);
        if (!m_sagaDescription->hasFocus() && m_sagaDescription->toPlainText() != d.description)
            m_sagaDescription->setPlainText(d.description);
        int errors = 0, warnings = 0;
        for (const Diagnostic &diagnostic : m_document->diagnostics())
            (diagnostic.severity == Severity::Error ? errors : warnings) += 1;
        m_sagaSummary->setText(tr("%n step(s)", nullptr, int(d.steps.size())) + QStringLiteral(", ")
                               + tr("%n service(s)", nullptr, int(d.services.size())) + QStringLiteral(". ")
                               + tr("%n error(s)", nullptr, errors) + QStringLiteral(", ")
                               + tr("%n warning(s)", nullptr, warnings) + QStringLiteral(".\n")
                               + tr("Select a step on the canvas to edit it."));
        return;
    }
    m_pages->setCurrentIndex(1);
    m_id->setText(step->id);
    m_label->setText(step->label);
    m_label->setPlaceholderText(step->id);
    m_idFromLabel->setEnabled(!StepEdits::slug(step->label).isEmpty() && StepEdits::slug(step->label) != step->id);

    m_service->clear();
    m_service->addItem(tr("(no service)"), QString());
    for (const Service &service : d.services)
        m_service->addItem(service.label.isEmpty() ? service.id : tr("%1 (%2)").arg(service.label, service.id), service.id);
    if (!step->service.isEmpty() && !d.hasService(step->service))
        m_service->addItem(tr("%1 (unknown)").arg(step->service), step->service);
    m_service->setCurrentIndex(std::max(0, m_service->findData(step->service)));
    m_kind->setCurrentIndex(m_kind->findData(int(step->kind)));
    m_kind->setProperty("glossary", stepKindName(step->kind)); // F1 explains the kind
    if (!m_after->hasFocus())
        m_after->setText(step->after.join(QStringLiteral(", ")));

    fillOperation(m_action, &step->action);
    fillOperation(m_compensation, step->compensation ? &*step->compensation : nullptr);
    m_compensation.group->setTitle(step->kind == StepKind::Pivot ? tr("Compensation (a pivot has none)")
                                                                 : tr("Compensation"));

    const RetryPolicy retry = step->effectiveActionRetry();
    m_retryGroup->setChecked(step->retry.has_value());
    m_retryMaxAttempts->setValue(retry.maxAttempts);
    m_retryInitialBackoff->setValue(retry.initialBackoffMs);
    m_retryMultiplier->setValue(retry.multiplier);
    m_retryMaxBackoff->setValue(retry.maxBackoffMs);
    m_retryJitter->setValue(retry.jitter);
    m_timeout->setValue(step->timeoutMs.value_or(0));
    m_idempotent->setChecked(step->idempotent);
    if (!m_sideEffects->hasFocus())
        m_sideEffects->setText(step->sideEffects.join(QStringLiteral(", ")));

    QStringList findings;
    for (const Diagnostic &diagnostic : m_document->diagnostics()) {
        if (diagnostic.steps.contains(step->id))
            findings.append(QStringLiteral("%1 %2: %3")
                                .arg(diagnostic.severity == Severity::Error ? tr("Error") : tr("Warning"),
                                     diagnostic.rule, diagnostic.message));
    }
    m_findings->setText(findings.join(QStringLiteral("\n\n")));
    m_findings->setVisible(!findings.isEmpty());
}

void StepPropertiesPanel::commit(const std::function<void(Step &)> &edit)
{
    if (m_updating || !m_document || m_stepId.isEmpty())
        return;
    const Step *current = m_document->definition().step(m_stepId);
    if (!current)
        return;
    Step changed = *current;
    edit(changed);
    if (changed == *current)
        return;
    showError({});
    m_document->setStep(m_stepId, changed);
}

void StepPropertiesPanel::commitId()
{
    if (m_updating || !m_document || m_stepId.isEmpty())
        return;
    const QString newId = m_id->text().trimmed();
    if (newId == m_stepId)
        return;
    if (!isValidStepId(newId)) {
        showError(tr("\"%1\" is not a valid id: use letters, digits and '_', not starting with a digit.").arg(newId));
        m_id->setText(m_stepId);
        return;
    }
    if (m_document->definition().indexOf(newId) >= 0) {
        showError(tr("There is already a step with the id \"%1\".").arg(newId));
        m_id->setText(m_stepId);
        return;
    }
    const StepId old = m_stepId;
    m_stepId = newId; // follow the step through the rename
    m_document->renameStep(old, newId);
    showError({});
}

void StepPropertiesPanel::commitLabel(SagaDocument::IdFollowsLabel follows)
{
    if (m_updating || !m_document || m_stepId.isEmpty())
        return;
    const Step *current = m_document->definition().step(m_stepId);
    if (!current)
        return;
    const QString label = m_label->text();
    if (label == current->label && follows != SagaDocument::IdFollowsLabel::Always)
        return;
    if (label.isEmpty() && follows == SagaDocument::IdFollowsLabel::Always)
        return;
    showError({});
    const StepId old = m_stepId;
    m_stepId = m_document->setStepLabel(old, label, follows); // follow the step through a rename
    if (m_stepId != old)
        refresh();
}

void StepPropertiesPanel::commitAfter()
{
    if (m_updating || !m_document || m_stepId.isEmpty())
        return;
    const QStringList after = splitList(m_after->text());
    const SagaDefinition &d = m_document->definition();
    QStringList unknown;
    for (const QString &id : after) {
        if (d.indexOf(id) < 0)
            unknown.append(id);
    }
    if (!unknown.isEmpty()) {
        showError(tr("No step has the id %1.").arg(unknown.join(QStringLiteral(", "))));
        return;
    }
    if (after.contains(m_stepId)) {
        showError(tr("A step cannot run after itself."));
        return;
    }
    commit([&after](Step &s) { s.after = after; });
}

} // namespace Sagascope

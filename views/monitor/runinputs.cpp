// SPDX-License-Identifier: MIT
#include "runinputs.h"

#include "remotespec.h"
#include "runoptions.h"
#include "sagadocument.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSettings>
#include <QToolButton>

namespace Sagascope {

namespace {

// Where the input file of each saga file is remembered: {saga file: input file}, absolute paths.
constexpr auto InputsKey = "monitor/runInputs";
constexpr int InputsKept = 100;

} // namespace

RunInputs::RunInputs(SagaDocument *doc, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_window(window)
{
    m_chooseAction = new QAction(tr("Choose &Input…"), this);
    m_chooseAction->setObjectName(QStringLiteral("chooseInputAction"));
    m_chooseAction->setToolTip(tr("The input of the instances (a JSON object, or JSON lines: one instance a line) that "
                                  "the steps' requests read as ${input…}"));
    connect(m_chooseAction, &QAction::triggered, this, &RunInputs::chooseInput);

    m_simulateAction = new QAction(tr("&Simulate Services Offline"), this);
    m_simulateAction->setObjectName(QStringLiteral("simulateServicesAction"));
    m_simulateAction->setCheckable(true);
    m_simulateAction->setToolTip(tr("Run the steps that call services on their simulated behaviour instead: nothing "
                                    "is sent, and virtual time is allowed"));
    connect(m_simulateAction, &QAction::toggled, this, [this](bool on) {
        Q_EMIT message(on ? tr("The next runs simulate the services: nothing is sent.")
                          : tr("The next runs call the services, on the real clock."));
    });

    if (m_doc) {
        connect(m_doc, &SagaDocument::documentReset, this, &RunInputs::follow);
        connect(m_doc, &SagaDocument::changed, this, &RunInputs::updateActions);
    }
    follow();
}

void RunInputs::follow()
{
    // Another document: its own remembered input (none for an unsaved one).
    const QString key = settingsKey();
    m_inputPath = key.isEmpty() ? QString() : QSettings().value(QLatin1String(InputsKey)).toMap().value(key).toString();
    updateActions();
}

void RunInputs::updateActions()
{
    const bool remote = m_doc && hasHttpOperations(m_doc->definition());
    m_chooseAction->setEnabled(remote);
    m_simulateAction->setEnabled(remote);
}

QString RunInputs::settingsKey() const
{
    return m_doc && !m_doc->filePath().isEmpty() ? QFileInfo(m_doc->filePath()).absoluteFilePath() : QString();
}

void RunInputs::setInputPath(const QString &path)
{
    m_inputPath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    const QString key = settingsKey();
    if (key.isEmpty())
        return; // an unsaved saga: kept for this session only
    QSettings settings;
    QVariantMap inputs = settings.value(QLatin1String(InputsKey)).toMap();
    if (m_inputPath.isEmpty())
        inputs.remove(key);
    else
        inputs.insert(key, m_inputPath);
    while (inputs.size() > InputsKept)
        inputs.erase(inputs.begin());
    settings.setValue(QLatin1String(InputsKey), inputs);
}

bool RunInputs::simulate() const
{
    return m_simulateAction->isChecked();
}

void RunInputs::setSimulate(bool on)
{
    m_simulateAction->setChecked(on);
}

QString RunInputs::startFolder() const
{
    if (!m_inputPath.isEmpty())
        return QFileInfo(m_inputPath).absolutePath();
    if (m_doc && !m_doc->filePath().isEmpty())
        return QFileInfo(m_doc->filePath()).absolutePath();
    return QDir::homePath();
}

QString RunInputs::ask()
{
    if (m_chooser)
        return m_chooser(startFolder());
    return QFileDialog::getOpenFileName(m_window, tr("Choose the Instances' Input"), startFolder(),
                                        tr("Inputs (*.json *.jsonl);;All files (*)"));
}

void RunInputs::chooseInput()
{
    const QString path = ask();
    if (path.isEmpty())
        return;
    QString fault;
    const std::optional<QJsonArray> inputs = RunOptions::readInputs(path, RunOptions::InputFile::ObjectOrLines, &fault);
    if (!inputs) {
        Q_EMIT message(tr("This input cannot be used: %1").arg(fault));
        return;
    }
    setInputPath(path);
    Q_EMIT message(tr("The next runs read %n input(s) from %1.", nullptr, int(inputs->size())).arg(QFileInfo(path).fileName()));
}

bool RunInputs::apply(const SagaDefinition &definition, RunOptions *options, QString *error)
{
    if (!hasHttpOperations(definition))
        return true;
    if (simulate()) {
        options->simulate = true;
        return true;
    }
    options->virtualTime = false; // real services answer in real time
    if (m_inputPath.isEmpty() && templatesReadInput(definition)) {
        const QString path = ask();
        if (path.isEmpty()) {
            error->clear(); // cancelled: no run, nothing to say
            return false;
        }
        setInputPath(path);
    }
    if (m_inputPath.isEmpty())
        return true;
    QString fault;
    const std::optional<QJsonArray> inputs = RunOptions::readInputs(m_inputPath, RunOptions::InputFile::ObjectOrLines, &fault);
    if (!inputs) {
        *error = tr("The instances' input cannot be used: %1. Choose another with Run › Choose Input….").arg(fault);
        return false;
    }
    options->inputs = *inputs;
    return true;
}

std::function<void()> RunInputs::addDialogRows(QFormLayout *form, QWidget *virtualTime)
{
    if (!m_doc || !hasHttpOperations(m_doc->definition()))
        return [] {};
    auto *services = new QComboBox;
    services->setObjectName(QStringLiteral("servicesMode"));
    services->addItem(tr("Call them (real clock)"));
    services->addItem(tr("Simulate them offline"));
    services->setCurrentIndex(simulate() ? 1 : 0);

    auto *inputRow = new QWidget;
    auto *inputLayout = new QHBoxLayout(inputRow);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    auto *input = new QLineEdit(m_inputPath);
    input->setObjectName(QStringLiteral("inputPath"));
    input->setPlaceholderText(tr("none: templates read ${input…} as null"));
    input->setToolTip(tr("A JSON object for every instance, or JSON lines: instance i gets line i (cycling)"));
    input->setMinimumWidth(input->fontMetrics().averageCharWidth() * 36);
    auto *browse = new QToolButton;
    browse->setText(tr("Browse…"));
    inputLayout->addWidget(input, 1);
    inputLayout->addWidget(browse);
    connect(browse, &QToolButton::clicked, input, [this, input] {
        const QString path = ask();
        if (!path.isEmpty())
            input->setText(QDir::toNativeSeparators(path));
    });

    auto *check = qobject_cast<QCheckBox *>(virtualTime);
    const auto follow = [=] {
        const bool calls = services->currentIndex() == 0;
        form->setRowVisible(inputRow, calls);
        if (check) {
            check->setEnabled(!calls);
            check->setChecked(!calls);
            check->setToolTip(calls ? tr("Real services answer in real time") : QString());
        }
    };
    connect(services, &QComboBox::currentIndexChanged, form, follow);
    form->addRow(tr("Services:"), services);
    form->addRow(tr("Input:"), inputRow);
    follow();
    return [this, services, input] {
        setSimulate(services->currentIndex() == 1);
        setInputPath(QDir::fromNativeSeparators(input->text().trimmed()));
    };
}

} // namespace Sagascope

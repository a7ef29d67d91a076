// SPDX-License-Identifier: MIT
#include "comparisondialog.h"

#include "comparisonchart.h"
#include "comparisonrunner.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Sagascope {

ComparisonDialog::ComparisonDialog(QWidget *parent)
    : QDialog(parent)
    , m_runner(new ComparisonRunner(this))
    , m_chart(new ComparisonChartWidget)
{
    setObjectName(QStringLiteral("comparisonDialog"));
    setWindowTitle(tr("Compare Protocols"));

    m_instances = new QSpinBox;
    m_instances->setObjectName(QStringLiteral("compareInstances"));
    m_instances->setRange(1, 100000);
    m_concurrency = new QSpinBox;
    m_concurrency->setObjectName(QStringLiteral("compareConcurrency"));
    m_concurrency->setRange(0, 100000);
    m_concurrency->setSpecialValueText(tr("all at once"));
    m_seed = new QLineEdit;
    m_seed->setObjectName(QStringLiteral("compareSeed"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_seed->setToolTip(tr("Both protocols run with this seed: the same seed gives the same figures"));
    setLoad(ComparisonLoad());

    auto *form = new QHBoxLayout;
    auto addField = [form](const QString &label, QWidget *field) {
        auto *l = new QLabel(label);
        l->setBuddy(field);
        form->addWidget(l);
        form->addWidget(field);
    };
    addField(tr("&Instances:"), m_instances);
    addField(tr("In &flight at once:"), m_concurrency);
    addField(tr("S&eed:"), m_seed);
    m_compareButton = new QPushButton(tr("&Compare"));
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Ca&ncel"));
    form->addWidget(m_compareButton);
    form->addWidget(m_cancelButton);
    form->addStretch();

    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("compareStatus"));
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_status, 2);

    m_pngButton = new QPushButton(tr("Export &PNG…"));
    m_csvButton = new QPushButton(tr("Export C&SV…"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_pngButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_csvButton, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(progressRow);
    layout->addWidget(m_chart, 1);
    layout->addWidget(buttons);
    resize(1100, 720);

    connect(m_compareButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!compare(&error))
            QMessageBox::warning(this, windowTitle(), error);
    });
    connect(m_cancelButton, &QPushButton::clicked, m_runner, &ComparisonRunner::cancel);
    connect(m_pngButton, &QPushButton::clicked, this, [this] { chooseExport(true); });
    connect(m_csvButton, &QPushButton::clicked, this, [this] { chooseExport(false); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_runner, &ComparisonRunner::progress, this, [this](int percent, const QString &text) {
        m_progress->setValue(percent);
        m_status->setText(text);
    });
    connect(m_runner, &ComparisonRunner::finished, this, &ComparisonDialog::onFinished);
    connect(m_runner, &ComparisonRunner::failed, this, &ComparisonDialog::onFailed);
    updateButtons();
}

ComparisonDialog::~ComparisonDialog()
{
    m_runner->cancel();
}

void ComparisonDialog::setDefinition(const SagaDefinition &definition)
{
    m_definition = definition;
}

void ComparisonDialog::setLoad(const ComparisonLoad &load)
{
    m_instances->setValue(load.instances);
    m_concurrency->setValue(load.concurrency);
    m_seed->setText(QString::number(load.seed));
}

ComparisonLoad ComparisonDialog::load() const
{
    return ComparisonLoad{m_instances->value(), m_concurrency->value(), m_seed->text().toULongLong()};
}

bool ComparisonDialog::isRunning() const
{
    return m_runner->isRunning();
}

bool ComparisonDialog::compare(QString *error)
{
    if (!m_runner->start(m_definition, load(), error))
        return false;
    m_progress->setValue(0);
    updateButtons();
    return true;
}

void ComparisonDialog::onFinished(const ProtocolComparison &comparison)
{
    m_chart->setComparison(comparison);
    m_status->setText(tr("Saga %1 instances/s, 2PC %2 instances/s")
                          .arg(QLocale().toString(comparison.saga().throughputPerSec(), 'f', 1),
                               QLocale().toString(comparison.twoPc().throughputPerSec(), 'f', 1)));
    updateButtons();
    Q_EMIT comparisonShown();
}

void ComparisonDialog::onFailed(const QString &error)
{
    m_progress->setValue(0);
    m_status->setText(error);
    updateButtons();
}

void ComparisonDialog::updateButtons()
{
    const bool running = m_runner->isRunning();
    const bool shown = !m_chart->comparison().isEmpty();
    m_compareButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_pngButton->setEnabled(shown && !running);
    m_csvButton->setEnabled(shown && !running);
}

bool ComparisonDialog::exportPng(const QString &path, QString *error) const
{
    if (m_chart->comparison().isEmpty()) {
        *error = tr("Nothing to export yet: run the comparison first.");
        return false;
    }
    QImageWriter writer(path, "png");
    if (!writer.write(m_chart->toImage(QSize(1600, 900)))) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), writer.errorString());
        return false;
    }
    return true;
}

bool ComparisonDialog::exportCsv(const QString &path, QString *error) const
{
    if (m_chart->comparison().isEmpty()) {
        *error = tr("Nothing to export yet: run the comparison first.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_chart->comparison().toCsv()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void ComparisonDialog::chooseExport(bool png)
{
    const QString suggested = (m_definition.name.isEmpty() ? QStringLiteral("comparison") : m_definition.name)
                                  .toLower()
                                  .replace(QLatin1Char(' '), QLatin1Char('-'))
                              + (png ? QStringLiteral("-comparison.png") : QStringLiteral("-comparison.csv"));
    const QString path = QFileDialog::getSaveFileName(this, png ? tr("Export Comparison as PNG") : tr("Export Comparison as CSV"),
                                                      suggested, png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!(png ? exportPng(path, &error) : exportCsv(path, &error)))
        QMessageBox::warning(this, windowTitle(), error);
}

} // namespace Sagascope

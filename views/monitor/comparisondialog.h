// SPDX-License-Identifier: MIT
#pragma once

#include "protocolcomparison.h"
#include "sagadefinition.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace Sagascope {

class ComparisonChartWidget;
class ComparisonRunner;

/**
 * Compare (Run > Compare Protocols, F7): the load (instances, in flight at once, seed), the
 * progress of the two runs (a ComparisonRunner, off the GUI thread), the charts side by side and
 * the export as PNG and CSV. A view: the runs and the figures are the runner's and the
 * ProtocolComparison's.
 */
class ComparisonDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ComparisonDialog(QWidget *parent = nullptr);
    ~ComparisonDialog() override;

    /** The saga the next comparison runs (its name titles the charts). */
    void setDefinition(const SagaDefinition &definition);
    void setLoad(const ComparisonLoad &load);
    ComparisonLoad load() const;
    /** Runs the comparison with the load shown; false with a message when it cannot start. */
    bool compare(QString *error = nullptr);
    bool isRunning() const;

    ComparisonRunner *runner() const { return m_runner; }
    ComparisonChartWidget *chart() const { return m_chart; }
    /** Writes the charts as a PNG (1600 × 900) or the figures as CSV; false with a message
     *  naming the file when it cannot be written or there is nothing to export yet. */
    bool exportPng(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;

Q_SIGNALS:
    /** The comparison shown changed (a run finished). */
    void comparisonShown();

private:
    void onFinished(const ProtocolComparison &comparison);
    void onFailed(const QString &error);
    void chooseExport(bool png);
    void updateButtons();

    SagaDefinition m_definition;
    ComparisonRunner *m_runner = nullptr;
    ComparisonChartWidget *m_chart = nullptr;
    QSpinBox *m_instances = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QLineEdit *m_seed = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_compareButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_pngButton = nullptr;
    QPushButton *m_csvButton = nullptr;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
QT_END_NAMESPACE

namespace Sagascope {

class InstanceFilterModel;
class InstancesModel;

/**
 * The instances panel: every saga instance with its status, correlation id, start time and
 * duration; filter by status, search by id. Selecting a row emits instanceSelected().
 */
class InstancesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InstancesPanel(InstancesModel *model, QWidget *parent = nullptr);

    InstanceFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QComboBox *statusCombo() const { return m_status; }
    QLineEdit *searchEdit() const { return m_search; }
    /** The selected instance's id, or empty. */
    QString selectedInstance() const;

public Q_SLOTS:
    /** Selects (and scrolls to) an instance; false when it is not shown. */
    bool selectInstance(const QString &instance);

Q_SIGNALS:
    void instanceSelected(const QString &instance);

private:
    void updateCount();

    InstancesModel *m_model = nullptr;
    InstanceFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    QString m_selected;
};

} // namespace Sagascope

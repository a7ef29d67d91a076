// SPDX-License-Identifier: MIT
#pragma once

#include "sagadefinition.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace Sagascope {

class EventLogFilterModel;
class EventLogModel;

/**
 * The event log panel: the trace of every instance or of the selected one, filterable by step,
 * by trace event type and by the broker's event type (a saga with events), searchable by
 * correlation id; Copy (Ctrl+C) puts the selected rows on the
 * clipboard as the SPEC's JSON lines. Follows the end of the log while scrolled to the bottom.
 */
class EventLogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogPanel(EventLogModel *model, QWidget *parent = nullptr);

    /** Fills the step filter with the saga's steps, and the event filter with its events. */
    void setDefinition(const SagaDefinition &definition);
    EventLogFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    /** The broker's event filter (shown only for a saga with events). */
    QComboBox *brokerEventCombo() const { return m_brokerEventCombo; }
    /** The selected rows as JSON lines, in log order. */
    QByteArray selectedJsonLines() const;
    /** The seed of the run shown (said beside the count of events); none for a saga log. */
    void setSeed(std::optional<quint64> seed);
    QString countText() const;

public Q_SLOTS:
    /** The instance chosen elsewhere (instances panel); shown alone while "Selected instance only" is on. */
    void setSelectedInstance(const QString &instance);
    void setSelectedInstanceOnly(bool only);
    void copySelection();

private:
    void updateInstanceFilter();
    void updateCount();
    void updateTypesButton();

    EventLogModel *m_model = nullptr;
    EventLogFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_stepCombo = nullptr;
    QToolButton *m_typesButton = nullptr;
    QComboBox *m_brokerEventCombo = nullptr; // the broker's event types (SPEC section 5)
    QList<QAction *> m_typeActions;
    QCheckBox *m_onlySelected = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    QAction *m_copy = nullptr;
    QString m_selectedInstance;
    std::optional<quint64> m_seed;
    bool m_follow = true;
};

} // namespace Sagascope

// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
QT_END_NAMESPACE

namespace Sagascope {

class SagaDocument;

/**
 * The saga's mode (SPEC section 5): orchestration or choreography. Choosing the other one
 * converts the saga (SagaDocument::convertTo(), the conversion `sagascope-cli convert` makes) as
 * one undoable edit; a saga that cannot be converted stays as it is and message() says why.
 * The control follows the document (undo, open) and holds no state of its own.
 */
class SagaModeControl : public QWidget
{
    Q_OBJECT
public:
    explicit SagaModeControl(SagaDocument *document, QWidget *parent = nullptr);

    QComboBox *comboBox() const { return m_combo; }

Q_SIGNALS:
    /** What the status bar should say: the conversion made, or why it was refused. */
    void message(const QString &text);

private:
    void refresh();
    void chosen(int index);

    QPointer<SagaDocument> m_document;
    QComboBox *m_combo = nullptr;
    bool m_refreshing = false;
};

} // namespace Sagascope

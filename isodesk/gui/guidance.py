"""What the catalog tells the assessor beside an item, for the answer panel and interview mode:

* the maturity anchors (what levels 1, 3 and 5 look like for this item), beside the maturity
  choice (in the answer panel's list of levels, in interview mode's maturity step), so that two
  consultants score the same client alike;
* the assessor's note (a prompt, not a requirement), what to check against the published text
  of the standard (``verify``), and in a transition project how the item relates to the other
  edition, with a carried-over answer that still waits for re-verification.

Catalog texts are in the project's language (like the summary and the questions), the words
around them in the user interface's.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from isodesk.app.session import ProjectSession
from isodesk.domain.model import Answer, Requirement, text
from isodesk.domain.transition import superseded
from isodesk.gui.style import is_dark
from isodesk.support.i18n import tr


ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 1  # a maturity level's anchor in the choice's list
ANCHOR_POPUP_WIDTH = 440  # wide enough for an anchor in three or four lines


def _quiet() -> str:
    """A text colour a shade softer than the body text, readable on light and dark windows."""
    return "color: #c4c4c4;" if is_dark() else "color: #4a4a4a;"


def catalog_label(session: ProjectSession, catalog_id: str, short: bool = False) -> str:
    """"ISO 14001:2015 (replaced by ISO 14001:2026)", or ``short`` "ISO 14001:2015 (replaced)",
    for an edition the project holds a newer one of; else the standard's name."""
    name = session.catalog(catalog_id).name
    newer = superseded(session.catalogs).get(catalog_id)
    if newer is None:
        return name
    if short:
        return tr("{old} (replaced)").format(old=name)
    return tr("{old} (replaced by {new})").format(old=name, new=newer.name)


def anchor_lines(req: Requirement, lang: str) -> list[str]:
    """"3 · A documented context analysis …" per anchor of ``req``."""
    return [f"{n} · {text(req.anchors[n], lang)}" for n in sorted(req.anchors, key=int)]


def show_anchors(combo: QComboBox, req: Requirement | None, lang: str) -> None:
    """The maturity list of the answer panel with each level's anchor under it while it is
    open (what a level looks like, read at the moment of choosing), and all anchors as the
    choice's tool tip. The panel has no height to spare at 720 pixels: the anchors take none
    of it."""
    anchors = req.anchors if req is not None else {}
    for index in range(combo.count()):
        level = combo.itemData(index)
        anchor = anchors.get(str(level)) if level is not None else None
        combo.setItemData(index, text(anchor, lang) if anchor else None, ANCHOR_ROLE)
    combo.setToolTip("\n\n".join(anchor_lines(req, lang)) if anchors else "")
    if not isinstance(combo.itemDelegate(), _AnchorDelegate):
        combo.setItemDelegate(_AnchorDelegate(combo.view()))
        combo.view().setMinimumWidth(ANCHOR_POPUP_WIDTH)



class _AnchorDelegate(QStyledItemDelegate):
    """A maturity level in the list, with its anchor (if it has one) in smaller type below."""

    PAD = 4  # about where the style puts the text of a plain level

    def _anchor_font(self, option) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 0.88)
        return font

    def _anchor_rect(self, option, anchor: str) -> QRect:
        # The list is at least this wide once shown (it is laid out before, at any width): the
        # lines an anchor needs there are enough wherever it is wider.
        width = ANCHOR_POPUP_WIDTH - 2 * self.PAD
        return QFontMetrics(self._anchor_font(option)).boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, anchor)

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        anchor = index.data(ANCHOR_ROLE)
        if anchor:  # as painted: margin, the level's line, a gap, the anchor, margin
            size.setHeight(2 + QFontMetrics(option.font).height() + 2
                           + self._anchor_rect(option, anchor).height() + self.PAD)
        return size

    def paint(self, painter, option, index) -> None:
        anchor = index.data(ANCHOR_ROLE)
        if not anchor:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        label, item.text = item.text, ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                      else QPalette.ColorRole.Text)
        area = option.rect.adjusted(self.PAD, 2, -self.PAD, -2)
        line = QFontMetrics(option.font).height()
        painter.save()
        painter.setPen(colour)
        painter.setFont(option.font)
        painter.drawText(QRect(area.left(), area.top(), area.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setFont(self._anchor_font(option))
        painter.drawText(area.adjusted(0, line + 2, 0, 0), Qt.TextFlag.TextWordWrap, anchor)
        painter.restore()


def guidance_lines(session: ProjectSession, req: Requirement, answer: Answer,
                   lang: str) -> list[str]:
    lines = []
    if req.note:
        lines.append("ℹ " + text(req.note, lang))
    if req.verify:
        lines.append("⚠ " + text(req.verify, lang))
    lines += _edition_lines(session, req, answer)
    return lines


def _edition_lines(session: ProjectSession, req: Requirement, answer: Answer) -> list[str]:
    """How the item stands to the other edition of its standard, in a project with both."""
    replaced = superseded(session.catalogs)
    newer = replaced.get(req.catalog_id)
    if newer is not None:
        return ["⟲ " + tr("{old} is replaced by {new} in this project: its answers were carried "
                          "over there, and the report shows {new}.").format(
            old=session.catalog(req.catalog_id).name, new=newer.name)]
    old = next((session.catalog(o) for o, n in replaced.items() if n.id == req.catalog_id), None)
    if old is None:
        return []
    refs = [key.split(":", 1)[1] for key in req.continues if key.startswith(old.id + ":")]
    if not refs:
        return ["⟲ " + tr("New in {new}: there is no earlier answer to build on.").format(
            new=session.catalog(req.catalog_id).name)]
    line = tr("Continues {old} {refs}.").format(old=old.name, refs=" + ".join(refs))
    if req.changed:
        line += " " + tr("The requirement changed.")
    lines = ["⟲ " + line]
    if answer.reverify:
        lines.append("↻ " + tr("Carried over, not yet re-verified: once checked against the "
                               "new text, choose the result again."))
    return lines


class GuidanceLabel(QLabel):
    """The note, verify and edition lines of an item; hidden when there are none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(_quiet() + " padding: 2px 0;")

    def show_for(self, session: ProjectSession, req: Requirement | None, answer: Answer | None,
                 lang: str) -> None:
        lines = guidance_lines(session, req, answer, lang) if req is not None else []
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))

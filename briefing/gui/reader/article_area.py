"""The centre column: title, byline (source · date · words), the article view and, once
Ctrl+F is first pressed, the find bar under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from briefing.domain import Article
from briefing.gui.library.source_names import short_source
from briefing.gui.reader.article_view import ArticleView
from briefing.gui.widgets.labels import wrapping_label

if TYPE_CHECKING:
    from briefing.gui.reader.find_bar import FindBar

# What html.escape(quote=True) replaces; the html package is not worth its import at start-up.
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


MAX_PREFILL = 100  # longest selection that pre-fills the find field
MAX_SOURCE_CHARS = 60  # a longer file or host name is shortened in the middle
LONG_WORD = 30  # words longer than this get break opportunities in the header
_BREAK = "\u200b"  # zero-width space: where a label may wrap an unbroken run


def escape(text: str) -> str:
    return text.translate(_HTML_ESCAPES)


def elide_middle(text: str, limit: int = MAX_SOURCE_CHARS) -> str:
    """``text`` cut to ``limit`` characters around an ellipsis, keeping both ends (a file
    name's extension stays readable)."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def breakable(text: str, every: int = LONG_WORD) -> str:
    """``text`` with a zero-width space every ``every`` characters inside longer words, so a
    word-wrapped label can wrap a run like ``xxxx…`` instead of widening its column."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if len(word) > every:
            words[index] = _BREAK.join(word[i:i + every] for i in range(0, len(word), every))
    return " ".join(words)


def byline(article: Article) -> str:
    """Rich text for the meta line; the source link is only followed after confirmation."""
    parts: list[str] = []
    if article.source_url:
        parts.append(f'<a href="{escape(article.source_url)}">'
                     f"{escape(elide_middle(short_source(article.source_url)))}</a>")
    elif article.source_path:
        parts.append(escape(elide_middle(short_source(article.source_path))))
    else:
        parts.append("pasted text")
    if article.author:
        parts.append(escape(breakable(article.author)))
    if article.published:
        parts.append(escape(article.published[:10]))
    elif article.imported_at:  # said as such: never passed off as a publication date
        parts.append(f"imported {escape(article.imported_at[:10])}")
    parts.append(f"{article.word_count} words")
    if article.revision > 1:
        parts.append(f"revision {article.revision}")
    return " · ".join(parts)


class ArticleArea(QWidget):
    def __init__(self, open_link: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleArea")
        self.title = wrapping_label(QLabel())
        self.title.setObjectName("articleTitle")
        self.title.setAccessibleName("Article title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = wrapping_label(QLabel(objectName="articleMeta"))
        self.meta.setAccessibleName("Article source and date")
        self.meta.setOpenExternalLinks(False)
        self.meta.linkActivated.connect(open_link)
        self.warning = wrapping_label(QLabel(objectName="articleWarning"))
        self.warning.setAccessibleName("Import warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.rule = QFrame(objectName="articleRule")
        self.rule.setFixedHeight(1)
        self.view = ArticleView()
        self.view.column_changed.connect(self._align_header)
        self.empty = QLabel(
            "<h2>No article open</h2><p>Open a file (Ctrl+O), paste text or a link "
            "(Ctrl+Shift+V), drop files here, or choose <i>Help → Open the Sample Article</i>.</p>"
        )
        wrapping_label(self.empty)
        self.empty.setMargin(32)
        self._find_bar: FindBar | None = None  # built on the first Ctrl+F
        self.has_article = False
        header = QWidget()
        # The header follows the text column's margins (see _align_header): its minimum
        # width must not count them, or the column would push the window wider each time.
        header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(32, 16, 32, 4)
        self.header_layout = header_layout
        header_layout.addWidget(self.title)
        header_layout.addWidget(self.meta)
        header_layout.addWidget(self.warning)
        header_layout.addWidget(self.rule)
        self.header = header
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self._layout = layout

    def set_font(self, family: str, point_size: int) -> None:
        """Article font and size; the title follows at 1.5× the body size."""
        self.view.set_font(family, point_size)
        font = self.title.font()
        if family:
            font.setFamily(family)
        font.setPointSizeF(point_size * 1.5)
        self.title.setFont(font)

    def _align_header(self, left: int) -> None:
        """Keep the title and byline on the same column as the text."""
        frame = self.view.frameWidth()
        self.header_layout.setContentsMargins(left + frame, 16, left + frame, 4)

    def show_article(self, article: Article | None) -> None:
        has = self.has_article = article is not None
        self.header.setVisible(has)
        self.view.setVisible(has)
        self.empty.setVisible(not has)
        self.warning.setVisible(has and bool(article and article.warnings))
        if article is None:
            self.view.set_article_text("")
            if self._find_bar is not None:
                self._find_bar.dismiss()
            return
        self.title.setText(breakable(article.title))
        self.title.setToolTip(article.title if len(article.title) > 80 else "")
        self.meta.setText(byline(article))
        source = article.source_url or article.source_path or ""
        self.meta.setToolTip(source if len(short_source(source)) > MAX_SOURCE_CHARS else "")
        if article.warnings:
            self.warning.setText(escape("\u26a0 Import warning: " + "; ".join(article.warnings)))
        self.view.set_article_text(article.text, article.blocks)
        if self._find_bar is not None:
            self._find_bar.article_changed()

    # finding ---------------------------------------------------------------------------
    @property
    def find_bar(self) -> FindBar:
        """The find bar under the article view, built on first use."""
        if self._find_bar is None:
            from briefing.gui.reader.find_bar import FindBar

            bar = FindBar(self.view, self)
            bar.hide()
            self._layout.addWidget(bar)
            self._find_bar = bar
        return self._find_bar

    def open_find(self) -> bool:
        """Ctrl+F: show and focus the find bar, pre-filled with a short one-line selection.
        False when no article is open."""
        if not self.has_article:
            return False
        start, end = self.view.selected_span()
        selected = self.view.text[start:end]
        prefill = selected if 0 < len(selected) <= MAX_PREFILL and "\n" not in selected else ""
        self.find_bar.open(prefill)
        return True

    def close_find(self) -> bool:
        """Close the find bar as Esc in it does; False when it was not open."""
        if self._find_bar is None or not self._find_bar.isVisible():
            return False
        self._find_bar.close_bar()
        return True

    def find_step(self, direction: int) -> None:
        """F3 / Shift+F3: the next or previous match (the bar opens if it is closed)."""
        if not self.has_article:
            return
        bar = self.find_bar
        if not bar.field.text():
            self.open_find()
            return
        bar.show()
        bar.step(direction)

"""The centre column: title, byline (source · date · words) and the article view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from briefing.domain import Article
from briefing.gui.article_view import ArticleView
from briefing.gui.source_names import short_source

# What html.escape(quote=True) replaces; the html package is not worth its import at start-up.
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape(text: str) -> str:
    return text.translate(_HTML_ESCAPES)


def byline(article: Article) -> str:
    """Rich text for the meta line; the source link is only followed after confirmation."""
    parts: list[str] = []
    if article.source_url:
        parts.append(f'<a href="{escape(article.source_url)}">'
                     f"{escape(short_source(article.source_url))}</a>")
    elif article.source_path:
        parts.append(escape(short_source(article.source_path)))
    else:
        parts.append("pasted text")
    if article.author:
        parts.append(escape(article.author))
    date = (article.published or article.imported_at or "")[:10]
    if date:
        parts.append(escape(date))
    parts.append(f"{article.word_count} words")
    if article.revision > 1:
        parts.append(f"revision {article.revision}")
    return " · ".join(parts)


class ArticleArea(QWidget):
    def __init__(self, open_link: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleArea")
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Article title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(objectName="articleMeta")
        self.meta.setAccessibleName("Article source and date")
        self.meta.setOpenExternalLinks(False)
        self.meta.linkActivated.connect(open_link)
        self.rule = QFrame(objectName="articleRule")
        self.rule.setFixedHeight(1)
        self.view = ArticleView()
        self.view.column_changed.connect(self._align_header)
        self.empty = QLabel(
            "<h2>No article open</h2><p>Open a file (Ctrl+O), paste text or a link "
            "(Ctrl+Shift+V), drop files here, or choose <i>Help → Open the Sample Article</i>.</p>"
        )
        self.empty.setWordWrap(True)
        self.empty.setMargin(32)
        header = QWidget()
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(32, 16, 32, 4)
        self.header_layout = header_layout
        header_layout.addWidget(self.title)
        header_layout.addWidget(self.meta)
        header_layout.addWidget(self.rule)
        self.header = header
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)

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
        has = article is not None
        self.header.setVisible(has)
        self.view.setVisible(has)
        self.empty.setVisible(not has)
        if article is None:
            self.view.set_article_text("")
            return
        self.title.setText(article.title)
        self.meta.setText(byline(article))
        self.view.set_article_text(article.text)

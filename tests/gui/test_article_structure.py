"""The reader shows an article's structure (headings, list items, table rows) and its import
warnings without changing a character of the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from briefing.domain import Article
from briefing.ingest import read_path

PAGES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "pages"


@pytest.fixture
def area(qtbot):
    from briefing.gui.reader.article_area import ArticleArea

    widget = ArticleArea(lambda _url: None)
    qtbot.addWidget(widget)
    widget.resize(760, 480)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _article(path: Path) -> Article:
    doc = read_path(path)
    return Article(id=1, title=doc.title, text=doc.text, text_sha256="", blocks=doc.blocks,
                   warnings=doc.warnings)  # fmt: skip


def _block_at(area, offset: int):
    cursor = QTextCursor(area.view.document())
    cursor.setPosition(area.view.positions.to_qt(offset))
    return cursor.block()


def test_markdown_structure_is_shown_in_the_reader(area) -> None:
    article = _article(PAGES / "structured.md")
    area.show_article(article)
    assert area.view.document().toPlainText() == article.text
    assert area.view.text == article.text
    by_text = {article.text[b.start : b.end]: b for b in article.blocks}
    heading = _block_at(area, by_text["What changes"].start)
    assert heading.blockFormat().headingLevel() == 2
    item = _block_at(area, by_text["Seniors ride free from July 1."].start)
    assert item.textList() is not None
    nested = _block_at(area, by_text["Lines N1 and N2 first."].start)
    assert nested.textList() is not None and nested.textList().format().indent() == 2
    row = _block_at(area, by_text["N1\t60 min\t30 min"].start)
    assert len(row.blockFormat().tabPositions()) == 2
    plain = _block_at(area, 0)
    assert plain.textList() is None and plain.blockFormat().headingLevel() == 0
    assert not area.warning.isVisible()


def test_import_warnings_are_shown_with_the_article(area) -> None:
    article = _article(PAGES / "notice-only.html")
    area.show_article(article)
    assert area.warning.isVisible()
    assert "mostly a notice" in area.warning.text()
    area.show_article(None)
    assert not area.warning.isVisible()

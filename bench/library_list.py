"""The reader's library list with a large library: listing query plus model, filter and sort.

Measured in one run against a baseline that does what the list did before: the word count
computed from every article's text in SQL, and a QSortFilterProxyModel sorting through a
sort role (one ``data()`` call per comparison, each working out the short source name).
Printed: median times of both and their ratio (goal: well under 1; the GUI thread should
stay under ~100 ms for a listing of 10,000 articles).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/library_list.py [N_ARTICLES]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from news_corpus import corpus_sentences

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OLD_LISTING = (
    "SELECT a.id, a.title, coalesce(a.source_url, a.source_path), a.author, a.published, "
    "a.imported_at, length(a.text) - length(replace(a.text, ' ', '')) + 1, "
    "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id), a.revision "
    "FROM articles a ORDER BY a.imported_at DESC, a.id DESC"
)


def build(lib: Any, count: int) -> None:
    from briefing.domain import Article, text_sha256
    from briefing.storage import articles

    rng = random.Random(7)
    pool = corpus_sentences()
    with lib.transaction() as conn:
        for i in range(count):
            text = "\n".join(" ".join(rng.sample(pool, 6)) for _ in range(8))
            articles.insert(conn, Article(
                id=0, title=f"{pool[i % len(pool)][:50]} ({i})", text=text,
                text_sha256=text_sha256(text), source_url=f"https://www.site{i % 40}.example/{i}",
                imported_at=f"2026-01-{1 + i % 28:02d}T00:00:00Z",
            ))


def baseline_model(rows: list[Any]) -> Any:
    """The former design: cells and sort keys worked out on every data() call; the proxy
    sorts by asking for them once per comparison."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

    sort_role = Qt.ItemDataRole.UserRole + 2

    def short(source: str | None) -> str:
        if source and source.startswith(("http://", "https://")):
            return urlparse(source).netloc.removeprefix("www.")
        return Path(source or "pasted").name

    class Old(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 4

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            row = rows[index.row()]
            date = (row.published or row.imported_at or "")[:10]
            if role == Qt.ItemDataRole.DisplayRole:
                return (row.title, short(row.source), date, str(row.annotation_count))[
                    index.column()]
            if role == sort_role:
                return (row.title.casefold(), short(row.source), date, row.annotation_count)[
                    index.column()]
            return None

    proxy = QSortFilterProxyModel()
    proxy.setSortRole(sort_role)
    model = Old()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    return proxy, model


def median_ms(run: Any, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from briefing.gui.library.library_model import LibraryFilter, LibraryModel
    from briefing.services import Library
    from briefing.services.articles import list_articles
    from briefing.storage.articles import ArticleRow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        os.environ["BRIEFING_DATA_DIR"] = folder
        with Library.open() as lib:
            build(lib, count)
            rows = list_articles(lib)

            def old_listing() -> list[ArticleRow]:
                return [ArticleRow(*r) for r in lib.conn.execute(OLD_LISTING).fetchall()]

            new_query = median_ms(lambda: list_articles(lib))
            old_query = median_ms(old_listing)

        def new_list() -> None:
            model, proxy = LibraryModel(), LibraryFilter()
            proxy.setSourceModel(model)
            model.sort(2, Qt.SortOrder.DescendingOrder)
            model.set_rows(rows)
            proxy.sort(0, Qt.SortOrder.AscendingOrder)  # a click on the Title header

        def old_list() -> None:
            proxy, _model = baseline_model(rows)
            proxy.sort(0, Qt.SortOrder.AscendingOrder)

        new_model = median_ms(new_list, 3)
        old_model = median_ms(old_list, 3)
    del app
    print(f"library of {count:,} articles")
    print(f"  listing query:        {new_query:7.1f} ms   baseline (word count from the text) "
          f"{old_query:7.1f} ms   ratio {new_query / old_query:.2f}")
    print(f"  model, sort, re-sort: {new_model:7.1f} ms   baseline (proxy sorts via data()) "
          f"{old_model:7.1f} ms   ratio {new_model / old_model:.2f}")
    total_new, total_old = new_query + new_model, old_query + old_model
    print(f"  together:             {total_new:7.1f} ms   baseline {total_old:7.1f} ms   "
          f"ratio {total_new / total_old:.2f}")


if __name__ == "__main__":
    main()

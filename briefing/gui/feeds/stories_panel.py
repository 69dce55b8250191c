"""The stories page: articles grouped by event (clusters computed in a worker), and for the
chosen story its articles, the figures its sources give side by side (disagreements
flagged) and "Create brief from story"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.domain.library import ArticleRow
from briefing.gui.background import CallJob, Outcome, PageJobs
from briefing.gui.feeds.claim_compare import (
    ARTICLE_ROLE,
    ENTITY,
    FIXED,
    UNIT,
    ClaimCompareModel,
    sentences_html,
)
from briefing.gui.feeds.rows_model import Row, RowsModel
from briefing.gui.feeds.stale_page import StalePage
from briefing.gui.feeds.views import heading, page_title, table_view
from briefing.gui.widgets.load_state import LoadState
from briefing.services import Library
from briefing.services.crossref import ClaimComparison, Cluster


@dataclass(frozen=True, slots=True)
class StoriesData:
    clusters: tuple[Cluster, ...]
    articles: dict[int, ArticleRow]


def load_stories(lib: Library, job: object = None) -> StoriesData:
    """Runs in the worker: the stored stories, after placing the articles not placed yet
    (may analyse articles), and the listing rows."""
    from briefing.services.articles import list_articles
    from briefing.services.story_store import catch_up, stored_clusters

    signals = getattr(job, "signals", None)

    def progress(done: int, total: int) -> None:  # the first time: every article is indexed
        if signals is not None:
            signals.progress.emit(done, total, "indexing articles for stories")

    catch_up(lib, progress)
    found = stored_clusters(lib)
    ids = sorted({i for cluster in found for i in cluster.article_ids})
    rows = {row.id: row for row in list_articles(lib, ids)} if ids else {}
    return StoriesData(tuple(found), rows)


def _plural(count: int, word: str, many: str = "") -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


class StoriesPanel(StalePage, QWidget):
    """``brief_created(id)`` after "Create brief from story"; ``open_article(id)``."""

    brief_created = Signal(int)
    open_article = Signal(int)
    message = Signal(str)
    loaded = Signal()  # the clusters (re)loaded and are shown
    claims_shown = Signal(str)  # the comparison of this cluster id is shown

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storiesPanel")
        self.setAccessibleName("Stories")
        self.lib = lib
        self.jobs = PageJobs(self)
        self.data = StoriesData((), {})
        self.current: Cluster | None = None
        self._compare_job: CallJob | None = None
        self._generation = 0
        self._dirty = True

        self.cluster_model = RowsModel(("Story and shared entities", "Articles"), self)
        self.clusters_view = table_view("Stories", self.cluster_model, widths=((1, "Articles"),))
        self.clusters_view.selectionModel().currentRowChanged.connect(self._cluster_changed)
        self.recompute = QPushButton("Recompute")
        self.recompute.setAccessibleName("Recompute stories")
        self.recompute.setToolTip("Place the articles added since into stories")
        self.recompute.clicked.connect(self.refresh)
        from briefing.gui.widgets.labels import wrapping_label

        self.state = LoadState("", "Stories status")
        wrapping_label(self.state.label)  # it may name a brief: never widens the page

        self.title = page_title()
        self.title.setAccessibleName("Story")
        self.entities = QLabel()
        self.entities.setWordWrap(True)
        self.entities.setAccessibleName("Shared entities")
        self.brief_button = QPushButton("Create brief from story")
        self.brief_button.setAccessibleName("Create brief from story")
        self.brief_button.clicked.connect(self.create_brief)
        self.article_model = RowsModel(("#", "Date", "Article", "Source"), self)
        self.articles_view = table_view(
            "Articles of the story", self.article_model, stretch=2,
            widths=((0, "99"), (1, "2026-12-31"), (3, "example.org.uk")),
        )  # fmt: skip
        self.articles_view.activated.connect(self._open_article)
        self.articles_view.doubleClicked.connect(self._open_article)
        self.claims = ClaimCompareModel(self)
        self.claims_view = table_view("Figures compared across the story's articles",
                                      self.claims, stretch=ENTITY,
                                      widths=((UNIT, "Unit"),))  # fmt: skip
        self.claims_view.setWordWrap(True)
        self.claims_view.selectionModel().currentRowChanged.connect(self._claim_changed)
        self.claims_view.activated.connect(self._open_version)
        self.claims_view.doubleClicked.connect(self._open_version)
        self.claims_note = QLabel()
        self.claims_note.setAccessibleName("Figures status")
        self.sentences = QLabel()
        self.sentences.setWordWrap(True)
        self.sentences.setTextFormat(Qt.TextFormat.RichText)
        self.sentences.setAccessibleName("Sentences giving the chosen figure")
        self.sentences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sentences.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sentences_area = QScrollArea()
        self.sentences_area.setWidget(self.sentences)
        self.sentences_area.setWidgetResizable(True)
        self.sentences_area.setFrameShape(QFrame.Shape.NoFrame)
        self._build()
        self._show_cluster(None)

    def _build(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(8, 8, 4, 8)
        top = QHBoxLayout()
        top.addWidget(heading("Stories", self.clusters_view), 1)
        top.addWidget(self.recompute)
        column.addLayout(top)
        column.addWidget(self.clusters_view, 1)
        column.addWidget(self.state)
        right = QWidget()
        detail = QVBoxLayout(right)
        detail.setContentsMargins(4, 8, 8, 8)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.brief_button, 0, Qt.AlignmentFlag.AlignTop)
        detail.addLayout(head)
        detail.addWidget(self.entities)
        detail.addWidget(heading("Articles", self.articles_view))
        detail.addWidget(self.articles_view, 1)
        detail.addWidget(heading("Figures across sources", self.claims_view))
        detail.addWidget(self.claims_note)
        detail.addWidget(self.claims_view, 1)
        detail.addWidget(heading("What each source says", self.sentences_area))
        detail.addWidget(self.sentences_area, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for first, second in ((self.clusters_view, self.recompute),
                              (self.recompute, self.brief_button),
                              (self.brief_button, self.articles_view),
                              (self.articles_view, self.claims_view)):  # fmt: skip
            self.setTabOrder(first, second)

    # loading ---------------------------------------------------------------------------
    def _load(self) -> None:
        self._dirty = False
        self._generation += 1
        self.state.setText("Grouping articles by event…")
        self.recompute.setEnabled(False)
        self.jobs.start("Finding stories", load_stories, self._loaded, self._failed,
                        tag=("stories", self._generation), skippable=True)  # fmt: skip

    def _loaded(self, outcome: Outcome) -> None:
        if outcome.tag != ("stories", self._generation):
            return  # a newer computation was asked for
        self.recompute.setEnabled(True)
        self.apply(outcome.value)

    def _failed(self, text: str) -> None:
        self.recompute.setEnabled(True)
        self.state.failed(f"The stories could not be found: {text}", self._load)

    def apply(self, data: StoriesData) -> None:
        keep = self.current.id if self.current else None
        self.data = data
        self.cluster_model.set_rows([
            Row((f"{c.title}\n{', '.join(c.entities[:4])}", len(c.article_ids)), key=c.id,
                tooltip=f"{c.title}\nShared entities: {', '.join(c.entities)}",
                accessible=f"{c.title}, {_plural(len(c.article_ids), 'article')}")
            for c in data.clusters
        ])  # fmt: skip
        self.state.setText(_plural(len(data.clusters), "story", "stories") if data.clusters else
                           "No story has two or more articles yet.")  # fmt: skip
        row = max(0, self.cluster_model.row_of(keep)) if data.clusters else -1
        if row >= 0:
            self.clusters_view.selectionModel().setCurrentIndex(
                self.cluster_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self._show_cluster(None)
        self.loaded.emit()

    def select_cluster(self, cluster_id: str) -> bool:
        row = self.cluster_model.row_of(cluster_id)
        if row < 0:
            return False
        self.clusters_view.setCurrentIndex(self.cluster_model.index(row, 0))
        return True

    def _cluster_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cluster = self.data.clusters[current.row()] if current.isValid() else None
        if cluster is not self.current:
            self._show_cluster(cluster)

    # the chosen story ------------------------------------------------------------------
    def _show_cluster(self, cluster: Cluster | None) -> None:
        self.current = cluster
        self.brief_button.setEnabled(cluster is not None)
        self.claims.clear()
        self._set_sentences("")
        if cluster is None:
            self.title.setText("Choose a story")
            self.entities.setText("Articles about the same event, from different sources, "
                                  "are grouped into stories.")  # fmt: skip
            self.article_model.set_rows([])
            self.claims_note.setText("")
            return
        self.title.setText(cluster.title)
        self.entities.setText(f"Shared entities: {', '.join(cluster.entities) or '—'}")
        rows = self.data.articles
        self.article_model.set_rows([
            Row((f"{n + 1}.", (rows[i].published or "")[:10] or "—", rows[i].title,
                 rows[i].source or "—"), key=i, tooltip=rows[i].title,
                accessible=f"Article {n + 1}")
            for n, i in enumerate(cluster.article_ids) if i in rows
        ])  # fmt: skip
        self.claims_note.setText("Comparing figures…")
        if self._compare_job is not None:
            self._compare_job.cancel()  # superseded: skipped if it has not started
        self._compare_job = self.jobs.start(
            "Comparing figures", lambda lib, _job: _compare(lib, cluster), self._compared,
            self._failed, tag=("claims", cluster.id), skippable=True,
        )  # fmt: skip

    def _compared(self, outcome: Outcome) -> None:
        if self.current is None or outcome.tag != ("claims", self.current.id):
            return  # the user moved on to another story
        comparisons: list[ClaimComparison] = outcome.value
        titles = {i: row.title for i, row in self.data.articles.items()}
        self.claims.set_data(self.current.article_ids, titles, comparisons)
        differing = sum(1 for c in comparisons if c.differs)
        self.claims_note.setText(
            f"{_plural(len(comparisons), 'figure')} given by several sources; "
            f"{differing} differ{'s' if differing == 1 else ''} (flagged ⚠)"
            if comparisons
            else "No figure is given by more than one source."
        )
        header = self.claims_view.header()
        for column in range(self.claims.columnCount()):
            mode = (QHeaderView.ResizeMode.ResizeToContents if column < len(FIXED)
                    else QHeaderView.ResizeMode.Stretch)  # fmt: skip
            header.setSectionResizeMode(column, mode)
        first = comparisons[0] if comparisons else None
        self._set_sentences(sentences_html(first, titles, self.claims.article_ids))
        self.claims_shown.emit(self.current.id)

    def _claim_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        comparison = self.claims.comparisons[current.row()] if current.isValid() else None
        self._set_sentences(
            sentences_html(comparison, self.claims.titles, self.claims.article_ids)
        )

    def _set_sentences(self, html: str) -> None:
        """The chosen figure's sentences, or a hint saying what will appear there."""
        if html.strip():
            self.sentences.setText(html)
            return
        hint = ("Choose a story, then a figure above: the sentence each source gives it in "
                "appears here." if self.current is None or not self.claims.comparisons else
                "Choose a figure above to see how each source words it.")
        self.sentences.setText(f"<p style='color: gray'>{hint}</p>")

    def _open_article(self, index: QModelIndex) -> None:
        article_id = self.article_model.key_at(index.row())
        if isinstance(article_id, int):
            self.open_article.emit(article_id)

    def _open_version(self, index: QModelIndex) -> None:
        article_id = index.data(ARTICLE_ROLE)
        if isinstance(article_id, int):
            self.open_article.emit(article_id)

    def create_brief(self) -> int | None:
        from briefing.services.crossref import brief_from_cluster

        if self.current is None:
            return None
        try:
            brief_id = brief_from_cluster(self.lib, self.current)
        except BriefingError as exc:
            self.message.emit(str(exc))
            return None
        self.state.setText(f"Brief “{self.current.title}” created with "
                           f"{_plural(len(self.current.article_ids), 'article')}.")  # fmt: skip
        self.brief_created.emit(brief_id)
        return brief_id

    def shutdown(self) -> None:
        self.jobs.shutdown()


def _compare(lib: Library, cluster: Cluster) -> list[ClaimComparison]:
    from briefing.services.story_claims import story_comparisons

    return story_comparisons(lib, cluster)

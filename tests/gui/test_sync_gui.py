"""Sync in the reader: it syncs at start and after a change (off the GUI thread), the
status bar says what happened, other reviewers' verdicts appear in the claims panel, and
the settings page sets the folder and name."""

from __future__ import annotations

from pathlib import Path

from briefing.gui.panels.claims_model import META_ROLE
from briefing.services import Library
from briefing.services.annotating import new_annotation, set_claim_verdict
from briefing.services.articles import analysis_for, get_article
from briefing.services.syncing import identity, run_sync, set_name, set_sync_folder, sync_folder
from briefing.sync.records import list_records
from tests.unit.sync.conftest import add_article, copy_folder, open_device


def test_reader_syncs_and_shows_the_other_reviewer(
    qtbot, isolated_data_dir: Path, tmp_path: Path
) -> None:
    from briefing.gui.shell.main_window import MainWindow

    with open_device(tmp_path, "bo") as bo:
        article = get_article(bo, add_article(bo))
        claim = analysis_for(bo, article).claims[0]
        set_claim_verdict(bo, article, claim.span, "false", note="it was 8")
        run_sync(bo, analyse=False)
    lib = Library.open()
    set_name(lib, "ana")
    mine = tmp_path / "sync-ana"
    set_sync_folder(lib, mine)
    copy_folder(tmp_path / "bo" / "sync", mine)
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        win.complete()
        controller = win.sync
        qtbot.waitUntil(lambda: controller.last is not None, timeout=30000)
        assert controller.last.received == 2
        assert "2 received" in controller.button.text()
        article_id = int(lib.conn.execute("SELECT min(id) FROM articles").fetchone()[0])
        win.open_article(article_id)
        panel = win.claims
        qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=30000)
        metas = [panel.model.index(r).data(META_ROLE) for r in range(panel.model.rowCount())]
        assert any("1 reviewer: false" in m for m in metas)
        ours = get_article(lib, article_id)
        set_claim_verdict(lib, ours, claim.span, "supported")
        win.session.reload_annotations()
        metas = [panel.model.index(r).data(META_ROLE) for r in range(panel.model.rowCount())]
        assert any("2 reviewers: supported / false" in m for m in metas)

        before = len(list(list_records(mine)))
        win.session.store(new_annotation(ours, 0, 9, note="from the reader"))
        qtbot.waitUntil(lambda: len(list(list_records(mine))) > before, timeout=30000)
    finally:
        win.tracker.wait(10000)
        win.close()
        lib.close()


def test_settings_page_sets_folder_and_name(qtbot, isolated_data_dir: Path, tmp_path: Path) -> None:
    from briefing.gui.sync.dialogs import SyncDialog

    with Library.open() as lib:
        dialog = SyncDialog(lib, None)
        qtbot.addWidget(dialog)
        assert dialog.folder.text() == ""
        dialog.folder.setText(str(tmp_path / "shared"))
        dialog.name.setText("Ana Desk")
        dialog._save()
        assert sync_folder(lib) == (tmp_path / "shared").resolve()
        assert identity(lib).name == "Ana Desk"
        assert (tmp_path / "shared" / "devices" / identity(lib).device).is_dir()
        dialog = SyncDialog(lib, None)
        qtbot.addWidget(dialog)
        dialog.folder.clear()
        dialog._save()
        assert sync_folder(lib) is None


def test_conflicts_are_listed_and_one_version_kept(qtbot, tmp_path: Path) -> None:
    from briefing.gui.sync.dialogs import VERSION_ROLE, SyncDialog
    from briefing.services.annotating import annotate_quote, save_annotation
    from briefing.services.syncing import conflicts, resolve_conflict
    from briefing.storage import annotations as annotation_store

    with open_device(tmp_path, "ana") as ana, open_device(tmp_path, "bo") as bo:
        note = annotate_quote(ana, add_article(ana), "statistics office", note="first")
        run_sync(ana, analyse=False)
        copy_folder(tmp_path / "ana" / "sync", tmp_path / "bo" / "sync")
        run_sync(bo, analyse=False)
        save_annotation(ana, note.with_changes(note="ana's"))
        save_annotation(bo, annotation_store.get(bo.conn, note.id).with_changes(note="bo's"))
        run_sync(bo, analyse=False)
        copy_folder(tmp_path / "bo" / "sync", tmp_path / "ana" / "sync")
        assert run_sync(ana, analyse=False).conflicts == 1
        dialog = SyncDialog(ana, None)
        qtbot.addWidget(dialog)
        assert dialog.conflicts.topLevelItemCount() == 1
        top = dialog.conflicts.topLevelItem(0)
        versions = [top.child(i) for i in range(top.childCount())]
        assert sorted(item.text(0) for item in versions) == ["ana's", "bo's"]
        chosen = next(item for item in versions if item.text(0) == "bo's")
        dialog.conflicts.setCurrentItem(chosen)
        assert dialog.keep.isEnabled()
        with qtbot.waitSignal(dialog.keep_version) as signal:
            dialog.keep.click()
        assert tuple(signal.args) == chosen.data(0, VERSION_ROLE)
        assert dialog.conflicts.topLevelItemCount() == 0
        resolve_conflict(ana, *signal.args)
        assert conflicts(ana) == []
        assert annotation_store.get(ana.conn, note.id).note == "bo's"

"""A reader process for the side-by-side test: the real reader (``briefing.gui.app.start``,
offscreen) on the shared library for SECONDS seconds, working like a user: it annotates and
creates briefs on the GUI thread's connection, and imports, analyses and indexes in worker
threads (each opening the library in this process again — the case that used to drop the
process's locks). Prints ``ready``, then ``ack KIND ID`` for every acknowledged write,
``nowal`` whenever the library's -wal file is missing while it runs, and at the end
``seen N`` (refreshes caused by other processes) and ``done``.

Usage: reader_child.py SECONDS ARTICLE_ID FOLDER
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BRIEFING_NO_SINGLE_INSTANCE"] = "1"


def main() -> int:
    from PySide6.QtCore import QTimer

    from briefing.domain import BriefingError
    from briefing.gui import app as reader
    from briefing.services import annotating, briefs
    from briefing.services.library import close_pooled_libraries

    seconds, article_id, folder = float(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    started = reader.start([])
    assert not isinstance(started, int), "the reader did not start"
    window, lib = started.window, started.lib
    wal = lib.database.with_name(lib.database.name + "-wal")
    words = [w for w in lib.conn.execute(
        "SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0].split()
        if w.isalpha() and len(w) > 4][:200]
    rng = random.Random(os.getpid())
    count = {"n": 0}

    def say(line: str) -> None:
        print(line, flush=True)

    def imported(result: object) -> None:
        for new_id in getattr(result, "article_ids", ()):
            say(f"ack article {new_id}")

    def check_wal() -> None:
        if not wal.exists():  # a stat, not an open: our locks are not touched
            say("nowal")

    def act() -> None:
        count["n"] += 1
        choice = rng.random()
        try:
            if choice < 0.4:
                made = annotating.annotate_quote(lib, article_id, rng.choice(words),
                                                 note=f"reader {count['n']}")
                say(f"ack annotation {made.id}")
            elif choice < 0.6:
                brief = briefs.create_brief(lib, f"reader brief {count['n']}", [article_id])
                say(f"ack brief {brief.id}")
            elif choice < 0.75:
                path = folder / f"reader-{os.getpid()}-{count['n']}.txt"
                path.write_text(f"Reader import {count['n']}\n\n" + " ".join(
                    rng.choice(words) for _ in range(120)) + ".\n", encoding="utf-8")
                window.importer.start([str(path)])
            elif choice < 0.9:
                window.refresh_facets()
            else:
                window.open_article(article_id)
        except BriefingError as exc:
            say(f"error {exc}")

    def finish() -> None:
        say(f"seen {window.upkeep.refreshes}")
        window.close()
        started.app.quit()

    window.when_complete(lambda: window.importer.imported.connect(imported))
    window.when_complete(lambda: say("ready"))
    wal_timer = QTimer(interval=50)
    wal_timer.timeout.connect(check_wal)
    wal_timer.start()
    work = QTimer(interval=250)
    work.timeout.connect(act)
    window.when_complete(work.start)  # after "ready": the test reads that line first
    QTimer.singleShot(int(seconds * 1000), finish)
    started.app.exec()
    wal_timer.stop()
    work.stop()
    close_pooled_libraries()
    lib.close()
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())

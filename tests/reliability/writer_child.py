"""A process that writes annotations forever, acknowledging each committed one on stdout.

Used by the crash-safety and concurrency tests: ``python writer_child.py TAG [COUNT]``.
BRIEFING_DATA_DIR selects the library. Each acknowledged id must survive a SIGKILL.
"""

from __future__ import annotations

import sys

from briefing.domain import Article, text_sha256
from briefing.services import Library
from briefing.services.annotating import new_annotation, save_annotation
from briefing.storage import articles as article_store

TEXT = "\n".join(
    f"Paragraph {i}: officials said {i * 7} drones were launched overnight." for i in range(200)
)


def shared_article(lib: Library) -> Article:
    sha = text_sha256(TEXT)
    with lib.transaction() as conn:
        found = article_store.find_by_hash(conn, sha)
        if found is None:
            found = article_store.insert(
                conn, Article(0, "Crash test", TEXT, sha, imported_at="2025-01-01T00:00:00Z")
            )
    return found


def main() -> None:
    tag = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10**9
    with Library.open() as lib:
        article = shared_article(lib)
        print("ready", flush=True)
        for n in range(limit):
            start = (n * 13) % (len(TEXT) - 40)
            annotation = new_annotation(
                article, start, start + 30, note=f"{tag} note {n}", tags=(tag, f"n{n % 7}")
            )
            saved = save_annotation(lib, annotation, touch=False)
            print(f"ack {saved.id}", flush=True)


if __name__ == "__main__":
    main()

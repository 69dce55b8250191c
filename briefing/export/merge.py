"""Re-exporting a brief into a Markdown file the user may have edited.

Generated regions (regions.py) are replaced by their new version; everything the user
wrote outside them stays, anchored after the region it followed (or at the start). When
the user edited INSIDE a region (its content no longer matches the hash in its begin
marker): if the generated text did not change since (same hash), the user's version stays
in place as it is; otherwise the new region is written, the user's version is kept right
below it under a plain Markdown note (a quoted paragraph, which renders everywhere), and a
conflict is reported. The front matter is merged key by key (merge_front.py). Nothing the
user wrote is ever dropped: a region that is no longer generated disappears only if it was
not edited.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.export.merge_front import merge_front
from briefing.export.regions import ParsedDocument, Region, parse_document, recorded_hash

START = ""  # anchor of the text before the first region


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: tuple[str, ...]


def _kept_block(region: Region, headline: str) -> list[str]:
    body = list(region.body)
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return ["", headline, "", *body, ""]


def _edited_headline(key: str) -> str:
    return (
        f"> **Briefing:** your edits to this generated section ({key}) were kept below."
        " The section above is the new version; delete what you no longer need."
    )


def _dropped_headline(key: str) -> str:
    return (
        f"> **Briefing:** the section {key} is no longer generated; your edited copy of"
        " it is kept below."
    )


def _is_blank(chunks: list[list[str]]) -> bool:
    return all(not line.strip() for chunk in chunks for line in chunk)


def _joined(chunks: list[list[str]]) -> list[str]:
    """The chunks one after the other, with one blank line where two chunks meet blank."""
    out: list[str] = []
    for chunk in chunks:
        lines = list(chunk)
        if out and not out[-1].strip():
            while lines and not lines[0].strip():
                lines.pop(0)
        out += lines
    return out


def _attachments(
    existing: ParsedDocument, generated_keys: set[str]
) -> tuple[dict[str, list[list[str]]], dict[str, Region], list[str]]:
    """User text per anchor key, the existing regions by key, and conflict messages for
    edited regions that are no longer generated."""
    attached: dict[str, list[list[str]]] = {START: [list(existing.gaps[0])]}
    by_key: dict[str, Region] = {}
    conflicts: list[str] = []
    anchor = START
    for region, gap in zip(existing.regions, existing.gaps[1:], strict=True):
        if region.key in generated_keys and region.key not in by_key:
            by_key[region.key] = region
            anchor = region.key
        elif region.edited:
            attached.setdefault(anchor, []).append(
                _kept_block(region, _dropped_headline(region.key))
            )
            conflicts.append(f"{region.key}: edited section is no longer generated; kept as text")
        attached.setdefault(anchor, []).append(list(gap))
    return attached, by_key, conflicts


def _front(existing: ParsedDocument, generated: ParsedDocument) -> tuple[list[str], list[str]]:
    """Lines for the front matter (plus the user's edited copy) and conflict messages."""
    if generated.front is None:
        # No generated front matter: whatever the file had is the user's; keep it.
        return (list(existing.front.lines) if existing.front else []), []
    old = existing.front
    if old is None or not old.edited:
        return list(generated.front.lines), []
    return merge_front(old, generated.front)


def merge_reexport(existing: str, generated: str) -> MergeResult:
    """Refresh the generated regions of ``existing`` from ``generated``, keeping user text."""
    old = parse_document(existing)
    new = parse_document(generated)
    keys = {r.key for r in new.regions}
    attached, by_key, conflicts = _attachments(old, keys)
    out, front_conflicts = _front(old, new)
    conflicts = front_conflicts + conflicts

    start = attached.get(START, [])
    if _is_blank(start):
        out += list(new.gaps[0])
    else:
        out += _joined(start)
    for region, gap in zip(new.regions, new.gaps[1:], strict=True):
        previous = by_key.get(region.key)
        unchanged = previous is not None and recorded_hash(previous) == recorded_hash(region)
        if previous is not None and previous.edited and unchanged:
            out += previous.lines  # the user's edit, where they made it: nothing to refresh
        else:
            out += region.lines
        if previous is not None and previous.edited and not unchanged:
            out += _kept_block(previous, _edited_headline(region.key))[:-1]
            conflicts.append(f"{region.key}: edited generated section kept below the new one")
        chunks = attached.get(region.key, [])
        if _is_blank(chunks):
            out += list(gap)
        else:
            out += _joined(chunks)
    text = "\n".join(out)
    if not text.endswith("\n"):
        text += "\n"
    return MergeResult(text, tuple(conflicts))

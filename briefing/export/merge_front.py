"""Re-export merge of the YAML front matter, key by key, so that it stays YAML.

The generated front matter is split into top-level key blocks (a ``key:`` line and its
indented or list lines). When the user edited an exported front matter (one with the hash
line; a foreign file's counts as edits of every key): their ``title`` wins; keys
they added stay as they are; a generated key they changed takes the generated value and
their version is kept right under it as YAML comments (nothing is lost, the YAML still
parses). The hash line keeps the hash of the generated lines, so an edited title is seen as
edited again at the next re-export and wins again.
"""

from __future__ import annotations

import re

from briefing.export.regions import FRONT_MATTER_KEY, Region, content_hash

USER_WINS: frozenset[str] = frozenset({"title"})
_KEY = re.compile(r"^(?P<key>[^\s#:'\"-][^:]*?|\"[^\"]*\"|'[^']*')\s*:(\s|$)")
_HASH_LINE = re.compile(r"^#\s*briefing:front-matter\s+sha256=(?P<sha>[0-9a-f]+)")
MAX_GUESSED = 10  # differing keys beyond which the user's edits are not worked out
KEPT_MARK = "# Briefing kept your edit of"


def _blocks(lines: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Top-level key blocks in order, and the comment lines (and anything unparsable) seen
    outside them."""
    blocks: dict[str, list[str]] = {}
    loose: list[str] = []
    current: list[str] | None = None
    for line in lines:
        match = _KEY.match(line)
        if match and match["key"] not in blocks:
            current = blocks[match["key"]] = [line]
        elif line.startswith("#") or current is None:
            current = None if line.startswith("#") else current
            loose.append(line)
        else:
            current.append(line)
    return blocks, loose


def _trimmed(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def merge_front(old: Region, generated: Region) -> tuple[list[str], list[str]]:
    """The merged front matter lines (with ``---`` lines) and conflict messages."""
    new_inner = list(generated.body)
    new_lines = [line for line in new_inner if not _HASH_LINE.match(line)]
    old_lines = [line for line in old.body if not _HASH_LINE.match(line)]
    new_blocks, _ = _blocks(new_lines)
    old_blocks, old_loose = _blocks(old_lines)
    out: list[str] = []
    conflicts: list[str] = []
    kept = [line for line in old_loose if line.startswith("#")]
    recorded = next((m for line in old.body if (m := _HASH_LINE.match(line))), None)
    edited = _user_edited(old_blocks, new_blocks, recorded["sha"] if recorded else None)
    for key, block in new_blocks.items():
        mine = old_blocks.get(key)
        if mine is not None and recorded and key in USER_WINS and key in edited:
            out += mine
            continue
        out += block
        if mine is not None and key in edited:
            note = [f"{KEPT_MARK} {key} (the export wrote the lines above):",
                    *("#   " + line for line in mine[: len(_trimmed(mine))])]
            if not _contains(kept, note):
                kept += note
                conflicts.append(f"{FRONT_MATTER_KEY}: your {key} kept as a YAML comment")
    for key, block in old_blocks.items():
        if key not in new_blocks:
            out += block  # a key the user added
    out += [line for line in old_loose if not line.startswith("#") and line.strip()]
    sha = content_hash(new_lines)
    return ["---", *out, *kept, f"# briefing:front-matter sha256={sha}", "---"], conflicts


def _user_edited(
    old: dict[str, list[str]], new: dict[str, list[str]], recorded: str | None
) -> set[str]:
    """The generated keys whose lines the user changed. A key differs from the new export
    because the user edited it or because the export now writes something else; the hash
    of the last export tells which: the one choice of "old value = the user's (unedited) or
    the new one (edited)" per differing key that reproduces it. Without that, every
    differing key counts as edited."""
    differing = [k for k, block in new.items() if k in old and _trimmed(old[k]) != _trimmed(block)]
    if recorded is None or len(differing) > MAX_GUESSED:
        return set(differing)
    for mask in range(1 << len(differing)):
        edited = {k for i, k in enumerate(differing) if mask >> i & 1}
        guess = [line for k, block in new.items()
                 for line in (block if k in edited or k not in old else old[k])]
        if content_hash(guess) == recorded:
            return edited
    return set(differing)


def _contains(lines: list[str], block: list[str]) -> bool:
    size = len(block)
    return any(lines[i:i + size] == block for i in range(len(lines) - size + 1))

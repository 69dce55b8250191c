"""The writing direction and, where the text shows it, the language of a brief's articles,
for the HTML export's ``dir`` and ``lang`` (so punctuation lands on the right side).

Direction comes from the letters' scripts (Unicode bidirectional classes). The language is
named only when the text makes it plain: a script used by one language (Hebrew, Greek,
Thai...), or, for Latin and Cyrillic text, clearly the most frequent common words of one
language; otherwise it is left unnamed rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SAMPLE_CHARS = 20_000  # enough text to decide; long briefs are not read whole

# Scripts written by (nearly) one language, by a letter's Unicode name prefix.
_SCRIPT_LANGUAGE = {
    "HEBREW": "he", "GREEK": "el", "THAI": "th", "HANGUL": "ko", "HIRAGANA": "ja",
    "KATAKANA": "ja", "GEORGIAN": "ka", "ARMENIAN": "hy",
}
_PERSIAN = set("پچژگ")
_URDU = set("ٹڈڑےں")
# A few very common words; a language is named when its words clearly lead.
_COMMON_WORDS = {
    "en": "the and of to in is that for it was with on as said",
    "de": "der die und das nicht ist mit den sich auf dem ein eine",
    "fr": "le la les et des est une dans que pour pas qui sur",
    "es": "el la los las y que del en por con una para es",
    "it": "il di che la per non una sono del della gli con",
    "nl": "de het een en van dat niet zijn op te met voor",
    "pt": "o os que não uma para com do da em por as",
    "ru": "и в не на что он с как это по но из",
    "uk": "і в не на що та з як це до але його",
}
_WORDS = {lang: set(words.split()) for lang, words in _COMMON_WORDS.items()}
_WORD = re.compile(r"\w+")


def text_direction(text: str) -> str:
    """``"rtl"`` when most strongly directional letters are right-to-left, else ``"ltr"``."""
    rtl = ltr = 0
    for ch in text[:SAMPLE_CHARS]:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return "rtl" if rtl > ltr else "ltr"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def text_language(text: str) -> str | None:
    """A BCP 47 language tag when the text makes its language plain, else None."""
    sample = text[:SAMPLE_CHARS]
    scripts = Counter(_script(ch) for ch in sample if ch.isalpha())
    if not scripts:
        return None
    script, count = scripts.most_common(1)[0]
    if count * 2 < sum(scripts.values()):
        return None
    if script == "ARABIC":
        letters = set(sample)
        return "ur" if letters & _URDU else "fa" if letters & _PERSIAN else "ar"
    if script == "CJK":
        return "ja" if scripts["HIRAGANA"] + scripts["KATAKANA"] else "zh"
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if script not in ("LATIN", "CYRILLIC"):
        return None
    words = Counter(w.casefold() for w in _WORD.findall(sample))
    hits = sorted(((sum(words[w] for w in common), lang) for lang, common in _WORDS.items()),
                  reverse=True)
    (best, lang), (second, _) = hits[0], hits[1]
    total = sum(words.values())
    return lang if best >= 5 and best >= 0.08 * total and best >= 1.5 * second else None

"""Issue 20 item 4: HTML exports say the articles' language and direction."""

from __future__ import annotations

import pytest

from briefing.export.html import render_html
from briefing.export.language import text_direction, text_language

ARABIC = ("قالت السلطات المحلية يوم الثلاثاء إن الجسر سيعاد افتتاحه الشهر المقبل بعد إصلاحات "
          "استمرت عدة أشهر، وأضافت أن التكلفة بلغت نحو أربعة ملايين يورو.")
HEBREW = "הרשויות המקומיות אמרו ביום שלישי כי הגשר ייפתח מחדש בחודש הבא לאחר תיקונים."
GERMAN = ("Die Behörden sagten am Dienstag, dass die Brücke im nächsten Monat wieder geöffnet "
          "wird. Die Reparatur der Brücke ist nicht billig, und die Stadt hat mit dem Land "
          "einen Vertrag über die Kosten, die sich auf vier Millionen Euro belaufen.")
ENGLISH = ("The council said on Tuesday that the bridge would reopen next month. It was closed "
           "in the spring, and the repairs to the bridge cost the city about four million.")


@pytest.mark.parametrize(
    ("text", "lang", "direction"),
    [(ARABIC, "ar", "rtl"), (HEBREW, "he", "rtl"), (GERMAN, "de", "ltr"),
     (ENGLISH, "en", "ltr"), ("12345 !!", None, "ltr")],
)
def test_language_and_direction_from_the_text(text: str, lang: str | None,
                                              direction: str) -> None:
    assert text_language(text) == lang
    assert text_direction(text) == direction


def test_html_page_carries_lang_and_dir() -> None:
    page = render_html("# عنوان\n\nنص", title="t", lang="ar", direction="rtl")
    assert '<html lang="ar" dir="rtl">' in page
    unnamed = render_html("# x", title="t", lang=None, direction="ltr")
    assert "<html dir=\"ltr\">" in unnamed and "lang=" not in unnamed.split("<head>")[0]


def test_rtl_brief_exports_rtl_html(samples, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefing.services import Library
    from briefing.services.articles import import_source
    from briefing.services.exporting import export_brief

    source = tmp_path / "arabic.txt"
    source.write_text("الجسر\n\n" + ARABIC, encoding="utf-8")
    with Library.open() as lib:
        article = import_source(lib, str(source)).article
        page, _ = export_brief(lib, [article.id], "html")
    assert '<html lang="ar" dir="rtl">' in page

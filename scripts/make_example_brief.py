"""Writes docs/examples/siversk-brief.md: the sample article, annotated as a reader would,
exported as a Markdown brief. Run: .venv/bin/python scripts/make_example_brief.py"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
OUT = ROOT / "docs" / "examples" / "siversk-brief.md"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp
        from briefing.export.brief import export_brief
        from briefing.services import Library
        from briefing.services.annotating import annotate_quote, find_quote, set_claim_verdict
        from briefing.services.articles import analysis_for, import_source
        from briefing.services.exporting import brief_document

        with Library.open() as lib:
            os.chdir(ROOT)  # a relative source path, as a user would type it
            article = import_source(lib, "../shared/samples/siversk.html").article
            analysis = analysis_for(lib, article)
            annotate_quote(lib, article.id, "small assault groups", color="blue",
                           note="Tactic described in every report from the area.",
                           tags=["tactics"])
            annotate_quote(lib, article.id, "about 75%", color="pink", tags=["to-check"],
                           note="Other outlets say 'roughly three quarters' — find the map.")
            annotate_quote(lib, article.id, "strengthen Moscow's position at the negotiating "
                           "table", color="green", note="The article's main argument.")
            span = find_quote(article.text, "The Ukrainian General Staff confirmed the pullback")
            claim = next(c for c in analysis.claims if span and c.start <= span.start < c.end)
            set_claim_verdict(lib, article, claim.span, "supported",
                              note="Confirmed in the General Staff's own statement.",
                              evidence="https://example.org/general-staff-statement")
            doc = brief_document(lib, [article.id], exported_at="2025-12-23T12:00:00Z")
            text = export_brief(doc, "markdown")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

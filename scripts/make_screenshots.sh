#!/usr/bin/env bash
# Regenerates the reader screenshots in docs/screenshots/ under Xvfb: the sample article with
# a few of a reader's highlights and notes, light at 1920x1080 and 1280x800, dark at 1920x1080.
# Usage: scripts/make_screenshots.sh   (needs xvfb-run; `make run` installs it when root)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
out=docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BRIEFING_DATA_DIR="$work" BRIEFING_NO_SINGLE_INSTANCE=1
sample=../shared/samples
[ -d "$sample" ] || sample=resources/samples

id=$($bin/briefing import "$sample/siversk.html" 2>/dev/null || $bin/briefing import "$sample/siversk.txt")
$bin/briefing annotate "$id" --quote "small assault groups" --color blue \
  --note "Tactic described in every report from the area." --tag tactics >/dev/null
$bin/briefing annotate "$id" --quote "about 75%" --color pink --tag to-check \
  --note "Other outlets say roughly three quarters: find the map." >/dev/null
$bin/briefing annotate "$id" --quote "strengthen Moscow's position at the negotiating table" \
  --color green --note "The article's main argument." >/dev/null

shot() {  # size theme file
  mkdir -p "$work/config"
  printf '[appearance]\ntheme=%s\n' "$2" > "$work/config/gui.ini"
  xvfb-run -a -s "-screen 0 ${1}x24" $bin/briefing gui --screenshot "$out/$3" \
    resources/samples/siversk.txt
  echo "wrote $out/$3"
}
shot 1920x1080 light reader.png
shot 1280x800 light reader-1280.png
shot 1920x1080 dark reader-dark.png

# Every view at 1280x800 with the multi-source story set (reader tabs, briefs, review,
# entities, stories, feeds, preview, settings, dark), as the GUI walk test sees and checks them.
rm -rf "$out/views"
xvfb-run -a -s "-screen 0 1280x800x24" env BRIEFING_WALK_SHOTS="$out/views" \
  $bin/pytest -q -p no:cacheprovider tests/gui/layout/test_walk.py -k every_view
echo "wrote $out/views/"

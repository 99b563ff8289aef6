#!/bin/sh
# test-cli-actions.sh TRAILMAP TEMPLATES_DIR [FONTS_CONF]
#
# The actions as CSV from the command line (--export-type=actions, to a
# .csv file or standard output), read back with Python's csv module; the
# cards' badge drawn in PNG and SVG exports; a map without actions gives only the
# header row; PDF exports end with an "Actions" page (read back with
# pdftotext, pages counted with pdfinfo), several when the list is long,
# none for a map without actions. TAP output.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TRAILMAP=$1
TEMPLATES=$2
[ $# -ge 3 ] && export FONTCONFIG_FILE="$3"
unset DISPLAY WAYLAND_DISPLAY

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

check () {
  desc=$1
  shift
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else failed=$((failed + 1)); echo "not ok $n - $desc"; sed 's/^/# stderr: /' "$tmp/err" 2>/dev/null; fi
}

# Two actions on the template's first cards; one title that a spreadsheet
# would take for a formula.
python3 - "$TEMPLATES/coffee-maker.trailmap" "$tmp/acts.trailmap" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
ids = [c['id'] for c in doc['cards']]
doc['actions'] = [
    {'id': 'a1', 'title': 'Fix checkout, now', 'status': 'in-progress', 'owner': 'Ana',
     'due': '2026-03-01', 'cards': ids[:2]},
    {'id': 'a2', 'title': '=SUM(1)', 'status': 'done', 'cards': ids[2:3]},
]
json.dump(doc, open(sys.argv[2], 'w'))
PY
cp "$TEMPLATES/coffee-maker.trailmap" "$tmp/plain.trailmap"

"$TRAILMAP" --export="$tmp/actions.csv" --export-type=actions "$tmp/acts.trailmap" 2>"$tmp/err"
check "--export=actions.csv --export-type=actions exits 0" [ $? -eq 0 ]
check "the CSV reads back: header, two actions, fields in place" python3 - "$tmp/actions.csv" "$tmp/acts.trailmap" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
doc = json.load(open(sys.argv[2]))
texts = {c['id']: c['text'] for c in doc['cards']}
ids = [c['id'] for c in doc['cards']]
assert rows[0][:4] == ['title', 'status', 'owner', 'due'], rows[0]
assert len(rows) == 3, rows
assert rows[1][:4] == ['Fix checkout, now', 'in-progress', 'Ana', '2026-03-01'], rows[1]
assert rows[1][4] == '; '.join(texts[i] for i in ids[:2]), rows[1]
assert rows[2][0] == "'=SUM(1)" and rows[2][1] == 'done', rows[2]
PY

"$TRAILMAP" --export=- --export-type=actions "$tmp/acts.trailmap" >"$tmp/stdout.csv" 2>"$tmp/err"
check "--export=- --export-type=actions writes the same CSV to standard output" cmp -s "$tmp/stdout.csv" "$tmp/actions.csv"

"$TRAILMAP" --export="$tmp/bom.csv" --export-type=actions --export-bom "$tmp/acts.trailmap" 2>"$tmp/err"
check "--export-bom starts the actions CSV with a byte-order mark" \
  sh -c "head -c 3 '$tmp/bom.csv' | od -An -tx1 | grep -q 'ef bb bf' && ! grep -q warning '$tmp/err'"

"$TRAILMAP" --export="$tmp/none.csv" --export-type=actions "$tmp/plain.trailmap" 2>"$tmp/err"
check "a map without actions gives the header row only" [ "$(wc -l <"$tmp/none.csv")" -eq 1 ]

"$TRAILMAP" --export="$tmp/acts.png" "$tmp/acts.trailmap" 2>"$tmp/err" &&
"$TRAILMAP" --export="$tmp/plain.png" "$tmp/plain.trailmap" 2>>"$tmp/err"
check "PNG exports of the map with and without actions differ (the badges)" \
  sh -c "[ -s '$tmp/acts.png' ] && ! cmp -s '$tmp/acts.png' '$tmp/plain.png'"

# The editable SVG draws the badges too, in the style's status colours
# (light: in progress #c64600, done #1f7a4d), each with its glyph.
"$TRAILMAP" --export="$tmp/acts.svg" "$tmp/acts.trailmap" 2>"$tmp/err"
check "the SVG export draws the badges in the style's colours, with their glyphs" \
  sh -c "grep -q '<circle[^>]*fill=\"#c64600\"' '$tmp/acts.svg' && grep -q '<circle[^>]*fill=\"#1f7a4d\"' '$tmp/acts.svg' &&
         grep -q 'stroke-linecap=\"round\"' '$tmp/acts.svg'"

"$TRAILMAP" --export="$tmp/x.svg" --export-type=actions "$tmp/acts.trailmap" 2>"$tmp/err"
check "--export-type=actions with a .svg file name is a usage error (2)" [ $? -eq 2 ]

# The PDF's Actions page, read back by poppler.
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
  pages () { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

  "$TRAILMAP" --export="$tmp/acts.pdf" "$tmp/acts.trailmap" 2>"$tmp/err" &&
  "$TRAILMAP" --export="$tmp/plain.pdf" "$tmp/plain.trailmap" 2>>"$tmp/err"
  check "a PDF of a map with actions has one page more than without ($(pages "$tmp/acts.pdf") and $(pages "$tmp/plain.pdf"))" \
    [ "$(pages "$tmp/acts.pdf")" -eq 2 -a "$(pages "$tmp/plain.pdf")" -eq 1 ]
  pdftotext -f 2 -l 2 "$tmp/acts.pdf" "$tmp/acts.txt" 2>"$tmp/err"
  check "the Actions page lists title, status, owner, due date, cards and KPI" python3 - "$tmp/acts.txt" "$tmp/acts.trailmap" <<'PY'
import json, sys
text = ' '.join(open(sys.argv[1], encoding='utf-8').read().split())
doc = json.load(open(sys.argv[2]))
cards = {c['id']: c['text'] for c in doc['cards']}
want = ['Actions', 'Fix checkout, now', 'In progress', 'Ana', '2026-03-01', '=SUM(1)', 'Done',
        cards[doc['actions'][0]['cards'][0]], cards[doc['actions'][1]['cards'][0]]]
missing = [w for w in want if ' '.join(w.split()) not in text]
assert not missing, (missing, text)
PY

  # Sixty actions with KPIs: the table runs over several pages, each
  # action on exactly one of them, in order.
  python3 - "$tmp/acts.trailmap" "$tmp/many.trailmap" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
ids = [c['id'] for c in doc['cards']]
doc['actions'] = [{'id': f'm{i}', 'title': f'Step {i:02d} of the plan', 'status': 'planned',
                   'owner': 'Team', 'cards': ids[i % len(ids):i % len(ids) + 2],
                   'kpi': 'Share of orders set up in a day', 'kpi-target': '0.8'} for i in range(60)]
json.dump(doc, open(sys.argv[2], 'w'))
PY
  "$TRAILMAP" --export="$tmp/many.pdf" --export-paper=a4 "$tmp/many.trailmap" 2>/dev/null
  check "sixty actions take several A4 pages ($(pages "$tmp/many.pdf") in all)" [ "$(pages "$tmp/many.pdf")" -ge 3 ]
  check "every action is on one page, in order, with its KPI and target" python3 - "$tmp/many.pdf" <<'PY'
import re, subprocess, sys
n = int(re.search(r'Pages:\s+(\d+)', subprocess.run(['pdfinfo', sys.argv[1]], capture_output=True, text=True).stdout).group(1))
seen = []
for page in range(2, n + 1):
    text = subprocess.run(['pdftotext', '-f', str(page), '-l', str(page), sys.argv[1], '-'],
                          capture_output=True, text=True).stdout
    assert 'Actions' in text, page
    seen += re.findall(r'Step (\d\d) of the plan', text)
    assert 'Target: 0.8' in text, page
assert seen == [f'{i:02d}' for i in range(60)], seen
PY
  check "the Actions pages are A4 landscape when the map is printed on A4" \
    sh -c "pdfinfo -f 2 -l 2 '$tmp/many.pdf' | grep -Eq 'Page +2 size: +841.89 x 595.28'"
fi

echo "1..$n"
[ "$failed" -eq 0 ]

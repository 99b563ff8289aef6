#!/bin/sh
# test-convert-cli.sh TRAILMAP SOURCE_ROOT
#
# Maps that travel, from the command line as a pipeline runs it: Mermaid →
# .trailmap → Mermaid, cards CSV both ways (with a BOM for Excel), HTML and
# Markdown, --validate on .mmd and .csv with line numbers, bad input that
# writes nothing, and --help naming every format. TAP output.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TRAILMAP=$1
ROOT=$2
unset DISPLAY WAYLAND_DISPLAY

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

result () {
  # result STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
    [ -f "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err"
  fi
}

MMD="$ROOT/tests/model/mermaid/features.mmd"
COFFEE="$ROOT/data/templates/coffee-maker.trailmap"

"$TRAILMAP" --export="$tmp/features.trailmap" "$MMD" 2>"$tmp/err" &&
  "$TRAILMAP" --validate "$tmp/features.trailmap" >/dev/null 2>&1
result $? "a Mermaid journey converts to a valid map"

"$TRAILMAP" --export="$tmp/back.mmd" "$tmp/features.trailmap" 2>"$tmp/err" &&
  grep -q '^  section Notice<br>the damage$' "$tmp/back.mmd" &&
  grep -q '^    Calls support: 1: Buyer, Agent$' "$tmp/back.mmd" &&
  grep -q '^    Reads the policy: 3$' "$tmp/back.mmd"
result $? "and back to Mermaid with its sections, tasks, scores and actors"

"$TRAILMAP" --export="$tmp/again.mmd" "$tmp/back.mmd" 2>"$tmp/err" && cmp -s "$tmp/back.mmd" "$tmp/again.mmd"
result $? "Mermaid → Mermaid directly gives the same text"

"$TRAILMAP" --export=- --export-type=mmd "$COFFEE" >"$tmp/coffee.mmd" 2>"$tmp/err" &&
  head -1 "$tmp/coffee.mmd" | grep -qx journey
result $? "--export=- --export-type=mmd writes to standard output"

"$TRAILMAP" --export="$tmp/cards.csv" --export-bom "$COFFEE" 2>"$tmp/err" &&
  head -c 3 "$tmp/cards.csv" | od -An -tx1 | grep -q 'ef bb bf'
result $? "--export-bom starts the CSV with a byte-order mark"

"$TRAILMAP" --export="$tmp/cards.trailmap" "$tmp/cards.csv" 2>"$tmp/err" &&
  "$TRAILMAP" --export="$tmp/cards2.csv" "$tmp/cards.trailmap" 2>>"$tmp/err" &&
  cut -d, -f1-11 "$tmp/cards.csv" | tail -n +2 >"$tmp/a" &&
  cut -d, -f1-11 "$tmp/cards2.csv" | tail -n +2 >"$tmp/b" &&
  cmp -s "$tmp/a" "$tmp/b"
result $? "CSV → map → CSV gives the same cards"

cp "$COFFEE" "$tmp/edit.trailmap"
"$TRAILMAP" --export="$tmp/edit.csv" "$tmp/edit.trailmap" 2>"$tmp/err" &&
  sed -i '2s/Video ad/Edited in a spreadsheet/' "$tmp/edit.csv" &&
  "$TRAILMAP" --import-csv="$tmp/edit.csv" "$tmp/edit.trailmap" >/dev/null 2>"$tmp/err" &&
  [ "$(grep -c '"text"' "$tmp/edit.trailmap")" = "$(grep -c '"text"' "$COFFEE")" ] &&
  grep -q 'Edited in a spreadsheet' "$tmp/edit.trailmap"
result $? "--import-csv with a cards CSV updates cards by id instead of duplicating them"

"$TRAILMAP" --export="$tmp/map.html" "$COFFEE" 2>"$tmp/err" && grep -q "Content-Security-Policy" "$tmp/map.html"
result $? "--export=map.html"

"$TRAILMAP" --export="$tmp/map.md" "$COFFEE" 2>"$tmp/err" && head -1 "$tmp/map.md" | grep -q '^# Buying a coffee maker'
result $? "--export=map.md"

printf 'journey\n  title T\n  section One\n    Fine: 3: A\n    Broken task line\n' >"$tmp/bad.mmd"
"$TRAILMAP" --validate "$tmp/bad.mmd" >/dev/null 2>"$tmp/err"
status=$?
[ $status -eq 1 ] && grep -q "bad.mmd:5: " "$tmp/err"
result $? "--validate names the line of a Mermaid problem"

"$TRAILMAP" --export="$tmp/bad.trailmap" "$tmp/bad.mmd" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -e "$tmp/bad.trailmap" ]
result $? "bad Mermaid writes nothing"

printf 'stage,lane,text,priority\nOne,Touchpoints,Fine,high\nOne,Touchpoints,Bad,urgent\n' >"$tmp/bad.csv"
"$TRAILMAP" --validate "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "line 3: " "$tmp/err"
result $? "--validate names the line of a bad CSV row"

printf 'journey\n  section S\n    Too good: 9: A\n' >"$tmp/nine.mmd"
"$TRAILMAP" --export="$tmp/nine-back.mmd" "$tmp/nine.mmd" 2>"$tmp/err" &&
  grep -q "warning: .*line 3" "$tmp/err" && grep -q "written as 1 or 5" "$tmp/err" &&
  grep -q "Too good: 5: A" "$tmp/nine-back.mmd"
result $? "a score outside 1 to 5 is kept, then clamped on export, with warnings"

"$TRAILMAP" --help-all >"$tmp/help" 2>&1 || "$TRAILMAP" --help >"$tmp/help" 2>&1
grep -q "html" "$tmp/help" && grep -q "mmd" "$tmp/help" && grep -q "csv" "$tmp/help" &&
  grep -q "md (Markdown)" "$tmp/help" && grep -q "export-bom" "$tmp/help"
result $? "--help names every format"

echo "1..$n"
[ $failed -eq 0 ]

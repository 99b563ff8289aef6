#!/bin/sh
# test-cli-compare.sh TRAILMAP DATA_DIR [FONTS_CONF]
#
# `trailmap --compare` as a script would run it: the summary on standard
# output, the comparison exported and read back by poppler, librsvg and
# the PNG decoder; --compare-revision against a temporary git repository
# with three commits; and the clear messages for no repository, no git,
# an unknown revision and bad input. TAP output.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

# Absolute: one check runs from inside the repository.
TRAILMAP=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DATA=$2
[ $# -ge 3 ] && export FONTCONFIG_FILE="$3"

unset DISPLAY WAYLAND_DISPLAY

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  [ -f "$tmp/out" ] && sed 's/^/# stdout: /' "$tmp/out"
  [ -f "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err"
}

check () {
  desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

OLD="$DATA/compare-old.trailmap"
NEW="$DATA/compare-new.trailmap"

cat > "$tmp/expected" <<'END'
cards: 1 added, 1 removed, 1 changed, 1 moved
stages: 0 added, 0 removed, 1 renamed, 0 moved
lanes: 0 added, 0 removed, 1 renamed, 0 moved
actions: 0 added, 0 removed, 0 changed
emotions: 2 changed
emotion: Sofia Marino / Delivery: -1.5 -> 1 (▲ +2.5)
emotion: Sofia Marino / Set-up: -1 -> 0.5 (▲ +1.5)
END

"$TRAILMAP" --compare="$OLD" "$NEW" > "$tmp/out" 2> "$tmp/err"
check "summary on stdout, exit 0" test $? -eq 0
check "summary lines as documented" cmp -s "$tmp/out" "$tmp/expected"
check "nothing on stderr" test ! -s "$tmp/err"

"$TRAILMAP" --compare="$OLD" "$NEW" --export="$tmp/diff.pdf" > "$tmp/out" 2> "$tmp/err"
check "--export=diff.pdf succeeds" test $? -eq 0
check "summary printed with --export too" cmp -s "$tmp/out" "$tmp/expected"
pdftotext "$tmp/diff.pdf" "$tmp/diff.txt" 2> /dev/null
check "poppler reads the PDF: the summary" grep -q "Cards: 1 added, 1 removed, 1 changed, 1 moved" "$tmp/diff.txt"
check "poppler reads the PDF: the marks" grep -q "Removed" "$tmp/diff.txt"

"$TRAILMAP" --compare="$OLD" "$NEW" --export="$tmp/diff.png" --export-scale=1 > /dev/null 2> "$tmp/err"
check "--export=diff.png succeeds" test $? -eq 0
check "the PNG decodes" /usr/bin/python3 -c "
import sys
d = open('$tmp/diff.png', 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
w = int.from_bytes(d[16:20], 'big'); h = int.from_bytes(d[20:24], 'big')
assert w > 800 and h > 600, (w, h)
"
"$TRAILMAP" --compare="$OLD" "$NEW" --export="$tmp/diff.svg" > /dev/null 2> "$tmp/err"
check "--export=diff.svg succeeds" test $? -eq 0
check "librsvg reads the SVG" rsvg-convert "$tmp/diff.svg" -o "$tmp/svg.png"
check "the SVG keeps its marks as text" grep -q '>Removed</text>' "$tmp/diff.svg"

# Actions: one done since, one added, one dropped from the list.
/usr/bin/python3 - "$OLD" "$NEW" "$tmp" <<'PY'
import json, sys
old, new = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
old["actions"] = [
  {"id": "a1", "title": "Call before delivery", "status": "planned", "owner": "Ana", "cards": ["c7"]},
  {"id": "a2", "title": "Shorter manual", "status": "idea"},
]
new["actions"] = [
  {"id": "a1", "title": "Call before delivery", "status": "done", "owner": "Ana", "cards": ["c7"]},
  {"id": "a3", "title": "Video guide", "status": "in-progress"},
]
json.dump(old, open(sys.argv[3] + "/old-actions.trailmap", "w"), ensure_ascii=False, indent=2)
json.dump(new, open(sys.argv[3] + "/new-actions.trailmap", "w"), ensure_ascii=False, indent=2)
PY
"$TRAILMAP" --compare="$tmp/old-actions.trailmap" "$tmp/new-actions.trailmap" > "$tmp/out" 2> "$tmp/err"
check "actions: exit 0" test $? -eq 0
check "… the actions line after the lanes" test "$(sed -n 4p "$tmp/out")" = "actions: 1 added, 1 removed, 1 changed"
check "… the other lines as before" test "$(sed 4d "$tmp/out" | head -3)" = "$(head -3 "$tmp/expected")"
"$TRAILMAP" --compare="$tmp/old-actions.trailmap" "$tmp/new-actions.trailmap" --export="$tmp/actions.pdf" > /dev/null 2> "$tmp/err"
pdftotext "$tmp/actions.pdf" "$tmp/actions.txt" 2> /dev/null
check "poppler reads the PDF: the actions' summary" grep -q "Actions: 1 added, 1 removed, 1 changed" "$tmp/actions.txt"

# Same map: nothing changed.
"$TRAILMAP" --compare="$OLD" "$OLD" > "$tmp/out" 2> "$tmp/err"
check "a map against itself: all zero" test "$(head -1 "$tmp/out")" = "cards: 0 added, 0 removed, 0 changed, 0 moved"

# Bad input: clear messages, no output.
printf '{"format":"trailmap","version":1,' > "$tmp/truncated.trailmap"
"$TRAILMAP" --compare="$tmp/truncated.trailmap" "$NEW" > "$tmp/out" 2> "$tmp/err"
check "a broken old map: exit 1" test $? -eq 1
check "… names the file" grep -q "truncated.trailmap" "$tmp/err"
check "… prints no summary" test ! -s "$tmp/out"
"$TRAILMAP" --compare="$OLD" "$NEW" "$OLD" > /dev/null 2> "$tmp/err"
check "two new maps: usage error" test $? -eq 2
"$TRAILMAP" --compare="$OLD" "$NEW" --export="$tmp/diff.xyz" > /dev/null 2> "$tmp/err"
check "an unknown export type: usage error" test $? -eq 2
check "… before anything is loaded or written" test ! -e "$tmp/diff.xyz"

# git: three commits of one map.
if command -v git > /dev/null; then
  repo="$tmp/repo"
  mkdir "$repo"
  export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.org GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.org
  export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
  git -C "$repo" init -q
  cp "$OLD" "$repo/map.trailmap"
  git -C "$repo" add map.trailmap && git -C "$repo" commit -qm "Current state"
  cp "$NEW" "$repo/map.trailmap"
  git -C "$repo" commit -qam "Future state"
  sed 's/Video guide for the first set-up/Video guide for set-up/' "$NEW" > "$repo/map.trailmap"
  git -C "$repo" commit -qam "Shorter"

  "$TRAILMAP" --compare-revision=HEAD~2 "$repo/map.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "--compare-revision=HEAD~2 succeeds" test $? -eq 0
  check "… against the first commit" test "$(head -1 "$tmp/out")" = "cards: 1 added, 1 removed, 1 changed, 1 moved"
  "$TRAILMAP" --compare-revision=HEAD~1 "$repo/map.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "--compare-revision=HEAD~1: one card changed" test "$(head -1 "$tmp/out")" = "cards: 0 added, 0 removed, 1 changed, 0 moved"
  "$TRAILMAP" --compare-revision=HEAD "$repo/map.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "--compare-revision=HEAD: nothing since the last commit" test "$(head -1 "$tmp/out")" = "cards: 0 added, 0 removed, 0 changed, 0 moved"
  (cd "$repo" && "$TRAILMAP" --compare-revision=HEAD~2 map.trailmap) > "$tmp/out" 2> "$tmp/err"
  check "… with a relative path" test "$(head -1 "$tmp/out")" = "cards: 1 added, 1 removed, 1 changed, 1 moved"

  "$TRAILMAP" --compare-revision=HEAD~5 "$repo/map.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "an unknown revision: exit 1" test $? -eq 1
  check "… says so" grep -q "no version at that revision" "$tmp/err"
  "$TRAILMAP" --compare-revision=--output=x "$repo/map.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "an option as revision is refused" test $? -eq 1
  check "… and writes nothing" test ! -e "$repo/x"

  cp "$OLD" "$tmp/loose.trailmap"
  GIT_CEILING_DIRECTORIES="$tmp" "$TRAILMAP" --compare-revision=HEAD "$tmp/loose.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "not in a repository: exit 1" test $? -eq 1
  check "… says so" grep -q "not in a git repository" "$tmp/err"

  PATH=/nonexistent "$TRAILMAP" --compare-revision=HEAD "$repo/map.trailmap" > "$tmp/out" 2> "$tmp/err"
  check "no git installed: exit 1" test $? -eq 1
  check "… says so" grep -q "git is not installed" "$tmp/err"
else
  n=$((n + 1)); echo "ok $n # SKIP git is not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]

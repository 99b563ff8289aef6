#!/bin/sh
# trailmap --export-votes-csv: the last round's ranked results as CSV, to a
# file or standard output, with no display; a map without a round, two
# maps, or a folder that does not exist are refused and write nothing;
# --export-votes draws the revealed dots into an SVG export.
# Usage: test-votes-cli.sh TRAILMAP SOURCE_ROOT
set -eu
trailmap=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
unset DISPLAY WAYLAND_DISPLAY

n=0
check () {
  n=$((n + 1))
  if "$@"; then echo "ok $n"; else echo "not ok $n $*"; exit 1; fi
}

echo "1..9"
cp "$root/tests/model/voting/voted.trailmap" "$out/voted.trailmap"
cp "$root/tests/ui/data/workshop.trailmap" "$out/plain.trailmap"
cd "$out"

printf 'Rank,Card,Stage,Lane,Dots,Ana,Ben\r\n1,Checkout fails on mobile,Delivery,Pain points,3,2,1\r\n2,Delivery window too vague,Purchase,Pain points,1,1,0\r\n' >expected.csv
"$trailmap" --export-votes-csv=results.csv voted.trailmap
check cmp -s results.csv expected.csv
"$trailmap" --export-votes-csv - voted.trailmap >stdout.csv
check cmp -s stdout.csv expected.csv

status=0
"$trailmap" --export-votes-csv=none.csv plain.trailmap 2>stderr || status=$?
check test "$status" -eq 1
check grep -q 'plain.trailmap: the map has no voting round' stderr
check test ! -e none.csv

status=0
"$trailmap" --export-votes-csv=two.csv voted.trailmap plain.trailmap 2>stderr || status=$?
check test "$status" -eq 2

status=0
"$trailmap" --export-votes-csv=missing/dir/r.csv voted.trailmap 2>stderr || status=$?
check test "$status" -eq 1

# The dots on the cards of an SVG export, only when asked.
"$trailmap" --export=with.svg --export-votes voted.trailmap
"$trailmap" --export=without.svg voted.trailmap
check grep -q 'fill="#e01b24"' with.svg
check test "$(grep -c 'fill="#e01b24"' without.svg)" -eq 0

#!/bin/sh
# trailmap --import-csv: the guess is printed, bad rows are listed by line,
# the map is saved with its survey; the same file with more rows refreshes
# it without duplicate quote cards; bad options change nothing.
# Usage: test-import-cli.sh TRAILMAP SOURCE_ROOT
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

echo "1..17"
cp "$root/data/templates/coffee-maker.trailmap" "$out/map.trailmap"
cp "$root/tests/model/csv/responses.csv" "$out/responses.csv"
cp "$root/tests/model/csv/metrics.csv" "$out/metrics.csv"
cd "$out"

"$trailmap" --import-csv=responses.csv map.trailmap >stdout 2>stderr
check grep -q 'score      ← “How likely are you to recommend us? (NPS)”, scale 0 to 10 (NPS)' stdout
check grep -q 'map.trailmap: 6 rows imported from responses.csv, 2 skipped' stdout
check grep -q '^responses.csv:9: no stage is called “Unpacking”$' stderr
check grep -q '^responses.csv:10: the score “x” is not a number$' stderr
check test "$(grep -c '"survey-key": ' map.trailmap)" -eq 6
"$trailmap" --validate map.trailmap >/dev/null

# More rows: a refresh, read as recorded; one more quote, no duplicates.
echo '9;2026-05-06;Set-up;Sofia Marino;1;"Water everywhere"' >>responses.csv
"$trailmap" --import-csv=responses.csv map.trailmap >stdout 2>stderr
check grep -q '7 rows imported' stdout
check test "$(grep -c '"survey-key": ' map.trailmap)" -eq 7
check test "$(grep -c '"text": "Water everywhere"' map.trailmap)" -eq 1
check test "$(grep -c '"source": "responses.csv"' map.trailmap)" -eq 1

# A mapping file maps the unknown stage by hand.
cat >mapping.json <<'JSON'
{ "columns": { "stage": "Stage", "score": "How likely are you to recommend us? (NPS)" },
  "stages": { "Unpacking": "Delivery" } }
JSON
"$trailmap" --import-csv=responses.csv --import-mapping=mapping.json map.trailmap >stdout 2>stderr
check grep -q '8 rows imported from responses.csv, 1 skipped' stdout

# Refused, and the map is left as it was.
cp map.trailmap before.trailmap
status=0; "$trailmap" --import-csv=responses.csv --import-scale=10..0 map.trailmap 2>stderr || status=$?
check test "$status" -eq 2
echo '{ "columns": { "stage": "Phase" } }' >bad.json
status=0; "$trailmap" --import-csv=responses.csv --import-mapping=bad.json map.trailmap 2>stderr || status=$?
check test "$status" -eq 1
check grep -q 'no column “Phase”' stderr
check cmp -s before.trailmap map.trailmap

# A metrics file is recognised by its header and goes onto the KPIs lane.
"$trailmap" --import-csv=metrics.csv map.trailmap >stdout 2>stderr
check grep -q 'map.trailmap: 3 metric cards updated from metrics.csv' stdout
check grep -q '^metrics.csv:8: no stage is called “Warehouse”$' stderr
check grep -q '"metric-values": \["2026-03=3.1", "2026-04=2.7"\]' map.trailmap

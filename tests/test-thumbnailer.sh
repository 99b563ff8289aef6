#!/bin/sh
# The thumbnailer makes a PNG of the requested size with no display, and
# fails cleanly on a bad map.
# Usage: test-thumbnailer.sh THUMBNAILER MAP
set -eu
thumbnailer=$1
map=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
unset DISPLAY WAYLAND_DISPLAY

n=0
check () {
  n=$((n + 1))
  if "$@"; then echo "ok $n"; else echo "not ok $n $*"; exit 1; fi
}

png_size () {
  # Width and height from the PNG's IHDR chunk, bytes 16–23.
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

echo "1..8"
for size in 128 256; do
  "$thumbnailer" -s "$size" "$map" "$out/thumb-$size.png"
  set -- $(png_size "$out/thumb-$size.png")
  longer=$1; [ "$2" -gt "$1" ] && longer=$2
  check test "$longer" -eq "$size"
done

# A URI works as well as a path (file managers pass URIs).
"$thumbnailer" -s 64 "file://$(realpath "$map")" "$out/uri.png"
check test -s "$out/uri.png"

printf '{ "format": "trailmap", "version": 1, "stages": [' >"$out/bad.trailmap"
check sh -c '! "$0" -s 64 "$1" "$2" 2>"$3"' "$thumbnailer" "$out/bad.trailmap" "$out/bad.png" "$out/err"
check grep -q 'bad.trailmap' "$out/err"
check test ! -e "$out/bad.png"

# Run unattended, it stays small: a map of 5,001 cards gets no thumbnail.
awk 'BEGIN {
  printf "{\"format\": \"trailmap\", \"version\": 1, \"title\": \"big\",";
  printf " \"stages\": [{\"id\": \"s1\", \"name\": \"S\"}],";
  printf " \"lanes\": [{\"id\": \"l1\", \"kind\": \"notes\", \"title\": \"L\"}], \"cards\": [";
  for (i = 0; i < 5001; i++)
    printf "%s{\"id\": \"c%d\", \"lane\": \"l1\", \"stage\": \"s1\", \"text\": \"x\"}", (i ? "," : ""), i;
  printf "]}\n" }' >"$out/big.trailmap"
check sh -c '! "$0" -s 64 "$1" "$2" 2>"$3"' "$thumbnailer" "$out/big.trailmap" "$out/big.png" "$out/err"
check grep -q 'too many cards for a thumbnail' "$out/err"

if [ -n "${TRAILMAP_TEST_ARTIFACTS:-}" ]; then
  mkdir -p "$TRAILMAP_TEST_ARTIFACTS" && cp "$out/thumb-256.png" "$TRAILMAP_TEST_ARTIFACTS/thumbnail-256.png"
fi

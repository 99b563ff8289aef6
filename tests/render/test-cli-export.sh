#!/bin/sh
# test-cli-export.sh TRAILMAP TEMPLATES_DIR [FONTS_CONF]
#
# The headless export command line, run as a user would: success paths
# (single file, scale, width, batch beside the maps, batch into a directory)
# and error paths (unreadable input, unknown type, unwritable output, one
# output file for several maps). TAP output.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TRAILMAP=$1
TEMPLATES=$2
[ $# -ge 3 ] && export FONTCONFIG_FILE="$3"

# No display at all: export must not need one.
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
  [ -f "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err"
}

check () {
  # check DESCRIPTION COMMAND... : passes when COMMAND succeeds
  desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# A PNG chunk's data as hex (the first one of TYPE), or nothing.
png_chunk_hex () {
  od -An -v -tx1 "$1" | tr -d ' \n' | python3 -c "
import sys
data = bytes.fromhex(sys.stdin.read())
i = 8
while i + 8 <= len(data):
    n = int.from_bytes(data[i:i+4], 'big')
    if data[i+4:i+8] == b'$2':
        print(data[i+8:i+8+n].hex())
        break
    i += 12 + n
"
}

# PNG width and height from the IHDR chunk.
png_size () {
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

cp "$TEMPLATES/coffee-maker.trailmap" "$tmp/coffee.trailmap"
cp "$TEMPLATES/first-ride.trailmap" "$tmp/ride.trailmap"

# --- success paths ---------------------------------------------------------

"$TRAILMAP" --export="$tmp/one.png" "$tmp/coffee.trailmap" 2>"$tmp/err"
check "PNG export exits 0" [ $? -eq 0 ]
check "PNG written" [ -s "$tmp/one.png" ]
set -- $(png_size "$tmp/one.png")
w1=$1 h1=$2

"$TRAILMAP" --export="$tmp/two.png" --export-scale=2 "$tmp/coffee.trailmap" 2>"$tmp/err"
set -- $(png_size "$tmp/two.png")
check "--export-scale=2 doubles the size (${w1}x${h1} -> ${1}x${2})" [ "$1" -eq $((w1 * 2)) -a "$2" -eq $((h1 * 2)) ]

"$TRAILMAP" --export="$tmp/w.png" --export-width=800 --export-transparent "$tmp/coffee.trailmap" 2>"$tmp/err"
set -- $(png_size "$tmp/w.png")
check "--export-width=800 gives 800 pixels" [ "$1" -eq 800 ]

"$TRAILMAP" --export="$tmp/map.pdf" --export-paper=a4 "$tmp/coffee.trailmap" 2>"$tmp/err"
check "PDF on A4 written" [ -s "$tmp/map.pdf" ]
check "PDF starts with %PDF" grep -q '^%PDF' "$tmp/map.pdf"

"$TRAILMAP" --export="$tmp/map.svg" --export-stages="Sees an ad,Orders" --export-style=dark "$tmp/coffee.trailmap" 2>"$tmp/err"
check "SVG subset in dark style written" grep -q '<svg' "$tmp/map.svg"

"$TRAILMAP" --export-type=svg "$tmp/coffee.trailmap" "$tmp/ride.trailmap" 2>"$tmp/err"
check "batch --export-type writes each beside its map" [ -s "$tmp/coffee.svg" -a -s "$tmp/ride.svg" ]

mkdir "$tmp/out"
"$TRAILMAP" --export="$tmp/out/" --export-type=pdf "$tmp/coffee.trailmap" "$tmp/ride.trailmap" 2>"$tmp/err"
check "batch into DIRECTORY/ exits 0" [ $? -eq 0 ]
check "batch into DIRECTORY/ writes both" [ -s "$tmp/out/coffee.pdf" -a -s "$tmp/out/ride.pdf" ]

"$TRAILMAP" --export="$tmp/paths.svg" --export-text-to-path "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-text-to-path writes no <text>" sh -c "! grep -q '<text' '$tmp/paths.svg'"

# Emoji in SVG at the size of the text around them, not at the colour font's
# bitmap strike (109 px). Needs a colour-emoji font and fontconfig's rule
# that scales bitmap strikes, as desktops have.
emoji_font=$(env -u FONTCONFIG_FILE fc-list -f '%{file}\n' ':family=Noto Color Emoji' 2>/dev/null | head -n1)
if [ -n "$emoji_font" ] && [ -f /etc/fonts/conf.d/10-scale-bitmap-fonts.conf ]; then
  cat >"$tmp/emoji-fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/opentype/cantarell</dir>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <dir>$(dirname "$emoji_font")</dir>
  <include>/etc/fonts/conf.d/10-scale-bitmap-fonts.conf</include>
  <cachedir>$tmp/fc-cache</cachedir>
</fontconfig>
EOF
  party=$(printf '\360\237\216\211')
  sed "s/\"title\": \"[^\"]*\"/\"title\": \"Coffee $party maker\"/" "$tmp/coffee.trailmap" >"$tmp/emoji.trailmap"
  FONTCONFIG_FILE="$tmp/emoji-fonts.conf" "$TRAILMAP" --export="$tmp/emoji.svg" "$tmp/emoji.trailmap" 2>"$tmp/err"
  title_size=$(grep -o '<tspan[^>]*>Coffee </tspan>' "$tmp/emoji.svg" | sed 's/.*font-size="\([0-9.]*\)".*/\1/' | head -n1)
  emoji_size=$(grep -o "<tspan[^>]*>$party</tspan>" "$tmp/emoji.svg" | sed 's/.*font-size="\([0-9.]*\)".*/\1/' | head -n1)
  check "emoji in SVG at the title's size (${emoji_size:-none} px, title ${title_size:-none} px)" \
    [ -n "$title_size" -a "$emoji_size" = "$title_size" ]
  if command -v pdfimages >/dev/null; then
    # Emoji in a PDF are images (colour bitmaps): sharp enough to print.
    FONTCONFIG_FILE="$tmp/emoji-fonts.conf" "$TRAILMAP" --export="$tmp/emoji.pdf" "$tmp/emoji.trailmap" 2>"$tmp/err"
    ppi=$(pdfimages -list "$tmp/emoji.pdf" 2>/dev/null | awk '$3 == "image" { print $13; exit }')
    check "emoji in PDF at ${ppi:-no} ppi, at least 300" [ "${ppi:-0}" -ge 300 ]
  fi
else
  n=$((n + 1))
  echo "ok $n # SKIP no colour-emoji font"
fi

# --- PNG metadata and slides ------------------------------------------------

# 96 dpi = 3780 pixels per metre (0x0ec4), unit metre.
check "PNG records 96 dpi by default (pHYs)" [ "$(png_chunk_hex "$tmp/one.png" pHYs)" = "00000ec400000ec401" ]
check "PNG names its colour space (sRGB)" [ -n "$(png_chunk_hex "$tmp/one.png" sRGB)" ]
check "PNG carries the map's title" grep -a -q "Title.Buying a coffee maker" "$tmp/one.png"
check "PNG names the program" grep -a -q 'Software.Trailmap' "$tmp/one.png"
"$TRAILMAP" --export="$tmp/dpi.png" --export-scale=2 --export-dpi=192 "$tmp/coffee.trailmap" 2>"$tmp/err"
# 192 dpi = 7559 pixels per metre (0x1d87).
check "--export-dpi=192 is recorded" [ "$(png_chunk_hex "$tmp/dpi.png" pHYs)" = "00001d8700001d8701" ]

"$TRAILMAP" --export="$tmp/slide.png" --export-fit=1920x1080 --export-margin=48 \
  --export-omit=header,personas "$tmp/coffee.trailmap" 2>"$tmp/err"
set -- $(png_size "$tmp/slide.png")
check "--export-fit=1920x1080 gives exactly 1920x1080 (${1}x${2})" [ "$1" -eq 1920 -a "$2" -eq 1080 ]
"$TRAILMAP" --export="$tmp/h.png" --export-height=600 "$tmp/coffee.trailmap" 2>"$tmp/err"
set -- $(png_size "$tmp/h.png")
check "--export-height=600 gives 600 pixels" [ "$2" -eq 600 ]

# A deck: slides of exactly 1920x1080 into a folder, or pages of one PDF.
"$TRAILMAP" --export-slides --export="$tmp/deck/" --export-type=png --export-mkdir "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-slides into DIR/ exits 0" [ $? -eq 0 ]
set -- $(png_size "$tmp/deck/coffee-01.png")
check "--export-slides writes 1920x1080 slides (${1:-none}x${2:-none})" [ "${1:-0}" -eq 1920 -a "${2:-0}" -eq 1080 ]
check "--export-slides writes more than one slide" [ -s "$tmp/deck/coffee-02.png" ]
if command -v pdfinfo >/dev/null; then
  "$TRAILMAP" --export-slides --export="$tmp/deck.pdf" "$tmp/coffee.trailmap" 2>"$tmp/err"
  pages=$(pdfinfo "$tmp/deck.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  slides=$(ls "$tmp/deck" | wc -l)
  check "--export-slides into a PDF: one page per slide ($pages pages, $slides slides)" [ "${pages:-0}" -eq "$slides" ]
fi

"$TRAILMAP" --export="$tmp/omit.svg" --export-omit=header,personas,legend "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-omit leaves out the header, personas and legend" \
  sh -c "! grep -q -e 'id=\"header\"' -e 'id=\"personas\"' -e 'id=\"legend\"' '$tmp/omit.svg' && grep -q 'id=\"stages\"' '$tmp/omit.svg'"

# Paper: a warning when card text would print under 6 pt, and the page's
# colour over the whole sheet, not a box floating in white margins.
"$TRAILMAP" --export="$tmp/a4.pdf" --export-paper=a4 --export-style=dark "$tmp/coffee.trailmap" 2>"$tmp/err"
check "A4 PDF still exported" [ -s "$tmp/a4.pdf" ]
check "card text under 6 pt on A4 is named in a warning" grep -q 'warning:.* pt' "$tmp/err"
"$TRAILMAP" --export="$tmp/a0.pdf" --export-paper=a0 "$tmp/coffee.trailmap" 2>"$tmp/err"
check "no print-size warning on A0" sh -c "! grep -q ' pt' '$tmp/err'"
if command -v pdftoppm >/dev/null; then
  pdftoppm -r 20 -f 1 -l 1 "$tmp/a4.pdf" "$tmp/a4"
  corner=$(python3 -c "
import sys
d = open(sys.argv[1], 'rb').read()
# P6 header: magic, width, height, maxval, then RGB bytes.
parts = d.split(maxsplit=4)
print(' '.join(str(b) for b in parts[4][:3]))" "$tmp"/a4*.ppm)
  check "the dark page fills the A4 sheet to its corner (corner RGB $corner)" \
    python3 -c "import sys; sys.exit(0 if max(map(int, sys.argv[1:])) < 80 else 1)" $corner
fi

# A poster: several sheets of A4, with --export-scale counted.
if command -v pdfinfo >/dev/null; then
  "$TRAILMAP" --export="$tmp/poster.pdf" --export-poster=a4-landscape "$tmp/coffee.trailmap" 2>"$tmp/err"
  sheets=$(pdfinfo "$tmp/poster.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  check "--export-poster=a4-landscape gives several sheets (${sheets:-0})" [ "${sheets:-0}" -gt 1 ]
  check "--export-scale on a poster is not warned about" sh -c "! grep -q 'warning' '$tmp/err'"
  "$TRAILMAP" --export="$tmp/poster2.pdf" --export-poster=a4-landscape --export-scale=2 "$tmp/coffee.trailmap" 2>"$tmp/err"
  sheets2=$(pdfinfo "$tmp/poster2.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  check "a poster at scale 2 takes more sheets (${sheets2:-0} > ${sheets:-0})" [ "${sheets2:-0}" -gt "${sheets:-0}" ]
fi

"$TRAILMAP" --export=- --export-type=png "$tmp/coffee.trailmap" >"$tmp/stdout.png" 2>"$tmp/err"
check "--export=- exits 0" [ $? -eq 0 ]
check "--export=- writes the PNG to standard output" cmp -s "$tmp/stdout.png" "$tmp/one.png"
check "--export=- leaves no file named -" [ ! -e ./- -a ! -e "$tmp/-" ]

"$TRAILMAP" --export-filename="$tmp/inkscape-name.png" "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-filename (Inkscape's name) works as --export" [ -s "$tmp/inkscape-name.png" ]

"$TRAILMAP" --export="$tmp/opaque.png" --export-transparent=false "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-transparent=false is opaque (RGB, colour type 2)" \
  [ "$(od -An -tu1 -j25 -N1 "$tmp/opaque.png" | tr -d ' ')" = 2 ]
"$TRAILMAP" --export="$tmp/clear.png" --export-transparent=true "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-transparent=true is transparent (RGBA, colour type 6)" \
  [ "$(od -An -tu1 -j25 -N1 "$tmp/clear.png" | tr -d ' ')" = 6 ]

"$TRAILMAP" --export="$tmp/made/deeper/m.png" --export-mkdir "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-mkdir creates the missing folders" [ -s "$tmp/made/deeper/m.png" ]

"$TRAILMAP" --export="$tmp/warn.png" --export-paper=a4 "$tmp/coffee.trailmap" 2>"$tmp/err"
check "an option that does not apply still exports" [ $? -eq 0 -a -s "$tmp/warn.png" ]
check "an option that does not apply is named in a warning" grep -q 'warning:.*--export-paper' "$tmp/err"
"$TRAILMAP" --export="$tmp/warn.svg" --export-scale=2 "$tmp/coffee.trailmap" 2>"$tmp/err"
check "--export-scale on SVG is named in a warning" grep -q 'warning:.*--export-scale' "$tmp/err"

# --- usage errors: exit 2, nothing written -----------------------------------

usage_error () {
  # usage_error DESCRIPTION OUTPUT ARGS...
  what=$1
  out=$2
  shift 2
  "$TRAILMAP" "$@" "$tmp/coffee.trailmap" >"$tmp/usage-stdout" 2>"$tmp/err"
  rc=$?
  check "$what exits 2 (got $rc)" [ $rc -eq 2 ]
  check "$what writes nothing" [ ! -e "$out" ]
  check "$what explains" [ -s "$tmp/err" ]
}

usage_error '--export-stages=""' "$tmp/u1.png" --export="$tmp/u1.png" --export-stages=""
usage_error '--export-lanes=" , "' "$tmp/u2.png" --export="$tmp/u2.png" --export-lanes=" , "
usage_error '--export-type=png --export=x.svg' "$tmp/u3.svg" --export="$tmp/u3.svg" --export-type=png
usage_error '--export-width with --export-scale' "$tmp/u4.png" --export="$tmp/u4.png" --export-width=800 --export-scale=2
usage_error '--export-fit with --export-width' "$tmp/u5.png" --export="$tmp/u5.png" --export-fit=1920x1080 --export-width=800
usage_error '--export-transparent=maybe' "$tmp/u6.png" --export="$tmp/u6.png" --export-transparent=maybe
usage_error '--export=- without a type' "$tmp/-" --export=-
usage_error '--export-fit=wide' "$tmp/u7.png" --export="$tmp/u7.png" --export-fit=wide
usage_error '--export-margin larger than the box' "$tmp/u12.png" --export="$tmp/u12.png" --export-fit=200x100 --export-margin=50
usage_error '--export-omit=footer' "$tmp/u8.png" --export="$tmp/u8.png" --export-omit=footer
usage_error '--export-poster with --export-paper' "$tmp/u10.pdf" --export="$tmp/u10.pdf" --export-poster=a4 --export-paper=a3
usage_error '--export-poster=b5' "$tmp/u11.pdf" --export="$tmp/u11.pdf" --export-poster=b5
usage_error '--export-background=notacolour' "$tmp/u9.png" --export="$tmp/u9.png" --export-background=notacolour

# --- error paths -----------------------------------------------------------

"$TRAILMAP" --export="$tmp/x.png" "$tmp/missing.trailmap" 2>"$tmp/err"
rc=$?
check "unreadable input exits non-zero" [ $rc -ne 0 ]
check "unreadable input names the file" grep -q 'missing.trailmap' "$tmp/err"
check "unreadable input leaves no output" [ ! -e "$tmp/x.png" ]

printf '{ not json' >"$tmp/broken.trailmap"
"$TRAILMAP" --export="$tmp/b.png" "$tmp/broken.trailmap" 2>"$tmp/err"
check "malformed input exits non-zero" [ $? -ne 0 ]

"$TRAILMAP" --export="$tmp/x.bmp" "$tmp/coffee.trailmap" 2>"$tmp/err"
rc=$?
check "unknown extension exits 2" [ $rc -eq 2 ]
check "unknown extension says how to fix it" grep -q -- '--export-type' "$tmp/err"

"$TRAILMAP" --export="$tmp/x.png" --export-type=gif "$tmp/coffee.trailmap" 2>"$tmp/err"
rc=$?
check "unknown --export-type exits 2" [ $rc -eq 2 ]
check "unknown --export-type names it" grep -q 'gif' "$tmp/err"

touch "$tmp/plainfile"
"$TRAILMAP" --export="$tmp/plainfile/out.png" "$tmp/coffee.trailmap" 2>"$tmp/err"
check "output under a file (not a directory) exits non-zero" [ $? -ne 0 ]
check "unwritable output gives a message" [ -s "$tmp/err" ]

"$TRAILMAP" --export="$tmp/no/such/dir/out.png" "$tmp/coffee.trailmap" 2>"$tmp/err"
check "output in a missing directory exits non-zero" [ $? -ne 0 ]
check "missing directory error names the output" grep -q 'out.png' "$tmp/err"
check "missing directory error suggests --export-mkdir" grep -q -- '--export-mkdir' "$tmp/err"
check "missing directory is not created without --export-mkdir" [ ! -e "$tmp/no" ]

"$TRAILMAP" --export="$tmp/one-for-two.png" "$tmp/coffee.trailmap" "$tmp/ride.trailmap" 2>"$tmp/err"
rc=$?
check "one output file for two maps exits 2" [ $rc -eq 2 ]
check "one output file for two maps explains" grep -q 'directory' "$tmp/err"

"$TRAILMAP" --export="$tmp/s.png" --export-scale=-1 "$tmp/coffee.trailmap" 2>"$tmp/err"
check "negative scale exits 2" [ $? -eq 2 ]

"$TRAILMAP" --export="$tmp/s.png" --export-stages="No such stage" "$tmp/coffee.trailmap" 2>"$tmp/err"
check "unknown stage exits non-zero" [ $? -ne 0 ]
check "unknown stage is named" grep -q 'No such stage' "$tmp/err"

"$TRAILMAP" --export="$tmp/coffee.trailmap" --export-type=png "$tmp/coffee.trailmap" 2>"$tmp/err"
check "refuses to overwrite the map itself" [ $? -ne 0 ]
check "the map is untouched" grep -q '"trailmap"' "$tmp/coffee.trailmap"

mkdir "$tmp/partial"
"$TRAILMAP" --export="$tmp/partial/" --export-type=png "$tmp/coffee.trailmap" "$tmp/missing.trailmap" 2>"$tmp/err"
rc=$?
check "a batch with one bad map exits 1" [ $rc -eq 1 ]

echo "1..$n"
[ $failed -eq 0 ]

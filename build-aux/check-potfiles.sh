#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
# Usage: check-potfiles.sh SOURCE_ROOT
set -eu
export LC_ALL=C
cd "${1:-.}"

found=$(mktemp)
listed=$(mktemp)
trap 'rm -f "$found" "$listed"' EXIT

{
  grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)\(' --include='*.c' src || true
  grep -rlE 'translatable="yes"' --include='*.ui' src || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true
} | sort -u >"$found"

grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in | sort -u >"$listed"

status=0
missing=$(comm -23 "$found" "$listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

for f in $(cat "$listed"); do
  if [ ! -e "$f" ]; then
    echo "po/POTFILES.in names a file that does not exist: $f"
    status=1
  fi
done

if ! grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in | sort -c 2>/dev/null; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C order)"
  status=1
fi

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -l <"$listed") files with translatable strings"
exit $status

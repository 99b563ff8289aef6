#!/bin/sh
# shared-mime-info accepts our MIME type and recognises maps by their
# extension and, without one, by their content.
# Usage: check-mime.sh MIME_XML SAMPLE_MAP
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mime/packages"
cp "$1" "$work/mime/packages/"
update-mime-database "$work/mime"
cp "$2" "$work/journey.trailmap"
cp "$2" "$work/no-extension"
status=0
for file in journey.trailmap no-extension; do
  type=$(XDG_DATA_DIRS="$work:${XDG_DATA_DIRS:-/usr/share}" gio info -a standard::content-type "$work/$file" |
         sed -n 's/.*standard::content-type: //p')
  echo "$file: $type"
  [ "$type" = application/x-trailmap ] || status=1
done
exit $status

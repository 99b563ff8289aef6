#!/bin/sh
# Usage: check-man.sh GROFF PAGE — fails when groff warns about the page.
set -eu
warnings=$("$1" -man -ww -z -K utf8 "$2" 2>&1)
if [ -n "$warnings" ]; then
  echo "$warnings"
  exit 1
fi
echo "$2: no warnings"

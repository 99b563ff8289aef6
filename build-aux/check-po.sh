#!/bin/sh
# Each translation in po/LINGUAS compiles with format checks and is complete
# (no fuzzy, no untranslated message) against a template made from the
# sources now, so a string added without its translation fails here.
# Usage: check-po.sh SOURCE_ROOT
set -eu
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The keywords of meson's "glib" preset.
xgettext --from-code=UTF-8 --add-comments --directory="$root" \
  --files-from="$root/po/POTFILES.in" --output="$work/trailmap.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format 2>"$work/xgettext.log" || {
    cat "$work/xgettext.log"; exit 1; }

status=0
for lang in $(sed 's/#.*//' "$root/po/LINGUAS"); do
  msgmerge -q --no-fuzzy-matching "$root/po/$lang.po" "$work/trailmap.pot" -o "$work/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1) || status=1
  echo "$lang: $stats"
  case "$stats" in
    *fuzzy*|*untranslated*) status=1 ;;
  esac
done
exit $status

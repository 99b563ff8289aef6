#!/bin/sh
# The layers look down only (DESIGN.md): src/model knows no GTK and no
# other layer; src/render draws and exports with no widget and knows
# neither the UI nor the room; src/room serves the map with no widget and
# no UI. A TAP test over the sources' includes and the widget API they use.
# Usage: check-layers.sh SOURCE_ROOT
set -eu
export LC_ALL=C
cd "${1:-.}"

headers_of () {
  # The header names of a layer's directory, as an alternation for grep.
  ls "src/$1" | grep '\.h$' | sed 's/\./\\./g' | paste -sd '|' -
}

n=0
status=0
check () {
  # check DESCRIPTION DIRECTORY PATTERN: no source in DIRECTORY matches.
  n=$((n + 1))
  hits=$(grep -rnE "$3" --include='*.c' --include='*.h' "src/$2" || true)
  if [ -n "$hits" ]; then
    echo "not ok $n $1"
    echo "$hits" | sed 's/^/# /'
    status=1
  else
    echo "ok $n $1"
  fi
}

ui=$(headers_of ui)
render=$(headers_of render)
room=$(headers_of room)
cli=$(headers_of cli)

echo "1..7"
check "src/model includes no GTK, GDK or libadwaita" model '#include <(gtk|gdk|adwaita|gsk)/|#include <adwaita\.h>'
check "src/model includes no header of another layer" model "#include \"($ui|$render|$room|$cli)\""
check "src/render uses no widget" render 'GtkWidget|gtk_widget_|GTK_WIDGET|#include <adwaita\.h>'
check "src/render includes no header of the UI, the room or the CLI" render "#include \"($ui|$room|$cli)\""
check "src/room uses no GTK" room '#include <(gtk|adwaita)|GtkWidget|gtk_widget_'
check "src/room includes no header of the UI, the render layer or the CLI" room "#include \"($ui|$render|$cli)\""
check "src/cli includes no header of the UI" cli "#include \"($ui)\""
exit $status

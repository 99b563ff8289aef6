#!/bin/sh
# Test wrapper for `meson test --setup xvfb`: runs one test with its own home
# and XDG directories, its own X server and its own D-Bus session, so tests
# neither see each other nor touch the user's settings. The directories are
# exported before dbus-run-session, since services it activates (the
# accessibility bus) inherit the daemon's environment.
set -eu

scratch=$(mktemp -d "${TMPDIR:-/tmp}/trailmap-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_DATA_HOME="$scratch/data"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY

status=0
xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
  dbus-run-session -- "$@" || status=$?
exit $status

#!/bin/sh
# Test wrapper for `meson test --setup xvfb`: runs one test with its own home
# and XDG directories, its own X server and its own D-Bus session, so tests
# neither see each other nor touch the user's settings. The directories are
# exported before dbus-run-session, since services it activates (the
# accessibility bus) inherit the daemon's environment.
#
# Xvfb picks its own free display (-displayfd): xvfb-run -a races when
# several tests start at once, and the loser's app finds no display.
#
# -r: no key auto-repeat. xdotool presses and releases each key itself; on
# a loaded machine it can be descheduled between the two for longer than
# the server's repeat delay (660 ms), and the server then types the letter
# again and again ("bbbbbbbbb" for one "b": ui-canvas-rename on CI).
set -eu

scratch=$(mktemp -d "${TMPDIR:-/tmp}/trailmap-test.XXXXXX")
xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

Xvfb -displayfd 3 -screen 0 "${TRAILMAP_XVFB_SCREEN:-1280x1024x24}" -nolisten tcp -noreset -r \
  3>"$scratch/display" 2>"$scratch/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$scratch/display" ] && break
  sleep 0.05
done
if [ ! -s "$scratch/display" ]; then
  echo "isolated-session: Xvfb did not start:" >&2
  cat "$scratch/xvfb.log" >&2
  exit 1
fi

export DISPLAY=":$(cat "$scratch/display")"
export HOME="$scratch/home"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_DATA_HOME="$scratch/data"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY

status=0
dbus-run-session -- "$@" || status=$?
exit $status

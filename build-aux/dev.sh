#!/bin/sh
# Trailmap from a fresh clone on Debian 12 / Ubuntu, in one command each:
#
#   build-aux/dev.sh run    install what is missing, build, start the app on a sample map
#   build-aux/dev.sh test   install what is missing, build, run every test headless,
#                           on two stacks (--stack=debian12|unstable|all, default all)
#
# Run as root or as a user with sudo. The build goes to ./build; test
# artifacts (screenshots, diff images) to ./build/test-artifacts.
#
# The second stack is a Debian unstable root (build-aux/unstable-root.sh),
# which carries the GTK, libadwaita, GLib, json-glib and librsvg of the
# Flatpak runtime: its build goes to ./build-unstable, its artifacts to
# ./build-unstable/test-artifacts. It needs root, and Debian's mirror the
# first time (the root is then cached in /var/cache/trailmap-ci).
set -eu

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

# Debian package names; the same names exist on Ubuntu 22.04 and later.
PACKAGES_BUILD="gcc pkgconf meson ninja-build gettext libglib2.0-dev libgtk-4-dev
  libadwaita-1-dev libjson-glib-dev librsvg2-dev libcairo2-dev libpango1.0-dev zlib1g-dev
  desktop-file-utils appstream libxml2-utils fonts-cantarell fonts-dejavu-core
  libsoup-3.0-dev libqrencode-dev"
PACKAGES_TEST="xvfb xauth xdotool imagemagick dbus dbus-x11 dbus-daemon at-spi2-core
  python3 python3-gi gir1.2-atspi-2.0 gir1.2-glib-2.0 librsvg2-bin poppler-utils
  flatpak-builder git locales groff-base shared-mime-info libglib2.0-bin
  chromium chromium-driver python3-selenium python3-websockets python3-jsonschema
  gdb fonts-noto-cjk fonts-noto-color-emoji inkscape"

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "dev.sh: need root or sudo to install: $*" >&2
    exit 1
  fi
}

install_missing () {
  missing=""
  for pkg in $*; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing="$missing $pkg"
    fi
  done
  if [ -n "$missing" ]; then
    echo "dev.sh: installing$missing"
    as_root apt-get update -qq
    # No recommends: flatpak's would pull in xdg-desktop-portal, which every
    # app start then talks to and warns about.
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends $missing
  fi
}

build () {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" --buildtype=debugoptimized -Dprofile=development
  fi
  meson compile -C "$BUILD_DIR"
}

case "${1:-}" in
  run)
    install_missing "$PACKAGES_BUILD"
    build
    shift
    if [ $# -eq 0 ]; then
      set -- data/templates/coffee-maker.trailmap
    fi
    # Runs from the build tree: the schema compiled there, nothing installed.
    exec env GSETTINGS_SCHEMA_DIR="$BUILD_DIR/data" "$BUILD_DIR/src/trailmap" "$@"
    ;;
  test)
    stack=all
    shift
    for arg in "$@"; do
      case "$arg" in
        --stack=debian12|--stack=unstable|--stack=all) stack=${arg#--stack=} ;;
        *) echo "usage: build-aux/dev.sh test [--stack=debian12|unstable|all]" >&2; exit 2 ;;
      esac
    done
    # Each stack adds a line to $results: its test log, or one failure
    # saying why it could not run. CI reads the summary's last line.
    nl='
'
    results=""
    if [ "$stack" != unstable ]; then
      start=$(date +%s)
      install_missing "$PACKAGES_BUILD $PACKAGES_TEST"
      if build; then
        rm -f "$BUILD_DIR/meson-logs/testlog-xvfb.json"
        meson test -C "$BUILD_DIR" --setup xvfb --print-errorlogs --num-processes 2 || true
        results="$results${nl}debian12=$BUILD_DIR/meson-logs/testlog-xvfb.json"
      else
        echo "dev.sh: the build failed on Debian 12" >&2
        results="$results${nl}debian12=!the build failed"
      fi
      echo "dev.sh: debian12 stack took $(( $(date +%s) - start )) s"
    fi
    if [ "$stack" != debian12 ]; then
      start=$(date +%s)
      if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        echo "dev.sh: the Debian unstable stack needs root or sudo (mmdebstrap, mount, chroot)" >&2
        results="$results${nl}unstable=!not run: needs root or sudo"
      elif ! as_root build-aux/unstable-root.sh ensure; then
        echo "dev.sh: cannot make the Debian unstable root: its tests did not run" >&2
        results="$results${nl}unstable=!no Debian unstable root (see the messages above)"
      else
        echo "dev.sh: unstable root ready after $(( $(date +%s) - start )) s"
        rm -f build-unstable/meson-logs/testlog-xvfb.json
        # A root made anew may carry another meson: configure afresh then.
        if as_root build-aux/unstable-root.sh run sh -c '
            options="--buildtype=debugoptimized -Dprofile=development"
            if [ ! -f build-unstable/build.ninja ]; then
              meson setup build-unstable $options
            elif ! cmp -s /.trailmap-packages build-unstable/.trailmap-packages; then
              meson setup --wipe build-unstable $options
            fi
            cp /.trailmap-packages build-unstable/.trailmap-packages
            meson compile -C build-unstable'; then
          as_root build-aux/unstable-root.sh run \
            meson test -C build-unstable --setup xvfb --print-errorlogs --num-processes 2 || true
          results="$results${nl}unstable=build-unstable/meson-logs/testlog-xvfb.json"
        else
          echo "dev.sh: the build failed on Debian unstable" >&2
          results="$results${nl}unstable=!the build failed"
        fi
      fi
      echo "dev.sh: unstable stack took $(( $(date +%s) - start )) s"
    fi
    set -f
    # shellcheck disable=SC2086 # split on newlines only: one argument per stack
    summary=$(IFS=$nl; /usr/bin/python3 build-aux/test-summary.py $results)
    set +f
    echo "$summary"
    case "$summary" in
      *"tests: "*" passed, 0 failed"*) exit 0 ;;
      *) exit 1 ;;
    esac
    ;;
  *)
    echo "usage: build-aux/dev.sh run [MAP…] | test [--stack=debian12|unstable|all]" >&2
    exit 2
    ;;
esac

#!/bin/sh
# Trailmap from a fresh clone on Debian 12 / Ubuntu, in one command each:
#
#   build-aux/dev.sh run    install what is missing, build, start the app on a sample map
#   build-aux/dev.sh test   install what is missing, build, run every test headless
#
# Run as root or as a user with sudo. The build goes to ./build; test
# artifacts (screenshots, diff images) to ./build/test-artifacts.
set -eu

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

# Debian package names; the same names exist on Ubuntu 22.04 and later.
PACKAGES_BUILD="gcc pkgconf meson ninja-build gettext libglib2.0-dev libgtk-4-dev
  libadwaita-1-dev libjson-glib-dev librsvg2-dev libcairo2-dev libpango1.0-dev zlib1g-dev
  desktop-file-utils appstream libxml2-utils fonts-cantarell"
PACKAGES_TEST="xvfb xauth xdotool imagemagick dbus dbus-x11 dbus-daemon at-spi2-core
  python3 python3-gi gir1.2-atspi-2.0 gir1.2-glib-2.0 librsvg2-bin poppler-utils
  flatpak-builder git locales groff-base shared-mime-info libglib2.0-bin"

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
    install_missing "$PACKAGES_BUILD $PACKAGES_TEST"
    # A build that fails is one failed test, and CI still reads its line.
    if ! build; then
      echo "dev.sh: the build failed" >&2
      echo "tests: 0 passed, 1 failed"
      exit 1
    fi
    status=0
    meson test -C "$BUILD_DIR" --setup xvfb --print-errorlogs --num-processes 2 || status=$?
    /usr/bin/python3 build-aux/test-summary.py "$BUILD_DIR/meson-logs/testlog-xvfb.json"
    exit $status
    ;;
  *)
    echo "usage: build-aux/dev.sh run [MAP…] | test" >&2
    exit 2
    ;;
esac

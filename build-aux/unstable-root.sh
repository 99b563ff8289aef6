#!/bin/sh
# The second test stack: a Debian unstable root, whose GTK, libadwaita, GLib,
# json-glib and librsvg are the versions of the GNOME runtime that Flathub
# users run (flatpak/README.md). Used by `build-aux/dev.sh test`.
#
#   build-aux/unstable-root.sh ensure      make the root if it is missing or
#                                          its package list changed; print its path
#   build-aux/unstable-root.sh run CMD…    run CMD in the root, as root, in the
#                                          source tree (mounted at /trailmap)
#
# Roots are cached in $TRAILMAP_CI_CACHE (default /var/cache/trailmap-ci),
# one directory per hash of build-aux/unstable-packages.txt and of the way
# it is made, so a changed list makes a new root and the old one is removed.
# Needs root (mmdebstrap, mount, chroot).
set -eu

cd "$(dirname "$0")/.."
SOURCE_DIR=$(pwd)
CACHE=${TRAILMAP_CI_CACHE:-/var/cache/trailmap-ci}
MIRROR=${TRAILMAP_UNSTABLE_MIRROR:-http://deb.debian.org/debian}
LIST=build-aux/unstable-packages.txt

# The mirror's unstable Release is past its Valid-Until date; apt refuses it
# without this, both while the root is made and inside it later.
APT_VALID='Acquire::Check-Valid-Until "false";'

say () {
  echo "unstable-root: $*" >&2
}

packages () {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$LIST" | tr -s '[:space:]' ' '
}

root_path () {
  # Anything that changes what ends up in the root belongs in the hash.
  hash=$( { packages; echo "$MIRROR"; echo "$APT_VALID"; echo v1; } | sha256sum | cut -c1-16)
  echo "$CACHE/unstable-$hash"
}

# True when something is mounted at or below $1: such a directory must never
# be removed (a bind-mounted /dev or source tree would go with it).
has_mounts () {
  awk -v dir="$1" '$5 == dir || index($5, dir "/") == 1 { found = 1 } END { exit !found }' \
    /proc/self/mountinfo
}

remove_root () {
  if has_mounts "$1"; then
    say "not removing $1: something is still mounted in it"
    return 1
  fi
  rm -rf --one-file-system "$1"
}

ensure () {
  root=$(root_path)
  if [ -f "$root/.trailmap-ready" ]; then
    echo "$root"
    return 0
  fi

  mkdir -p "$CACHE"
  # One maker at a time; a second run waits and then finds the root ready.
  exec 9>"$CACHE/lock"
  flock 9
  if [ -f "$root/.trailmap-ready" ]; then
    echo "$root"
    return 0
  fi
  if ! command -v mmdebstrap >/dev/null 2>&1; then
    say "installing mmdebstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >&2 ||
      { apt-get update -qq >&2 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >&2; } ||
      { say "cannot install mmdebstrap"; return 1; }
  fi

  # Made beside its final place and renamed when complete, so an
  # interrupted run never leaves a half root that looks ready.
  staging="$root.new"
  [ -e "$staging" ] && { remove_root "$staging" || return 1; }
  say "making a Debian unstable root in $root from $MIRROR (a few minutes)"
  log="$CACHE/$(basename "$root").log"
  if ! mmdebstrap --variant=apt --mode=root \
      --aptopt="$APT_VALID" \
      --include="$(packages | tr ' ' ',' | sed 's/,$//')" \
      --customize-hook='mkdir -p "$1/trailmap"' \
      sid "$staging" "$MIRROR" >"$log" 2>&1; then
    say "mmdebstrap failed; its log: $log"
    tail -n 15 "$log" >&2
    remove_root "$staging" || true
    return 1
  fi
  chroot "$staging" dpkg-query -W -f='${Package} ${Version}\n' >"$staging/.trailmap-packages"
  touch "$staging/.trailmap-ready"
  mv "$staging" "$root"

  # Roots made from older package lists are no longer used.
  for old in "$CACHE"/unstable-*; do
    case "$old" in
      "$root"|"$log") ;;
      *.log) rm -f "$old" ;;
      *) [ -d "$old" ] && { remove_root "$old" || true; } ;;
    esac
  done
  echo "$root"
}

# Runs "$@" in the root with /proc, /sys, /dev, a fresh /tmp and the source
# tree mounted. The mounts are made in a private mount namespace, so they
# vanish with it even if this script is killed, and the trap unmounts them
# in reverse order on any exit: no later `rm -rf` of a root reaches the
# host's /dev or the source.
run () {
  root=$(root_path)
  if [ ! -f "$root/.trailmap-ready" ]; then
    say "no root at $root: run 'ensure' first"
    return 1
  fi
  exec unshare --mount --propagation private -- /bin/sh -eu -c '
    root=$1; src=$2; shift 2
    mounted=""
    cleanup () {
      for m in $mounted; do
        umount "$m" 2>/dev/null || umount -l "$m" || true
      done
    }
    trap cleanup EXIT
    trap "exit 130" INT TERM
    mnt () {  # mnt TARGET mount-args…
      target=$1; shift
      mount "$@" "$target"
      mounted="$target $mounted"   # newest first: unmounted in reverse order
    }
    mnt "$root/proc" -t proc proc
    mnt "$root/sys" -t sysfs -o ro sysfs
    mnt "$root/dev" --bind /dev
    mnt "$root/dev/shm" -t tmpfs -o mode=1777 tmpfs
    mnt "$root/tmp" -t tmpfs -o mode=1777 tmpfs
    mnt "$root/trailmap" --bind "$src"
    status=0
    chroot "$root" /usr/bin/env -i \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
      /bin/sh -c "cd /trailmap && exec \"\$@\"" sh "$@" || status=$?
    exit $status
  ' sh "$root" "$SOURCE_DIR" "$@"
}

case "${1:-}" in
  ensure) ensure ;;
  run) shift; run "$@" ;;
  path) root_path ;;
  *)
    echo "usage: build-aux/unstable-root.sh ensure | path | run CMD…" >&2
    exit 2
    ;;
esac

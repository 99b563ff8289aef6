#!/bin/sh
# run-bench.sh [BUILD_DIR] [render-bench options…]
#
# Builds Trailmap optimised (default: build-bench, --buildtype=release) and
# runs the render benchmark: a 2,000-card map to PNG at 2× against
# rsvg-convert on our own SVG of it, and export time at 200 / 2,000 /
# 10,000 cards. Needs rsvg-convert (Debian: librsvg2-bin).
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$src/build-bench"}
[ $# -gt 0 ] && shift

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" --buildtype=release
fi
ninja -C "$build" bench/render-bench
exec "$build/bench/render-bench" "$@"

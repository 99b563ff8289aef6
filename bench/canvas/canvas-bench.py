#!/usr/bin/python3
# canvas-bench.py — how the canvas keeps up with a card being dragged.
#
# For maps of 20, 200 and 2,000 cards, starts the real app under its own
# Xvfb and D-Bus (build-aux/isolated-session.sh when run by meson, or
# xvfb-run) with TRAILMAP_BENCH_DRAG: the app drags one card across the
# view, one step per frame of its frame clock, and records each frame's
# time from the frame clock's update phase to the end of its paint. Prints
# p50 and p95 per size and the 2,000 : 20 ratio, with GSK_RENDERER if set,
# else with cairo and with GTK's default renderer, each against a baseline:
# the 20-card map with no drag, one card redrawn per frame
# (TRAILMAP_BENCH_STILL), i.e. what any frame of this window costs. Also
# times opening the 2,000-card map to its first painted frame against an
# empty window.
# Never fails on timings: it reports them.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SIZES = (20, 200, 2000)

CHANNELS = ['website', 'social-media', 'email', 'phone', 'store', 'mobile-app',
            'live-chat', 'reviews', 'packaging', 'follow-up']
LANES = [('touchpoints', 'Touchpoints'), ('actions', 'Customer actions'), ('thoughts', 'Thoughts'),
         ('emotions', 'Emotions'), ('pain-points', 'Pain points'), ('opportunities', 'Opportunities'),
         ('backstage', 'Backstage'), ('notes', 'Notes')]
WORDS = ('customer compares prices reads reviews calls support waits for delivery unpacks the box '
         'sets up the machine enjoys the first cup asks a friend visits the store checks email').split()


def make_map(n_cards, path, seed=1):
    """A map of n_cards, two per cell: a bigger map has more cells, not
    fuller ones, so the view holds about as much at every size and only
    the size of the map changes between runs."""
    rng = random.Random(seed)
    n_cells = max(1, n_cards // 2)
    n_lanes = max(3, round(math.sqrt(n_cells / 1.6)))
    n_stages = max(3, math.ceil(n_cells / n_lanes))
    stages = [{'id': f's{i}', 'name': f'Stage {i + 1}'} for i in range(n_stages)]
    lanes = []
    for i in range(n_lanes):
        kind, title = LANES[i % len(LANES)]
        if kind == 'emotions' and i >= len(LANES):
            kind, title = 'notes', 'Notes'
        lanes.append({'id': f'l{i}', 'kind': kind, 'title': f'{title} {i // len(LANES) + 1}'})
    card_lanes = [lane for lane in lanes if lane['kind'] != 'emotions']
    cards = []
    for i in range(n_cards):
        cell = (i // 2) % (len(card_lanes) * n_stages)
        lane = card_lanes[cell % len(card_lanes)]
        card = {
            'id': f'c{i}',
            'lane': lane['id'],
            'stage': stages[cell // len(card_lanes)]['id'],
            'text': ' '.join(rng.choice(WORDS) for _ in range(rng.randint(2, 9))).capitalize(),
        }
        if lane['kind'] == 'touchpoints':
            card['channel'] = rng.choice(CHANNELS)
        cards.append(card)
    points = [{'id': f'p{i}', 'stage': s['id'], 'position': 0.5, 'score': rng.randint(-2, 2)}
              for i, s in enumerate(stages)]
    doc = {
        'format': 'trailmap', 'version': 1,
        'title': f'{n_cards} cards',
        'scale': {'min': -2, 'max': 2},
        'personas': [], 'stages': stages, 'lanes': lanes, 'cards': cards,
        'emotion-lines': [{'id': 'e1', 'points': points}],
    }
    with open(path, 'w') as f:
        json.dump(doc, f, indent=2)


def run_app(exe, args, env, out, timeout=180):
    environ = dict(os.environ)
    environ.update(env)
    environ.setdefault('GSETTINGS_BACKEND', 'memory')
    environ['GDK_BACKEND'] = 'x11'
    environ['GTK_A11Y'] = 'none'
    if os.path.exists(out):
        os.unlink(out)
    environ['TRAILMAP_BENCH_T0'] = str(time.monotonic_ns() // 1000)
    proc = subprocess.run([exe, *args], env=environ, timeout=timeout,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if not os.path.exists(out):
        raise RuntimeError(f'{exe} {args} wrote no results (status {proc.returncode}):\n{proc.stdout[-2000:]}')
    with open(out) as f:
        return json.load(f)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float('nan')
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser(description='Time the canvas while a card is dragged.')
    parser.add_argument('--exe', default=os.environ.get('TRAILMAP_EXE'))
    parser.add_argument('--runs', type=int, default=1, help='drags per size (frames are pooled)')
    parser.add_argument('--open-runs', type=int, default=3, help='first-frame timings per case (median)')
    args = parser.parse_args()
    if not args.exe:
        sys.exit('canvas-bench: pass --exe or set TRAILMAP_EXE')
    if not os.environ.get('DISPLAY'):
        print('canvas-bench: no display; run under xvfb-run or `meson test --benchmark --setup xvfb`')
        sys.exit(77)

    workdir = tempfile.mkdtemp(prefix='trailmap-bench-')
    for n in SIZES:
        make_map(n, os.path.join(workdir, f'map-{n}.trailmap'))

    # The renderer given in the environment, else both: cairo (what the
    # goal is set for) and GTK's default (GL here, on llvmpipe).
    renderers = [os.environ['GSK_RENDERER']] if os.environ.get('GSK_RENDERER') else ['cairo', None]
    for renderer in renderers:
        env_renderer = {'GSK_RENDERER': renderer} if renderer else {}
        results = {}
        for n in SIZES:
            path = os.path.join(workdir, f'map-{n}.trailmap')
            frames = []
            used = None
            for run in range(args.runs):
                out = os.path.join(workdir, f'drag-{n}-{run}.json')
                data = run_app(args.exe, [path], {'TRAILMAP_BENCH_DRAG': out, **env_renderer}, out)
                frames += data['frames_ms']
                used = data.get('renderer')
            results[n] = (frames, used)
        out = os.path.join(workdir, 'still.json')
        still = run_app(args.exe, [os.path.join(workdir, 'map-20.trailmap')],
                        {'TRAILMAP_BENCH_DRAG': out, 'TRAILMAP_BENCH_STILL': '1', **env_renderer}, out)
        results['baseline'] = (still['frames_ms'], still.get('renderer'))

        print(f'\nCanvas drag benchmark (GSK_RENDERER={renderer or "default"}; one card dragged across '
              f'the view, {len(results[SIZES[0]][0])} frames per size)')
        print(f'{"cards":>8} {"frames":>7} {"p50 ms":>8} {"p95 ms":>8} {"max ms":>8}  renderer')
        for n in ('baseline', *SIZES):
            frames, used = results[n]
            print(f'{n:>8} {len(frames):>7} {percentile(frames, 50):>8.2f} {percentile(frames, 95):>8.2f} '
                  f'{max(frames):>8.2f}  {used}')
        ratio = percentile(results[2000][0], 95) / percentile(results[20][0], 95)
        print(f'p95 ratio 2,000 : 20 cards = {ratio:.2f} (goal ≤ 1.5; p95 of 2,000 under 16 ms)')

    # Opening: the first frame of a 2,000- and a 10,000-card map against an
    # empty window, all measured in this run.
    make_map(10000, os.path.join(workdir, 'map-10000.trailmap'))
    empty = []
    loaded = {2000: [], 10000: []}
    for run in range(args.open_runs):
        out = os.path.join(workdir, f'first-empty-{run}.json')
        empty.append(run_app(args.exe, [], {'TRAILMAP_BENCH_FIRST_FRAME': out, 'TRAILMAP_BENCH_EMPTY': '1'},
                             out)['first_frame_ms'])
        for n in loaded:
            out = os.path.join(workdir, f'first-{n}-{run}.json')
            loaded[n].append(run_app(args.exe, [os.path.join(workdir, f'map-{n}.trailmap')],
                                     {'TRAILMAP_BENCH_FIRST_FRAME': out}, out)['first_frame_ms'])
    base = statistics.median(empty)
    print(f'\nFirst frame after exec (median of {args.open_runs}): empty window {base:.0f} ms', end='')
    for n, times in loaded.items():
        print(f'; {n:,}-card map {statistics.median(times):.0f} ms (+{statistics.median(times) - base:.0f} ms)', end='')
    print()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    main()

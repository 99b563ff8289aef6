#!/usr/bin/python3
# present-bench.py — how presenting keeps up while the map pans stage by
# stage.
#
# On the 2,000-card map of canvas-bench.py, starts the real app with
# TRAILMAP_BENCH_PRESENT: it presents the map (as F5 does) and moves one
# stage at a time (as Right does), back at either end, 40 moves; each frame
# of a pan is timed from the frame clock's update phase to the end of its
# paint. In the same run, for comparison: the canvas benchmark's baseline
# (the 20-card map, one card redrawn per frame: what any frame of this
# window costs) and its drag of a card on the same 2,000-card map. Prints
# p50 and p95 and the ratios of presenting's p95 to both. Never fails on
# timings: it reports them.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('canvas_bench', os.path.join(HERE, 'canvas-bench.py'))
canvas_bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(canvas_bench)


def main():
    parser = argparse.ArgumentParser(description='Time presenting while it pans stage by stage.')
    parser.add_argument('--exe', default=os.environ.get('TRAILMAP_EXE'))
    parser.add_argument('--runs', type=int, default=1, help='runs of each case (frames are pooled)')
    args = parser.parse_args()
    if not args.exe:
        sys.exit('present-bench: pass --exe or set TRAILMAP_EXE')
    if not os.environ.get('DISPLAY'):
        print('present-bench: no display; run under xvfb-run or `meson test --benchmark --setup xvfb`')
        sys.exit(77)

    workdir = tempfile.mkdtemp(prefix='trailmap-present-bench-')
    small = os.path.join(workdir, 'map-20.trailmap')
    big = os.path.join(workdir, 'map-2000.trailmap')
    canvas_bench.make_map(20, small)
    canvas_bench.make_map(2000, big)

    renderers = [os.environ['GSK_RENDERER']] if os.environ.get('GSK_RENDERER') else ['cairo', None]
    for renderer in renderers:
        env_renderer = {'GSK_RENDERER': renderer} if renderer else {}
        cases = {'baseline': [], 'drag 2,000': [], 'present 2,000': []}
        used = {}
        zoom = None
        for run in range(args.runs):
            out = os.path.join(workdir, f'still-{run}.json')
            data = canvas_bench.run_app(args.exe, [small], {'TRAILMAP_BENCH_DRAG': out, 'TRAILMAP_BENCH_STILL': '1',
                                                            **env_renderer}, out)
            cases['baseline'] += data['frames_ms']
            used['baseline'] = data.get('renderer')
            out = os.path.join(workdir, f'drag-{run}.json')
            data = canvas_bench.run_app(args.exe, [big], {'TRAILMAP_BENCH_DRAG': out, **env_renderer}, out)
            cases['drag 2,000'] += data['frames_ms']
            used['drag 2,000'] = data.get('renderer')
            out = os.path.join(workdir, f'present-{run}.json')
            data = canvas_bench.run_app(args.exe, [big], {'TRAILMAP_BENCH_PRESENT': out, **env_renderer}, out)
            cases['present 2,000'] += data['frames_ms']
            used['present 2,000'] = data.get('renderer')
            zoom = data.get('zoom')

        p = canvas_bench.percentile
        print(f'\nPresenting benchmark (GSK_RENDERER={renderer or "default"}; 40 stage-by-stage pans '
              f'at the room zoom {zoom:.2f}, frames of the pans only)')
        print(f'{"case":>14} {"frames":>7} {"p50 ms":>8} {"p95 ms":>8} {"max ms":>8}  renderer')
        for name, frames in cases.items():
            print(f'{name:>14} {len(frames):>7} {p(frames, 50):>8.2f} {p(frames, 95):>8.2f} '
                  f'{max(frames):>8.2f}  {used[name]}')
        present95 = p(cases['present 2,000'], 95)
        print(f'p95 presenting : baseline frame = {present95 / p(cases["baseline"], 95):.2f}; '
              f'presenting : dragging (2,000 cards) = {present95 / p(cases["drag 2,000"], 95):.2f} '
              f'(goal ≤ 1.0: no worse than the editor\'s drag)')
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    main()

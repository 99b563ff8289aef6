#!/usr/bin/python3
# room-bench.py — a room of phones against the real app.
#
# Starts `trailmap --session` on a copy of a template under the display it
# is given (meson's xvfb setup, or xvfb-run), with
# TRAILMAP_BENCH_SESSION_FRAMES: the app writes, for each card from the
# room, when the first frame after it was painted (monotonic µs, the clock
# Python's time.monotonic() reads). Then:
#
#   idle baseline   one participant sends 20 cards, one at a time, each
#                   after the previous one's acknowledgement
#   load            100 participants join at once and each sends 20 cards
#                   as fast as it can (WebSockets, python3-websockets)
#
# and prints p50/p95 from send to acknowledgement and from send to the
# painted frame for both, the ratio load : idle, and the app's memory
# (VmRSS) before and after. Finally saves with Ctrl+S and counts every
# card in the saved map: each must be there exactly once. Exits 1 only
# when a card is lost or doubled; never on timings.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import websockets
except ImportError:
    print('room-bench: needs python3-websockets')
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def now_us():
    return time.monotonic_ns() // 1000


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def cpu_s(pid):
    """The app's CPU time (user + system), which the machine's other load
    does not inflate as it does wall-clock latencies."""
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def pct(values, p):
    values = sorted(values)
    if not values:
        return float('nan')
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class Participant:
    def __init__(self, link, name, stages, kinds):
        self.url = link.replace('http://', 'ws://') + 'ws'
        self.name = name
        self.stages = stages
        self.kinds = kinds
        self.sent = {}     # id -> (send µs, text)
        self.acked = {}    # id -> (ack µs, card id)
        self.errors = []
        self.received = {}  # message type -> [count, bytes]

    async def connect(self):
        self.ws = await websockets.connect(self.url, max_size=None, ping_interval=None)
        await self.ws.send(json.dumps({'type': 'join', 'name': self.name}))
        while True:
            message = json.loads(await self.ws.recv())
            if message['type'] == 'map':
                self.stages = [s['id'] for s in message['stages']]
                self.kinds = [k['id'] for k in message['kinds']]
                return
            if message['type'] == 'error':
                raise RuntimeError(message)

    def count(self, text, message):
        seen = self.received.setdefault(message.get('type'), [0, 0])
        seen[0] += 1
        seen[1] += len(text)

    async def reader(self, expected):
        while len(self.acked) + len(self.errors) < expected:
            text = await self.ws.recv()
            message = json.loads(text)
            self.count(text, message)
            if message['type'] == 'ack':
                self.acked[message['id']] = (now_us(), message['card'])
            elif message['type'] == 'error':
                self.errors.append(message)

    def intent(self, i):
        text = f'{self.name} card {i}'
        message = {'type': 'add-card', 'id': i, 'stage': self.stages[i % len(self.stages)],
                   'kind': self.kinds[i % len(self.kinds)], 'text': text}
        return message, text

    async def send_all(self, n, pace=0):
        reader = asyncio.create_task(self.reader(n))
        for i in range(n):
            if pace > 0 and i > 0:
                await asyncio.sleep(pace)
            message, text = self.intent(i)
            self.sent[i] = (now_us(), text)
            await self.ws.send(json.dumps(message))
        await reader

    async def linger(self, quiet):
        """Reads what the app still pushes after the last ack (the map
        once the burst is applied), until nothing came for @quiet s."""
        while True:
            try:
                text = await asyncio.wait_for(self.ws.recv(), quiet)
            except (asyncio.TimeoutError, websockets.ConnectionClosed):
                return
            self.count(text, json.loads(text))

    async def send_one_by_one(self, n):
        for i in range(n):
            message, text = self.intent(i)
            self.sent[i] = (now_us(), text)
            await self.ws.send(json.dumps(message))
            await self.reader(i + 1)

    async def close(self):
        await self.ws.close()


def read_frames(path):
    frames = {}
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    frames.setdefault(parts[0], int(parts[1]))
    except OSError:
        pass
    return frames


def wait_frames(path, card_ids, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frames = read_frames(path)
        if all(c in frames for c in card_ids):
            return frames
        time.sleep(0.1)
    return read_frames(path)


def latencies(participants, frames):
    ack, frame = [], []
    for p in participants:
        for i, (sent, _text) in p.sent.items():
            if i in p.acked:
                acked, card = p.acked[i]
                ack.append((acked - sent) / 1000)
                if card in frames:
                    frame.append((frames[card] - sent) / 1000)
    return ack, frame


async def run_round(link, names, n, one_by_one, linger=0, pace=0):
    participants = [Participant(link, name, [], []) for name in names]
    await asyncio.gather(*(p.connect() for p in participants))
    if one_by_one:
        for p in participants:
            await p.send_one_by_one(n)
    else:
        await asyncio.gather(*(p.send_all(n, pace) for p in participants))
    if linger > 0:
        await asyncio.gather(*(p.linger(linger) for p in participants))
    return participants


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--runs', type=int, default=1,
                        help='start the app and run both rounds this many times, then print the median of each run\'s p95s '
                             '(one run\'s p95 varies threefold on a shared two-core machine)')
    parser.add_argument('--exe', default=os.environ.get('TRAILMAP_EXE'))
    parser.add_argument('--participants', type=int, default=100)
    parser.add_argument('--intents', type=int, default=20)
    parser.add_argument('--linger', type=float, default=1.0,
                        help='after the load round\'s last ack, keep reading the pushes until none came '
                             'for this many seconds (0: stop at the acks), so the bytes the phones '
                             'received count the whole burst')
    parser.add_argument('--preload', type=int, default=0,
                        help='cards put in the map before the app starts (a big map the room adds to)')
    parser.add_argument('--pace', type=float, default=0,
                        help='seconds between one participant\'s cards in the load round (0: as fast as it can)')
    parser.add_argument('--dump', help='write every card\'s send, ack and frame times (µs) here, as JSON')
    parser.add_argument('--perf', help='record the app with `perf record -g` into this file during the load round')
    parser.add_argument('--perf-freq', type=int, default=2000,
                        help='samples a second for --perf (8000 sees a 10 ms slice of the round in detail)')
    args = parser.parse_args()
    if args.runs > 1:
        return main_runs(args)
    return run_once(args)[0]


def main_runs(args):
    status, results = 0, []
    for i in range(args.runs):
        print(f'--- run {i + 1} of {args.runs}')
        sys.stdout.flush()
        run_status, summary = run_once(args)
        if run_status == 77:
            return 77
        status = max(status, run_status)
        if summary:
            results.append(summary)
    if results:
        print(f'--- {len(results)} runs, medians (range of the p95s):')
        for key in ('idle: send → ack', 'idle: send → frame', 'load: send → ack', 'load: send → frame'):
            p50 = statistics.median(r[key][0] for r in results)
            p95s = [r[key][1] for r in results]
            print(f'{key:22} p50 {p50:7.1f}  p95 {statistics.median(p95s):7.1f} ({min(p95s):.1f}–{max(p95s):.1f}) ms')
        cpu = [r['cpu'] for r in results]
        print(f'app CPU per card under load: median {statistics.median(cpu):.2f} ms ({min(cpu):.2f}–{max(cpu):.2f})')
    return status


def run_once(args):
    summary = None
    if not os.environ.get('DISPLAY'):
        print('room-bench: no display; run under xvfb-run or `meson test --benchmark --setup xvfb`')
        return 77, None

    work = tempfile.mkdtemp(prefix='trailmap-room-bench-')
    path = os.path.join(work, 'map.trailmap')
    with open(os.path.join(ROOT, 'data', 'templates', 'coffee-maker.trailmap')) as f:
        template = json.load(f)
    lanes = [lane['id'] for lane in template['lanes'] if lane['kind'] != 'emotions']
    stages = [stage['id'] for stage in template['stages']]
    for i in range(args.preload):
        template['cards'].append({'id': f'pre{i}', 'lane': lanes[i % len(lanes)],
                                  'stage': stages[(i // len(lanes)) % len(stages)],
                                  'text': f'Preloaded card {i}, a sentence of ordinary length'})
    with open(path, 'w') as f:
        json.dump(template, f)
    frames_path = os.path.join(work, 'frames.txt')
    env = dict(os.environ)
    env.update({'GDK_BACKEND': 'x11', 'GTK_A11Y': 'none', 'GSETTINGS_BACKEND': 'memory',
                'TRAILMAP_BENCH_SESSION_FRAMES': frames_path})
    proc = subprocess.Popen([args.exe, '--session', path], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    status = 0
    try:
        link = proc.stdout.readline().strip()
        if not link.startswith('http://'):
            print(f'room-bench: no join link (got {link!r})')
            return 1, None
        window = subprocess.run(['xdotool', 'search', '--sync', '--onlyvisible', '--name', 'Buying'],
                                capture_output=True, text=True, timeout=60).stdout.split()[0]
        time.sleep(1)
        rss_before = rss_kib(proc.pid)

        cpu0 = cpu_s(proc.pid)
        idle = asyncio.run(run_round(link, ['idle'], args.intents, True))
        idle_cards = [c for p in idle for (_t, c) in p.acked.values()]
        idle_frames = wait_frames(frames_path, idle_cards)
        cpu1 = cpu_s(proc.pid)
        idle_ack, idle_frame = latencies(idle, idle_frames)

        names = [f'p{i:03d}' for i in range(args.participants)]
        perf = None
        if args.perf:
            perf = subprocess.Popen(['perf', 'record', '--call-graph', 'dwarf,16384', '-F', str(args.perf_freq), '-o', args.perf, '-p', str(proc.pid)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
        client0 = time.process_time()
        load = asyncio.run(run_round(link, names, args.intents, False, args.linger, args.pace))
        # From the first card sent to the last acknowledged: asyncio.run
        # also waits for the hundred connections to wind down.
        took = (max((a for p in load for (a, _c) in p.acked.values()), default=0) -
                min((t for p in load for (t, _x) in p.sent.values()), default=0)) / 1e6
        client_cpu = time.process_time() - client0
        load_cards = [c for p in load for (_t, c) in p.acked.values()]
        load_frames = wait_frames(frames_path, load_cards)
        if perf is not None:
            perf.send_signal(2)
            perf.wait()
        if args.dump:
            with open(args.dump, 'w') as f:
                json.dump([{'participant': p.name, 'i': i, 'sent': sent,
                            'ack': p.acked.get(i, (None, None))[0],
                            'frame': load_frames.get(p.acked.get(i, (None, None))[1])}
                           for p in idle + load for i, (sent, _text) in p.sent.items()], f)
        cpu2 = cpu_s(proc.pid)
        load_ack, load_frame = latencies(load, load_frames)
        errors = sum(len(p.errors) for p in load + idle)
        rss_after = rss_kib(proc.pid)

        # Everything sent must be in the saved map exactly once.
        before = os.stat(path).st_mtime_ns
        subprocess.run(['xdotool', 'windowfocus', '--sync', window], check=True)
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+s'], check=True)
        deadline = time.monotonic() + 30
        while os.stat(path).st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
        with open(path) as f:
            saved = json.load(f)
        counts = {}
        for card in saved['cards']:
            counts[card['text']] = counts.get(card['text'], 0) + 1
        expected = [text for p in idle + load for (_t, text) in p.sent.values()]
        missing = [t for t in expected if counts.get(t, 0) == 0]
        doubled = [t for t in expected if counts.get(t, 0) > 1]

        print(f'room-bench: {args.participants} participants × {args.intents} cards'
              f'{", one every %g s" % args.pace if args.pace > 0 else ""}'
              f'{", on a map of %d more cards" % args.preload if args.preload else ""}, '
              f'{len(load_cards)} acknowledged in {took:.2f} s; idle: 1 × {args.intents}, one at a time')
        print(f'{"":22} {"p50 ms":>9} {"p95 ms":>9} {"n":>6}')
        summary = {'cpu': 1000 * (cpu2 - cpu1) / max(len(load_cards), 1)}
        for label, values in (('idle: send → ack', idle_ack), ('idle: send → frame', idle_frame),
                              ('load: send → ack', load_ack), ('load: send → frame', load_frame)):
            print(f'{label:22} {pct(values, 50):9.1f} {pct(values, 95):9.1f} {len(values):6d}')
            summary[label] = (pct(values, 50), pct(values, 95))
        print(f'ratio load : idle p95  ack {pct(load_ack, 95) / max(pct(idle_ack, 95), 1e-3):.1f}, '
              f'frame {pct(load_frame, 95) / max(pct(idle_frame, 95), 1e-3):.1f}')
        print(f'app CPU per card: idle {1000 * (cpu1 - cpu0) / max(len(idle_cards), 1):.2f} ms, '
              f'load {1000 * (cpu2 - cpu1) / max(len(load_cards), 1):.2f} ms '
              f'(ratio {((cpu2 - cpu1) / max(len(load_cards), 1)) / max((cpu1 - cpu0) / max(len(idle_cards), 1), 1e-6):.2f}); '
              f'load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs')
        received = {}
        for p in load:
            for kind, (n, size) in p.received.items():
                received.setdefault(kind, [0, 0])
                received[kind][0] += n
                received[kind][1] += size
        print(f'the phones received (load round, after joining{", until quiet for %g s" % args.linger if args.linger > 0 else ", until the last ack"}): '
              + ', '.join(f'{n} {kind} ({size / 1024:.0f} KiB)' for kind, (n, size) in sorted(received.items()))
              + f'; the bench\'s own CPU {client_cpu:.2f} s')
        print(f'memory (VmRSS): {rss_before / 1024:.1f} MiB before, {rss_after / 1024:.1f} MiB after')
        print(f'saved map: {len(expected)} cards sent, {len(expected) - len(missing)} found, '
              f'{len(missing)} missing, {len(doubled)} doubled; {errors} error replies')
        if missing or doubled or errors:
            status = 1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    return status, summary


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# A map opens fitted to the window when it is larger than the view, but
# never below the zoom at which card text is readable (60 %): then it
# shows the start of the journey at that zoom. A map smaller than the view
# opens at 100 %.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import contextlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

READABLE = 0.6
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')


def fixture(name, stages, lanes):
    """canvas-small cut down to its first stages and lanes."""
    with open(os.path.join(HERE, 'canvas-small.trailmap')) as f:
        doc = json.load(f)
    doc['stages'] = doc['stages'][:stages]
    doc['lanes'] = [lane for lane in doc['lanes'] if lane['kind'] != 'emotions'][:lanes]
    ids = {s['id'] for s in doc['stages']}, {lane['id'] for lane in doc['lanes']}
    doc['cards'] = [c for c in doc['cards'] if c['stage'] in ids[0] and c['lane'] in ids[1]]
    doc['emotion-lines'] = []
    path = os.path.join(tempfile.mkdtemp(prefix='trailmap-open-'), name)
    with open(path, 'w') as f:
        json.dump(doc, f)
    return path


@contextlib.contextmanager
def wide_screen():
    """A 1920 × 1200 X server of our own, for a window wider than the
    usual test screen (a projector's)."""
    read, write = os.pipe()
    server = subprocess.Popen(['Xvfb', '-displayfd', str(write), '-screen', '0', '1920x1200x24',
                               '-nolisten', 'tcp'], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    saved = os.environ['DISPLAY']
    os.environ['DISPLAY'] = ':' + display
    try:
        yield
    finally:
        os.environ['DISPLAY'] = saved
        server.terminate()
        server.wait()


def opened(path, check, what, size=None):
    env = None
    if size is not None:
        # The window's size comes from the settings: a keyfile of our own.
        config = tempfile.mkdtemp(prefix='trailmap-open-config-')
        os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
        with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
            f.write('[io/github/trailmap/Trailmap]\nwindow-size=(%d, %d)\n' % size)
        env = {'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config}
    canvas = canvastest.Canvas(path, env=env)
    try:
        try:
            g = canvas.geometry(check, what=what)
        except TimeoutError:
            g = canvas.geometry()
            print(f'# zoom {g["zoom"]}, map {g["map"]}, view {g["view"]}', file=sys.stderr)
            raise
        shot = canvas.screenshot('canvas-open-' + what.replace(' ', '-').replace('%', 'pc'))
    finally:
        status = canvas.close()
    if status != 0:
        raise SystemExit(f'not ok the app exited with status {status}')
    return g, shot


# Larger than the view even at 60 %: 60 %, from its top left corner.
g, shot = opened(os.path.join(HERE, 'canvas-small.trailmap'),
                 lambda g: abs(g['zoom'] - READABLE) < 1e-6 and
                 abs(g['map']['x'] - g['view']['x'] - 32) <= 2 and abs(g['map']['y'] - g['view']['y'] - 32) <= 2,
                 'the big map at 60 %, its start in view')
print(f'ok 1 a big map opens at a readable zoom, at its start; screenshot: {shot}')

# In a wider window: larger than the view at 100 %, smaller at 60 %: fitted.
with wide_screen():
    g, shot = opened(os.path.join(HERE, 'canvas-small.trailmap'),
                     lambda g: READABLE < g['zoom'] < 1.0 and canvastest.fitted(g),
                     'the map fitted', size=(1700, 1000))
print(f'ok 2 a map larger than the view opens fitted, at {g["zoom"]:.2f}; screenshot: {shot}')

# Smaller than the view: 100 %.
with wide_screen():
    g, shot = opened(fixture('small.trailmap', 1, 1),
                     lambda g: abs(g['zoom'] - 1.0) < 1e-6, 'the small map at 100 %', size=(1900, 1100))
print(f'ok 3 a small map opens at 100 %; screenshot: {shot}')

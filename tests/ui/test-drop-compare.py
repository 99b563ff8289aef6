#!/usr/bin/python3
# A map dropped onto an open one, with a real drag: a small GTK window
# (data/drag-source.py) offers the file, xdotool presses, moves and
# releases the pointer, and the drop travels through XDND to the app's
# drop target as a file manager's would. The "Open or Compare?" question:
# Compare opens the comparison (its summary counts the differences),
# Cancel does nothing, Open opens the dropped map in a window of its own;
# the map dropped on stays as it was.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ['TRAILMAP_SOURCE_ROOT']
OLD = os.path.join(ROOT, 'tests', 'data', 'compare-old.trailmap')
NEW = os.path.join(ROOT, 'tests', 'data', 'compare-new.trailmap')
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def geometry(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return int(values['X']), int(values['Y']), int(values['WIDTH']), int(values['HEIGHT'])


def drag(source_window, target_window):
    """Presses in the middle of the drag source and releases over the
    middle of the map, in small steps as a hand would."""
    sx, sy, sw, sh = geometry(source_window)
    tx, ty, tw, th = geometry(target_window)
    x0, y0 = sx + sw // 2, sy + sh // 2
    x1, y1 = tx + tw // 2, ty + th * 2 // 3
    trailtest.xdotool('windowraise', source_window)
    trailtest.xdotool('mousemove', '--sync', str(x0), str(y0))
    trailtest.xdotool('mousedown', '1')
    steps = 16
    for i in range(1, steps + 1):
        trailtest.xdotool('mousemove', str(x0 + (x1 - x0) * i // steps), str(y0 + (y1 - y0) * i // steps))
        time.sleep(0.03)
    time.sleep(0.3)
    trailtest.xdotool('mouseup', '1')


scratch = tempfile.mkdtemp(prefix='trailmap-drop-')
source = None
try:
    target = os.path.join(scratch, 'journey.trailmap')
    dropped = os.path.join(scratch, 'earlier.trailmap')
    shutil.copy(NEW, target)
    shutil.copy(OLD, dropped)
    with open(target, 'rb') as f:
        saved = f.read()

    app = trailtest.App(target, env={'HOME': scratch})
    try:
        window = app.wait_for_window('future state')
        source = subprocess.Popen(['/usr/bin/python3', os.path.join(HERE, 'data', 'drag-source.py'), dropped],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        source_window = app.wait_for_window('^Drag source$')

        # 1. Compare.
        drag(source_window, window)
        question = app.wait_for_dialog('Open or Compare?')
        trailtest.screenshot('drop-question')
        report(True, 'a map dropped on an open one asks "Open or Compare?"')
        app.activate('push button', 'Compare', root=question)
        compare = app.wait_for_window('^Comparison — journey.trailmap$')
        frame = trailtest.wait_until(lambda: app.find_window('Comparison — journey.trailmap'), what='the comparison')
        trailtest.wait_until(lambda: trailtest.find_accessible(
            frame, 'label', lambda n: bool(n) and 'Cards: 1 added, 1 removed, 1 changed, 1 moved' in n),
            what='the summary')
        trailtest.find_accessible(frame, 'label', lambda n: bool(n) and 'against earlier.trailmap' in n)
        report(True, 'Compare: the comparison with the dropped map, its summary counting the differences')
        trailtest.screenshot('drop-compared')
        trailtest.xdotool('windowfocus', '--sync', compare)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), what='the comparison closed')

        # 2. Cancel: nothing opens.
        drag(source_window, window)
        question = app.wait_for_dialog('Open or Compare?')
        app.activate('push button', 'Cancel', root=question)
        app.wait_dialog_closed('Open or Compare?')
        time.sleep(1)
        report(not app.visible_windows('^Comparison') and len(app.visible_windows('Trailmap')) == 1,
               'Cancel: no comparison, no other window')

        # 3. Open: the dropped map in a window of its own.
        drag(source_window, window)
        question = app.wait_for_dialog('Open or Compare?')
        app.activate('push button', 'Open', root=question)
        opened = app.wait_for_window('current state')
        report(opened != window, 'Open: the dropped map opens in a window of its own')
        trailtest.screenshot('drop-opened')
        trailtest.xdotool('windowfocus', '--sync', opened)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+w')
        trailtest.wait_until(lambda: not app.visible_windows('current state'), what='the opened map closed')

        with open(target, 'rb') as f:
            report(f.read() == saved, 'the map dropped on is untouched')
        source.terminate()
        source.wait(timeout=10)
        report(app.quit_gracefully() == 0, 'the app quits cleanly')
        bad = app.log_problems()
        report(not bad, f'no GLib warning or critical {bad[:3]}')
    finally:
        if source is not None and source.poll() is None:
            source.kill()
            source.wait()
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

#!/usr/bin/python3
# Card widgets come into view while the view changes under them: the
# monkey's seed 301 on the coffee-maker template (a drag, undo, zoom to
# 100 %, the palette hidden with F9, Ctrl+X), replayed with its real input,
# then the side panels slid away and back with the view zoomed in, and the
# window resized. GTK logs nothing: the widgets used to be made, given
# their text and shown inside the canvas's allocation, which left the boxes
# above it unallocated for the frame being painted ("Trying to snapshot
# GtkBox … without a current allocation").
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()
scratch = tempfile.mkdtemp(prefix='trailmap-card-widgets-')
map_path = os.path.join(scratch, 'coffee-maker.trailmap')
shutil.copy(os.path.join(os.environ['TRAILMAP_SOURCE_ROOT'], 'data', 'templates', 'coffee-maker.trailmap'),
            map_path)
geometry_path = os.path.join(scratch, 'geometry.json')


def geometry(predicate=lambda g: True, what='the canvas geometry'):
    def read():
        try:
            with open(geometry_path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            return None
        return data if predicate(data) else None
    return trailtest.wait_until(read, what=what)


def drag(points):
    trailtest.xdotool('mousemove', *map(str, points[0]))
    trailtest.xdotool('mousedown', '1')
    for x, y in points[1:]:
        time.sleep(0.02)
        trailtest.xdotool('mousemove', str(x), str(y))
    trailtest.xdotool('mouseup', '1')


def click(x, y, button=1):
    trailtest.xdotool('mousemove', str(x), str(y))
    trailtest.xdotool('click', str(button))


def key(*keys):
    trailtest.xdotool('key', '--clearmodifiers', '--delay', '30', *keys)


app = trailtest.App(map_path, a11y=False, env={'TRAILMAP_DEBUG_GEOMETRY': geometry_path})
try:
    window = app.wait_for_window(re.escape('Buying a coffee maker'))
    geometry(lambda g: g.get('has_document') and g.get('cards'), what='the map shown')
    trailtest.xdotool('windowfocus', '--sync', window)

    # Seed 301's ten steps (the window is 1200×800 at 0,0, as for the monkey).
    steps = [
        lambda: drag([(592, 393), (545, 454), (498, 515), (451, 576), (404, 637), (357, 698)]),
        lambda: click(1183, 565),
        lambda: key('ctrl+z'),
        lambda: key('Down', 'shift+Tab', 'alt+Left'),
        lambda: key('ctrl+1'),
        lambda: click(1036, 63),
        lambda: click(333, 568),
        lambda: click(403, 545, button=3),
        lambda: drag([(490, 532), (485, 555), (481, 579), (476, 603), (472, 627), (468, 651)]),
        lambda: key('ctrl+1', 'F9', 'ctrl+x', 'alt+Down'),
    ]
    for step in steps:
        step()
        time.sleep(0.15)
    time.sleep(0.6)  # the palette slides away: an animation, nothing to poll
    assert app.proc.poll() is None, 'the app is gone'
    print('ok 1 seed 301 replayed')

    # Zoomed in, the panels slide away and back, the view at the start,
    # the middle and the end of the map; then the window is resized.
    key('Escape')
    click(600, 400)
    key('ctrl+plus', 'ctrl+plus', 'ctrl+plus')
    for keys in (['F9'], ['shift+F9'], ['F9'], ['shift+F9'], ['End', 'F9', 'shift+F9'],
                 ['ctrl+End', 'F9', 'shift+F9'], ['Home', 'ctrl+a', 'F9']):
        key(*keys)
        time.sleep(0.6)  # the slide runs its course
    for size in (('700', '500'), ('1200', '800'), ('900', '600'), ('1200', '800')):
        trailtest.xdotool('windowsize', '--sync', window, *size)
        time.sleep(0.3)
    assert app.proc.poll() is None, 'the app is gone'
    shot = trailtest.screenshot('canvas-card-widgets')
    print(f'ok 2 the panels slid, the window was resized; screenshot: {shot}')
finally:
    app.quit()
    shutil.rmtree(scratch, ignore_errors=True)
problems = app.log_problems()
assert not any('without a current allocation' in p for p in problems), problems
assert not problems, problems
print('ok 3 nothing logged')

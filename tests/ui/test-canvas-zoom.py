#!/usr/bin/python3
# Zoom with the keyboard and with Ctrl+scroll anchored at the pointer; the
# zoom level is shown. Nothing is saved: zoom is a view, not an edit.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

canvas = canvastest.Canvas(a11y=True)
try:
    canvas.focus_canvas()
    canvas.key('ctrl+1')   # the map opened fitted; this is 100 %
    canvas.geometry(lambda g: abs(g['zoom'] - 1.0) < 1e-6, what='100 %')
    canvas.key('ctrl+plus')
    canvas.geometry(lambda g: abs(g['zoom'] - 1.25) < 1e-6, what='125 %')
    canvas.app.find('push button', 'Zoom 125%')
    canvas.key('ctrl+minus')
    canvas.key('ctrl+minus')
    g = canvas.geometry(lambda g: abs(g['zoom'] - 0.8) < 1e-6, what='80 %')
    print('ok 1 Ctrl+plus and Ctrl+minus step the zoom, and the level is shown')

    # Ctrl+scroll over a card: the card stays under the pointer.
    card = canvas.card(g, 'Asks a friend')
    x, y = canvas.center(card)
    trailtest.xdotool('mousemove', str(x), str(y))
    trailtest.xdotool('keydown', 'ctrl')
    trailtest.xdotool('click', '4')
    trailtest.xdotool('click', '4')
    trailtest.xdotool('keyup', 'ctrl')
    g = canvas.geometry(lambda g: g['zoom'] > 0.81, what='zoomed in by scrolling')
    moved = canvas.center(canvas.card(g, 'Asks a friend'))
    assert abs(moved[0] - x) <= 3 and abs(moved[1] - y) <= 3, (x, y, moved)
    print(f'ok 2 Ctrl+scroll zooms to {g["zoom"]:.2f} about the pointer')

    canvas.key('ctrl+0')
    g = canvas.geometry(lambda g: g['zoom'] < 0.8, what='the map fitted')
    shot = canvas.screenshot('canvas-zoom')
    print(f'ok 3 Ctrl+0 fits the map at {g["zoom"]:.2f}; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 4 the app exited with status {status}')
print('ok 4 quits cleanly')

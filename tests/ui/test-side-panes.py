#!/usr/bin/python3
# The palette and the inspector beside the map (TrailSidePanes: an
# AdwOverlaySplitView on libadwaita 1.4 and later, an AdwFlap on 1.2), with
# real input: F9 and Shift+F9 and the header bar's toggles hide and show
# them; in a narrow window the inspector (and on libadwaita 1.2 the palette
# too) folds away and a key brings it back over the map without squeezing
# it, and a wide window docks both again.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

count = 0

# libadwaita 1.4+ (breakpoints) keeps the palette docked in a 600-pixel
# window; 1.2's AdwFlap folds it there (see the narrow step below).
ADW_VERSION = tuple(int(part) for part in os.environ['TRAILMAP_ADW_VERSION'].split('.')[:2])
PALETTE_DOCKS_AT_600 = ADW_VERSION >= (1, 4)
MAP_MIN_WIDTH = 240   # TrailSidePanes' CONTENT_WIDTH


def ok(text):
    global count
    count += 1
    print(f'ok {count} {text}', flush=True)


def window_width(canvas):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', canvas.window],
                         capture_output=True, text=True, check=True).stdout
    return int(dict(line.split('=', 1) for line in out.split() if '=' in line)['WIDTH'])


def click_accessible(canvas, node):
    """A real click in the middle of a widget found by accessibility. GTK
    gives positions within the window, measured from where the canvas is
    (GTK 4.24 leaves the window's frame out, the surface has it)."""
    from gi.repository import Atspi
    g = canvas.geometry()
    origin = MAP.get_extents(Atspi.CoordType.WINDOW)
    ext = node.get_extents(Atspi.CoordType.WINDOW)
    x = g['view']['x'] + ext.x - origin.x + ext.width / 2
    y = g['view']['y'] + ext.y - origin.y + ext.height / 2
    canvas.click(canvas.screen(x, y))


def resize(canvas, width, height):
    trailtest.xdotool('windowsize', '--sync', canvas.window, str(width), str(height))
    return canvas.geometry(lambda g: abs(window_width(canvas) - width) <= 1, what=f'the window {width} wide')


canvas = canvastest.Canvas(a11y=True)
try:
    app = canvas.app
    trailtest.xdotool('windowsize', '--sync', canvas.window, '1200', '800')
    g = canvas.geometry(lambda g: g['palette'] and g['inspector'], what='both panes shown')
    canvas.focus_canvas()
    docked = g['view']['w']
    MAP = trailtest.wait_until(lambda: trailtest.find_named(app.atspi(), 'Journey map'), what='the map on the bus')

    # Keys: each pane goes, the map widens, and comes back.
    canvas.key('F9')
    g = canvas.geometry(lambda g: not g['palette'] and g['view']['w'] > docked + 200, what='F9 hiding the palette')
    canvas.key('shift+F9')
    g = canvas.geometry(lambda g: not g['inspector'] and not g['palette'], what='Shift+F9 hiding the inspector')
    canvas.key('F9')
    canvas.key('shift+F9')
    g = canvas.geometry(lambda g: g['palette'] and g['inspector'] and abs(g['view']['w'] - docked) < 1,
                        what='both panes back, docked')
    ok('F9 and Shift+F9 hide and show the palette and the inspector beside the map')

    # The header bar's toggles, clicked.
    for name, pane in (('Show Palette', 'palette'), ('Show Inspector', 'inspector')):
        button = app.find('toggle button', name, actionable=True)
        click_accessible(canvas, button)
        g = canvas.geometry(lambda g: not g[pane] and g['view']['w'] > docked + 200, what=f'{name} clicked off')
        click_accessible(canvas, button)
        g = canvas.geometry(lambda g: g[pane] and abs(g['view']['w'] - docked) < 1, what=f'{name} clicked on')
    ok('the header bar toggles hide and show each pane')

    # Narrow (600 pixels: the header bar keeps the window from going much
    # narrower): too narrow for the three side by side, so the inspector
    # folds away and comes back over the map without squeezing it. What
    # happens to the palette differs by stack (docs/canvas.md): the
    # breakpoints of libadwaita 1.4+ keep it docked down to a ~530-pixel
    # pane area; libadwaita 1.2's AdwFlap counts the folded inspector's
    # whole minimum width (375 pixels) beside the palette, so below about
    # 626 pixels there it folds the palette too and the map gets the width.
    g = resize(canvas, 600, 700)
    g = canvas.geometry(lambda g: not g['inspector'] and bool(g['palette']) == PALETTE_DOCKS_AT_600,
                        what='the inspector folded away, the palette '
                             + ('docked' if PALETTE_DOCKS_AT_600 else 'folded away'))
    narrow = g['view']['w']
    canvas.focus_canvas()
    canvas.key('shift+F9')
    g = canvas.geometry(lambda g: g['inspector'] and abs(g['view']['w'] - narrow) < 1,
                        what='Shift+F9 showing the inspector over the map')
    time.sleep(0.5)  # the inspector slides in: an animation, not a state to poll
    shot = canvas.screenshot('side-panes-narrow-inspector')
    canvas.key('shift+F9')
    g = canvas.geometry(lambda g: not g['inspector'] and abs(g['view']['w'] - narrow) < 1,
                        what='Shift+F9 hiding the inspector again')
    if PALETTE_DOCKS_AT_600:
        canvas.key('F9')
        g = canvas.geometry(lambda g: not g['palette'] and g['view']['w'] > narrow + 200,
                            what='F9 hiding the docked palette')
        canvas.key('F9')
        g = canvas.geometry(lambda g: g['palette'] and abs(g['view']['w'] - narrow) < 1,
                            what='F9 docking the palette again')
        palette = 'the palette stays beside it'
    else:
        # The map already has the whole width: it must keep it.
        assert narrow > 600 - 20, f'the map is {narrow} pixels wide in a 600-pixel window'
        canvas.key('F9')
        g = canvas.geometry(lambda g: g['palette'] and abs(g['view']['w'] - narrow) < 1,
                            what='F9 showing the palette over the map')
        time.sleep(0.5)  # the palette slides in
        shot += ', ' + canvas.screenshot('side-panes-narrow-palette')
        canvas.key('F9')
        g = canvas.geometry(lambda g: not g['palette'] and abs(g['view']['w'] - narrow) < 1,
                            what='F9 hiding the palette again')
        palette = 'so does the palette (libadwaita 1.2)'
    ok(f'in a 600-pixel window the inspector folds away and comes over the map by key, '
       f'{palette}; screenshot: {shot}')

    # Wide again: both docked beside the map.
    g = resize(canvas, 1200, 800)
    g = canvas.geometry(lambda g: g['palette'] and g['inspector'] and abs(g['view']['w'] - docked) < 1,
                        what='both panes docked again in a wide window')
    shot = canvas.screenshot('side-panes-wide')
    ok(f'a wide window docks both panes again; screenshot: {shot}')

    # Around the breakpoint, down from wide to narrow and back: wherever
    # the inspector is docked the map keeps its minimum width beside the
    # two panes (the inspector's real width, about 375 pixels, counts, not
    # the 300 it asks for), and it does not fold while the map would still
    # have room to spare. The panes grow a little with the window (a
    # quarter of it, within their bounds), hence the slack.
    canvas.focus_canvas()
    side = 1200 - g['view']['w']   # what the docked panes take at 1200
    seen = []
    for width in (1000, 940, 900, 880, 860, 840, 820, 800, 780, 760, 740, 700, 660, 620,
                  640, 700, 760, 800, 840, 880, 920, 1200):
        resize(canvas, width, 800)
        canvas.wait_view_settled(pause=0.3)
        g = canvas.geometry()
        docked = bool(g['inspector'])
        seen.append(f'{width}:{"docked" if docked else "folded"}:{g["view"]["w"]:.0f}')
        if docked:
            assert g['view']['w'] >= MAP_MIN_WIDTH - 1, \
                f'at {width} pixels the docked panes squeeze the map to {g["view"]["w"]:.0f}: {seen}'
        else:
            assert width - side < MAP_MIN_WIDTH + 80, \
                f'at {width} pixels the inspector folded with room for it: {seen}'
    assert {s.split(':')[1] for s in seen} == {'docked', 'folded'}, seen
    ok(f'around the breakpoint the map keeps {MAP_MIN_WIDTH} pixels beside docked panes: {" ".join(seen)}')

    problems = app.log_problems()
    assert not problems, problems
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok {count + 1} the app exited with status {status}')
ok('quits cleanly')

# inspectortest.py — shared steps of the inspector UI tests
# (test-inspector-*.py): aim at inspector fields by title, zoom the map out
# one real key press at a time, write a variant of a fixture, read the
# app's log for criticals.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def fixture_variant(directory, change, fixture='canvas-small.trailmap'):
    """Writes a copy of @fixture changed by @change(doc) into @directory;
    returns its path (canvastest.Canvas takes an absolute path)."""
    with open(os.path.join(HERE, fixture)) as f:
        doc = json.load(f)
    change(doc)
    path = os.path.join(directory, 'variant-' + fixture)
    with open(path, 'w') as f:
        json.dump(doc, f)
    return path


def log_problems(app):
    """Lines of the app's log that carry a GLib critical or warning, but for
    the toolkit's own that trailtest lets through (IGNORED_LOG_MESSAGES)."""
    import trailtest  # on the path once canvastest is imported
    return trailtest.log_problems(app.log_path)


def field(g, label):
    return next(f for f in g['inspector'] if f['label'] == label)


def has_field(label):
    return lambda g: any(f['label'] == label for f in g['inspector'])


def hide_palette(canvas):
    """F9 with the canvas focused, then waits for the palette to have slid
    away: the view starts at the window's left edge and stays there."""
    canvas.focus_canvas()
    canvas.key('F9')
    settled = {'x': None}

    def at_left_edge(g):
        x = g['view']['x']
        done = x < 50 and settled['x'] == x
        settled['x'] = x
        time.sleep(0.2)  # two reads apart: the slide is an animation, not a state
        return done
    return canvas.geometry(at_left_edge, what='the palette hidden')


def zoom_out_until(canvas, predicate, what, steps=8):
    """Ctrl+minus, one press at a time, each waited for (the zoom changed),
    until @predicate holds for the geometry; so no press is still on its
    way when the test aims at what the geometry shows."""
    g = canvas.geometry()
    for _ in range(steps):
        if predicate(g):
            return g
        zoom = g['zoom']
        canvas.key('ctrl+minus')
        g = canvas.geometry(lambda g: g['zoom'] < zoom, what='the zoom to change')
    if predicate(g):
        return g
    raise AssertionError(f'no zoom shows {what}')


def all_stages_in_view(count):
    def check(g):
        view = g['view']
        return (len(g['stages']) == count and
                all(view['x'] <= s['x'] and s['x'] + s['w'] <= view['x'] + view['w'] and
                    view['y'] <= s['y'] for s in g['stages']))
    return check


def choose_in_list(canvas, g, label, *keys):
    """Opens the choice row @label, moves with @keys, picks with Return."""
    canvas.click(canvas.center(field(g, label)))
    time.sleep(0.8)  # the list's popover opens: an animation, not a state to poll
    canvas.key(*keys)
    canvas.key('Return')
    time.sleep(0.5)

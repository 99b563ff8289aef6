# workshoptest.py — shared steps of the workshop UI tests (voting, Find,
# persona view): the workshop fixture, labels read through AT-SPI, real
# clicks on accessibles.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import canvastest  # noqa: E402
import trailtest  # noqa: E402


def open_map(a11y=True):
    return canvastest.Canvas(fixture='workshop.trailmap', title='Workshop test map', a11y=a11y)


def walk_map_window(canvas, visit, state=None):
    """Depth first over the accessibles of the map's window only (walking a
    dialog as it closes upsets GTK 4.8's accessibility bridge): @visit(node,
    state) returns what it found (or None) and the state for the node's
    children. Returns the first thing found, or None."""
    def walk(node, state, depth=0):
        if node is None or depth > 60:
            return None
        try:
            found, state = visit(node, state)
            if found is not None:
                return found
            count = node.get_child_count()
        except Exception:
            return None
        for i in range(count):
            found = walk(node.get_child_at_index(i), state, depth + 1)
            if found is not None:
                return found
        return None
    root = canvas.app.atspi()
    for i in range(root.get_child_count()):
        frame = root.get_child_at_index(i)
        try:
            if frame is not None and 'Workshop test map' in (frame.get_name() or ''):
                return walk(frame, state)
        except Exception:
            continue
    return None


def shown(canvas, role, name):
    """The showing accessible of @role named @name (a string or a test), or None."""
    def visit(node, state):
        if (trailtest.role_matches(node.get_role_name(), role) and
                trailtest.name_matches(trailtest.shown_text(node), name) and trailtest.is_showing(node)):
            return node, state
        return None, state
    return walk_map_window(canvas, visit)


def wait_window_closed(canvas, title):
    trailtest.wait_until(lambda: not canvas.app.visible_windows(f'^{title}$'), what=f'"{title}" closed')


def wait_shown(canvas, role, name, what=None):
    return trailtest.wait_until(lambda: shown(canvas, role, name), what=what or f'{role} "{name}" shown')


def click(canvas, node, button=1):
    """A real click in the middle of an accessible of the map's window."""
    from gi.repository import Atspi
    r = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    canvas.click(canvas.center({'x': r.x, 'y': r.y, 'w': r.width, 'h': r.height}), button=button)


def card(canvas, text, g=None):
    g = g or canvas.geometry()
    found = canvas.card(g, text)
    if found is None:
        raise KeyError(f'no card {text!r} on the canvas')
    return found


def click_card(canvas, text, button=1):
    canvas.click(canvas.center(card(canvas, text), 0.5, 0.3), button=button)

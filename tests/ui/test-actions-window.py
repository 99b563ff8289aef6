#!/usr/bin/python3
# The Actions window (main menu → Actions): every action of the map in a
# table, a row per action with its title, status, owner, due date and
# cards; Enter on a row's cards cell selects the action's cards on the
# map.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402
from inspectortest import fixture_variant, log_problems  # noqa: E402


def add_actions(doc):
    doc['actions'] = [
        {'id': 'a1', 'title': 'Retry the payment', 'status': 'planned', 'owner': 'Mara',
         'due': '2026-06-30', 'cards': ['c5']},
        {'id': 'a2', 'title': 'Answer reviews', 'status': 'idea', 'cards': ['c1', 'c2']},
    ]


def window_origin(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return int(values['X']), int(values['Y'])


def click(window, node):
    from gi.repository import Atspi
    ext = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    x0, y0 = window_origin(window)
    x, y = int(x0 + ext.x + ext.width / 2), int(y0 + ext.y + ext.height / 2)
    trailtest.xdotool('mousemove', '--sync', str(x), str(y), 'click', '1')


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.get_child_count()):
        yield from walk(node.get_child_at_index(i), depth + 1)


CARDS = 'Sees an ad; Reads a review'


def focused(frame):
    """The name of the button that has the keyboard, or '' for another
    widget."""
    from gi.repository import Atspi
    time.sleep(0.15)   # the focus change reaches the bus
    for node in walk(frame):
        if node.get_state_set().contains(Atspi.StateType.FOCUSED):
            return node.get_name() if trailtest.role_matches(node.get_role_name(), 'button') else ''
    return ''


def label(app, root, text):
    return app.find('label', text, root=root)


fixture_dir = tempfile.mkdtemp(prefix='trailmap-actions-window-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_actions), a11y=True)
try:
    app = canvas.app
    trailtest.xdotool('key', '--clearmodifiers', 'F10')
    app.activate('menu item', 'Actions')
    actions_window = app.wait_for_window('^Actions$')
    frame = trailtest.wait_until(lambda: app.find_window('Actions'), what='the Actions window on the bus')
    for text in ('Retry the payment', 'Planned', 'Mara', '2026-06-30', 'Checkout fails',
                 'Answer reviews', 'Idea', 'Sees an ad; Reads a review'):
        label(app, frame, text)
    shot = trailtest.screenshot('actions-window')
    print(f'ok 1 the table lists both actions with their fields; screenshot: {shot}')

    # The keyboard from the search entry (a click there: GTK 4.24 reports
    # the extents of the table's cells a row off): Tab ×4 into the first
    # row's title, Down to the second row, Tab along it to its cards
    # (GTK 4.24 stops on the cells too), Enter.
    entry = next(n for n in walk(frame) if n.get_role_name() in ('entry', 'text')
                 and n.get_name() == 'Search actions')
    click(actions_window, entry)
    trailtest.xdotool('key', '--clearmodifiers', 'Tab', 'Tab', 'Tab', 'Tab', 'Down')
    for _ in range(12):
        trailtest.xdotool('key', '--clearmodifiers', 'Tab')
        if focused(frame) == CARDS:
            break
    assert focused(frame) == CARDS, focused(frame)
    trailtest.xdotool('key', '--clearmodifiers', 'Return')
    canvas.geometry(lambda g: sorted(g['selection']) == ['c1', 'c2'], what='the action\'s cards selected')
    print('ok 2 Enter on a row\'s cards selects them on the map')
finally:
    status = canvas.close()
    shutil.rmtree(fixture_dir, ignore_errors=True)
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 4 the app logged: ' + ''.join(problems))
print('ok 4 no critical or warning in the log')

#!/usr/bin/python3
# The inspector's Delete button removes what it shows through the map's
# delete action, so it offers the same Undo toast as the canvas's Delete:
# a stage deleted from the inspector comes back, cards included, with the
# toast's Undo button. Real pointer clicks, aimed through the buttons'
# accessible extents. Afterwards the keyboard is on the map. Checked in
# the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402
from inspectortest import all_stages_in_view, has_field, hide_palette, log_problems, zoom_out_until  # noqa: E402


def buttons_named(node, name, found, depth=0):
    if node is None or depth > 60:
        return found
    try:
        if trailtest.role_matches(node.get_role_name(), 'push button') and trailtest.name_matches(node.get_name(), name):
            found.append(node)
        for i in range(node.get_child_count()):
            buttons_named(node.get_child_at_index(i), name, found, depth + 1)
    except Exception:
        pass
    return found


def click_button(canvas, name, pick=lambda rects: rects[0]):
    """A real click in the middle of the button called @name."""
    from gi.repository import Atspi

    def rects():
        found = []
        # Window by window: the app root is not walked by index (see
        # trailtest.app_children).
        buttons = []
        for window in canvas.app.toplevels():
            buttons_named(window, name, buttons)
        for node in buttons:
            r = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
            if r.width > 0 and r.height > 0 and trailtest.is_showing(node):
                found.append({'x': r.x, 'y': r.y, 'w': r.width, 'h': r.height})
        return found
    found = trailtest.wait_until(rects, what=f'the button "{name}"')
    canvas.click(canvas.center(pick(found)))


def stage_ids(doc):
    return [s['id'] for s in doc['stages']]


canvas = canvastest.Canvas(a11y=True)
try:
    hide_palette(canvas)
    g = zoom_out_until(canvas, all_stages_in_view(3), 'the three stages')
    stage = next(s for s in g['stages'] if s['name'] == 'Consideration')
    canvas.click(canvas.center(stage, 0.3, 0.5))
    canvas.geometry(has_field('Description'), what='the stage in the inspector')

    click_button(canvas, 'Delete Stage')
    doc = canvas.save()
    assert 's2' not in stage_ids(doc), stage_ids(doc)
    assert not any(c['stage'] == 's2' for c in doc['cards']), 'the stage\'s cards stayed'
    # The keyboard is back on the map, not in the next section's first field.
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas', what='the keyboard on the map')
    shot = canvas.screenshot('inspector-delete')
    print(f'ok 1 the inspector\'s Delete Stage removed the stage and its cards; screenshot: {shot}')

    # The toast's Undo sits low in the window; the header bar's is at the top.
    click_button(canvas, 'Undo', pick=lambda rects: max(rects, key=lambda r: r['y']))
    time.sleep(0.3)
    doc = canvas.save()
    assert stage_ids(doc) == ['s1', 's2', 's3'], stage_ids(doc)
    assert any(c['id'] == 'c4' and c['stage'] == 's2' for c in doc['cards']), 'the stage\'s card did not come back'
    print('ok 2 the toast\'s Undo brought the stage back, with its cards')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 4 the app logged: ' + ''.join(problems))
print('ok 4 no critical or warning in the log')

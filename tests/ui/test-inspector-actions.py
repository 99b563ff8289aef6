#!/usr/bin/python3
# Actions out of insights, from the card's context menu and the inspector:
# "Add Action" opens the new action in the inspector with its title ready
# to type; title, owner, due date (a day that does not exist is refused
# and nothing is lost) and status are edited in place, one undo step each;
# the card shows the status badge; Remove Action takes it away and undo
# brings it back; KPI, target and metric card are set. Checked in the
# saved file and the log.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402
from inspectortest import choose_in_list, field, fixture_variant, has_field, hide_palette, log_problems, zoom_out_until  # noqa: E402


def actions(doc):
    return doc.get('actions', [])


def click_field(canvas, label):
    """Clicks a field where it is now: the action's row grows a subtitle
    once its title is set, and the rows below it move (an opening
    expander slides them in: the place must read the same twice)."""
    last = {}

    def settled(g):
        if not has_field(label)(g):
            return False
        rect = field(g, label)
        same = last.get('rect') == rect
        last['rect'] = rect
        if not same:
            time.sleep(0.3)
        return same
    g = canvas.geometry(settled, what=label)
    canvas.click(canvas.center(field(g, label)))
    return g


def add_metric(doc):
    # One metric card on the map: "Compares prices" with two values.
    for card in doc['cards']:
        if card['id'] == 'c4':
            card['metric-values'] = ['2026-03=0.8', '2026-04=0.85']


fixture_dir = tempfile.mkdtemp(prefix='trailmap-inspector-actions-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_metric))
try:
    trailtest.xdotool('windowsize', '--sync', canvas.window, '1280', '1400')
    hide_palette(canvas)
    g = zoom_out_until(canvas, lambda g: canvas.card(g, 'Checkout fails') is not None, 'the pain point')
    card = canvas.card(g, 'Checkout fails')

    # 1. The context menu's Add Action: the inspector opens the action,
    #    its title selected, so typing replaces "New Action".
    canvas.click(canvas.center(card), button=3)
    time.sleep(0.8)   # the menu's popover opens: an animation, not a state to poll
    canvas.key('a')   # Add _Action
    canvas.geometry(lambda g: g['focus'] == 'GtkText', what='the keyboard in the title')
    canvas.type('Retry the payment')
    canvas.key('Return')
    click_field(canvas, 'Owner')
    canvas.type('Mara')
    canvas.key('Return')
    click_field(canvas, 'Due (YYYY-MM-DD)')
    canvas.type('2026-02-30')
    canvas.key('Return')
    doc = canvas.save()
    (a,) = actions(doc)
    assert a['title'] == 'Retry the payment' and a['owner'] == 'Mara', a
    assert 'due' not in a and a['status'] == 'idea' and a['cards'] == [card['id']], a
    print('ok 1 Add Action from the card menu; title and owner typed; 30 February refused')

    click_field(canvas, 'Due (YYYY-MM-DD)')
    canvas.key('ctrl+a')
    canvas.type('2026-06-30')
    canvas.key('Return')
    choose_in_list(canvas, canvas.geometry(has_field('Status'), what='Status'), 'Status', 'Down', 'Down')   # Idea → In progress
    doc = canvas.save()
    (a,) = actions(doc)
    assert a['due'] == '2026-06-30' and a['status'] == 'in-progress', a
    shot = canvas.screenshot('inspector-actions')
    print(f'ok 2 due date and status set in place; screenshot: {shot}')

    # 3. Undo takes back the status alone, then the due date.
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    doc = canvas.save()
    (a,) = actions(doc)
    assert a['status'] == 'idea' and a['due'] == '2026-06-30', a
    canvas.key('ctrl+z')
    doc = canvas.save()
    (a,) = actions(doc)
    assert 'due' not in a and a['owner'] == 'Mara', a
    print('ok 3 one undo step per field')

    # 4. Remove Action (the card chosen again, its action opened), then
    #    undo brings it back whole.
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Checkout fails')))
    # The action's row is opened (its header, at the top of its rect,
    # which covers its fields once open) unless it still is.
    g = canvas.geometry(has_field('Retry the payment'), what='the action row')
    row = field(g, 'Retry the payment')
    if row['h'] < 100:
        canvas.click(canvas.screen(row['x'] + row['w'] / 2, row['y'] + 25))
    click_field(canvas, 'Remove Action')
    doc = canvas.save()
    assert actions(doc) == [], actions(doc)
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    doc = canvas.save()
    (a,) = actions(doc)
    assert a['title'] == 'Retry the payment' and a['owner'] == 'Mara', a
    print('ok 4 Remove Action, and undo')

    # 5. KPI, target (a number: anything else is refused and not written)
    #    and the metric card that measures it, chosen from the map's
    #    metric cards.
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Checkout fails')))
    g = canvas.geometry(has_field('Retry the payment'), what='the action row')
    row = field(g, 'Retry the payment')
    if row['h'] < 100:
        canvas.click(canvas.screen(row['x'] + row['w'] / 2, row['y'] + 25))
    click_field(canvas, 'KPI')
    canvas.type('Paid orders')
    canvas.key('Return')
    click_field(canvas, 'Target (a number)')
    canvas.type('lots')
    canvas.key('Return')
    doc = canvas.save()
    (a,) = actions(doc)
    assert a['kpi'] == 'Paid orders' and 'kpi-target' not in a, a
    click_field(canvas, 'Target (a number)')
    canvas.key('ctrl+a')
    canvas.type('0.95')
    canvas.key('Return')
    choose_in_list(canvas, canvas.geometry(has_field('Metric Card'), what='Metric Card'), 'Metric Card', 'Down')
    doc = canvas.save()
    (a,) = actions(doc)
    assert a['kpi-target'] == '0.95' and a['metric'] == 'c4', a
    print('ok 5 KPI, target and metric card set in the inspector; a target that is no number refused')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('inspector-actions-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
    shutil.rmtree(fixture_dir, ignore_errors=True)
if status != 0:
    raise SystemExit(f'not ok 6 the app exited with status {status}')
print('ok 6 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 7 the app logged: ' + ''.join(problems))
print('ok 7 no critical or warning in the log')

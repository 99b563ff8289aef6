#!/usr/bin/python3
# The actions round trip of issue 18, with real keys and clicks at speed:
# an action made from a card's context menu; the Actions window (one per
# map window: asking again presents it) edited in place with the keyboard
# (Tab into the table, F2 and Enter edit a cell, Escape cancels, the
# status from the row's drop-down, the due date from its calendar); undo and redo in the map window that
# the table follows; sorting by a column's header; filtering by status,
# owner and stage, down to the "no match" page and back; then saved,
# checked in the file, and the file opened again.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
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

TITLES = {'Retry the payment', 'Answer reviews', 'Call back friends', 'Call back every friend', 'Fewer ads'}


def add_actions(doc):
    doc['actions'] = [
        {'id': 'a1', 'title': 'Retry the payment', 'status': 'planned', 'owner': 'Mara',
         'due': '2026-06-30', 'cards': ['c5']},
        {'id': 'a2', 'title': 'Answer reviews', 'status': 'idea', 'cards': ['c1', 'c2']},
    ]


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.get_child_count()):
        yield from walk(node.get_child_at_index(i), depth + 1)


def shown_titles(app, frame):
    """The titles in the table, top to bottom (the rows' widgets are in
    the order of the rows; filtered rows have none)."""
    return [n.get_name() for n in walk(frame)
            if n.get_role_name() == 'label' and n.get_name() in TITLES and trailtest.is_showing(n)]


def wait_titles(app, frame, wanted, what):
    return trailtest.wait_until(lambda: shown_titles(app, frame) == wanted,
                                what=f'{what}: {wanted} (shown: {shown_titles(app, frame)})')


def has_label(frame, text):
    return any(n.get_role_name() == 'label' and n.get_name() == text for n in walk(frame))


FILTERS = ('Status Filter', 'Owner Filter', 'Stage Filter')


def pick(app, frame, name, *keys):
    """Opens the filter drop-down @name with a click, moves with @keys and
    picks with Enter. The filters are the window's first three combo
    boxes (GTK 4.24 names a drop-down after its choice, not its label)."""
    combos = [n for n in walk(frame) if n.get_role_name() == 'combo box']
    app.click(combos[FILTERS.index(name)])
    time.sleep(0.8)   # the list's popover opens: an animation, not a state to poll
    trailtest.xdotool('key', '--clearmodifiers', *keys, 'Return')


def find_any(app, roles, name, root):
    """The first node named @name with one of @roles (a search entry is an
    entry on GTK 4.8, a text on later ones; a drop-down a combo box or a
    button)."""
    def search():
        for role in roles:
            node = trailtest.find_accessible(root, role, name)
            if node is not None:
                return node
    return trailtest.wait_until(search, what=f'{roles} "{name}"')


def key(*keys):
    trailtest.xdotool('key', '--clearmodifiers', *keys)


def open_actions(canvas):
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    key('F10')
    canvas.app.activate('menu item', 'Actions')


fixture_dir = tempfile.mkdtemp(prefix='trailmap-actions-table-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_actions), a11y=True)
saved = None
try:
    app = canvas.app
    g = canvas.geometry()
    friend = canvas.card(g, 'Asks a friend')

    # 1. An action from the card's context menu; its title typed in the
    #    inspector, where it opens.
    canvas.click(canvas.center(friend), button=3)
    time.sleep(0.8)   # the menu's popover opens: an animation, not a state to poll
    key('a')          # Add _Action
    canvas.geometry(lambda g: g['focus'] == 'GtkText', what='the keyboard in the new action\'s title')
    canvas.type('Call back friends')
    key('Return')
    print('ok 1 Add Action from a card\'s context menu')

    # 2. The Actions window; asked for again, the same one comes back.
    open_actions(canvas)
    actions_window = app.wait_for_window('^Actions$')
    frame = trailtest.wait_until(lambda: app.find_window('Actions'), what='the Actions window on the bus')
    wait_titles(app, frame, ['Retry the payment', 'Answer reviews', 'Call back friends'], 'the three actions')
    # No window manager: both windows sit at 0,0; the table goes below
    # the map's top, where the tests click the canvas.
    trailtest.xdotool('windowmove', '--sync', actions_window, '0', '540')
    open_actions(canvas)
    time.sleep(0.5)
    windows = app.visible_windows('^Actions$')
    assert len(windows) == 1, f'{len(windows)} Actions windows'
    print('ok 2 the table lists the actions; a second Actions opens no second window')

    # 3. Keyboard editing at speed: the search entry, Tab ×4 into the
    #    first row's title, Down ×2 to the new action; F2 edits the title,
    #    Enter commits; Tab to the status (Space opens its list), Tab to
    #    the owner (Enter edits); F2 on the owner and Escape cancels.
    trailtest.xdotool('windowfocus', '--sync', actions_window)
    app.click(find_any(app, ('entry', 'text'), 'Search actions', frame))
    key('Tab', 'Tab', 'Tab', 'Tab', 'Down', 'Down', 'F2', 'ctrl+a')
    canvas.type('Call back every friend')
    key('Return', 'Tab', 'space')
    time.sleep(0.8)   # the status list's popover opens
    key('Down', 'Down', 'Return')   # Idea → In progress
    time.sleep(0.3)
    key('Tab', 'Return')
    canvas.type('Jo')
    key('Return', 'F2')
    canvas.type('Nobody')
    key('Escape')
    # Tab to the due date: Enter opens its calendar on today (the action
    # has no date yet), Enter sets the day shown. (GTK 4.8's calendar
    # starts its arrow keys from the month's first cell, not the day
    # shown, so the test moves no day.)
    key('Tab', 'Return')
    time.sleep(0.8)   # the calendar's popover opens
    key('Return')
    due = datetime.date.today().isoformat()
    doc = canvas.save()
    (new,) = [a for a in doc['actions'] if a['cards'] == [friend['id']]]
    assert new['title'] == 'Call back every friend' and new['status'] == 'in-progress', new
    assert new['owner'] == 'Jo' and new.get('due') == due, new
    assert [a['title'] for a in doc['actions'][:2]] == ['Retry the payment', 'Answer reviews'], doc['actions']
    shot = trailtest.screenshot('actions-table-edited')
    print(f'ok 3 title, status and owner edited in place from the keyboard; Escape cancels; screenshot: {shot}')

    # 4. Undo and redo, one step per edit: first where the keyboard is,
    #    in the Actions window, then in the map window; the table follows.
    key('ctrl+z')
    trailtest.wait_until(lambda: not has_label(frame, due), what='the due date undone from the Actions window')
    canvas.focus_canvas()
    key('ctrl+z')
    trailtest.wait_until(lambda: not has_label(frame, 'Jo'), what='the owner undone in the table')
    wait_titles(app, frame, ['Retry the payment', 'Answer reviews', 'Call back every friend'],
                'the rows where they were')
    key('ctrl+shift+z')
    trailtest.wait_until(lambda: has_label(frame, 'Jo'), what='the owner redone in the table')
    trailtest.xdotool('windowfocus', '--sync', actions_window)
    key('ctrl+y')
    trailtest.wait_until(lambda: has_label(frame, due), what='the due date redone from the Actions window')
    doc = canvas.save()
    (new,) = [a for a in doc['actions'] if a['cards'] == [friend['id']]]
    assert new['status'] == 'in-progress' and new['owner'] == 'Jo' and new['due'] == due, new
    print('ok 4 undo and redo from the Actions window and from the map window, one step per edit, '
          'followed by the table')

    # 5. Sorting: a click on the Title header sorts up, a second down.
    trailtest.xdotool('windowfocus', '--sync', actions_window)
    header = app.find('label', 'Title', root=frame)
    app.click(header)
    wait_titles(app, frame, ['Answer reviews', 'Call back every friend', 'Retry the payment'], 'sorted by title')
    time.sleep(0.6)   # past the double-click time: a second click, not a double click
    app.click(header)
    wait_titles(app, frame, ['Retry the payment', 'Call back every friend', 'Answer reviews'], 'sorted down')
    print('ok 5 sorted by title, up and down')

    # 6. Filters, kept in the sort order: status Planned, then owner Jo
    #    (the owners are listed sorted after "All Owners"), then Jo in the
    #    first stage: no match, and Clear Filters brings all back; the
    #    first stage alone shows the actions on its cards.
    pick(app, frame, 'Status Filter', 'Down', 'Down')             # All, Idea, Planned
    wait_titles(app, frame, ['Retry the payment'], 'status Planned')
    pick(app, frame, 'Status Filter', 'Home')
    wait_titles(app, frame, ['Retry the payment', 'Call back every friend', 'Answer reviews'], 'all statuses')
    pick(app, frame, 'Owner Filter', 'Down')                      # All, Jo, Mara
    wait_titles(app, frame, ['Call back every friend'], 'owner Jo')
    pick(app, frame, 'Stage Filter', 'Down', 'Down', 'Down')      # All, Awareness, Consideration, Purchase
    wait_titles(app, frame, [], 'Jo in Purchase: no match')
    shot = trailtest.screenshot('actions-table-no-match')
    app.click(app.find('push button', 'Clear Filters', root=frame))
    wait_titles(app, frame, ['Retry the payment', 'Call back every friend', 'Answer reviews'], 'filters cleared')
    pick(app, frame, 'Stage Filter', 'Home', 'Down')              # Awareness (the list's focus stays where it was)
    wait_titles(app, frame, ['Call back every friend', 'Answer reviews'], 'stage Awareness')
    print(f'ok 6 filtered by status, owner and stage; no match, then Clear Filters; screenshot: {shot}')

    # 6b. An action added on the map while the table is open (filtered by
    #     a stage it is in, sorted by title down) appears in its place; undo in the map takes it away.
    g = canvas.geometry()
    trailtest.xdotool('windowfocus', '--sync', canvas.window)   # the keys go to the map window
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')), button=3)
    time.sleep(0.8)   # the menu's popover opens
    key('a')
    canvas.geometry(lambda g: g['focus'] == 'GtkText', what='the keyboard in the new action\'s title')
    canvas.type('Fewer ads')
    key('Return')
    wait_titles(app, frame, ['Fewer ads', 'Call back every friend', 'Answer reviews'],
                'the new action in the table, in its sorted place')
    canvas.focus_canvas()
    key('ctrl+z', 'ctrl+z')
    wait_titles(app, frame, ['Call back every friend', 'Answer reviews'], 'the new action undone')
    print('ok 6b an action added and undone in the map window: the open table follows')

    saved = os.path.join(fixture_dir, 'saved.trailmap')
    shutil.copy(canvas.path, saved)
except Exception:
    print('# failed; screenshot:', trailtest.screenshot('actions-table-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 7 the app exited with status {status}')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 7 the app logged: ' + ''.join(problems))
print('ok 7 quits cleanly, nothing in the log')

# 8. The saved file, opened again: the table shows what was saved.
try:
    with open(saved) as f:
        doc = json.load(f)
    titles = sorted(a['title'] for a in doc['actions'])
    assert titles == ['Answer reviews', 'Call back every friend', 'Retry the payment'], titles
    again = canvastest.Canvas(fixture=saved, a11y=True)
    try:
        open_actions(again)
        frame = trailtest.wait_until(lambda: again.app.find_window('Actions'), what='the Actions window again')
        wait_titles(again.app, frame, ['Retry the payment', 'Answer reviews', 'Call back every friend'],
                    'the saved actions')
        assert has_label(frame, 'Jo') and has_label(frame, 'Mara')
    finally:
        status = again.close()
    problems = log_problems(again.app)
    assert status == 0 and not problems, (status, problems)
finally:
    shutil.rmtree(fixture_dir, ignore_errors=True)
print('ok 8 the saved map opens with its actions in the table')

# 9. A map without actions: the window says so and how to make one.
plain = canvastest.Canvas(a11y=True)
try:
    open_actions(plain)
    frame = trailtest.wait_until(lambda: plain.app.find_window('Actions'), what='the Actions window of a plain map')
    empty = plain.app.find('label', 'No Actions', root=frame)
    from gi.repository import Atspi
    trailtest.wait_until(lambda: empty.get_component_iface().get_extents(Atspi.CoordType.WINDOW).width > 0,
                         what='the "No Actions" page shown')
    assert shown_titles(plain.app, frame) == []
    shot = trailtest.screenshot('actions-table-empty')
finally:
    status = plain.close()
problems = log_problems(plain.app)
assert status == 0 and not problems, (status, problems)
print(f'ok 9 a map without actions shows "No Actions"; screenshot: {shot}')
print('1..10')

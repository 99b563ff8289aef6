#!/usr/bin/python3
# Selecting on the map keeps the keyboard on the map: the inspector shows
# the selection's section beside it, but its first field (Text, Name,
# Title) gets the focus only when the user asks for it. With real input:
# a card selected by a click, then by the arrow keys, a stage and a lane
# selected by clicks on their headers; after each, letters typed go to
# the map's own editor (a card's text, a header's name), never into an
# inspector field. Then a click in the inspector's field does move the
# keyboard there, and Escape out of the map's editor leaves it on the map.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

count = 0
ON_MAP = ('TrailCanvas', 'TrailCardWidget')


def ok(text):
    global count
    count += 1
    print(f'ok {count} {text}', flush=True)


def field(g, label):
    return next((f for f in g['inspector'] if f['label'] == label), None)


def stage(g, name):
    return next(s for s in g['stages'] if s['name'] == name)


def lane(g, title):
    return next(x for x in g['lanes'] if x['title'] == title)


def settled_focus(canvas, predicate, what):
    """The geometry once the inspector's section has been switched and the
    side pane has had time to move the focus if it were going to: the
    section's stack and the pane animate, so the state is read twice."""
    g = canvas.geometry(predicate, what=what)
    time.sleep(0.6)
    return canvas.geometry(predicate, what=what + ' (after the inspector settled)')


def type_and_commit(canvas, text):
    canvas.type(text)
    g = canvas.geometry(lambda g: g['editing'], what=f'the map\'s editor open after typing {text!r}')
    assert g['focus'] not in ('GtkText', 'GtkTextView') or g['editing'], g['focus']
    canvas.key('ctrl+Return')
    return canvas.geometry(lambda g: not g['editing'] and g['focus'] in ON_MAP,
                           what='the edit committed, the map focused')


canvas = canvastest.Canvas()
try:
    trailtest.xdotool('windowsize', '--sync', canvas.window, '1200', '800')
    canvas.geometry(lambda g: g['inspector'], what='the inspector docked')
    canvas.focus_canvas()

    # 1. A card selected with a click: the inspector shows it, the map keeps
    #    the keyboard, and typing replaces the card's text on the map.
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    g = settled_focus(canvas, lambda g: g['selection'] == ['c1'] and field(g, 'Details') is not None,
                      'the clicked card in the inspector')
    assert g['focus'] in ON_MAP, f'a click on a card moved the focus to {g["focus"]}'
    g = type_and_commit(canvas, 'Clicked')
    assert canvas.card(g, 'Clicked') is not None, [c['text'] for c in g['cards']]
    ok('a card selected by a click: the map keeps the focus, typing edits the card')

    # 2. The next card by the arrow keys: the inspector follows the
    #    selection, the keyboard stays on the map.
    canvas.key('Down')
    g = settled_focus(canvas, lambda g: g['selection'] == ['c2'], 'Down selecting the next card')
    assert g['focus'] in ON_MAP, f'Down moved the focus to {g["focus"]}'
    g = type_and_commit(canvas, 'Arrowed')
    assert canvas.card(g, 'Arrowed') is not None, [c['text'] for c in g['cards']]
    canvas.key('Up')
    g = settled_focus(canvas, lambda g: g['selection'] == ['c1'], 'Up selecting the card above')
    assert g['focus'] in ON_MAP, f'Up moved the focus to {g["focus"]}'
    ok('cards selected by the arrow keys: the map keeps the focus, typing edits the card')

    # 3. A stage and a lane by their headers: the stage's and the lane's
    #    sections, the keyboard on the map, typing renames on the map.
    for kind, rect, label, name in (('stage', lambda g: stage(g, 'Awareness'), 'Name', 'Buying'),
                                    ('lane', lambda g: lane(g, 'Customer actions'), 'Title', 'Frictions')):
        g = canvas.geometry()
        canvas.click(canvas.center(rect(g)))
        g = settled_focus(canvas, lambda g: field(g, label) is not None and not g['editing'],
                          f'the {kind} in the inspector')
        assert g['focus'] in ON_MAP, f'a click on a {kind} header moved the focus to {g["focus"]}'
        g = type_and_commit(canvas, name)
        names = [s['name'] for s in g['stages']] + [x['title'] for x in g['lanes']]
        assert name in names, f'{name!r} typed on a selected {kind} did not rename it: {names}'
        ok(f'a {kind} selected by a click on its header: the map keeps the focus, typing renames it')

    # 4. The inspector appearing beside the map (Shift+F9 with a card
    #    selected) and over it (in a narrow window, where it is folded away)
    #    does not take the keyboard either.
    canvas.key('shift+F9')
    canvas.geometry(lambda g: not g['inspector'], what='Shift+F9 hiding the inspector')
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Reads a review') or canvas.card(g, 'Arrowed')))
    canvas.geometry(lambda g: g['selection'] == ['c2'], what='the card selected, the inspector hidden')
    canvas.key('shift+F9')
    g = settled_focus(canvas, lambda g: field(g, 'Details') is not None, 'Shift+F9 showing the inspector')
    assert g['focus'] in ON_MAP, f'the inspector appearing took the focus: {g["focus"]}'
    g = type_and_commit(canvas, 'Beside')
    assert canvas.card(g, 'Beside') is not None, [c['text'] for c in g['cards']]
    ok('the inspector shown beside the map with a card selected leaves the keyboard on the map')

    trailtest.xdotool('windowsize', '--sync', canvas.window, '600', '700')
    canvas.geometry(lambda g: not g['inspector'], what='the inspector folded away in a narrow window')
    canvas.wait_view_settled()
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Beside')))
    canvas.geometry(lambda g: g['selection'] == ['c2'], what='the card selected in the narrow window')
    canvas.key('shift+F9')
    g = settled_focus(canvas, lambda g: field(g, 'Details') is not None, 'Shift+F9 showing the inspector over the map')
    assert g['focus'] in ON_MAP, f'the inspector coming over the map took the focus: {g["focus"]}'
    shot = canvas.screenshot('inspector-focus-narrow')
    g = type_and_commit(canvas, 'Over')
    assert canvas.card(g, 'Over') is not None, [c['text'] for c in g['cards']]
    canvas.key('shift+F9')
    canvas.geometry(lambda g: not g['inspector'], what='Shift+F9 sending the inspector away')
    trailtest.xdotool('windowsize', '--sync', canvas.window, '1200', '800')
    canvas.geometry(lambda g: g['inspector'], what='the inspector docked again')
    canvas.wait_view_settled()
    ok(f'the inspector shown over the map in a narrow window leaves the keyboard on the map; screenshot: {shot}')

    # 5. Asking for the field does give it the keyboard: a click in the
    #    card's Text field, and what is typed there goes to the card.
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Compares prices')))
    g = settled_focus(canvas, lambda g: g['selection'] == ['c4'] and field(g, 'Details') is not None,
                      'the card in the inspector')
    canvas.click(canvas.center(field(g, 'Details')))
    g = canvas.geometry(lambda g: g['focus'] in ('GtkText', 'GtkTextView'), what='the Details field focused')
    canvas.type('Typed in the inspector')
    canvas.key('Tab')
    time.sleep(0.3)
    shot = canvas.screenshot('inspector-focus')

    doc = canvas.save()
    cards = {c['id']: c for c in doc['cards']}
    assert cards['c1']['text'] == 'Clicked', cards['c1']
    assert cards['c2']['text'] == 'Over', cards['c2']
    assert cards['c4'].get('details') == 'Typed in the inspector', cards['c4']
    assert [s['name'] for s in doc['stages']] == ['Buying', 'Consideration', 'Purchase'], doc['stages']
    assert [x['title'] for x in doc['lanes']][1] == 'Frictions', doc['lanes']
    ok(f'a click in an inspector field takes the keyboard there; the saved map has every edit; screenshot: {shot}')
    problems = canvas.app.log_problems()
    assert not problems, problems
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok {count + 1} the app exited with status {status}')
ok('quits cleanly')

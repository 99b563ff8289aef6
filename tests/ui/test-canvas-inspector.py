#!/usr/bin/python3
# The inspector edits the selection: a card's details and votes, the map's
# title. Typing is committed once, when the field is left or Enter is
# pressed. Checked in the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402


def field(g, label):
    return next(f for f in g['inspector'] if f['label'] == label)


canvas = canvastest.Canvas()
try:
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    g = canvas.geometry(lambda g: g['selection'] == ['c1'] and any(f['label'] == 'Details' for f in g['inspector']),
                        what='the card in the inspector')

    canvas.click(canvas.center(field(g, 'Details')))
    canvas.type('Seen on the bus, twice')
    votes = field(g, 'Votes')
    # The spin button's "+" is at the row's end.
    canvas.click(canvas.screen(votes['x'] + votes['w'] - 28, votes['y'] + votes['h'] / 2))
    canvas.click(canvas.screen(votes['x'] + votes['w'] - 28, votes['y'] + votes['h'] / 2))

    # A choice: the Priority row's list, picked with the keyboard.
    priority = field(g, 'Priority')
    canvas.click(canvas.center(priority))
    time.sleep(0.8)
    canvas.key('End')
    canvas.key('Return')
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='the card still selected')
    time.sleep(0.5)

    # The map itself: click where there is nothing, then rename it.
    canvas.focus_canvas()
    g = canvas.geometry(lambda g: any(f['label'] == 'Title' for f in g['inspector']), what='the map in the inspector')
    canvas.click(canvas.center(field(g, 'Title')))
    canvas.key('ctrl+a')
    canvas.type('Renamed map')
    canvas.key('Return')
    canvas.app.wait_for_window('Renamed map')

    shot = canvas.screenshot('canvas-inspector')
    doc = canvas.save()
    card = next(c for c in doc['cards'] if c['id'] == 'c1')
    assert card.get('details') == 'Seen on the bus, twice', card
    assert card.get('votes') == 2, card
    assert card.get('priority') == 'high', card
    assert doc['title'] == 'Renamed map', doc['title']
    print(f'ok 1 card details, votes and priority, and the map title, edited in the inspector; screenshot: {shot}')

    # Typing the title was one command: one undo takes all of it back.
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    canvas.app.wait_for_window('Canvas test map')
    print('ok 2 undo takes the title back in one step')
    canvas.save()
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')

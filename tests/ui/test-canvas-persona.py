#!/usr/bin/python3
# Add a persona from the palette, name it in the inspector's persona
# editor, drag it onto a card to tag the card. Checked in the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402


def field(g, label):
    return next(f for f in g['inspector'] if f['label'] == label)


canvas = canvastest.Canvas(a11y=True)
try:
    canvas.app.activate('push button', 'Add Persona')
    g = canvas.geometry(lambda g: any(f['label'] == 'Quote' for f in g['inspector']),
                        what='the persona editor')
    canvas.click(canvas.center(field(g, 'Name')))
    canvas.key('ctrl+a')
    canvas.type('Dana')
    canvas.key('Return')
    canvas.click(canvas.center(field(g, 'Quote')))
    canvas.type('I just want it to work.')
    canvas.focus_canvas()   # leaving the field commits it

    # The personas are at the palette's end: scroll there, then let the
    # canvas write its geometry again.
    g = canvas.geometry()
    stage_row = canvas.palette(g, 'Stage')
    x, y = canvas.center(stage_row)
    trailtest.xdotool('mousemove', str(x), str(y))
    for _ in range(25):
        trailtest.xdotool('click', '5')
    canvas.focus_canvas()
    g = canvas.geometry(lambda g: any(row['label'] == 'Dana' for row in g['palette']), what='Dana in the palette')
    canvas.drag(canvas.center(canvas.palette(g, 'Dana'), 0.3, 0.5),
                canvas.center(canvas.card(g, 'Sees an ad')), steps=20)
    shot = canvas.screenshot('canvas-persona')

    def tagged():
        doc = canvas.save()
        card = next(c for c in doc['cards'] if c['id'] == 'c1')
        return doc if card.get('personas') else None
    doc = tagged()
    assert doc is not None, 'the card was not tagged'
    persona = doc['personas'][0]
    assert persona['name'] == 'Dana' and persona.get('quote') == 'I just want it to work.', persona
    card = next(c for c in doc['cards'] if c['id'] == 'c1')
    assert card['personas'] == [persona['id']], card
    print(f'ok 1 a new persona named in the inspector and dropped on a card tags it; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 2 the app exited with status {status}')
print('ok 2 quits cleanly')

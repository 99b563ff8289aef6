#!/usr/bin/python3
# Drag a card from the palette into a given cell, type its text; a card
# dropped on a lane of another kind changes nothing. Checked in the saved
# document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

canvas = canvastest.Canvas()
try:
    canvas.fit()   # the inspector away and the whole map in view; the palette stays
    g = canvas.geometry(lambda g: len(g['palette']) > 0, what='the palette')
    source = canvas.center(canvas.palette(g, 'Pain point'))

    # A pain point dropped on a touchpoints cell is refused.
    target = canvas.center(canvas.cell(g, 'Touchpoints', 'Consideration'), 0.5, 0.7)
    canvas.drag(source, target, steps=20)
    canvas.geometry(lambda g: not g['editing'], what='nothing to edit after a refused drop')

    # Into Pain points × Consideration, it lands and asks for its text.
    g = canvas.geometry()
    target = canvas.center(canvas.cell(g, 'Pain points', 'Consideration'))
    canvas.drag(source, target, steps=20)
    canvas.geometry(lambda g: g['editing'], what='the editor on the dropped card')
    canvas.type('Too many models')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Too many models'), what='the dropped card')

    shot = canvas.screenshot('canvas-palette')
    doc = canvas.save()
    assert canvastest.cards_in(doc, 'l5', 's2') == ['Too many models'], canvastest.cards_in(doc, 'l5', 's2')
    assert canvastest.cards_in(doc, 'l1', 's2') == [], canvastest.cards_in(doc, 'l1', 's2')
    assert len(doc['cards']) == 6, len(doc['cards'])
    print(f'ok 1 a palette card dropped into a cell; a refused drop changed nothing; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 2 the app exited with status {status}')
print('ok 2 quits cleanly')

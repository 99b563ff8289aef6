#!/usr/bin/python3
# A facilitator captures cards with the keyboard alone: arrows to an empty
# cell, N to start a card, type, Ctrl+Enter; Enter edits; typing on a card
# replaces its text; Escape cancels. Checked in the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

canvas = canvastest.Canvas()
try:
    g = canvas.geometry()
    # Click the first card, then walk with the keyboard only.
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='the first card selected')

    # Right: Consideration × Touchpoints is empty; N starts a card there.
    canvas.key('Right')
    canvas.key('n')
    canvas.geometry(lambda g: g['editing'], what='the inline editor')
    canvas.type('Visits the shop')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: not g['editing'] and canvas.card(g, 'Visits the shop'),
                    what='the new card')

    # Down reaches "Compares prices"; Shift+Enter starts a card below it.
    canvas.key('Down')
    canvas.geometry(lambda g: g['selection'] == ['c4'], what='Compares prices selected')
    canvas.key('shift+Return')
    canvas.geometry(lambda g: g['editing'], what='the editor below Compares prices')
    canvas.type('Asks for a demo')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Asks for a demo'), what='the second new card')

    # Up twice walks back to the first new card; typing replaces its text.
    canvas.key('Up')
    canvas.key('Up')
    canvas.type('Walks in')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Walks in'), what='the edited card')

    # Escape cancels an edit.
    canvas.key('Return')
    canvas.type(' and leaves')
    canvas.key('Escape')
    canvas.geometry(lambda g: not g['editing'], what='the editor to close')

    shot = canvas.screenshot('canvas-keyboard')
    doc = canvas.save()
    assert canvastest.cards_in(doc, 'l1', 's2') == ['Walks in'], canvastest.cards_in(doc, 'l1', 's2')
    assert canvastest.cards_in(doc, 'l2', 's2') == ['Compares prices', 'Asks for a demo'], \
        canvastest.cards_in(doc, 'l2', 's2')
    print(f'ok 1 cards created and edited with the keyboard alone; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 2 the app exited with status {status}')
print('ok 2 quits cleanly')

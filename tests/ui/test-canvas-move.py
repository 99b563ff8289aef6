#!/usr/bin/python3
# Drag a card to another stage, and reorder cards within a cell. Checked in
# the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

canvas = canvastest.Canvas()
try:
    g = canvas.fit(hide_palette=True)

    # "Asks a friend" from Awareness to Purchase, same lane.
    card = canvas.center(canvas.card(g, 'Asks a friend'))
    cell = canvas.center(canvas.cell(g, 'Customer actions', 'Purchase'))
    canvas.drag(card, cell)
    g = canvas.geometry(lambda g: canvas.card(g, 'Asks a friend')['stage'] == 's3',
                        what='the card in Purchase')

    # "Reads a review" above "Sees an ad" in their cell.
    card = canvas.center(canvas.card(g, 'Reads a review'))
    above = canvas.center(canvas.card(g, 'Sees an ad'), 0.5, 0.2)
    canvas.drag(card, above)
    canvas.geometry(lambda g: canvas.card(g, 'Reads a review')['y'] < canvas.card(g, 'Sees an ad')['y'],
                    what='the cards reordered')

    shot = canvas.screenshot('canvas-move')
    doc = canvas.save()
    assert canvastest.cards_in(doc, 'l2', 's3') == ['Asks a friend'], canvastest.cards_in(doc, 'l2', 's3')
    assert canvastest.cards_in(doc, 'l2', 's1') == [], canvastest.cards_in(doc, 'l2', 's1')
    assert canvastest.cards_in(doc, 'l1', 's1') == ['Reads a review', 'Sees an ad'], \
        canvastest.cards_in(doc, 'l1', 's1')
    print(f'ok 1 a card moved to another stage and reordered in its cell; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 2 the app exited with status {status}')
print('ok 2 quits cleanly')

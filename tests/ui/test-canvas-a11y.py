#!/usr/bin/python3
# Screen readers find the palette's items, the editor's main controls and
# the cards (with their kind) by accessible name; a palette item activated
# without a drag adds a card next to the selection.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

canvas = canvastest.Canvas(a11y=True)
try:
    app = canvas.app
    for name in ('Stage', 'Pain points lane', 'Pain point', 'Website touchpoint', 'Note'):
        app.find('list item', name, timeout=20)
    print('ok 1 palette items found by name')

    for role, name in (('push button', 'Show Palette'), ('push button', 'Show Inspector'),
                       ('push button', 'Zoom In'), ('push button', 'Zoom Out'),
                       ('push button', 'Undo'), ('push button', 'Redo')):
        app.find(role, name)
    print('ok 2 main actions found by name')

    card = app.find('push button', 'Checkout fails')
    description = card.get_description()
    assert 'Pain point' in description and 'Purchase' in description, description
    app.find('push button', 'Sees an ad')
    print(f'ok 3 cards found by name, described as "{description}"')

    # Select a card, then activate "Pain point" in the palette instead of
    # dragging it: a new pain point card right after the selection.
    g = canvas.fit()
    canvas.click(canvas.center(canvas.card(g, 'Checkout fails')))
    canvas.geometry(lambda g: g['selection'] == ['c5'], what='Checkout fails selected')
    # GTK 4.8 list rows offer no AT-SPI action: activate the row itself.
    g = canvas.geometry(lambda g: len(g['palette']) > 0, what='the palette')
    canvas.click(canvas.center(canvas.palette(g, 'Pain point')))
    canvas.geometry(lambda g: g['editing'], what='the editor on the new card')
    canvas.type('Card declined')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Card declined'), what='the new card')
    shot = canvas.screenshot('canvas-a11y')
    doc = canvas.save()
    assert canvastest.cards_in(doc, 'l5', 's3') == ['Checkout fails', 'Card declined'], \
        canvastest.cards_in(doc, 'l5', 's3')
    print(f'ok 4 a palette item activated without a drag adds a card; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 5 the app exited with status {status}')
print('ok 5 quits cleanly')

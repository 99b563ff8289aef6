#!/usr/bin/python3
# Copy, cut, paste and duplicate cards with the keyboard; pasting keeps a
# card's details. Checked in the saved document.
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

    # Copy "Sees an ad", paste it into the empty Touchpoints × Consideration.
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='Sees an ad selected')
    canvas.key('ctrl+c')
    canvas.key('Right')
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas' and not g['selection'], what='the empty cell')
    canvas.key('ctrl+v')
    canvas.geometry(lambda g: sum(c['text'] == 'Sees an ad' for c in g['cards']) == 2, what='the pasted card')

    # Cut "Checkout fails", paste it after "Compares prices".
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Checkout fails')))
    canvas.geometry(lambda g: g['selection'] == ['c5'], what='Checkout fails selected')
    canvas.key('ctrl+x')
    canvas.geometry(lambda g: canvas.card(g, 'Checkout fails') is None, what='the cut card gone')
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Compares prices')))
    canvas.geometry(lambda g: g['selection'] == ['c4'], what='Compares prices selected')
    canvas.key('ctrl+v')
    canvas.geometry(lambda g: canvas.card(g, 'Checkout fails') is not None, what='the card pasted back')

    # Duplicate it.
    canvas.key('ctrl+d')
    canvas.geometry(lambda g: sum(c['text'] == 'Checkout fails' for c in g['cards']) == 2, what='the duplicate')

    shot = canvas.screenshot('canvas-clipboard')
    doc = canvas.save()
    pasted = [c for c in doc['cards'] if c['lane'] == 'l1' and c['stage'] == 's2']
    assert [c['text'] for c in pasted] == ['Sees an ad'], pasted
    assert pasted[0].get('channel') == 'social-media' and pasted[0]['id'] != 'c1', pasted
    assert canvastest.cards_in(doc, 'l2', 's2') == ['Compares prices', 'Checkout fails', 'Checkout fails'], \
        canvastest.cards_in(doc, 'l2', 's2')
    assert canvastest.cards_in(doc, 'l5', 's3') == [], canvastest.cards_in(doc, 'l5', 's3')
    print(f'ok 1 copy, cut, paste and duplicate; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 2 the app exited with status {status}')
print('ok 2 quits cleanly')

#!/usr/bin/python3
# Rubber-band select three cards, delete them, undo. Checked in the saved
# document each time.
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
    c1 = canvas.card(g, 'Sees an ad')
    c3 = canvas.card(g, 'Asks a friend')
    cell = canvas.cell(g, 'Customer actions', 'Awareness')

    # From the empty bottom of Customer actions × Awareness up past "Sees an ad".
    start = canvas.screen(c3['x'] + c3['w'] * 0.8, (c3['y'] + c3['h'] + cell['y'] + cell['h']) / 2)
    end = canvas.screen(c1['x'] + 4, c1['y'] + 4)
    canvas.drag(start, end)
    canvas.geometry(lambda g: sorted(g['selection']) == ['c1', 'c2', 'c3'], what='three cards selected')
    shot = canvas.screenshot('canvas-select-band')

    canvas.key('Delete')
    canvas.geometry(lambda g: canvas.card(g, 'Sees an ad') is None, what='the cards deleted')
    canvas.screenshot('canvas-select-deleted')
    doc = canvas.save()
    assert sorted(c['id'] for c in doc['cards']) == ['c4', 'c5'], [c['id'] for c in doc['cards']]
    print(f'ok 1 rubber band selected three cards and Delete removed them; screenshot: {shot}')

    canvas.key('ctrl+z')
    canvas.geometry(lambda g: canvas.card(g, 'Sees an ad') is not None, what='the cards back')
    doc = canvas.save()
    assert sorted(c['id'] for c in doc['cards']) == ['c1', 'c2', 'c3', 'c4', 'c5'], [c['id'] for c in doc['cards']]
    assert canvastest.cards_in(doc, 'l1', 's1') == ['Sees an ad', 'Reads a review']
    print('ok 2 one undo brought all three back in place')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')

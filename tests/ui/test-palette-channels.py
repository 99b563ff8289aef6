#!/usr/bin/python3
# The palette lists the map's own channels after the standard ones; a
# touchpoint dragged from such a row lands on that channel. Checked in the
# saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

canvas = canvastest.Canvas(fixture='canvas-channels.trailmap')
try:
    canvas.fit()   # the inspector away and the whole map in view; the palette stays
    g = canvas.geometry(lambda g: len(g['palette']) > 0, what='the palette')
    labels = [row['label'] for row in g['palette']]
    assert 'SMS touchpoint' in labels, labels
    assert labels.index('SMS touchpoint') > labels.index('Follow-up touchpoint'), labels
    print('ok 1 the palette lists the map channel after the standard ones')

    # The row lies at the end of a long list: scroll the palette to its end
    # (more wheel clicks than it needs; the end stops it).
    x, y = canvas.center(g['palette'][0])
    trailtest.xdotool('mousemove', str(x), str(y))
    for _ in range(30):
        trailtest.xdotool('click', '5')
    before = canvas.palette(g, 'SMS touchpoint')['y']
    # The geometry aid writes on canvas changes only: zoom out and back.
    zoom = g['zoom']
    canvas.key('ctrl+minus')
    canvas.geometry(lambda g: g['zoom'] < zoom, what='the map zoomed out')
    canvas.key('ctrl+0')
    g = canvas.geometry(lambda g: g['zoom'] == zoom, what='the map fitted again')
    assert canvas.palette(g, 'SMS touchpoint')['y'] < before, 'the palette did not scroll'
    row = canvas.palette(g, 'SMS touchpoint')

    target = canvas.center(canvas.cell(g, 'Touchpoints', 'Consideration'))
    canvas.drag(canvas.center(row), target, steps=20)
    canvas.geometry(lambda g: g['editing'], what='the editor on the dropped card')
    canvas.type('Gets a reminder')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Gets a reminder'), what='the dropped card')

    shot = canvas.screenshot('palette-channels')
    doc = canvas.save()
    card = [c for c in doc['cards'] if c['text'] == 'Gets a reminder']
    assert len(card) == 1, doc['cards']
    assert card[0]['lane'] == 'l1' and card[0]['stage'] == 's2', card[0]
    assert card[0].get('custom-channel') == 'ch1', card[0]
    assert card[0].get('channel') == 'other', card[0]
    assert doc['channels'] == [{'id': 'ch1', 'name': 'SMS', 'icon': 'channel-live-chat'}], doc['channels']
    print(f'ok 2 a touchpoint dropped from the map channel row is on that channel; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')

#!/usr/bin/python3
# The card's Channel choice in the inspector lists the map's own channels
# after the standard ones: a card is put on the map's "SMS" channel, and
# another taken off it, by mouse and keyboard. Checked in the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
from inspectortest import (all_stages_in_view, choose_in_list, has_field, hide_palette,  # noqa: E402
                           log_problems, zoom_out_until)


def choose_channel(canvas, text, key):
    """Selects the card @text, opens its Channel list, picks with @key."""
    g = canvas.geometry(lambda g: canvas.card(g, text) is not None, what=f'the card "{text}"')
    canvas.click(canvas.center(canvas.card(g, text)))
    g = canvas.geometry(lambda g: has_field('Channel')(g) and len(g['selection']) == 1,
                        what='the card in the inspector')
    choose_in_list(canvas, g, 'Channel', key)


def card(doc, cid):
    return next(c for c in doc['cards'] if c['id'] == cid)


canvas = canvastest.Canvas(fixture='canvas-channels.trailmap')
try:
    hide_palette(canvas)
    zoom_out_until(canvas, all_stages_in_view(3), 'the three stages')

    # The map's own channel is the list's last entry.
    choose_channel(canvas, 'Asks a friend', 'End')
    doc = canvas.save()
    c3 = card(doc, 'c3')
    assert c3.get('custom-channel') == 'ch1' and c3.get('channel') == 'other', c3
    print('ok 1 a card put on the map\'s own SMS channel from the inspector')

    # The first entry is no channel: the card on SMS leaves it.
    choose_channel(canvas, 'Gets a text', 'Home')
    shot = canvas.screenshot('inspector-channel')
    doc = canvas.save()
    c6 = card(doc, 'c6')
    assert 'custom-channel' not in c6 and c6.get('channel') in (None, 'none'), c6
    assert card(doc, 'c3').get('custom-channel') == 'ch1', card(doc, 'c3')
    print(f'ok 2 and another taken off it; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 4 the app logged: ' + ''.join(problems))
print('ok 4 no critical or warning in the log')

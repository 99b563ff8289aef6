#!/usr/bin/python3
# Tags a card with personas through the inspector's check boxes: a click
# on a persona's row tags or untags the card, one undo step each, and the
# rows stay put while they are clicked (they are not rebuilt from inside
# their own toggle). Checked in the saved file and the log.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402
from inspectortest import field, fixture_variant, has_field, hide_palette, log_problems, zoom_out_until  # noqa: E402


def add_two_personas(doc):
    doc['personas'] = [{'id': 'dana', 'name': 'Dana', 'color': '#1c71d8'},
                       {'id': 'lee', 'name': 'Lee', 'color': '#c01c28'}]


def tags(doc):
    return next(c for c in doc['cards'] if c['id'] == 'c4').get('personas', [])


fixture_dir = tempfile.mkdtemp(prefix='trailmap-tags-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_two_personas))
try:
    # A taller window, so the card's persona rows are in view in the inspector.
    trailtest.xdotool('windowsize', '--sync', canvas.window, '1280', '1000')
    hide_palette(canvas)
    g = zoom_out_until(canvas, lambda g: canvas.card(g, 'Compares prices') is not None and g['view']['h'] > 800,
                       'the card in the taller window')
    canvas.click(canvas.center(canvas.card(g, 'Compares prices')))
    canvas.geometry(lambda g: has_field('Text')(g) and g['selection'] == ['c4'], what='the card in the inspector')
    # The canvas writes its geometry (the inspector's rows included) when it changes.
    g = zoom_out_until(canvas, lambda g: g['zoom'] < 0.6 and has_field('Lee')(g), 'the persona rows')

    # Lee's row is below Dana's: aim at both from one geometry, they do not move.
    for name in ('Dana', 'Lee', 'Dana'):
        canvas.click(canvas.center(field(g, name), 0.5, 0.5))
    shot = canvas.screenshot('inspector-tags')
    doc = canvas.save()
    assert tags(doc) == ['lee'], tags(doc)
    print(f'ok 1 Dana tagged, Lee tagged, Dana untagged from the inspector; screenshot: {shot}')

    canvas.focus_canvas()
    canvas.key('ctrl+z')
    doc = canvas.save()
    assert sorted(tags(doc)) == ['dana', 'lee'], tags(doc)
    print('ok 2 one undo step per click')
finally:
    status = canvas.close()
    shutil.rmtree(fixture_dir, ignore_errors=True)
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 4 the app logged: ' + ''.join(problems))
print('ok 4 no critical or warning in the log')

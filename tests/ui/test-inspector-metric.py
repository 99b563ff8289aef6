#!/usr/bin/python3
# A metric typed in the inspector (issue 16): a card of a KPIs lane shows a
# Metric group; its dated values are typed the way people write them
# ("2026-03 3,1; 2026-04 2.7"), with a target and a unit; Enter or leaving
# a row commits it. What cannot be read stays in the row and changes
# nothing. Checked in the saved file and the log.
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

VALUES = 'Values (2026-03 3.1; 2026-04 2.7)'


def add_kpis_lane(doc):
    doc['lanes'].append({'id': 'l6', 'kind': 'kpis', 'title': 'KPIs'})
    doc['cards'].append({'id': 'c6', 'lane': 'l6', 'stage': 's2', 'text': 'Conversion'})


def metric(doc):
    card = next(c for c in doc['cards'] if c['id'] == 'c6')
    return card.get('metric-values'), card.get('metric-target'), card.get('metric-unit')


def type_into(canvas, g, label, text):
    canvas.click(canvas.center(field(g, label), 0.5, 0.5))
    canvas.key('ctrl+a')
    canvas.key('BackSpace')
    if text:
        canvas.type(text)
    canvas.key('Return')


fixture_dir = tempfile.mkdtemp(prefix='trailmap-metric-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_kpis_lane))
try:
    trailtest.xdotool('windowsize', '--sync', canvas.window, '1280', '1400')
    hide_palette(canvas)
    g = zoom_out_until(canvas, lambda g: canvas.card(g, 'Conversion') is not None and g['view']['h'] > 800,
                       'the metric card in the taller window')
    canvas.click(canvas.center(canvas.card(g, 'Conversion')))
    canvas.geometry(lambda g: has_field('Text')(g) and g['selection'] == ['c6'], what='the card in the inspector')
    g = zoom_out_until(canvas, lambda g: g['zoom'] < 0.6 and has_field('Target')(g) and has_field(VALUES)(g),
                       'the metric rows')
    shot = canvas.screenshot('inspector-metric-empty')

    type_into(canvas, g, VALUES, '2026-04 2.7; 2026-03 3,1')
    type_into(canvas, g, 'Target', '3,5')
    doc = canvas.save()
    values, target, unit = metric(doc)
    assert values == ['2026-03=3.1', '2026-04=2.7'], values
    assert target == '3.5', target
    print(f'ok 1 dated values (date order, decimal comma) and a target typed; screenshot: {shot}')

    # Nonsense is kept in the row, marked, and changes nothing.
    type_into(canvas, g, VALUES, 'March 3')
    type_into(canvas, g, 'Target', 'lots')
    shot = canvas.screenshot('inspector-metric-error')
    doc = canvas.save()
    assert metric(doc)[:2] == (['2026-03=3.1', '2026-04=2.7'], '3.5'), metric(doc)
    print(f'ok 2 values and a target that cannot be read change nothing; screenshot: {shot}')

    # Emptied: no longer a metric.
    type_into(canvas, g, VALUES, '')
    doc = canvas.save()
    assert metric(doc)[0] is None, metric(doc)
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    doc = canvas.save()
    assert metric(doc)[0] == ['2026-03=3.1', '2026-04=2.7'], metric(doc)
    print('ok 3 emptied values remove them, one undo step brings them back')

    # Another lane's card shows no Metric group.
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Compares prices')))
    g = canvas.geometry(lambda g: g['selection'] == ['c4'] and not has_field('Target')(g),
                        what='a card of another lane, without the Metric group')
    print('ok 4 a card of another lane has no Metric group')
finally:
    status = canvas.close()
    shutil.rmtree(fixture_dir, ignore_errors=True)
if status != 0:
    raise SystemExit(f'not ok 5 the app exited with status {status}')
print('ok 5 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 6 the app logged: ' + ''.join(problems))
print('ok 6 no critical or warning in the log')

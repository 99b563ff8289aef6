#!/usr/bin/python3
# The checked persona is the one whose emotion line a click in an emotions
# lane edits, also in a lane that belongs to another persona (the First
# ride template's emotions lane is Daniel's): with Grace checked, the
# point goes on Grace's line; checked back to Daniel, on his. Checked in
# the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

source = os.path.join(os.environ.get('TRAILMAP_SOURCE_ROOT', os.path.join(os.path.dirname(__file__), '..', '..')),
                      'data', 'templates', 'first-ride.trailmap')
with open(source) as f:
    template = json.load(f)
template['title'] = 'Canvas test map'
fixture_dir = tempfile.mkdtemp(prefix='trailmap-first-ride-')
fixture = os.path.join(fixture_dir, 'first-ride.trailmap')
with open(fixture, 'w') as f:
    json.dump(template, f)


def n_points(doc, line):
    return len(next(e for e in doc['emotion-lines'] if e['id'] == line)['points'])


def check(canvas, g, name):
    """Clicks the check button at the end of a persona's palette row."""
    row = canvas.palette(g, name)
    canvas.click(canvas.screen(row['x'] + row['w'] - 22, row['y'] + row['h'] / 2))


def click_in_lane(canvas, g, stage_index, score):
    """A click in the emotions lane, away from the points in the middle."""
    emotions = g['emotions'][0]
    stage = sorted(g['stages'], key=lambda s: s['x'])[stage_index]
    y = emotions['score_y'][str(score)]['y']
    canvas.click(canvas.screen(stage['x'] + stage['w'] * 0.2, y))


canvas = canvastest.Canvas(fixture)
try:
    canvas.focus_canvas()
    canvas.key('shift+F9')   # the inspector away; the palette with its personas stays
    # The personas are at the end of the palette: scroll it there.
    g = canvas.geometry()
    row = canvas.palette(g, 'Stage')
    canvastest.trailtest.xdotool('mousemove', *map(str, canvas.center(row)))
    canvastest.trailtest.xdotool('click', '--repeat', '15', '--delay', '30', '5')
    canvas.focus_canvas()
    canvas.key('ctrl+minus', 'ctrl+minus')   # the emotions lane in view
    g = canvas.geometry(lambda g: g['zoom'] < 0.4 and g.get('emotions') and len(g['stages']) >= 2 and
                        canvas.palette(g, 'Grace Chen')['y'] + 40 < g['view']['y'] + g['view']['h'],
                        what='the emotions lane and the personas in view')
    low = min(int(k) for k in g['emotions'][0]['score_y'])

    check(canvas, g, 'Grace Chen')
    click_in_lane(canvas, g, 1, low)
    doc = canvas.save()
    assert n_points(doc, 'e2') == 7 and n_points(doc, 'e1') == 6, (n_points(doc, 'e1'), n_points(doc, 'e2'))

    g = canvas.geometry()
    check(canvas, g, 'Daniel Okafor')
    click_in_lane(canvas, g, 0, low)
    doc = canvas.save()
    assert n_points(doc, 'e1') == 7 and n_points(doc, 'e2') == 7, (n_points(doc, 'e1'), n_points(doc, 'e2'))
    added = [p for p in next(e for e in doc['emotion-lines'] if e['id'] == 'e2')['points'] if p['score'] == low]
    assert added and added[0]['stage'] == 's2', added

    shot = canvas.screenshot('canvas-persona-line')
    print(f'ok 1 the checked persona gets the point, in a lane of another persona; screenshot: {shot}')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('canvas-persona-line-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
canvas.report_quit(status, 2)

#!/usr/bin/python3
# Changes an emotions lane's Persona in the inspector, twice, by mouse and
# keyboard. Each change is saved, and the app logs no critical (it used to
# log "g_object_notify_by_pspec: assertion 'G_IS_OBJECT (object)' failed"
# on every change: the choice list was replaced from inside its own
# change notification).
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
from inspectortest import (choose_in_list, fixture_variant, has_field, hide_palette, log_problems,  # noqa: E402
                           zoom_out_until)


def add_two_personas(doc):
    doc['personas'] = [{'id': 'dana', 'name': 'Dana', 'color': '#1c71d8'},
                       {'id': 'lee', 'name': 'Lee', 'color': '#c01c28'}]


def lane(g, title):
    return next(lane for lane in g['lanes'] if lane['title'] == title)


fixture_dir = tempfile.mkdtemp(prefix='trailmap-lane-persona-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_two_personas))
try:
    hide_palette(canvas)

    def emotions_in_view(g):
        view = g['view']
        return any(lane['title'] == 'Emotions' and lane['y'] + 40 < view['y'] + view['h'] for lane in g['lanes'])
    g = zoom_out_until(canvas, emotions_in_view, 'the Emotions lane')
    emotions = lane(g, 'Emotions')
    canvas.click(canvas.screen(emotions['x'] + emotions['w'] / 2, emotions['y'] + 12))
    g = canvas.geometry(has_field('Persona'), what='the lane in the inspector')

    choose_in_list(canvas, g, 'Persona', 'End')
    doc = canvas.save()
    emotions = next(lane for lane in doc['lanes'] if lane['id'] == 'l4')
    assert emotions.get('persona') == 'lee', emotions
    print('ok 1 the emotions lane drawn for Lee, chosen in the inspector')

    choose_in_list(canvas, g, 'Persona', 'Home', 'Down')
    doc = canvas.save()
    emotions = next(lane for lane in doc['lanes'] if lane['id'] == 'l4')
    assert emotions.get('persona') == 'dana', emotions
    shot = canvas.screenshot('inspector-lane-persona')
    print(f'ok 2 then for Dana; screenshot: {shot}')
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

#!/usr/bin/python3
# Changes an emotions lane's Persona in the inspector, twice, by mouse and
# keyboard. Each change is saved, and the app logs no critical (it used to
# log "g_object_notify_by_pspec: assertion 'G_IS_OBJECT (object)' failed"
# on every change: the choice list was replaced from inside its own
# change notification).
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')


def two_persona_fixture(directory):
    with open(os.path.join(HERE, 'canvas-small.trailmap')) as f:
        doc = json.load(f)
    doc['personas'] = [{'id': 'dana', 'name': 'Dana', 'color': '#1c71d8'},
                       {'id': 'lee', 'name': 'Lee', 'color': '#c01c28'}]
    path = os.path.join(directory, 'personas.trailmap')
    with open(path, 'w') as f:
        json.dump(doc, f)
    return path


def log_problems(app):
    with open(app.log_path) as f:
        return [line for line in f if 'CRITICAL' in line or 'WARNING' in line]


def field(g, label):
    return next(f for f in g['inspector'] if f['label'] == label)


def lane(g, title):
    return next(lane for lane in g['lanes'] if lane['title'] == title)


def choose(canvas, g, *keys):
    """Opens the Persona row's list, moves with @keys, picks with Return."""
    canvas.click(canvas.center(field(g, 'Persona')))
    time.sleep(0.8)  # the list's popover opens: an animation, not a state to poll
    canvas.key(*keys)
    canvas.key('Return')
    time.sleep(0.5)


fixture_dir = tempfile.mkdtemp(prefix='trailmap-lane-persona-')
canvas = canvastest.Canvas(fixture=two_persona_fixture(fixture_dir))
try:
    canvas.focus_canvas()
    canvas.key('F9')
    canvas.key('ctrl+minus')
    canvas.key('ctrl+minus')
    g = canvas.geometry(lambda g: g['zoom'] < 0.7 and any(lane['title'] == 'Emotions' for lane in g['lanes']),
                        what='the Emotions lane in view')
    emotions = lane(g, 'Emotions')
    canvas.click(canvas.screen(emotions['x'] + emotions['w'] / 2, emotions['y'] + 12))
    g = canvas.geometry(lambda g: any(f['label'] == 'Persona' for f in g['inspector']),
                        what='the lane in the inspector')

    choose(canvas, g, 'End')
    doc = canvas.save()
    emotions = next(lane for lane in doc['lanes'] if lane['id'] == 'l4')
    assert emotions.get('persona') == 'lee', emotions
    print('ok 1 the emotions lane drawn for Lee, chosen in the inspector')

    choose(canvas, g, 'Home', 'Down')
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

#!/usr/bin/python3
# Drag an emotion point from one value to another; click the emotions lane
# to add a point. Checked in the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402


def plot(g):
    return g['emotions'][0]


def point(g, pid):
    return next(p for p in plot(g)['points'] if p['id'] == pid)


canvas = canvastest.Canvas()
try:
    g = canvas.fit(hide_palette=True)

    # p2 (Consideration, neutral) up to +2, "Very positive".
    p2 = point(g, 'p2')
    top = plot(g)['score_y']['2']['y']
    canvas.drag(canvas.screen(p2['x'], p2['y']), canvas.screen(p2['x'], top + 1), steps=16)
    g = canvas.geometry(lambda g: point(g, 'p2')['score'] == 2, what='p2 at +2')

    # p3 (Purchase, -1) down to -2.
    p3 = point(g, 'p3')
    bottom = plot(g)['score_y']['-2']['y']
    canvas.drag(canvas.screen(p3['x'], p3['y']), canvas.screen(p3['x'], bottom - 1), steps=16)
    g = canvas.geometry(lambda g: point(g, 'p3')['score'] == -2, what='p3 at -2')

    shot = canvas.screenshot('canvas-emotion')
    doc = canvas.save()
    points = {p['id']: p for p in doc['emotion-lines'][0]['points']}
    assert points['p2']['score'] == 2 and points['p2']['stage'] == 's2', points['p2']
    assert points['p3']['score'] == -2 and points['p3']['stage'] == 's3', points['p3']
    assert points['p1']['score'] == 1, points['p1']
    print(f'ok 1 emotion points dragged to new values; screenshot: {shot}')

    # Undo takes the last drag back as one step.
    canvas.key('ctrl+z')
    doc = canvas.save()
    points = {p['id']: p for p in doc['emotion-lines'][0]['points']}
    assert points['p3']['score'] == -1, points['p3']
    print('ok 2 one undo takes one drag back')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 3 the app exited with status {status}')
print('ok 3 quits cleanly')

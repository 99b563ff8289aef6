#!/usr/bin/python3
# Reorder a stage by dragging its header; a lane by dragging its title.
# Checked in the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402


def stage(g, name):
    return next(s for s in g['stages'] if s['name'] == name)


def lane(g, title):
    return next(lane for lane in g['lanes'] if lane['title'] == title)


canvas = canvastest.Canvas()
try:
    g = canvas.fit(hide_palette=True)

    # Purchase to the front: drop on the left part of Awareness.
    canvas.drag(canvas.center(stage(g, 'Purchase')), canvas.center(stage(g, 'Awareness'), 0.2, 0.5))
    g = canvas.geometry(lambda g: stage(g, 'Purchase')['x'] < stage(g, 'Awareness')['x'],
                        what='Purchase first')

    # Pain points above Customer actions.
    canvas.drag(canvas.center(lane(g, 'Pain points'), 0.5, 0.3),
                canvas.center(lane(g, 'Customer actions'), 0.5, 0.2))
    g = canvas.geometry(lambda g: lane(g, 'Pain points')['y'] < lane(g, 'Customer actions')['y'],
                        what='Pain points above Customer actions')

    shot = canvas.screenshot('canvas-stage')
    doc = canvas.save()
    assert [s['id'] for s in doc['stages']] == ['s3', 's1', 's2'], [s['id'] for s in doc['stages']]
    assert [lane['id'] for lane in doc['lanes']] == ['l1', 'l5', 'l2', 'l4'], [lane['id'] for lane in doc['lanes']]
    print(f'ok 1 a stage and a lane reordered by dragging their headers; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 2 the app exited with status {status}')
print('ok 2 quits cleanly')

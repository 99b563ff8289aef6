#!/usr/bin/python3
# Renames four stages and three lanes in a row through the inspector's
# Name and Title fields, typing at the end of each field the way a
# facilitator does: select a header on the canvas, click the field, type.
# Stages are committed with Enter, lanes by selecting the next lane. Each
# item must get its own name plus what was typed for it — never the text
# of the item shown before. Then, with the keyboard still in the
# inspector, a click on another header and typing renames that header in
# place, and Tab goes on to the next. Checked in the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
from inspectortest import (all_stages_in_view, field, fixture_variant, has_field, hide_palette,  # noqa: E402
                           log_problems, zoom_out_until)


def add_fourth_stage(doc):
    doc['stages'].append({'id': 's4', 'name': 'Retention'})


def type_at_end(canvas, g, label, text):
    """Clicks the field's right part (past its text), presses End, types."""
    rect = field(g, label)
    canvas.click(canvas.center(rect, 0.9, 0.65))
    # As a person would, End once the field has the keyboard: GTK 4.24
    # drops the keys of the moment it takes it (the entry row selects its
    # text then), and End would be lost.
    canvas.geometry(lambda g: g['focus'] == 'GtkText', what=f'the {label} field focused')
    canvas.key('End')
    canvas.type(text)


fixture_dir = tempfile.mkdtemp(prefix='trailmap-rename-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, add_fourth_stage))
try:
    # Room for all four stages beside the inspector.
    hide_palette(canvas)
    g = zoom_out_until(canvas, lambda g: all_stages_in_view(4)(g) and len(g['lanes']) == 4,
                       'four stages and the lanes')

    stages = {s['id']: s for s in g['stages']}
    suffixes = {'s1': ' (ads)', 's2': ' (compare)', 's3': ' (buy)', 's4': ' (stay)'}
    for sid in ('s1', 's2', 's3', 's4'):
        canvas.click(canvas.center(stages[sid], 0.5, 0.5))
        g = canvas.geometry(has_field('Description'), what='a stage in the inspector')
        type_at_end(canvas, g, 'Name', suffixes[sid])
        canvas.key('Return')

    lanes = {lane['id']: lane for lane in canvas.geometry()['lanes']}
    lane_suffixes = {'l1': ' seen', 'l2': ' done', 'l4': ' felt'}
    for lid in ('l1', 'l2', 'l4'):
        canvas.click(canvas.screen(lanes[lid]['x'] + lanes[lid]['w'] / 2, lanes[lid]['y'] + 12))
        g = canvas.geometry(has_field('Kind'), what='a lane in the inspector')
        # No Enter: selecting the next lane must commit this one's text.
        type_at_end(canvas, g, 'Title', lane_suffixes[lid])
    canvas.focus_canvas()

    shot = canvas.screenshot('inspector-rename')
    doc = canvas.save()
    names = {s['id']: s['name'] for s in doc['stages']}
    assert names == {'s1': 'Awareness (ads)', 's2': 'Consideration (compare)',
                     's3': 'Purchase (buy)', 's4': 'Retention (stay)'}, names
    print(f'ok 1 four stages renamed in a row in the inspector, each with its own text; screenshot: {shot}')
    titles = {lane['id']: lane['title'] for lane in doc['lanes']}
    assert titles == {'l1': 'Touchpoints seen', 'l2': 'Customer actions done',
                      'l4': 'Emotions felt', 'l5': 'Pain points'}, titles
    print('ok 2 three lanes renamed in a row, each committed to the lane it was typed for')

    # The keyboard in the inspector's Name field, a click on another stage
    # header: the click takes the keyboard, so typing renames that stage in
    # place (it used to go on into the field, before the name shown there).
    # Tab goes on to the next stage's name; past the last one the keyboard
    # stays on the map (it used to leave for the zoom button).
    g = canvas.geometry()
    stages = {s['id']: s for s in g['stages']}
    canvas.click(canvas.center(stages['s2'], 0.5, 0.5))
    g = canvas.geometry(has_field('Description'), what='a stage in the inspector')
    canvas.click(canvas.center(field(g, 'Name'), 0.9, 0.65))
    canvas.click(canvas.center(stages['s3'], 0.5, 0.5))
    canvas.type('Buy')
    canvas.key('Tab')
    canvas.geometry(lambda g: g['editing'] and any(s['name'] == 'Buy' for s in g['stages']),
                    what='the next stage\'s name in the editor')
    canvas.type('Stay')
    canvas.key('Tab')
    g = canvas.geometry(lambda g: not g['editing'] and g['focus'] == 'TrailCanvas',
                        what='the keyboard on the map after the last stage')
    shot = canvas.screenshot('inspector-rename-click')
    doc = canvas.save()
    names = [s['name'] for s in doc['stages']]
    assert names == ['Awareness (ads)', 'Consideration (compare)', 'Buy', 'Stay'], names
    print(f'ok 3 a click on a header takes the keyboard from the inspector; Tab names the next; screenshot: {shot}')
finally:
    status = canvas.close()
    shutil.rmtree(fixture_dir, ignore_errors=True)
if status != 0:
    raise SystemExit(f'not ok 4 the app exited with status {status}')
print('ok 4 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 5 the app logged: ' + ''.join(problems))
print('ok 5 no critical or warning in the log')

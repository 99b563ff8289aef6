#!/usr/bin/python3
# Ctrl+Z inside an inspector field undoes that field's typing only; with
# nothing left to undo in the field it does nothing (the document's undo
# is not run from inside a field), and it never writes a field's text onto
# another item. Outside a field, Ctrl+Z is the document's undo. Checked in
# the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
from inspectortest import (all_stages_in_view, field, has_field, hide_palette, log_problems,  # noqa: E402
                           zoom_out_until)


def select_stage(canvas, stages, sid):
    canvas.click(canvas.center(stages[sid]))
    return canvas.geometry(has_field('Description'), what='a stage in the inspector')


def click_field_end(canvas, g, label):
    canvas.click(canvas.center(field(g, label), 0.9, 0.65))
    canvas.key('End')


def names(doc):
    return {s['id']: s['name'] for s in doc['stages']}


canvas = canvastest.Canvas()
try:
    hide_palette(canvas)
    g = zoom_out_until(canvas, all_stages_in_view(3), 'the three stages')
    stages = {s['id']: s for s in g['stages']}

    # A rename, then the document's undo and redo from the canvas.
    g = select_stage(canvas, stages, 's2')
    click_field_end(canvas, g, 'Name')
    canvas.type(' X')
    canvas.key('Return')
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    assert names(canvas.save())['s2'] == 'Consideration', 'Ctrl+Z on the canvas did not undo the rename'
    canvas.focus_canvas()
    canvas.key('ctrl+shift+z')
    assert names(canvas.save())['s2'] == 'Consideration X', 'Ctrl+Shift+Z on the canvas did not redo the rename'
    print('ok 1 outside a field, Ctrl+Z and Ctrl+Shift+Z are the document\'s undo and redo')

    # Typing in stage 1's field, then Ctrl+Z three times: the first takes
    # the typing back, the others find nothing to undo in the field and must
    # not undo the document (stage 2's rename).
    g = select_stage(canvas, stages, 's1')
    click_field_end(canvas, g, 'Name')
    canvas.type(' now')
    canvas.key('ctrl+z', 'ctrl+z', 'ctrl+z')
    canvas.key('Return')
    doc = canvas.save()
    assert names(doc) == {'s1': 'Awareness', 's2': 'Consideration X', 's3': 'Purchase'}, names(doc)
    print('ok 2 Ctrl+Z in a field undid its typing only, not the document')

    # The same in a multi-line field (a GtkTextView, not a GtkText).
    g = select_stage(canvas, stages, 's3')
    canvas.click(canvas.center(field(g, 'Description')))
    canvas.type('Pays')
    canvas.key('ctrl+z', 'ctrl+z', 'ctrl+z')
    canvas.focus_canvas()
    doc = canvas.save()
    assert names(doc) == {'s1': 'Awareness', 's2': 'Consideration X', 's3': 'Purchase'}, names(doc)
    s3 = next(s for s in doc['stages'] if s['id'] == 's3')
    assert not s3.get('description'), s3
    print('ok 3 Ctrl+Z in a multi-line field undid its typing only, not the document')

    # Stage 2 next: its field shows its own name, and Ctrl+Z there cannot
    # bring back stage 1's text (the field forgot it when stage 2 was shown).
    g = select_stage(canvas, stages, 's2')
    click_field_end(canvas, g, 'Name')
    canvas.key('ctrl+z')
    canvas.type('!')
    canvas.key('Return')
    shot = canvas.screenshot('inspector-undo')
    doc = canvas.save()
    assert names(doc) == {'s1': 'Awareness', 's2': 'Consideration X!', 's3': 'Purchase'}, names(doc)
    print(f'ok 4 Ctrl+Z in the next stage\'s field wrote nothing of the previous stage onto it; screenshot: {shot}')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 5 the app exited with status {status}')
print('ok 5 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 6 the app logged: ' + ''.join(problems))
print('ok 6 no critical or warning in the log')

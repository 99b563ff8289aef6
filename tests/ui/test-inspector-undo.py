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

    # The canvas's own editors are text fields too: a card's text and a
    # stage's name edited in place. Ctrl+Z and Ctrl+Shift+Z there act on
    # the typing only, however often pressed; the map keeps its edits.
    before = canvas.save()
    canvas.focus_canvas()
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='Sees an ad selected')
    canvas.key('F2')
    canvas.geometry(lambda g: g['editing'], what='the card\'s editor')
    canvas.key('End')
    canvas.type(' twice')
    canvas.key('ctrl+z', 'ctrl+z', 'ctrl+z', 'ctrl+shift+z', 'ctrl+z', 'ctrl+z', 'ctrl+y', 'ctrl+z', 'ctrl+z')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: not g['editing'], what='the card\'s editor closed')
    g = select_stage(canvas, stages, 's2')
    canvas.key('F2')
    canvas.geometry(lambda g: g['editing'], what='the stage\'s name edited in place')
    canvas.type('Shortlist')
    canvas.key('ctrl+z', 'ctrl+z', 'ctrl+z', 'ctrl+shift+z', 'ctrl+z', 'ctrl+z')
    canvas.key('Escape')
    canvas.geometry(lambda g: not g['editing'], what='the rename cancelled')
    after = canvas.save()
    assert names(after) == names(before), names(after)
    assert [c['text'] for c in after['cards']] == [c['text'] for c in before['cards']], 'a card\'s text changed'
    # Back on the map, Ctrl+Z is the document's again: it takes back
    # stage 2's last rename ("!").
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    assert names(canvas.save())['s2'] == 'Consideration X', names(canvas.save())
    print('ok 5 Ctrl+Z and Ctrl+Shift+Z in a card\'s editor and in a stage renamed in place act on the typing only; '
          'on the map they are the document\'s again')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 6 the app exited with status {status}')
print('ok 6 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 7 the app logged: ' + ''.join(problems))
print('ok 7 no critical or warning in the log')

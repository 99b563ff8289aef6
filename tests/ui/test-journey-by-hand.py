#!/usr/bin/python3
# A facilitator builds a journey by hand, the way a workshop goes: from
# the Blank template, at speed, with the keyboard where it is quickest and
# the mouse where people reach for it. Five stages renamed in place one
# after another (each a different way), a sixth inserted and named; a
# lane's cells filled in one run of typing and Tab, on into the next lane;
# a card edited, one deleted and brought back from the toast, the last
# two undone and one redone. Each step starts from the state the one
# before left. The saved file must hold exactly that journey and pass
# `trailmap --validate`; the app must log nothing.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

SOURCE = os.environ.get('TRAILMAP_SOURCE_ROOT', os.path.join(os.path.dirname(__file__), '..', '..'))
STAGES = ['Hears of us', 'Downloads', 'Signs up', 'Books a ride', 'Rides', 'Rates the driver']
ACTIONS = ['Sees a poster', 'Finds the app', 'Enters a phone number', 'Picks a time', 'Gets in', 'Gives 4 stars']
THOUGHTS = ['Is it cheaper?', 'Another account?']  # ASCII: xdotool types others by remapping a key, racily

with open(os.path.join(SOURCE, 'data', 'templates', 'blank.trailmap')) as f:
    blank = json.load(f)
blank['title'] = 'Canvas test map'
fixture = os.path.join(tempfile.mkdtemp(prefix='trailmap-journey-'), 'blank.trailmap')
with open(fixture, 'w') as f:
    json.dump(blank, f)


def names(g):
    return [s['name'] for s in sorted(g['stages'], key=lambda s: s['x'])]


def header_spot(canvas, rect):
    """The name's line of a stage header."""
    return canvas.screen(rect['x'] + min(rect['w'] / 2, 60), rect['y'] + 12)


def stage(g, index):
    return sorted(g['stages'], key=lambda s: s['x'])[index]


def cell_texts(doc, lane_title, stage_name):
    lane = next(lane['id'] for lane in doc['lanes'] if lane['title'] == lane_title)
    stage = next(s['id'] for s in doc['stages'] if s['name'] == stage_name)
    return canvastest.cards_in(doc, lane, stage)


canvas = canvastest.Canvas(fixture=fixture, empty=True, a11y=True)
try:
    g = canvas.fit(hide_palette=True)
    assert names(g) == ['Awareness', 'Consideration', 'Decision', 'Retention', 'Loyalty'], names(g)

    # Stages renamed one after another: a double-click, a click and F2,
    # a click and typing, the context menu's Rename, and again typing —
    # no pause for the canvas between them but what the next step needs
    # to aim at.
    ways = ['double-click', 'F2', 'type', 'menu', 'type']
    for index, (name, way) in enumerate(zip(STAGES, ways)):
        spot = header_spot(canvas, stage(g, index))
        if way == 'double-click':
            trailtest.point_and_click(spot[0], spot[1], repeat=2)
        elif way == 'menu':
            canvas.click(spot, button=3)
            canvas.key('r')   # _Rename
        else:
            canvas.click(spot)
            canvas.geometry(lambda g, sid=stage(g, index)['id']: g['selected'] == sid,
                            what=f'stage {index + 1} selected')
            if way == 'F2':
                canvas.key('F2')
        if way != 'type':
            canvas.geometry(lambda g: g['editing'], what=f'the name editor ({way})')
            canvas.key('ctrl+a')
        canvas.type(name)
        canvas.key('Return')
        g = canvas.geometry(lambda g, i=index, n=name: not g['editing'] and names(g)[i] == n,
                            what=f'stage {index + 1} named "{name}" ({way})')
    assert names(g) == STAGES[:5], names(g)

    # A sixth stage after the last, named as it is inserted.
    canvas.click(header_spot(canvas, stage(g, 4)), button=3)
    canvas.key('a')   # Insert Stage _After
    canvas.geometry(lambda g: g['editing'], what='the new stage named in place')
    canvas.type(STAGES[5])
    canvas.key('Return')
    g = canvas.geometry(lambda g: not g['editing'] and names(g) == STAGES, what='six stages')
    print('ok 1 five stages renamed in place one after another, five ways, and a sixth inserted and named')

    # A lane filled in one run: a click on its first cell, then each card
    # typed and Tab to the next cell — past the last stage, Tab goes on to
    # the next lane's first cell.
    canvas.key('ctrl+0')   # fit the six stages (the panels stay hidden)
    g = canvas.geometry(lambda g: canvastest.fitted(g), what='the map fitted')
    first = canvas.cell(g, 'Customer actions', STAGES[0])
    canvas.click(canvas.center(first))
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas', what='the keyboard on the first cell')
    for text in ACTIONS + THOUGHTS:
        canvas.type(text)
        canvas.key('Tab')
    canvas.key('Escape')
    g = canvas.geometry(lambda g: not g['editing'] and len(g['cards']) == 8, what='eight cards')
    doc = canvas.save()
    for stage_name, text in zip(STAGES, ACTIONS):
        assert cell_texts(doc, 'Customer actions', stage_name) == [text], (stage_name, doc['cards'])
    assert cell_texts(doc, 'Thoughts', STAGES[0]) == [THOUGHTS[0]], doc['cards']
    assert cell_texts(doc, 'Thoughts', STAGES[1]) == [THOUGHTS[1]], doc['cards']
    print('ok 2 six cards typed along a lane and two into the next, each in its own cell, with Tab')

    # A card edited in place, one deleted and taken back from the toast,
    # then the last two edits undone and one redone.
    canvas.click(canvas.center(canvas.card(g, 'Picks a time')))
    canvas.geometry(lambda g: len(g['selection']) == 1, what='Picks a time selected')
    canvas.key('F2', 'End')
    canvas.type(' for pickup')
    canvas.key('ctrl+Return')
    g = canvas.geometry(lambda g: canvas.card(g, 'Picks a time for pickup') is not None, what='the edit')
    canvas.click(canvas.center(canvas.card(g, 'Gets in')))
    canvas.geometry(lambda g: len(g['selection']) == 1, what='Gets in selected')
    canvas.key('Delete')
    g = canvas.geometry(lambda g: canvas.card(g, 'Gets in') is None, what='Gets in deleted')
    canvas.app.click(canvas.app.toast_button('Undo'))
    g = canvas.geometry(lambda g: canvas.card(g, 'Gets in') is not None, what='Gets in back from the toast')
    canvas.click(canvas.center(canvas.card(g, 'Sees a poster')))
    canvas.geometry(lambda g: len(g['selection']) == 1, what='Sees a poster selected')
    canvas.type('Sees a bus ad')
    canvas.key('ctrl+Return')
    g = canvas.geometry(lambda g: canvas.card(g, 'Sees a bus ad') is not None, what='Sees a bus ad')
    # Undo takes back the bus ad, then the edit before it (the toast's
    # Undo was itself an undo, not a step); redo brings that edit back.
    canvas.key('ctrl+z', 'ctrl+z', 'ctrl+shift+z')
    g = canvas.geometry(lambda g: canvas.card(g, 'Sees a poster') is not None and
                        canvas.card(g, 'Picks a time for pickup') is not None, what='two undone, one redone')
    doc = canvas.save()
    expected = dict(zip(STAGES, ACTIONS))
    expected[STAGES[3]] = 'Picks a time for pickup'
    for stage_name, text in expected.items():
        assert cell_texts(doc, 'Customer actions', stage_name) == [text], (stage_name, doc['cards'])
    assert len(doc['cards']) == 8, [c['text'] for c in doc['cards']]
    assert [s['name'] for s in doc['stages']] == STAGES, doc['stages']
    shot = canvas.screenshot('journey-by-hand')
    print(f'ok 3 a card edited, one deleted and taken back from the toast, two undone and one redone; '
          f'screenshot: {shot}')

    valid = subprocess.run([os.environ['TRAILMAP_EXE'], '--validate', canvas.path], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    print('ok 4 the saved journey passes trailmap --validate')
except Exception:
    g = canvas.geometry()
    print(f'# failed with stages {names(g)}, editing {g["editing"]}, focus {g["focus"]}, '
          f'selection {g["selection"]}; screenshot: {canvas.screenshot("journey-by-hand-failed")}', file=sys.stderr)
    raise
finally:
    status = canvas.close()
canvas.report_quit(status, 5)

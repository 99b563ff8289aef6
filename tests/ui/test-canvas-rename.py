#!/usr/bin/python3
# Stages and lanes are renamed in place, at speed, each a different way:
# double-click, F2, the context menu's Rename, typing on a selected header,
# a new stage named as it is inserted. Enter commits (one undo step),
# Escape cancels, and typing on a selected header never starts a card in
# some other cell nor loses a letter. Checked in the saved file.
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


def header_spot(canvas, rect):
    """The name's line of a stage header or lane title."""
    return canvas.screen(rect['x'] + min(rect['w'] / 2, 60), rect['y'] + 12)


def double_click(point):
    canvastest.trailtest.point_and_click(point[0], point[1], repeat=2)


def names(g):
    return [s['name'] for s in sorted(g['stages'], key=lambda s: s['x'])]


def titles(g):
    return [lane['title'] for lane in sorted(g['lanes'], key=lambda lane: lane['y'])]


canvas = canvastest.Canvas()
try:
    g = canvas.fit(hide_palette=True)
    n_cards = len(g['cards'])

    # 1. Double-click a stage header: the name is selected, typing replaces it.
    double_click(header_spot(canvas, stage(g, 'Awareness')))
    canvas.geometry(lambda g: g['editing'], what='the name editor on Awareness')
    canvas.type('Download')
    canvas.key('Return')
    g = canvas.geometry(lambda g: not g['editing'] and names(g)[0] == 'Download', what='Download')

    # 2. Click a header, F2.
    canvas.click(header_spot(canvas, stage(g, 'Consideration')))
    canvas.key('F2')
    canvas.geometry(lambda g: g['editing'], what='the name editor on Consideration')
    canvas.type('Sign up')
    canvas.key('Return')
    g = canvas.geometry(lambda g: names(g)[1] == 'Sign up', what='Sign up')

    # 3. Typing on a selected header renames it, with every letter.
    canvas.click(header_spot(canvas, stage(g, 'Purchase')))
    canvas.type('Book a ride')
    canvas.key('Return')
    g = canvas.geometry(lambda g: not g['editing'] and names(g)[2] == 'Book a ride', what='Book a ride')
    assert len(g['cards']) == n_cards, 'typing on a header made a card'

    # 4. The context menu: Insert Stage After names the new stage at once.
    canvas.click(header_spot(canvas, stage(g, 'Book a ride')), button=3)
    canvas.key('a')   # Insert Stage _After
    canvas.geometry(lambda g: g['editing'], what='the new stage named in place')
    canvas.type('Rate the driver')
    canvas.key('Return')
    g = canvas.geometry(lambda g: len(g['stages']) == 4 and names(g)[3] == 'Rate the driver',
                        what='the fourth stage')

    # Lanes: double-click, the menu's Rename, typing; then Escape cancels.
    double_click(header_spot(canvas, lane(g, 'Touchpoints')))
    canvas.geometry(lambda g: g['editing'], what='the editor on Touchpoints')
    canvas.type('Screens')
    canvas.key('Return')
    g = canvas.geometry(lambda g: titles(g)[0] == 'Screens', what='Screens')

    canvas.click(header_spot(canvas, lane(g, 'Customer actions')), button=3)
    canvas.key('r')   # _Rename
    canvas.geometry(lambda g: g['editing'], what='the editor on Customer actions')
    canvas.type('Taps')
    canvas.key('Return')
    g = canvas.geometry(lambda g: titles(g)[1] == 'Taps', what='Taps')

    canvas.click(header_spot(canvas, lane(g, 'Pain points')))
    canvas.type('Worries')
    canvas.key('KP_Enter')
    g = canvas.geometry(lambda g: titles(g)[3] == 'Worries', what='Worries')

    canvas.key('F2')
    canvas.type('not this')
    canvas.key('Escape')
    g = canvas.geometry(lambda g: not g['editing'], what='the editor closed')
    assert titles(g)[3] == 'Worries', titles(g)

    # One rename is one undo step.
    canvas.key('ctrl+z')
    g = canvas.geometry(lambda g: titles(g)[3] == 'Pain points', what='the last rename undone')
    canvas.key('ctrl+shift+z')
    g = canvas.geometry(lambda g: titles(g)[3] == 'Worries', what='and redone')

    shot = canvas.screenshot('canvas-rename')
    doc = canvas.save()
    assert [s['name'] for s in doc['stages']] == ['Download', 'Sign up', 'Book a ride', 'Rate the driver'], \
        [s['name'] for s in doc['stages']]
    assert [lane['title'] for lane in doc['lanes']] == ['Screens', 'Taps', 'Emotions', 'Worries'], \
        [lane['title'] for lane in doc['lanes']]
    assert len(doc['cards']) == n_cards, doc['cards']
    print(f'ok 1 four stages and three lanes renamed in place; screenshot: {shot}')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('canvas-rename-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
canvas.report_quit(status, 2)

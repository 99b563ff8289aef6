#!/usr/bin/python3
# A new card's inline editor loses the keyboard to a palette row, an
# inspector field, a zoom button, a context-menu item and an empty part of
# the canvas: each time the text is committed exactly once, the app keeps
# answering (Ctrl+S saves), and GTK logs nothing. The editor used to be
# removed from inside GTK's focus change, which then looped forever.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402


def start_card(canvas, lane, stage, text):
    """Double-clicks an empty cell and types into the new card's editor."""
    g = canvas.geometry(lambda g: not g['editing'], what='no editor open')
    cell = canvas.cell(g, lane, stage)
    # Below the cell's cards, in its padding.
    x, y = canvas.screen(cell['x'] + cell['w'] / 2, cell['y'] + cell['h'] - 4)
    canvastest.trailtest.point_and_click(x, y, repeat=2, delay=80)
    canvas.geometry(lambda g: g['editing'], what=f'the editor in {lane} × {stage}')
    canvas.type(text)


def committed(canvas, text):
    return canvas.geometry(lambda g: not g['editing'] and
                           sum(c['text'] == text for c in g['cards']) == 1,
                           what=f'"{text}" committed once, the editor closed')


canvas = canvastest.Canvas()
try:
    texts = []
    canvas.focus_canvas()
    # Small enough that every cell is in view beside both panels.
    canvas.key('ctrl+1')
    canvas.geometry(lambda g: abs(g['zoom'] - 1.0) < 1e-6, what='100 %')
    canvas.key('ctrl+minus', 'ctrl+minus')
    canvas.geometry(lambda g: abs(g['zoom'] - 0.67) < 1e-6, what='67 %')

    # 1. A palette row (it adds a card of its own, with its own editor).
    start_card(canvas, 'Pain points', 'Awareness', 'lost at palette')
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.palette(g, 'Pain point')))
    canvas.geometry(lambda g: sum(c['text'] == 'lost at palette' for c in g['cards']) == 1 and g['editing'],
                    what='the text committed, the Pain point card editing')
    canvas.key('Escape')
    texts.append('lost at palette')

    # 2. An inspector field.
    start_card(canvas, 'Pain points', 'Consideration', 'lost at inspector')
    g = canvas.geometry()
    canvas.click(canvas.center(g['inspector'][0]))
    committed(canvas, 'lost at inspector')
    texts.append('lost at inspector')

    # 3. A zoom button (the rightmost of the overlay at the view's corner).
    start_card(canvas, 'Touchpoints', 'Consideration', 'lost at zoom')
    g = canvas.geometry()
    zoom = g['zoom']
    view = g['view']
    canvas.click(canvas.screen(view['x'] + view['w'] - 18 - 16, view['y'] + view['h'] - 18 - 16))
    committed(canvas, 'lost at zoom')
    canvas.geometry(lambda g: g['zoom'] > zoom, what='the zoom button pressed')
    canvas.key('ctrl+minus')
    canvas.geometry(lambda g: abs(g['zoom'] - zoom) < 1e-6, what='back to 67 %')
    texts.append('lost at zoom')

    # 4. A context-menu item: right-click an empty cell, choose "New Card".
    start_card(canvas, 'Customer actions', 'Awareness', 'lost at menu')
    g = canvas.geometry()
    cell = canvas.cell(g, 'Pain points', 'Consideration')
    menu_at = canvas.screen(cell['x'] + cell['w'] / 2, cell['y'] + cell['h'] - 4)
    canvas.click(menu_at, button=3)
    committed(canvas, 'lost at menu')
    canvas.key('Down', 'Return')   # the first item: New Card
    canvas.geometry(lambda g: g['editing'], what='the editor from the menu')
    canvas.type('from menu')
    canvas.key('ctrl+Return')
    committed(canvas, 'from menu')
    texts += ['lost at menu', 'from menu']

    # 5. An empty part of the canvas, then the Pain point row twice.
    start_card(canvas, 'Pain points', 'Awareness', 'lost at canvas')
    g = canvas.geometry()
    canvas.click(canvas.screen(g['view']['x'] + 6, g['view']['y'] + 6))
    committed(canvas, 'lost at canvas')
    texts.append('lost at canvas')
    g = canvas.geometry()
    # Two spots of the row, so the two clicks never make a double-click.
    row = canvas.palette(g, 'Pain point')
    canvas.click(canvas.center(row, 0.3))
    canvas.geometry(lambda g: g['editing'], what='the first Pain point editor')
    canvas.type('first idea')
    canvas.click(canvas.center(row, 0.7))
    canvas.geometry(lambda g: sum(c['text'] == 'first idea' for c in g['cards']) == 1 and g['editing'],
                    what='the first idea committed, a second editor open')
    canvas.type('second idea')
    canvas.key('ctrl+Return')
    committed(canvas, 'second idea')
    texts += ['first idea', 'second idea']

    shot = canvas.screenshot('canvas-editor-focus')
    doc = canvas.save()
    saved = [c['text'] for c in doc['cards']]
    for text in texts:
        assert saved.count(text) == 1, (text, saved)
    # Escape on the palette's card left no empty card behind.
    assert '' not in saved, saved
    print(f'ok 1 the text is committed once wherever the focus goes; screenshot: {shot}')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('canvas-editor-focus-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
canvas.report_quit(status, 2)

#!/usr/bin/python3
# The map's editing actions from the keyboard, the context menu and the
# Undo toast, in one quick sequence: + and − (and the keypad's) vote on a
# card without touching its text; copy and paste keep every field of a
# card, unknown ones included; the context menu's Delete and the Delete
# key show one Undo toast, a second removal replacing the first toast, and
# Undo brings back what was removed; the main menu's Undo and Redo items
# name the next step each time; hovering a card shows its tooltip. Checked
# in the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

PLACE = ('id', 'lane', 'stage')

canvas = canvastest.Canvas('canvas-fields.trailmap', a11y=True)
try:
    g = canvas.fit(hide_palette=True)
    with open(canvas.path) as f:
        original = next(c for c in __import__('json').load(f)['cards'] if c['id'] == 'c1')

    # Votes: + twice, the keypad's +, then − : two votes more.
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='Sees an ad selected')
    canvas.key('plus', 'plus', 'KP_Add', 'minus')

    # Copy it, paste it into the empty cell on its right.
    canvas.key('ctrl+c')
    canvas.key('Right')
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas' and not g['selection'], what='the empty cell')
    canvas.key('ctrl+v')
    g = canvas.geometry(lambda g: sum(c['text'] == 'Sees an ad' for c in g['cards']) == 2, what='the pasted card')

    # The context menu's Delete, then Undo from its toast.
    canvas.click(canvas.center(canvas.card(g, 'Checkout fails')), button=3)
    canvas.key('d')   # _Delete
    canvas.geometry(lambda g: canvas.card(g, 'Checkout fails') is None, what='Checkout fails deleted')
    canvas.app.click(canvas.app.toast_button('Undo'))
    g = canvas.geometry(lambda g: canvas.card(g, 'Checkout fails') is not None, what='Checkout fails back')
    # The toast goes with its Undo; the header bar's button stays.
    trailtest.wait_until(lambda: len([n for n in trailtest.find_all_shallow(canvas.app.atspi(), 'push button', 'Undo')
                                       if trailtest.is_showing(n)]) == 1, what='the toast dismissed')

    # Two removals in a row: the second toast replaces the first; its Undo
    # brings back the second card only.
    canvas.click(canvas.center(canvas.card(g, 'Asks a friend')))
    canvas.key('Delete')
    g = canvas.geometry(lambda g: canvas.card(g, 'Asks a friend') is None, what='Asks a friend deleted')
    canvas.click(canvas.center(canvas.card(g, 'Compares prices')))
    canvas.key('Delete')
    canvas.geometry(lambda g: canvas.card(g, 'Compares prices') is None, what='Compares prices deleted')
    # The first toast fades out (300 ms) before the second is shown: an
    # animation, not a state to poll (libadwaita 1.2 crashes when toasts
    # overlap, see trail_compat_show_toast()).
    time.sleep(0.6)
    canvas.app.click(canvas.app.toast_button('Undo'))
    canvas.geometry(lambda g: canvas.card(g, 'Compares prices') is not None, what='Compares prices back')

    # The main menu names what Undo and Redo would do, and follows each
    # step: after the toast's Undo both name the removal; a vote then
    # names the vote and leaves nothing to redo; Ctrl+Z gives it to Redo.
    def menu_items(undo, redo, what):
        canvas.app.activate('push button', 'Main Menu')
        try:
            for label in (undo, redo):
                canvas.app.find('menu item', label, timeout=10)
        except Exception:
            raise AssertionError(f'{what}: the main menu lacks "{undo}" or "{redo}"')
        finally:
            canvas.key('Escape')

    menu_items('Undo Remove Card', 'Redo Remove Card', 'after the toast\'s Undo')
    canvas.click(canvas.center(canvas.card(g, 'Checkout fails')))
    canvas.key('plus')
    menu_items('Undo Add Vote', 'Redo', 'after a vote')
    canvas.key('ctrl+z')
    menu_items('Undo Remove Card', 'Redo Add Vote', 'after Ctrl+Z')
    canvas.key('ctrl+shift+z')
    menu_items('Undo Add Vote', 'Redo', 'after Ctrl+Shift+Z')
    canvas.key('ctrl+z')

    # Hovering a card shows its tooltip: the card's text and what it is.
    g = canvas.geometry()
    x, y = canvas.center(canvas.card(g, 'Compares prices'))
    trailtest.xdotool('mousemove', '--sync', str(x - 6), str(y))
    trailtest.xdotool('mousemove', '--sync', str(x), str(y))
    trailtest.wait_until(
        lambda: trailtest.find_accessible(canvas.app.atspi(), 'label',
                                          lambda n: bool(n) and n.startswith('Compares prices\n')),
        timeout=10, what='the tooltip of "Compares prices"')
    tooltip_shot = canvas.screenshot('canvas-actions-tooltip')
    trailtest.xdotool('mousemove', '--sync', '5', '5')

    shot = canvas.screenshot('canvas-actions')
    doc = canvas.save()
    copies = [c for c in doc['cards'] if c['text'] == 'Sees an ad']
    assert len(copies) == 2, copies
    first, pasted = copies
    assert first['votes'] == original['votes'] + 2, first
    assert (pasted['lane'], pasted['stage']) == ('l1', 's2'), pasted
    for key, value in first.items():
        if key not in PLACE:
            assert pasted.get(key) == value, (key, value, pasted.get(key))
    assert set(pasted) == set(first), (sorted(pasted), sorted(first))
    assert pasted['x-workshop'] == original['x-workshop'], pasted
    texts = [c['text'] for c in doc['cards']]
    assert 'Checkout fails' in texts and 'Compares prices' in texts and 'Asks a friend' not in texts, texts
    print(f'ok 1 votes, paste with every field, Delete and Undo from the toast, the Undo/Redo menu items, a card\'s tooltip; screenshots: {shot}, {tooltip_shot}')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('canvas-actions-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
canvas.report_quit(status, 2)

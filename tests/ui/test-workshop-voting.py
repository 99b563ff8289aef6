#!/usr/bin/python3
# Dot voting with real input: a round with three participants and a budget
# of three dots, cast by clicks, + and right-clicks; a fourth dot refused
# with a message; results hidden until Reveal, then drawn on the cards and
# ranked in the inspector; the CSV export read back; undo takes a dot back.
# Checked in the saved file, the accessible labels and the screenshots.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import trailtest  # noqa: E402
import workshoptest as w  # noqa: E402

results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)
    if not ok:
        raise AssertionError(text)


def dots(doc):
    """Participant name → card ids of their dots."""
    return {v['name']: v.get('dots', []) for v in doc.get('voters', [])}


def type_location(app, title, path):
    chooser = app.wait_for_window(f'^{title}$')
    dialog = app.wait_for_dialog(title)
    trailtest.wait_until(lambda: trailtest.find_accessible(dialog, 'push button', 'Cancel', actionable=True),
                         what=f'the {title} chooser ready')
    trailtest.xdotool('windowfocus', '--sync', chooser)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+l')
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
    trailtest.xdotool('type', '--delay', '20', path)
    trailtest.xdotool('key', '--clearmodifiers', 'shift+End', 'Delete')
    trailtest.xdotool('key', '--clearmodifiers', 'Return')


print('1..8', flush=True)
canvas = w.open_map()
scratch = tempfile.mkdtemp(prefix='trailmap-votes-')
status = 1
try:
    canvas.fit()

    # Start a round from the keyboard: the question is offered, the cards
    # default to the pain points, three dots each; names typed at speed.
    canvas.key('ctrl+shift+d')
    dialog = canvas.app.wait_for_dialog('Start Voting Round')
    trailtest.wait_until(lambda: trailtest.find_accessible(dialog, 'push button', 'Start', actionable=True),
                         what='the Start button')
    canvas.key('alt+n')
    canvas.type('Ana, Ben, Chloe')  # ASCII: xdotool's remapped keys get lost on GTK 4.24
    canvas.key('Return')
    w.wait_window_closed(canvas, 'Start Voting Round')
    w.wait_shown(canvas, 'label', '3 of 3 dots left', 'the voting bar')
    doc = canvas.save()
    report(len(doc['vote-rounds']) == 1 and doc['vote-rounds'][0]['budget'] == 3 and
           doc['vote-rounds'][0]['lane-kind'] == 'pain-points' and
           list(dots(doc)) == ['Ana', 'Ben', 'Chloe'],
           'the dialog starts a round of pain points, three dots for Ana, Ben and Chloe')

    # Ana: two clicks on one card, + on another; a fourth dot is refused.
    w.click_card(canvas, 'Checkout fails on mobile')
    w.click_card(canvas, 'Checkout fails on mobile')
    w.click_card(canvas, 'Delivery window too vague')
    w.wait_shown(canvas, 'label', '0 of 3 dots left')
    w.click_card(canvas, 'Café wifi too slow to load the shop')
    w.wait_shown(canvas, 'label', 'Ana has used all 3 dots', 'the over-budget message')
    canvas.screenshot('workshop-voting-refused')
    doc = canvas.save()
    report(sorted(dots(doc)['Ana']) == ['c4', 'c5', 'c5'],
           'Ana\'s three dots are kept and the fourth is refused with a message')

    # Ben with the keyboard: ] for the next participant, + on the selected
    # card (the one clicked), a touchpoint click is not a vote.
    canvas.key('bracketright')
    w.wait_shown(canvas, 'label', '3 of 3 dots left', 'Ben\'s dots')
    w.click_card(canvas, 'No reply from support')
    canvas.key('plus')
    w.click_card(canvas, 'Checkout fails on mobile')
    w.click_card(canvas, 'Sees an ad on social media')
    w.wait_shown(canvas, 'label', '0 of 3 dots left')
    # Chloe: a dot on the wrong card taken back with a right-click.
    canvas.key('bracketright')
    w.click_card(canvas, 'No reply from support')
    w.click_card(canvas, 'No reply from support', button=3)
    w.click_card(canvas, 'Delivery window too vague')
    w.click_card(canvas, 'Delivery window too vague')
    w.click_card(canvas, 'Checkout fails on mobile')
    w.wait_shown(canvas, 'label', '0 of 3 dots left', 'Chloe\'s dots')
    doc = canvas.save()
    print(f'# {dots(doc)}', flush=True)
    report(sorted(dots(doc)['Ben']) == ['c5', 'c6', 'c6'] and sorted(dots(doc)['Chloe']) == ['c4', 'c4', 'c5'],
           'Ben votes with + and clicks, Chloe takes a dot back with a right-click')

    # Hidden until revealed: no results in the inspector, no heat on cards.
    canvas.key('shift+F9')
    time.sleep(0.5)
    hidden = w.shown(canvas, 'label', 'Vote Results') is None
    canvas.screenshot('workshop-voting-hidden')
    canvas.app.activate('push button', 'Reveal')
    heading = w.wait_shown(canvas, 'label', 'Vote Results', 'the results in the inspector')
    trailtest.wait_until(lambda: w.shown(canvas, 'list item', lambda t: t.startswith('3. ')),
                         what='the ranked rows')
    names = []
    for rank in (1, 2, 3):
        node = w.shown(canvas, 'list item', lambda t, r=rank: t.startswith(f'{r}. '))
        names.append(node.get_name() if node is not None else None)
    canvas.screenshot('workshop-voting-revealed')
    canvas.key('shift+F9')
    time.sleep(0.5)  # the inspector slides away: an animation, not a state
    canvas.screenshot('workshop-voting-revealed-cards')
    canvas.key('shift+F9')
    time.sleep(0.5)  # the inspector slides back: the bar above the map moves with it
    report(hidden and heading is not None and names == ['1. Checkout fails on mobile, 4 dots',
                                                        '2. Delivery window too vague, 3 dots',
                                                        '3. No reply from support, 2 dots'],
           f'results hidden until Reveal, then ranked in the inspector: {names}')
    doc = canvas.save()
    report(doc['vote-rounds'][0].get('revealed') is True and
           all(c.get('votes', 0) == 0 for c in doc['cards']),
           'the reveal is saved, and the cards\' own vote numbers are untouched')

    # The CSV, through the file chooser, read back with Python's csv module.
    out = os.path.join(scratch, 'results.csv')
    # Pressed as a screen reader does: GTK 4.24 reports the extents of
    # widgets floating in an overlay some pixels off.
    canvas.app.activate('push button', 'Export Results as CSV')
    type_location(canvas.app, 'Export Vote Results', out)
    trailtest.wait_until(lambda: os.path.exists(out), what='the CSV written')
    with open(out, newline='', encoding='utf-8') as f:
        table = list(csv.reader(f))
    report(table == [['Rank', 'Card', 'Stage', 'Lane', 'Dots', 'Ana', 'Ben', 'Chloe'],
                     ['1', 'Checkout fails on mobile', 'Delivery', 'Pain points', '4', '2', '1', '1'],
                     ['2', 'Delivery window too vague', 'Purchase', 'Pain points', '3', '1', '0', '2'],
                     ['3', 'No reply from support', 'Delivery', 'Pain points', '2', '0', '2', '0']],
           f'the CSV holds the ranked results per participant: {table}')

    # Undo: the reveal first, then Chloe's last dot.
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    trailtest.wait_until(lambda: w.shown(canvas, 'label', 'Vote Results') is None, what='the results hidden again')
    canvas.key('ctrl+z')
    w.wait_shown(canvas, 'label', '1 of 3 dots left', 'Chloe\'s dot back')
    doc = canvas.save()
    report(sorted(dots(doc)['Chloe']) == ['c4', 'c4'] and not doc['vote-rounds'][0].get('revealed'),
           'Ctrl+Z hides the results again, then takes Chloe\'s last dot back')

    problems = canvas.app.log_problems()
    report(not problems, f'no warnings logged: {problems[:3]}')
    status = 0
except Exception as error:
    print(f'# {error}', file=sys.stderr)
    canvas.screenshot('workshop-voting-failure')
finally:
    canvas.close()
sys.exit(status)

#!/usr/bin/python3
# Voting while presenting, with real input: F5, a round started from the
# keyboard, dots cast with clicks, + and −, Reveal, then C: the presenter
# console's "Votes" ranks the cards as the inspector would.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
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
    return {v['name']: sorted(v.get('dots', [])) for v in doc.get('voters', [])}


def ranked(root):
    """The console's ranked rows, "1. …", "2. …", in order."""
    names = []
    for rank in (1, 2, 3, 4):
        node = trailtest.find_accessible(root, 'list item', lambda t, r=rank: t.startswith(f'{r}. '))
        if node is None:
            break
        names.append(trailtest.accessible_name(node))
    return names


print('1..4', flush=True)
canvas = w.open_map()
status = 1
try:
    canvas.focus_canvas()
    canvas.key('F5')
    canvas.geometry(lambda g: not g['palette'] and not g['inspector'], what='presenting, no panels')
    out = subprocess.run(['xdotool', 'getdisplaygeometry'], capture_output=True, text=True, check=True)
    width, height = out.stdout.split()
    # Xvfb has no window manager to make the window full screen.
    trailtest.xdotool('windowmove', canvas.window, '0', '0')
    trailtest.xdotool('windowsize', canvas.window, width, height)
    canvas.key('o')  # the whole journey, so every card can be clicked
    time.sleep(0.6)  # the overview pans: an animation, not a state

    canvas.key('ctrl+shift+d')
    dialog = canvas.app.wait_for_dialog('Start Voting Round')
    trailtest.wait_until(lambda: trailtest.find_accessible(dialog, 'push button', 'Start', actionable=True),
                         what='the Start button')
    canvas.key('alt+n')
    canvas.type('Ana, Ben')  # ASCII: xdotool's remapped keys get lost on GTK 4.24
    canvas.key('Return')
    w.wait_window_closed(canvas, 'Start Voting Round')
    w.wait_shown(canvas, 'label', '3 of 3 dots left', 'the voting bar over the presented map')
    canvas.geometry(lambda g: not g['palette'] and not g['inspector'], what='still presenting, no panels')
    canvas.screenshot('workshop-present-votes-bar')
    report(True, 'a round started while presenting; the voting bar shows over the map')

    # Ana: two clicks on one card, one on another.
    w.click_card(canvas, 'Checkout fails on mobile')
    w.click_card(canvas, 'Checkout fails on mobile')
    w.click_card(canvas, 'Delivery window too vague')
    w.wait_shown(canvas, 'label', '0 of 3 dots left')
    # Ben: a click and + on one card, − takes one back, a click on another.
    canvas.key('bracketright')
    w.wait_shown(canvas, 'label', '3 of 3 dots left', 'Ben\'s dots')
    w.click_card(canvas, 'No reply from support')
    canvas.key('plus')
    canvas.key('plus')
    w.wait_shown(canvas, 'label', '0 of 3 dots left')
    canvas.key('minus')
    w.wait_shown(canvas, 'label', '1 of 3 dots left')
    w.click_card(canvas, 'Checkout fails on mobile')
    w.wait_shown(canvas, 'label', '0 of 3 dots left')
    doc = canvas.save()
    report(dots(doc) == {'Ana': ['c4', 'c5', 'c5'], 'Ben': ['c5', 'c6', 'c6']},
           f'dots cast with clicks, + and − while presenting: {dots(doc)}')

    canvas.key('ctrl+shift+r')
    trailtest.wait_until(lambda: canvas.save().get('vote-rounds', [{}])[0].get('revealed') is True,
                         what='the round revealed')
    canvas.geometry(lambda g: not g['inspector'], what='still presenting after Reveal')
    canvas.key('c')
    console_window = canvas.app.wait_for_window('Presenter Console')
    console = trailtest.wait_until(lambda: canvas.app.find_window('Presenter Console'), what='the console')
    trailtest.wait_until(lambda: len(ranked(console)) == 3, what='three ranked rows in the console')
    names = ranked(console)
    trailtest.xdotool('windowfocus', '--sync', console_window)
    shot = trailtest.screenshot('workshop-present-votes-console')
    report(names == ['1. Checkout fails on mobile, 3 dots', '2. No reply from support, 2 dots',
                     '3. Delivery window too vague, 1 dot'],
           f'C: the console ranks the revealed results: {names}; {shot}')

    problems = canvas.app.log_problems()
    report(not problems, f'no warnings logged: {problems[:3]}')
    status = 0
except Exception as error:
    print(f'# {error}', file=sys.stderr)
    canvas.screenshot('workshop-present-votes-failure')
finally:
    canvas.close()
sys.exit(status)

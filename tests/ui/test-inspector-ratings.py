#!/usr/bin/python3
# The crowd's ratings in the inspector, on a map rated in a workshop
# (data/crowd-ratings.trailmap: 5, 7 and 3 ratings on three of four stages):
#  1. the map's "Crowd line" row switched from Mean to Median with the
#     keyboard (Down, Return in its list), saved ("crowd-statistic":
#     "median"); Ctrl+Z takes it back, saved without the member;
#  2. Median again (the list opened with a click, End, Return), saved;
#  3. the Set-up stage's section lists its 7 ratings; one removed with its
#     button (the Undo toast), 6 left in the file; Ctrl+Z brings it back;
#  4. Clear removes all 7, the file keeps the other stages' ratings; the
#     toast's Undo brings them back.
# Each step starts from the state the one before left, and the app logs no
# warning or critical.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402
from inspectortest import field, has_field, log_problems  # noqa: E402


def ratings_of(doc, stage):
    return [r for r in doc.get('ratings', []) if r['stage'] == stage]


def window_height(canvas):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', canvas.window],
                         capture_output=True, text=True, check=True).stdout
    return int(dict(line.split('=', 1) for line in out.split() if '=' in line)['HEIGHT'])


def scroll_to(canvas, label):
    """Wheel clicks over the inspector until the field @label lies wholly
    inside the window; returns the geometry that shows it there."""
    height = window_height(canvas)
    for _ in range(40):
        g = canvas.geometry(has_field(label), what=f'the field {label}')
        f = field(g, label)
        if f['y'] >= 0 and f['y'] + f['h'] <= height - 8:
            time.sleep(0.4)  # the wheel's kinetic tail: read where it stopped
            return canvas.geometry(has_field(label), what=f'the field {label}')
        x, _ = canvas.center(f)
        _, y = canvas.screen(0, height / 2)
        trailtest.xdotool('mousemove', str(x), str(y))
        trailtest.xdotool('click', '5' if f['y'] > 0 else '4')
        time.sleep(0.15)
    raise AssertionError(f'could not scroll to {label}')


def visible_windows(canvas):
    """The app's mapped X windows: a popover is one of its own."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(canvas.app.proc.pid), ''],
                         capture_output=True, text=True).stdout
    return set(out.split())


def choose(canvas, label, *keys):
    """Opens the choice row @label with a click, waits for its list's
    popover to be mapped, moves with @keys, picks with Return, and waits
    for the popover to close (a loaded machine maps it late)."""
    g = scroll_to(canvas, label)
    before = visible_windows(canvas)
    canvas.click(canvas.center(field(g, label)))
    trailtest.wait_until(lambda: visible_windows(canvas) - before, what=f'the list of {label}')
    time.sleep(0.3)  # the list takes the keyboard as the popover maps
    canvas.key(*keys)
    canvas.key('Return')
    trailtest.wait_until(lambda: not (visible_windows(canvas) - before), what=f'the list of {label} closed')


def wait_saved(canvas, check, what):
    """Saves until @check(doc) holds (an edit reaches the file one frame
    after the click that made it)."""
    def saved():
        doc = canvas.save()
        return doc if check(doc) else None
    return trailtest.wait_until(saved, timeout=10, what=what)


canvas = canvastest.Canvas(fixture='crowd-ratings.trailmap', title='Onboarding workshop')
try:
    # Nothing is selected: the inspector shows the map.
    choose(canvas, 'Crowd line', 'Down')
    doc = wait_saved(canvas, lambda d: d.get('crowd-statistic') == 'median', 'the median in the file')
    assert len(doc['ratings']) == 15, len(doc['ratings'])
    print('ok 1 Mean → Median with the keyboard; saved as "crowd-statistic": "median"')

    canvas.focus_canvas()
    canvas.key('ctrl+z')
    doc = wait_saved(canvas, lambda d: 'crowd-statistic' not in d, 'the mean back')
    print('ok 2 Ctrl+Z puts the mean back; the member is gone from the file')

    # Again: the focus went to the map, which the inspector still shows;
    # the list opened by a click, Median picked with End.
    choose(canvas, 'Crowd line', 'End')
    doc = wait_saved(canvas, lambda d: d.get('crowd-statistic') == 'median', 'the median again')
    shot = canvas.screenshot('inspector-ratings-median')
    print(f'ok 3 Median chosen again; saved; screenshot: {shot}')

    # The Set-up stage: its header selected, its ratings listed by name.
    g = canvas.geometry(lambda g: g.get('stages'))
    stage = next(s for s in g['stages'] if s.get('name') == 'Set-up')
    canvas.click(canvas.center(stage, 0.5, 0.7))
    g = scroll_to(canvas, 'Cem')
    for name in ('Ana', 'Ben', 'Cem', 'Anonymous', 'Eva', 'Finn', 'Gus'):
        assert has_field(name)(g), f'no rating row for {name}'
    canvas.click(canvas.center(field(g, 'Remove Cem')))
    doc = wait_saved(canvas, lambda d: len(ratings_of(d, 's2')) == 6, 'six ratings of Set-up')
    assert not any(r['participant'] == 'cem' for r in ratings_of(doc, 's2'))
    assert len(ratings_of(doc, 's1')) == 5
    g = canvas.geometry(lambda g: not has_field('Cem')(g), what='the row gone')
    shot = canvas.screenshot('inspector-ratings-removed')
    print(f'ok 4 Cem\'s rating of Set-up removed with its button; 6 left; screenshot: {shot}')

    canvas.key('ctrl+z')
    doc = wait_saved(canvas, lambda d: len(ratings_of(d, 's2')) == 7, 'the rating back')
    cem = next(r for r in ratings_of(doc, 's2') if r['participant'] == 'cem')
    assert cem['score'] == -2 and cem.get('word') == 'confusing', cem
    print('ok 5 Ctrl+Z brings it back, word and all')

    # Clear: the button in the group's header.
    g = scroll_to(canvas, 'Clear Ratings')
    canvas.click(canvas.center(field(g, 'Clear Ratings')))
    doc = wait_saved(canvas, lambda d: len(ratings_of(d, 's2')) == 0, 'Set-up cleared')
    assert len(doc['ratings']) == 8, len(doc['ratings'])
    shot = canvas.screenshot('inspector-ratings-cleared')
    print(f'ok 6 Clear removes the stage\'s 7 ratings, the others stay; screenshot: {shot}')

    canvas.focus_canvas()
    canvas.key('ctrl+z')
    doc = wait_saved(canvas, lambda d: len(ratings_of(d, 's2')) == 7, 'the ratings back')
    assert doc.get('crowd-statistic') == 'median'
    print('ok 7 one undo brings all 7 back; the median setting is kept')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 8 the app exited with status {status}')
print('ok 8 quits cleanly')
problems = log_problems(canvas.app)
if problems:
    raise SystemExit('not ok 9 the app logged: ' + ''.join(problems))
print('ok 9 no critical or warning in the log')

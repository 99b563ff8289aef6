#!/usr/bin/python3
# The 20,001st card is refused when it is made, with the reason in a toast
# (issue 11), not later when the map cannot be saved: Shift+Enter opens no
# editor and Ctrl+D duplicates nothing on a map of 20,000 cards. Checked in
# the toast (AT-SPI), the geometry and the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402
from inspectortest import fixture_variant, log_problems  # noqa: E402

LIMIT = 20000
MESSAGE = 'A map holds at most 20000 cards'


def fill(doc):
    # The fixture's cards stay first (the test aims at "Sees an ad"); the
    # rest go into the Pain points × Purchase cell.
    n = LIMIT - len(doc['cards'])
    doc['cards'] += [{'id': f'f{i}', 'lane': 'l5', 'stage': 's3', 'text': f'Filler {i}'} for i in range(n)]


def toast_shown(app):
    # Breadth first: the toast sits high in the tree, the map's 20,000 card
    # objects (GTK 4.10+) deep in it, and the toast goes after five seconds.
    return trailtest.find_shallowest(app.atspi(), 'label', lambda n: bool(n) and MESSAGE in n)


fixture_dir = tempfile.mkdtemp(prefix='trailmap-limit-')
canvas = canvastest.Canvas(fixture=fixture_variant(fixture_dir, fill), a11y=True)
try:
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='Sees an ad selected')

    canvas.key('ctrl+d')
    toast = trailtest.wait_until(lambda: toast_shown(canvas.app), what='the toast saying why')
    report = toast is not None
    print(f'{"ok" if report else "not ok"} 1 Ctrl+D on a full map: "{toast.get_name() if toast else None}"')
    shot = canvas.screenshot('card-limit')

    canvas.key('shift+Return')
    time.sleep(0.5)
    g = canvas.geometry()
    assert not g['editing'], 'an editor opened for a card that cannot be added'
    print('ok 2 Shift+Enter opens no editor for the 20,001st card')

    doc = canvas.save()
    assert len(doc['cards']) == LIMIT, len(doc['cards'])
    print(f'ok 3 the saved map still has {LIMIT} cards; screenshot: {shot}')
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
if not report:
    raise SystemExit(1)

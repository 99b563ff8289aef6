#!/usr/bin/python3
# A map's title and its file's name are whatever their authors made them:
# control characters, line breaks and bidi overrides never reach the window
# title, the header, the close dialog or the recovery dialog.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

trailtest.require_display()

DRAFT_DELAY = 3.0
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')
HOSTILE_TITLE = 'Bad\u0007 title\nwith\u001b[31m escapes\u202e and\u2028more\t'
SHOWN_TITLE = 'Bad title with [31m escapes and more'
HOSTILE_NAME = 'line\nbreak\u202e.trailmap'
SHOWN_NAME = 'line break .trailmap'
results = []
apps = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def clean_log(app):
    """The app's own log holds no GLib warning or critical."""
    bad = app.log_problems()
    return not bad, bad[:3]


def clean(text):
    """No C0 or C1 control, no line or paragraph separator, no bidi control."""
    return text is not None and not any(
        ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 or c in '\u2028\u2029' or
        0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 for c in text)


def window_name(window):
    return subprocess.run(['xdotool', 'getwindowname', window], capture_output=True,
                          text=True, check=True).stdout.rstrip('\n')


def labels_of(node):
    found = []

    def walk(n, depth=0):
        if n is None or depth > 40:
            return
        if n.get_role_name() == 'label':
            found.append(n.get_name() or '')
        for i in range(n.get_child_count()):
            walk(n.get_child_at_index(i), depth + 1)
    walk(node)
    return found


class Attached(canvastest.Canvas):
    """The canvas helpers, for an app started another way than by Canvas()."""

    def __init__(self, app, window, geometry_path):
        self.app, self.window, self.geometry_path = app, window, geometry_path


scratch = tempfile.mkdtemp(prefix='trailmap-window-title-')
try:
    with open(os.path.join(HERE, 'canvas-small.trailmap')) as f:
        doc = json.load(f)
    doc['title'] = HOSTILE_TITLE
    fixture = os.path.join(scratch, HOSTILE_NAME)
    with open(fixture, 'w') as f:
        json.dump(doc, f, indent=2)

    geometry_path = os.path.join(scratch, 'geometry.json')
    app = trailtest.App(fixture, a11y=True, env={'TRAILMAP_DEBUG_GEOMETRY': geometry_path})
    apps.append(app)
    try:
        window = app.wait_for_window('^Bad title')
        name = window_name(window)
        report(name == f'{SHOWN_TITLE} – Trailmap' and clean(name),
               f'the window title is one clean line ({name!r})')

        # The header's AdwWindowTitle: a "filler" on GTK 4.8, not shown to
        # AT-SPI at all on 4.24; its labels, title then file name, are.
        title = app.find('label', lambda n: n is not None and n.startswith('Bad'))
        box = title.get_parent()
        shown = [c.get_name() for c in (box.get_child_at_index(i) for i in range(box.get_child_count()))
                 if c is not None and c.get_role_name() == 'label']
        report(shown == [SHOWN_TITLE, SHOWN_NAME],
               f'the header shows the title and the file name, clean ({shown!r})')
        shot = trailtest.screenshot('window-title-opened')

        # An edit, made in the inspector, marks the title and keeps it clean.
        canvas = Attached(app, window, geometry_path)
        g = canvas.geometry(lambda g: any(f['label'] == 'Title' for f in g['inspector']),
                            what='the map in the inspector')
        title_field = next(f for f in g['inspector'] if f['label'] == 'Title')
        canvas.click(canvas.center(title_field))
        canvas.key('End')
        canvas.type(' again')
        canvas.key('Return')
        window = app.wait_for_window('again')
        name = window_name(window)
        report(name.startswith('• Bad title') and name.endswith('again – Trailmap') and clean(name),
               f'edited, the title is marked and still clean ({name!r}); {shot}')

        # Closing asks, naming the file as one clean line.
        trailtest.xdotool('windowfocus', '--sync', window)
        canvas.key('ctrl+w')
        dialog = app.wait_for_dialog('Save Changes?')
        body = [t for t in labels_of(dialog) if 'unsaved changes' in t]
        trailtest.screenshot('window-title-close-dialog')
        report(len(body) == 1 and f'“{SHOWN_NAME}”' in body[0] and clean(body[0]),
               f'the close dialog names the file cleanly ({body!r})')
        app.activate('push button', 'Cancel', root=dialog)

        # Crash with the edit drafted: the recovery dialog lists it cleanly.
        time.sleep(DRAFT_DELAY + 1.5)
        os.kill(app.proc.pid, signal.SIGKILL)
        app.proc.wait()
    finally:
        app.quit()

    app = trailtest.App(a11y=True)
    apps.append(app)
    try:
        app.wait_for_window('Trailmap')
        dialog = app.wait_for_dialog('Recover Unsaved Changes?')
        listed = [t for t in labels_of(dialog) if '•' in t]
        trailtest.screenshot('window-title-recover-dialog')
        report(len(listed) == 1 and f'• {SHOWN_NAME}' in listed[0] and clean(listed[0].replace('\n', ' ')),
               f'the recovery dialog lists the file cleanly ({listed!r})')
        app.activate('push button', 'Discard', root=dialog)
        app.wait_dialog_closed('Recover Unsaved Changes?')
        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly (status {status})')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

for app_ in apps:
    ok, bad = clean_log(app_)
    report(ok, f'no GLib warning or critical in {os.path.basename(app_.log_path)} {bad if bad else ""}')

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

#!/usr/bin/python3
# The file choosers (GtkFileChooserNative on GTK 4.8, GtkFileDialog from
# 4.10 on, both through trail-compat.c): Open opens the file typed in, Save As
# writes where it is told, and quitting while a chooser is open closes it
# with the window, with no warning.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

TEMPLATE = os.path.join(os.environ['TRAILMAP_SOURCE_ROOT'], 'data', 'templates', 'coffee-maker.trailmap')
with open(TEMPLATE) as f:
    TITLE = json.load(f)['title']

results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def type_location(app, title, path):
    """Types a path into the chooser's location entry, as a user does, once
    the chooser can take it."""
    chooser = app.wait_for_window(f'^{title}$')
    dialog = app.wait_for_dialog(title)
    trailtest.wait_until(lambda: trailtest.find_accessible(dialog, 'push button', 'Cancel', actionable=True),
                         what=f'the {title} chooser ready')
    trailtest.xdotool('windowfocus', '--sync', chooser)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+l')
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
    trailtest.xdotool('type', '--delay', '20', path)
    # GTK 4.24 completes the name inline as it is typed: drop what it added.
    trailtest.xdotool('key', '--clearmodifiers', 'shift+End', 'Delete')
    trailtest.screenshot(f'file-chooser-{title.split()[0].lower()}')
    trailtest.xdotool('key', '--clearmodifiers', 'Return')


def activate_quit(app):
    """app.quit through D-Bus: the keyboard is on the modal chooser."""
    names = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                            '--object-path', '/org/freedesktop/DBus',
                            '--method', 'org.freedesktop.DBus.ListNames'],
                           capture_output=True, text=True, check=True).stdout
    app_id = next(n.strip("'") for n in names.replace('[', ' ').replace(']', ' ').replace(',', ' ').split()
                  if n.strip("'").startswith('io.github.trailmap.'))
    subprocess.run(['gdbus', 'call', '--session', '--dest', app_id,
                    '--object-path', '/' + app_id.replace('.', '/'),
                    '--method', 'org.gtk.Actions.Activate', 'quit', '[]', '{}'],
                   capture_output=True, check=True)


scratch = tempfile.mkdtemp(prefix='trailmap-chooser-')
try:
    source = os.path.join(scratch, 'journey.trailmap')
    shutil.copy(TEMPLATE, source)
    copy = os.path.join(scratch, 'copy.trailmap')

    app = trailtest.App()
    try:
        window = app.wait_for_window('Trailmap')
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+o')
        type_location(app, 'Open Map', source)
        window = app.wait_for_window('^' + re.escape(f'{TITLE} – Trailmap') + '$')
        report(True, f'Open opens the file typed into the chooser ({TITLE!r})')

        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'shift+ctrl+s')
        type_location(app, 'Save Map', copy)
        trailtest.wait_until(lambda: os.path.exists(copy) and os.path.getsize(copy) > 0,
                             what='the map saved under the new name')
        with open(copy) as f:
            report(json.load(f)['title'] == TITLE, 'Save As writes the map where the chooser says')

        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+o')
        app.wait_for_window('^Open Map$')
        activate_quit(app)
        app.proc.wait(timeout=30)
        report(app.proc.returncode == 0,
               f'quitting with the chooser open closes both (status {app.proc.returncode})')
        bad = app.log_problems()
        report(not bad, f'no GLib warning or critical in {os.path.basename(app.log_path)} {bad[:3]}')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

#!/usr/bin/python3
# Preferences take effect: the dark style darkens the canvas, and a new
# blank map is made on the preferred emotion scale.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

MAP = os.path.join(os.environ['TRAILMAP_SOURCE_ROOT'], 'data', 'templates', 'coffee-maker.trailmap')
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def with_settings(values):
    """Settings as a user would have them: the keyfile backend in this
    test's own XDG_CONFIG_HOME (see build-aux/isolated-session.sh)."""
    folder = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'keyfile'), 'w') as f:
        f.write('[io/github/trailmap/Trailmap]\n')
        for key, value in values.items():
            f.write(f'{key}={value}\n')
    return {'GSETTINGS_BACKEND': 'keyfile'}


def mean_brightness(x, y, w, h):
    out = subprocess.run(['import', '-window', 'root', '-crop', f'{w}x{h}+{x}+{y}',
                          '-colorspace', 'Gray', '-format', '%[fx:mean]', 'info:'],
                         capture_output=True, text=True, check=True).stdout
    return float(out)


# --- The dark style reaches the canvas.
for style, dark in (('light', False), ('dark', True)):
    app = trailtest.App(MAP, a11y=False, env=with_settings({'style-variant': f"'{style}'"}))
    try:
        app.wait_for_window('Trailmap')
        time.sleep(2.5)
        # The middle of the window is canvas, whichever panels are shown.
        brightness = mean_brightness(560, 120, 120, 80)
        shot = trailtest.screenshot(f'preferences-{style}')
        report((brightness < 0.4) if dark else (brightness > 0.7),
               f'{style} style: the canvas brightness is {brightness:.2f}; {shot}')
    finally:
        app.quit()

# --- A blank map takes the preferred emotion scale.
scratch = tempfile.mkdtemp(prefix='trailmap-prefs-')
try:
    app = trailtest.App(env=with_settings({'default-emotion-scale': "'1..7'"}))
    try:
        window = app.wait_for_window('Trailmap')
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+n')
        gallery = app.wait_for_dialog('New Map')
        app.find('table cell', 'Blank', root=gallery)
        trailtest.screenshot('preferences-gallery')
        # Blank is the last template: End, then Enter, as a keyboard user would.
        gallery_window = app.wait_for_window('^New Map$')
        trailtest.xdotool('windowfocus', '--sync', gallery_window)
        trailtest.xdotool('key', 'End')
        trailtest.xdotool('key', 'Return')
        window = app.wait_for_window('Trailmap')
        time.sleep(1)
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+shift+s')
        time.sleep(1.5)
        path = os.path.join(scratch, 'blank.trailmap')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
        trailtest.xdotool('type', '--delay', '10', path)
        trailtest.xdotool('key', 'Return')
        trailtest.wait_until(lambda: os.path.exists(path) and os.path.getsize(path) > 0,
                             what='the blank map to be saved')
        time.sleep(0.3)
        with open(path) as f:
            scale = json.load(f).get('scale', {})
        report((scale.get('min'), scale.get('max')) == (1, 7),
               f'a new blank map is on the 1…7 scale ({scale.get("min")}…{scale.get("max")})')
        status = app.quit_gracefully()
        report(status == 0, f'quits without asking once saved (status {status})')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

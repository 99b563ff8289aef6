#!/usr/bin/python3
# The real app starts under Xvfb, shows its window, and opens the about
# window through its primary menu, found by accessible name.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

app = trailtest.App()
try:
    app.wait_for_window('Trailmap')
    trailtest.screenshot('smoke-window')

    app.activate('push button', 'Main Menu')
    app.activate('menu item', 'About Trailmap')

    # The about window (AdwAboutDialog from libadwaita 1.5 on) is titled
    # "About"; it must show our name and version.
    about = app.wait_for_dialog('About')
    for text in ('Trailmap', os.environ['TRAILMAP_VERSION']):
        trailtest.wait_until(lambda: trailtest.find_accessible(about, 'label', text),
                             what=f'"{text}" in the about window')
    shot = trailtest.screenshot('smoke-about')
    print(f'ok 1 about window shown; screenshot: {shot}')

    # Escape closes it, as in every GNOME dialog.
    trailtest.xdotool('windowfocus', '--sync', app.dialog_window('About'))
    trailtest.xdotool('key', 'Escape')
    app.wait_dialog_closed('About')
    status = app.quit_gracefully()
    if status != 0:
        raise SystemExit(f'not ok 2 the app exited with status {status} (see {app.log_path})')
    print('ok 2 quits cleanly with Ctrl+Q')
finally:
    app.quit()

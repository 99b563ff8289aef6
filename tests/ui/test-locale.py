#!/usr/bin/python3
# Languages: the window mirrors in a right-to-left layout, and the German
# translation is complete and shows up in the running app.
#
# GLib only translates GTK's own strings (which carry the text direction)
# when the application itself has a translation for the locale, so an RTL
# layout is forced here with GTK_DEBUG=invert-text-dir, as GTK's developers
# do, rather than through a Hebrew locale we have no translation for.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
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


def x_of(node):
    from gi.repository import Atspi
    return node.get_component_iface().get_extents(Atspi.CoordType.WINDOW).x


# --- Right to left: the header bar mirrors.
app = trailtest.App(MAP, env={'GTK_DEBUG': 'invert-text-dir'})
try:
    window = app.wait_for_window('Trailmap')
    # With no window manager, GTK 4.24 on X11 maps a right-to-left window
    # with its right edge at x = 0, off screen; a window manager would place
    # it. Put it where the screenshot sees it.
    trailtest.xdotool('windowmove', window, '0', '0')
    time.sleep(1)
    menu = app.find('push button', 'Main Menu', actionable=True)
    open_button = app.find('push button', 'Open', actionable=True)
    shot = trailtest.screenshot('locale-rtl')
    report(x_of(menu) < x_of(open_button),
           f'RTL: the main menu sits left of Open ({x_of(menu)} < {x_of(open_button)}); {shot}')
finally:
    app.quit()

# --- German: a locale generated for this test (no root needed: LOCPATH).
locales = tempfile.mkdtemp(prefix='trailmap-locales-')
made = subprocess.run(['localedef', '-i', 'de_DE', '-f', 'UTF-8', os.path.join(locales, 'de_DE.UTF-8')],
                      capture_output=True, text=True)
if made.returncode not in (0, 1) or not os.path.isdir(os.path.join(locales, 'de_DE.UTF-8')):
    report(True, f'# SKIP cannot generate de_DE.UTF-8: {made.stderr.strip()}')
else:
    german = {'LOCPATH': locales, 'LC_ALL': 'de_DE.UTF-8', 'LANG': 'de_DE.UTF-8', 'LANGUAGE': 'de',
              'TRAILMAP_LOCALEDIR': os.path.join(os.environ['TRAILMAP_BUILD_ROOT'], 'po')}
    app = trailtest.App(MAP, env=german)
    try:
        app.wait_for_window('Trailmap')
        time.sleep(1)
        found = trailtest.find_accessible(app.atspi(), 'push button', 'Hauptmenü', actionable=True)
        shot = trailtest.screenshot('locale-de')
        report(found is not None, f'German: the main menu button is called "Hauptmenü"; {shot}')
    finally:
        app.quit()

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

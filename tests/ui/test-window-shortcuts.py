#!/usr/bin/python3
# The view's shortcuts work wherever the keyboard is — on a header bar
# button, in an inspector field — and menus show the keys to press
# ("Ctrl+0", not "Ctrl+KP 0"). Typing in a field is not disturbed by them.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

trailtest.require_display()

results = []
apps = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def clean_log(app):
    """The app's own log holds no GLib warning or critical."""
    bad = app.log_problems()
    return not bad, bad[:3]


def field(geometry, label):
    return next(f for f in geometry['inspector'] if f['label'] == label)


def click_accessible(canvas, node):
    """A real click in the middle of a widget found by accessibility. GTK
    reports positions within the window only (screen ones with a warning)."""
    from gi.repository import Atspi
    ext = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    canvas.click(canvas.screen(ext.x + ext.width / 2, ext.y + ext.height / 2))


def check_view_keys(canvas, where, focus):
    """Zoom in, out, fit and actual size, then both panels off and on, all
    from the keyboard while @focus (a widget type) has it."""
    g = canvas.geometry()
    canvas.key('ctrl+1')
    g = canvas.geometry(lambda g: abs(g['zoom'] - 1.0) < 1e-3, what=f'Ctrl+1 from {where}')
    canvas.key('ctrl+minus')
    g = canvas.geometry(lambda g: g['zoom'] < 1.0 - 1e-3, what=f'Ctrl+− from {where}')
    zoomed_out = g['zoom']
    canvas.key('ctrl+plus')
    g = canvas.geometry(lambda g: g['zoom'] > zoomed_out + 1e-3, what=f'Ctrl++ from {where}')
    canvas.key('ctrl+0')
    g = canvas.geometry(lambda g: g['zoom'] < 1.0 - 1e-3, what=f'Ctrl+0 from {where}')
    report(g['focus'] == focus,
           f'from {where}: Ctrl+1, Ctrl+−, Ctrl++ and Ctrl+0 zoom (focus {g["focus"]}, fitted at {g["zoom"]:.2f})')

    # Hiding a panel widens the visible part of the map.
    shown_width = width = g['view']['w']
    canvas.key('F9')
    g = canvas.geometry(lambda g: g['view']['w'] > width + 1, what=f'F9 to hide the palette from {where}')
    width = g['view']['w']
    canvas.key('shift+F9')
    g = canvas.geometry(lambda g: g['view']['w'] > width + 1, what=f'Shift+F9 to hide the inspector from {where}')
    canvas.key('F9')
    canvas.key('shift+F9')
    # Back as wide as before: the panels have finished sliding in.
    g = canvas.geometry(lambda g: abs(g['view']['w'] - shown_width) < 1 and g['inspector'] and g['palette'],
                        what=f'both panels back from {where}')
    report(True, f'from {where}: F9 and Shift+F9 hide and show the panels')
    return g


canvas = canvastest.Canvas(a11y=True)
apps.append(canvas.app)
try:
    app = canvas.app

    # --- The keyboard on a header bar button: the Open button, after the
    # file chooser it opened was closed again.
    click_accessible(canvas, app.find('push button', 'Open'))
    chooser = app.wait_for_window('^Open Map$')
    trailtest.xdotool('windowfocus', '--sync', chooser)
    trailtest.xdotool('key', 'Escape')
    trailtest.wait_until(lambda: not app.visible_windows('^Open Map$'), what='the file chooser to close')
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    check_view_keys(canvas, 'the header bar', 'GtkButton')

    # --- The keyboard in an inspector field: the map's title (nothing is
    # selected, so the inspector shows the map).
    g = canvas.geometry(lambda g: any(f['label'] == 'Title' for f in g['inspector']),
                        what='the map in the inspector')
    canvas.click(canvas.center(field(g, 'Title')))
    canvas.key('End')
    canvas.type(' two')
    g = check_view_keys(canvas, 'an inspector field', 'GtkText')
    trailtest.screenshot('window-shortcuts-inspector')
    # Back in the field (showing the inspector again does not focus it):
    # typing goes on where it was, with no digits from the shortcuts.
    canvas.click(canvas.center(field(g, 'Title')))
    canvas.key('End')
    canvas.type(' three')
    canvas.key('Return')
    app.wait_for_window('Canvas test map two three')
    saved = canvas.save()
    report(saved['title'] == 'Canvas test map two three',
           f'the field got only what was typed ({saved["title"]!r})')

    # --- The zoom menu shows the keys a user presses.
    zoom = app.find('push button', lambda n: bool(n) and n.startswith('Zoom ') and n.endswith('%'))
    click_accessible(canvas, zoom)
    fit = app.find('menu item', 'Fit Map')
    actual = app.find('menu item', 'Actual Size')
    fit_keys = trailtest.menu_item_shortcut(fit)
    actual_keys = trailtest.menu_item_shortcut(actual)
    shot = trailtest.screenshot('window-shortcuts-zoom-menu')
    report(trailtest.same_shortcut(fit_keys, 'Ctrl+0') and trailtest.same_shortcut(actual_keys, 'Ctrl+1'),
           f'the zoom menu shows Ctrl+0 and Ctrl+1 ({fit_keys}, {actual_keys}); {shot}')
    # Its items do what they say.
    app.activate('menu item', 'Actual Size')
    canvas.geometry(lambda g: abs(g['zoom'] - 1.0) < 1e-3, what='Actual Size from the menu')
    click_accessible(canvas, app.find('push button', lambda n: bool(n) and n.startswith('Zoom ') and n.endswith('%')))
    app.activate('menu item', 'Fit Map')
    g = canvas.geometry(lambda g: g['zoom'] < 1.0 - 1e-3, what='Fit Map from the menu')
    report(True, f'Fit Map and Actual Size from the menu zoom ({g["zoom"]:.2f})')

    # The main menu too: Redo shows the key the shortcuts window lists.
    app.activate('push button', 'Main Menu')
    keys = {}
    for name in ('Undo', 'Redo', 'Save'):
        item = app.find('menu item', lambda n, name=name: bool(n) and n.replace('_', '').split(' ')[0] == name)
        keys[name] = trailtest.menu_item_shortcut(item)
    wanted = {'Undo': 'Ctrl+Z', 'Redo': 'Shift+Ctrl+Z', 'Save': 'Ctrl+S'}
    report(all(trailtest.same_shortcut(keys[name], wanted[name]) for name in wanted),
           f'the main menu shows Ctrl+Z, Shift+Ctrl+Z and Ctrl+S ({keys})')
    trailtest.xdotool('key', 'Escape')

    time.sleep(0.3)
    status = canvas.close()
    report(status == 0, f'quits cleanly (status {status})')
finally:
    canvas.app.quit()

for app_ in apps:
    ok, bad = clean_log(app_)
    report(ok, f'no GLib warning or critical in {os.path.basename(app_.log_path)} {bad if bad else ""}')

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

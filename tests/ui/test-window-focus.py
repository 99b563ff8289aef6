#!/usr/bin/python3
# After a map is opened, created from a template or recovered, the keyboard
# is on the map: the view's shortcuts work at once, Space does not open the
# file chooser again, and typing adds a card at the first cell — checked in
# the saved file.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

trailtest.require_display()

# The draft delay is the schema's default (the tests use a memory backend).
DRAFT_DELAY = 3.0
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')
results = []
apps = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def clean_log(app):
    """The app's own log holds no GLib warning or critical."""
    bad = app.log_problems()
    return not bad, bad[:3]


def first_cell(doc):
    """The first stage and the first lane that takes cards, in the file's order."""
    lane = next(l for l in doc['lanes'] if l.get('kind') != 'emotions' and not l.get('hidden'))
    return lane['id'], doc['stages'][0]['id']


def cards_at(doc, cell):
    lane, stage = cell
    return [c['text'] for c in doc['cards'] if c['lane'] == lane and c['stage'] == stage]


def zoom_changed(canvas, before, what):
    return canvas.geometry(lambda g: abs(g['zoom'] - before) > 1e-3, what=what)


def on_map(geometry):
    # The canvas, or a card on it.
    return geometry['focus'] in ('TrailCanvas', 'TrailCardWidget')


class Attached(canvastest.Canvas):
    """The canvas helpers, for an app started another way than by Canvas()."""

    def __init__(self, app, window, geometry_path, path=None):
        self.app, self.window, self.geometry_path, self.path = app, window, geometry_path, path


def type_card(canvas, text):
    """Types without clicking first: where the keyboard is, a card starts.
    False when no card came of it (the failure is reported by the caller)."""
    canvas.type(text)
    canvas.key('ctrl+Return')
    try:
        canvas.geometry(lambda g: not g['editing'] and canvas.card(g, text) is not None,
                        what=f'the card "{text}"', timeout=10)
        return True
    except TimeoutError as error:
        print(f'# {error}', flush=True)
        return False


def field(geometry, label):
    return next(f for f in geometry['inspector'] if f['label'] == label)


scratch = tempfile.mkdtemp(prefix='trailmap-window-focus-')
try:
    # A map whose first cell is empty, so that typing there can only add.
    with open(os.path.join(HERE, 'canvas-small.trailmap')) as f:
        doc = json.load(f)
    cell = first_cell(doc)
    doc['cards'] = [c for c in doc['cards'] if (c['lane'], c['stage']) != cell]
    fixture = os.path.join(scratch, 'first-cell-empty.trailmap')
    with open(fixture, 'w') as f:
        json.dump(doc, f, indent=2)

    # --- 1. Opened from the command line: nothing clicked, nothing focused by hand.
    canvas = canvastest.Canvas(fixture=fixture, a11y=True)
    apps.append(canvas.app)
    recovered_path = canvas.path
    try:
        g = canvas.geometry()
        trailtest.screenshot('window-focus-opened')
        # Space on the header's Open button would open the file chooser.
        canvas.key('space')
        canvas.key('ctrl+0')
        g = zoom_changed(canvas, g['zoom'], 'Ctrl+0 to fit the map right after opening')
        report(on_map(g), f'Ctrl+0 works right after opening, with the keyboard on the map ({g["focus"]})')
        report(not canvas.app.visible_windows('^Open Map$'), 'Space did not open the file chooser')

        type_card(canvas, 'Typed at once')
        saved = canvas.save()
        report('Typed at once' in cards_at(saved, cell),
               f'typing adds a card at the first cell (saved there: {cards_at(saved, cell)})')

        # Leave an unsaved edit older than the draft delay, then crash: the
        # map's title, renamed in the inspector.
        canvas.key('Escape')
        canvas.focus_canvas()
        g = canvas.geometry(lambda g: any(f['label'] == 'Title' for f in g['inspector']),
                            what='the map in the inspector')
        canvas.click(canvas.center(field(g, 'Title')))
        canvas.key('End')
        canvas.type(' (draft)')
        canvas.key('Return')
        canvas.app.wait_for_window('Canvas test map \\(draft\\)')
        time.sleep(DRAFT_DELAY + 1.5)
        os.kill(canvas.app.proc.pid, signal.SIGKILL)
        canvas.app.proc.wait()
    finally:
        canvas.app.quit()

    # --- 2. Recovered after the crash.
    geometry_path = os.path.join(scratch, 'recovered-geometry.json')
    app = trailtest.App(a11y=True, env={'TRAILMAP_DEBUG_GEOMETRY': geometry_path})
    apps.append(app)
    try:
        app.wait_for_window('Trailmap')
        dialog = app.wait_for_dialog('Recover Unsaved Changes?')
        app.activate('push button', 'Recover', root=dialog)
        window = app.wait_for_window('Canvas test map')
        recovered = Attached(app, window, geometry_path, recovered_path)
        g = recovered.geometry(lambda g: g.get('has_document') and g.get('cards'))
        trailtest.xdotool('windowfocus', '--sync', window)
        recovered.key('ctrl+minus')
        g = zoom_changed(recovered, g['zoom'], 'Ctrl+− to zoom out after recovering')
        report(on_map(g), f'after recovering, the keyboard is on the map ({g["focus"]})')
        trailtest.screenshot('window-focus-recovered')
        saved = recovered.save()
        report(saved['title'] == 'Canvas test map (draft)', f'the recovered map has the drafted title ({saved["title"]!r})')
        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly once saved (status {status})')
    finally:
        app.quit()

    # --- 3. New, from the Blank template, in the window the app starts with.
    geometry_path = os.path.join(scratch, 'new-geometry.json')
    app = trailtest.App(a11y=True, env={'TRAILMAP_DEBUG_GEOMETRY': geometry_path})
    apps.append(app)
    try:
        window = app.wait_for_window('Trailmap')
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+n')
        gallery = app.wait_for_dialog('New Map')
        app.find('table cell', 'Blank', root=gallery)
        gallery_window = app.wait_for_window('^New Map$')
        trailtest.xdotool('windowfocus', '--sync', gallery_window)
        # Blank is the last template.
        trailtest.xdotool('key', 'End')
        trailtest.xdotool('key', 'Return')
        trailtest.wait_until(lambda: not app.visible_windows('^New Map$'), what='the gallery to close')

        new = Attached(app, app.wait_for_window('Trailmap'), geometry_path)
        g = new.geometry(lambda g: g.get('has_document'), what='the new map shown')
        trailtest.xdotool('windowfocus', '--sync', new.window)
        new.key('ctrl+minus')
        g = zoom_changed(new, g['zoom'], 'Ctrl+− to zoom out in the new map')
        report(on_map(g), f'after New, the keyboard is on the map ({g["focus"]})')
        type_card(new, 'First idea')
        trailtest.screenshot('window-focus-new')

        path = os.path.join(scratch, 'new.trailmap')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+shift+s')
        app.wait_for_window('^Save Map$')
        time.sleep(0.5)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
        trailtest.xdotool('type', '--delay', '10', path)
        trailtest.xdotool('key', 'Return')
        trailtest.wait_until(lambda: os.path.exists(path) and os.path.getsize(path) > 0,
                             what='the new map to be saved')
        time.sleep(0.3)
        with open(path) as f:
            saved = json.load(f)
        report('First idea' in cards_at(saved, first_cell(saved)),
               f'typing in a new map adds a card at its first cell ({cards_at(saved, first_cell(saved))})')
        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly once saved (status {status})')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

for app_ in apps:
    ok, bad = clean_log(app_)
    report(ok, f'no GLib warning or critical in {os.path.basename(app_.log_path)} {bad if bad else ""}')

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

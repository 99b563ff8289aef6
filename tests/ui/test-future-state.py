#!/usr/bin/python3
# Current and future state in the real app, with real input: open a map,
# File → New Future State… (the title dialog, Return takes the default), a
# card of the future state edited with F2, Ctrl+S saving it next to the
# current state, then one click — File → Compare With Current State — and
# the comparison shows the change. The comparison follows further edits of
# the map (a card added: the summary counts it), zooms with Ctrl+plus,
# Ctrl+minus, Ctrl+0 and Ctrl+1 like the map, and closes with Escape right
# after an export, the focus left where the file chooser left it. From the
# current state: Compare With Future State finds the open future state, then
# (its window closed) the saved file next to it, then (the file gone) says
# so and offers Compare With….
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
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

ROOT = os.environ['TRAILMAP_SOURCE_ROOT']
OLD = os.path.join(ROOT, 'tests', 'data', 'compare-old.trailmap')
CURRENT_TITLE = 'Buying a coffee maker (current state)'
FUTURE_TITLE = f'{CURRENT_TITLE} — Future State'
CARD = 'Video ad: latte art in 30 seconds'
EDITED = 'Video ad: a latte in the new kitchen'
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def choose(app, title, path, accept):
    chooser_window = app.wait_for_window(f'^{title}$')
    chooser = app.wait_for_dialog(title)
    trailtest.wait_until(lambda: trailtest.find_accessible(chooser, 'push button', 'Cancel', actionable=True),
                         what=f'the {title} chooser ready')
    trailtest.xdotool('windowfocus', '--sync', chooser_window)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+l')
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
    trailtest.xdotool('type', '--delay', '10', path)
    # GTK 4.24 completes the name inline as it is typed: drop what it added.
    trailtest.xdotool('key', '--clearmodifiers', 'shift+End', 'Delete')
    time.sleep(0.5)
    trailtest.xdotool('key', 'Return')
    try:
        trailtest.wait_until(lambda: not app.visible_windows(f'^{title}$'), timeout=3, what='the chooser closed')
    except TimeoutError:
        # The location entry's completion may take the first Return.
        node = app.find_window(title)
        if node is not None:
            app.activate('push button', accept, root=node)
        trailtest.wait_until(lambda: not app.visible_windows(f'^{title}$'), what='the chooser closed')


def label_containing(root, text, timeout=20.0):
    return trailtest.wait_until(
        lambda: trailtest.find_accessible(root, 'label', lambda n: bool(n) and text in n),
        timeout=timeout, what=f'a label with "{text}"')


def menu(app, window, item):
    trailtest.xdotool('windowfocus', '--sync', window)
    trailtest.xdotool('key', '--clearmodifiers', 'F10')
    app.activate('menu item', item)


def zoom_label(app, frame):
    button = trailtest.find_accessible(frame, 'toggle button', lambda n: bool(n) and re.fullmatch(r'\d+%', n))
    return button.get_name() if button is not None else None


def wait_zoom(app, frame, wanted):
    return trailtest.wait_until(lambda: zoom_label(app, frame) == wanted, timeout=10, what=f'zoom {wanted}')


scratch = tempfile.mkdtemp(prefix='trailmap-future-')
try:
    current = os.path.join(scratch, 'journey.trailmap')
    future = os.path.join(scratch, 'journey-future.trailmap')
    shutil.copy(OLD, current)

    app = trailtest.App(current, env={'HOME': scratch})
    try:
        window = app.wait_for_window(re.escape(CURRENT_TITLE))
        offered = trailtest.find_accessible(app.atspi(), 'menu item', 'Compare With Future State')
        report(offered is None or not trailtest.is_showing(offered),
               'a map that never had a future state offers no comparison with one')

        # File → New Future State…: the title dialog; Return creates it.
        menu(app, window, 'New Future State…')
        dialog = app.wait_for_dialog('New Future State')
        trailtest.wait_until(lambda: trailtest.find_accessible(dialog, 'text', 'Title'), what='the title entry')
        report(True, 'New Future State… asks for the title')
        # The title offered is "TITLE — Future State": Return takes it.
        trailtest.xdotool('key', '--clearmodifiers', 'Return')
        app.wait_dialog_closed('New Future State')
        future_window = app.wait_for_window(re.escape(FUTURE_TITLE))
        report(True, f'the future state opens in a window of its own, titled {FUTURE_TITLE!r}')
        trailtest.screenshot('future-state-new')

        # A card of the future state edited: selected with a click, F2, typed.
        frame = trailtest.wait_until(lambda: app.find_window(lambda n: bool(n) and FUTURE_TITLE in n), what='the future state on the bus')
        card = app.find('push button', CARD, root=frame)
        trailtest.xdotool('windowfocus', '--sync', future_window)
        app.click(card)
        time.sleep(0.3)
        trailtest.xdotool('key', '--clearmodifiers', 'F2')
        time.sleep(0.3)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
        trailtest.xdotool('type', '--delay', '10', EDITED)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+Return')
        app.find('push button', EDITED, root=frame)
        report(True, 'a card of the future state edited')

        # Ctrl+S: the chooser starts in the current state's folder, so a
        # name is all it takes to keep the two side by side.
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+s')
        chooser_window = app.wait_for_window('^Save Map$')
        chooser = app.wait_for_dialog('Save Map')
        trailtest.wait_until(lambda: trailtest.find_accessible(chooser, 'push button', 'Cancel', actionable=True),
                             what='the Save Map chooser ready')
        trailtest.xdotool('windowfocus', '--sync', chooser_window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
        trailtest.xdotool('type', '--delay', '10', os.path.basename(future))
        time.sleep(0.5)
        trailtest.xdotool('key', 'Return')
        trailtest.wait_until(lambda: not app.visible_windows('^Save Map$'), what='the chooser closed')
        trailtest.wait_until(lambda: os.path.exists(future) and os.path.getsize(future) > 0, what='the future state saved')
        with open(future) as f:
            saved = json.load(f)
        link = saved.get('current-state', {})
        report(link.get('file') == 'journey.trailmap' and link.get('id') and saved.get('id') != link.get('id'),
               f'the saved future state names its current state: {link}')
        with open(current) as f:
            report(json.load(f).get('id') is None, 'the current state on disk is untouched')

        # One click: File → Compare With Current State.
        menu(app, future_window, 'Compare With Current State')
        compare = app.wait_for_window('^Comparison — journey-future.trailmap$')
        cframe = trailtest.wait_until(lambda: app.find_window('Comparison — journey-future.trailmap'),
                                      what='the comparison on the bus')
        label_containing(cframe, 'Cards: 0 added, 0 removed, 1 changed, 0 moved')
        app.find('list item', lambda n: bool(n) and n.startswith(EDITED), root=cframe)
        report(True, 'Compare With Current State: the comparison shows the edited card')
        trailtest.screenshot('future-state-compare')

        # The comparison follows the map: a card added in the future state
        # (the edited card duplicated; the map's window raised over the
        # comparison, there being no window manager to do it).
        trailtest.xdotool('windowraise', future_window)
        trailtest.xdotool('windowfocus', '--sync', future_window)
        app.click(app.find('push button', EDITED, root=frame))
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+d')
        try:
            label_containing(cframe, 'Cards: 1 added, 0 removed, 1 changed, 0 moved', timeout=20)
        finally:
            trailtest.screenshot('future-state-followed')
        report(True, 'the comparison follows an edit of the map (a card duplicated: 1 added)')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+z')
        label_containing(cframe, 'Cards: 0 added, 0 removed, 1 changed, 0 moved', timeout=20)
        report(True, '… and its undo')

        # Zoom like the map: Ctrl+plus, Ctrl+minus, Ctrl+0 (fit), Ctrl+1.
        trailtest.xdotool('windowraise', compare)
        trailtest.xdotool('windowfocus', '--sync', compare)
        report(zoom_label(app, cframe) == '100%', f'the comparison starts at 100% ({zoom_label(app, cframe)})')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+plus')
        wait_zoom(app, cframe, '125%')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+minus', 'ctrl+minus')
        wait_zoom(app, cframe, '80%')
        report(True, 'Ctrl+plus and Ctrl+minus step the zoom (125%, 80%)')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+0')
        fit = trailtest.wait_until(lambda: zoom_label(app, cframe) not in (None, '80%') and zoom_label(app, cframe),
                                   what='zoomed to fit')
        trailtest.screenshot('future-state-compare-fit')
        report(int(fit[:-1]) < 80, f'Ctrl+0 fits the whole map ({fit})')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+1')
        wait_zoom(app, cframe, '100%')
        report(True, 'Ctrl+1 back to 100%')

        # Export, then Escape with the focus where the chooser left it.
        pdf = os.path.join(scratch, 'comparison.pdf')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+e')
        choose(app, 'Export Comparison', pdf, 'Export')
        trailtest.wait_until(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 0, what='the PDF written')
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True).stdout
        report('Cards: 0 added, 0 removed, 1 changed, 0 moved' in text, 'the export holds the comparison')
        time.sleep(0.5)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        try:
            trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), timeout=5, what='closed by Escape')
            closed = True
        except TimeoutError:
            closed = False
            trailtest.screenshot('future-state-escape-failed')
        report(closed, 'Escape closes the comparison right after an export')
        if not closed:
            trailtest.xdotool('windowfocus', '--sync', compare)
            trailtest.xdotool('key', '--clearmodifiers', 'ctrl+w')
            trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), what='the comparison closed')

        # The current state got an id to be linked by, as an edit: saved,
        # the file holds it.
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+s')
        trailtest.wait_until(lambda: json.load(open(current)).get('id') == link.get('id'),
                             what='the current state saved with its id')
        report(True, 'the current state, saved, holds the id its future state names')

        # From the current state: the open future state, in one click.
        menu(app, window, 'Compare With Future State')
        compare = app.wait_for_window('^Comparison — journey-future.trailmap$')
        cframe = trailtest.wait_until(lambda: app.find_window('Comparison — journey-future.trailmap'),
                                      what='the comparison from the current state')
        label_containing(cframe, 'Cards: 0 added, 0 removed, 1 changed, 0 moved')
        report(True, 'Compare With Future State finds the open future state')
        trailtest.xdotool('windowfocus', '--sync', compare)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), what='the comparison closed')

        # The future state's window closed: found next to the map.
        trailtest.xdotool('windowfocus', '--sync', future_window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+w')
        trailtest.wait_until(lambda: not app.visible_windows(re.escape(FUTURE_TITLE)), what='the future state closed')
        menu(app, window, 'Compare With Future State')
        compare = app.wait_for_window('^Comparison — journey-future.trailmap$')
        cframe = trailtest.wait_until(lambda: app.find_window('Comparison — journey-future.trailmap'),
                                      what='the comparison with the saved future state')
        label_containing(cframe, 'Cards: 0 added, 0 removed, 1 changed, 0 moved')
        report(True, 'Compare With Future State finds the saved future state next to the map')
        trailtest.xdotool('windowfocus', '--sync', compare)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), what='the comparison closed')

        # Moved away: the message says so and offers Compare With…, where
        # the map located is the future state (the new side).
        elsewhere = os.path.join(scratch, 'elsewhere')
        os.mkdir(elsewhere)
        moved = os.path.join(elsewhere, 'journey-future.trailmap')
        os.rename(future, moved)
        menu(app, window, 'Compare With Future State')
        missing = app.wait_for_dialog('Future State Not Found')
        label_containing(missing, 'New Future State')
        trailtest.screenshot('future-state-missing')
        app.activate('push button', 'Compare With…', root=missing)
        choose(app, 'Compare With', moved, 'Compare')
        compare = app.wait_for_window('^Comparison — journey-future.trailmap$')
        cframe = trailtest.wait_until(lambda: app.find_window('Comparison — journey-future.trailmap'),
                                      what='the comparison with the located future state')
        label_containing(cframe, 'Cards: 0 added, 0 removed, 1 changed, 0 moved')
        report(trailtest.find_accessible(cframe, 'label', lambda n: bool(n) and
                                         'journey-future.trailmap against journey.trailmap' in n) is not None,
               'a missing future state: said so; located with Compare With…, compared as the new side')
        trailtest.xdotool('windowfocus', '--sync', compare)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), what='the comparison closed')

        report(app.quit_gracefully() == 0, 'the app quits cleanly')
        bad = app.log_problems()
        report(not bad, f'no GLib warning or critical {bad[:3]}')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

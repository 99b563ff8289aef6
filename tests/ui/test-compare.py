#!/usr/bin/python3
# Comparing maps in the real app: File → Compare With… (F10, the item, a
# file typed into the chooser), the comparison window's summary, its list
# of changes scrolling the map to a card, the old value in the card's
# tooltip under the pointer, Export as PDF read back by poppler; then
# Compare With Earlier Version… in a git repository of three commits, and
# the clear message for a map in no repository; the main map untouched
# throughout.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

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
NEW = os.path.join(ROOT, 'tests', 'data', 'compare-new.trailmap')
SUMMARY = 'Cards: 1 added, 1 removed, 1 changed, 1 moved'
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


def label_containing(root, text):
    return trailtest.wait_until(
        lambda: trailtest.find_accessible(root, 'label', lambda n: bool(n) and text in n),
        what=f'a label with "{text}"')


def window_origin(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return int(values['X']), int(values['Y'])


def node_center(window, node):
    """The middle of @node on the screen. GTK reports positions within the
    window only (screen ones with a warning): add the window's origin."""
    from gi.repository import Atspi
    ext = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    x0, y0 = window_origin(window)
    return int(x0 + ext.x + ext.width / 2), int(y0 + ext.y + ext.height / 2)


def click_node(window, node):
    x, y = node_center(window, node)
    trailtest.xdotool('mousemove', '--sync', str(x), str(y), 'click', '1')


def git(repo, *args):
    subprocess.run(['git', '-C', repo, *args], check=True, capture_output=True)


scratch = tempfile.mkdtemp(prefix='trailmap-compare-')
try:
    repo = os.path.join(scratch, 'repo')
    os.mkdir(repo)
    os.environ.update(GIT_AUTHOR_NAME='Ana', GIT_AUTHOR_EMAIL='ana@example.org',
                      GIT_COMMITTER_NAME='Ana', GIT_COMMITTER_EMAIL='ana@example.org',
                      GIT_CONFIG_NOSYSTEM='1')
    git(repo, 'init', '-q')
    target = os.path.join(repo, 'journey.trailmap')
    shutil.copy(OLD, target)
    git(repo, 'add', 'journey.trailmap')
    git(repo, 'commit', '-qm', 'Current state')
    shutil.copy(NEW, target)
    git(repo, 'commit', '-qam', 'Future state')
    with open(NEW) as f:
        text = f.read().replace('Video guide for the first set-up', 'Video guide for set-up')
    with open(target, 'w') as f:
        f.write(text)
    git(repo, 'commit', '-qam', 'Shorter card')
    with open(target, 'rb') as f:
        saved = f.read()

    app = trailtest.App(target, env={'HOME': scratch})
    try:
        window = app.wait_for_window('future state')
        main_title = subprocess.run(['xdotool', 'getwindowname', window], capture_output=True, text=True).stdout.strip()

        # File → Compare With… the old map.
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'F10')
        app.activate('menu item', 'Compare With…')
        choose(app, 'Compare With', OLD, 'Compare')
        compare_window = app.wait_for_window('^Comparison — journey.trailmap$')
        frame = trailtest.wait_until(lambda: app.find_window('Comparison — journey.trailmap'),
                                     what='the comparison on the accessibility bus')
        label_containing(frame, SUMMARY)
        report(True, f'Compare With… opens the comparison with its summary ({SUMMARY!r})')
        label_containing(frame, 'Feeling of Sofia Marino at Delivery: ▲ +2.5')
        report(True, 'the summary names the biggest emotional change')
        trailtest.screenshot('compare-window')

        # The list of changes scrolls the map to the changed card; the
        # pointer on it shows the old text.
        row = app.find('list item', lambda n: bool(n) and n.startswith('Video ad: latte art in 20 seconds'),
                       root=frame)
        canvas = app.find('image', 'Comparison of two maps', root=frame)
        click_node(compare_window, row)
        time.sleep(0.5)
        # The canvas's visible part: its scroller's middle is the card.
        scroller = canvas.get_parent()
        while scroller is not None and scroller.get_role_name() not in ('scroll pane', 'viewport', 'panel') :
            scroller = scroller.get_parent()
        cx, cy = node_center(compare_window, scroller or canvas)
        trailtest.xdotool('mousemove', '--sync', str(cx - 10), str(cy))
        trailtest.xdotool('mousemove', '--sync', str(cx), str(cy))
        tooltip = None
        try:
            tooltip = trailtest.wait_until(
                lambda: trailtest.find_accessible(app.atspi(), 'label',
                                                  lambda n: bool(n) and 'Text was “Video ad: latte art in 30 seconds”' in n),
                timeout=8, what='the tooltip with the old text')
        except TimeoutError:
            pass
        trailtest.screenshot('compare-tooltip')
        report(tooltip is not None, 'the changed card\'s tooltip shows its old text')

        # Export as PDF, read back by poppler.
        pdf = os.path.join(scratch, 'comparison.pdf')
        trailtest.xdotool('windowfocus', '--sync', compare_window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+e')
        choose(app, 'Export Comparison', pdf, 'Export')
        trailtest.wait_until(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 0, what='the PDF written')
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True).stdout
        report(SUMMARY in text and 'Removed' in text, 'Export as PDF: poppler reads the summary and the marks')

        # Escape closes the comparison; the map is as it was.
        trailtest.xdotool('windowfocus', '--sync', compare_window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+w')
        try:
            trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), timeout=5, what='the comparison closed')
        finally:
            trailtest.screenshot('compare-after-escape')
        title_now = subprocess.run(['xdotool', 'getwindowname', window], capture_output=True, text=True).stdout.strip()
        report(title_now == main_title, f'the map is untouched (title {title_now!r})')

        # Compare With Earlier Version…: three commits listed, the oldest
        # chosen with the keyboard.
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'F10')
        app.activate('menu item', 'Compare With Earlier Version…')
        history = app.wait_for_window('^Compare With Earlier Version$')
        dialog = trailtest.wait_until(lambda: app.find_window('Compare With Earlier Version'), what='the history')
        rows = [app.find('list item', lambda n, s=s: bool(n) and s in n, root=dialog)
                for s in ('Shorter card', 'Future state', 'Current state')]
        report(len(rows) == 3, 'the history lists the three commits')
        trailtest.screenshot('compare-history')
        click_node(history, rows[2])
        trailtest.wait_until(lambda: not app.visible_windows('^Compare With Earlier Version$'), what='the history closed')
        compare_window = app.wait_for_window('^Comparison — journey.trailmap$')
        frame = trailtest.wait_until(lambda: app.find_window('Comparison — journey.trailmap'), what='the comparison')
        # Against the first commit: the future state's changes and the
        # shortened card (an added one, as its text and id are new).
        label_containing(frame, 'at ')
        label = label_containing(frame, 'Cards: ')
        report(label.get_name().startswith('Cards: 1 added, 1 removed, 2 changed, 1 moved')
               or label.get_name().startswith('Cards: 1 added, 1 removed, 1 changed, 1 moved'),
               f'the earlier version compared: {label.get_name().splitlines()[0]!r}')
        trailtest.screenshot('compare-revision')
        trailtest.xdotool('windowfocus', '--sync', compare_window)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        trailtest.wait_until(lambda: not app.visible_windows('^Comparison'), what='the comparison closed (Escape)')

        with open(target, 'rb') as f:
            report(f.read() == saved, 'the file on disk is untouched')
        report(app.quit_gracefully() == 0, 'the app quits cleanly')
        bad = app.log_problems()
        report(not bad, f'no GLib warning or critical {bad[:3]}')
    finally:
        app.quit()

    # A map in no repository: the message says so.
    loose = os.path.join(scratch, 'loose', 'journey.trailmap')
    os.makedirs(os.path.dirname(loose))
    shutil.copy(NEW, loose)
    app = trailtest.App(loose, env={'HOME': scratch, 'GIT_CEILING_DIRECTORIES': scratch})
    try:
        window = app.wait_for_window('future state')
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'F10')
        app.activate('menu item', 'Compare With Earlier Version…')
        dialog = trailtest.wait_until(lambda: app.find_window('Compare With Earlier Version'), what='the history')
        label_containing(dialog, 'not in a git repository')
        report(True, 'a map in no repository: "The map is not in a git repository."')
        trailtest.screenshot('compare-no-repo')
        history = app.wait_for_window('^Compare With Earlier Version$')
        trailtest.xdotool('windowfocus', '--sync', history)
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        trailtest.wait_until(lambda: not app.visible_windows('^Compare With Earlier Version$'), what='the history closed')
        report(app.quit_gracefully() == 0, 'the app quits cleanly')
    finally:
        app.quit()

    # No git at all: the item is not offered.
    bindir = os.path.join(scratch, 'bin')
    os.mkdir(bindir)
    app = trailtest.App(loose, env={'HOME': scratch, 'PATH': bindir})
    try:
        window = app.wait_for_window('future state')
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'F10')
        app.find('menu item', 'Compare With…')
        offered = trailtest.find_accessible(app.atspi(), 'menu item', 'Compare With Earlier Version…')
        report(offered is None or not trailtest.is_showing(offered), 'without git the item is not offered')
        trailtest.xdotool('key', '--clearmodifiers', 'Escape')
        report(app.quit_gracefully() == 0, 'the app quits cleanly')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

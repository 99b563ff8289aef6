#!/usr/bin/python3
# The import dialog, driven with real keys and AT-SPI: the main menu's
# "Import Survey Results…" (F10, then the item), a CSV
# chosen in the file chooser, the guess and the bad rows (with their lines)
# shown before anything changes; Cancel leaves the map as it was, Import
# puts the survey on it as one undo step, and the saved file says so;
# Refresh after the file gains a row adds it without duplicates.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

ROOT = os.environ['TRAILMAP_SOURCE_ROOT']
TEMPLATE = os.path.join(ROOT, 'data', 'templates', 'coffee-maker.trailmap')
CSV = os.path.join(ROOT, 'tests', 'model', 'csv', 'responses.csv')
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def open_import_dialog(app, window, csv):
    trailtest.xdotool('windowfocus', '--sync', window)
    trailtest.xdotool('key', '--clearmodifiers', 'F10')
    app.activate('menu item', 'Import Survey Results…')
    title = 'Import Survey Results or Metrics'
    chooser_window = app.wait_for_window(title)
    # GTK's own file chooser (no portal here): once it takes keys, type the
    # full path, Enter.
    chooser = app.wait_for_dialog(title)
    trailtest.wait_until(lambda: trailtest.find_accessible(chooser, 'push button', 'Cancel', actionable=True),
                         what='the chooser ready')
    trailtest.xdotool('windowfocus', '--sync', chooser_window)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+l')
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
    trailtest.xdotool('type', '--delay', '10', csv)
    # GTK 4.24 completes the name inline as it is typed: drop what it added.
    trailtest.xdotool('key', '--clearmodifiers', 'shift+End', 'Delete')
    time.sleep(0.5)
    # The location entry's completion may take the first Return.
    trailtest.xdotool('key', 'Return')
    try:
        return app.wait_for_dialog('Import Survey Results', timeout=3)
    except TimeoutError:
        pass
    chooser = app.find_window('Import Survey Results or Metrics')
    if chooser is not None:
        app.activate('push button', 'Open', root=chooser)
    try:
        return app.wait_for_dialog('Import Survey Results')
    except TimeoutError:
        trailtest.screenshot('import-dialog-missing')
        raise


def label_containing(app, root, text):
    return trailtest.wait_until(
        lambda: trailtest.find_accessible(root, 'label', lambda n: bool(n) and text in n),
        what=f'a label with "{text}"')


def saved(app, window, path):
    before = os.path.getmtime(path)
    trailtest.xdotool('windowfocus', '--sync', window)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+s')
    trailtest.wait_until(lambda: os.path.getmtime(path) != before, what='the map to be saved')
    time.sleep(0.3)
    with open(path) as f:
        return json.load(f)


print('1..15', flush=True)
scratch = tempfile.mkdtemp(prefix='trailmap-import-')
try:
    path = os.path.join(scratch, 'journey.trailmap')
    csv = os.path.join(scratch, 'responses.csv')
    shutil.copy(TEMPLATE, path)
    shutil.copy(CSV, csv)
    original = open(path).read()
    app = trailtest.App(path)
    try:
        window = app.wait_for_window('Trailmap')
        time.sleep(0.5)

        # First look, then Cancel: nothing changes.
        dialog = open_import_dialog(app, window, csv)
        summary = label_containing(app, dialog, 'rows will be imported')
        report('6 rows will be imported; 2 cannot be read' in summary.get_name(),
               f'the summary counts good and bad rows ({summary.get_name()!r})')
        bad = label_containing(app, dialog, 'Line 10:')
        report('Line 9: no stage is called “Unpacking”' in bad.get_name()
               and 'Line 10: the score “x” is not a number' in bad.get_name(),
               'bad rows are listed with their lines and reasons')
        row = trailtest.find_named(dialog, 'Unpacking', skip_role='label')
        report(row is not None, 'the unmatched stage value is offered for mapping '
               f'({row.get_role_name() if row else None})')
        trailtest.screenshot('import-dialog')

        # The separator is guessed, and can be changed: with commas the
        # file is one column and nothing can be imported; back to
        # semicolons, the guess returns.
        app.click(trailtest.find_named(dialog, 'Separator', skip_role='label'))
        time.sleep(0.5)
        # The list opens on "Semicolon"; the one above is "Comma".
        trailtest.xdotool('key', 'Up', 'Return')
        label_containing(app, dialog, 'separated by commas')
        time.sleep(0.3)
        app.click(trailtest.find_named(dialog, 'Separator', skip_role='label'))
        time.sleep(0.5)
        # The list opens on "Comma"; the next one down is "Semicolon".
        trailtest.xdotool('key', 'Down', 'Return')
        summary = label_containing(app, dialog, 'separated by semicolons')
        report('6 rows will be imported' in summary.get_name(), 'the separator can be changed and back')

        app.activate('push button', 'Cancel', root=dialog)
        trailtest.wait_until(lambda: app.find_window('Import Survey Results') is None,
                             what='the dialog to close')
        report(open(path).read() == original, 'Cancel changes nothing')

        # Again; "Unpacking" is mapped by hand onto Delivery, and Import.
        dialog = open_import_dialog(app, window, csv)
        label_containing(app, dialog, 'rows will be imported')
        row = trailtest.find_named(dialog, 'Unpacking', skip_role='label')
        app.click(row)
        choice = trailtest.wait_until(
            lambda: trailtest.find_accessible(app.atspi(), 'label', 'Delivery'),
            what='the stage choices')
        time.sleep(0.3)
        app.click(choice)
        summary = label_containing(app, dialog, '7 rows will be imported')
        report(summary is not None, 'a stage chosen for an unmatched value brings its rows in')
        # The segment "Other" is no persona of the map: offered too, and
        # mapped onto Sofia Marino (the list opens on "No Persona"; she is
        # the next one down).
        row = trailtest.wait_until(lambda: trailtest.find_named(dialog, 'Other', skip_role='label'), what='the unmatched persona value')
        report(row is not None, 'the unmatched persona value is offered for mapping')
        app.click(row)
        time.sleep(0.5)
        trailtest.xdotool('key', 'Down', 'Return')
        time.sleep(0.5)
        trailtest.screenshot('import-dialog-persona')
        trailtest.screenshot('import-dialog-mapped')
        app.activate('push button', 'Import', root=dialog)
        trailtest.wait_until(lambda: app.find_window('Import Survey Results') is None,
                             what='the dialog to close')
        doc = saved(app, window, path)
        surveys = doc.get('surveys', [])
        report(len(surveys) == 1 and surveys[0]['source'] == 'responses.csv' and surveys[0]['rows'] == 7
               and surveys[0].get('skipped') == 1 and len(surveys[0].get('stage-values', [])) == 1,
               'the saved map records the import')
        report(len(surveys[0].get('persona-values', [])) == 1,
               f'the persona mapped by hand is recorded ({surveys[0].get("persona-values")})')
        results_by_stage = {r['stage']: r for r in doc.get('survey-results', []) if 'persona' not in r}
        report(len(results_by_stage) == 6 and sorted(r['n'] for r in results_by_stage.values()) == [1, 1, 1, 1, 1, 2],
               f'one measured emotion per stage ({len(results_by_stage)})')
        quotes = [c for c in doc['cards'] if 'survey' in c]
        report(len(quotes) == 7 and all(c['evidence-source'] == 'survey' for c in quotes)
               and any(c['evidence-note'] == 'responses.csv, row 3' for c in quotes),
               f'quote cards name their file and row ({len(quotes)})')
        trailtest.screenshot('import-done')

        # The survey gains a row; Refresh reads the file beside the map
        # with the recorded mapping (Unpacking is still Delivery).
        with open(csv, 'a') as f:
            f.write('9;2026-05-06;Set-up;Sofia Marino;1;"Water everywhere"\n')
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'F10')
        app.activate('menu item', 'Refresh Survey Results…')
        dialog = app.wait_for_dialog('Import Survey Results')
        label_containing(app, dialog, '8 rows will be imported')
        app.activate('push button', 'Import', root=dialog)
        trailtest.wait_until(lambda: app.find_window('Import Survey Results') is None,
                             what='the dialog to close')
        doc = saved(app, window, path)
        quotes = [c for c in doc['cards'] if 'survey' in c]
        keys = {c['survey-key'] for c in quotes}
        report(doc['surveys'][0]['rows'] == 8 and len(quotes) == 8 and len(keys) == 8
               and len(doc['surveys']) == 1,
               f'Refresh adds the new row and no duplicates ({len(quotes)} quote cards)')

        # Each is one undo step: two take it all back.
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+z')
        time.sleep(0.3)
        doc = saved(app, window, path)
        report(doc['surveys'][0]['rows'] == 7, 'undo takes back the refresh alone')
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+z')
        time.sleep(0.3)
        doc = saved(app, window, path)
        report('surveys' not in doc and not any('survey' in c for c in doc['cards']),
               'undo removes the import in one step')

        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly (status {status})')
    finally:
        app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

sys.exit(0 if all(results) else 1)

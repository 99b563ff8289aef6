#!/usr/bin/python3
# A document app people trust: open → edit → save → reopen gives the same
# map; closing with unsaved changes asks, and each answer does what it says;
# after kill -9 the next start offers the map back with every edit older
# than the draft delay.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

# The draft delay is the schema's default (the tests use a memory backend).
DRAFT_DELAY = 3.0
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def texts(path):
    with open(path) as f:
        return [c['text'] for c in json.load(f)['cards']]


def drafts_dir():
    d = os.path.join(os.environ['XDG_DATA_HOME'], 'io.github.trailmap.Trailmap.Devel', 'drafts')
    if not os.path.isdir(os.path.dirname(d)):
        d = os.path.join(os.environ['XDG_DATA_HOME'], 'io.github.trailmap.Trailmap', 'drafts')
    return d


def draft_files():
    d = drafts_dir()
    return sorted(f for f in os.listdir(d) if f.endswith('.trailmap')) if os.path.isdir(d) else []


def remove_drafts():
    d = drafts_dir()
    for name in os.listdir(d) if os.path.isdir(d) else []:
        os.unlink(os.path.join(d, name))


def edit_first_card(canvas, text):
    """Selects "Sees an ad" (or whatever the first card now says) and types over it."""
    g = canvas.geometry()
    first = sorted(g['cards'], key=lambda c: (c['y'], c['x']))[0]
    canvas.click(canvas.center(first))
    canvas.geometry(lambda g: g['selection'] == [first['id']], what='the first card selected')
    canvas.type(text)
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, text), what=f'the card "{text}"')


def add_card(canvas, text):
    """Shift+Enter on the selected card starts a new card below it; type; commit."""
    canvas.key('shift+Return')
    canvas.geometry(lambda g: g['editing'], what='the inline editor')
    canvas.type(text)
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: not g['editing'] and canvas.card(g, text), what=f'the card "{text}"')


def wait_closed(canvas, timeout=15):
    trailtest.wait_until(lambda: canvas.app.proc.poll() is not None, timeout=timeout,
                         what='the app to quit after its last window closed')


# --- 1. Open → edit → save → reopen: the same map, byte for byte.
canvas = canvastest.Canvas()
try:
    edit_first_card(canvas, 'Sees a poster')
    saved = canvas.save()
    first_bytes = read(canvas.path)
    report('Sees a poster' in [c['text'] for c in saved['cards']], 'the edit is in the saved file')
    path = canvas.path
    status = canvas.app.quit_gracefully()
    report(status == 0, 'quits without asking once saved')

    again = trailtest.App(path, a11y=False)
    try:
        window = again.wait_for_window('Canvas test map')
        trailtest.xdotool('windowfocus', '--sync', window)
        before = os.stat(path).st_mtime_ns
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+s')
        trailtest.wait_until(lambda: os.stat(path).st_mtime_ns != before, what='the second save')
        time.sleep(0.3)
        report(read(path) == first_bytes, 'reopened and saved again: byte-identical')
        again.quit_gracefully()
    finally:
        again.quit()
finally:
    canvas.app.quit()

# --- 1b. Text still being typed is saved too (Ctrl+S without Ctrl+Enter),
# and closing with it asks first.
canvas = canvastest.Canvas(a11y=True)
try:
    g = canvas.geometry()
    first = sorted(g['cards'], key=lambda c: (c['y'], c['x']))[0]
    canvas.click(canvas.center(first))
    canvas.geometry(lambda g: g['selection'] == [first['id']], what='the first card selected')
    canvas.type('Typed but not committed')
    canvas.geometry(lambda g: g['editing'], what='the inline editor')
    saved = canvas.save()
    report('Typed but not committed' in [c['text'] for c in saved['cards']],
           'Ctrl+S saves the text being typed')
    canvas.click(canvas.center(canvas.card(canvas.geometry(), 'Typed but not committed')))
    canvas.type('Still typing')
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    canvas.key('ctrl+w')
    dialog = canvas.app.wait_for_dialog('Save Changes?')
    report(dialog is not None, 'closing while typing asks to save')
    canvas.app.activate('push button', 'Save', root=dialog)
    wait_closed(canvas)
    report('Still typing' in texts(canvas.path), 'and Save keeps what was typed')
finally:
    canvas.app.quit()

# --- 2. Closing with unsaved changes: Cancel, Discard, Save.
for answer in ('Cancel', 'Discard', 'Save'):
    canvas = canvastest.Canvas(a11y=True)
    try:
        original = read(canvas.path)
        edit_first_card(canvas, f'Edited before {answer}')
        trailtest.xdotool('windowfocus', '--sync', canvas.window)
        canvas.key('ctrl+w')
        dialog = canvas.app.wait_for_dialog('Save Changes?')
        if answer == 'Cancel':
            canvas.screenshot('documents-close-dialog')
        canvas.app.activate('push button', answer, root=dialog)
        if answer == 'Cancel':
            time.sleep(1)
            report(canvas.app.proc.poll() is None and read(canvas.path) == original,
                   'Cancel: the window stays open and the file is untouched')
            canvas.app.quit()
            # Ended with unsaved changes: their draft (written a draft delay
            # after the first key) would be offered at the next start.
            remove_drafts()
        elif answer == 'Discard':
            wait_closed(canvas)
            report(read(canvas.path) == original, 'Discard: the window closes, the file is untouched')
        else:
            wait_closed(canvas)
            report(f'Edited before {answer}' in texts(canvas.path),
                   'Save: the window closes once the edit is saved')
        # Cancel leaves the app running (the test ends it with SIGTERM).
        report(canvas.app.proc.returncode in (None, 0, -signal.SIGTERM),
               f'{answer}: no crash (status {canvas.app.proc.returncode})')
    finally:
        canvas.app.quit()

# --- 2b. Quitting with unsaved changes lists them; Discard All quits.
canvas = canvastest.Canvas(a11y=True)
try:
    original = read(canvas.path)
    edit_first_card(canvas, 'Edited before quitting')
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    canvas.key('ctrl+q')
    dialog = canvas.app.wait_for_dialog('Save Changes Before Quitting?')
    listed = trailtest.find_accessible(dialog, 'label', lambda n: bool(n) and '• map.trailmap' in n)
    canvas.screenshot('documents-quit-dialog')
    report(listed is not None, 'quit: the dialog lists the unsaved map')
    canvas.app.activate('push button', 'Discard All', root=dialog)
    wait_closed(canvas)
    report(canvas.app.proc.returncode == 0 and read(canvas.path) == original,
           f'quit: Discard All quits cleanly (status {canvas.app.proc.returncode}), the file untouched')
finally:
    canvas.app.quit()

def recover(canvas, run, expected, label, found=None):
    """Starts the app again after a kill, recovers the draft, saves it and
    reports whether @expected is among the saved map's card texts (or
    whether found(path) holds)."""
    path = canvas.path
    recovered = trailtest.App(a11y=True, env={'TRAILMAP_DEBUG_GEOMETRY': canvas.geometry_path})
    try:
        recovered.wait_for_window('Trailmap')
        dialog = recovered.wait_for_dialog('Recover Unsaved Changes?')
        named = trailtest.find_accessible(dialog, 'label', lambda n: bool(n) and 'map.trailmap' in n)
        report(named is not None, f'{label}: the dialog names the file')
        if run == 0:
            trailtest.screenshot('documents-recover-dialog')
        recovered.activate('push button', 'Recover', root=dialog)
        window = recovered.wait_for_window('Canvas test map')
        trailtest.xdotool('windowfocus', '--sync', window)
        before = os.stat(path).st_mtime_ns
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+s')
        trailtest.wait_until(lambda: os.stat(path).st_mtime_ns != before, what='the recovered map saved')
        time.sleep(0.3)
        report(found(path) if found else expected in texts(path), f'{label}: "{expected}" is back')
        if run == 0:
            trailtest.screenshot('documents-recovered')
        status = recovered.quit_gracefully()
        report(status == 0, f'{label}: the recovered map saved, the app quits without asking')
        report(draft_files() == [], f'{label}: saved, its draft is gone')
    finally:
        recovered.quit()
        canvas.app.quit()
        import shutil
        shutil.rmtree(canvas.dir, ignore_errors=True)


def kill(canvas):
    os.kill(canvas.app.proc.pid, signal.SIGKILL)
    canvas.app.proc.wait()


# --- 3. kill -9 at random moments; the next start offers the map back.
rng = random.Random(int(os.environ.get('TRAILMAP_TEST_SEED', '20261124')))
for run in range(3):
    canvas = canvastest.Canvas()
    path = canvas.path
    try:
        old_text = f'Old edit {run}'
        edit_first_card(canvas, old_text)
        # Older than the draft delay: must survive.
        time.sleep(DRAFT_DELAY + 1.5 + rng.random())
        # A last edit just before the kill may or may not survive.
        add_card(canvas, f'Late edit {run}')
        time.sleep(rng.random() * 0.8)
        kill(canvas)
        report('Old edit' not in ' '.join(texts(path)), f'run {run}: the file itself was never saved')
    finally:
        canvas.app.quit()
    recover(canvas, run, old_text, f'run {run}')

# --- 3b. Text typed in an inline editor that is still open (no Enter, no
# click away) is drafted too: over a card's text, and as a card not made
# yet. Cancelling it with Escape takes it out of the draft again.
for run, how in enumerate(['card', 'new card', 'cancelled']):
    canvas = canvastest.Canvas()
    path = canvas.path
    typed = f'Typed without Enter {run}'
    try:
        g = canvas.geometry()
        first = sorted(g['cards'], key=lambda c: (c['y'], c['x']))[0]
        canvas.click(canvas.center(first))
        canvas.geometry(lambda g: g['selection'] == [first['id']], what='the first card selected')
        if how == 'new card':
            canvas.key('shift+Return')
            canvas.geometry(lambda g: g['editing'], what='the inline editor')
        canvas.type(typed)
        canvas.geometry(lambda g: g['editing'], what='the inline editor, still open')
        time.sleep(DRAFT_DELAY + 1.5)
        report(len(draft_files()) == 1, f'{how}: a draft is written while the editor is open')
        if how == 'cancelled':
            canvas.key('Escape')
            canvas.geometry(lambda g: not g['editing'], what='the editor closed')
            trailtest.wait_until(lambda: draft_files() == [], what='the draft removed after Escape')
            report(draft_files() == [], f'{how}: Escape leaves the map unmodified and no draft behind')
            report(canvas.app.quit_gracefully() == 0, f'{how}: the app quits without asking')
            canvas.app.quit()
            continue
        kill(canvas)
        report('Typed' not in ' '.join(texts(path)), f'{how}: the file itself was never saved')
    finally:
        canvas.app.quit()
    if how != 'cancelled':
        recover(canvas, run + 3, typed, f'{how}, editor open at the kill')

# --- 3c. Typed into an inspector field without a pause long enough to
# commit it (1.5 s): the draft commits it first, so it is kept as well.
canvas = canvastest.Canvas()
typed = 'Typed in the inspector without a pause, for longer than the draft delay.'
try:
    g = canvas.geometry()
    first = sorted(g['cards'], key=lambda c: (c['y'], c['x']))[0]
    canvas.click(canvas.center(first))
    g = canvas.geometry(lambda g: g['selection'] == [first['id']] and
                        any(f['label'] == 'Details' for f in g.get('inspector', [])),
                        what='the card in the inspector')
    canvas.click(canvas.center(next(f for f in g['inspector'] if f['label'] == 'Details')))
    time.sleep(0.3)
    # Some 6 s of typing, never a pause (1.5 s) that commits it: in
    # pieces, so the time does not hang on how xdotool paces its keys.
    start = time.monotonic()
    for i in range(0, len(typed), 8):
        trailtest.xdotool('type', '--delay', '20', typed[i:i + 8])
        time.sleep(0.6)
    print(f'# typed for {time.monotonic() - start:.1f} s', flush=True)
    canvas.screenshot('documents-inspector-typing')
    kill(canvas)
    report(not any(c.get('details') for c in json.load(open(canvas.path))['cards']),
           'inspector: the file itself was never saved')
finally:
    canvas.app.quit()


def details_start(path):
    details = [c['details'] for c in json.load(open(path))['cards'] if c.get('details')]
    print(f'# recovered details: {details}', flush=True)
    return any(d.startswith(typed[:12]) for d in details)


recover(canvas, 6, typed[:12] + '…', 'inspector field, typing at the kill', found=details_start)

# --- 4. A draft that cannot be read is reported, with where it is kept.
drafts = drafts_dir()
os.makedirs(drafts, exist_ok=True)
broken_id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
with open(os.path.join(drafts, broken_id + '.trailmap'), 'w') as f:
    f.write('{ "format": "trailmap", "version": 1, "stages": [')
with open(os.path.join(drafts, broken_id + '.draft'), 'w') as f:
    f.write('[Draft]\ntitle=Broken map\nwritten=1\n')
app = trailtest.App(a11y=True)
try:
    app.wait_for_window('Trailmap')
    dialog = app.wait_for_dialog('Recover Unsaved Changes?')
    app.activate('push button', 'Recover', root=dialog)
    failed = app.wait_for_dialog('Some Changes Could Not Be Recovered')
    where = trailtest.find_accessible(failed, 'label', lambda n: bool(n) and broken_id in n)
    trailtest.screenshot('documents-recover-failed')
    report(where is not None and os.path.exists(os.path.join(drafts, broken_id + '.trailmap')),
           'an unreadable draft is reported with its path, and kept')
finally:
    app.quit()

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

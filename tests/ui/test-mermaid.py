#!/usr/bin/python3
# Maps that travel, in the app: Mermaid text pasted onto the canvas from
# another application becomes stages, steps, personas and emotion points
# in one undo step (Ctrl+Z takes all of it back, Ctrl+Shift+Z brings it
# again); broken Mermaid changes nothing; a .mmd file opens as a new,
# unsaved map. Checked in the geometry aid and the saved document.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

JOURNEY = """%% copied from a wiki
journey
    title Returning a parcel
    section Consideration
      Reads the returns policy: 2: Buyer
    section Send it back
      Prints the label: 4: Buyer, Courier
      Drops it off: 5: Buyer
"""
PASTED = ['Reads the returns policy', 'Prints the label', 'Drops it off']
BROKEN = """journey
    section Send it back
      Prints the label 4 Buyer
"""


class ClipboardOwner:
    """Another application offering @text on the clipboard."""

    def __init__(self, text):
        self.file = tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False)
        self.file.write(text)
        self.file.close()
        self.proc = subprocess.Popen(['/usr/bin/python3', os.path.join(HERE, 'data', 'clipboard-owner.py'),
                                      self.file.name], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == 'ready'

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        os.unlink(self.file.name)


def texts(g):
    return sorted(c['text'] for c in g['cards'])


canvas = canvastest.Canvas()
owner = None
try:
    g0 = canvas.fit(hide_palette=True)
    before = texts(g0)

    # Paste onto the map with no card selected: it makes its own cells.
    owner = ClipboardOwner(JOURNEY)
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    canvas.focus_canvas()
    canvas.key('ctrl+v')
    g = canvas.geometry(lambda g: canvas.card(g, 'Drops it off') is not None, what='the pasted journey')
    assert canvas.card(g, 'Reads the returns policy') and canvas.card(g, 'Prints the label'), texts(g)
    assert all(t not in before for t in PASTED), before
    shot = canvas.screenshot('mermaid-pasted')
    print(f'ok 1 Mermaid text pasted onto the canvas becomes cards; screenshot: {shot}')

    # One undo step takes all of it back, one redo brings it again.
    canvas.key('ctrl+z')
    g = canvas.geometry(lambda g: all(canvas.card(g, t) is None for t in PASTED), what='the paste undone in one step')
    canvas.key('ctrl+shift+z')
    g = canvas.geometry(lambda g: canvas.card(g, 'Drops it off') is not None, what='the paste redone')
    print('ok 2 one undo step takes the whole journey back; redo brings it again')

    doc = canvas.save()
    assert [s['name'] for s in doc['stages']] == ['Awareness', 'Consideration', 'Purchase', 'Send it back'], doc['stages']
    names = [p['name'] for p in doc['personas']]
    assert 'Buyer' in names and 'Courier' in names, names
    step = next(c for c in doc['cards'] if c['text'] == 'Prints the label')
    lane = next(lane for lane in doc['lanes'] if lane['id'] == step['lane'])
    assert lane['kind'] == 'actions', lane
    assert len(step.get('personas', [])) == 2, step
    buyer = next(p['id'] for p in doc['personas'] if p['name'] == 'Buyer')
    line = next(line for line in doc['emotion-lines'] if line.get('persona') == buyer)
    # (The map's first persona takes over the line for everyone, as always.)
    new_stage = doc['stages'][3]['id']
    assert sorted(p['score'] for p in line['points'] if p['stage'] == new_stage) == [1, 2], line
    assert any(p['stage'] == 's2' and p['score'] == -1 for p in line['points']), line
    print('ok 3 sections join or add stages, tasks are action cards, actors personas with their scores')

    # Broken Mermaid changes nothing and says why.
    owner.stop()
    owner = ClipboardOwner(BROKEN)
    after = texts(canvas.geometry())
    canvas.focus_canvas()
    canvas.key('ctrl+v')
    time.sleep(1.0)  # a toast, not a state the geometry shows: give it the time to (not) change
    assert texts(canvas.geometry()) == after
    shot = canvas.screenshot('mermaid-broken')
    canvas.app.check_log()
    print(f'ok 4 broken Mermaid changes nothing; screenshot: {shot}')

    # While that paste's toast is up, a removal's Undo toast replaces it;
    # Escape (which dismisses a toast) or a second removal right after
    # once made libadwaita 1.2 abort the app (a postponed toast shown again
    # while still fading out).
    for keys in (('Delete', 'Escape'), ('Delete', 'Delete')):
        owner.stop()
        owner = ClipboardOwner(BROKEN)
        canvas.focus_canvas()
        canvas.key('ctrl+v')
        time.sleep(0.5)  # the paste's toast, shown
        g = canvas.geometry()
        clicked = g['cards'][0]['text']
        canvas.click(canvas.center(g['cards'][0]))
        trailtest.xdotool('key', '--clearmodifiers', '--delay', '30', *keys)
        try:
            canvas.geometry(lambda g: canvas.card(g, clicked) is None, what='the card deleted')
        except TimeoutError:
            print('# failed after', keys, canvas.screenshot('mermaid-toasts-failed'), file=sys.stderr)
            raise
        time.sleep(0.5)  # both keys handled: a second Delete removes the next card
        canvas.key('ctrl+z')
        if keys == ('Delete', 'Escape'):
            canvas.geometry(lambda g: canvas.card(g, clicked) is not None, what='the deletion undone')
        else:
            canvas.key('ctrl+z')
            try:
                canvas.geometry(lambda g: canvas.card(g, clicked) is not None, what='both deletions undone')
            except TimeoutError:
                print('# failed after', keys, canvas.app.proc.poll(), canvas.screenshot('mermaid-toasts-failed'),
                      file=sys.stderr)
                raise
        assert canvas.app.proc.poll() is None, 'the app stopped'
        canvas.app.check_log()
    shot = canvas.screenshot('mermaid-toasts')
    print(f'ok 5 Delete then Escape, and two Deletes, over a paste\'s toast: the app goes on; screenshot: {shot}')
finally:
    if owner is not None:
        owner.stop()
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok 6 the app exited with status {status}')
print('ok 6 quits cleanly')

# Open a .mmd: a new, unsaved map named after its title.
work = tempfile.mkdtemp(prefix='trailmap-mmd-')
mmd = os.path.join(work, 'returns.mmd')
with open(mmd, 'w') as f:
    f.write(JOURNEY)
geometry = os.path.join(work, 'geometry.json')
app = trailtest.App(mmd, a11y=False, env={'TRAILMAP_DEBUG_GEOMETRY': geometry})
try:
    window = app.wait_for_window('Returning a parcel')

    def read():
        try:
            with open(geometry) as f:
                g = json.load(f)
        except (OSError, ValueError):
            return None
        return g if g.get('has_document') and len(g.get('cards', [])) == 3 else None
    g = trailtest.wait_until(read, what='the journey opened as a map')
    out = subprocess.run(['xdotool', 'getwindowname', window], capture_output=True, text=True).stdout
    assert out.startswith('• Returning a parcel'), out
    # Nothing written beside the journey (the geometry aid's own file, and
    # the temporary one it writes through, aside).
    written = [name for name in os.listdir(work) if not name.startswith('geometry.json')]
    assert written == ['returns.mmd'], os.listdir(work)
    shot = trailtest.screenshot('mermaid-opened')
    app.check_log()
    print(f'ok 7 a .mmd opens as a new unsaved map ({out.strip()}); screenshot: {shot}')
finally:
    app.quit()
print('1..7')

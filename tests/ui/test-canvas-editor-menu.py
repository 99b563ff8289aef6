#!/usr/bin/python3
# The new-card editor's own text context menu (Menu key or Shift+F10 while
# typing), then one of its items chosen with Return: the editor keeps the
# keyboard while its menu is open, the item acts on the editor's text, and
# the window answers afterwards (Ctrl+S saves, Ctrl+Q quits). The editor
# used to be finished by the focus move into its own menu and removed while
# that menu still held GTK's input: every later key and click was ignored.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402


def menu_item(canvas, open_key, keys):
    """Insert on the focused card, type, open the editor's own menu with
    open_key and choose an item with keys (one burst, as a typist or the
    monkey sends them)."""
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['focus'] == 'TrailCardWidget', what='the card focused')
    canvas.key('Insert')
    canvas.geometry(lambda g: g['editing'], what='the new card editor')
    canvas.type('abc')
    before = os.stat(canvas.geometry_path).st_mtime_ns
    trailtest.xdotool('key', '--clearmodifiers', '--delay', '30', open_key, *keys)
    # The menu came and went (the geometry is written after each change of
    # focus): the keyboard is the editor's again, and what is typed next is
    # not lost in the menu closing.
    canvas.geometry(lambda g: os.stat(canvas.geometry_path).st_mtime_ns != before and
                    g['editing'] and g['focus'] in ('GtkTextView', 'GtkText'),
                    what='the editor\'s menu closed, the editor with the keyboard')


canvas = canvastest.Canvas()
try:
    canvas.focus_canvas()
    # 1. Menu key, "Select All" (by its mnemonic). Typing then replaces
    #    the selected text.
    menu_item(canvas, 'Menu', ['a'])
    canvas.type('replaced')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: not g['editing'] and canvas.card(g, 'replaced') is not None,
                    what='"replaced" committed')
    doc = canvas.save()
    texts = [c['text'] for c in doc['cards']]
    assert texts.count('replaced') == 1 and 'abc' not in texts and 'abcreplaced' not in texts, texts
    print('ok 1 Menu key, Select All in the editor\'s menu; Ctrl+S saves')

    # 2. Shift+F10, the same item; then a click elsewhere commits.
    menu_item(canvas, 'shift+F10', ['a'])
    canvas.type('second')
    g = canvas.geometry()
    canvas.click(canvas.screen(g['view']['x'] + 6, g['view']['y'] + 6))
    canvas.geometry(lambda g: not g['editing'] and canvas.card(g, 'second') is not None,
                    what='"second" committed by the click')
    doc = canvas.save()
    texts = [c['text'] for c in doc['cards']]
    assert texts.count('second') == 1, texts
    print('ok 2 Shift+F10, Select All; a click commits; Ctrl+S saves')

    # 3. Escape closes the menu, Escape again cancels the editor.
    menu_item(canvas, 'Menu', ['Escape'])
    canvas.key('Escape')
    canvas.geometry(lambda g: not g['editing'], what='the editor cancelled')
    print('ok 3 Escape closes the editor\'s menu; Escape cancels the editor')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('canvas-editor-menu-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
    problems = canvas.app.log_problems()
if status != 0:
    raise SystemExit(f'not ok 4 the app exited with status {status} (Ctrl+Q did nothing?)')
assert not problems, problems
print('ok 4 quits cleanly, nothing logged')

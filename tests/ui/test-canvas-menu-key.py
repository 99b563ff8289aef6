#!/usr/bin/python3
# Shift+F10 and the Menu key open the menu of the focused card even when
# the view was scrolled away from it: the card is scrolled back into view
# and the menu points at it. GTK used to be asked to point the menu far
# outside the window and found no monitor for it (Gdk-CRITICAL
# gdk_monitor_get_geometry).
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402


def in_view(g, card):
    """The card's top left corner in view (zoomed in, a card can be wider
    than the view)."""
    v = g['view']
    return (card is not None and v['x'] <= card['x'] < v['x'] + v['w'] and
            v['y'] <= card['y'] < v['y'] + v['h'])


def out_of_view(g, card):
    v = g['view']
    return (card is None or card['x'] + card['w'] <= v['x'] or card['x'] >= v['x'] + v['w'] or
            card['y'] + card['h'] <= v['y'] or card['y'] >= v['y'] + v['h'])


def scroll_away(canvas, button, times):
    """Scrolls the view with the wheel, over the canvas (the keyboard stays)."""
    g = canvas.geometry()
    v = g['view']
    x, y = canvas.screen(v['x'] + v['w'] / 2, v['y'] + v['h'] / 2)
    trailtest.xdotool('mousemove', str(x), str(y))
    trailtest.xdotool('click', '--repeat', str(times), '--delay', '30', str(button))


canvas = canvastest.Canvas()
try:
    canvas.focus_canvas()
    canvas.key('ctrl+1')
    g = canvas.geometry(lambda g: abs(g['zoom'] - 1.0) < 1e-6, what='100 %')
    canvas.click(canvas.center(canvas.card(g, 'Sees an ad')))
    canvas.geometry(lambda g: g['focus'] == 'TrailCardWidget', what='the card focused')
    canvas.key('ctrl+plus', 'ctrl+plus', 'ctrl+plus', 'ctrl+plus')
    canvas.geometry(lambda g: g['zoom'] > 1.9, what='zoomed in')

    for n, (menu_key, button) in enumerate((('shift+F10', '5'), ('Menu', '7'), ('shift+F10', '5'))):
        # Wheel down (5) or right (7) until the focused card is out of view.
        scroll_away(canvas, button, 25)
        canvas.geometry(lambda g: out_of_view(g, canvas.card(g, 'Sees an ad')),
                        what='the focused card out of view')
        # The wheel leaves the scrolled window gliding (held at the edge,
        # so the view looks still): the key comes once the view has
        # settled, and the app must stop the glide for its own scroll, or
        # the glide puts the view back behind the menu.
        canvas.wait_view_settled()
        canvas.key(menu_key)
        canvas.geometry(lambda g: in_view(g, canvas.card(g, 'Sees an ad')),
                        what=f'{menu_key}: the card scrolled back into view')
        shot = canvas.screenshot(f'canvas-menu-key-{n}')
        canvas.key('Escape')
        print(f'ok {n + 1} {menu_key} after scrolling away: the card in view, its menu; screenshot: {shot}')

    # The window still answers: Ctrl+D duplicates the card, Ctrl+S saves.
    canvas.key('ctrl+d')
    canvas.geometry(lambda g: sum(c['text'] == 'Sees an ad' for c in g['cards']) == 2, what='the card duplicated')
    doc = canvas.save()
    assert [c['text'] for c in doc['cards']].count('Sees an ad') == 2, doc['cards']
    print('ok 4 after the menus, Ctrl+D duplicates and Ctrl+S saves')
except Exception:
    print('# failed; screenshot:', canvas.screenshot('canvas-menu-key-failed'), file=sys.stderr)
    raise
finally:
    status = canvas.close()
canvas.report_quit(status, 5)

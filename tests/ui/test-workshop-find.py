#!/usr/bin/python3
# Find and the persona view with real input. Ctrl+F opens the search bar;
# typed at speed, a query finds stages and cards case- and
# accent-insensitively, rings every match and selects the current one;
# Enter and Shift+Enter step; Escape gives the keyboard back to the map; a
# card edited afterwards is found by the next search. Then the header
# bar's Persona View dims the cards of other personas.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import trailtest  # noqa: E402
import workshoptest as w  # noqa: E402

results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)
    if not ok:
        raise AssertionError(text)


def brightness(shot, rect, canvas):
    """The darkest grey (0–1) in a card's area of a screenshot: its text,
    which a veil lightens."""
    x, y = canvas.screen(rect['x'] + 4, rect['y'] + 4)
    out = subprocess.run(['convert', shot, '-crop', f'{int(rect["w"]) - 8}x{int(rect["h"]) - 8}+{x}+{y}',
                          '-colorspace', 'gray', '-format', '%[fx:minima]', 'info:'],
                         capture_output=True, text=True, check=True).stdout
    return float(out)


def menu_item(canvas, name):
    """A persona menu item: GTK 4.24 makes the items of a stateful action
    radio menu items, GTK 4.8 plain ones."""
    def walk(node, depth=0):
        if node is None or depth > 60:
            return None
        try:
            if ('menu item' in node.get_role_name() and trailtest.name_matches(trailtest.accessible_name(node), name)
                    and trailtest.has_action(node)):
                return node
            count = node.get_child_count()
        except Exception:
            return None
        for i in range(count):
            found = walk(node.get_child_at_index(i), depth + 1)
            if found is not None:
                return found
        return None
    return walk(canvas.app.atspi())


def selected(canvas, ids):
    return canvas.geometry(lambda g: sorted(g['selection']) == sorted(ids), what=f'{ids} selected')


print('1..8', flush=True)
canvas = w.open_map()
status = 1
try:
    canvas.fit(hide_palette=True)

    # Typed fast, upper case: a stage and a card hold "delivery".
    canvas.key('ctrl+f')
    trailtest.xdotool('type', '--delay', '5', 'DELIVERY')
    w.wait_shown(canvas, 'label', '1 of 2', 'two matches')
    canvas.key('Return')
    w.wait_shown(canvas, 'label', '2 of 2')
    selected(canvas, ['c4'])
    canvas.screenshot('workshop-find-matches')
    canvas.key('shift+Return')
    w.wait_shown(canvas, 'label', '1 of 2')
    g = canvas.geometry(lambda g: g['selection'] == [], what='the stage selected, no card')
    report(g['focus'] in ('GtkText', 'GtkSearchEntry'),
           'Ctrl+F, typing at speed: a stage and a card found; Enter and Shift+Enter step, the keyboard stays in Find')

    # Accents and case do not matter: "cafe" finds "Café".
    canvas.key('ctrl+a')
    trailtest.xdotool('type', '--delay', '5', 'cafe')
    w.wait_shown(canvas, 'label', '1 of 1')
    selected(canvas, ['c3'])
    report(True, '"cafe" finds the card "Café wifi…" and selects it')

    canvas.key('ctrl+a')
    trailtest.xdotool('type', '--delay', '5', 'zzz')
    w.wait_shown(canvas, 'label', 'No matches')
    report(True, 'a query that finds nothing says so')

    # Escape: bar closed, the canvas has the keyboard again.
    canvas.key('Escape')
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas', what='the canvas focused after Escape')
    report(w.shown(canvas, 'label', 'No matches') is None, 'Escape closes Find and returns the keyboard to the map')

    # Edit a card, then search again: the new text is found.
    w.click_card(canvas, 'No reply from support')
    selected(canvas, ['c6'])
    canvas.type('Cafe closed at noon')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Cafe closed at noon') is not None, what='the card edited')
    canvas.key('ctrl+f')
    trailtest.xdotool('type', '--delay', '5', 'CAFE')
    w.wait_shown(canvas, 'label', '1 of 2', 'the edited card found too')
    canvas.key('Return')
    selected(canvas, ['c6'])
    canvas.screenshot('workshop-find-edited')
    canvas.key('Escape')
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas', what='the canvas focused after Escape')
    report(True, 'a card edited after a search is found by the next one')

    # Persona view from the header bar: Ana's cards stay, Ben's are dimmed.
    time.sleep(0.5)  # the search bar slides shut: an animation, not a state
    g = canvas.geometry()
    ben = w.card(canvas, 'Reads reviews on the website', g)
    ana = w.card(canvas, 'Sees an ad on social media', g)
    before = canvas.screenshot('workshop-persona-before')
    canvas.app.activate('push button', 'Persona View')
    item = trailtest.wait_until(lambda: menu_item(canvas, 'Ana Rivera'), what='the persona menu')
    item.get_action_iface().do_action(0)
    time.sleep(0.5)  # the popover closes: an animation, not a state
    after = canvas.screenshot('workshop-persona-ana')
    ben_change = brightness(after, ben, canvas) - brightness(before, ben, canvas)
    ana_change = brightness(after, ana, canvas) - brightness(before, ana, canvas)
    report(ben_change > 0.2 and abs(ana_change) < 0.05,
           f'Ana\'s view dims Ben\'s card (brightness {ben_change:+.3f}) and keeps hers ({ana_change:+.3f})')

    canvas.app.activate('push button', 'Persona View')
    item = trailtest.wait_until(lambda: menu_item(canvas, 'All Personas’ Lines Together'),
                                what='the persona menu')
    item.get_action_iface().do_action(0)
    time.sleep(0.5)
    both = canvas.screenshot('workshop-persona-all')
    report(abs(brightness(both, ben, canvas) - brightness(before, ben, canvas)) < 0.05,
           'all personas together, in one click: Ben\'s card at full strength again')

    problems = canvas.app.log_problems()
    report(not problems, f'no warnings logged: {problems[:3]}')
    status = 0
except Exception as error:
    print(f'# {error}', file=sys.stderr)
    canvas.screenshot('workshop-find-failure')
finally:
    canvas.close()
sys.exit(status)

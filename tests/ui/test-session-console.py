#!/usr/bin/python3
# The workshop session from the presenter console, with real clicks: while
# presenting, the console starts a session and shows its join link and QR
# code; a phone (a WebSocket client) is told the stage presented as the
# facilitator moves on, and the timer when it starts, pauses and stops —
# not every second; the console ends the session and the port closes.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import asyncio
import json
import os
import re
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
import canvastest  # noqa: E402
import trailtest  # noqa: E402

try:
    import websockets
except ImportError:
    trailtest.skip('needs python3-websockets')

LINK = re.compile(r'^http://[0-9.]+:[0-9]+/s/[0-9a-f]{32}/$')

n = 0


def ok(text):
    global n
    n += 1
    print(f'ok {n} {text}', flush=True)


class Phone:
    """A participant's phone: joined, and collecting what the app pushes
    in a thread of its own, so the test can press keys meanwhile."""

    def __init__(self, link):
        import threading
        self.link = link
        self.rooms = []          # every "room" the app pushed, in order
        self.closed = False
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=lambda: asyncio.run(self.run()), daemon=True)
        self.thread.start()

    async def run(self):
        url = self.link.replace('http://', 'ws://') + 'ws'
        try:
            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({'type': 'join', 'name': 'Phone'}))
                async for text in ws:
                    message = json.loads(text)
                    if message['type'] == 'you':
                        with self.lock:
                            self.rooms.append(message['room'])
        except websockets.ConnectionClosed:
            pass
        self.closed = True

    def wait(self, predicate, what):
        """The last "room" pushed once it satisfies @predicate ("room" is
        None when there is nothing to tell: no timer, no stage)."""
        def check():
            with self.lock:
                if self.rooms and predicate(self.rooms[-1]):
                    return [self.rooms[-1]]
            return None
        return trailtest.wait_until(check, what=what)[0]


debug_path = os.path.join(os.environ.get('TMPDIR', '/tmp'), f'session-console-{os.getpid()}.json')
canvas = canvastest.Canvas(a11y=True, env={'TRAILMAP_DEBUG_PRESENT': debug_path})


def present(predicate, what):
    def read():
        try:
            with open(debug_path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            return None
        return data if predicate(data) else None
    return trailtest.wait_until(read, what=what)


def console_root():
    return trailtest.wait_until(lambda: canvas.app.find_window('Presenter Console'), what='the console')


phone = None
try:
    canvas.focus_canvas()
    canvas.key('F5')
    present(lambda p: p['presenting'], what='presenting')
    canvas.key('c')
    console = canvas.app.wait_for_window('Presenter Console')
    present(lambda p: p['console'], what='the console open')
    trailtest.xdotool('windowfocus', '--sync', console)
    root = console_root()

    start = canvas.app.find('push button', 'Start a Workshop Session', root=root)
    canvas.app.click(start)
    label = canvas.app.find('label', lambda name: bool(LINK.match(name or '')), root=root)
    link = label.get_name()
    canvas.app.find('image', f'QR code of {link}', root=root)
    canvas.app.find('label', 'Nobody has joined yet', root=root)
    ok(f'the console starts a session and shows its link and QR code: {link}')

    phone = Phone(link)
    canvas.app.find('label', '1 participant', root=root)
    first = phone.wait(lambda r: r is not None and r['stage'] == 's1', 'the phone told the first stage')
    assert first['timer'] is None, first
    shot = canvas.screenshot('session-console')
    ok(f'a phone joins and is told the stage presented; screenshot: {shot}')

    # Keys in the console move the presentation; the phone follows.
    trailtest.xdotool('key', '--clearmodifiers', 'Right')
    present(lambda p: p['stage_index'] == 1, what='the second stage')
    phone.wait(lambda r: r is not None and r['stage'] == 's2', 'the phone told the second stage')
    ok('the phone follows the presentation to the next stage')

    # The timer: started, paused, stopped — each told; the seconds
    # between are the phone's own to count.
    pushes = len(phone.rooms)
    trailtest.xdotool('key', '--clearmodifiers', 't')
    running = phone.wait(lambda r: r is not None and r['timer'] is not None and r['timer']['running'],
                         'the timer running')
    assert 290 <= running['timer']['remaining'] <= 300, running
    time.sleep(3.5)
    # (a start is one push, or two when the timer's notifications come
    # apart; never one a second)
    assert len(phone.rooms) - pushes <= 2, phone.rooms[pushes:]
    trailtest.xdotool('key', '--clearmodifiers', 't')
    paused = phone.wait(lambda r: r is not None and r['timer'] is not None and not r['timer']['running'],
                        'the timer paused')
    assert paused['timer']['remaining'] < running['timer']['remaining'], paused
    trailtest.xdotool('key', '--clearmodifiers', 'shift+t')
    phone.wait(lambda r: r is not None and r['timer'] is None and r['stage'] == 's2', 'the timer stopped')
    ok(f'the phone hears of the timer when it starts, pauses and stops, not every second '
       f'({len(phone.rooms) - pushes} pushes)')

    # Leaving the presentation: no stage on the phones.
    trailtest.xdotool('key', '--clearmodifiers', 'Escape')
    present(lambda p: not p['presenting'], what='presenting stopped')
    phone.wait(lambda r: r is None, 'no stage once presenting stops')

    end = canvas.app.find('push button', 'End Session', root=console_root())
    trailtest.xdotool('windowfocus', '--sync', console)
    canvas.app.click(end)
    trailtest.wait_until(lambda: phone.closed, what='the phone disconnected')
    host = link.split('/')[2].split(':')[0]
    port = int(link.split(':')[2].split('/')[0])

    def refused():
        try:
            socket.create_connection((host, port), timeout=2).close()
            return False
        except ConnectionRefusedError:
            return True
    trailtest.wait_until(refused, what='the port to close')
    canvas.app.find('push button', 'Start a Workshop Session', root=console_root())
    ok('the console ends the session: the phone is let go and the port closes')

    problems = canvas.app.log_problems()
    assert not problems, problems
    ok('no warnings in the app\'s log')
finally:
    canvas.app.quit()

# canvastest.py — shared steps of the canvas UI tests: open a copy of a
# fixture map with the hidden geometry aid on, aim real pointer input at
# cards and cells, save with Ctrl+S and read the saved JSON back.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import trailtest  # noqa: E402


class Canvas:
    """The app with a temp copy of a fixture map and TRAILMAP_DEBUG_GEOMETRY.
    @fixture is a name in tests/ui/data or a path; @empty: it has no cards."""

    def __init__(self, fixture='canvas-small.trailmap', a11y=False, env=None, title='Canvas test map',
                 empty=False):
        trailtest.require_display()
        self.dir = tempfile.mkdtemp(prefix='trailmap-canvas-')
        self.path = os.path.join(self.dir, 'map.trailmap')
        shutil.copy(os.path.join(HERE, fixture), self.path)
        self.geometry_path = os.path.join(self.dir, 'geometry.json')
        environ = {'TRAILMAP_DEBUG_GEOMETRY': self.geometry_path}
        if env:
            environ.update(env)
        self.app = trailtest.App(self.path, a11y=a11y, env=environ)
        self.window = self.app.wait_for_window(title)
        # Laid out: its cards in the geometry (its stages, for a map with none).
        self.geometry(lambda g: g.get('has_document') and g.get('stages') and (empty or g.get('cards')))
        trailtest.xdotool('windowfocus', '--sync', self.window)

    def focus_canvas(self):
        """Clicks an empty corner of the map, so the canvas has the keyboard."""
        g = self.geometry()
        view = g['view']
        self.click(self.screen(view['x'] + 6, view['y'] + 6))
        self.geometry(lambda g: g['focus'] == 'TrailCanvas', what='the canvas focused')

    def fit(self, hide_palette=False):
        """Hides the inspector (and the palette) and zooms the map to fit."""
        self.focus_canvas()
        self.key('shift+F9')
        if hide_palette:
            self.key('F9')
        # The panels slide away: the fit must wait until the view has its
        # final size, which under load takes longer than the animation.
        self.wait_view_settled()
        self.key('ctrl+0')
        return self.geometry(fitted, what='the map zoomed to fit')

    def wait_view_settled(self, pause=0.4):
        """Until the view's size and place read the same twice, @pause apart."""
        last = {}

        def settled():
            view = self.geometry()['view']
            same = view == last.get('view')
            last['view'] = view
            if not same:
                time.sleep(pause)
            return same
        trailtest.wait_until(settled, what='the view to settle')

    def palette(self, geometry, label):
        for row in geometry['palette']:
            if row['label'] == label:
                return row
        raise KeyError(f'no palette item {label}')

    def window_origin(self):
        out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', self.window],
                             capture_output=True, text=True, check=True).stdout
        values = dict(line.split('=', 1) for line in out.split() if '=' in line)
        return int(values['X']), int(values['Y'])

    def geometry(self, predicate=lambda g: True, what='the canvas geometry', timeout=20):
        def read():
            try:
                with open(self.geometry_path) as f:
                    data = json.load(f)
            except (OSError, ValueError):
                return None
            return data if predicate(data) else None
        return trailtest.wait_until(read, timeout=timeout, what=what)

    def screen(self, x, y):
        ox, oy = self.window_origin()
        return int(round(ox + x)), int(round(oy + y))

    def center(self, rect, fx=0.5, fy=0.5):
        return self.screen(rect['x'] + rect['w'] * fx, rect['y'] + rect['h'] * fy)

    def card(self, geometry, text):
        for card in geometry['cards']:
            if card['text'] == text:
                return card
        return None

    def cell(self, geometry, lane_title, stage_name):
        for cell in geometry['cells']:
            if cell['lane_title'] == lane_title and cell['stage_name'] == stage_name:
                return cell
        raise KeyError(f'no cell {lane_title} × {stage_name}')

    def drag(self, start, end, steps=12, button=1):
        """A real pointer drag, in small moves so gestures see motion."""
        x0, y0 = start
        x1, y1 = end
        trailtest.xdotool('mousemove', str(x0), str(y0))
        time.sleep(0.05)
        trailtest.xdotool('mousedown', str(button))
        for i in range(1, steps + 1):
            x = x0 + (x1 - x0) * i / steps
            y = y0 + (y1 - y0) * i / steps
            trailtest.xdotool('mousemove', str(int(x)), str(int(y)))
            time.sleep(0.02)
        time.sleep(0.1)
        trailtest.xdotool('mouseup', str(button))

    def click(self, point, button=1):
        trailtest.point_and_click(point[0], point[1], button)

    def key(self, *keys):
        trailtest.xdotool('key', '--clearmodifiers', *keys)

    def type(self, text):
        trailtest.xdotool('type', '--delay', '20', text)

    def save(self):
        """Ctrl+S, then the saved document as JSON."""
        before = os.stat(self.path).st_mtime_ns
        trailtest.xdotool('windowfocus', '--sync', self.window)
        self.key('ctrl+s')
        trailtest.wait_until(lambda: os.stat(self.path).st_mtime_ns != before,
                             what='the map to be saved')
        time.sleep(0.2)
        with open(self.path) as f:
            return json.load(f)

    def screenshot(self, name):
        return trailtest.screenshot(name)

    def report_quit(self, status, number):
        """The last TAP line of a test, after close(): test @number passes
        when the app exited cleanly and logged no warning or critical."""
        if status != 0:
            raise SystemExit(f'not ok {number} the app exited with status {status}')
        problems = self.app.log_problems()
        if problems:
            raise SystemExit(f'not ok {number} the app logged: ' + '\n'.join(problems[:5]))
        print(f'ok {number} quits cleanly, nothing logged')

    def close(self):
        """Quits with Ctrl+Q; unsaved changes (a failed test) ask first, so
        then the app is simply stopped."""
        try:
            status = self.app.quit_gracefully()
        except RuntimeError as error:
            print(f'# {error}', file=sys.stderr)
            status = -1
        finally:
            self.app.quit()
            shutil.rmtree(self.dir, ignore_errors=True)
        return status


def fitted(g, slack=3):
    """The whole map in view, touching two sides of it (a map opens at a
    readable zoom, which may be bigger or smaller than the fit)."""
    view, m = g['view'], g.get('map')
    if m is None:
        return False
    inside = (m['x'] >= view['x'] - slack and m['y'] >= view['y'] - slack and
              m['x'] + m['w'] <= view['x'] + view['w'] + slack and
              m['y'] + m['h'] <= view['y'] + view['h'] + slack)
    pad = 32  # TRAIL_CANVAS_PAD
    full = m['w'] >= view['w'] - 2 * pad - slack or m['h'] >= view['h'] - 2 * pad - slack
    return inside and full


def cards_in(doc, lane, stage):
    """Texts of the cards of one cell, in order."""
    return [c['text'] for c in doc['cards'] if c['lane'] == lane and c['stage'] == stage]

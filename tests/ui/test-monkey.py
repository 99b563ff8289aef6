#!/usr/bin/python3
# The monkey: random real input (xdotool) anywhere in the window — canvas,
# palette, inspector, header bar — on a copy of a template, for a bounded
# time, under G_DEBUG=fatal-criticals. The app must not crash, hang or log a
# warning or critical, and the map saved at the end must pass
# `trailmap --validate`.
#
#   TRAILMAP_MONKEY_SECONDS   how long to play (default 60), shared out
#                             among the seeds played
#   TRAILMAP_MONKEY_SEED      unset: the fixed seeds of FIXED_SEEDS below,
#                             one app each, so that CI plays the same input
#                             every run; a number: replay that seed (each is
#                             printed first); "random": a fresh seed
#   TRAILMAP_MONKEY_TEMPLATE  which of data/templates (default first-ride)
#
# The same seed gives the same input; the app's timing may still differ, so
# a replay is likely, not certain, to fail the same way. Every action is
# written to the artifacts (test-monkey.actions.log) to read what led there.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
import glob
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

SECONDS = float(os.environ.get('TRAILMAP_MONKEY_SECONDS', '60'))

# What the suite plays. A random seed per run made CI red one run in N
# with no change to the code: a new seed that finds a bug is worth adding
# here once the bug is fixed.
FIXED_SEEDS = (20260101, 424242, 1789)

if not os.environ.get('TRAILMAP_MONKEY_SEED'):
    # Each seed in its own run of this script (own app, own scratch map),
    # so a failure is replayed with the line it prints. The first failure
    # ends the run: its action log, app log and screenshots stay the ones
    # in the artifacts.
    for seed in FIXED_SEEDS:
        env = dict(os.environ, TRAILMAP_MONKEY_SEED=str(seed),
                   TRAILMAP_MONKEY_SECONDS=f'{SECONDS / len(FIXED_SEEDS):g}')
        if subprocess.run([sys.executable, os.path.abspath(__file__)], env=env).returncode != 0:
            sys.exit(1)
    sys.exit(0)
if os.environ['TRAILMAP_MONKEY_SEED'] == 'random':
    SEED = random.SystemRandom().randrange(1, 2**31)
else:
    SEED = int(os.environ['TRAILMAP_MONKEY_SEED'])
TEMPLATE = os.environ.get('TRAILMAP_MONKEY_TEMPLATE', 'first-ride')

# The app must answer a D-Bus call on its main loop within this long. Not a
# timing threshold: a healthy app answers in milliseconds, even mid-edit.
HANG_SECONDS = 15

print(f'# seed {SEED}: replay with TRAILMAP_MONKEY_SEED={SEED} TRAILMAP_MONKEY_SECONDS={SECONDS:g} '
      f'TRAILMAP_MONKEY_TEMPLATE={TEMPLATE}', flush=True)

rng = random.Random(SEED)
artifacts = trailtest.artifacts_dir()
actions_log = open(os.path.join(artifacts, 'test-monkey.actions.log'), 'w')
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def note(text):
    actions_log.write(text + '\n')
    actions_log.flush()


class MonkeyFailure(Exception):
    pass


# --- The app, with core dumps on so that a crash comes with a backtrace.

scratch = tempfile.mkdtemp(prefix='trailmap-monkey-')
source = os.path.join(os.environ['TRAILMAP_SOURCE_ROOT'], 'data', 'templates', f'{TEMPLATE}.trailmap')
map_path = os.path.join(scratch, f'{TEMPLATE}.trailmap')
shutil.copy(source, map_path)
geometry_path = os.path.join(scratch, 'geometry.json')

# A crashing app leaves "core" in its working directory (the kernel's
# core_pattern permitting); the monkey's scratch folder is that directory.
resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
os.chdir(scratch)


def gdb(*args):
    """gdb's backtrace, written whole to the artifacts; returned with the
    frames in Trailmap's own code first, since Debian's libraries have no
    symbols here and their frames say little."""
    if shutil.which('gdb') is None:
        return '(gdb is not installed: no backtrace)'
    result = subprocess.run(['gdb', '-batch', '-nx', '-ex', 'set pagination off', *args],
                            capture_output=True, text=True, timeout=120)
    frames = [line for line in result.stdout.splitlines()
              if line.startswith('#') or line.startswith('Thread') or 'signal' in line]
    path = os.path.join(artifacts, 'test-monkey.backtrace.txt')
    with open(path, 'w') as f:
        f.write(result.stdout + result.stderr)
    ours = [line for line in frames if (' at ../src/' in line or ' trail_' in line) and ' main (' not in line]
    return ('frames in Trailmap:\n' + '\n'.join(ours[:15] or ['(none)'])
            + f'\ntop of the stack (all of it in {path}):\n' + '\n'.join(frames[:12]))


def crash_backtrace(app):
    cores = sorted(glob.glob(os.path.join(scratch, 'core*')), key=os.path.getmtime)
    if not cores:
        return '(no core file: see /proc/sys/kernel/core_pattern)'
    text = gdb('-ex', 'bt 80', app.exe, cores[-1])
    for core in cores:
        os.unlink(core)
    return text


def start_app():
    # fatal-criticals: stopping right there gives a critical's backtrace.
    # Not fatal-warnings: GDK's own frame-timings warning on the unstable
    # stack (trailtest.IGNORED_LOG_MESSAGES) would abort the app; any other
    # warning still fails the step through the log check.
    app = trailtest.App(map_path, env={'TRAILMAP_DEBUG_GEOMETRY': geometry_path,
                                       'G_DEBUG': 'gc-friendly,fatal-criticals'})
    # The window is titled by the map, which a Ctrl+S since may have renamed.
    with open(map_path) as f:
        title = json.load(f).get('title') or TEMPLATE
    window = app.wait_for_window(re.escape(title))
    trailtest.xdotool('windowfocus', '--sync', window)
    return app, window


def window_rect(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True).stdout
    values = dict(line.split('=', 1) for line in out.split() if '=' in line)
    try:
        return int(values['X']), int(values['Y']), int(values['WIDTH']), int(values['HEIGHT'])
    except KeyError:  # the window is gone (a crash): check_alive reports it
        return 0, 0, 1200, 800


def geometry():
    try:
        with open(geometry_path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


class XWindowAttributes(ctypes.Structure):
    _fields_ = [('x', ctypes.c_int), ('y', ctypes.c_int), ('width', ctypes.c_int), ('height', ctypes.c_int),
                ('border_width', ctypes.c_int), ('depth', ctypes.c_int), ('visual', ctypes.c_void_p),
                ('root', ctypes.c_ulong), ('class_', ctypes.c_int), ('bit_gravity', ctypes.c_int),
                ('win_gravity', ctypes.c_int), ('backing_store', ctypes.c_int),
                ('backing_planes', ctypes.c_ulong), ('backing_pixel', ctypes.c_ulong),
                ('save_under', ctypes.c_int), ('colormap', ctypes.c_ulong), ('map_installed', ctypes.c_int),
                ('map_state', ctypes.c_int), ('all_event_masks', ctypes.c_long),
                ('your_event_mask', ctypes.c_long), ('do_not_propagate_mask', ctypes.c_long),
                ('override_redirect', ctypes.c_int), ('screen', ctypes.c_void_p)]


class X11:
    """Just enough Xlib to tell a dialog from a popup. GDK makes popovers,
    menus, tooltips and drag icons override-redirect windows, which a
    window manager never sees; a dialog or another window is not one."""

    def __init__(self):
        self.lib = ctypes.CDLL('libX11.so.6')
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                                  ctypes.POINTER(XWindowAttributes)]
        # A window may be gone by the time it is asked about: Xlib's default
        # handler would exit on that BadWindow.
        handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        self.handler = handler_type(lambda display, event: 0)
        self.lib.XSetErrorHandler(self.handler)
        self.display = self.lib.XOpenDisplay(None)

    def is_popup(self, wid):
        attributes = XWindowAttributes()
        if not self.lib.XGetWindowAttributes(self.display, int(wid), ctypes.byref(attributes)):
            return True  # gone
        return bool(attributes.override_redirect) or attributes.width <= 1 or attributes.height <= 1


x11 = X11()


def app_windows(app):
    """The app's visible windows other than popups: the main window, and
    dialogs or other windows that clicks opened."""
    ids = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(app.proc.pid), '.*'],
                         capture_output=True, text=True).stdout.split()
    windows = []
    for wid in ids:
        if x11.is_popup(wid):
            continue
        name = subprocess.run(['xdotool', 'getwindowname', wid], capture_output=True, text=True).stdout.strip()
        if name:  # GDK's unnamed, never-drawn leader window has the app's pid too
            windows.append((wid, name))
    return windows


# --- Is it alive? A call answered on the app's main loop.

def bus_name(app):
    from gi.repository import Gio, GLib
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    names = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                          'ListNames', None, GLib.VariantType('(as)'), 0, 5000, None).unpack()[0]
    for name in names:
        if name.startswith(':') or not name.startswith('io.github.trailmap'):
            continue
        pid = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                            'GetConnectionUnixProcessID', GLib.Variant('(s)', (name,)),
                            GLib.VariantType('(u)'), 0, 5000, None).unpack()[0]
        if pid == app.proc.pid:
            return name
    return None


def answers(app, name):
    """org.gtk.Actions.List is served on the app's main loop, unlike
    org.freedesktop.DBus.Peer.Ping, which GDBus answers from its own thread."""
    from gi.repository import Gio, GLib
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    try:
        bus.call_sync(name, '/' + name.replace('.', '/'), 'org.gtk.Actions', 'List', None,
                      GLib.VariantType('(as)'), 0, HANG_SECONDS * 1000, None)
        return True
    except GLib.Error as error:
        note(f'# no answer: {error.message}')
        return False


def cpu_percent(pid, seconds=2.0):
    def ticks():
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])
    try:
        before = ticks()
        time.sleep(seconds)
        return 100.0 * (ticks() - before) / os.sysconf('SC_CLK_TCK') / seconds
    except OSError:
        return -1.0


def check_alive(app, name, step):
    """Raises MonkeyFailure on a crash, a logged problem or a hang."""
    status = app.proc.poll()
    if status is None and trailtest.log_problems(app.log_path):
        try:  # G_DEBUG makes it fatal: wait for the core, for its backtrace
            status = app.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    if status is not None and status < 0 and app.crashed() is not None:
        raise MonkeyFailure(f'step {step}: the app crashed ({app.crashed().name})\n'
                            + '\n'.join(trailtest.log_problems(app.log_path)[:10])
                            + '\nbacktrace:\n' + crash_backtrace(app))
    problems = trailtest.log_problems(app.log_path)
    if problems:
        raise MonkeyFailure(f'step {step}: the app logged:\n' + '\n'.join(problems[:10]))
    if status is not None:
        return False
    if name is not None and not answers(app, name):
        # Aborting (a failed assertion) while asked: it is writing its core,
        # not hung.
        if app.proc.poll() is not None or trailtest.log_problems(app.log_path):
            return check_alive(app, None, step)
        cpu = cpu_percent(app.proc.pid)
        shot = trailtest.screenshot('monkey-hang')
        stack = gdb('-p', str(app.proc.pid), '-ex', 'thread apply 1 bt 80')
        raise MonkeyFailure(f'step {step}: the app hung: no answer on its main loop within '
                            f'{HANG_SECONDS} s, {cpu:.0f} % CPU; screenshot {shot}\nbacktrace:\n{stack}')
    return True


# --- The monkey's hands.

WORDS = ['hello', 'Pay', 'rider waits', 'Ünïcödé ✓', 'x', '42', 'a b c', 'Sign up', '—', 'Quote "q"']

KEYS = [
    'Delete', 'BackSpace', 'ctrl+z', 'ctrl+shift+z', 'ctrl+y', 'ctrl+d', 'ctrl+c', 'ctrl+x', 'ctrl+v',
    'ctrl+a', 'Left', 'Right', 'Up', 'Down', 'alt+Left', 'alt+Right', 'alt+Up', 'alt+Down', 'F2',
    'Escape', 'Return', 'KP_Enter', 'shift+Return', 'Insert', 'Tab', 'shift+Tab', 'ctrl+plus',
    'ctrl+minus', 'ctrl+0', 'ctrl+1', 'plus', 'minus', 'KP_Add', 'KP_Subtract', 'space', 'n', 'Home', 'End',
    'Page_Up', 'Page_Down', 'F9', 'shift+F9', 'shift+F10', 'Menu', 'ctrl+s',
]
# Not pressed: Ctrl+Q and Ctrl+W quit or close, Ctrl+O, Ctrl+N, Ctrl+E, Ctrl+P,
# Ctrl+comma and Ctrl+Shift+S open other windows. Clicks may still reach
# those through the header bar; such windows are closed with Escape below.


# Kept off: the window's outer few pixels, where a press starts a resize,
# and drags from the header bar, which start a move. GTK 4.8 hands both to
# the window manager (Xvfb has none) and then warns "Broken accounting of
# active state" for the window, which no code of the app is involved in.
FRAME = 8
HEADER_BAR = 47


def target(window, drag=False):
    """A random point in the window, aimed at a part of it by chance."""
    x, y, w, h = window_rect(window)
    x, y, w, h = x + FRAME, y + FRAME, w - 2 * FRAME, h - 2 * FRAME
    if drag:
        y, h = y + HEADER_BAR, h - HEADER_BAR
    g = geometry()
    roll = rng.random()

    def inside(r, margin=0.1):
        return (x + r['x'] + r['w'] * rng.uniform(margin, 1 - margin),
                y + r['y'] + r['h'] * rng.uniform(margin, 1 - margin))

    items = []
    if roll < 0.40:
        for kind in ('cards', 'cards', 'cells', 'stages', 'lanes', 'emotions'):
            items += g.get(kind, [])
    elif roll < 0.55:
        items = g.get('palette', [])
    elif roll < 0.70:
        items = g.get('inspector', [])
    elif roll < 0.80 and not drag:
        return int(x + rng.uniform(0, w)), int(y + rng.uniform(0, HEADER_BAR - FRAME))
    items = [r for r in items if r.get('w', 0) > 2 and r.get('h', 0) > 2]
    if items:
        px, py = inside(rng.choice(items))
    else:
        px, py = x + rng.uniform(0, w), y + rng.uniform(0, h)
    return int(min(max(px, x), x + w - 1)), int(min(max(py, y), y + h - 1))


def xdo(*args):
    note('xdotool ' + ' '.join(args))
    subprocess.run(['xdotool', *args], check=False)


def act(window):
    kind = rng.choices(['click', 'double', 'right', 'drag', 'type', 'key', 'keys', 'scroll'],
                       weights=[25, 8, 4, 8, 10, 30, 8, 7])[0]
    if kind in ('click', 'double', 'right'):
        px, py = target(window)
        xdo('mousemove', str(px), str(py))
        xdo('click', *(['--repeat', '2', '--delay', '60'] if kind == 'double' else []),
            '3' if kind == 'right' else '1')
    elif kind == 'drag':
        (x0, y0), (x1, y1) = target(window, drag=True), target(window)
        xdo('mousemove', str(x0), str(y0))
        xdo('mousedown', '1')
        steps = rng.randint(2, 10)
        for i in range(1, steps + 1):
            xdo('mousemove', str(int(x0 + (x1 - x0) * i / steps)), str(int(y0 + (y1 - y0) * i / steps)))
            time.sleep(0.02)
        xdo('mouseup', '1')
    elif kind == 'type':
        xdo('type', '--delay', '15', rng.choice(WORDS))
    elif kind == 'key':
        xdo('key', '--clearmodifiers', rng.choice(KEYS))
    elif kind == 'keys':
        xdo('key', '--clearmodifiers', '--delay', '30', *rng.choices(KEYS, k=rng.randint(2, 5)))
    else:
        px, py = target(window)
        xdo('mousemove', str(px), str(py))
        if rng.random() < 0.3:
            xdo('keydown', 'ctrl')
            xdo('click', '--repeat', str(rng.randint(1, 3)), rng.choice(['4', '5']))
            xdo('keyup', 'ctrl')
        else:
            xdo('click', '--repeat', str(rng.randint(1, 4)), rng.choice(['4', '5', '6', '7']))
    time.sleep(rng.uniform(0.02, 0.25))


def close_other_windows(app, window):
    """Dialogs and other windows that clicks opened: Escape, then Ctrl+W.
    With no window manager a new window does not get the keyboard, so each
    is focused first, and the main window again after. Returns False if one
    would not close."""
    for attempt in range(6):
        others = [(wid, name) for wid, name in app_windows(app) if wid != window]
        if not others:
            if attempt > 0:
                trailtest.xdotool('windowfocus', '--sync', window)
            return True
        wid, name = others[0]
        key = 'Escape' if attempt < 3 else 'ctrl+w'
        note(f'# closing window "{name}" with {key}')
        xdo('windowfocus', '--sync', wid)
        xdo('key', '--clearmodifiers', key)
        time.sleep(0.5)
    return not [w for w, _ in app_windows(app) if w != window]


# --- Play.

app, window = start_app()
name = bus_name(app)
restarts = 0
step = 0
failure = None
try:
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        step += 1
        note(f'# step {step}')
        act(window)
        if not check_alive(app, name, step):
            # It quit on its own (the main menu's Quit, or the last window
            # closed) without a crash: note it and start it again.
            report(app.proc.returncode == 0, f'step {step}: the app quit with status {app.proc.returncode}; restarted')
            app.quit()
            restarts += 1
            app, window = start_app()
            name = bus_name(app)
            continue
        if not close_other_windows(app, window):
            note('# a window would not close: restarting the app')
            report(True, f'step {step}: a window would not close: restarted the app')
            app.quit()
            restarts += 1
            app, window = start_app()
            name = bus_name(app)
    print(f'# {step} actions in {SECONDS:g} s, {restarts} restart(s)', flush=True)

    # --- Save what the monkey made, with Ctrl+S, and check it.
    for _ in range(3):
        close_other_windows(app, window)
        xdo('windowfocus', '--sync', window)
        xdo('key', '--clearmodifiers', 'Escape')
        time.sleep(0.2)
    check_alive(app, name, step)
    def title():
        return subprocess.run(['xdotool', 'getwindowname', window], capture_output=True, text=True).stdout

    before = os.stat(map_path).st_mtime_ns
    modified = title().startswith('•')
    xdo('key', '--clearmodifiers', 'ctrl+s')

    def saved():
        return not title().startswith('•') and (os.stat(map_path).st_mtime_ns != before or not modified)
    try:
        trailtest.wait_until(saved, timeout=20, what='the map saved (its title without "•")')
        report(True, 'Ctrl+S saved the map')
    except TimeoutError as error:
        shot = trailtest.screenshot('monkey-save')
        report(False, f'{error}; screenshot {shot}')
    check_alive(app, name, step)

    result = subprocess.run([app.exe, '--validate', map_path], capture_output=True, text=True)
    report(result.returncode == 0, f'the saved map passes trailmap --validate: {result.stdout.strip()} '
                                   f'{result.stderr.strip()}')
    shutil.copy(map_path, os.path.join(artifacts, 'test-monkey.saved.trailmap'))
    trailtest.screenshot('monkey-end')
    try:
        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly after saving (status {status})')
    except RuntimeError as error:  # it asks about unsaved changes, or ignores the key
        report(False, f'{error}; screenshot {trailtest.screenshot("monkey-quit")}')
except MonkeyFailure as error:
    failure = error
    report(False, f'seed {SEED}: {error}')
finally:
    try:
        app.quit()
    except trailtest.LogProblem as error:
        if failure is None:
            report(False, f'seed {SEED}: {error}')
    os.chdir('/')
    shutil.rmtree(scratch, ignore_errors=True)
    actions_log.close()

print(f'1..{len(results)}')
if not all(results):
    print(f'# failed with seed {SEED}: TRAILMAP_MONKEY_SEED={SEED} TRAILMAP_MONKEY_SECONDS={SECONDS:g}',
          flush=True)
    sys.exit(1)

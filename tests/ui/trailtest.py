# trailtest.py — drive the real Trailmap under Xvfb: start it, find widgets
# through AT-SPI by role and accessible name, send real input with xdotool,
# take screenshots. Used by the tests in this folder, on Debian 12 (GTK 4.8,
# AT-SPI 2.46) and on the runtime's stack (GTK 4.24, AT-SPI 2.62) alike.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import atexit
import os
import re
import shutil
import signal
import subprocess
import sys
import time

SKIP = 77

# A GLib log line at level WARNING, CRITICAL or ERROR, from the app or any
# library in it: "(trailmap:123): Gtk-CRITICAL **: 03:29:21.230: text", or
# "** (trailmap:123): WARNING **: …" for the default domain. Every UI test
# fails on one (see App.check_log); g_log's own format, so a message from
# g_warning(), g_critical(), g_return_if_fail() and friends is never missed.
LOG_PROBLEM = re.compile(r'^(?:\*\* )?\([^():]+:\d+\): (?:(?P<domain>[\w.+-]+?)-)?'
                         r'(?P<level>WARNING|CRITICAL|ERROR) \*\*: (?:[\d:.]+: )?(?P<message>.*)$')

# A failed g_assert() in the app or a library, which aborts the app:
# "Adwaita:ERROR:../src/adw-toast-overlay.c:244:show_toast: assertion
# failed: (!info->widget)" (GLib repeats it after "Bail out! ", not matched).
ASSERTION_FAILED = re.compile(r'^(?:[\w.+-]+:)?ERROR:[^:]+:\d+:.*$')

# The one place where a toolkit warning that the app cannot cause is let
# through: (domain, level, start of the message, why it is not the app's).
# Everything else fails the test, however harmless it looks.
IGNORED_LOG_MESSAGES = [
    ('Gtk', 'WARNING', 'Screen coordinates not supported, reported positions will be wrong',
     'GTK 4.8 on X11 cannot give AT-SPI clients screen coordinates and says so each time '
     'a client asks for them (test-locale compares header buttons with CoordType.SCREEN); '
     'the test\'s query causes it, not the app'),
    ('Gdk', 'WARNING', 'gdk_frame_timings_submitted() called on submitted frame',
     'logged by GDK\'s own X11 frame clock under Xvfb with the unstable stack\'s GTK (no '
     'compositor, GL without DRI3), even when the app only starts and quits (ui-smoke)'),
]

# Signals that mean the app crashed (G_DEBUG=fatal-criticals traps), as
# opposed to the SIGTERM and SIGKILL that tests send on purpose.
CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGABRT, signal.SIGTRAP, signal.SIGBUS,
                 signal.SIGFPE, signal.SIGILL}


class LogProblem(AssertionError):
    """The app logged a GLib warning or critical, or crashed. Not a
    RuntimeError, so that helpers catching a slow quit do not swallow it."""


def log_problems(path):
    """The lines of the log at @path that fail a test, in order."""
    try:
        with open(path, errors='replace') as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    problems = []
    for line in lines:
        if ASSERTION_FAILED.match(line):
            problems.append(line)
            continue
        match = LOG_PROBLEM.match(line)
        if match is None:
            continue
        if any(match['domain'] == domain and match['level'] == level and match['message'].startswith(text)
               for domain, level, text, _why in IGNORED_LOG_MESSAGES):
            continue
        problems.append(line)
    return problems


def skip(reason):
    print(f'1..0 # SKIP {reason}')
    sys.exit(SKIP)


def require_display():
    if not os.environ.get('DISPLAY'):
        skip('no display (run with: meson test --setup xvfb)')
    for tool in ('xdotool', 'import'):
        if shutil.which(tool) is None:
            skip(f'{tool} is not installed')
    try:
        import warnings
        warnings.filterwarnings('ignore', category=DeprecationWarning)
        import gi
        gi.require_version('Atspi', '2.0')
        from gi.repository import Atspi  # noqa: F401
    except (ImportError, ValueError) as error:
        skip(f'AT-SPI bindings missing: {error}')


# The keycodes of the function keys and the keypad's + and − (X's evdev
# keycodes, those of Xvfb). xdotool on Debian unstable resolves "F9" to a
# level of a key that needs Alt, so the app gets Alt+F9, and "KP_Add" to
# one the app never sees as KP_Add; a keycode is what a real keyboard sends.
FUNCTION_KEYCODES = ({f'F{n}': str(66 + n) for n in range(1, 11)} | {'F11': '95', 'F12': '96'}
                     | {'KP_Add': '86', 'KP_Subtract': '82'})


def keycode_combo(combo):
    """"shift+F9" as "shift+75": modifiers by name, a function key by keycode."""
    *modifiers, key = combo.split('+')
    return '+'.join([*modifiers, FUNCTION_KEYCODES.get(key, key)])


def xdotool(*args):
    """Real X input: key presses, pointer moves and clicks, window focus."""
    if args and args[0] in ('key', 'keydown', 'keyup'):
        args = [args[0], *(a if a.startswith('-') else keycode_combo(a) for a in args[1:])]
    subprocess.run(['xdotool', *args], check=True)


def point_and_click(x, y, button=1, repeat=1, delay=60):
    """A click as a hand makes it: the pointer comes to (@x, @y), rests a
    moment, then clicks (@repeat times, @delay ms apart). xdotool's jump and
    click in one go reaches GTK before it has taken in where the pointer
    now is; right after a context menu closed over that spot, on both
    stacks, such a click was lost."""
    xdotool('mousemove', str(x - 4), str(y))
    xdotool('mousemove', '--sync', str(x), str(y), 'sleep', '0.1',
            'click', '--repeat', str(repeat), '--delay', str(delay), str(button))


def artifacts_dir():
    path = os.environ.get('TRAILMAP_TEST_ARTIFACTS', os.path.join(os.getcwd(), 'test-artifacts'))
    os.makedirs(path, exist_ok=True)
    return path


def screenshot(name):
    path = os.path.join(artifacts_dir(), f'{name}.png')
    subprocess.run(['import', '-window', 'root', path], check=True)
    return path


def wait_until(predicate, timeout=20.0, interval=0.1, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f'timed out after {timeout:.0f} s waiting for {what}')


class App:
    """The real application, started from the build tree."""

    started = 0
    running = []

    def __init__(self, *args, a11y=True, env=None):
        self.exe = os.environ['TRAILMAP_EXE']
        environ = dict(os.environ)
        environ.setdefault('GSETTINGS_BACKEND', 'memory')
        environ['GDK_BACKEND'] = 'x11'
        if a11y:
            environ.pop('GTK_A11Y', None)
        else:
            environ['GTK_A11Y'] = 'none'
        if env:
            environ.update(env)
        App.started += 1
        # The app's stdout and stderr, kept with the test's artifacts and
        # checked for GLib warnings and criticals when the app is stopped.
        self.log_path = os.path.join(artifacts_dir(),
                                     f'{os.path.basename(sys.argv[0])}.app{App.started}.log')
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen([self.exe, *args], env=environ,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self._atspi_app = None
        self._terminated = False
        self.checked = False
        App.running.append(self)

    def visible_windows(self, name):
        """X window ids of visible windows whose title matches the regex @name."""
        result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', name],
                                capture_output=True, text=True)
        return result.stdout.split()

    def wait_for_window(self, name='Trailmap', timeout=30.0):
        def find():
            if self.proc.poll() is not None:
                raise RuntimeError(f'the app exited with status {self.proc.returncode}; see {self.log_path}')
            ids = self.visible_windows(name)
            return ids[0] if ids else None
        return wait_until(find, timeout=timeout, what=f'a window named "{name}"')

    def atspi(self, timeout=20.0):
        from gi.repository import Atspi

        def find():
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                child = desktop.get_child_at_index(i)
                if child is None:
                    continue
                try:
                    if child.get_process_id() == self.proc.pid:
                        return child
                except Exception:
                    continue
            return None
        if self._atspi_app is None:
            self._atspi_app = wait_until(find, timeout=timeout, what='the app on the accessibility bus')
        return self._atspi_app

    def toplevels(self):
        """The app's top-level windows, as AT-SPI objects."""
        return app_children(self.atspi())

    def find_window(self, name):
        """The app's top-level window (AT-SPI frame) called @name, or None."""
        for child in self.toplevels():
            if child is not None and name_matches(child.get_name(), name):
                return child
        return None

    def find_dialog(self, name):
        """The dialog called @name, or None: a top-level window on
        libadwaita 1.2 (an AdwMessageDialog is named by its heading), a
        "dialog" or "alert" inside its window from 1.5 on (AdwDialog)."""
        window = self.find_window(name)
        if window is not None:
            return window
        for child in self.toplevels():
            found = find_accessible(child, 'dialog', name)
            if found is not None:
                return found
        return None

    def wait_for_dialog(self, name, timeout=15.0):
        return wait_until(lambda: self.find_dialog(name), timeout=timeout, what=f'the dialog "{name}"')

    def wait_dialog_closed(self, name, timeout=15.0):
        wait_until(lambda: self.find_dialog(name) is None, timeout=timeout,
                   what=f'the dialog "{name}" to close')

    def dialog_window(self, name, timeout=15.0):
        """The X window that shows the dialog @name, for xdotool: its own, or
        the one it is inside of."""
        node = self.wait_for_dialog(name, timeout=timeout)
        root = self.atspi()
        while True:
            parent = node.get_parent()
            if parent is None or parent == root:
                break
            node = parent
        return self.wait_for_window('^' + re.escape(node.get_name()) + '$', timeout=timeout)

    def find(self, role, name, timeout=10.0, root=None, actionable=False):
        """Finds an accessible by role name ('push button', 'menu item', …) and
        name; see ROLE_FAMILIES for the role names that count as the same."""
        def search():
            return find_accessible(root or self.atspi(), role, name, actionable=actionable)
        return wait_until(search, timeout=timeout, what=f'{role} "{name}"')

    def activate(self, role, name, timeout=10.0, root=None):
        """Presses a button or menu item the way a screen reader would."""
        node = self.find(role, name, timeout=timeout, root=root, actionable=True)
        node.get_action_iface().do_action(0)
        return node

    def toast_button(self, name, timeout=10.0):
        """The button called @name on the toast a window shows. The header
        bar has an Undo button too: of the buttons so named, the toast's is
        the lowest in its window, as toasts sit at the bottom."""
        from gi.repository import Atspi

        def search():
            showing = [n for n in find_all_shallow(self.atspi(), 'push button', name) if is_showing(n)]
            if not showing:
                return None
            return max(showing, key=lambda n: n.get_component_iface().get_extents(Atspi.CoordType.WINDOW).y)
        return wait_until(search, timeout=timeout, what=f'the toast\'s "{name}" button')

    def screen_center(self, node, timeout=10.0):
        """The middle of @node in screen pixels, for xdotool. Its extents
        relative to its window, plus where that window is: GTK 4.24 on X11
        gives every CoordType.SCREEN extent at 0,0 (so a click there lands on
        the window's corner), and GTK 4.8 warns for each such query."""
        from gi.repository import Atspi
        box = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        top, root = node, self.atspi()
        while True:
            parent = top.get_parent()
            if parent is None or parent == root:
                break
            top = parent
        window = self.wait_for_window('^' + re.escape(top.get_name()) + '$', timeout=timeout)
        out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                             capture_output=True, text=True, check=True).stdout
        origin = dict(line.split('=', 1) for line in out.split() if '=' in line)
        return int(origin['X']) + box.x + box.width // 2, int(origin['Y']) + box.y + box.height // 2

    def click(self, node):
        """A real click in the middle of @node, as a user's."""
        x, y = self.screen_center(node)
        point_and_click(x, y)

    def quit_gracefully(self, timeout=20.0):
        """Quits with Ctrl+Q like a user; returns the exit status, so that a
        sanitizer build's leak report fails the test."""
        if self.proc.poll() is None:
            window = self.wait_for_window()
            xdotool('windowfocus', '--sync', window)
            xdotool('key', '--clearmodifiers', 'ctrl+q')
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise RuntimeError('the app did not quit on Ctrl+Q')
        self.check_log()
        return self.proc.returncode

    def crashed(self):
        """The signal that killed the app, if it crashed on its own."""
        status = self.proc.poll()
        if status is None or status >= 0 or self._terminated:
            return None
        return signal.Signals(-status) if -status in CRASH_SIGNALS else None

    def problems(self):
        """What fails the test so far: logged warnings and criticals, a crash."""
        problems = log_problems(self.log_path)
        crash = self.crashed()
        if crash is not None:
            problems.append(f'the app crashed ({crash.name})')
        return problems

    def check_log(self):
        """Raises LogProblem if the app logged a GLib warning or critical or
        crashed. Called on every quit; tests may call it any time."""
        problems = self.problems()
        if problems:
            self.checked = True
            raise LogProblem(f'the app logged {len(problems)} problem(s) (full log: {self.log_path}):\n  '
                             + '\n  '.join(problems[:20]))

    def log_problems(self):
        """The lines of the app's log that fail a test so far."""
        return log_problems(self.log_path)

    def quit(self):
        """Stops the app if it still runs, then checks its log. On the way out
        of a failing test the problems are printed, not raised, so that the
        first failure stays the one reported."""
        if self.proc.poll() is None:
            self._terminated = True
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()
        if self in App.running:
            App.running.remove(self)
        if self.checked:
            return
        self.checked = True
        if sys.exc_info()[1] is not None:
            for line in self.problems():
                print(f'# app log: {line}', file=sys.stderr)
            return
        self.check_log()


@atexit.register
def _stop_forgotten_apps():
    """A test that never stopped its app still has its log checked."""
    failed = False
    for app in list(App.running):
        try:
            app.quit()
        except LogProblem as error:
            print(f'not ok - {error}', file=sys.stderr)
            failed = True
    if failed:
        sys.stdout.flush()
        os._exit(1)


def has_action(node):
    action = node.get_action_iface()
    return action is not None and action.get_n_actions() > 0


def is_showing(node):
    # GTK 4.8 reports VISIBLE but never SHOWING.
    from gi.repository import Atspi
    return node.get_state_set().contains(Atspi.StateType.VISIBLE)


def name_matches(actual, wanted):
    """@wanted is the exact name, or a callable. GTK 4.8 names buttons with a
    mnemonic "_Save Save"; such a name matches "Save" too."""
    if callable(wanted):
        return wanted(actual)
    if actual == wanted:
        return True
    actual = actual or ''
    plain = wanted.replace('_', '')
    head = actual[:-len(plain) - 1]
    return actual.endswith(' ' + plain) and head.replace('_', '') == plain


# Role names that tests treat as one role, because they differ between
# versions for the same widget: AT-SPI 2.46 calls a button "push button",
# later ones "button"; GTK 4.8 shows a GtkToggleButton as a push button,
# GTK 4.10 and later as a "toggle button", and puts the toggle that
# opens a GtkMenuButton's popover inside a "button" with no action.
# An AdwAlertDialog (libadwaita 1.5+) is an alert dialog, other dialogs
# are dialogs.
# A test names any member; with actionable=True only the node that can be
# pressed matches, so it finds the same widget on both.
ROLE_FAMILIES = (
    {'push button', 'button', 'toggle button'},
    {'dialog', 'alert', 'alert dialog'},
)


def role_matches(actual, wanted):
    if actual == wanted:
        return True
    return any(actual in family and wanted in family for family in ROLE_FAMILIES)


def accessible_name(node):
    """The name a screen reader says: the node's own, or else the text of
    what it is labelled by. GTK 4.24 names a popover menu item only through
    its labelled-by relation (its label has no AT-SPI name, only text);
    Orca reads that text, and so do we."""
    from gi.repository import Atspi
    name = node.get_name()
    if name:
        return name
    parts = []
    for relation in node.get_relation_set() or []:
        if relation.get_relation_type() != Atspi.RelationType.LABELLED_BY:
            continue
        for i in range(relation.get_n_targets()):
            target = relation.get_target(i)
            text = target.get_name()
            if not text and target.get_text_iface() is not None:
                text = Atspi.Text.get_text(target, 0, -1)
            if text:
                parts.append(text)
    return ' '.join(parts)


def shown_text(node):
    """What a label shows: its name on GTK 4.8; on 4.24 a label in a popover
    menu has only its text."""
    from gi.repository import Atspi
    name = node.get_name()
    if not name and node.get_text_iface() is not None:
        name = Atspi.Text.get_text(node, 0, -1)
    return name or ''


def menu_item_shortcut(item):
    """The key a menu item shows, as "Ctrl+S". GTK 4.8 names the item's
    last label so; GTK 4.24 gives only the item's key shortcuts attribute
    ("Control+S Alt+s": the accelerator, then the mnemonic)."""
    shortcuts = (item.get_attributes() or {}).get('keyshortcuts')
    if shortcuts:
        return shortcuts.split(' ')[0].replace('Control', 'Ctrl')
    labels = [shown_text(item.get_child_at_index(i)) for i in range(item.get_child_count())]
    return labels[-1] if labels else ''


def same_shortcut(shown, wanted):
    """"Shift+Ctrl+Z" and "Ctrl+Shift+Z" are the same key."""
    *shown_mods, shown_key = shown.split('+')
    *wanted_mods, wanted_key = wanted.split('+')
    return set(shown_mods) == set(wanted_mods) and shown_key.lower() == wanted_key.lower()


def app_children(root):
    """The children of an app's AT-SPI root (its top-level windows), asked
    for one at a time with the count read afresh before each.

    GTK's root answers GetChildAtIndex for an index past its visible windows
    with its last window, visible or not, and a hidden one (a file chooser
    that is kept after it closed) has no object path: GLib logs a critical,
    which G_DEBUG=fatal-criticals turns into a crash. It happens when a
    window closes between a client's ChildCount and GetChildAtIndex (GTK 4.8
    and 4.24 alike); walking each window's whole tree before asking for the
    next window made that gap wide enough to hit under load."""
    children = []
    try:
        while len(children) < root.get_child_count():
            children.append(root.get_child_at_index(len(children)))
    except Exception:
        pass
    return children


def find_accessible(node, role, name, depth=0, actionable=False):
    if node is None or depth > 60:
        return None
    try:
        if (role_matches(node.get_role_name(), role) and name_matches(accessible_name(node), name)
                and (not actionable or (has_action(node) and is_showing(node)))):
            return node
        if node.get_role_name() == 'application':
            children = app_children(node)
        else:
            children = None
            count = node.get_child_count()
    except Exception:
        return None
    for i in range(len(children) if children is not None else count):
        try:
            child = children[i] if children is not None else node.get_child_at_index(i)
        except Exception:
            continue
        found = find_accessible(child, role, name, depth + 1, actionable)
        if found is not None:
            return found
    return None


def find_named(node, name, skip_role=None, depth=0):
    """The first accessible below @node, depth first, whose own name is
    exactly @name, whatever its role (roles often differ between GTK
    versions); @skip_role leaves one role out, such as the label beside
    the row that is wanted."""
    if node is None or depth > 60:
        return None
    try:
        if node.get_name() == name and (skip_role is None or node.get_role_name() != skip_role):
            return node
        children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except Exception:
        return None
    for child in children:
        found = find_named(child, name, skip_role, depth + 1)
        if found is not None:
            return found
    return None


def descendants(node, max_depth=6):
    """Every accessible below @node down to @max_depth levels, depth first."""
    out = []

    def walk(node, depth):
        try:
            count = node.get_child_count()
        except Exception:
            return
        for i in range(count):
            child = node.get_child_at_index(i)
            if child is None:
                continue
            out.append(child)
            if depth < max_depth:
                walk(child, depth + 1)
    walk(node, 0)
    return out


def find_shallowest(node, role, name, max_depth=30):
    """Like find_accessible, but breadth first: the match nearest @node.
    For short-lived widgets high in the tree, such as toasts, which a
    depth-first walk through hundreds of card widgets can outlast."""
    found = find_all_shallow(node, role, name, max_depth, first=True)
    return found[0] if found else None


def find_all_shallow(node, role, name, max_depth=30, first=False):
    """Every match below @node, breadth first, nearest first; with @first,
    only the nearest."""
    found = []
    level = [node]
    for _ in range(max_depth):
        below = []
        for n in level:
            if n is None:
                continue
            try:
                if role_matches(n.get_role_name(), role) and name_matches(accessible_name(n), name):
                    found.append(n)
                    if first:
                        return found
                below.extend(app_children(n) if n.get_role_name() == 'application'
                             else [n.get_child_at_index(i) for i in range(n.get_child_count())])
            except Exception:
                continue
        if not below:
            break
        level = below
    return found


def dump_tree(node, depth=0, out=sys.stderr):
    """Prints the accessible tree, for writing and debugging tests."""
    try:
        print('  ' * depth + f'[{node.get_role_name()}] "{node.get_name()}"', file=out)
        children = (app_children(node) if node.get_role_name() == 'application'
                    else [node.get_child_at_index(i) for i in range(node.get_child_count())])
        for child in children:
            dump_tree(child, depth + 1, out)
    except Exception as error:
        print('  ' * depth + f'<{error}>', file=out)

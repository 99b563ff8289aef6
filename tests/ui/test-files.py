#!/usr/bin/python3
# Saving a map never loses work: a file changed on disk is not overwritten
# without asking, a deleted file is written again, and a read-only or full
# filesystem gives a clear message and leaves the old file byte-identical.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

TEMPLATE = os.path.join(os.environ['TRAILMAP_SOURCE_ROOT'], 'data', 'templates', 'coffee-maker.trailmap')
with open(TEMPLATE, 'rb') as f:
    ORIGINAL = f.read()

results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def wait_for_file(path, predicate, what, timeout=10.0):
    def check():
        try:
            return predicate(read(path))
        except FileNotFoundError:
            return False
    return trailtest.wait_until(check, timeout=timeout, what=what)


def save(app):
    window = app.wait_for_window('Trailmap')
    trailtest.xdotool('windowfocus', '--sync', window)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+s')


def labels_of(node):
    found = []

    def walk(n, depth=0):
        if n is None or depth > 40:
            return
        if n.get_role_name() == 'label':
            found.append(n.get_name() or '')
        for i in range(n.get_child_count()):
            walk(n.get_child_at_index(i), depth + 1)
    walk(node)
    return found


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    result = subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size}', 'tmpfs', path],
                            capture_output=True, text=True)
    return result.returncode == 0


scratch = tempfile.mkdtemp(prefix='trailmap-files-')
mounts = []
try:
    # --- Changed on disk: Save asks, Cancel keeps theirs, Replace writes ours.
    path = os.path.join(scratch, 'journey.trailmap')
    shutil.copy(TEMPLATE, path)
    app = trailtest.App(path)
    try:
        app.wait_for_window('Trailmap')
        time.sleep(0.5)
        theirs = ORIGINAL.replace(b'Buying a coffee maker', b'Changed by someone else', 1)
        with open(path, 'wb') as f:
            f.write(theirs)

        save(app)
        dialog = app.wait_for_dialog(lambda n: n and 'Changed on Disk' in n)
        trailtest.screenshot('files-changed-on-disk')
        app.activate('push button', 'Cancel', root=dialog)
        time.sleep(1)
        report(read(path) == theirs, 'Cancel leaves the file changed on disk untouched')

        save(app)
        dialog = app.wait_for_dialog(lambda n: n and 'Changed on Disk' in n)
        app.activate('push button', 'Replace', root=dialog)
        wait_for_file(path, lambda data: data == ORIGINAL, 'our map to replace theirs')
        report(True, 'Replace writes our map over theirs')

        # --- Deleted since it was opened: Save writes it again.
        os.unlink(path)
        save(app)
        wait_for_file(path, lambda data: data == ORIGINAL, 'the deleted file to be written again')
        report(True, 'Save writes a deleted file again')
        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly (status {status})')
    finally:
        app.quit()

    # --- Read-only filesystem and full filesystem.
    for kind in ('read-only', 'full'):
        where = os.path.join(scratch, kind)
        size = len(ORIGINAL) + 64 * 1024
        if not mount_tmpfs(where, size):
            report(True, f'# SKIP cannot mount a tmpfs for the {kind} filesystem here')
            continue
        mounts.append(where)
        path = os.path.join(where, 'journey.trailmap')
        shutil.copy(TEMPLATE, path)
        if kind == 'read-only':
            subprocess.run(['mount', '-o', 'remount,ro', where], check=True)
            expected = 'read-only'
        else:
            # Fill what is left, so the new copy cannot be written beside the old.
            fd = os.open(os.path.join(where, 'filler'), os.O_WRONLY | os.O_CREAT)
            try:
                while os.write(fd, b'\0' * 512) > 0:
                    pass
            except OSError:
                pass
            finally:
                os.close(fd)
            expected = 'disk is full'

        app = trailtest.App(path)
        try:
            app.wait_for_window('Trailmap')
            time.sleep(0.5)
            save(app)
            dialog = app.wait_for_dialog(lambda n: n and n.startswith('Could Not Save'))
            trailtest.screenshot(f'files-{kind}')
            body = ' '.join(labels_of(dialog))
            report(expected in body, f'{kind}: the message says why ({body!r})')
            report(read(path) == ORIGINAL, f'{kind}: the old file is byte-identical')
            app.activate('push button', 'Close', root=dialog)
        finally:
            app.quit()
finally:
    for where in reversed(mounts):
        subprocess.run(['umount', '-l', where], check=False)
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

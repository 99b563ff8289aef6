#!/usr/bin/python3
# The export dialog writes what the command line writes with the same
# options (PNG at 2× by default), and a toast names the result.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trailtest  # noqa: E402

trailtest.require_display()

TEMPLATE = os.path.join(os.environ['TRAILMAP_SOURCE_ROOT'], 'data', 'templates', 'coffee-maker.trailmap')
results = []


def report(ok, text):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {text}', flush=True)


def png_size(path):
    with open(path, 'rb') as f:
        header = f.read(24)
    return struct.unpack('>II', header[16:24])


def export_via_dialog(app, window, output):
    trailtest.xdotool('windowfocus', '--sync', window)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+shift+e')
    dialog_window = app.wait_for_window('^Export Map$')
    dialog = app.wait_for_dialog('Export Map')
    time.sleep(1.0)  # the preview renders after a short delay
    app.activate('push button', 'Export…', root=dialog)
    # GTK's own file chooser (no portal here): type the full path, Enter.
    time.sleep(1.0)
    trailtest.xdotool('key', '--clearmodifiers', 'ctrl+a')
    trailtest.xdotool('type', '--delay', '10', output)
    trailtest.xdotool('key', 'Return')
    trailtest.wait_until(lambda: os.path.exists(output) and os.path.getsize(output) > 0,
                         timeout=30, what=f'{output} to be written')
    return dialog_window


# Another X client reads the clipboard: its formats, then the PNG's first bytes.
CLIPBOARD_READER = r'''
import gi
gi.require_version("Gtk", "4.0")
gi.require_version("Gdk", "4.0")
from gi.repository import Gdk, Gio, GLib, Gtk
Gtk.init()
clipboard = Gdk.Display.get_default().get_clipboard()
loop = GLib.MainLoop()
head = []
def check(*args):
    # On X11 the formats arrive in their own reply (TARGETS), which can
    # come after the PNG's bytes: wait for both.
    if head and clipboard.get_formats().get_mime_types():
        loop.quit()
def got_bytes(stream, result):
    head.append(stream.read_bytes_finish(result).get_data().hex())
    check()
clipboard.connect("notify::formats", check)
def done(source, result):
    # The data comes through the main loop: read it asynchronously.
    stream, mime = clipboard.read_finish(result)
    stream.read_bytes_async(8, GLib.PRIORITY_DEFAULT, None, got_bytes)
clipboard.read_async(["image/png"], GLib.PRIORITY_DEFAULT, None, done)
GLib.timeout_add_seconds(20, loop.quit)
loop.run()
print(" ".join(clipboard.get_formats().get_mime_types() or []))
print(head[0] if head else "")
'''

scratch = tempfile.mkdtemp(prefix='trailmap-export-')
try:
    path = os.path.join(scratch, 'journey.trailmap')
    shutil.copy(TEMPLATE, path)
    app = trailtest.App(path)
    try:
        window = app.wait_for_window('Trailmap')
        time.sleep(0.5)

        # "<" and "&" in the name: the toast's title is markup, and the name
        # must show as typed (unescaped, the toast was empty and GTK warned).
        name = 'slide <1> & notes.png'
        png = os.path.join(scratch, name)
        export_via_dialog(app, window, png)
        # The toast goes after five seconds: look for it before the slow
        # reference export below, which on a loaded machine outlasts it.
        toast = trailtest.wait_until(
            lambda: trailtest.find_shallowest(app.atspi(), 'label', lambda n: bool(n) and 'Exported' in n),
            what='the "Exported" toast')
        trailtest.screenshot('export-toast')
        toast_name = toast.get_name() if toast is not None else ''
        width, height = png_size(png)
        ref = os.path.join(scratch, 'ref.png')
        subprocess.run([os.environ['TRAILMAP_EXE'], '--export=' + ref, '--export-scale=2', path],
                       check=True, capture_output=True)
        report((width, height) == png_size(ref),
               f'PNG from the dialog is the 2× export ({width}×{height})')
        report(open(png, 'rb').read() == open(ref, 'rb').read(),
               'byte-identical to the command line export with the same options')
        report(name in toast_name, f'a toast names the export as typed ({toast_name!r})')
        status = app.quit_gracefully()
        report(status == 0, f'quits cleanly (status {status})')
    finally:
        app.quit()

    # PDF on A4, as last time (settings in a key file): every paper size is
    # offered, with the orientation, and the dialog warns that card text
    # would print under 6 pt.
    config = os.path.join(scratch, 'config')
    os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
    with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
        f.write("[io/github/trailmap/Trailmap]\nexport-format='pdf'\nexport-paper='a4'\n")
    app = trailtest.App(path, env={'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config})
    try:
        window = app.wait_for_window('Trailmap')
        time.sleep(0.5)
        trailtest.xdotool('windowfocus', '--sync', window)
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+e')
        app.wait_for_window('^Export Map$')
        dialog = app.wait_for_dialog('Export Map')
        warning = trailtest.wait_until(
            lambda: trailtest.find_accessible(dialog, 'label', lambda n: bool(n) and ' pt' in n),
            what='the print size in the dialog')
        trailtest.screenshot('export-dialog-a4')
        report(warning is not None and 'too small' in warning.get_name(),
               f'A4 warns that card text prints under 6 pt ("{warning.get_name() if warning else None}")')
        orientation = trailtest.find_accessible(dialog, 'combo box', lambda n: bool(n) and 'Orientation' in n)
        report(orientation is not None, 'the orientation is offered for paper')
        paper = trailtest.find_accessible(dialog, 'combo box', lambda n: bool(n) and 'Paper' in n)
        report(paper is not None, 'the paper is offered')

        # Copy as image: Ctrl+Shift+C puts PNG and SVG on the clipboard.
        trailtest.xdotool('key', '--clearmodifiers', 'ctrl+shift+c')
        trailtest.wait_until(
            lambda: trailtest.find_shallowest(app.atspi(), 'label', lambda n: bool(n) and 'Copied' in n),
            what='the "Copied" toast')
        reader = subprocess.run([sys.executable, '-c', CLIPBOARD_READER], capture_output=True, text=True,
                                env=dict(os.environ, GDK_BACKEND='x11'), timeout=30)
        formats, _, png_head = reader.stdout.partition('\n')
        report('image/png' in formats and 'image/svg+xml' in formats,
               f'Ctrl+Shift+C puts PNG and SVG on the clipboard ({formats.strip()})')
        report(png_head.strip() == '89504e470d0a1a0a', f'the PNG on the clipboard is a PNG ({png_head.strip()})')
    finally:
        app.quit()

    # The slide size: exactly 1920 × 1080, from the dialog.
    with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
        f.write("[io/github/trailmap/Trailmap]\nexport-format='png'\nexport-size='slide'\n")
    app = trailtest.App(path, env={'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config})
    try:
        window = app.wait_for_window('Trailmap')
        time.sleep(0.5)
        slide = os.path.join(scratch, 'slide-1080.png')
        export_via_dialog(app, window, slide)
        report(png_size(slide) == (1920, 1080), f'the slide size gives exactly 1920×1080 ({png_size(slide)})')
    finally:
        app.quit()

    # The formats that travel: the dialog offers them and writes what the
    # command line writes (HTML, Markdown, CSV for Excel, Mermaid).
    for fmt, ext, extra, cli in (('mmd', 'mmd', '', []), ('csv', 'csv', "export-bom=true\n", ['--export-bom']),
                                 ('md', 'md', '', []), ('html', 'html', '', [])):
        with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
            f.write(f"[io/github/trailmap/Trailmap]\nexport-format='{fmt}'\n{extra}")
        app = trailtest.App(path, env={'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config})
        try:
            window = app.wait_for_window('Trailmap')
            time.sleep(0.5)
            out = os.path.join(scratch, 'travel.' + ext)
            export_via_dialog(app, window, out)
            ref = os.path.join(scratch, 'ref.' + ext)
            subprocess.run([os.environ['TRAILMAP_EXE'], '--export=' + ref, *cli, path],
                           check=True, capture_output=True)
            same = open(out, 'rb').read() == open(ref, 'rb').read()
            report(same, f'{fmt}: the dialog writes what the command line writes')
        finally:
            app.quit()
finally:
    shutil.rmtree(scratch, ignore_errors=True)

print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)

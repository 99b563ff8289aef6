#!/usr/bin/python3
# drag-source.py FILE — a small GTK 4 window offering FILE (as text/uri-list)
# to real drags, so that UI tests drop a file onto Trailmap through XDND
# with xdotool, as a file manager would. xdotool cannot start a drag
# itself: it only moves the pointer and presses the button.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

import gi
gi.require_version('Gtk', '4.0')
from gi.repository import Gdk, Gio, GLib, Gtk  # noqa: E402

path = sys.argv[1]
app = Gtk.Application(flags=Gio.ApplicationFlags.NON_UNIQUE)


def prepare(source, x, y):
    uri = Gio.File.new_for_path(path).get_uri()
    return Gdk.ContentProvider.new_for_bytes('text/uri-list', GLib.Bytes.new((uri + '\r\n').encode()))


def activate(app):
    window = Gtk.ApplicationWindow(application=app, title='Drag source')
    window.set_default_size(160, 80)
    label = Gtk.Label(label='drag me')
    source = Gtk.DragSource(actions=Gdk.DragAction.COPY)
    source.connect('prepare', prepare)
    source.connect('drag-end', lambda s, d, delete: print('drag-end', flush=True))
    label.add_controller(source)
    window.set_child(label)
    window.present()


app.connect('activate', activate)
app.run([])

#!/usr/bin/python3
# clipboard-owner.py FILE — offers FILE's text on the X clipboard, as a
# wiki in a browser would, until stopped. Prints "ready" once it owns it.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

import gi
gi.require_version('Gdk', '4.0')
gi.require_version('Gtk', '4.0')
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

Gtk.init()
with open(sys.argv[1], encoding='utf-8') as f:
    text = f.read()
clipboard = Gdk.Display.get_default().get_clipboard()
provider = Gdk.ContentProvider.new_for_bytes('text/plain;charset=utf-8', GLib.Bytes.new(text.encode()))
clipboard.set_content(provider)
print('ready', flush=True)
GLib.MainLoop().run()

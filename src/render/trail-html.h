/* trail-html.h — a map as one interactive, self-contained web page
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-layout.h"
#include "trail-svg-writer.h"

G_BEGIN_DECLS

/* One HTML file: the map as inline SVG (the SVG export, drawn at 100 %),
 * a bar with zoom buttons and a persona filter, card details on hover,
 * focus and tap, pan and zoom with the mouse and the keyboard, and a
 * print style. It loads nothing: a Content-Security-Policy in a <meta>
 * allows only its own script and style (by hash) and data: fonts and
 * images. Card data travels as JSON in a non-executable <script> block
 * with every '<' escaped; the script builds the details with textContent. */
gboolean     trail_html_write       (TrailLayout    *layout,
                                     TrailSvgFlags   flags,
                                     const GdkRGBA  *background,
                                     GOutputStream  *stream,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* The page's script, for its size in the documentation and the tests. */
const char  *trail_html_get_script  (void);

G_END_DECLS

/* trail-display-text.h — document text made safe for titles and messages
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest text, in characters, that a window title or a toast shows. */
#define TRAIL_DISPLAY_TEXT_MAX_CHARS 120

/* Returns @text as one line fit for a window title, a dialog heading or a
 * toast: invalid UTF-8 repaired, control characters, line breaks and bidi
 * overrides replaced by spaces, runs of white space collapsed, ends trimmed,
 * and cut at @max_chars characters with an ellipsis (0: no limit). A map's
 * title and a file name are whatever their author made them; every UI
 * string built from them goes through here. Never returns NULL. */
char *trail_display_text_dup (const char *text,
                              guint       max_chars);

G_END_DECLS

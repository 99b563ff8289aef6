/* trail-session-qr.h — the join link as a QR code
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Encodes @text (a join link) as a QR code with error correction level M
 * (a projector's glare, a phone held at an angle). Returns @width × @width
 * modules, row by row, 1 for dark and 0 for light, with no quiet zone
 * around them (draw at least four light modules of margin), or NULL when
 * the text does not fit a QR code. */
GBytes *trail_session_qr_encode (const char *text,
                                 guint      *width);

G_END_DECLS

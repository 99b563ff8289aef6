/* trail-qr-code.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_QR_CODE (trail_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (TrailQrCode, trail_qr_code, TRAIL, QR_CODE, GtkWidget)

/* Draws "text" as a QR code, dark on white whatever the theme (phones read
 * dark on light best), with the quiet zone the standard asks for. */
GtkWidget  *trail_qr_code_new      (void);
void        trail_qr_code_set_text (TrailQrCode *self,
                                    const char  *text);
const char *trail_qr_code_get_text (TrailQrCode *self);

G_END_DECLS

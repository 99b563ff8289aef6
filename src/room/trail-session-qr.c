/* trail-session-qr.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-session-qr"

#include "config.h"

#include <qrencode.h>

#include "trail-session-qr.h"

GBytes *
trail_session_qr_encode (const char *text,
                         guint      *width)
{
  QRcode *code;
  guint8 *modules;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (width != NULL, NULL);

  /* Version 0: the smallest that holds the text; case-sensitive 8-bit. */
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    return NULL;

  *width = code->width;
  n = (gsize) code->width * code->width;
  modules = g_malloc (n);
  /* libqrencode packs flags into each byte; bit 0 is the module's colour. */
  for (gsize i = 0; i < n; i++)
    modules[i] = code->data[i] & 1;
  QRcode_free (code);

  return g_bytes_new_take (modules, n);
}

/* trail-image.h — checks persona photos without decoding them.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits for an embedded photo: encoded size, and the pixels a viewer would
 * have to allocate to decode it. */
#define TRAIL_IMAGE_MAX_BYTES  (4 * 1024 * 1024)
#define TRAIL_IMAGE_MAX_SIDE   8192
#define TRAIL_IMAGE_MAX_PIXELS (4096 * 4096)

typedef enum
{
  TRAIL_IMAGE_UNKNOWN,
  TRAIL_IMAGE_PNG,
  TRAIL_IMAGE_JPEG,
} TrailImageType;

/* Reads the PNG IHDR or JPEG SOF header of @data and checks the byte,
 * side and pixel limits. Nothing is decoded, so hostile data costs nothing.
 * On failure sets @error (TRAIL_DOCUMENT_ERROR_INVALID, or _LIMIT beyond a
 * limit) with a message fit for the user. @width and @height may be NULL. */
gboolean    trail_image_check           (const guint8    *data,
                                         gsize            size,
                                         TrailImageType  *type,
                                         guint           *width,
                                         guint           *height,
                                         GError         **error);
gboolean    trail_image_check_bytes     (GBytes          *bytes,
                                         GError         **error);
/* "image/png" or "image/jpeg", for a GdkTexture loader or a data: URI. */
const char *trail_image_type_get_mime   (TrailImageType   type);

G_END_DECLS

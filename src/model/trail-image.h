/* trail-image.h — persona photos: checked without decoding, decoded within
 * bounds, scaled down on import.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "trail-document.h"
#include "trail-persona.h"

G_BEGIN_DECLS

/* Limits for an embedded photo: encoded size, and the pixels a viewer would
 * have to allocate to decode it. */
#define TRAIL_IMAGE_MAX_BYTES  (4 * 1024 * 1024)
#define TRAIL_IMAGE_MAX_SIDE   8192
#define TRAIL_IMAGE_MAX_PIXELS (4096 * 4096)

/* A photo as the editor stores it on import: what a persona card needs,
 * re-encoded, so a map of ordinary photos stays small. */
#define TRAIL_PHOTO_MAX_SIDE   512
#define TRAIL_PHOTO_MAX_BYTES  (1024 * 1024)
/* All the photos of one map together (encoded bytes): the editor refuses a
 * photo beyond it, and saving checks it. */
#define TRAIL_PHOTO_BUDGET     (16 * 1024 * 1024)

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

/* Decodes @bytes, checked first, scaled down to fit @max_side × @max_side.
 * Nothing beyond the checked header size is ever allocated: a decoder that
 * announces another size is stopped before it allocates. JPEG is scaled
 * while decoding; PNG costs at most TRAIL_IMAGE_MAX_PIXELS × 4 bytes for
 * a moment. The EXIF orientation is applied. */
GdkPixbuf  *trail_image_decode          (GBytes          *bytes,
                                         guint            max_side,
                                         GError         **error);

/* What a photo becomes when a user adds it to a persona: at most
 * TRAIL_PHOTO_MAX_SIDE on each side and TRAIL_PHOTO_MAX_BYTES, re-encoded
 * (JPEG, or PNG where it has transparency). A photo already within both is
 * kept as is. */
GBytes     *trail_image_prepare_photo   (GBytes          *bytes,
                                         GError         **error);

/* For a user adding a photo to @persona: trail_image_prepare_photo(), and
 * a check that the map's photos stay within TRAIL_PHOTO_BUDGET. Returns
 * what to give trail_document_update (doc, persona, "photo", …), or NULL
 * with an error whose message is fit for the user. */
GBytes     *trail_document_prepare_photo (TrailDocument  *self,
                                          TrailPersona   *persona,
                                          GBytes         *bytes,
                                          GError        **error);

G_END_DECLS

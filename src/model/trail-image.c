/* trail-image.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-image"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trail-document-io.h"
#include "trail-image.h"
#include "trail-persona.h"

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static gboolean
check_png (const guint8  *data,
           gsize          size,
           guint         *width,
           guint         *height,
           GError       **error)
{
  guint bit_depth, color_type;

  /* The IHDR chunk must come first: length 13, then its type. */
  if (size < 8 + 8 + 13 ||
      read_be32 (data + 8) != 13 ||
      memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("The PNG image has no valid header"));
      return FALSE;
    }

  *width = read_be32 (data + 16);
  *height = read_be32 (data + 20);
  bit_depth = data[24];
  color_type = data[25];

  if ((color_type != 0 && color_type != 2 && color_type != 3 &&
       color_type != 4 && color_type != 6) ||
      (bit_depth != 1 && bit_depth != 2 && bit_depth != 4 &&
       bit_depth != 8 && bit_depth != 16))
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("The PNG image has an unsupported pixel format"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_sof_marker (guint marker)
{
  /* C0…CF are start-of-frame markers except DHT, JPG and DAC. */
  return marker >= 0xC0 && marker <= 0xCF &&
         marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

static gboolean
check_jpeg (const guint8  *data,
            gsize          size,
            guint         *width,
            guint         *height,
            GError       **error)
{
  gsize pos = 2;

  /* Walk the marker segments up to the frame header; every step advances
   * by at least two bytes, so the loop is bounded by @size. */
  while (pos + 4 <= size)
    {
      guint marker, length;

      if (data[pos] != 0xFF)
        break;

      marker = data[pos + 1];

      if (marker == 0xFF)
        {
          /* Fill byte. */
          pos++;
          continue;
        }

      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          pos += 2;
          continue;
        }

      if (marker == 0xD9 || marker == 0xDA)
        break;

      length = read_be16 (data + pos + 2);
      if (length < 2)
        break;

      if (is_sof_marker (marker))
        {
          if (length < 8 || pos + 2 + 8 > size)
            break;

          *height = read_be16 (data + pos + 5);
          *width = read_be16 (data + pos + 7);
          return TRUE;
        }

      pos += 2 + length;
    }

  g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("The JPEG image has no valid frame header"));
  return FALSE;
}

gboolean
trail_image_check (const guint8    *data,
                   gsize            size,
                   TrailImageType  *type,
                   guint           *width,
                   guint           *height,
                   GError         **error)
{
  static const guint8 png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  TrailImageType found = TRAIL_IMAGE_UNKNOWN;
  guint w = 0, h = 0;

  if (type != NULL)
    *type = TRAIL_IMAGE_UNKNOWN;

  if (size > TRAIL_IMAGE_MAX_BYTES)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("The image is too large (%lu bytes; the limit is %d)"),
                   (unsigned long) size, TRAIL_IMAGE_MAX_BYTES);
      return FALSE;
    }

  if (size >= 8 && memcmp (data, png_magic, 8) == 0)
    {
      found = TRAIL_IMAGE_PNG;
      if (!check_png (data, size, &w, &h, error))
        return FALSE;
    }
  else if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    {
      found = TRAIL_IMAGE_JPEG;
      if (!check_jpeg (data, size, &w, &h, error))
        return FALSE;
    }
  else
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("The image is neither PNG nor JPEG"));
      return FALSE;
    }

  if (w == 0 || h == 0)
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("The image has no pixels"));
      return FALSE;
    }

  if (w > TRAIL_IMAGE_MAX_SIDE || h > TRAIL_IMAGE_MAX_SIDE ||
      (guint64) w * h > TRAIL_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("The image is too large (%u × %u pixels; the limit is %u pixels)"),
                   w, h, (guint) TRAIL_IMAGE_MAX_PIXELS);
      return FALSE;
    }

  if (type != NULL)
    *type = found;
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;

  return TRUE;
}

gboolean
trail_image_check_bytes (GBytes  *bytes,
                         GError **error)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);

  return trail_image_check (data, size, NULL, NULL, NULL, error);
}

const char *
trail_image_type_get_mime (TrailImageType type)
{
  switch (type)
    {
    case TRAIL_IMAGE_PNG:     return "image/png";
    case TRAIL_IMAGE_JPEG:    return "image/jpeg";
    case TRAIL_IMAGE_UNKNOWN: return NULL;
    default:                  return NULL;
    }
}

typedef struct
{
  guint    width;      /* from the header we checked */
  guint    height;
  guint    max_side;
  gboolean refused;
} DecodeBounds;

static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gpointer         user_data)
{
  DecodeBounds *bounds = user_data;
  double scale;

  /* The decoder read another header than we did (a crafted file): a size
   * of zero makes gdk-pixbuf's loaders stop before allocating. */
  if (width <= 0 || height <= 0 ||
      (guint) width != bounds->width || (guint) height != bounds->height)
    {
      bounds->refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if ((guint) width <= bounds->max_side && (guint) height <= bounds->max_side)
    return;

  scale = MIN ((double) bounds->max_side / width, (double) bounds->max_side / height);
  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (int) round (width * scale)),
                              MAX (1, (int) round (height * scale)));
}

GdkPixbuf *
trail_image_decode (GBytes  *bytes,
                    guint    max_side,
                    GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  DecodeBounds bounds = { 0, 0, max_side, FALSE };
  gboolean written, closed;
  TrailImageType type;
  GdkPixbuf *pixbuf;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (max_side > 0, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (!trail_image_check (data, size, &type, &bounds.width, &bounds.height, error))
    return NULL;

  loader = gdk_pixbuf_loader_new_with_mime_type (trail_image_type_get_mime (type), &local_error);
  if (loader == NULL)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("The image cannot be decoded: %s"), local_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &bounds);

  /* Closed exactly once, even after a failed write. */
  written = gdk_pixbuf_loader_write (loader, data, size, &local_error);
  closed = gdk_pixbuf_loader_close (loader, written ? &local_error : NULL);
  if (!written || !closed || bounds.refused)
    {
      if (bounds.refused)
        g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                             _("The image’s size does not match its header"));
      else
        g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                     _("The image cannot be decoded: %s"),
                     local_error != NULL ? local_error->message : _("unknown error"));
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("The image cannot be decoded"));
      return NULL;
    }

  /* Re-encoding drops EXIF, so turn the pixels the way a viewer would. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

GBytes *
trail_image_prepare_photo (GBytes  *bytes,
                           GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  gsize buffer_size = 0;
  TrailImageType type;
  guint width, height;
  const guint8 *data;
  gsize size;
  gboolean saved;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (!trail_image_check (data, size, &type, &width, &height, error))
    return NULL;

  if (width <= TRAIL_PHOTO_MAX_SIDE && height <= TRAIL_PHOTO_MAX_SIDE && size <= TRAIL_PHOTO_MAX_BYTES)
    return g_bytes_ref (bytes);

  pixbuf = trail_image_decode (bytes, TRAIL_PHOTO_MAX_SIDE, error);
  if (pixbuf == NULL)
    return NULL;

  if (gdk_pixbuf_get_has_alpha (pixbuf))
    saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &buffer_size, "png", NULL,
                                       "compression", "9", NULL);
  else
    saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &buffer_size, "jpeg", NULL,
                                       "quality", "88", NULL);

  /* 512 × 512 fits in 1 MiB as JPEG; only a PNG of noise would not. */
  if (!saved || buffer_size > TRAIL_PHOTO_MAX_BYTES)
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                           _("The photo cannot be made small enough"));
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), buffer_size);
}

GBytes *
trail_document_prepare_photo (TrailDocument  *self,
                              TrailPersona   *persona,
                              GBytes         *bytes,
                              GError        **error)
{
  g_autoptr(GBytes) photo = NULL;
  GListModel *personas;
  guint64 total;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_PERSONA (persona), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  photo = trail_image_prepare_photo (bytes, error);
  if (photo == NULL)
    return NULL;

  total = g_bytes_get_size (photo);
  personas = trail_document_get_personas (self);
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) other = g_list_model_get_item (personas, i);
      GBytes *other_photo = trail_persona_get_photo (other);

      if (other != persona && other_photo != NULL)
        total += g_bytes_get_size (other_photo);
    }

  if (total > TRAIL_PHOTO_BUDGET)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("The map’s photos would take more than %d MB together; remove a photo first"),
                   TRAIL_PHOTO_BUDGET / (1024 * 1024));
      return NULL;
    }

  return g_steal_pointer (&photo);
}

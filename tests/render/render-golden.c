/* render-golden.c — where the golden images of the running stack are.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

#include "render-golden.h"

/* The Cantarell that golden/NAME.png were drawn with. */
#define GOLDEN_CANTARELL "0.303"

/* Golden pictures are only as stable as the glyph outlines of the pinned
 * fonts: Cantarell 0.311 (a variable font; Debian unstable, the GNOME
 * runtime) draws every letter a little unlike 0.303 (Debian 12), enough to
 * fail any tolerance that still catches a moved card. So each Cantarell
 * version has its own set, chosen by what fontconfig finds. */
const char *
render_golden_dir (const char *source_root)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autofree char *base = g_build_filename (source_root, "tests", "render", "golden", NULL);
      g_autofree char *version = NULL;
      FcPattern *pattern = FcNameParse ((const FcChar8 *) "Cantarell");
      FcPattern *match;
      FcResult result;
      FcChar8 *family = NULL;
      int revision = 0;

      FcConfigSubstitute (NULL, pattern, FcMatchPattern);
      FcDefaultSubstitute (pattern);
      match = FcFontMatch (NULL, pattern, &result);
      if (match != NULL &&
          FcPatternGetString (match, FC_FAMILY, 0, &family) == FcResultMatch &&
          g_str_equal ((const char *) family, "Cantarell"))
        FcPatternGetInteger (match, FC_FONTVERSION, 0, &revision);
      /* FC_FONTVERSION is the font's revision in 16.16 fixed point. */
      version = g_strdup_printf ("%.3f", revision / 65536.0);
      if (g_str_equal (version, GOLDEN_CANTARELL))
        dir = g_steal_pointer (&base);
      else
        dir = g_strdup_printf ("%s%scantarell-%s", base, G_DIR_SEPARATOR_S, version);
      g_test_message ("golden images for Cantarell %s: %s", version, dir);
      if (match != NULL)
        FcPatternDestroy (match);
      FcPatternDestroy (pattern);
    }

  return dir;
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
} ReadClosure;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  ReadClosure *rc = closure;

  if (rc->pos + length > rc->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, rc->data + rc->pos, length);
  rc->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decoded to ARGB32 whatever the PNG's format. */
cairo_surface_t *
render_golden_decode_png (GBytes *bytes)
{
  ReadClosure rc = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  cairo_surface_t *png = cairo_image_surface_create_from_png_stream (read_bytes, &rc);
  cairo_surface_t *argb;
  cairo_t *cr;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                     cairo_image_surface_get_width (png),
                                     cairo_image_surface_get_height (png));
  cr = cairo_create (argb);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (png);
  cairo_surface_flush (argb);
  return argb;
}

static void
save_artifact (cairo_surface_t *surface,
               const char      *name)
{
  const char *dir = g_getenv ("TRAILMAP_TEST_ARTIFACTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  cairo_surface_write_to_png (surface, path);
  g_test_message ("saved %s", path);
}

gboolean
render_golden_similar (cairo_surface_t *a,
                       cairo_surface_t *b,
                       int              tolerance,
                       double           max_share,
                       const char      *name)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint64 differing = 0;

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    {
      g_test_message ("%s: %d×%d, expected %d×%d", name, w, h,
                      cairo_image_surface_get_width (b), cairo_image_surface_get_height (b));
      return FALSE;
    }

  for (int y = 0; y < h; y++)
    {
      const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *pb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        {
          int delta = 0;

          for (int shift = 0; shift < 32; shift += 8)
            delta = MAX (delta, ABS ((int) ((pa[x] >> shift) & 0xff) - (int) ((pb[x] >> shift) & 0xff)));
          if (delta > tolerance)
            differing++;
        }
    }

  if (differing > max_share * w * h)
    {
      g_autofree char *actual = g_strdup_printf ("%s-actual.png", name);

      g_test_message ("%s: %" G_GUINT64_FORMAT " pixels differ", name, differing);
      save_artifact (a, actual);
      return FALSE;
    }
  return TRUE;
}

cairo_surface_t *
render_golden_expected (const char *source_root,
                        const char *file_name,
                        GBytes     *png)
{
  g_autofree char *golden = g_build_filename (render_golden_dir (source_root), file_name, NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) expected_bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("TRAILMAP_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (golden, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
      g_assert_no_error (error);
      g_test_message ("wrote %s", golden);
      return NULL;
    }
  mapped = g_mapped_file_new (golden, FALSE, &error);
  g_assert_no_error (error);
  expected_bytes = g_mapped_file_get_bytes (mapped);
  return render_golden_decode_png (expected_bytes);
}

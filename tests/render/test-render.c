/* test-render.c — layout, painters and export, with no display
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Golden images: tests/render/golden/NAME.png, drawn with Debian 12's
 * Cantarell 0.303; with another Cantarell, golden/cantarell-VERSION/NAME.png
 * (see golden_dir()). After a deliberate change of the look, regenerate them
 * on each stack (build-aux/dev.sh test --stack=…) with
 *
 *   TRAILMAP_UPDATE_GOLDEN=1 meson test -C build --suite render
 *
 * and look at every changed image before committing it. On a mismatch the
 * actual picture and a diff image are left in $TRAILMAP_TEST_ARTIFACTS.
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render-fixtures.h"
#include "render-golden.h"
#include "trail-export.h"
#include "trail-layout-private.h"
#include "trail-layout.h"
#include "trail-painter.h"
#include "trail-ratings.h"
#include "trail-slides.h"

/* Golden comparison: a pixel differs when a channel is off by more than
 * this, and a picture differs when more than this share of pixels do.
 * Loose enough for another FreeType patch level, tight enough that a moved
 * card or a changed colour fails. */
#define GOLDEN_CHANNEL_TOLERANCE 24
#define GOLDEN_MAX_DIFFERING     0.002
/* Our SVG through librsvg against our PNG: glyph edges are antialiased a
 * little differently, everything else must match. */
#define SVG_CHANNEL_TOLERANCE    64
#define SVG_MAX_DIFFERING        0.02

static const char *
source_root (void)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");
  return root != NULL ? root : ".";
}

static char *
artifacts_path (const char *name)
{
  const char *dir = g_getenv ("TRAILMAP_TEST_ARTIFACTS");
  g_autofree char *render_dir = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "render", NULL);

  g_mkdir_with_parents (render_dir, 0755);
  return g_build_filename (render_dir, name, NULL);
}

/* Exports the tests read back are kept with the artifacts, to look at. */
static char *
scratch_path (const char *name)
{
  return artifacts_path (name);
}

static GPtrArray *
list_templates (void)
{
  g_autofree char *path = g_build_filename (source_root (), "data", "templates", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".trailmap"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".trailmap")));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  return names;
}

static TrailDocument *
load_template (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.trailmap", name);
  g_autofree char *path = g_build_filename (source_root (), "data", "templates", file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrailDocument *doc;

  doc = trail_document_load_from_file (gfile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  return doc;
}

static GBytes *
export_bytes (TrailDocument      *doc,
              TrailExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = trail_export_to_bytes (doc, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
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

static cairo_surface_t *
decode_png (GBytes *bytes)
{
  ReadClosure rc = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes, &rc);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static void
save_bytes (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Compares two ARGB32 surfaces. On failure writes NAME-actual.png,
 * NAME-expected.png and NAME-diff.png (differing pixels in red over a faded
 * copy) to the artifacts directory and returns FALSE. */
static gboolean
compare_surfaces (cairo_surface_t *actual,
                  cairo_surface_t *expected,
                  int              channel_tolerance,
                  double           max_differing,
                  const char      *name)
{
  int w = cairo_image_surface_get_width (actual);
  int h = cairo_image_surface_get_height (actual);
  cairo_surface_t *diff;
  guint64 differing = 0;
  int max_delta = 0;
  double share;

  if (w != cairo_image_surface_get_width (expected) || h != cairo_image_surface_get_height (expected))
    {
      g_autofree char *a = artifacts_path (g_strdup_printf ("%s-actual.png", name));
      cairo_surface_write_to_png (actual, a);
      g_test_message ("%s: size %d×%d, expected %d×%d (actual saved to %s)", name, w, h,
                      cairo_image_surface_get_width (expected), cairo_image_surface_get_height (expected), a);
      return FALSE;
    }

  cairo_surface_flush (actual);
  cairo_surface_flush (expected);
  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);

  for (int y = 0; y < h; y++)
    {
      const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (actual) + y * cairo_image_surface_get_stride (actual));
      const guint32 *pe = (const guint32 *) (cairo_image_surface_get_data (expected) + y * cairo_image_surface_get_stride (expected));
      guint32 *pd = (guint32 *) (cairo_image_surface_get_data (diff) + y * cairo_image_surface_get_stride (diff));

      for (int x = 0; x < w; x++)
        {
          int delta = 0;

          for (int shift = 0; shift < 32; shift += 8)
            delta = MAX (delta, ABS ((int) ((pa[x] >> shift) & 0xff) - (int) ((pe[x] >> shift) & 0xff)));
          max_delta = MAX (max_delta, delta);
          if (delta > channel_tolerance)
            {
              differing++;
              pd[x] = 0xffff0000;
            }
          else
            {
              guint g = 255 - (255 - ((pe[x] >> 8) & 0xff)) / 4;
              pd[x] = 0xff000000 | (g << 16) | (g << 8) | g;
            }
        }
    }
  cairo_surface_mark_dirty (diff);

  share = (double) differing / ((double) w * h);
  g_test_message ("%s: %" G_GUINT64_FORMAT " pixels (%.3f%%) differ by more than %d; largest difference %d",
                  name, differing, share * 100, channel_tolerance, max_delta);

  if (share > max_differing)
    {
      g_autofree char *a_name = g_strdup_printf ("%s-actual.png", name);
      g_autofree char *e_name = g_strdup_printf ("%s-expected.png", name);
      g_autofree char *d_name = g_strdup_printf ("%s-diff.png", name);
      g_autofree char *a = artifacts_path (a_name);
      g_autofree char *e = artifacts_path (e_name);
      g_autofree char *d = artifacts_path (d_name);

      cairo_surface_write_to_png (actual, a);
      cairo_surface_write_to_png (expected, e);
      cairo_surface_write_to_png (diff, d);
      g_test_message ("%s: too different (%.3f%% > %.3f%%); see %s", name, share * 100, max_differing * 100, d);
      cairo_surface_destroy (diff);
      return FALSE;
    }

  cairo_surface_destroy (diff);
  return TRUE;
}

static gboolean
run (const char * const  *argv,
     char               **out,
     char               **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error))
    {
      g_test_message ("cannot run %s: %s", argv[0], error->message);
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);
  return path != NULL;
}

/* Whitespace, case and ligatures (pdftotext gives “ﬁ” for the fi
 * ligature) do not matter when looking for text in a PDF. */
static char *
squash (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  for (const char *p = normal; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x00AD)
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

/* ---- Action badges -------------------------------------------------------- */

static double
luminance (const GdkRGBA *c)
{
  double v[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The badge's glyph reads on its disc (4.5:1, as text would) and the
 * disc stands out on the page (3:1, WCAG's figure for graphics), in every
 * style variant; and no two statuses share a colour. */
static void
test_action_badge_contrast (void)
{
  for (int v = TRAIL_STYLE_LIGHT; v <= TRAIL_STYLE_HIGH_CONTRAST; v++)
    {
      g_autoptr(TrailStyle) style = trail_style_new (v);

      for (int s = TRAIL_ACTION_STATUS_IDEA; s <= TRAIL_ACTION_STATUS_DROPPED; s++)
        {
          g_assert_cmpfloat (contrast (&style->action_glyph, &style->action_status[s]), >=, 4.5);
          g_assert_cmpfloat (contrast (&style->page, &style->action_status[s]), >=, 3.0);
          for (int t = s + 1; t <= TRAIL_ACTION_STATUS_DROPPED; t++)
            g_assert_false (gdk_rgba_equal (&style->action_status[s], &style->action_status[t]));
        }
    }
}

/* ---- Headless ---------------------------------------------------------- */

static void
test_headless (void)
{
  /* main() cleared these before anything ran; prove it stayed so. */
  g_assert_null (g_getenv ("DISPLAY"));
  g_assert_null (g_getenv ("WAYLAND_DISPLAY"));
}

/* ---- Golden images ----------------------------------------------------- */

static const char *
golden_dir (void)
{
  return render_golden_dir (source_root ());
}

static void check_golden_options (TrailDocument            *doc,
                                  const TrailExportOptions *options,
                                  const char               *name);

static void
check_golden (TrailDocument     *doc,
              TrailStyleVariant  variant,
              const char        *name)
{
  TrailExportOptions options;

  trail_export_options_init (&options);
  options.style = variant;
  check_golden_options (doc, &options, name);
}

static void
check_golden_options (TrailDocument            *doc,
                      const TrailExportOptions *options,
                      const char               *name)
{
  g_autoptr(GBytes) png = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *golden = g_build_filename (golden_dir (), file, NULL);
  g_autoptr(GBytes) expected_bytes = NULL;
  cairo_surface_t *actual, *expected;
  gboolean same;

  png = export_bytes (doc, (TrailExportOptions *) options);

  if (g_strcmp0 (g_getenv ("TRAILMAP_UPDATE_GOLDEN"), "1") == 0)
    {
      g_mkdir_with_parents (golden_dir (), 0755);
      save_bytes (golden, png);
      g_test_message ("wrote %s", golden);
      return;
    }

  {
    g_autoptr(GMappedFile) mapped = g_mapped_file_new (golden, FALSE, NULL);

    if (mapped == NULL)
      {
        g_autofree char *a = artifacts_path (file);
        save_bytes (a, png);
        g_test_message ("no golden image %s (actual saved to %s); run with TRAILMAP_UPDATE_GOLDEN=1", golden, a);
        g_test_fail ();
        return;
      }
    expected_bytes = g_mapped_file_get_bytes (mapped);
  }

  actual = decode_png (png);
  expected = decode_png (expected_bytes);
  same = compare_surfaces (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING, name);
  cairo_surface_destroy (actual);
  cairo_surface_destroy (expected);

  if (!same)
    g_test_fail ();
}

static void
test_golden_template (gconstpointer data)
{
  const char *name = data;
  g_autoptr(TrailDocument) doc = load_template (name);

  check_golden (doc, TRAIL_STYLE_LIGHT, name);
}

static void
test_golden_dark (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");

  check_golden (doc, TRAIL_STYLE_DARK, "coffee-maker-dark");
}

static void
test_golden_sample (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();

  check_golden (doc, TRAIL_STYLE_LIGHT, "sample-photo-personas");
}

/* ---- PNG ---------------------------------------------------------------- */

static void
test_png_sizes (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  TrailExportOptions options;
  const double scales[] = { 1, 2, 3, 0.5 };
  float w, h;

  trail_export_options_init (&options);
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  w = trail_layout_get_width (layout);
  h = trail_layout_get_height (layout);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(GBytes) png = NULL;
      cairo_surface_t *s;

      options.scale = scales[i];
      png = export_bytes (doc, &options);
      s = decode_png (png);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, (int) ceil (w * scales[i] - 1e-6));
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, (int) ceil (h * scales[i] - 1e-6));
      cairo_surface_destroy (s);
    }

  {
    g_autoptr(GBytes) png = NULL;
    cairo_surface_t *s;

    options.scale = 1;
    options.width = 1000;
    png = export_bytes (doc, &options);
    s = decode_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1000);
    g_assert_cmpint (cairo_image_surface_get_height (s), ==, (int) ceil (h * 1000 / w - 1e-6));
    cairo_surface_destroy (s);
  }

  /* Nonsense is refused with an error, not a crash. */
  options.width = 0;
  options.scale = 0;
  g_assert_null (trail_export_to_bytes (doc, &options, &error));
  g_assert_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION);
}

static void
test_png_transparent (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  g_autoptr(GBytes) opaque = NULL;
  g_autoptr(GBytes) clear = NULL;
  TrailExportOptions options;
  cairo_surface_t *s;
  guint32 corner;

  trail_export_options_init (&options);
  opaque = export_bytes (doc, &options);
  s = decode_png (opaque);
  g_assert_cmpint (cairo_image_surface_get_format (s), ==, CAIRO_FORMAT_RGB24);
  cairo_surface_destroy (s);

  options.transparent = TRUE;
  clear = export_bytes (doc, &options);
  s = decode_png (clear);
  g_assert_cmpint (cairo_image_surface_get_format (s), ==, CAIRO_FORMAT_ARGB32);
  cairo_surface_flush (s);
  corner = *(guint32 *) cairo_image_surface_get_data (s);
  g_assert_cmphex (corner >> 24, ==, 0);
  cairo_surface_destroy (s);
}

/* A map wider than cairo's 32767-pixel surfaces is drawn in tiles; the
 * seams must not show. */
static void
test_png_tiles (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_large (400);
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;
  g_autoptr(GBytes) png = NULL;
  cairo_surface_t *s;
  int w, h;

  trail_export_options_init (&options);
  options.width = 9000;  /* two tiles side by side */
  png = export_bytes (doc, &options);
  s = decode_png (png);
  w = cairo_image_surface_get_width (s);
  h = cairo_image_surface_get_height (s);
  g_assert_cmpint (w, ==, 9000);
  g_assert_cmpint (h, >, 0);

  /* Where the tiles meet, columns 8191 and 8192 are alike, as anywhere. */
  {
    guint differ = 0;
    cairo_surface_flush (s);
    for (int y = 0; y < h; y++)
      {
        const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s));
        if (row[8191] != row[8192] && row[8190] == row[8191] && row[8192] == row[8193])
          differ++;
      }
    g_assert_cmpuint (differ, <, (guint) h / 50);
  }
  cairo_surface_destroy (s);
}

/* ---- SVG ---------------------------------------------------------------- */

/* Renders @svg with librsvg, at the map's size. */
static cairo_surface_t *
rasterize_svg (GBytes      *svg,
               TrailLayout *layout)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error);
  g_assert_no_error (error);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  g_assert_cmpfloat_with_epsilon (w, trail_layout_get_width (layout), 0.01);
  g_assert_cmpfloat_with_epsilon (h, trail_layout_get_height (layout), 0.01);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  viewport = (RsvgRectangle) { 0, 0, w, h };
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  g_object_unref (handle);

  return surface;
}

/* Our PNG of @doc with @options (but as PNG), as ARGB32. */
static cairo_surface_t *
render_png_argb (TrailDocument            *doc,
                 const TrailExportOptions *options)
{
  TrailExportOptions png_options = *options;
  g_autoptr(GBytes) png = NULL;
  cairo_surface_t *decoded, *argb;
  cairo_t *cr;

  png_options.format = TRAIL_EXPORT_PNG;
  png = export_bytes (doc, &png_options);
  decoded = decode_png (png);
  /* Opaque PNG decodes as RGB24: give it the alpha the SVG's page has. */
  argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (decoded),
                                     cairo_image_surface_get_height (decoded));
  cr = cairo_create (argb);
  cairo_set_source_surface (cr, decoded, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (decoded);

  return argb;
}

static void
check_svg_against_png_full (TrailDocument *doc,
                            const char    *name,
                            gboolean       text_to_path,
                            int            channel_tolerance,
                            double         max_differing)
{
  TrailExportOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  g_autofree char *svg_name = g_strdup_printf ("%s.svg", name);
  g_autofree char *svg_path = scratch_path (svg_name);
  g_autofree char *compare_name = g_strdup_printf ("%s-svg", name);
  const char *xmllint[] = { "xmllint", "--noout", svg_path, NULL };
  cairo_surface_t *ours, *theirs;
  gboolean same;

  trail_export_options_init (&options);
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);

  options.format = TRAIL_EXPORT_SVG;
  options.text_to_path = text_to_path;
  svg = export_bytes (doc, &options);
  save_bytes (svg_path, svg);
  options.text_to_path = FALSE;

  if (have_program ("xmllint"))
    g_assert_true (run (xmllint, NULL, NULL));
  else
    g_test_message ("xmllint not installed: XML check skipped");

  theirs = rasterize_svg (svg, layout);
  ours = render_png_argb (doc, &options);
  same = compare_surfaces (theirs, ours, channel_tolerance, max_differing, compare_name);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
  if (!same)
    g_test_fail ();
}

static void
check_svg_against_png (TrailDocument *doc,
                       const char    *name)
{
  check_svg_against_png_full (doc, name, FALSE, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING);
}

static void
test_svg_template (gconstpointer data)
{
  g_autoptr(TrailDocument) doc = load_template (data);

  check_svg_against_png (doc, data);
}

static void
test_svg_sample (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();

  check_svg_against_png (doc, "sample");
}

static void
test_svg_ids (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  TrailExportOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  GListModel *cards = trail_document_get_cards (doc);
  GListModel *stages = trail_document_get_stages (doc);

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_SVG;
  svg = export_bytes (doc, &options);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  g_assert_nonnull (strstr (text, "width=\""));
  g_assert_nonnull (strstr (text, "px\" height=\""));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
      g_autofree char *id = g_strdup_printf ("<g id=\"card-%s\"", trail_card_get_id (card));
      g_assert_nonnull (strstr (text, id));
    }
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      g_autofree char *id = g_strdup_printf ("<g id=\"stage-%s\"", trail_stage_get_id (stage));
      g_assert_nonnull (strstr (text, id));
    }
  /* Text stays text. */
  g_assert_nonnull (strstr (text, ">Sees an ad on social media</tspan>"));
}

/* A stage's group holds its header and its cards (grouped by lane, named
 * from the map), so exporting one stage by id gives the whole column. */
static void
test_svg_stage_groups (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  TrailExportOptions options;
  GPtrArray *stages, *lanes;
  guint checked = 0;

  trail_export_options_init (&options);
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  options.format = TRAIL_EXPORT_SVG;
  svg = export_bytes (doc, &options);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  stages = trail_layout_get_stages (layout);
  lanes = trail_layout_get_lanes (layout);

  for (guint i = 0; i < stages->len; i++)
    {
      TrailLayoutStage *s = stages->pdata[i];
      g_autofree char *open = g_strdup_printf ("<g id=\"stage-%s\" inkscape:label=\"%s\">",
                                               trail_stage_get_id (s->item.object),
                                               trail_stage_get_name (s->item.object));
      const char *start = strstr (text, open);
      const char *end;

      g_assert_nonnull (start);
      end = strstr (start + 1, "<g id=\"stage-");
      if (end == NULL)
        end = text + strlen (text);

      for (guint j = 0; j < lanes->len; j++)
        {
          TrailLayoutLane *l = lanes->pdata[j];

          for (guint k = 0; k < l->cells->len; k++)
            {
              TrailLayoutCell *cell = l->cells->pdata[k];
              g_autofree char *lane_group = NULL;
              const char *in_lane;

              if (cell->stage != s || cell->cards->len == 0)
                continue;

              lane_group = g_strdup_printf ("inkscape:label=\"%s\"", trail_lane_get_title (l->item.object));
              in_lane = g_strstr_len (start, end - start, lane_group);
              g_assert_nonnull (in_lane);
              for (guint c = 0; c < cell->cards->len; c++)
                {
                  TrailLayoutCard *card = cell->cards->pdata[c];
                  g_autofree char *card_id = g_strdup_printf ("<g id=\"card-%s\"", trail_card_get_id (card->item.object));
                  const char *at = g_strstr_len (in_lane, end - in_lane, card_id);

                  if (at == NULL)
                    g_error ("card %s is not in the group of stage %s, lane %s", trail_card_get_id (card->item.object),
                             trail_stage_get_name (s->item.object), trail_lane_get_title (l->item.object));
                  checked++;
                }
            }
        }
    }
  g_assert_cmpuint (checked, >, 10);

  /* Inkscape exports one stage: the column, from the chevron down to its
   * last card. */
  if (have_program ("inkscape"))
    {
      TrailLayoutStage *s = stages->pdata[1];
      g_autofree char *svg_path = scratch_path ("stage-groups.svg");
      g_autofree char *png_path = scratch_path ("stage-groups-stage.png");
      g_autofree char *id_arg = g_strdup_printf ("--export-id=stage-%s", trail_stage_get_id (s->item.object));
      g_autofree char *out_arg = g_strdup_printf ("--export-filename=%s", png_path);
      const char *inkscape[] = { "inkscape", "--export-type=png", id_arg, out_arg, svg_path, NULL };
      cairo_surface_t *png;

      save_bytes (svg_path, svg);
      g_assert_true (run (inkscape, NULL, NULL));
      png = cairo_image_surface_create_from_png (png_path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("stage %s from Inkscape: %d×%d; the chevron is %.0f px tall",
                      trail_stage_get_name (s->item.object), cairo_image_surface_get_width (png),
                      cairo_image_surface_get_height (png), s->item.bounds.size.height);
      g_assert_cmpint (cairo_image_surface_get_height (png), >, 4 * s->item.bounds.size.height);
      g_assert_cmpint (cairo_image_surface_get_width (png), <=, s->item.bounds.size.width + 2);
      cairo_surface_destroy (png);
    }
}

/* Renders @svg_path with rsvg-convert, in a fontconfig that holds only
 * @font_dirs (NULL-terminated), into @png_path. */
static cairo_surface_t *
render_with_fonts (const char  *svg_path,
                   const char  *png_path,
                   const char **font_dirs,
                   const char  *name)
{
  g_autofree char *conf_name = g_strdup_printf ("%s-fonts.conf", name);
  g_autofree char *conf = scratch_path (conf_name);
  g_autofree char *cache_name = g_strdup_printf ("%s-fc-cache", name);
  g_autofree char *cache = scratch_path (cache_name);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<fontconfig>\n");
  const char *argv[] = { "rsvg-convert", "-o", png_path, svg_path, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png, *argb;
  int status = 0;
  cairo_t *cr;

  for (guint i = 0; font_dirs[i] != NULL; i++)
    g_string_append_printf (xml, "  <dir>%s</dir>\n", font_dirs[i]);
  g_string_append_printf (xml, "  <cachedir>%s</cachedir>\n</fontconfig>\n", cache);
  g_assert_true (g_file_set_contents (conf, xml->str, -1, NULL));

  envp = g_environ_setenv (envp, "FONTCONFIG_FILE", conf, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (png),
                                     cairo_image_surface_get_height (png));
  cr = cairo_create (argb);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (png);

  return argb;
}

/* The editable SVG carries subsets of its fonts as @font-face data, so it
 * looks the same where Cantarell is not installed. librsvg and Inkscape
 * do not read @font-face (browsers do): the test takes the fonts out of
 * the file into a fontconfig that has no Cantarell of its own, and
 * renders the SVG there. Without them, lines get wider. */
static void
test_svg_embedded_fonts (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  TrailExportOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *svg_path = scratch_path ("embedded-fonts.svg");
  g_autofree char *font_dir = scratch_path ("embedded-fonts");
  g_autofree char *with_png = scratch_path ("embedded-fonts-with.png");
  g_autofree char *without_png = scratch_path ("embedded-fonts-without.png");
  const char *with_dirs[] = { font_dir, "/usr/share/fonts/truetype/dejavu", NULL };
  const char *without_dirs[] = { "/usr/share/fonts/truetype/dejavu", NULL };
  cairo_surface_t *ours, *with, *without;
  guint n_faces = 0;
  gboolean same;

  if (!have_program ("rsvg-convert"))
    {
      g_test_skip ("rsvg-convert (librsvg2-bin) not installed");
      return;
    }

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_SVG;
  g_assert_true (options.embed_fonts);   /* on by default */
  svg = export_bytes (doc, &options);
  save_bytes (svg_path, svg);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  /* Each face, out of its data: URL, into a folder of fonts. */
  g_mkdir_with_parents (font_dir, 0755);
  for (const char *p = strstr (text, "@font-face"); p != NULL; p = strstr (p + 1, "@font-face"))
    {
      const char *start = strstr (p, "base64,");
      const char *end;
      g_autofree char *b64 = NULL;
      g_autofree guchar *data = NULL;
      g_autofree char *name = g_strdup_printf ("face-%u.otf", n_faces++);
      g_autofree char *path = g_build_filename (font_dir, name, NULL);
      gsize len = 0;

      g_assert_nonnull (start);
      start += strlen ("base64,");
      end = strchr (start, '"');
      g_assert_nonnull (end);
      b64 = g_strndup (start, end - start);
      data = g_base64_decode (b64, &len);
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_file_set_contents (path, (const char *) data, len, NULL));
    }
  g_test_message ("%u faces embedded; SVG %" G_GSIZE_FORMAT " bytes", n_faces, g_bytes_get_size (svg));
  g_assert_cmpuint (n_faces, >=, 2);

  ours = render_png_argb (doc, &options);
  with = render_with_fonts (svg_path, with_png, with_dirs, "embedded-fonts-with");
  without = render_with_fonts (svg_path, without_png, without_dirs, "embedded-fonts-without");

  /* The control: with no Cantarell at all, the picture is not ours. */
  g_assert_false (compare_surfaces (without, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "embedded-fonts-without"));
  same = compare_surfaces (with, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "embedded-fonts-with");
  cairo_surface_destroy (ours);
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  if (!same)
    g_test_fail ();
}

/* Outlined text must lose nothing else: every shape, icon and curve, the
 * ids and the title stay, and the picture is the PNG's, pixel for pixel,
 * within the tolerance of the editable SVG's test. (Not the golden
 * images' 24: cairo 1.16 puts each glyph of a PNG on a whole pixel while
 * outlines keep Pango's exact positions, so 1.7 % of a text-heavy map's
 * pixels differ by more than 24, all of them on glyph edges.) */
static void
test_svg_text_to_path (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  TrailExportOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) editable = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stage_id = NULL;
  g_autofree char *title = NULL;
  GListModel *stages = trail_document_get_stages (doc);
  g_autoptr(TrailStage) stage = g_list_model_get_item (stages, 0);

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_SVG;
  editable = export_bytes (doc, &options);
  options.text_to_path = TRUE;
  svg = export_bytes (doc, &options);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  /* No text left for a viewer to lay out with other fonts, yet the same
   * picture. A card's words stay only as the accessible name of its
   * outlines, never as content to draw. */
  g_assert_null (strstr (text, "<text"));
  g_assert_null (strstr (text, ">Sees an ad on social media<"));
  g_assert_nonnull (strstr (text, "aria-label=\"Sees an ad on social media\""));

  stage_id = g_strdup_printf (" id=\"stage-%s\"", trail_stage_get_id (stage));
  g_assert_nonnull (strstr (text, stage_id));
  title = g_strdup_printf ("<title>%s</title>", trail_document_get_title (doc));
  g_assert_nonnull (strstr (text, title));
  /* Glyphs are defined once: a few times the editable file's size, not 9–15. */
  g_test_message ("editable %" G_GSIZE_FORMAT " bytes, outlined %" G_GSIZE_FORMAT " bytes",
                  g_bytes_get_size (editable), g_bytes_get_size (svg));
  g_assert_cmpuint (g_bytes_get_size (svg), <, 4 * g_bytes_get_size (editable));

  check_svg_against_png_full (doc, "sample-paths", TRUE, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING);
}

static void
test_svg_text_to_path_template (gconstpointer data)
{
  g_autoptr(TrailDocument) doc = load_template (data);
  g_autofree char *name = g_strdup_printf ("%s-paths", (const char *) data);

  check_svg_against_png_full (doc, name, TRUE, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING);
}

/* Lines that mix right-to-left and left-to-right text are placed alike by
 * librsvg and by Inkscape, where Pango put them in the PNG. */
static TrailDocument *
make_bidi_document (void)
{
  TrailDocument *doc = load_template ("coffee-maker");
  g_autoptr(TrailCard) card = g_list_model_get_item (trail_document_get_cards (doc), 0);
  g_autoptr(TrailPersona) persona = g_list_model_get_item (trail_document_get_personas (doc), 0);

  trail_document_update (doc, doc, "title", "Map \u062e\u0631\u064a\u0637\u0629 \u0627\u0644\u0631\u062d\u0644\u0629 test", NULL);
  trail_document_update (doc, card, "text", "Order #123 \u2014 \u0627\u0644\u0637\u0644\u0628 \u0631\u0642\u0645 123 shipped", NULL);
  trail_document_update (doc, persona, "name", "Amira \u0627\u0644\u062d\u0633\u0646", NULL);

  return doc;
}

static cairo_surface_t *
crop (cairo_surface_t       *surface,
      const graphene_rect_t *r)
{
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (r->size.width),
                                                     (int) ceil (r->size.height));
  cairo_t *cr = cairo_create (out);

  cairo_set_source_surface (cr, surface, -floor (r->origin.x), -floor (r->origin.y));
  cairo_paint (cr);
  cairo_destroy (cr);

  return out;
}

/* A misplaced run moves a few thousand pixels of a map of millions: compare
 * the boxes that hold mixed lines on their own. */
static gboolean
compare_bidi_boxes (TrailDocument   *doc,
                    cairo_surface_t *theirs,
                    cairo_surface_t *ours,
                    const char      *name)
{
  TrailExportOptions options;
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailCard) card = g_list_model_get_item (trail_document_get_cards (doc), 0);
  g_autoptr(TrailPersona) persona = g_list_model_get_item (trail_document_get_personas (doc), 0);
  const graphene_rect_t *boxes[3];
  const char *what[3] = { "header", "card", "persona" };
  gboolean same = TRUE;

  trail_export_options_init (&options);
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  boxes[0] = &trail_layout_get_header (layout)->item.bounds;
  boxes[1] = &trail_layout_find (layout, card)->bounds;
  boxes[2] = &trail_layout_find (layout, persona)->bounds;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      g_autofree char *box_name = g_strdup_printf ("%s-%s", name, what[i]);
      cairo_surface_t *a = crop (theirs, boxes[i]);
      cairo_surface_t *b = crop (ours, boxes[i]);

      same &= compare_surfaces (a, b, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, box_name);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  return same;
}

static void
test_svg_bidi (void)
{
  g_autoptr(TrailDocument) doc = make_bidi_document ();
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  TrailExportOptions options;
  cairo_surface_t *theirs, *ours;

  check_svg_against_png (doc, "bidi");

  trail_export_options_init (&options);
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  options.format = TRAIL_EXPORT_SVG;
  svg = export_bytes (doc, &options);
  theirs = rasterize_svg (svg, layout);
  ours = render_png_argb (doc, &options);
  if (!compare_bidi_boxes (doc, theirs, ours, "bidi-librsvg"))
    g_test_fail ();
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
}

static void
test_svg_bidi_inkscape (void)
{
  g_autoptr(TrailDocument) doc = make_bidi_document ();
  g_autofree char *svg_path = scratch_path ("bidi-inkscape.svg");
  g_autofree char *png_path = scratch_path ("bidi-inkscape.png");
  g_autofree char *out_arg = g_strdup_printf ("--export-filename=%s", png_path);
  const char *inkscape[] = { "inkscape", "--export-type=png", out_arg, svg_path, NULL };
  TrailExportOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *theirs, *ours, *argb;
  cairo_t *cr;
  gboolean same;

  if (!have_program ("inkscape"))
    {
      g_test_skip ("Inkscape not installed");
      return;
    }

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_SVG;
  svg = export_bytes (doc, &options);
  save_bytes (svg_path, svg);
  g_assert_true (run (inkscape, NULL, NULL));

  theirs = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (theirs), ==, CAIRO_STATUS_SUCCESS);
  /* Inkscape writes RGBA: compare on the same format. */
  argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (theirs),
                                     cairo_image_surface_get_height (theirs));
  cr = cairo_create (argb);
  cairo_set_source_surface (cr, theirs, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (theirs);

  ours = render_png_argb (doc, &options);
  same = compare_surfaces (argb, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "bidi-inkscape");
  same &= compare_bidi_boxes (doc, argb, ours, "bidi-inkscape");
  cairo_surface_destroy (ours);
  cairo_surface_destroy (argb);
  if (!same)
    g_test_fail ();
}

/* A long persona name wraps in the legend instead of running off the map. */
static void
test_layout_legend_wraps (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  g_autoptr(TrailPersona) persona = g_list_model_get_item (trail_document_get_personas (doc), 0);
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;
  const TrailLayoutLegend *legend;
  char *one_stage[] = { (char *) "Sees an ad", NULL };
  float right;

  trail_document_update (doc, persona, "name",
                         "Sofia Marino, first-time buyer of a bean-to-cup machine, who upgrades from capsules "
                         "after a decade of pods and wants café coffee at home without a science project, "
                         "and reads every review twice before she orders anything at all", NULL);
  trail_export_options_init (&options);
  /* One stage: a narrow map, as a slide of one column would be. */
  options.stages = one_stage;
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  legend = trail_layout_get_legend (layout);
  g_assert_nonnull (legend);
  right = trail_layout_get_width (layout) - trail_layout_get_style (layout)->margin;

  for (guint i = 0; i < legend->entries->len; i++)
    {
      const TrailLegendEntry *entry = &g_array_index (legend->entries, TrailLegendEntry, i);
      int w, h;

      pango_layout_get_pixel_size (entry->label.layout, &w, &h);
      g_test_message ("legend entry %u: x %.0f to %.0f of %.0f, %d px tall", i, entry->label.pos.x,
                      entry->label.pos.x + w, right, h);
      g_assert_cmpfloat (entry->label.pos.x + w, <=, right);
      g_assert_cmpfloat (entry->label.pos.y + h, <=, legend->item.bounds.origin.y + legend->item.bounds.size.height + 1);
    }
  g_assert_cmpfloat (legend->item.bounds.origin.y + legend->item.bounds.size.height, <=, trail_layout_get_height (layout));
}

/* ---- Dark slides ---------------------------------------------------------- */

/* @png composited on black, as it lands on a dark slide. */
static cairo_surface_t *
on_black (GBytes *png)
{
  cairo_surface_t *clear = decode_png (png);
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (clear),
                                                     cairo_image_surface_get_height (clear));
  cairo_t *cr = cairo_create (out);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, clear, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (clear);

  return out;
}

/* The brightest pixel's luminance in @r: the title's glyphs on black. */
static double
brightest (cairo_surface_t       *s,
           const graphene_rect_t *r)
{
  double best = 0;

  cairo_surface_flush (s);
  for (int y = r->origin.y; y < r->origin.y + r->size.height; y++)
    for (int x = r->origin.x; x < r->origin.x + r->size.width; x++)
      {
        guint32 p = *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4);
        double l = (0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff)) / 255;
        best = MAX (best, l);
      }

  return best;
}

/* A transparent light export on a dark slide: without the option the title
 * is dark on dark; with --export-for-dark it is light. */
static void
test_transparent_for_dark (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) for_dark = NULL;
  TrailExportOptions options;
  const graphene_rect_t *title;
  cairo_surface_t *s;
  double before, after;

  trail_export_options_init (&options);
  options.transparent = TRUE;
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  title = &trail_layout_get_header (layout)->item.bounds;

  plain = export_bytes (doc, &options);
  s = on_black (plain);
  before = brightest (s, title);
  cairo_surface_destroy (s);

  options.for_dark = TRUE;
  for_dark = export_bytes (doc, &options);
  s = on_black (for_dark);
  after = brightest (s, title);
  g_test_message ("header on black: brightest luminance %.2f without, %.2f with --export-for-dark", before, after);
  g_assert_cmpfloat (before, <, 0.45);
  g_assert_cmpfloat (after, >, 0.8);

  /* The golden image is the composite, as the slide shows it. */
  {
    g_autofree char *golden = g_build_filename (golden_dir (), "coffee-maker-on-dark.png", NULL);

    if (g_strcmp0 (g_getenv ("TRAILMAP_UPDATE_GOLDEN"), "1") == 0)
      {
        g_mkdir_with_parents (golden_dir (), 0755);
        g_assert_cmpint (cairo_surface_write_to_png (s, golden), ==, CAIRO_STATUS_SUCCESS);
      }
    else
      {
        cairo_surface_t *expected = cairo_image_surface_create_from_png (golden);

        g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
        if (!compare_surfaces (s, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING, "coffee-maker-on-dark"))
          g_test_fail ();
        cairo_surface_destroy (expected);
      }
  }
  cairo_surface_destroy (s);
}

/* ---- Slides -------------------------------------------------------------- */

static TrailDocument *
load_test_map (const char *name)
{
  g_autofree char *path = g_build_filename (source_root (), "tests", "render", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* A 12-stage journey becomes a deck: every slide exactly 1920×1080, card
 * text at least 18 px tall on each, every stage and lane on some slide,
 * once. */
static void
test_slides_twelve (void)
{
  g_autoptr(TrailDocument) doc = load_test_map ("twelve-stages.trailmap");
  g_autoptr(GPtrArray) slides = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;
  guint n_stages = g_list_model_get_n_items (trail_document_get_stages (doc));
  guint n_lanes = g_list_model_get_n_items (trail_document_get_lanes (doc));

  g_assert_cmpuint (n_stages, ==, 12);
  trail_export_options_init (&options);
  slides = trail_slides_plan (doc, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (slides);
  g_assert_cmpuint (slides->len, >, 1);

  for (guint i = 0; i < slides->len; i++)
    {
      TrailSlide *slide = slides->pdata[i];
      TrailExportOptions so;
      g_autoptr(GBytes) png = NULL;
      cairo_surface_t *s;

      g_test_message ("slide %u: %u stages, %u lanes, card text %.1f px", i + 1,
                      g_strv_length (slide->stage_ids), g_strv_length (slide->lane_ids), slide->card_text_px);
      g_assert_cmpfloat (slide->card_text_px, >=, TRAIL_SLIDE_MIN_TEXT_PX);
      for (guint j = 0; slide->stage_ids[j] != NULL; j++)
        for (guint k = 0; slide->lane_ids[k] != NULL; k++)
          {
            char *cell = g_strconcat (slide->stage_ids[j], "/", slide->lane_ids[k], NULL);
            g_assert_false (g_hash_table_contains (seen, cell));
            g_hash_table_add (seen, cell);
          }

      trail_slide_get_options (slide, &options, &so);
      png = export_bytes (doc, &so);
      trail_slide_options_clear (&so);
      s = decode_png (png);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1920);
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, 1080);
      cairo_surface_destroy (s);

      if (i == 0)
        {
          g_autoptr(TrailDocument) again = load_test_map ("twelve-stages.trailmap");
          trail_slide_get_options (slide, &options, &so);
          check_golden_options (again, &so, "slide-twelve-01");
          trail_slide_options_clear (&so);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_stages * n_lanes);
}

/* The slide box is exact, whatever the map's shape, with the margin clear
 * and the chosen background. */
static void
test_fit_box (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  TrailExportOptions options;
  g_autoptr(GBytes) png = NULL;
  cairo_surface_t *s;
  guint32 corner;

  trail_export_options_init (&options);
  options.fit_width = 1920;
  options.fit_height = 1080;
  options.margin = 60;
  options.has_background = TRUE;
  gdk_rgba_parse (&options.background, "#102030");
  png = export_bytes (doc, &options);
  s = decode_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1920);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 1080);
  cairo_surface_flush (s);
  corner = *(guint32 *) (cairo_image_surface_get_data (s) + 30 * cairo_image_surface_get_stride (s) + 30 * 4);
  g_assert_cmphex (corner & 0xffffff, ==, 0x102030);
  cairo_surface_destroy (s);
}

/* ---- PDF ---------------------------------------------------------------- */

static void
check_pdf (TrailDocument *doc,
           const char    *name,
           TrailPaper     paper)
{
  TrailExportOptions options;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", name);
  g_autofree char *path = scratch_path (pdf_name);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squashed = NULL;
  const char *pdfinfo[] = { "pdfinfo", path, NULL };
  const char *pdftotext[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  double pw = 0, ph = 0;
  const char *size;
  GPtrArray *lanes;

  if (!have_program ("pdfinfo") || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils (pdfinfo, pdftotext) not installed");
      return;
    }

  trail_export_options_init (&options);
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);

  options.format = TRAIL_EXPORT_PDF;
  options.paper = paper;
  pdf = export_bytes (doc, &options);
  save_bytes (path, pdf);

  g_assert_true (run (pdfinfo, &info, NULL));
  {
    const char *pages = strstr (info, "Pages:");
    g_assert_nonnull (pages);
    g_assert_cmpint (atoi (pages + strlen ("Pages:")), ==, 1);
  }
  size = strstr (info, "Page size:");
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", &pw, &ph), ==, 2);
  if (paper == TRAIL_PAPER_NONE)
    {
      g_assert_cmpfloat_with_epsilon (pw, trail_layout_get_width (layout) * 0.75, 1);
      g_assert_cmpfloat_with_epsilon (ph, trail_layout_get_height (layout) * 0.75, 1);
    }
  else if (paper == TRAIL_PAPER_A4)
    {
      /* Landscape, because maps are wider than tall. */
      g_assert_cmpfloat_with_epsilon (pw, 841.89, 1);
      g_assert_cmpfloat_with_epsilon (ph, 595.28, 1);
    }

  g_assert_true (run (pdftotext, &text, NULL));
  squashed = squash (text);
  {
    g_autofree char *title = squash (trail_document_get_title (doc));
    g_assert_nonnull (strstr (squashed, title));
  }

  /* Every card's text is in the PDF as text, unless it was ellipsized. */
  lanes = trail_layout_get_lanes (layout);
  for (guint i = 0; i < lanes->len; i++)
    {
      TrailLayoutLane *l = lanes->pdata[i];

      for (guint j = 0; j < l->cells->len; j++)
        {
          TrailLayoutCell *cell = l->cells->pdata[j];

          for (guint k = 0; k < cell->cards->len; k++)
            {
              TrailLayoutCard *c = cell->cards->pdata[k];
              g_autofree char *want = NULL;

              if (c->ellipsized)
                continue;
              want = squash (trail_card_get_text (c->item.object));
              if (strstr (squashed, want) == NULL)
                {
                  g_test_message ("card text “%s” not found in the PDF of %s", trail_card_get_text (c->item.object), name);
                  g_test_fail ();
                }
            }
        }
    }
}

static char *
pdf_text (TrailDocument *doc,
          const char    *name)
{
  TrailExportOptions options;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", name);
  g_autofree char *path = scratch_path (pdf_name);
  const char *pdftotext[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  char *text = NULL;

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_PDF;
  pdf = export_bytes (doc, &options);
  save_bytes (path, pdf);
  g_assert_true (run (pdftotext, &text, NULL));

  return text;
}

/* Text extracted from the PDF is the text as written: no ligature
 * characters (ﬁ for fi), no Arabic presentation forms, so search and copy
 * work. */
static void
test_pdf_text_as_written (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  g_autoptr(TrailDocument) bidi = make_bidi_document ();
  g_autofree char *text = NULL;
  g_autofree char *arabic = NULL;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils (pdftotext) not installed");
      return;
    }

  text = pdf_text (doc, "as-written");
  g_assert_nonnull (strstr (text, "first-time buyer"));
  g_assert_null (strstr (text, "\xef\xac\x81"));   /* U+FB01 ﬁ */

  arabic = pdf_text (bidi, "as-written-arabic");
  g_assert_nonnull (strstr (arabic, "\u0627\u0644\u062d\u0633\u0646"));   /* الحسن */
  g_assert_nonnull (strstr (arabic, "\u0627\u0644\u0637\u0644\u0628"));   /* الطلب */
  for (const char *p = arabic; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF && c != 0xFEFF))
        g_error ("presentation form U+%04X in the PDF's text", c);
    }
  /* CJK: test_pdf_cjk_as_written(), with fonts that have it. */
}

/* CJK text in the PDF extracts as written: 日 (U+65E5), not the Kangxi
 * radical ⽇ (U+2F47) or a compatibility ideograph that shares its glyph.
 * Run by the 'render-cjk' test, whose fonts add Noto Sans CJK
 * (fonts-noto-cjk) to the pinned ones; elsewhere there is no CJK font and
 * the test skips. */
static void
test_pdf_cjk_as_written (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  g_autoptr(TrailCard) card = g_list_model_get_item (trail_document_get_cards (doc), 0);
  g_autoptr(TrailPersona) persona = g_list_model_get_item (trail_document_get_personas (doc), 0);
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  g_autofree char *text = NULL;
  FcPattern *pattern;
  FcObjectSet *objects;
  FcFontSet *fonts;
  gboolean have_cjk;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils (pdftotext) not installed");
      return;
    }
  pattern = FcNameParse ((const FcChar8 *) ":lang=ja");
  objects = FcObjectSetBuild (FC_FAMILY, NULL);
  fonts = FcFontList (NULL, pattern, objects);
  have_cjk = fonts != NULL && fonts->nfont > 0;
  g_clear_pointer (&fonts, FcFontSetDestroy);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);
  if (!have_cjk)
    {
      g_test_skip ("no CJK font among the test's fonts (fonts-noto-cjk; the render-cjk test)");
      return;
    }

  trail_document_update (doc, card, "text", "\u65e5\u672c\u8a9e\u306e\u5730\u56f3 \u4e2d\u6587\u8def\u7ebf \ud55c\uad6d\uc5b4", NULL);
  trail_document_update (doc, persona, "name", "\u5c71\u7530 \u592a\u90ce", NULL);
  trail_document_update (doc, stage, "name", "\u8cfc\u5165 \u2014 \u652f\u6255\u3044", NULL);

  text = pdf_text (doc, "as-written-cjk");
  g_assert_nonnull (strstr (text, "\u65e5\u672c\u8a9e\u306e\u5730\u56f3"));   /* 日本語の地図 */
  g_assert_nonnull (strstr (text, "\u4e2d\u6587\u8def\u7ebf"));               /* 中文路线 */
  g_assert_nonnull (strstr (text, "\ud55c\uad6d\uc5b4"));                       /* 한국어 */
  g_assert_nonnull (strstr (text, "\u5c71\u7530"));                              /* 山田 */
  g_assert_nonnull (strstr (text, "\u8cfc\u5165"));                              /* 購入 */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x2E80 && c <= 0x2FDF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F))
        g_error ("radical or compatibility ideograph U+%04X in the PDF's text", c);
    }
}

static guint32
pixel_at (cairo_surface_t *s,
          int              x,
          int              y)
{
  if (x < 0 || y < 0 || x >= cairo_image_surface_get_width (s) || y >= cairo_image_surface_get_height (s))
    return 0;
  return *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4);
}

static gboolean
near_color (guint32        p,
            const GdkRGBA *c)
{
  return ABS ((int) ((p >> 16) & 0xff) - (int) (c->red * 255)) < 48 &&
         ABS ((int) ((p >> 8) & 0xff) - (int) (c->green * 255)) < 48 &&
         ABS ((int) (p & 0xff) - (int) (c->blue * 255)) < 48;
}

/* A poster on A4 sheets: one page per sheet, and every sheet shows every
 * emotion point that falls on it (they went missing from the second
 * column of sheets on). Sheets rasterized by poppler at 96 dpi, where a
 * map pixel is a pixel. */
static void
test_pdf_poster (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker");
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = scratch_path ("poster.pdf");
  g_autofree char *prefix = scratch_path ("poster-sheet");
  g_autofree char *info = NULL;
  const char *pdfinfo[] = { "pdfinfo", path, NULL };
  const char *pdftocairo[] = { "pdftocairo", "-r", "96", "-png", path, prefix, NULL };
  TrailExportOptions options;
  TrailStyle *style;
  GPtrArray *lanes;
  int columns, rows;
  guint checked = 0;

  if (!have_program ("pdfinfo") || !have_program ("pdftocairo"))
    {
      g_test_skip ("poppler-utils not installed");
      return;
    }

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_PDF;
  options.poster = TRAIL_PAPER_A4;
  options.orientation = TRAIL_ORIENTATION_LANDSCAPE;
  layout = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  style = trail_layout_get_style (layout);
  lanes = trail_layout_get_lanes (layout);
  trail_export_get_poster_tiles (layout, &options, &columns, &rows);
  g_assert_cmpint (columns * rows, >, 1);

  pdf = export_bytes (doc, &options);
  save_bytes (path, pdf);
  g_assert_true (run (pdfinfo, &info, NULL));
  g_assert_cmpint (atoi (strstr (info, "Pages:") + strlen ("Pages:")), ==, columns * rows);
  g_assert_true (run (pdftocairo, NULL, NULL));

  for (int row = 0; row < rows; row++)
    for (int column = 0; column < columns; column++)
      {
        g_autofree char *sheet_path = g_strdup_printf ("%s-%d.png", prefix, row * columns + column + 1);
        cairo_surface_t *sheet = cairo_image_surface_create_from_png (sheet_path);
        graphene_rect_t area;

        g_assert_cmpint (cairo_surface_status (sheet), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_flush (sheet);
        trail_export_get_poster_tile_area (layout, &options, column, row, &area);

        for (guint i = 0; i < lanes->len; i++)
          {
            TrailLayoutLane *l = lanes->pdata[i];

            for (guint c = 0; l->emotions != NULL && c < l->emotions->curves->len; c++)
              {
                const TrailEmotionCurve *curve = l->emotions->curves->pdata[c];

                for (guint j = 0; j < curve->points->len; j++)
                  {
                    const graphene_point_t *pt = &g_array_index (curve->points, graphene_point_t, j);
                    double r = style->emotion_point_radius - 1.5;
                    int x = (int) round (pt->x - area.origin.x + 28.0 * 96 / 72);
                    int y = (int) round (pt->y - area.origin.y + 28.0 * 96 / 72);
                    int hits = 0;

                    /* Inside the sheet's box, clear of its edges. */
                    if (pt->x < area.origin.x + 10 || pt->x > area.origin.x + area.size.width - 10 ||
                        pt->y < area.origin.y + 10 || pt->y > area.origin.y + area.size.height - 10)
                      continue;

                    /* The disc, not the line through it: the line covers
                     * at most two of these four. */
                    hits += near_color (pixel_at (sheet, x + r, y), &curve->color);
                    hits += near_color (pixel_at (sheet, x - r, y), &curve->color);
                    hits += near_color (pixel_at (sheet, x, y + r), &curve->color);
                    hits += near_color (pixel_at (sheet, x, y - r), &curve->color);
                    if (hits < 3)
                      {
                        g_test_message ("sheet row %d column %d: no emotion point at map (%.0f, %.0f)",
                                        row + 1, column + 1, pt->x, pt->y);
                        g_test_fail ();
                      }
                    checked++;
                  }
              }
          }
        cairo_surface_destroy (sheet);
      }
  g_test_message ("%u emotion points found on %d sheets", checked, columns * rows);
  g_assert_cmpuint (checked, >=, 7);
}

static void
test_pdf_template (gconstpointer data)
{
  g_autoptr(TrailDocument) doc = load_template (data);

  check_pdf (doc, data, TRAIL_PAPER_NONE);
}

static void
test_pdf_paper (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();

  check_pdf (doc, "sample-a4", TRAIL_PAPER_A4);
}

/* ---- Hostile text ------------------------------------------------------- */

typedef struct
{
  GString   *current;   /* text of the <text> being read, or NULL */
  GPtrArray *texts;
  gboolean   in_title;
  GString   *title;
  gboolean   has_rtl_run;
  gboolean   in_text_group; /* a mixed-direction line: one <text> per run in a <g class="text"> */
} SvgScan;

static void
scan_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  SvgScan *scan = user_data;
  static const char * const forbidden[] = {
    "script", "foreignObject", "iframe", "object", "embed", "audio", "video",
    "animate", "set", "handler", "listener", NULL
  };

  if (g_strv_contains (forbidden, element))
    g_error ("SVG holds a <%s> element", element);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (names[i], "on", 2) == 0)
        g_error ("SVG holds an event attribute %s on <%s>", names[i], element);
      if (g_str_equal (names[i], "href") || g_str_equal (names[i], "xlink:href"))
        if (values[i][0] != '#' && !g_str_has_prefix (values[i], "data:image/png;base64,"))
          g_error ("SVG refers outside itself: %s=\"%.40s\"", names[i], values[i]);
      if (strstr (values[i], "url(") != NULL && strstr (values[i], "url(#") == NULL)
        g_error ("SVG refers outside itself: %s", values[i]);
      if (g_str_equal (names[i], "direction") && g_str_equal (values[i], "rtl"))
        scan->has_rtl_run = TRUE;
    }

  if (g_str_equal (element, "g"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "class") && g_str_equal (values[i], "text"))
          {
            scan->in_text_group = TRUE;
            scan->current = g_string_new (NULL);
          }
    }
  else if (g_str_equal (element, "text") && !scan->in_text_group)
    scan->current = g_string_new (NULL);
  else if (g_str_equal (element, "title"))
    scan->in_title = TRUE;
}

static void
scan_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  SvgScan *scan = user_data;

  if ((g_str_equal (element, "text") && !scan->in_text_group && scan->current != NULL) ||
      (g_str_equal (element, "g") && scan->in_text_group))
    {
      scan->in_text_group = FALSE;
      g_ptr_array_add (scan->texts, g_string_free (scan->current, FALSE));
      scan->current = NULL;
    }
  else if (g_str_equal (element, "title"))
    scan->in_title = FALSE;
}

static void
scan_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 len,
           gpointer              user_data,
           GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->current != NULL)
    g_string_append_len (scan->current, text, len);
  if (scan->in_title)
    g_string_append_len (scan->title, text, len);
}

/* What a reader sees of @text: no control characters, no bidi controls. */
static char *
visible (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
          (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
sorted_letters (const char *text)
{
  glong n = 0;
  gunichar *chars = g_utf8_to_ucs4_fast (text, -1, &n);
  GString *out = g_string_new (NULL);

  for (glong i = 1; i < n; i++)
    for (glong j = i; j > 0 && chars[j - 1] > chars[j]; j--)
      {
        gunichar t = chars[j];
        chars[j] = chars[j - 1];
        chars[j - 1] = t;
      }
  for (glong i = 0; i < n; i++)
    if (!g_unichar_isspace (chars[i]))
      g_string_append_unichar (out, chars[i]);
  g_free (chars);

  return g_string_free (out, FALSE);
}

static gboolean
same_letters (const char *a,
              const char *b)
{
  g_autofree char *sa = sorted_letters (a);
  g_autofree char *sb = sorted_letters (b);

  return g_str_equal (sa, sb);
}

static void
test_hostile (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_hostile ();
  TrailExportOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg_path = scratch_path ("hostile.svg");
  g_autofree char *pdf_path = scratch_path ("hostile.pdf");
  g_autofree char *pdf_text = NULL;
  const char *xmllint[] = { "xmllint", "--noout", "--nonet", svg_path, NULL };
  const char *pdftotext[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf_path, "-", NULL };
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  SvgScan scan = { NULL, g_ptr_array_new_with_free_func (g_free), FALSE, g_string_new (NULL), FALSE, FALSE };
  RsvgHandle *handle;

  trail_export_options_init (&options);

  /* PNG */
  png = export_bytes (doc, &options);
  cairo_surface_destroy (decode_png (png));

  /* SVG: well-formed, inert, and the text is there as text. */
  options.format = TRAIL_EXPORT_SVG;
  svg = export_bytes (doc, &options);
  save_bytes (svg_path, svg);
  if (have_program ("xmllint"))
    g_assert_true (run (xmllint, NULL, NULL));

  g_assert_null (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<script"));
  g_assert_null (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<!ENTITY"));

  context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (scan.title->str, ==, trail_document_get_title (doc));
  g_assert_true (scan.has_rtl_run);
  for (guint i = 0; render_fixture_hostile_texts[i] != NULL; i++)
    {
      g_autofree char *want = visible (render_fixture_hostile_texts[i]);
      gboolean found = FALSE;

      /* Runs come in visual order, so a right-to-left string is whole but
       * not in logical order: compare its letters then. */
      for (guint j = 0; j < scan.texts->len && !found; j++)
        found = strstr (scan.texts->pdata[j], want) != NULL || same_letters (scan.texts->pdata[j], want);
      if (!found)
        {
          g_test_message ("hostile text “%s” not found as SVG text", want);
          g_test_fail ();
        }
    }

  handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error);
  g_assert_no_error (error);
  g_object_unref (handle);

  /* PDF: the text is extractable as written. */
  options.format = TRAIL_EXPORT_PDF;
  pdf = export_bytes (doc, &options);
  save_bytes (pdf_path, pdf);
  if (have_program ("pdftotext"))
    {
      g_assert_true (run (pdftotext, &pdf_text, NULL));
      g_assert_nonnull (strstr (pdf_text, "alert(1)"));
      g_assert_nonnull (strstr (pdf_text, "<b>not bold</b>"));
    }

  g_ptr_array_unref (scan.texts);
  g_string_free (scan.title, TRUE);
}

/* ---- Layout ------------------------------------------------------------- */

static void
assert_same_geometry (TrailLayout *a,
                      TrailLayout *b)
{
  TrailDocument *doc = trail_layout_get_document (a);
  GListModel *cards = trail_document_get_cards (doc);
  GPtrArray *la = trail_layout_get_lanes (a);
  GPtrArray *lb = trail_layout_get_lanes (b);

  g_assert_cmpfloat (trail_layout_get_width (a), ==, trail_layout_get_width (b));
  g_assert_cmpfloat (trail_layout_get_height (a), ==, trail_layout_get_height (b));
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    g_assert_true (graphene_rect_equal (&((TrailLayoutItem *) la->pdata[i])->bounds,
                                        &((TrailLayoutItem *) lb->pdata[i])->bounds));

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
      const TrailLayoutItem *ia = trail_layout_find (a, card);
      const TrailLayoutItem *ib = trail_layout_find (b, card);

      /* Both leave out the same cards (a filter's hidden personas). */
      g_assert_true ((ia == NULL) == (ib == NULL));
      if (ia != NULL)
        g_assert_true (graphene_rect_equal (&ia->bounds, &ib->bounds));
    }

  /* What a card's change only moves (the emotions plot, the legend) is
   * where a fresh layout puts it, text and all. */
  for (guint i = 0; i < la->len; i++)
    {
      TrailLayoutEmotions *ea = ((TrailLayoutLane *) la->pdata[i])->emotions;
      TrailLayoutEmotions *eb = ((TrailLayoutLane *) lb->pdata[i])->emotions;

      g_assert_true ((ea == NULL) == (eb == NULL));
      if (ea == NULL)
        continue;
      g_assert_true (graphene_rect_equal (&ea->item.bounds, &eb->item.bounds));
      g_assert_true (graphene_rect_equal (&ea->plot, &eb->plot));
      g_assert_cmpuint (ea->scale_y->len, ==, eb->scale_y->len);
      for (guint j = 0; j < ea->scale_y->len; j++)
        g_assert_cmpfloat (g_array_index (ea->scale_y, float, j), ==, g_array_index (eb->scale_y, float, j));
      g_assert_cmpuint (ea->scale_labels->len, ==, eb->scale_labels->len);
      for (guint j = 0; j < ea->scale_labels->len; j++)
        g_assert_true (graphene_point_equal (&((TrailText *) ea->scale_labels->pdata[j])->pos,
                                             &((TrailText *) eb->scale_labels->pdata[j])->pos));
      g_assert_cmpuint (ea->curves->len, ==, eb->curves->len);
      for (guint j = 0; j < ea->curves->len; j++)
        {
          TrailEmotionCurve *ca = ea->curves->pdata[j];
          TrailEmotionCurve *cb = eb->curves->pdata[j];

          g_assert_cmpuint (ca->points->len, ==, cb->points->len);
          for (guint k = 0; k < ca->points->len; k++)
            g_assert_true (graphene_point_equal (&g_array_index (ca->points, graphene_point_t, k),
                                                 &g_array_index (cb->points, graphene_point_t, k)));
          g_assert_cmpuint (ca->notes->len, ==, cb->notes->len);
          for (guint k = 0; k < ca->notes->len; k++)
            g_assert_true (graphene_point_equal (&((TrailText *) ca->notes->pdata[k])->pos,
                                                 &((TrailText *) cb->notes->pdata[k])->pos));
        }
      g_assert_cmpuint (ea->measured->len, ==, eb->measured->len);
      for (guint j = 0; j < ea->measured->len; j++)
        {
          TrailMeasuredCurve *ma = ea->measured->pdata[j];
          TrailMeasuredCurve *mb = eb->measured->pdata[j];

          g_assert_cmpuint (ma->points->len, ==, mb->points->len);
          for (guint k = 0; k < ma->points->len; k++)
            {
              g_assert_true (graphene_point_equal (&g_array_index (ma->points, graphene_point_t, k),
                                                   &g_array_index (mb->points, graphene_point_t, k)));
              g_assert_cmpfloat (g_array_index (ma->band_top, float, k), ==, g_array_index (mb->band_top, float, k));
              g_assert_cmpfloat (g_array_index (ma->band_bottom, float, k), ==, g_array_index (mb->band_bottom, float, k));
            }
          g_assert_cmpuint (ma->labels->len, ==, mb->labels->len);
          for (guint k = 0; k < ma->labels->len; k++)
            g_assert_true (graphene_point_equal (&((TrailText *) ma->labels->pdata[k])->pos,
                                                 &((TrailText *) mb->labels->pdata[k])->pos));
        }
    }

  {
    const TrailLayoutLegend *ga = trail_layout_get_legend (a);
    const TrailLayoutLegend *gb = trail_layout_get_legend (b);

    g_assert_true ((ga == NULL) == (gb == NULL));
    if (ga != NULL)
      {
        g_assert_true (graphene_rect_equal (&ga->item.bounds, &gb->item.bounds));
        g_assert_cmpuint (ga->headings->len, ==, gb->headings->len);
        for (guint j = 0; j < ga->headings->len; j++)
          g_assert_true (graphene_point_equal (&((TrailText *) ga->headings->pdata[j])->pos,
                                               &((TrailText *) gb->headings->pdata[j])->pos));
        g_assert_cmpuint (ga->entries->len, ==, gb->entries->len);
        for (guint j = 0; j < ga->entries->len; j++)
          {
            TrailLegendEntry *xa = &g_array_index (ga->entries, TrailLegendEntry, j);
            TrailLegendEntry *xb = &g_array_index (gb->entries, TrailLegendEntry, j);

            g_assert_true (graphene_rect_equal (&xa->swatch, &xb->swatch));
            g_assert_true (graphene_point_equal (&xa->label.pos, &xb->label.pos));
            g_assert_cmpstr (pango_layout_get_text (xa->label.layout), ==, pango_layout_get_text (xb->label.layout));
          }
      }
  }
}

static gboolean incremental_full;

static void
on_changed (TrailDocument    *doc,
            TrailChangeFlags  what,
            GObject          *object,
            TrailLayout      *layout)
{
  graphene_rect_t damage;

  trail_layout_update (layout, what, object, &damage);
  if (damage.size.width >= trail_layout_get_width (layout) && damage.origin.y == 0)
    incremental_full = TRUE;
}

static void
test_layout_incremental (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  g_autoptr(TrailCard) first = g_list_model_get_item (trail_document_get_cards (doc), 0);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 1);
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 2);
  TrailCard *added;

  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), layout);

  incremental_full = FALSE;
  trail_document_update (doc, first, "text",
                         "A much longer text that needs several lines in its card, so the row grows", NULL);
  g_assert_false (incremental_full);
  {
    g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);
    assert_same_geometry (layout, fresh);
  }

  trail_document_update (doc, first, "votes", 12, "evidence", TRAIL_EVIDENCE_ASSUMED, NULL);
  added = trail_document_add_card (doc, lane, stage, 0, "Added on the fly");
  trail_document_move_card (doc, first, lane, stage, 1);
  g_assert_false (incremental_full);
  {
    g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);
    assert_same_geometry (layout, fresh);
  }

  trail_document_remove_card (doc, added);
  trail_document_undo (doc);
  trail_document_undo (doc);
  {
    g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);
    assert_same_geometry (layout, fresh);
  }

  /* A burst of cards from a workshop's room into a lane above the
   * emotions: the first brings "proposed" to the legend, the rest bring
   * nothing new, so the plot and the legend are only moved down. */
  {
    g_autoptr(TrailLane) top = g_list_model_get_item (trail_document_get_lanes (doc), 0);

    /* With the crowd's line in the plot: its marks, bands and counts move
     * too. */
    g_assert_true (trail_document_rate_stage (doc, stage, "p-ada", "Ada", 1, NULL, NULL));
    g_assert_true (trail_document_rate_stage (doc, stage, "p-bo", "Bo", -1, "slow", NULL));
    incremental_full = FALSE;
    for (guint i = 0; i < 12; i++)
      {
        g_autofree char *text = g_strdup_printf ("From the room %u, with a few words to wrap", i);

        trail_document_add_card_with (doc, top, stage, -1, "Card from Ada", "text", text,
                                      "evidence", TRAIL_EVIDENCE_PROPOSED, NULL);
        if (i == 0 || i == 11)
          {
            g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);
            assert_same_geometry (layout, fresh);
          }
      }
    g_assert_false (incremental_full);
    trail_document_undo (doc);
    {
      g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);
      assert_same_geometry (layout, fresh);
    }
  }

  g_signal_handlers_disconnect_by_func (doc, on_changed, layout);

  /* Cards added at the end of their cells are appended, not the cell
   * filled again: with a persona filter, a card of a hidden persona stays
   * out and one of a shown persona comes in, in an empty cell as in a
   * full one, and the geometry is a fresh layout's. */
  {
    g_autoptr(TrailPersona) anna = g_list_model_get_item (trail_document_get_personas (doc), 0);
    g_autoptr(TrailPersona) ben = g_list_model_get_item (trail_document_get_personas (doc), 1);
    g_autoptr(TrailLayout) filtered = trail_layout_new (doc, style);
    g_autoptr(TrailStage) last = g_list_model_get_item (trail_document_get_stages (doc),
                                                        g_list_model_get_n_items (trail_document_get_stages (doc)) - 1);
    TrailStage *added_stage = trail_document_add_stage (doc, -1, "Added late");
    char *shown[] = { (char *) trail_persona_get_id (anna), NULL };
    TrailLayoutFilter filter = { NULL, NULL, shown };

    trail_layout_set_filter (filtered, &filter);
    g_signal_connect (doc, "changed", G_CALLBACK (on_changed), filtered);
    incremental_full = FALSE;
    for (guint i = 0; i < 6; i++)
      {
        g_autofree char *text = g_strdup_printf ("Appended %u", i);
        TrailStage *where = i % 2 == 0 ? added_stage : last;
        const char *tags[] = { trail_persona_get_id (i % 3 == 0 ? ben : anna), NULL };

        TrailCard *card = trail_document_add_card_with (doc, lane, where, -1, "Card from Bo", "text", text,
                                                        "persona-tags", tags, NULL);

        g_assert_true ((trail_layout_find (filtered, card) == NULL) == (i % 3 == 0));
        {
          g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);

          trail_layout_set_filter (fresh, &filter);
          assert_same_geometry (filtered, fresh);
        }
      }
    g_assert_false (incremental_full);
    g_signal_handlers_disconnect_by_func (doc, on_changed, filtered);
  }
}

static void
test_layout_query (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_large (600);
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  GListModel *cards = trail_document_get_cards (doc);
  const graphene_rect_t rects[] = {
    GRAPHENE_RECT_INIT (0, 0, 500, 500),
    GRAPHENE_RECT_INIT (900, 700, 640, 480),
    GRAPHENE_RECT_INIT (2000, 1500, 10, 10),
    GRAPHENE_RECT_INIT (-100, -100, 100000, 100000),
  };

  for (guint r = 0; r < G_N_ELEMENTS (rects); r++)
    {
      g_autoptr(GPtrArray) found = trail_layout_query (layout, &rects[r], TRAIL_LAYOUT_ITEM_CARD);
      guint expected = 0;

      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
          const TrailLayoutItem *item = trail_layout_find (layout, card);

          if (graphene_rect_intersection (&item->bounds, &rects[r], NULL))
            expected++;
        }
      g_assert_cmpuint (found->len, ==, expected);
    }

  /* Picking finds the card under a point, and the drop target its cell. */
  {
    g_autoptr(TrailCard) card = g_list_model_get_item (cards, 7);
    const TrailLayoutItem *item = trail_layout_find (layout, card);
    const TrailLayoutItem *picked;
    TrailLane *lane = NULL;
    TrailStage *stage = NULL;
    guint index = 99;

    picked = trail_layout_pick (layout, item->bounds.origin.x + 5, item->bounds.origin.y + 5, TRAIL_LAYOUT_ITEM_CARD);
    g_assert_true (picked == item);
    g_assert_true (trail_layout_get_drop_target (layout, item->bounds.origin.x + 5, item->bounds.origin.y + 1,
                                                 &lane, &stage, &index));
    g_assert_cmpstr (trail_lane_get_id (lane), ==, trail_card_get_lane_id (card));
    g_assert_cmpstr (trail_stage_get_id (stage), ==, trail_card_get_stage_id (card));
    g_assert_cmpuint (index, ==, trail_document_get_card_index (doc, card));
  }
}

static void
test_layout_large (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_large (10000);
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, trail_layout_get_width (layout), trail_layout_get_height (layout));
  g_autoptr(GPtrArray) cards = trail_layout_query (layout, &all, TRAIL_LAYOUT_ITEM_CARD);
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t view = GRAPHENE_RECT_INIT (4000, 800, 1600, 1000);

  g_assert_cmpuint (cards->len, ==, 10000);
  g_assert_cmpuint (trail_layout_get_stages (layout)->len, >=, 200);

  /* A viewport's worth of nodes, not the whole map's. */
  node = trail_painter_render_map (layout, &view, TRAIL_PAINT_DEFAULT);
  g_assert_nonnull (node);
}

static void
test_layout_deterministic (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  TrailExportOptions options;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  trail_export_options_init (&options);
  a = export_bytes (doc, &options);
  b = export_bytes (doc, &options);
  g_assert_true (g_bytes_equal (a, b));
}

static void
test_layout_text_fits (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_hostile ();
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  GListModel *cards = trail_document_get_cards (doc);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
      const TrailLayoutCard *c = (const TrailLayoutCard *) trail_layout_find (layout, card);
      PangoRectangle ink, logical;

      g_assert_nonnull (c);
      pango_layout_get_pixel_extents (c->text.layout, &ink, &logical);
      /* The text block stays inside the card, and the 10,000-letter word
       * is cut short rather than making a card the height of a building. */
      g_assert_cmpfloat (c->text.pos.x + logical.x + logical.width, <=, c->item.bounds.size.width);
      g_assert_cmpfloat (c->text.pos.y + logical.y + logical.height, <=, c->item.bounds.size.height);
      g_assert_cmpfloat (c->item.bounds.size.height, <, 260);
      if (strlen (trail_card_get_text (card)) > 5000)
        g_assert_true (c->ellipsized);
    }
}

static void
test_filter (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailLayout) all = NULL;
  g_autoptr(TrailLayout) some = NULL;
  TrailExportOptions options;
  char *stages[] = { (char *) "awareness", (char *) "Purchase", NULL };
  char *unknown[] = { (char *) "No such stage", NULL };
  char *personas[] = { (char *) "Ben Okafor", NULL };

  trail_export_options_init (&options);
  all = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);

  options.stages = stages;
  options.personas = personas;
  some = trail_export_make_layout (doc, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail_layout_get_stages (some)->len, ==, 2);
  g_assert_cmpfloat (trail_layout_get_width (some), <=, trail_layout_get_width (all));
  /* Cards tagged only for Anna are gone; untagged ones stay. */
  {
    GListModel *cards = trail_document_get_cards (doc);
    g_autoptr(TrailCard) anna_only = g_list_model_get_item (cards, 0);
    g_assert_null (trail_layout_find (some, anna_only));
  }

  options.personas = NULL;
  options.stages = unknown;
  g_assert_null (trail_export_make_layout (doc, &options, &error));
  g_assert_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_UNKNOWN_NAME);
  g_assert_nonnull (strstr (error->message, "No such stage"));
}

static void
test_export_file_atomic (void)
{
  g_autoptr(TrailDocument) doc = render_fixture_sample ();
  g_autofree char *path = scratch_path ("keep.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  TrailExportOptions options;
  char *unknown[] = { (char *) "nope", NULL };

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  trail_export_options_init (&options);
  options.stages = unknown;
  g_assert_false (trail_export_to_file (doc, &options, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_error (&error);

  options.stages = NULL;
  g_assert_true (trail_export_to_file (doc, &options, file, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) templates = NULL;
  gboolean cjk_fonts = FALSE;

  /* Everything here must work with no display at all. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  /* Pinned fonts (fonts.conf.in), before fontconfig first loads;
   * --cjk-fonts: those and Noto Sans CJK (the render-cjk test). */
  if (argc > 1 && g_str_equal (argv[1], "--cjk-fonts"))
    {
      cjk_fonts = TRUE;
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  if (g_getenv ("TRAILMAP_TEST_SYSTEM_FONTS") == NULL)
    g_setenv ("FONTCONFIG_FILE", cjk_fonts ? RENDER_CJK_FONTS_CONF : RENDER_FONTS_CONF, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/headless", test_headless);
  g_test_add_func ("/render/style/action-badge-contrast", test_action_badge_contrast);

  templates = list_templates ();
  g_assert_cmpuint (templates->len, >, 0);
  for (guint i = 0; i < templates->len; i++)
    {
      const char *name = templates->pdata[i];
      g_autofree char *golden = g_strdup_printf ("/render/golden/%s", name);
      g_autofree char *svg = g_strdup_printf ("/render/svg/%s", name);
      g_autofree char *pdf = g_strdup_printf ("/render/pdf/%s", name);
      g_autofree char *paths = g_strdup_printf ("/render/svg/text-to-path/%s", name);

      g_test_add_data_func (golden, name, test_golden_template);
      g_test_add_data_func (svg, name, test_svg_template);
      g_test_add_data_func (pdf, name, test_pdf_template);
      g_test_add_data_func (paths, name, test_svg_text_to_path_template);
    }
  g_test_add_func ("/render/golden/coffee-maker-dark", test_golden_dark);
  g_test_add_func ("/render/golden/sample-photo-personas", test_golden_sample);
  g_test_add_func ("/render/svg/sample", test_svg_sample);
  g_test_add_func ("/render/svg/ids-and-text", test_svg_ids);
  g_test_add_func ("/render/svg/text-to-path", test_svg_text_to_path);
  g_test_add_func ("/render/svg/stage-groups", test_svg_stage_groups);
  g_test_add_func ("/render/svg/embedded-fonts", test_svg_embedded_fonts);
  g_test_add_func ("/render/svg/bidi", test_svg_bidi);
  g_test_add_func ("/render/svg/bidi-inkscape", test_svg_bidi_inkscape);
  g_test_add_func ("/render/pdf/paper-a4", test_pdf_paper);
  g_test_add_func ("/render/pdf/text-as-written", test_pdf_text_as_written);
  g_test_add_func ("/render/pdf/cjk-as-written", test_pdf_cjk_as_written);
  g_test_add_func ("/render/pdf/poster", test_pdf_poster);
  g_test_add_func ("/render/png/sizes", test_png_sizes);
  g_test_add_func ("/render/png/fit-box", test_fit_box);
  g_test_add_func ("/render/png/transparent-for-dark", test_transparent_for_dark);
  g_test_add_func ("/render/slides/twelve-stages", test_slides_twelve);
  g_test_add_func ("/render/png/transparent", test_png_transparent);
  g_test_add_func ("/render/png/tiles", test_png_tiles);
  g_test_add_func ("/render/hostile", test_hostile);
  g_test_add_func ("/render/layout/incremental", test_layout_incremental);
  g_test_add_func ("/render/layout/query", test_layout_query);
  g_test_add_func ("/render/layout/10000-cards", test_layout_large);
  g_test_add_func ("/render/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/render/layout/text-fits", test_layout_text_fits);
  g_test_add_func ("/render/layout/legend-wraps", test_layout_legend_wraps);
  g_test_add_func ("/render/filter", test_filter);
  g_test_add_func ("/render/export/atomic", test_export_file_atomic);

  return g_test_run ();
}

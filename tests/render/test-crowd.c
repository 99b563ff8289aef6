/* test-crowd.c — the crowd's emotion line (stage ratings) in the emotions
 * lane: its layout and where it goes, a golden image, and every export read
 * back by an independent reader (librsvg for SVG, pdftotext for PDF, the
 * HTML's inline SVG).
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#include "render-golden.h"
#include "trail-export.h"
#include "trail-layout-private.h"
#include "trail-layout.h"

#define GOLDEN_CHANNEL_TOLERANCE 24
#define GOLDEN_MAX_DIFFERING     0.002
/* librsvg and cairo antialias text differently. */
#define SVG_CHANNEL_TOLERANCE    64
#define SVG_MAX_DIFFERING        0.02

static const char *
source_root (void)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");
  return root != NULL ? root : SOURCE_ROOT;
}

/* Four stages, two personas, ratings on three of the stages: 5, 7 and 3 of
 * them (tests/ui/data/crowd-ratings.trailmap, which the UI test opens too). */
static TrailDocument *
load_map (void)
{
  g_autofree char *path = g_build_filename (source_root (), "tests", "ui", "data", "crowd-ratings.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static const TrailLayoutEmotions *
find_emotions (TrailLayout *layout,
               TrailLane   *lane)
{
  g_autoptr(GPtrArray) items = NULL;
  graphene_rect_t all;

  trail_layout_get_bounds (layout, &all);
  items = trail_layout_query (layout, &all, TRAIL_LAYOUT_ITEM_EMOTIONS);
  for (guint i = 0; i < items->len; i++)
    {
      const TrailLayoutItem *item = items->pdata[i];

      if (item->object == lane)
        return (const TrailLayoutEmotions *) item;
    }
  return NULL;
}

static const TrailMeasuredCurve *
find_crowd (const TrailLayoutEmotions *e)
{
  const TrailMeasuredCurve *found = NULL;

  for (guint i = 0; e != NULL && i < e->measured->len; i++)
    if (((TrailMeasuredCurve *) e->measured->pdata[i])->crowd)
      {
        g_assert_null (found);
        found = e->measured->pdata[i];
      }
  return found;
}

static void
assert_labels (const TrailMeasuredCurve *m,
               const char * const       *expected)
{
  g_assert_cmpuint (m->labels->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (pango_layout_get_text (((TrailText *) m->labels->pdata[i])->layout), ==, expected[i]);
}

static void
test_layout (void)
{
  g_autoptr(TrailDocument) doc = load_map ();
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  TrailLane *lane = trail_document_find_lane (doc, "l2");
  const TrailLayoutEmotions *e = find_emotions (layout, lane);
  const TrailMeasuredCurve *m = find_crowd (e);
  const char * const counts[] = { "n = 5", "n = 7", "n = 3", NULL };
  const graphene_point_t *pts;
  TrailLane *persona_lane;

  g_assert_nonnull (m);
  g_assert_null (m->survey);
  g_assert_null (m->persona);
  g_assert_true (m->band);
  g_assert_true (gdk_rgba_equal (&m->color, &style->crowd_line));
  g_assert_cmpuint (m->points->len, ==, 3);
  assert_labels (m, counts);
  pts = (const graphene_point_t *) m->points->data;
  /* The means: 1.2, −1, 5/3; the third is in the third stage's middle. */
  g_assert_cmpfloat_with_epsilon (pts[0].y, trail_layout_emotion_y_for_score (&e->item, 1.2), 0.01);
  g_assert_cmpfloat_with_epsilon (pts[1].y, trail_layout_emotion_y_for_score (&e->item, -1.0), 0.01);
  g_assert_cmpfloat_with_epsilon (pts[2].y, trail_layout_emotion_y_for_score (&e->item, 5.0 / 3), 0.01);
  g_assert_cmpfloat (pts[0].x, <, pts[1].x);
  g_assert_cmpfloat (pts[1].x, <, pts[2].x);
  /* The band is the scale's top at most (1.2 + 0.837 clamps to 2). */
  g_assert_cmpfloat_with_epsilon (g_array_index (m->band_top, float, 0),
                                  trail_layout_emotion_y_for_score (&e->item, 2.0), 0.01);
  /* Each count sits beside its mark. */
  for (guint i = 0; i < 3; i++)
    {
      const TrailText *label = m->labels->pdata[i];
      int height;

      pango_layout_get_pixel_size (label->layout, NULL, &height);
      g_assert_cmpfloat (label->pos.x, >, pts[i].x);
      g_assert_cmpfloat (label->pos.x, <, pts[i].x + 30);
      g_assert_cmpfloat (fabsf (label->pos.y + height / 2.0f - pts[i].y), <, 2);
    }

  /* The median: 1, −1, 2. */
  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEDIAN);
  trail_layout_update (layout, TRAIL_CHANGE_META | TRAIL_CHANGE_RATINGS, G_OBJECT (doc), NULL);
  e = find_emotions (layout, lane);
  m = find_crowd (e);
  pts = (const graphene_point_t *) m->points->data;
  g_assert_cmpfloat_with_epsilon (pts[0].y, trail_layout_emotion_y_for_score (&e->item, 1.0), 0.01);
  g_assert_cmpfloat_with_epsilon (pts[2].y, trail_layout_emotion_y_for_score (&e->item, 2.0), 0.01);

  /* A new rating on the fourth stage adds its mark (the update that a
   * room's rating makes: the emotions lanes only). */
  g_assert_true (trail_document_rate_stage (doc, trail_document_find_stage (doc, "s4"), "zoe", "Zoë", -2, NULL, NULL));
  trail_layout_update (layout, TRAIL_CHANGE_RATINGS, NULL, NULL);
  m = find_crowd (find_emotions (layout, lane));
  g_assert_cmpuint (m->points->len, ==, 4);
  g_assert_cmpstr (pango_layout_get_text (((TrailText *) m->labels->pdata[3])->layout), ==, "n = 1");
  /* The same as a layout made afresh. */
  {
    g_autoptr(TrailLayout) fresh = trail_layout_new (doc, style);
    const TrailMeasuredCurve *f = find_crowd (find_emotions (fresh, lane));

    g_assert_cmpuint (f->points->len, ==, m->points->len);
    for (guint i = 0; i < f->points->len; i++)
      {
        g_assert_cmpfloat (g_array_index (f->points, graphene_point_t, i).x, ==, g_array_index (m->points, graphene_point_t, i).x);
        g_assert_cmpfloat (g_array_index (f->points, graphene_point_t, i).y, ==, g_array_index (m->points, graphene_point_t, i).y);
        g_assert_cmpfloat (g_array_index (f->band_top, float, i), ==, g_array_index (m->band_top, float, i));
        g_assert_cmpfloat (g_array_index (f->band_bottom, float, i), ==, g_array_index (m->band_bottom, float, i));
      }
  }

  /* A persona's own emotions lane above does not take the line: the lane
   * for everyone keeps it. */
  persona_lane = trail_document_add_lane (doc, 0, TRAIL_LANE_KIND_EMOTIONS, "Ana feels");
  trail_document_update (doc, persona_lane, "persona-id", "p1", NULL);
  trail_layout_update (layout, TRAIL_CHANGE_LANES, G_OBJECT (persona_lane), NULL);
  g_assert_null (find_crowd (find_emotions (layout, persona_lane)));
  g_assert_nonnull (find_crowd (find_emotions (layout, lane)));

  /* Without a lane for everyone, the first emotions lane shows it. */
  trail_document_update (doc, lane, "hidden", TRUE, NULL);
  trail_layout_update (layout, TRAIL_CHANGE_LANES, G_OBJECT (lane), NULL);
  g_assert_nonnull (find_crowd (find_emotions (layout, persona_lane)));

  /* No ratings, no line. */
  trail_document_update (doc, lane, "hidden", FALSE, NULL);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      trail_document_clear_stage_ratings (doc, trail_document_find_stage (doc, id));
    }
  trail_layout_update (layout, TRAIL_CHANGE_RATINGS, NULL, NULL);
  g_assert_null (find_crowd (find_emotions (layout, lane)));
}

static GBytes *
export (TrailDocument     *doc,
        const char        *lane_id,
        TrailExportFormat  format)
{
  const char *lanes[] = { lane_id, NULL };
  TrailExportOptions options;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  trail_export_options_init (&options);
  options.format = format;
  if (lane_id != NULL)
    options.lanes = (char **) lanes;
  bytes = trail_export_to_bytes (doc, &options, &error);
  g_assert_no_error (error);
  return bytes;
}

/* The emotions lane alone against a golden image, so the picture is the
 * persona lines, the crowd's band, line, marks and counts. */
static void
test_golden (void)
{
  g_autoptr(TrailDocument) doc = load_map ();
  g_autoptr(GBytes) png = export (doc, "l2", TRAIL_EXPORT_PNG);
  cairo_surface_t *expected = render_golden_expected (source_root (), "crowd-emotions.png", png);
  g_autoptr(GBytes) without = NULL;
  cairo_surface_t *actual;
  gboolean same;

  if (expected == NULL)
    return;
  actual = render_golden_decode_png (png);
  same = render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING, "crowd-emotions");
  cairo_surface_destroy (actual);
  g_assert_true (same);

  /* Not the same picture without the ratings of one stage: the check
   * means something. */
  trail_document_clear_stage_ratings (doc, trail_document_find_stage (doc, "s3"));
  without = export (doc, "l2", TRAIL_EXPORT_PNG);
  actual = render_golden_decode_png (without);
  g_assert_false (render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING,
                                         "crowd-emotions-without"));
  cairo_surface_destroy (actual);
  cairo_surface_destroy (expected);
}

static cairo_surface_t *
render_svg (GBytes *svg)
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
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  viewport = (RsvgRectangle) { 0, 0, w, h };
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_object_unref (handle);
  return surface;
}

/* The whole map as SVG: librsvg's picture matches the PNG (the canvas's
 * painter), and the crowd's groups and counts are there as elements and
 * text. The HTML page carries the same SVG. */
static void
test_svg_and_html (void)
{
  g_autoptr(TrailDocument) doc = load_map ();
  g_autoptr(GBytes) svg = export (doc, NULL, TRAIL_EXPORT_SVG);
  g_autoptr(GBytes) png = export (doc, NULL, TRAIL_EXPORT_PNG);
  g_autoptr(GBytes) html = export (doc, NULL, TRAIL_EXPORT_HTML);
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_autofree char *page = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  cairo_surface_t *theirs, *ours;
  gboolean same;

  for (guint i = 0; i < 2; i++)
    {
      const char *doc_text = i == 0 ? text : page;

      g_assert_nonnull (strstr (doc_text, "<g id=\"crowd-band\" class=\"crowd\">"));
      g_assert_nonnull (strstr (doc_text, "<g id=\"crowd-line\" class=\"crowd\">"));
      g_assert_nonnull (strstr (doc_text, ">n = 5<"));
      g_assert_nonnull (strstr (doc_text, ">n = 7<"));
      g_assert_nonnull (strstr (doc_text, ">n = 3<"));
      g_assert_nonnull (strstr (doc_text, ">Crowd ratings (mean ± 1 SD)<"));
    }

  theirs = render_svg (svg);
  ours = render_golden_decode_png (png);
  same = render_golden_similar (theirs, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "crowd-svg");
  cairo_surface_destroy (theirs);
  cairo_surface_destroy (ours);
  g_assert_true (same);
}

/* The PDF's text, as poppler's pdftotext reads it, with runs of spaces
 * taken out (it spaces glyphs as it likes). */
static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GString *squeezed;
  int status;

  if (pdftotext == NULL)
    return NULL;
  dir = g_dir_make_tmp ("trailmap-crowd-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "map.pdf", NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { pdftotext, path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (path);
  g_rmdir (dir);

  squeezed = g_string_new (NULL);
  for (const char *p = out; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (squeezed, *p);
  return g_string_free (squeezed, FALSE);
}

static void
test_pdf (void)
{
  g_autoptr(TrailDocument) doc = load_map ();
  g_autoptr(GBytes) pdf = export (doc, NULL, TRAIL_EXPORT_PDF);
  g_autofree char *text = pdf_text (pdf);

  if (text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "n=5"));
  g_assert_nonnull (strstr (text, "n=7"));
  g_assert_nonnull (strstr (text, "n=3"));
  g_assert_nonnull (strstr (text, "Crowdratings(mean±1SD)"));

  /* The median is what the legend says after the setting changes. */
  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEDIAN);
  g_clear_pointer (&pdf, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  pdf = export (doc, NULL, TRAIL_EXPORT_PDF);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Crowdratings(median,quartiles)"));
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  if (g_getenv ("TRAILMAP_TEST_SYSTEM_FONTS") == NULL)
    g_setenv ("FONTCONFIG_FILE", RENDER_FONTS_CONF, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/crowd/layout", test_layout);
  g_test_add_func ("/render/crowd/golden", test_golden);
  g_test_add_func ("/render/crowd/svg-and-html", test_svg_and_html);
  g_test_add_func ("/render/crowd/pdf", test_pdf);

  return g_test_run ();
}

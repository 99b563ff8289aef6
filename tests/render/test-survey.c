/* test-survey.c — a survey's measured emotion in the emotions lane, and a
 * metric card in the KPIs lane: the layout, golden images, and SVG against
 * PNG.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

/* Four stages, an emotions lane with a hand-drawn line for everyone, and
 * the German survey export (tests/model/csv) imported on −2…+2. */
static TrailDocument *
make_document (TrailLane   **emotions,
               TrailSurvey **survey,
               gboolean      band_sd)
{
  TrailDocument *doc = trail_document_new ();
  const char *names[] = { "Awareness", "Consideration", "Purchase", "Setup" };
  const double scores[] = { 1, -1, 2, -2 };
  g_autofree char *path = g_build_filename (source_root (), "tests", "model", "csv", "survey-de.csv", NULL);
  g_autoptr(TrailSurveyImport) import = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 6, 4, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  TrailEmotionLine *line;
  char *data;
  gsize len;

  trail_document_update (doc, doc, "title", "Survey", NULL);
  *emotions = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_EMOTIONS, "Emotions");
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_THOUGHTS, "Thoughts");
  line = trail_document_add_emotion_line (doc, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TrailStage *stage = trail_document_add_stage (doc, -1, names[i]);
      trail_document_add_emotion_point (doc, line, stage, 0.5, scores[i], NULL);
    }

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  csv = g_bytes_new_take (data, len);
  import = trail_survey_import_new (csv, "survey-de.csv", 0, &error);
  g_assert_no_error (error);
  trail_survey_import_set_band_sd (import, band_sd);
  *survey = trail_survey_import_apply (import, doc, when, &error);
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
  g_assert_not_reached ();
}

static void
test_layout (void)
{
  TrailLane *lane;
  TrailSurvey *survey;
  g_autoptr(TrailDocument) doc = make_document (&lane, &survey, FALSE);
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  const TrailLayoutEmotions *e = find_emotions (layout, lane);
  const TrailMeasuredCurve *m;
  const char *expected_n[] = { "n = 2", "n = 1", "n = 2", "n = 1" };
  /* Medians, quartiles of Awareness (8, 6,5 of 10 → 1.2, 0.6). */
  float median = trail_layout_emotion_y_for_score (&e->item, 0.9);
  float q1 = trail_layout_emotion_y_for_score (&e->item, 0.75);
  float q3 = trail_layout_emotion_y_for_score (&e->item, 1.05);

  g_assert_cmpuint (e->measured->len, ==, 1);
  m = e->measured->pdata[0];
  g_assert_true (m->survey == survey);
  g_assert_cmpuint (m->points->len, ==, 4);
  g_assert_cmpuint (m->labels->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (pango_layout_get_text (((TrailText *) m->labels->pdata[i])->layout), ==, expected_n[i]);

  g_assert_cmpfloat_with_epsilon (g_array_index (m->points, graphene_point_t, 0).y, median, 0.01);
  g_assert_cmpfloat_with_epsilon (g_array_index (m->band_top, float, 0), q3, 0.01);
  g_assert_cmpfloat_with_epsilon (g_array_index (m->band_bottom, float, 0), q1, 0.01);
  /* In stage order, left to right. */
  for (guint i = 1; i < 4; i++)
    g_assert_cmpfloat (g_array_index (m->points, graphene_point_t, i - 1).x, <,
                       g_array_index (m->points, graphene_point_t, i).x);

  /* ±1 SD instead: the line goes through the mean. */
  trail_document_update (doc, survey, "band", "sd", NULL);
  trail_layout_update (layout, TRAIL_CHANGE_SURVEYS, G_OBJECT (survey), NULL);
  e = find_emotions (layout, lane);
  m = e->measured->pdata[0];
  g_assert_cmpfloat_with_epsilon (g_array_index (m->band_top, float, 0),
                                  trail_layout_emotion_y_for_score (&e->item, 0.9 + 0.424), 0.01);

  /* A persona column adds each persona's line, without a band or n, beside
   * the line for everyone. */
  {
    g_autoptr(TrailSurveyImport) import = NULL;
    g_autofree char *path = g_build_filename (source_root (), "tests", "model", "csv", "survey-de.csv", NULL);
    g_autoptr(GBytes) csv = NULL;
    g_autoptr(GError) error = NULL;
    const TrailMeasuredCurve *persona_curve = NULL;
    TrailPersona *commuter;
    char *data;
    gsize len;

    commuter = trail_document_add_persona (doc, -1, "Commuter");
    g_file_get_contents (path, &data, &len, &error);
    g_assert_no_error (error);
    csv = g_bytes_new_take (data, len);
    import = trail_survey_import_new_refresh (csv, survey, &error);
    g_assert_no_error (error);
    trail_survey_import_set_column (import, TRAIL_SURVEY_COLUMN_PERSONA, 3);
    g_assert_nonnull (trail_survey_import_apply (import, doc, NULL, &error));
    trail_layout_update (layout, TRAIL_CHANGE_SURVEYS, G_OBJECT (survey), NULL);
    e = find_emotions (layout, lane);
    g_assert_cmpuint (e->measured->len, ==, 2);
    for (guint i = 0; i < e->measured->len; i++)
      if (((TrailMeasuredCurve *) e->measured->pdata[i])->persona == commuter)
        persona_curve = e->measured->pdata[i];
    g_assert_nonnull (persona_curve);
    g_assert_false (persona_curve->band);
    g_assert_cmpuint (persona_curve->labels->len, ==, 0);
    /* r001, r003, r005, r006: Awareness, Consideration, Setup, Purchase. */
    g_assert_cmpuint (persona_curve->points->len, ==, 4);
    trail_document_undo (doc);
    trail_document_undo (doc);
  }

  /* Undoing the setting and the import takes the line away. */
  trail_document_undo (doc);
  trail_document_undo (doc);
  trail_layout_update (layout, TRAIL_CHANGE_SURVEYS, NULL, NULL);
  g_assert_cmpuint (find_emotions (layout, lane)->measured->len, ==, 0);
}

/* The emotions lane alone, so the picture is the line, its band and n. */
static GBytes *
export_lane (TrailDocument   *doc,
             TrailLane       *lane,
             TrailExportFormat format)
{
  const char *lanes[] = { trail_lane_get_id (lane), NULL };
  TrailExportOptions options;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  trail_export_options_init (&options);
  options.format = format;
  options.lanes = (char **) lanes;
  bytes = trail_export_to_bytes (doc, &options, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
test_golden (void)
{
  TrailLane *lane;
  TrailSurvey *survey;
  g_autoptr(TrailDocument) doc = make_document (&lane, &survey, FALSE);
  g_autoptr(GBytes) png = export_lane (doc, lane, TRAIL_EXPORT_PNG);
  cairo_surface_t *expected = render_golden_expected (source_root (), "survey-emotions.png", png);
  cairo_surface_t *actual;
  gboolean same;

  if (expected == NULL)
    return;
  actual = render_golden_decode_png (png);
  same = render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING, "survey-emotions");
  cairo_surface_destroy (actual);
  g_assert_true (same);

  /* The picture is not the same without the survey: the check means
   * something. */
  {
    g_autoptr(GBytes) without = NULL;

    trail_document_undo (doc);
    without = export_lane (doc, lane, TRAIL_EXPORT_PNG);
    actual = render_golden_decode_png (without);
    g_assert_false (render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING,
                             "survey-emotions-without"));
    cairo_surface_destroy (actual);
    cairo_surface_destroy (expected);
  }
}

/* The SVG writer draws what the painter draws: librsvg's picture of the
 * SVG matches the PNG, and the measured group is there with its text. */
static void
test_svg (void)
{
  TrailLane *lane;
  TrailSurvey *survey;
  g_autoptr(TrailDocument) doc = make_document (&lane, &survey, TRUE);
  g_autoptr(GBytes) svg = export_lane (doc, lane, TRAIL_EXPORT_SVG);
  g_autoptr(GBytes) png = export_lane (doc, lane, TRAIL_EXPORT_PNG);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_autofree char *group = g_strdup_printf ("<g id=\"measured-%s\" class=\"measured\">", trail_survey_get_id (survey));
  RsvgHandle *handle;
  RsvgRectangle viewport;
  cairo_surface_t *theirs, *ours;
  cairo_t *cr;
  double w, h;
  gboolean same;

  g_assert_nonnull (strstr (text, group));
  g_assert_nonnull (strstr (text, ">n = 2<"));

  handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error);
  g_assert_no_error (error);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  theirs = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (theirs);
  viewport = (RsvgRectangle) { 0, 0, w, h };
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (theirs);
  g_object_unref (handle);

  ours = render_golden_decode_png (png);
  same = render_golden_similar (theirs, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "survey-emotions-svg");
  cairo_surface_destroy (theirs);
  cairo_surface_destroy (ours);
  g_assert_true (same);
}

/* A KPIs lane with one metric card: three months and a target. */
static TrailDocument *
make_metric_document (TrailLane **kpis,
                       TrailCard **card)
{
  TrailDocument *doc = trail_document_new ();
  TrailStage *stage = trail_document_add_stage (doc, -1, "Purchase");
  const char *values[] = { "2026-02=3.4", "2026-03=3.1", "2026-04=2.7", NULL };

  trail_document_update (doc, doc, "title", "Metrics", NULL);
  *kpis = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_KPIS, "KPIs");
  *card = trail_document_add_card (doc, *kpis, stage, -1, "Conversion");
  trail_document_update (doc, *card,
                         "metric-values", values,
                         "metric-unit", "%",
                         "metric-target", "3.5",
                         NULL);
  return doc;
}

static void
test_metric_layout (void)
{
  TrailLane *kpis;
  TrailCard *card;
  g_autoptr(TrailDocument) doc = make_metric_document (&kpis, &card);
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
  const TrailLayoutCard *c = (const TrailLayoutCard *) trail_layout_find (layout, card);
  const graphene_point_t *pts;
  float plain_height;

  g_assert_nonnull (c);
  g_assert_cmpstr (pango_layout_get_text (c->metric_value.layout), ==, "2.7 %");
  g_assert_cmpstr (pango_layout_get_text (c->metric_note.layout), ==, "2026-04 · target 3.5 %");
  g_assert_nonnull (c->trend);
  g_assert_cmpuint (c->trend->len, ==, 3);
  pts = (const graphene_point_t *) c->trend->data;
  /* Falling, under the target, which is the top of the range. */
  g_assert_cmpfloat (pts[0].y, <, pts[1].y);
  g_assert_cmpfloat (pts[1].y, <, pts[2].y);
  g_assert_cmpfloat_with_epsilon (c->trend_target_y, c->trend_rect.origin.y, 0.01);
  g_assert_cmpfloat_with_epsilon (pts[2].y, c->trend_rect.origin.y + c->trend_rect.size.height, 0.01);

  /* Without values it is a plain card again, and shorter. */
  trail_document_update (doc, card, "metric-values", NULL, NULL);
  trail_layout_update (layout, TRAIL_CHANGE_CARD_TEXT, G_OBJECT (card), NULL);
  c = (const TrailLayoutCard *) trail_layout_find (layout, card);
  g_assert_null (c->metric_value.layout);
  g_assert_null (c->trend);
  plain_height = c->item.bounds.size.height;
  trail_document_undo (doc);
  trail_layout_update (layout, TRAIL_CHANGE_CARD_TEXT, G_OBJECT (card), NULL);
  c = (const TrailLayoutCard *) trail_layout_find (layout, card);
  g_assert_cmpfloat (c->item.bounds.size.height, >, plain_height + 40);
}

/* The same card on the PNG (the canvas's painter) and in the SVG, and a
 * golden image of it. */
static void
test_metric_pictures (void)
{
  TrailLane *kpis;
  TrailCard *card;
  g_autoptr(TrailDocument) doc = make_metric_document (&kpis, &card);
  g_autoptr(GBytes) png = export_lane (doc, kpis, TRAIL_EXPORT_PNG);
  g_autoptr(GBytes) svg = export_lane (doc, kpis, TRAIL_EXPORT_SVG);
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport;
  cairo_surface_t *theirs, *ours;
  cairo_t *cr;
  double w, h;

  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), ">2.7 %<"));

  {
    cairo_surface_t *expected = render_golden_expected (source_root (), "metric-card.png", png);

    if (expected != NULL)
      {
        cairo_surface_t *actual = render_golden_decode_png (png);
        gboolean same = render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE,
                                               GOLDEN_MAX_DIFFERING, "metric-card");

        cairo_surface_destroy (actual);
        cairo_surface_destroy (expected);
        g_assert_true (same);
      }
  }

  handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error);
  g_assert_no_error (error);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  theirs = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (theirs);
  viewport = (RsvgRectangle) { 0, 0, w, h };
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  cairo_destroy (cr);
  cairo_surface_flush (theirs);
  g_object_unref (handle);

  ours = render_golden_decode_png (png);
  g_assert_true (render_golden_similar (theirs, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "metric-card-svg"));
  cairo_surface_destroy (theirs);
  cairo_surface_destroy (ours);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  if (g_getenv ("TRAILMAP_TEST_SYSTEM_FONTS") == NULL)
    g_setenv ("FONTCONFIG_FILE", RENDER_FONTS_CONF, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_random_set_seed (16);

  g_test_add_func ("/render/survey/layout", test_layout);
  g_test_add_func ("/render/survey/golden", test_golden);
  g_test_add_func ("/render/survey/svg", test_svg);
  g_test_add_func ("/render/metric/layout", test_metric_layout);
  g_test_add_func ("/render/metric/pictures", test_metric_pictures);

  return g_test_run ();
}

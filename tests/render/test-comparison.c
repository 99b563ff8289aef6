/* test-comparison.c — two maps' differences drawn: the comparison view's
 * ghosts and marks, its golden image, and its SVG and PDF.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#include "render-golden.h"
#include "trail-comparison.h"
#include "trail-export.h"

#define GOLDEN_CHANNEL_TOLERANCE 24
#define GOLDEN_MAX_DIFFERING     0.002
/* librsvg and cairo antialias text differently. */
#define SVG_CHANNEL_TOLERANCE    64
#define SVG_MAX_DIFFERING        0.03

static const char *
source_root (void)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");
  return root != NULL ? root : SOURCE_ROOT;
}

static TrailDocument *
load (const char *name)
{
  g_autofree char *path = g_build_filename (source_root (), "tests", "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* The pair in tests/data: one card changed (text, priority), one removed,
 * one moved, one added, a stage and a lane renamed, the feeling at two
 * stages raised. */
static TrailComparison *
make_comparison (void)
{
  g_autoptr(TrailDocument) old_doc = load ("compare-old.trailmap");
  g_autoptr(TrailDocument) new_doc = load ("compare-new.trailmap");

  return trail_comparison_new (old_doc, new_doc, "current.trailmap", "future.trailmap");
}

static GBytes *
export (TrailComparison   *comparison,
        TrailExportFormat  format)
{
  TrailExportOptions options;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  trail_export_options_init (&options);
  options.format = format;
  bytes = trail_comparison_export_to_bytes (comparison, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static TrailCard *
find_card (TrailDocument *doc,
           const char    *text)
{
  GListModel *cards = trail_document_get_cards (doc);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
      if (g_strcmp0 (trail_card_get_text (card), text) == 0)
        return card;
    }
  return NULL;
}

static void
test_view (void)
{
  g_autoptr(TrailComparison) comparison = make_comparison ();
  TrailDocument *view = trail_comparison_get_document (comparison);
  TrailCard *ghost = find_card (view, "Model names and specs are jargon (bar, thermoblock, PID)");
  TrailCard *changed = find_card (view, "Video ad: latte art in 20 seconds");
  TrailCard *added = find_card (view, "Video guide for the first set-up");
  g_autofree char *ghost_text = NULL;
  g_autofree char *changed_text = NULL;
  g_autofree char *summary = NULL;

  /* The removed card is back in its old cell, as a ghost. */
  g_assert_nonnull (ghost);
  g_assert_cmpstr (trail_stage_get_name (trail_document_find_stage (view, trail_card_get_stage_id (ghost))), ==,
                   "Compares models");
  g_assert_cmpint (trail_comparison_lookup (comparison, trail_card_get_id (ghost))->kind, ==, TRAIL_DIFF_REMOVED);
  ghost_text = trail_comparison_describe (comparison, trail_card_get_id (ghost));
  g_assert_cmpstr (ghost_text, ==, "Removed (was in Compares models, Pain points)");

  /* The old value, for the tooltip. */
  changed_text = trail_comparison_describe (comparison, trail_card_get_id (changed));
  g_assert_cmpstr (changed_text, ==, "Text was “Video ad: latte art in 30 seconds”\nPriority was not set");
  g_assert_cmpint (trail_comparison_lookup (comparison, trail_card_get_id (added))->kind, ==, TRAIL_DIFF_ADDED);
  g_assert_null (trail_comparison_describe (comparison, trail_card_get_id (find_card (view, "Comparison table on the website"))));

  summary = trail_comparison_dup_summary (comparison);
  g_assert_cmpstr (summary, ==,
                   "Cards: 1 added, 1 removed, 1 changed, 1 moved\n"
                   "Stages: 0 added, 0 removed, 1 renamed\n"
                   "Lanes: 0 added, 0 removed, 1 renamed\n"
                   "Feeling of Sofia Marino at Delivery: ▲ +2.5\n"
                   "Feeling of Sofia Marino at Set-up: ▲ +1.5");
  g_assert_cmpstr (trail_document_get_objective (view), ==, summary);
  g_assert_false (trail_document_get_can_undo (view));
}

/* Removed stages and lanes come back as ghosts where they were. */
static void
test_removed_stage_lane (void)
{
  g_autoptr(TrailDocument) old_doc = load ("compare-old.trailmap");
  g_autoptr(TrailDocument) new_doc = load ("compare-old.trailmap");
  g_autoptr(TrailComparison) comparison = NULL;
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (new_doc), 2);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (new_doc), 1);
  g_autoptr(TrailStage) ghost_stage = NULL;
  g_autoptr(TrailLane) ghost_lane = NULL;
  TrailDocument *view;

  trail_document_remove_stage (new_doc, stage);
  trail_document_remove_lane (new_doc, lane);
  comparison = trail_comparison_new (old_doc, new_doc, NULL, NULL);
  view = trail_comparison_get_document (comparison);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (view)), ==,
                    g_list_model_get_n_items (trail_document_get_stages (old_doc)));
  ghost_stage = g_list_model_get_item (trail_document_get_stages (view), 2);
  ghost_lane = g_list_model_get_item (trail_document_get_lanes (view), 1);
  g_assert_cmpstr (trail_stage_get_name (ghost_stage), ==, "Reads reviews");
  g_assert_cmpstr (trail_lane_get_title (ghost_lane), ==, "What Sofia does");
  g_assert_cmpint (trail_comparison_lookup (comparison, trail_stage_get_id (ghost_stage))->kind, ==, TRAIL_DIFF_REMOVED);
  g_assert_cmpint (trail_comparison_lookup (comparison, trail_lane_get_id (ghost_lane))->kind, ==, TRAIL_DIFF_REMOVED);
  /* Their cards too: every old card is drawn. */
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (view)), ==,
                    g_list_model_get_n_items (trail_document_get_cards (old_doc)));
}

static void
test_golden (void)
{
  g_autoptr(TrailComparison) comparison = make_comparison ();
  g_autoptr(GBytes) png = export (comparison, TRAIL_EXPORT_PNG);
  cairo_surface_t *expected = render_golden_expected (source_root (), "comparison.png", png);
  cairo_surface_t *actual;

  if (expected == NULL)
    return;
  actual = render_golden_decode_png (png);
  g_assert_true (render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING, "comparison"));
  cairo_surface_destroy (actual);

  /* Without its marks the same view is another picture: the golden
   * image holds them. */
  {
    g_autoptr(TrailLayout) layout = NULL;
    g_autoptr(GBytes) plain = NULL;
    TrailExportOptions options;
    g_autoptr(GError) error = NULL;

    trail_export_options_init (&options);
    plain = trail_export_to_bytes (trail_comparison_get_document (comparison), &options, &error);
    g_assert_no_error (error);
    actual = render_golden_decode_png (plain);
    g_assert_false (render_golden_similar (actual, expected, GOLDEN_CHANNEL_TOLERANCE, GOLDEN_MAX_DIFFERING, "comparison-unmarked"));
    cairo_surface_destroy (actual);
  }
  cairo_surface_destroy (expected);
}

/* librsvg reads the SVG, marks and all, as the PNG shows them. */
static void
test_svg (void)
{
  g_autoptr(TrailComparison) comparison = make_comparison ();
  g_autoptr(GBytes) svg = export (comparison, TRAIL_EXPORT_SVG);
  g_autoptr(GBytes) png = export (comparison, TRAIL_EXPORT_PNG);
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport;
  cairo_surface_t *theirs, *ours;
  cairo_t *cr;
  double w, h;

  g_assert_nonnull (strstr (text, "<g id=\"comparison\">"));
  g_assert_nonnull (strstr (text, ">Removed</text>"));
  g_assert_nonnull (strstr (text, ">▲ +2.5</text>"));
  g_assert_nonnull (strstr (text, ">From Compares models</text>"));
  g_assert_true (g_str_has_suffix (text, "</svg>\n"));

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
  g_assert_true (render_golden_similar (theirs, ours, SVG_CHANNEL_TOLERANCE, SVG_MAX_DIFFERING, "comparison-svg"));
  cairo_surface_destroy (theirs);
  cairo_surface_destroy (ours);
}

static void
test_pdf (void)
{
  g_autoptr(TrailComparison) comparison = make_comparison ();
  g_autoptr(GBytes) pdf = export (comparison, TRAIL_EXPORT_PDF);

  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  /* poppler reads it in test-cli-compare.sh. */
}

/* Actions' changes: counted in the summary, each described for a
 * person ("Status: Planned → Done"). */
static void
test_actions (void)
{
  g_autoptr(TrailDocument) old_doc = load ("compare-old.trailmap");
  g_autoptr(TrailDocument) new_doc = load ("compare-new.trailmap");
  g_autoptr(TrailComparison) comparison = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *added = NULL;
  const char *cards[] = { "c7", NULL };
  TrailAction *action;
  GPtrArray *actions;

  action = trail_document_add_action (old_doc, -1, "Call before delivery", cards);
  trail_document_update (old_doc, action, "status", TRAIL_ACTION_STATUS_PLANNED, NULL);
  action = trail_document_add_action (new_doc, -1, "Call before delivery", cards);
  trail_document_update (new_doc, action, "status", TRAIL_ACTION_STATUS_DONE, "owner", "Ana", NULL);
  trail_document_add_action (new_doc, -1, "Video guide", NULL);

  comparison = trail_comparison_new (old_doc, new_doc, NULL, NULL);
  actions = trail_diff_get_actions (trail_comparison_get_diff (comparison));
  g_assert_cmpuint (actions->len, ==, 2);
  changed = trail_comparison_describe_action (comparison, actions->pdata[0]);
  g_assert_cmpstr (changed, ==, "Owner: (none) → Ana\nStatus: Planned → Done");
  added = trail_comparison_describe_action (comparison, actions->pdata[1]);
  g_assert_cmpstr (added, ==, "Added");

  /* The card the changed action addresses says so on hover, and is
   * marked on the picture (the marks' SVG text). */
  {
    g_autofree char *tooltip = trail_comparison_describe (comparison, "c7");
    g_autoptr(GBytes) svg = export (comparison, TRAIL_EXPORT_SVG);
    g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, "Action “Call before delivery”: Owner: (none) → Ana\nStatus: Planned → Done"));
    g_assert_nonnull (strstr (text, ">Action: Done</text>"));
    if (g_getenv ("TRAILMAP_TEST_ARTIFACTS") != NULL)
      {
        g_autoptr(GBytes) png = export (comparison, TRAIL_EXPORT_PNG);
        g_autofree char *path = g_build_filename (g_getenv ("TRAILMAP_TEST_ARTIFACTS"), "comparison-actions.png", NULL);
        g_mkdir_with_parents (g_getenv ("TRAILMAP_TEST_ARTIFACTS"), 0755);
        g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);
      }
  }

  summary = trail_comparison_dup_summary (comparison);
  g_assert_nonnull (strstr (summary, "\nActions: 1 added, 0 removed, 1 changed"));
  /* The picture's header carries the summary, actions and all. */
  g_assert_cmpstr (trail_document_get_objective (trail_comparison_get_document (comparison)), ==, summary);

  /* Maps without actions say nothing about them. */
  {
    g_autoptr(TrailComparison) plain = make_comparison ();
    g_autofree char *text = trail_comparison_dup_summary (plain);
    g_assert_null (strstr (text, "Actions"));
  }
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

  g_test_add_func ("/render/comparison/view", test_view);
  g_test_add_func ("/render/comparison/removed-stage-lane", test_removed_stage_lane);
  g_test_add_func ("/render/comparison/golden", test_golden);
  g_test_add_func ("/render/comparison/svg", test_svg);
  g_test_add_func ("/render/comparison/pdf", test_pdf);
  g_test_add_func ("/render/comparison/actions", test_actions);

  return g_test_run ();
}

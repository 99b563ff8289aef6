/* test-document.c — the edit API and its undo stack.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-model.h"

typedef struct
{
  guint n_changed;
  guint flags;
  guint n_notify;
} Counter;

static void
on_changed_cb (TrailDocument    *doc,
               TrailChangeFlags  what,
               GObject          *object,
               Counter          *counter)
{
  counter->n_changed++;
  counter->flags |= what;
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              Counter    *counter)
{
  counter->n_notify++;
}

static GBytes *
serialize (TrailDocument *doc)
{
  return trail_document_serialize (doc);
}

static void
assert_same_content (TrailDocument *a,
                     TrailDocument *b)
{
  g_autoptr(GBytes) ba = serialize (a);
  g_autoptr(GBytes) bb = serialize (b);

  if (!g_bytes_equal (ba, bb))
    g_assert_cmpstr (g_bytes_get_data (ba, NULL), ==, g_bytes_get_data (bb, NULL));
  g_assert_true (trail_document_equal (a, b));
}

static TrailDocument *
reload (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = serialize (doc);
  g_autoptr(GError) error = NULL;
  TrailDocument *copy = trail_document_load_from_bytes (bytes, "copy", &error);

  g_assert_no_error (error);
  return copy;
}

static void
test_blank (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();

  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (doc)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_lanes (doc)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_emotion_lines (doc)), ==, 1);
  g_assert_nonnull (trail_document_find_line_for_persona (doc, NULL));
  g_assert_false (trail_document_get_can_undo (doc));
  g_assert_false (trail_document_get_modified (doc));
  g_assert_cmpint (trail_document_get_scale_min (doc), ==, -2);
  g_assert_cmpint (trail_document_get_scale_max (doc), ==, 2);
  g_assert_cmpstr (trail_document_get_scale_label (doc, -2), ==, "Very negative");
  g_assert_cmpstr (trail_document_get_scale_label (doc, 0), ==, "Neutral");
  g_assert_cmpstr (trail_document_get_scale_label (doc, 99), ==, "Very positive");
  g_assert_cmpfloat (trail_document_get_scale_neutral (doc), ==, 0.0);
}

static void
test_cards_in_cells (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  TrailStage *s1 = trail_document_add_stage (doc, -1, "One");
  TrailStage *s2 = trail_document_add_stage (doc, -1, "Two");
  TrailLane *lane = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_ACTIONS, NULL);
  TrailCard *a, *b, *c, *d;
  g_autoptr(GPtrArray) cell = NULL;

  g_assert_cmpstr (trail_lane_get_title (lane), ==, "Customer actions");

  a = trail_document_add_card (doc, lane, s1, -1, "A");
  b = trail_document_add_card (doc, lane, s1, -1, "B");
  c = trail_document_add_card (doc, lane, s1, 0, "C");
  d = trail_document_add_card (doc, lane, s2, -1, "D");

  cell = trail_document_get_cell_cards (doc, lane, s1);
  g_assert_cmpuint (cell->len, ==, 3);
  g_assert_true (g_ptr_array_index (cell, 0) == c);
  g_assert_true (g_ptr_array_index (cell, 1) == a);
  g_assert_true (g_ptr_array_index (cell, 2) == b);
  g_clear_pointer (&cell, g_ptr_array_unref);

  g_assert_true (trail_document_find_card (doc, trail_card_get_id (a)) == a);
  g_assert_null (trail_document_find_stage (doc, trail_card_get_id (a)));
  g_assert_cmpuint (trail_document_get_card_index (doc, b), ==, 2);

  /* Reorder within the cell: the index is where the card ends up. */
  trail_document_move_card (doc, c, lane, s1, 2);
  cell = trail_document_get_cell_cards (doc, lane, s1);
  g_assert_true (g_ptr_array_index (cell, 0) == a);
  g_assert_true (g_ptr_array_index (cell, 1) == b);
  g_assert_true (g_ptr_array_index (cell, 2) == c);
  g_clear_pointer (&cell, g_ptr_array_unref);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Move Card");

  /* To another cell. */
  trail_document_move_card (doc, a, lane, s2, 0);
  cell = trail_document_get_cell_cards (doc, lane, s2);
  g_assert_cmpuint (cell->len, ==, 2);
  g_assert_true (g_ptr_array_index (cell, 0) == a);
  g_assert_true (g_ptr_array_index (cell, 1) == d);
  g_clear_pointer (&cell, g_ptr_array_unref);
  g_assert_cmpstr (trail_card_get_stage_id (a), ==, trail_stage_get_id (s2));

  /* The file order gives the same cells back. */
  {
    g_autoptr(TrailDocument) copy = reload (doc);
    assert_same_content (doc, copy);
  }

  trail_document_undo (doc);
  trail_document_undo (doc);
  cell = trail_document_get_cell_cards (doc, lane, s1);
  g_assert_true (g_ptr_array_index (cell, 0) == c);
  g_assert_true (g_ptr_array_index (cell, 1) == a);
  g_assert_true (g_ptr_array_index (cell, 2) == b);
  g_clear_pointer (&cell, g_ptr_array_unref);

  /* Duplicate lands right after the original. */
  {
    TrailCard *copy;

    trail_document_update (doc, a, "votes", 4, "channel", TRAIL_CHANNEL_EMAIL, NULL);
    copy = trail_document_duplicate_card (doc, a);
    g_assert_cmpstr (trail_card_get_text (copy), ==, "A");
    g_assert_cmpuint (trail_card_get_votes (copy), ==, 4);
    g_assert_cmpint (trail_card_get_channel (copy), ==, TRAIL_CHANNEL_EMAIL);
    g_assert_cmpstr (trail_card_get_id (copy), !=, trail_card_get_id (a));
    g_assert_cmpuint (trail_document_get_card_index (doc, copy), ==, 2);
    g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Duplicate Card");
  }
}

static void
test_undo_redo_labels (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  Counter undo = { 0, }, label = { 0, }, modified = { 0, };
  TrailStage *stage;

  g_signal_connect (doc, "notify::can-undo", G_CALLBACK (on_notify_cb), &undo);
  g_signal_connect (doc, "notify::undo-label", G_CALLBACK (on_notify_cb), &label);
  g_signal_connect (doc, "notify::modified", G_CALLBACK (on_notify_cb), &modified);

  g_assert_null (trail_document_get_undo_label (doc));
  stage = trail_document_add_stage (doc, -1, "Awareness");
  g_assert_true (trail_document_get_can_undo (doc));
  g_assert_true (trail_document_get_modified (doc));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Add Stage");
  g_assert_cmpuint (undo.n_notify, ==, 1);
  g_assert_cmpuint (modified.n_notify, ==, 1);

  trail_document_update (doc, stage, "name", "Discovery", NULL);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Edit Stage");
  g_assert_cmpuint (undo.n_notify, ==, 1);
  g_assert_cmpuint (label.n_notify, ==, 2);

  /* An update that changes nothing records nothing. */
  trail_document_update (doc, stage, "name", "Discovery", NULL);
  g_assert_cmpuint (label.n_notify, ==, 2);

  trail_document_set_saved (doc);
  g_assert_false (trail_document_get_modified (doc));

  trail_document_undo (doc);
  g_assert_cmpstr (trail_stage_get_name (stage), ==, "Awareness");
  g_assert_true (trail_document_get_modified (doc));
  g_assert_true (trail_document_get_can_redo (doc));
  g_assert_cmpstr (trail_document_get_redo_label (doc), ==, "Edit Stage");

  trail_document_redo (doc);
  g_assert_cmpstr (trail_stage_get_name (stage), ==, "Discovery");
  g_assert_false (trail_document_get_modified (doc));
  g_assert_false (trail_document_get_can_redo (doc));

  /* A new edit after undo drops the redo branch; the saved state is gone
   * for good. */
  trail_document_undo (doc);
  trail_document_update (doc, stage, "description", "First contact", NULL);
  g_assert_false (trail_document_get_can_redo (doc));
  trail_document_undo (doc);
  g_assert_true (trail_document_get_modified (doc));

  /* A recovered draft counts as unsaved everywhere in its history. */
  trail_document_mark_unsaved (doc);
  g_assert_true (trail_document_get_modified (doc));
  trail_document_redo (doc);
  g_assert_true (trail_document_get_modified (doc));
  trail_document_clear_history (doc);
  g_assert_false (trail_document_get_modified (doc));
  g_assert_false (trail_document_get_can_undo (doc));
  g_assert_false (trail_document_get_can_redo (doc));
  trail_document_update (doc, stage, "description", "Again", NULL);
  trail_document_undo (doc);

  /* The notes for presenting are a stage field like any other: undoable. */
  trail_document_update (doc, stage, "presenter-notes", "Ask about the ad", NULL);
  g_assert_cmpstr (trail_stage_get_presenter_notes (stage), ==, "Ask about the ad");
  trail_document_undo (doc);
  g_assert_null (trail_stage_get_presenter_notes (stage));

  /* Groups make one step with the outer label. */
  trail_document_begin_group (doc, "Paste");
  trail_document_add_stage (doc, -1, "A");
  trail_document_begin_group (doc, "Inner");
  trail_document_add_stage (doc, -1, "B");
  trail_document_end_group (doc);
  trail_document_end_group (doc);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Paste");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (doc)), ==, 3);
  trail_document_undo (doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (doc)), ==, 1);

  /* An empty group records nothing. */
  trail_document_begin_group (doc, "Nothing");
  trail_document_end_group (doc);
  g_assert_cmpstr (trail_document_get_redo_label (doc), ==, "Paste");
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  TrailStage *stage = trail_document_add_stage (doc, -1, "S");
  TrailLane *lane = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_TOUCHPOINTS, "T");
  TrailCard *card = trail_document_add_card (doc, lane, stage, -1, "Hello");
  Counter text = { 0, }, votes = { 0, }, changed = { 0, };

  g_signal_connect (card, "notify::text", G_CALLBACK (on_notify_cb), &text);
  g_signal_connect (card, "notify::votes", G_CALLBACK (on_notify_cb), &votes);
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed_cb), &changed);

  trail_document_update (doc, card, "text", "Hello", "votes", 2, NULL);
  g_assert_cmpuint (text.n_notify, ==, 0);
  g_assert_cmpuint (votes.n_notify, ==, 1);
  g_assert_cmpuint (changed.n_changed, ==, 1);
  g_assert_cmpuint (changed.flags, ==, TRAIL_CHANGE_CARD_TEXT);

  changed.flags = 0;
  trail_document_move_card (doc, card, lane, stage, 0);  /* already there */
  g_assert_cmpuint (changed.flags, ==, 0);

  trail_document_undo (doc);
  g_assert_cmpuint (votes.n_notify, ==, 2);
  g_assert_cmpuint (trail_card_get_votes (card), ==, 0);
  g_assert_cmpuint (changed.flags, ==, TRAIL_CHANGE_CARD_TEXT);
}

static void
test_remove_stage_restores (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(TrailDocument) before = NULL;
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *lanes = trail_document_get_lanes (doc);
  g_autoptr(TrailStage) s1 = g_list_model_get_item (stages, 1);
  g_autoptr(TrailStage) s2 = g_list_model_get_item (stages, 2);
  g_autoptr(TrailLane) l0 = g_list_model_get_item (lanes, 0);
  g_autoptr(TrailLane) l1 = g_list_model_get_item (lanes, 1);
  TrailEmotionLine *line = trail_document_find_line_for_persona (doc, NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) after_undo = NULL;
  g_autoptr(GBytes) after_redo = NULL;
  g_autoptr(GBytes) removed = NULL;

  /* Cards of the stage interleaved with others in the list of all cards. */
  for (guint i = 0; i < 4; i++)
    {
      trail_document_add_card (doc, l0, s1, -1, "s1 l0");
      trail_document_add_card (doc, l1, s2, 0, "s2 l1");
      trail_document_add_card (doc, l1, s1, 1, "s1 l1");
    }
  trail_document_add_emotion_point (doc, line, s1, 0.2, -1, "low");
  trail_document_add_emotion_point (doc, line, s2, 0.5, 2, "high");
  trail_document_add_emotion_point (doc, line, s1, 0.8, 1, NULL);

  saved = serialize (doc);
  trail_document_remove_stage (doc, s1);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Remove Stage");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (trail_emotion_line_get_points (line)), ==, 1);
  g_assert_null (trail_document_find_stage (doc, trail_stage_get_id (s1)));
  removed = serialize (doc);

  trail_document_undo (doc);
  after_undo = serialize (doc);
  g_assert_cmpstr (g_bytes_get_data (after_undo, NULL), ==, g_bytes_get_data (saved, NULL));
  g_assert_true (trail_document_find_stage (doc, trail_stage_get_id (s1)) == s1);

  trail_document_redo (doc);
  after_redo = serialize (doc);
  g_assert_cmpstr (g_bytes_get_data (after_redo, NULL), ==, g_bytes_get_data (removed, NULL));

  /* Lanes too. */
  trail_document_undo (doc);
  trail_document_remove_lane (doc, l1);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, 4);
  trail_document_undo (doc);
  g_clear_pointer (&after_undo, g_bytes_unref);
  after_undo = serialize (doc);
  g_assert_cmpstr (g_bytes_get_data (after_undo, NULL), ==, g_bytes_get_data (saved, NULL));
}

static void
test_move_stage_sorts_points (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  GListModel *stages = trail_document_get_stages (doc);
  g_autoptr(TrailStage) s0 = g_list_model_get_item (stages, 0);
  g_autoptr(TrailStage) s3 = g_list_model_get_item (stages, 3);
  TrailEmotionLine *line = trail_document_find_line_for_persona (doc, NULL);
  GListModel *points = trail_emotion_line_get_points (line);
  TrailEmotionPoint *p0, *p3, *q0;

  p3 = trail_document_add_emotion_point (doc, line, s3, 0.5, 1, NULL);
  p0 = trail_document_add_emotion_point (doc, line, s0, 0.5, -1, NULL);
  q0 = trail_document_add_emotion_point (doc, line, s0, 0.5, 2, NULL);  /* same key as p0 */

  g_assert_true (g_list_model_get_item (points, 0) == (gpointer) p0);
  g_object_unref (p0);
  g_assert_true (g_list_model_get_item (points, 1) == (gpointer) q0);
  g_object_unref (q0);

  trail_document_move_stage (doc, s0, 4);
  g_assert_true (g_list_model_get_item (points, 0) == (gpointer) p3);
  g_object_unref (p3);
  trail_document_undo (doc);
  g_assert_true (g_list_model_get_item (points, 0) == (gpointer) p0);
  g_object_unref (p0);
  g_assert_true (g_list_model_get_item (points, 1) == (gpointer) q0);
  g_object_unref (q0);

  /* A drag of a point is one command, and keeps the line sorted. */
  trail_document_set_emotion_point (doc, p0, s3, 0.9, 0);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Move Emotion Point");
  g_assert_true (g_list_model_get_item (points, 2) == (gpointer) p0);
  g_object_unref (p0);
  g_assert_true (trail_document_find_line_for_point (doc, p0) == line);

  /* Moving a point with update works the same way. */
  trail_document_update (doc, p0, "position", 0.1, "note", "Early", NULL);
  g_assert_true (g_list_model_get_item (points, 1) == (gpointer) p0);
  g_object_unref (p0);
  g_assert_cmpstr (trail_emotion_point_get_note (p0), ==, "Early");
}

static void
test_personas (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GBytes) start = serialize (doc);
  g_autoptr(GBytes) with_both = NULL;
  g_autoptr(GBytes) now = NULL;
  TrailEmotionLine *everyone = trail_document_find_line_for_persona (doc, NULL);
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 0);
  TrailPersona *ana, *ben;
  TrailCard *card;
  const char *tags[3];
  g_autofree char *initials = NULL;

  trail_document_add_emotion_point (doc, everyone, stage, 0.5, 1, NULL);

  ana = trail_document_add_persona (doc, -1, "Ana María Pérez");
  initials = trail_persona_dup_initials (ana);
  g_assert_cmpstr (initials, ==, "AP");
  /* The first persona takes over the line for everyone. */
  g_assert_true (trail_document_find_line_for_persona (doc, trail_persona_get_id (ana)) == everyone);
  g_assert_null (trail_document_find_line_for_persona (doc, NULL));

  ben = trail_document_add_persona (doc, -1, "Ben");
  g_assert_nonnull (trail_document_find_line_for_persona (doc, trail_persona_get_id (ben)));
  g_assert_cmpstr (trail_persona_get_color (ana), !=, trail_persona_get_color (ben));

  card = trail_document_add_card (doc, lane, stage, -1, "Tagged");
  tags[0] = trail_persona_get_id (ana);
  tags[1] = trail_persona_get_id (ben);
  tags[2] = NULL;
  trail_document_update (doc, card, "persona-tags", tags, NULL);
  trail_document_update (doc, lane, "persona-id", trail_persona_get_id (ben), NULL);
  trail_document_update (doc, ben, "role", "Commuter", "quote", "Just get me there.", NULL);
  with_both = serialize (doc);

  trail_document_remove_persona (doc, ben);
  g_assert_cmpuint (g_strv_length ((char **) trail_card_get_persona_tags (card)), ==, 1);
  g_assert_null (trail_lane_get_persona_id (lane));
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_emotion_lines (doc)), ==, 1);

  /* The last persona's line becomes everyone's again. */
  trail_document_remove_persona (doc, ana);
  g_assert_null (trail_card_get_persona_tags (card));
  g_assert_true (trail_document_find_line_for_persona (doc, NULL) == everyone);
  g_assert_cmpuint (g_list_model_get_n_items (trail_emotion_line_get_points (everyone)), ==, 1);

  trail_document_undo (doc);
  trail_document_undo (doc);
  now = serialize (doc);
  g_assert_cmpstr (g_bytes_get_data (now, NULL), ==, g_bytes_get_data (with_both, NULL));

  while (trail_document_get_can_undo (doc))
    trail_document_undo (doc);
  g_clear_pointer (&now, g_bytes_unref);
  now = serialize (doc);
  g_assert_cmpstr (g_bytes_get_data (now, NULL), ==, g_bytes_get_data (start, NULL));
}

static void
test_set_scale (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  TrailEmotionLine *line = trail_document_find_line_for_persona (doc, NULL);
  const char *labels[] = { "1", "2", "3", "4", "5", "6", "Delighted", NULL };
  TrailEmotionPoint *lo, *mid, *hi, *half;
  Counter notify = { 0, };

  lo = trail_document_add_emotion_point (doc, line, stage, 0.1, -2, NULL);
  mid = trail_document_add_emotion_point (doc, line, stage, 0.2, 0, NULL);
  hi = trail_document_add_emotion_point (doc, line, stage, 0.3, 2, NULL);
  half = trail_document_add_emotion_point (doc, line, stage, 0.4, -1, NULL);

  g_signal_connect (doc, "notify::scale-max", G_CALLBACK (on_notify_cb), &notify);

  trail_document_set_scale (doc, 1, 7, labels);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Change Scale");
  g_assert_cmpuint (notify.n_notify, ==, 1);
  g_assert_cmpfloat (trail_emotion_point_get_score (lo), ==, 1);
  g_assert_cmpfloat (trail_emotion_point_get_score (mid), ==, 4);
  g_assert_cmpfloat (trail_emotion_point_get_score (hi), ==, 7);
  g_assert_cmpfloat (trail_emotion_point_get_score (half), ==, 3);  /* 2.5 rounds away from zero */
  g_assert_cmpstr (trail_document_get_scale_label (doc, 7), ==, "Delighted");
  g_assert_cmpfloat (trail_document_get_scale_neutral (doc), ==, 4.0);

  trail_document_set_scale (doc, 0, 10, NULL);
  g_assert_cmpfloat (trail_emotion_point_get_score (mid), ==, 5);
  g_assert_cmpstr (trail_document_get_scale_label (doc, 3), ==, "3");
  g_assert_null (trail_document_get_scale_labels (doc));

  trail_document_undo (doc);
  trail_document_undo (doc);
  g_assert_cmpint (trail_document_get_scale_min (doc), ==, -2);
  g_assert_cmpfloat (trail_emotion_point_get_score (half), ==, -1);
  g_assert_cmpstr (trail_document_get_scale_label (doc, 2), ==, "Very positive");
}

static void
test_refusals (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 0);
  g_autoptr(TrailLane) emotions = g_list_model_get_item (trail_document_get_lanes (doc), 3);
  TrailCard *card = trail_document_add_card (doc, lane, stage, -1, "x");
  const char *bad_tags[] = { "nobody", NULL };

  g_assert_cmpint (trail_lane_get_kind (emotions), ==, TRAIL_LANE_KIND_EMOTIONS);

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*cannot be changed*move_card*");
  trail_document_update (doc, card, "lane-id", "x", NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*id*cannot be changed*");
  trail_document_update (doc, card, "id", "c1", NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*unknown persona*nobody*");
  trail_document_update (doc, card, "persona-tags", bad_tags, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*not a colour*");
  trail_document_update (doc, card, "color", "red", NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*votes*");
  trail_document_update (doc, card, "votes", 5000000, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*cannot become an emotions lane*");
  trail_document_update (doc, lane, "kind", TRAIL_LANE_KIND_EMOTIONS, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*assertion*EMOTIONS*");
  g_assert_null (trail_document_add_card (doc, emotions, stage, -1, "no"));
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*outside the scale*");
  g_assert_null (trail_document_add_emotion_point (doc, trail_document_find_line_for_persona (doc, NULL),
                                                   stage, 0.5, 3, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*invalid scale*");
  trail_document_set_scale (doc, 3, 3, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("trail-document", G_LOG_LEVEL_CRITICAL, "*neither PNG nor JPEG*");
  {
    TrailPersona *persona = trail_document_add_persona (doc, -1, "P");
    g_autoptr(GBytes) junk = g_bytes_new_static ("not an image", 12);

    trail_document_update (doc, persona, "photo", junk, NULL);
  }
  g_test_assert_expected_messages ();

  /* Nothing of the refused edits was recorded. */
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Add Persona");
  g_assert_cmpstr (trail_card_get_color (card), ==, NULL);
}

static void
test_update_value (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Onboarding");
  trail_document_update_value (doc, doc, "title", &value);
  g_assert_cmpstr (trail_document_get_title (doc), ==, "Onboarding");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Edit Map");

  /* A value that converts (int → uint) is accepted. */
  {
    TrailStage *stage = trail_document_add_stage (doc, -1, "S");
    TrailLane *lane = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_NOTES, NULL);
    TrailCard *card = trail_document_add_card (doc, lane, stage, -1, NULL);
    g_auto(GValue) votes = G_VALUE_INIT;

    g_value_init (&votes, G_TYPE_INT);
    g_value_set_int (&votes, 7);
    trail_document_update_value (doc, card, "votes", &votes);
    g_assert_cmpuint (trail_card_get_votes (card), ==, 7);
    g_assert_cmpstr (trail_card_get_text (card), ==, "");
  }
}

static void
test_cell_index_scales (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  TrailStage *stages[20];
  TrailLane *lanes[10];
  g_autoptr(GPtrArray) cell = NULL;
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    stages[i] = trail_document_add_stage (doc, -1, "S");
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    lanes[i] = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_NOTES, NULL);

  trail_document_begin_group (doc, "Fill");
  for (guint i = 0; i < 10000; i++)
    trail_document_add_card (doc, lanes[i % 10], stages[(i / 10) % 20], -1, "card");
  trail_document_end_group (doc);

  for (guint l = 0; l < G_N_ELEMENTS (lanes); l++)
    for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
      {
        g_autoptr(GPtrArray) c = trail_document_get_cell_cards (doc, lanes[l], stages[s]);
        total += c->len;
      }
  g_assert_cmpuint (total, ==, 10000);

  cell = trail_document_get_cell_cards (doc, lanes[3], stages[7]);
  g_assert_cmpuint (cell->len, ==, 50);

  trail_document_undo (doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, 0);
}

/* New items are named in their ids (issue 13: an SVG export's ids are
 * the map's, and "stage-s3kq9xz" says nothing): ASCII letters, digits and
 * dashes, the name cut near 20 characters, and a random tail so that two
 * copies of a map still merge. */
static void
test_readable_ids (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 1);
  TrailStage *stage = trail_document_add_stage (doc, -1, "Première visite — l’accueil & paiement");
  TrailStage *cjk = trail_document_add_stage (doc, -1, "日本語");
  TrailStage *again = trail_document_add_stage (doc, -1, "Première visite — l’accueil & paiement");
  TrailPersona *persona = trail_document_add_persona (doc, -1, "Amira الحسن");
  TrailCard *card = trail_document_add_card (doc, lane, stage, -1, "Calls support: the app crashed");
  TrailLane *custom = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_CUSTOM, "Back office");
  const char *ids[] = {
    trail_stage_get_id (stage), trail_stage_get_id (cjk), trail_stage_get_id (again),
    trail_persona_get_id (persona), trail_card_get_id (card), trail_lane_get_id (custom),
  };

  g_assert_true (g_str_has_prefix (ids[0], "s-premiere-visite-"));
  g_assert_true (g_str_has_prefix (ids[3], "p-amira-"));
  g_assert_true (g_str_has_prefix (ids[4], "c-calls-support-"));
  g_assert_true (g_str_has_prefix (ids[5], "l-back-office-"));
  /* Nothing readable in ASCII: the short random id, as before. */
  g_assert_cmpuint (strlen (ids[1]), ==, 7);
  g_assert_cmpstr (ids[0], !=, ids[2]);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpuint (strlen (ids[i]), <=, 1 + 1 + 20 + 1 + 6);
      for (const char *p = ids[i]; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
      g_assert_true (ids[i][strlen (ids[i]) - 1] != '-');
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/document/blank", test_blank);
  g_test_add_func ("/model/document/cards-in-cells", test_cards_in_cells);
  g_test_add_func ("/model/document/undo-redo-labels", test_undo_redo_labels);
  g_test_add_func ("/model/document/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/model/document/remove-stage-restores", test_remove_stage_restores);
  g_test_add_func ("/model/document/move-stage-sorts-points", test_move_stage_sorts_points);
  g_test_add_func ("/model/document/personas", test_personas);
  g_test_add_func ("/model/document/set-scale", test_set_scale);
  g_test_add_func ("/model/document/refusals", test_refusals);
  g_test_add_func ("/model/document/update-value", test_update_value);
  g_test_add_func ("/model/document/cell-index-scales", test_cell_index_scales);
  g_test_add_func ("/model/document/readable-ids", test_readable_ids);

  return g_test_run ();
}

/* test-selection.c — TrailSelection follows its document.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "trail-model.h"

typedef struct
{
  guint changed;
  guint n_cards;
  guint object;
  guint cursor_lane;
  guint cursor_stage;
  guint active_persona;
} Counts;

static void
on_changed_cb (TrailSelection *selection,
               Counts         *counts)
{
  counts->changed++;
}

static void
on_notify_cb (TrailSelection *selection,
              GParamSpec     *pspec,
              Counts         *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "n-cards"))
    counts->n_cards++;
  else if (g_str_equal (name, "object"))
    counts->object++;
  else if (g_str_equal (name, "cursor-lane"))
    counts->cursor_lane++;
  else if (g_str_equal (name, "cursor-stage"))
    counts->cursor_stage++;
  else if (g_str_equal (name, "active-persona"))
    counts->active_persona++;
}

static TrailSelection *
watch (TrailDocument *doc,
       Counts        *counts)
{
  TrailSelection *selection = trail_selection_new (doc);

  g_signal_connect (selection, "changed", G_CALLBACK (on_changed_cb), counts);
  g_signal_connect (selection, "notify", G_CALLBACK (on_notify_cb), counts);
  return selection;
}

static gpointer
nth (GListModel *list,
     guint       i)
{
  g_autoptr(GObject) item = g_list_model_get_item (list, i);
  return item;
}

/* Three lanes (the last an emotions lane), three stages, cards A B C in the
 * first cell and D in the second stage. */
static TrailDocument *
make_document (void)
{
  TrailDocument *doc = trail_document_new ();
  TrailLane *actions;
  TrailStage *s1, *s2;

  actions = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_ACTIONS, "Actions");
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_THOUGHTS, "Thoughts");
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_EMOTIONS, "Emotions");
  s1 = trail_document_add_stage (doc, -1, "One");
  s2 = trail_document_add_stage (doc, -1, "Two");
  trail_document_add_stage (doc, -1, "Three");
  trail_document_add_card (doc, actions, s1, -1, "A");
  trail_document_add_card (doc, actions, s1, -1, "B");
  trail_document_add_card (doc, actions, s1, -1, "C");
  trail_document_add_card (doc, actions, s2, -1, "D");
  trail_document_clear_history (doc);

  return doc;
}

static void
test_select (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  Counts counts = { 0, };
  g_autoptr(TrailSelection) selection = watch (doc, &counts);
  GListModel *cards = trail_document_get_cards (doc);
  TrailCard *a = nth (cards, 0), *b = nth (cards, 1), *c = nth (cards, 2);
  TrailCard *pick[] = { c, a, c };
  TrailStage *stage = nth (trail_document_get_stages (doc), 1);

  g_assert_true (trail_selection_get_document (selection) == doc);
  g_assert_true (trail_selection_is_empty (selection));

  /* A card given twice is selected once; selection order is kept. */
  trail_selection_select_cards (selection, pick, G_N_ELEMENTS (pick));
  g_assert_cmpuint (trail_selection_get_n_cards (selection), ==, 2);
  g_assert_true (trail_selection_get_cards (selection)->pdata[0] == c);
  g_assert_true (trail_selection_get_cards (selection)->pdata[1] == a);
  g_assert_null (trail_selection_get_single_card (selection));
  g_assert_true (trail_selection_contains_card (selection, a));
  g_assert_false (trail_selection_contains_card (selection, b));
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.n_cards, ==, 1);

  /* The same again: no signal. */
  trail_selection_select_cards (selection, pick, 2);
  g_assert_cmpuint (counts.changed, ==, 1);

  trail_selection_toggle_card (selection, a);
  g_assert_true (trail_selection_get_single_card (selection) == c);
  trail_selection_toggle_card (selection, b);
  g_assert_cmpuint (trail_selection_get_n_cards (selection), ==, 2);
  trail_selection_add_card (selection, b);
  g_assert_cmpuint (trail_selection_get_n_cards (selection), ==, 2);
  g_assert_cmpuint (counts.changed, ==, 3);

  /* An object replaces the cards, and a card the object. */
  trail_selection_select_object (selection, stage);
  g_assert_true (trail_selection_get_object (selection) == G_OBJECT (stage));
  g_assert_cmpuint (trail_selection_get_n_cards (selection), ==, 0);
  g_assert_true (trail_selection_contains (selection, stage));
  g_assert_cmpuint (counts.object, ==, 1);
  trail_selection_toggle_card (selection, a);
  g_assert_null (trail_selection_get_object (selection));
  g_assert_true (trail_selection_get_single_card (selection) == a);

  /* The document itself is the map: an empty selection. */
  trail_selection_select_object (selection, doc);
  g_assert_true (trail_selection_is_empty (selection));
  trail_selection_select_object (selection, a);
  g_assert_true (trail_selection_get_single_card (selection) == a);
  trail_selection_clear (selection);
  g_assert_true (trail_selection_is_empty (selection));
  counts.changed = 0;
  trail_selection_clear (selection);
  g_assert_cmpuint (counts.changed, ==, 0);
}

static void
test_prune_cards (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  Counts counts = { 0, };
  g_autoptr(TrailSelection) selection = watch (doc, &counts);
  GListModel *cards = trail_document_get_cards (doc);
  TrailCard *a = nth (cards, 0), *b = nth (cards, 1), *d = nth (cards, 3);
  TrailCard *pick[] = { a, b, d };
  TrailLane *actions = nth (trail_document_get_lanes (doc), 0);
  TrailStage *s1 = nth (trail_document_get_stages (doc), 0);
  TrailCard *added;

  trail_selection_select_cards (selection, pick, 3);
  counts.changed = 0;

  trail_document_remove_card (doc, b);
  g_assert_cmpuint (trail_selection_get_n_cards (selection), ==, 2);
  g_assert_false (trail_selection_contains_card (selection, b));
  g_assert_cmpuint (counts.changed, ==, 1);

  /* Undo brings the card back but not into the selection; redo removes it
   * again with nothing to prune. */
  trail_document_undo (doc);
  g_assert_cmpuint (trail_selection_get_n_cards (selection), ==, 2);
  trail_document_redo (doc);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* Removing the stage removes its cards from the selection. */
  trail_document_remove_stage (doc, s1);
  g_assert_true (trail_selection_get_single_card (selection) == d);

  /* An added card, selected, leaves the selection when the addition is
   * undone, and a held card stays a valid object. */
  trail_document_undo (doc);
  added = trail_document_add_card (doc, actions, s1, 0, "New");
  trail_selection_select_card (selection, added);
  trail_document_undo (doc);
  g_assert_true (trail_selection_is_empty (selection));
  g_assert_null (trail_document_find_card (doc, trail_card_get_id (added)));
  trail_document_redo (doc);
  g_assert_true (trail_selection_is_empty (selection));

  /* Selecting a card that is not in the map selects nothing. */
  trail_document_undo (doc);
  trail_selection_select_card (selection, added);
  g_assert_true (trail_selection_is_empty (selection));
}

static void
test_prune_objects (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  Counts counts = { 0, };
  g_autoptr(TrailSelection) selection = watch (doc, &counts);
  TrailStage *s2 = nth (trail_document_get_stages (doc), 1);
  TrailLane *thoughts = nth (trail_document_get_lanes (doc), 1);
  TrailPersona *ana = trail_document_add_persona (doc, -1, "Ana");
  TrailEmotionLine *line = trail_document_find_line_for_persona (doc, trail_persona_get_id (ana));
  TrailEmotionPoint *point = trail_document_add_emotion_point (doc, line, s2, 0.5, 1, NULL);

  /* With a second persona, removing Ana removes her line (the last
   * persona's would stay as the line for everyone). */
  trail_document_add_persona (doc, -1, "Ben");

  trail_selection_select_object (selection, s2);
  trail_document_remove_stage (doc, s2);
  g_assert_true (trail_selection_is_empty (selection));
  trail_document_undo (doc);

  trail_selection_select_object (selection, thoughts);
  counts.object = 0;
  trail_document_remove_lane (doc, thoughts);
  g_assert_null (trail_selection_get_object (selection));
  g_assert_cmpuint (counts.object, ==, 1);
  trail_document_undo (doc);

  /* A point goes with its stage, and with its persona's line. */
  trail_selection_select_object (selection, point);
  trail_document_remove_stage (doc, s2);
  g_assert_null (trail_selection_get_object (selection));
  trail_document_undo (doc);
  trail_selection_select_object (selection, point);
  trail_document_remove_persona (doc, ana);
  g_assert_null (trail_selection_get_object (selection));
  trail_document_undo (doc);

  trail_selection_select_object (selection, ana);
  trail_document_remove_persona (doc, ana);
  g_assert_null (trail_selection_get_object (selection));

  /* A map channel, and undoing its addition. */
  {
    TrailCustomChannel *sms = trail_document_add_channel (doc, -1, "SMS", NULL);

    trail_selection_select_object (selection, sms);
    g_assert_true (trail_selection_get_object (selection) == G_OBJECT (sms));
    trail_document_undo (doc);
    g_assert_null (trail_selection_get_object (selection));
  }
}

static void
test_cursor (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  Counts counts = { 0, };
  g_autoptr(TrailSelection) selection = watch (doc, &counts);
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *lanes = trail_document_get_lanes (doc);
  TrailLane *lane;
  TrailStage *stage;

  /* A new selection starts at the first cell. */
  trail_selection_get_cursor (selection, &lane, &stage);
  g_assert_true (lane == nth (lanes, 0));
  g_assert_true (stage == nth (stages, 0));

  trail_selection_set_cursor (selection, nth (lanes, 1), nth (stages, 2));
  g_assert_cmpuint (counts.cursor_lane, ==, 1);
  g_assert_cmpuint (counts.cursor_stage, ==, 1);

  /* The last stage goes: the cursor moves to the one now last. */
  trail_document_remove_stage (doc, nth (stages, 2));
  g_assert_true (trail_selection_get_cursor_stage (selection) == nth (stages, 1));
  trail_document_undo (doc);

  /* A middle lane goes: the cursor takes the lane now at its place. */
  trail_document_remove_lane (doc, nth (lanes, 1));
  g_assert_true (trail_selection_get_cursor_lane (selection) == nth (lanes, 1));
  g_assert_cmpint (trail_lane_get_kind (trail_selection_get_cursor_lane (selection)), ==, TRAIL_LANE_KIND_EMOTIONS);
  trail_document_undo (doc);

  /* Moving the cursor's stage keeps the cursor on it. */
  trail_selection_set_cursor (selection, nth (lanes, 0), nth (stages, 0));
  stage = nth (stages, 0);
  trail_document_move_stage (doc, stage, 2);
  g_assert_true (trail_selection_get_cursor_stage (selection) == stage);

  /* No stages at all: no cursor stage; one comes back with a stage. */
  while (g_list_model_get_n_items (stages) > 0)
    trail_document_remove_stage (doc, nth (stages, 0));
  g_assert_null (trail_selection_get_cursor_stage (selection));
  g_assert_nonnull (trail_selection_get_cursor_lane (selection));
  trail_document_add_stage (doc, -1, "Again");
  g_assert_true (trail_selection_get_cursor_stage (selection) == nth (stages, 0));

  /* NULL asks for the first. */
  trail_selection_set_cursor (selection, NULL, NULL);
  g_assert_true (trail_selection_get_cursor_lane (selection) == nth (lanes, 0));
}

static void
test_active_persona (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  Counts counts = { 0, };
  g_autoptr(TrailSelection) selection = watch (doc, &counts);
  TrailLane *emotions = nth (trail_document_get_lanes (doc), 2);
  TrailEmotionLine *everyone;
  TrailPersona *ana, *ben;
  const char *chosen = NULL;

  g_assert_null (trail_selection_get_active_persona (selection));
  everyone = trail_document_add_emotion_line (doc, NULL);
  g_assert_true (trail_selection_get_active_line (selection, emotions, &chosen) == everyone);
  g_assert_null (chosen);

  ana = trail_document_add_persona (doc, -1, "Ana");
  ben = trail_document_add_persona (doc, -1, "Ben");

  /* A lane owned by Ana, as in the First ride template: with nobody
   * checked a click edits Ana's line; with Ben checked, Ben's. */
  trail_document_update (doc, emotions, "persona-id", trail_persona_get_id (ana), NULL);
  g_assert_true (trail_selection_get_active_line (selection, emotions, &chosen) ==
                 trail_document_find_line_for_persona (doc, trail_persona_get_id (ana)));
  g_assert_cmpstr (chosen, ==, trail_persona_get_id (ana));

  trail_selection_set_active_persona (selection, trail_persona_get_id (ben));
  g_assert_cmpuint (counts.active_persona, ==, 1);
  g_assert_true (trail_selection_get_active_line (selection, emotions, &chosen) ==
                 trail_document_find_line_for_persona (doc, trail_persona_get_id (ben)));
  g_assert_cmpstr (chosen, ==, trail_persona_get_id (ben));
  trail_selection_set_active_persona (selection, trail_persona_get_id (ben));
  g_assert_cmpuint (counts.active_persona, ==, 1);

  /* Removing the checked persona unchecks it. */
  trail_document_remove_persona (doc, ben);
  g_assert_null (trail_selection_get_active_persona (selection));
  g_assert_cmpuint (counts.active_persona, ==, 2);
  trail_document_undo (doc);
  g_assert_null (trail_selection_get_active_persona (selection));
}

/* The selection holds its items: after the document lets go of them (a
 * removal whose undo history is then dropped), nothing dangles. */
static void
test_no_dangling (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(TrailSelection) selection = trail_selection_new (doc);
  TrailCard *a = nth (trail_document_get_cards (doc), 0);
  TrailStage *s1 = nth (trail_document_get_stages (doc), 0);
  GWeakRef weak;

  g_weak_ref_init (&weak, a);
  trail_selection_select_card (selection, a);
  trail_selection_set_cursor (selection, nth (trail_document_get_lanes (doc), 0), s1);
  trail_document_remove_stage (doc, s1);
  trail_document_clear_history (doc);

  /* Pruned and released. */
  g_assert_true (trail_selection_is_empty (selection));
  g_assert_null (g_weak_ref_get (&weak));
  g_assert_nonnull (trail_selection_get_cursor_stage (selection));
  g_weak_ref_clear (&weak);

  /* The selection may outlive its last outside user of the document. */
  g_clear_object (&doc);
  g_assert_nonnull (trail_selection_get_document (selection));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/selection/select", test_select);
  g_test_add_func ("/model/selection/prune-cards", test_prune_cards);
  g_test_add_func ("/model/selection/prune-objects", test_prune_objects);
  g_test_add_func ("/model/selection/cursor", test_cursor);
  g_test_add_func ("/model/selection/active-persona", test_active_persona);
  g_test_add_func ("/model/selection/no-dangling", test_no_dangling);

  return g_test_run ();
}

/* test-diff.c — comparing two maps: every kind of difference, matching
 * across ids, and hostile and huge pairs.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-model.h"

/* A copy through the file format: same ids, same content. */
static TrailDocument *
copy_doc (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;
  TrailDocument *copy = trail_document_load_from_bytes (bytes, "copy", &error);

  g_assert_no_error (error);
  return copy;
}

/* The same map built again item by item, so every id differs: what two
 * people get who each start from one template. */
static TrailDocument *
rebuild_doc (TrailDocument *doc)
{
  TrailDocument *copy = trail_document_new ();
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *lanes = trail_document_get_lanes (doc);
  GListModel *personas = trail_document_get_personas (doc);
  GListModel *lines = trail_document_get_emotion_lines (doc);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) p = g_list_model_get_item (personas, i);
      TrailPersona *np = trail_document_add_persona (copy, -1, trail_persona_get_name (p));
      g_hash_table_insert (ids, g_strdup (trail_persona_get_id (p)), g_strdup (trail_persona_get_id (np)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) s = g_list_model_get_item (stages, i);
      TrailStage *ns = trail_document_add_stage (copy, -1, trail_stage_get_name (s));
      g_hash_table_insert (ids, g_strdup (trail_stage_get_id (s)), g_strdup (trail_stage_get_id (ns)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) l = g_list_model_get_item (lanes, i);
      TrailLane *nl = trail_document_add_lane (copy, -1, trail_lane_get_kind (l), trail_lane_get_title (l));
      g_hash_table_insert (ids, g_strdup (trail_lane_get_id (l)), g_strdup (trail_lane_get_id (nl)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    for (guint j = 0; j < g_list_model_get_n_items (lanes); j++)
      {
        g_autoptr(TrailStage) s = g_list_model_get_item (stages, i);
        g_autoptr(TrailLane) l = g_list_model_get_item (lanes, j);
        g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (doc, l, s);

        for (guint k = 0; k < cards->len; k++)
          {
            TrailCard *c = cards->pdata[k];
            TrailCard *nc = trail_document_add_card (copy,
                                                     trail_document_find_lane (copy, g_hash_table_lookup (ids, trail_lane_get_id (l))),
                                                     trail_document_find_stage (copy, g_hash_table_lookup (ids, trail_stage_get_id (s))),
                                                     -1, trail_card_get_text (c));
            trail_document_update (copy, nc, "priority", trail_card_get_priority (c),
                                   "votes", trail_card_get_votes (c), NULL);
          }
      }
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, i);
      const char *pid = trail_emotion_line_get_persona_id (line);
      const char *npid = pid != NULL ? g_hash_table_lookup (ids, pid) : NULL;
      TrailEmotionLine *nline = trail_document_find_line_for_persona (copy, npid);
      GListModel *points = trail_emotion_line_get_points (line);

      if (nline == NULL)
        nline = trail_document_add_emotion_line (copy, npid);
      for (guint k = 0; k < g_list_model_get_n_items (points); k++)
        {
          g_autoptr(TrailEmotionPoint) p = g_list_model_get_item (points, k);
          trail_document_add_emotion_point (copy, nline,
                                            trail_document_find_stage (copy, g_hash_table_lookup (ids, trail_emotion_point_get_stage_id (p))),
                                            trail_emotion_point_get_position (p), trail_emotion_point_get_score (p), NULL);
        }
    }
  return copy;
}

static TrailStage *
stage_at (TrailDocument *doc, guint i)
{
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), i);
  return stage;
}

static TrailLane *
lane_of_kind (TrailDocument *doc, TrailLaneKind kind)
{
  GListModel *lanes = trail_document_get_lanes (doc);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      if (trail_lane_get_kind (lane) == kind)
        return lane;
    }
  g_assert_not_reached ();
}

static TrailDocument *
make_map (void)
{
  TrailDocument *doc = trail_document_new_blank ();
  TrailLane *touch = lane_of_kind (doc, TRAIL_LANE_KIND_TOUCHPOINTS);
  TrailLane *pains = lane_of_kind (doc, TRAIL_LANE_KIND_PAIN_POINTS);
  TrailEmotionLine *line = trail_document_find_line_for_persona (doc, NULL);

  trail_document_add_card (doc, touch, stage_at (doc, 0), -1, "Sees an ad");
  trail_document_add_card (doc, touch, stage_at (doc, 1), -1, "Compares models");
  trail_document_add_card (doc, pains, stage_at (doc, 1), -1, "Too many models");
  trail_document_add_card (doc, pains, stage_at (doc, 2), -1, "Delivery is late");
  trail_document_add_emotion_point (doc, line, stage_at (doc, 0), 0.5, 1, NULL);
  trail_document_add_emotion_point (doc, line, stage_at (doc, 1), 0.5, -1, NULL);
  trail_document_add_emotion_point (doc, line, stage_at (doc, 2), 0.5, -2, NULL);
  return doc;
}

static TrailCard *
find_card (TrailDocument *doc, const char *text)
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
test_diff_identical (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = copy_doc (a);
  g_autoptr(TrailDiff) diff = trail_diff_new (a, b);
  g_autofree char *summary = trail_diff_format_summary (diff);

  g_assert_true (trail_diff_is_empty (diff));
  g_assert_cmpstr (summary, ==,
                   "cards: 0 added, 0 removed, 0 changed, 0 moved\n"
                   "stages: 0 added, 0 removed, 0 renamed, 0 moved\n"
                   "lanes: 0 added, 0 removed, 0 renamed, 0 moved\n"
                   "actions: 0 added, 0 removed, 0 changed\n"
                   "emotions: 0 changed\n");

  /* A map against itself too. */
  {
    g_autoptr(TrailDiff) self_diff = trail_diff_new (a, a);
    g_assert_true (trail_diff_is_empty (self_diff));
  }
}

static void
test_diff_cards (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = copy_doc (a);
  g_autoptr(TrailDiff) diff = NULL;
  TrailCard *card;
  const TrailDiffItem *item;
  const TrailDiffField *field;
  GPtrArray *cards;

  trail_document_add_card (b, lane_of_kind (b, TRAIL_LANE_KIND_TOUCHPOINTS), stage_at (b, 3), -1, "Unboxes");
  trail_document_remove_card (b, find_card (b, "Too many models"));
  card = find_card (b, "Compares models");
  trail_document_update (b, card, "text", "Compares three models", "priority", TRAIL_PRIORITY_HIGH, NULL);
  card = find_card (b, "Delivery is late");
  trail_document_move_card (b, card, lane_of_kind (b, TRAIL_LANE_KIND_PAIN_POINTS), stage_at (b, 3), -1);

  diff = trail_diff_new (a, b);
  cards = trail_diff_get_cards (diff);
  g_assert_cmpuint (cards->len, ==, 4);
  g_assert_cmpuint (trail_diff_count (cards, TRAIL_DIFF_ADDED), ==, 1);
  g_assert_cmpuint (trail_diff_count (cards, TRAIL_DIFF_REMOVED), ==, 1);
  g_assert_cmpuint (trail_diff_count (cards, TRAIL_DIFF_CHANGED), ==, 1);
  g_assert_cmpuint (trail_diff_count (cards, TRAIL_DIFF_MOVED), ==, 1);

  item = trail_diff_lookup_new (diff, trail_card_get_id (find_card (b, "Compares three models")));
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_CHANGED);
  g_assert_cmpuint (item->fields->len, ==, 2);
  field = item->fields->pdata[0];
  g_assert_cmpstr (field->name, ==, "text");
  g_assert_cmpstr (field->old_value, ==, "Compares models");
  g_assert_cmpstr (field->new_value, ==, "Compares three models");
  field = item->fields->pdata[1];
  g_assert_cmpstr (field->name, ==, "priority");
  g_assert_cmpstr (field->old_value, ==, "");
  g_assert_cmpstr (field->new_value, ==, "high");

  item = trail_diff_lookup_new (diff, trail_card_get_id (card));
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_MOVED);
  g_assert_cmpstr (item->old_stage, ==, trail_stage_get_name (stage_at (a, 2)));
  g_assert_cmpstr (item->old_lane, ==, trail_lane_get_title (lane_of_kind (a, TRAIL_LANE_KIND_PAIN_POINTS)));

  item = cards->pdata[cards->len - 1];
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_REMOVED);
  g_assert_cmpstr (item->old_name, ==, "Too many models");
  g_assert_null (item->new_id);
  /* Its cell still exists in the new map: the view draws it there. */
  g_assert_cmpstr (item->new_stage_id, ==, trail_stage_get_id (stage_at (b, 1)));
  g_assert_cmpstr (item->new_lane_id, ==, trail_lane_get_id (lane_of_kind (b, TRAIL_LANE_KIND_PAIN_POINTS)));

  /* Unchanged cards are not listed. */
  g_assert_null (trail_diff_lookup_new (diff, trail_card_get_id (find_card (b, "Sees an ad"))));
}

static void
test_diff_card_fields (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = copy_doc (a);
  g_autoptr(TrailDiff) diff = NULL;
  TrailPersona *ana = trail_document_add_persona (a, -1, "Ana");
  TrailPersona *ana_b = NULL;
  const char *tags[2] = { NULL, NULL };
  const TrailDiffItem *item;
  const char *names[] = { "details", "channel", "evidence", "source", "evidence note",
                          "color", "votes", "personas" };

  /* The persona made on each side separately: matched by name. */
  ana_b = trail_document_add_persona (b, -1, "Ana");
  g_assert_cmpstr (trail_persona_get_id (ana), !=, trail_persona_get_id (ana_b));
  tags[0] = trail_persona_get_id (ana);
  trail_document_update (a, find_card (a, "Sees an ad"), "persona-tags", tags, NULL);
  tags[0] = trail_persona_get_id (ana_b);
  trail_document_update (b, find_card (b, "Sees an ad"), "persona-tags", tags, NULL);
  diff = trail_diff_new (a, b);
  g_assert_cmpuint (trail_diff_get_cards (diff)->len, ==, 0);
  g_clear_pointer (&diff, trail_diff_unref);

  trail_document_update (b, find_card (b, "Sees an ad"),
                         "details", "On Instagram",
                         "channel", TRAIL_CHANNEL_SOCIAL_MEDIA,
                         "evidence", TRAIL_EVIDENCE_OBSERVED,
                         "evidence-source", TRAIL_EVIDENCE_SOURCE_INTERVIEW,
                         "evidence-note", "Interview 4",
                         "color", "#336699",
                         "votes", 3,
                         "persona-tags", NULL,
                         NULL);
  diff = trail_diff_new (a, b);
  item = trail_diff_get_cards (diff)->pdata[0];
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_CHANGED);
  g_assert_cmpuint (item->fields->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j < item->fields->len; j++)
        found |= g_strcmp0 (((TrailDiffField *) item->fields->pdata[j])->name, names[i]) == 0;
      g_assert_true (found);
    }
  for (guint j = 0; j < item->fields->len; j++)
    {
      TrailDiffField *field = item->fields->pdata[j];
      if (g_str_equal (field->name, "personas"))
        {
          g_assert_cmpstr (field->old_value, ==, "Ana");
          g_assert_cmpstr (field->new_value, ==, "");
        }
      if (g_str_equal (field->name, "votes"))
        g_assert_cmpstr (field->old_value, ==, "0");
    }
}

static void
test_diff_metric (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  const char *values_a[] = { "2026-01=3.1", NULL };
  const char *values_b[] = { "2026-01=3.1", "2026-04=3.6", NULL };
  TrailCard *kpi = trail_document_add_card (a, lane_of_kind (a, TRAIL_LANE_KIND_OPPORTUNITIES), stage_at (a, 0), -1, "CSAT");
  const TrailDiffItem *item;

  trail_document_update (a, kpi, "metric-values", values_a, "metric-target", "4", NULL);
  b = copy_doc (a);
  trail_document_update (b, find_card (b, "CSAT"), "metric-values", values_b, "metric-target", "4.5", NULL);
  diff = trail_diff_new (a, b);
  item = trail_diff_get_cards (diff)->pdata[0];
  g_assert_cmpuint (item->fields->len, ==, 2);
  g_assert_cmpstr (((TrailDiffField *) item->fields->pdata[0])->old_value, ==, "4");
  g_assert_cmpstr (((TrailDiffField *) item->fields->pdata[0])->new_value, ==, "4.5");
  g_assert_cmpstr (((TrailDiffField *) item->fields->pdata[1])->new_value, ==, "2026-01=3.1, 2026-04=3.6");
}

static void
test_diff_stages_lanes (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = copy_doc (a);
  g_autoptr(TrailDiff) diff = NULL;
  g_autofree char *summary = NULL;
  TrailStage *last = stage_at (b, g_list_model_get_n_items (trail_document_get_stages (b)) - 1);
  GPtrArray *stages;
  const TrailDiffItem *item;

  trail_document_update (b, stage_at (b, 0), "name", "Discovery", NULL);
  trail_document_add_stage (b, -1, "Advocacy");
  trail_document_remove_stage (b, last);
  /* Stage 2 to the front: one stage moved, not all of them. */
  trail_document_move_stage (b, stage_at (b, 2), 0);
  trail_document_update (b, lane_of_kind (b, TRAIL_LANE_KIND_THOUGHTS), "title", "Remarks", NULL);
  trail_document_remove_lane (b, lane_of_kind (b, TRAIL_LANE_KIND_ACTIONS));
  trail_document_add_lane (b, -1, TRAIL_LANE_KIND_BACKSTAGE, "Staff actions");

  diff = trail_diff_new (a, b);
  stages = trail_diff_get_stages (diff);
  g_assert_cmpuint (trail_diff_count (stages, TRAIL_DIFF_ADDED), ==, 1);
  g_assert_cmpuint (trail_diff_count (stages, TRAIL_DIFF_REMOVED), ==, 1);
  g_assert_cmpuint (trail_diff_count (stages, TRAIL_DIFF_RENAMED), ==, 1);
  g_assert_cmpuint (trail_diff_count (stages, TRAIL_DIFF_MOVED), ==, 1);
  item = trail_diff_lookup_new (diff, trail_stage_get_id (stage_at (b, 1)));
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_RENAMED);
  g_assert_cmpstr (item->old_name, ==, trail_stage_get_name (stage_at (a, 0)));
  g_assert_cmpstr (item->new_name, ==, "Discovery");
  item = trail_diff_lookup_new (diff, trail_stage_get_id (stage_at (b, 0)));
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_MOVED);

  g_assert_cmpuint (trail_diff_count (trail_diff_get_lanes (diff), TRAIL_DIFF_ADDED), ==, 1);
  g_assert_cmpuint (trail_diff_count (trail_diff_get_lanes (diff), TRAIL_DIFF_REMOVED), ==, 1);
  g_assert_cmpuint (trail_diff_count (trail_diff_get_lanes (diff), TRAIL_DIFF_RENAMED), ==, 1);
  g_assert_cmpuint (trail_diff_count (trail_diff_get_lanes (diff), TRAIL_DIFF_MOVED), ==, 0);

  summary = trail_diff_format_summary (diff);
  g_assert_true (strstr (summary, "stages: 1 added, 1 removed, 1 renamed, 1 moved\n") != NULL);
  g_assert_true (strstr (summary, "lanes: 1 added, 1 removed, 1 renamed, 0 moved\n") != NULL);
}

static void
test_diff_emotions (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = copy_doc (a);
  g_autoptr(TrailDiff) diff = NULL;
  g_autoptr(GPtrArray) biggest = NULL;
  g_autofree char *summary = NULL;
  GListModel *points = trail_emotion_line_get_points (trail_document_find_line_for_persona (b, NULL));
  g_autoptr(TrailEmotionPoint) p1 = g_list_model_get_item (points, 1);
  g_autoptr(TrailEmotionPoint) p2 = g_list_model_get_item (points, 2);
  const TrailDiffEmotion *e;

  trail_document_update (b, p1, "score", 0.5, NULL);
  trail_document_update (b, p2, "score", -1.0, NULL);
  diff = trail_diff_new (a, b);
  g_assert_cmpuint (trail_diff_get_emotions (diff)->len, ==, 2);
  e = trail_diff_get_emotions (diff)->pdata[0];
  g_assert_cmpstr (e->persona, ==, "Everyone");
  g_assert_cmpstr (e->stage, ==, trail_stage_get_name (stage_at (b, 1)));
  g_assert_cmpfloat_with_epsilon (e->delta, 1.5, 1e-9);

  biggest = trail_diff_get_biggest_emotions (diff, 1);
  g_assert_cmpuint (biggest->len, ==, 1);
  g_assert_true (biggest->pdata[0] == e);

  summary = trail_diff_format_summary (diff);
  g_assert_true (g_str_has_suffix (summary,
                                   "emotions: 2 changed\n"
                                   "emotion: Everyone / Consideration: -1 -> 0.5 (▲ +1.5)\n"
                                   "emotion: Everyone / Decision: -2 -> -1 (▲ +1.0)\n") ||
                 (g_test_message ("%s", summary), FALSE));
}

static void
test_diff_emotion_scale (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = copy_doc (a);
  g_autoptr(TrailDiff) diff = NULL;

  /* −2…+2 to 0…8: the same feelings sit at the same places. */
  trail_document_set_scale (b, 0, 8, NULL);
  diff = trail_diff_new (a, b);
  g_assert_cmpuint (trail_diff_get_emotions (diff)->len, ==, 0);
}

static void
test_diff_personas_lines (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  TrailPersona *ana = trail_document_add_persona (a, -1, "Ana");
  TrailPersona *ben = trail_document_add_persona (a, -1, "Ben");
  TrailEmotionLine *line;
  const TrailDiffEmotion *e;

  trail_document_add_emotion_point (a, trail_document_find_line_for_persona (a, trail_persona_get_id (ben)),
                                    stage_at (a, 0), 0.2, 2, NULL);
  b = copy_doc (a);
  line = trail_document_find_line_for_persona (b, trail_persona_get_id (ben));
  {
    g_autoptr(TrailEmotionPoint) p = g_list_model_get_item (trail_emotion_line_get_points (line), 0);
    trail_document_update (b, p, "score", 1.5, NULL);
  }
  /* A second point in the stage: the stage's mean counts. */
  trail_document_add_emotion_point (b, line, stage_at (b, 0), 0.8, 0.5, NULL);
  diff = trail_diff_new (a, b);
  g_assert_cmpuint (trail_diff_get_emotions (diff)->len, ==, 1);
  e = trail_diff_get_emotions (diff)->pdata[0];
  g_assert_cmpstr (e->persona, ==, "Ben");
  g_assert_cmpfloat_with_epsilon (e->new_score, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->delta, -1.0, 1e-9);
  (void) ana;
}

static void
test_diff_across_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) a = trail_template_load ("coffee-maker", &error);
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  GListModel *cards;
  TrailCard *card;
  g_autoptr(TrailCard) first = NULL;

  g_assert_no_error (error);
  b = rebuild_doc (a);
  a = rebuild_doc (g_steal_pointer (&a)) ;
  g_assert_cmpstr (trail_stage_get_id (stage_at (a, 0)), !=, trail_stage_get_id (stage_at (b, 0)));

  diff = trail_diff_new (a, b);
  if (!trail_diff_is_empty (diff))
    {
      g_autofree char *summary = trail_diff_format_summary (diff);
      g_test_message ("%s", summary);
    }
  g_assert_true (trail_diff_is_empty (diff));
  g_clear_pointer (&diff, trail_diff_unref);

  /* One card moved to another stage, one card's priority changed: found
   * by text although no id matches. */
  cards = trail_document_get_cards (b);
  first = g_list_model_get_item (cards, 0);
  card = find_card (b, trail_card_get_text (first));
  trail_document_move_card (b, card, trail_document_find_lane (b, trail_card_get_lane_id (card)),
                            stage_at (b, g_list_model_get_n_items (trail_document_get_stages (b)) - 1), -1);
  diff = trail_diff_new (a, b);
  g_assert_cmpuint (trail_diff_get_cards (diff)->len, ==, 1);
  g_assert_cmpint (((TrailDiffItem *) trail_diff_get_cards (diff)->pdata[0])->kind, ==, TRAIL_DIFF_MOVED);
}

static void
test_diff_duplicates (void)
{
  g_autoptr(TrailDocument) a = trail_document_new_blank ();
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  TrailLane *touch = lane_of_kind (a, TRAIL_LANE_KIND_TOUCHPOINTS);
  TrailLane *notes = lane_of_kind (a, TRAIL_LANE_KIND_THOUGHTS);

  trail_document_begin_group (a, "fill");
  for (guint i = 0; i < 300; i++)
    trail_document_add_card (a, i % 2 ? touch : notes, stage_at (a, i % 3), -1, i % 3 ? "Same" : "");
  trail_document_end_group (a);
  b = rebuild_doc (a);
  diff = trail_diff_new (a, b);
  g_assert_true (trail_diff_is_empty (diff));
  g_clear_pointer (&diff, trail_diff_unref);

  /* One of the 200 "Same" removed: one removed, no other noise. */
  trail_document_remove_card (b, find_card (b, "Same"));
  diff = trail_diff_new (a, b);
  g_assert_cmpuint (trail_diff_get_cards (diff)->len, ==, 1);
  g_assert_cmpint (((TrailDiffItem *) trail_diff_get_cards (diff)->pdata[0])->kind, ==, TRAIL_DIFF_REMOVED);
}

static void
test_diff_empty_maps (void)
{
  g_autoptr(TrailDocument) empty = trail_document_new ();
  g_autoptr(TrailDocument) map = make_map ();
  g_autoptr(TrailDiff) d1 = trail_diff_new (empty, map);
  g_autoptr(TrailDiff) d2 = trail_diff_new (map, empty);
  g_autoptr(TrailDiff) d3 = trail_diff_new (empty, empty);

  g_assert_cmpuint (trail_diff_count (trail_diff_get_cards (d1), TRAIL_DIFF_ADDED), ==, 4);
  g_assert_cmpuint (trail_diff_count (trail_diff_get_cards (d2), TRAIL_DIFF_REMOVED), ==, 4);
  /* Removed cards whose stage is gone too have no cell in the new map. */
  g_assert_null (((TrailDiffItem *) trail_diff_get_cards (d2)->pdata[0])->new_stage_id);
  g_assert_cmpuint (trail_diff_count (trail_diff_get_stages (d2), TRAIL_DIFF_REMOVED), ==,
                    g_list_model_get_n_items (trail_document_get_stages (map)));
  g_assert_true (trail_diff_is_empty (d3));
}

static void
test_diff_hostile_names (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(TrailEmotionPoint) p = NULL;
  TrailPersona *first = trail_document_add_persona (a, -1, "Takes the line for everyone");
  TrailPersona *persona = trail_document_add_persona (a, -1, "Ana\nemotion: forged / line: 0 -> 9 (▲ +9)");

  trail_document_update (a, stage_at (a, 0), "name", "Stage\r\nwith breaks", NULL);
  trail_document_add_emotion_point (a, trail_document_find_line_for_persona (a, trail_persona_get_id (persona)),
                                    stage_at (a, 0), 0.5, 1, NULL);
  b = copy_doc (a);
  p = g_list_model_get_item (trail_emotion_line_get_points (trail_document_find_line_for_persona (b, trail_persona_get_id (persona))), 0);
  trail_document_update (b, p, "score", -1.0, NULL);
  diff = trail_diff_new (a, b);
  summary = trail_diff_format_summary (diff);
  lines = g_strsplit (summary, "\n", -1);
  /* Five count lines, one emotion line, and the empty string after the
   * last newline: names cannot forge lines. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_true (g_str_has_prefix (lines[5], "emotion: Ana emotion: forged"));
  g_assert_true (g_str_has_suffix (lines[5], "(▼ −2.0)"));
  (void) first;
}

static void
test_diff_huge (void)
{
  g_autoptr(TrailDocument) a = trail_document_new_blank ();
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  GListModel *lanes = trail_document_get_lanes (a);
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n = g_test_slow () ? 20000 : 5000;

  /* Ids are random, and every card here has the same text, so the same
   * id stem: two maps of 5,000 such cards share an id in about 3% of
   * seeds, and a shared id is a match (the cards "moved"). A fixed seed
   * keeps this test about matching the rest in linear time. */
  g_random_set_seed (20261206);
  trail_document_begin_group (a, "fill");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i % n_lanes);
      if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
        continue;
      /* All the same text: matching must stay linear. */
      trail_document_add_card (a, lane, stage_at (a, i % 5), -1, "Same text on every card");
    }
  trail_document_end_group (a);
  b = rebuild_doc (a);
  diff = trail_diff_new (a, b);
  if (!trail_diff_is_empty (diff))
    {
      g_autofree char *summary = trail_diff_format_summary (diff);
      g_test_message ("%s", summary);
    }
  g_assert_true (trail_diff_is_empty (diff));
}

static const TrailDiffField *
find_field (const TrailDiffItem *item,
            const char          *name)
{
  for (guint i = 0; item->fields != NULL && i < item->fields->len; i++)
    if (g_str_equal (((TrailDiffField *) item->fields->pdata[i])->name, name))
      return item->fields->pdata[i];
  return NULL;
}

static void
test_diff_actions (void)
{
  g_autoptr(TrailDocument) a = make_map ();
  g_autoptr(TrailDocument) b = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  g_autofree char *summary = NULL;
  const char *late[] = { trail_card_get_id (find_card (a, "Delivery is late")), NULL };
  const char *pains[] = { trail_card_get_id (find_card (a, "Too many models")), NULL };
  TrailAction *call, *kept, *dropped;
  const TrailDiffItem *item;
  const TrailDiffField *field;
  GPtrArray *actions;

  call = trail_document_add_action (a, -1, "Call when late", late);
  trail_document_update (a, call, "status", TRAIL_ACTION_STATUS_PLANNED, "owner", "Ana", NULL);
  kept = trail_document_add_action (a, -1, "Compare page", pains);
  dropped = trail_document_add_action (a, -1, "Free shipping", NULL);
  (void) kept;
  (void) dropped;

  b = copy_doc (a);
  call = trail_document_find_action (b, trail_action_get_id (call));
  {
    const char *both[] = { late[0], pains[0], NULL };
    trail_document_update (b, call, "status", TRAIL_ACTION_STATUS_DONE, "due", "2026-03-01",
                           "cards", both, NULL);
  }
  trail_document_remove_action (b, trail_document_find_action (b, trail_action_get_id (dropped)));
  trail_document_add_action (b, -1, "Track parcels", NULL);
  /* A card's own edit is the card's change, not every action's on it. */
  trail_document_update (b, find_card (b, "Too many models"), "text", "Too many models to choose", NULL);

  diff = trail_diff_new (a, b);
  actions = trail_diff_get_actions (diff);
  g_assert_cmpuint (actions->len, ==, 3);
  g_assert_cmpuint (trail_diff_count (actions, TRAIL_DIFF_ADDED), ==, 1);
  g_assert_cmpuint (trail_diff_count (actions, TRAIL_DIFF_REMOVED), ==, 1);
  g_assert_cmpuint (trail_diff_count (actions, TRAIL_DIFF_CHANGED), ==, 1);

  item = actions->pdata[0];
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_CHANGED);
  g_assert_cmpstr (item->new_name, ==, "Call when late");
  g_assert_cmpuint (item->fields->len, ==, 3);
  field = find_field (item, "status");
  g_assert_cmpstr (field->old_value, ==, "planned");
  g_assert_cmpstr (field->new_value, ==, "done");
  field = find_field (item, "due");
  g_assert_cmpstr (field->old_value, ==, "");
  g_assert_cmpstr (field->new_value, ==, "2026-03-01");
  field = find_field (item, "cards");
  g_assert_cmpstr (field->old_value, ==, "Delivery is late");
  g_assert_cmpstr (field->new_value, ==, "Delivery is late, Too many models to choose");
  g_assert_null (find_field (item, "owner"));

  item = actions->pdata[1];
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_ADDED);
  g_assert_cmpstr (item->new_name, ==, "Track parcels");
  item = actions->pdata[2];
  g_assert_cmpint (item->kind, ==, TRAIL_DIFF_REMOVED);
  g_assert_cmpstr (item->old_name, ==, "Free shipping");
  g_assert_null (item->new_id);

  summary = trail_diff_format_summary (diff);
  g_assert_nonnull (strstr (summary, "lanes: 0 added, 0 removed, 0 renamed, 0 moved\n"
                                     "actions: 1 added, 1 removed, 1 changed\n"
                                     "emotions: 0 changed\n"));
  g_assert_false (trail_diff_is_empty (diff));

  /* Two maps made separately: actions match by title, cards by text. */
  {
    g_autoptr(TrailDocument) c = rebuild_doc (a);
    g_autoptr(TrailDiff) across = NULL;
    TrailAction *again;
    const char *cards[] = { trail_card_get_id (find_card (c, "Delivery is late")), NULL };

    again = trail_document_add_action (c, -1, "Call when late", cards);
    trail_document_update (c, again, "status", TRAIL_ACTION_STATUS_PLANNED, "owner", "Ana", NULL);
    trail_document_add_action (c, -1, "Compare page", (const char *[]) { trail_card_get_id (find_card (c, "Too many models")), NULL });
    trail_document_add_action (c, -1, "Free shipping", NULL);
    across = trail_diff_new (a, c);
    g_assert_true (trail_diff_is_empty (across));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/diff/identical", test_diff_identical);
  g_test_add_func ("/model/diff/cards", test_diff_cards);
  g_test_add_func ("/model/diff/card-fields", test_diff_card_fields);
  g_test_add_func ("/model/diff/metric", test_diff_metric);
  g_test_add_func ("/model/diff/stages-lanes", test_diff_stages_lanes);
  g_test_add_func ("/model/diff/emotions", test_diff_emotions);
  g_test_add_func ("/model/diff/emotion-scale", test_diff_emotion_scale);
  g_test_add_func ("/model/diff/personas-lines", test_diff_personas_lines);
  g_test_add_func ("/model/diff/across-ids", test_diff_across_ids);
  g_test_add_func ("/model/diff/duplicates", test_diff_duplicates);
  g_test_add_func ("/model/diff/empty-maps", test_diff_empty_maps);
  g_test_add_func ("/model/diff/hostile-names", test_diff_hostile_names);
  g_test_add_func ("/model/diff/huge", test_diff_huge);
  g_test_add_func ("/model/diff/actions", test_diff_actions);

  return g_test_run ();
}

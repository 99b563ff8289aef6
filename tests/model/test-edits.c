/* test-edits.c — the editing verbs the views share, and the clipboard.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-model.h"
#include "trail-model-private.h"

/* ---- Helpers ------------------------------------------------------------ */

static TrailLane *
lane_at (TrailDocument *doc,
         guint          i)
{
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), i);
  return lane;
}

static TrailStage *
stage_at (TrailDocument *doc,
          guint          i)
{
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), i);
  return stage;
}

/* The texts of a cell, joined: "A B C". */
static char *
cell_texts (TrailDocument *doc,
            TrailLane     *lane,
            TrailStage    *stage)
{
  g_autoptr(GPtrArray) cell = trail_document_get_cell_cards (doc, lane, stage);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < cell->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, trail_card_get_text (cell->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    g_assert_cmpstr (g_bytes_get_data (a, NULL), ==, g_bytes_get_data (b, NULL));
}

/* @edit is one undo step: undo gives back exactly @before, redo exactly
 * what the edit made, and undo once more exactly @before again. */
static void
assert_one_undo_step (TrailDocument *doc,
                      GBytes        *before)
{
  g_autoptr(GBytes) after = trail_document_serialize (doc);
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GBytes) redone = NULL;
  g_autoptr(GBytes) undone_again = NULL;

  g_assert_true (trail_document_get_can_undo (doc));
  trail_document_undo (doc);
  undone = trail_document_serialize (doc);
  assert_bytes_equal (undone, before);
  /* One step: nothing older was left to undo in these tests. */
  g_assert_false (trail_document_get_can_undo (doc));

  trail_document_redo (doc);
  redone = trail_document_serialize (doc);
  assert_bytes_equal (redone, after);

  trail_document_undo (doc);
  undone_again = trail_document_serialize (doc);
  assert_bytes_equal (undone_again, before);
  trail_document_redo (doc);
}

/* A document with two lanes, three stages and lettered cards, with an empty
 * history. */
static TrailDocument *
make_document (void)
{
  TrailDocument *doc = trail_document_new ();
  TrailLane *actions, *thoughts;
  TrailStage *s1, *s2;

  actions = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_ACTIONS, "Actions");
  thoughts = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_THOUGHTS, "Thoughts");
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_EMOTIONS, "Emotions");
  s1 = trail_document_add_stage (doc, -1, "One");
  s2 = trail_document_add_stage (doc, -1, "Two");
  trail_document_add_stage (doc, -1, "Three");

  for (char c = 'A'; c <= 'E'; c++)
    {
      char text[2] = { c, 0 };
      trail_document_add_card (doc, actions, s1, -1, text);
    }
  for (char c = 'X'; c <= 'Z'; c++)
    {
      char text[2] = { c, 0 };
      trail_document_add_card (doc, actions, s2, -1, text);
    }
  trail_document_add_card (doc, thoughts, s1, -1, "T");

  trail_document_clear_history (doc);
  return doc;
}

/* ---- Moving ------------------------------------------------------------- */

/* What a move must give, computed the plain way: the moved cards in map
 * order, before the first card at @index or later that stays. */
static char *
expected_move (const char *source,  /* "ABCDE" */
               const char *dest,    /* same string when moving within the cell */
               const char *moved,   /* in map order */
               int         index,
               gboolean    same_cell,
               char      **new_source)
{
  GString *out = g_string_new (NULL);
  GString *src = g_string_new (NULL);
  char anchor = 0;
  guint n = strlen (dest);

  for (guint i = index < 0 ? n : (guint) index; i < n; i++)
    if (strchr (moved, dest[i]) == NULL)
      {
        anchor = dest[i];
        break;
      }

  for (guint i = 0; i < n; i++)
    {
      if (dest[i] == anchor)
        g_string_append (out, moved);
      if (same_cell && strchr (moved, dest[i]) != NULL)
        continue;
      g_string_append_c (out, dest[i]);
    }
  if (anchor == 0)
    g_string_append (out, moved);

  for (guint i = 0; source[i] != 0; i++)
    if (strchr (moved, source[i]) == NULL)
      g_string_append_c (src, source[i]);

  /* As the test prints cells: letters separated by spaces. */
  for (gsize i = out->len; i > 1; i--)
    g_string_insert_c (out, i - 1, ' ');
  for (gsize i = src->len; i > 1; i--)
    g_string_insert_c (src, i - 1, ' ');

  *new_source = g_string_free (src, FALSE);
  return g_string_free (out, FALSE);
}

static TrailCard *
find_by_text (TrailDocument *doc,
              const char    *text)
{
  GListModel *cards = trail_document_get_cards (doc);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (trail_card_get_text (card), text) == 0)
        return card;
    }
  g_assert_not_reached ();
}

/* Every subset of A…E of one to three cards, given in every order
 * (forwards and backwards), to every index of its own cell and of the
 * cell X Y Z, each checked against expected_move() and undone in one step. */
static void
test_move_cards (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  TrailLane *actions = lane_at (doc, 0);
  TrailStage *s1 = stage_at (doc, 0), *s2 = stage_at (doc, 1);
  guint n_checked = 0;

  for (guint mask = 1; mask < 32; mask++)
    {
      char moved[6] = { 0 };
      guint n = 0;

      for (guint b = 0; b < 5; b++)
        if (mask & (1u << b))
          moved[n++] = 'A' + b;
      if (n > 3)
        continue;

      for (guint reversed = 0; reversed < 2; reversed++)
        for (guint same = 0; same < 2; same++)
          for (int index = -1; index <= (same ? 5 : 3) + 1; index++)
            {
              TrailCard *cards[5];
              g_autofree char *got_dest = NULL;
              g_autofree char *got_source = NULL;
              g_autofree char *new_source = NULL;
              g_autofree char *want = NULL;

              for (guint i = 0; i < n; i++)
                cards[i] = find_by_text (doc, (char[]) { moved[reversed ? n - 1 - i : i], 0 });

              want = expected_move ("ABCDE", same ? "ABCDE" : "XYZ", moved, index, same, &new_source);
              trail_document_move_cards (doc, cards, n, actions, same ? s1 : s2, index);

              got_dest = cell_texts (doc, actions, same ? s1 : s2);
              g_assert_cmpstr (got_dest, ==, want);
              if (!same)
                {
                  got_source = cell_texts (doc, actions, s1);
                  g_assert_cmpstr (got_source, ==, new_source);
                }

              /* A move that changes nothing records nothing. */
              if (trail_document_get_can_undo (doc))
                {
                  assert_one_undo_step (doc, before);
                  trail_document_undo (doc);
                }
              trail_document_clear_history (doc);
              {
                g_autoptr(GBytes) now = trail_document_serialize (doc);
                assert_bytes_equal (now, before);
              }
              n_checked++;
            }
    }

  g_assert_cmpuint (n_checked, >, 300);
}

/* Cards from several cells land in map order: stage, then lane, then
 * their place in the cell. */
static void
test_move_cards_from_several_cells (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  TrailLane *actions = lane_at (doc, 0), *thoughts = lane_at (doc, 1);
  TrailStage *s1 = stage_at (doc, 0), *s2 = stage_at (doc, 1), *s3 = stage_at (doc, 2);
  TrailCard *cards[] = {
    find_by_text (doc, "Y"), find_by_text (doc, "T"), find_by_text (doc, "D"), find_by_text (doc, "B"),
  };
  g_autofree char *dest = NULL;
  g_autofree char *a1 = NULL, *a2 = NULL, *t1 = NULL;

  trail_document_move_cards (doc, cards, G_N_ELEMENTS (cards), thoughts, s3, 0);

  dest = cell_texts (doc, thoughts, s3);
  g_assert_cmpstr (dest, ==, "B D T Y");
  a1 = cell_texts (doc, actions, s1);
  g_assert_cmpstr (a1, ==, "A C E");
  a2 = cell_texts (doc, actions, s2);
  g_assert_cmpstr (a2, ==, "X Z");
  t1 = cell_texts (doc, thoughts, s1);
  g_assert_cmpstr (t1, ==, "");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Move Cards");

  assert_one_undo_step (doc, before);
}

/* ---- Removing ----------------------------------------------------------- */

static void
test_remove_items (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = NULL;
  TrailPersona *ana;
  TrailEmotionPoint *point;
  TrailStage *s1, *s3;
  gpointer items[5];

  ana = trail_document_add_persona (doc, -1, "Ana");
  s1 = stage_at (doc, 0);
  s3 = stage_at (doc, 2);
  point = trail_document_add_emotion_point (doc, trail_document_find_line_for_persona (doc, trail_persona_get_id (ana)),
                                            s3, 0.5, 1, NULL);
  trail_document_clear_history (doc);
  before = trail_document_serialize (doc);

  /* A card of the stage removed first is skipped, not removed twice. */
  items[0] = s1;
  items[1] = find_by_text (doc, "B");
  items[2] = find_by_text (doc, "Y");
  items[3] = point;
  items[4] = ana;
  g_assert_cmpuint (trail_document_remove_items (doc, items, G_N_ELEMENTS (items)), ==, 4);

  g_assert_null (trail_document_find_stage (doc, trail_stage_get_id (s1)));
  g_assert_null (trail_document_find_persona (doc, trail_persona_get_id (ana)));
  g_assert_null (trail_document_find_emotion_point (doc, trail_emotion_point_get_id (point)));
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, 2);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Remove Items");

  assert_one_undo_step (doc, before);
}

static void
test_remove_selection (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(TrailSelection) selection = trail_selection_new (doc);
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  TrailCard *cards[] = { find_by_text (doc, "A"), find_by_text (doc, "Z") };
  TrailLane *thoughts = lane_at (doc, 1);

  /* The map itself: nothing to remove, nothing recorded. */
  g_assert_cmpuint (trail_document_remove_selection (doc, selection), ==, 0);
  g_assert_false (trail_document_get_can_undo (doc));

  trail_selection_select_cards (selection, cards, 2);
  g_assert_cmpuint (trail_document_remove_selection (doc, selection), ==, 2);
  g_assert_true (trail_selection_is_empty (selection));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Remove Cards");
  assert_one_undo_step (doc, before);

  trail_document_undo (doc);
  trail_document_clear_history (doc);
  trail_selection_select_object (selection, thoughts);
  g_assert_cmpuint (trail_document_remove_selection (doc, selection), ==, 1);
  g_assert_null (trail_selection_get_object (selection));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Remove Lane");
  assert_one_undo_step (doc, before);
}

/* ---- Tags, text lines, duplicates, votes -------------------------------- */

static void
test_persona_tags (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  TrailPersona *ana, *ben;
  TrailCard *cards[2];
  const char *ana_id, *ben_id;

  ana = trail_document_add_persona (doc, -1, "Ana");
  ben = trail_document_add_persona (doc, -1, "Ben");
  ana_id = trail_persona_get_id (ana);
  ben_id = trail_persona_get_id (ben);
  cards[0] = find_by_text (doc, "A");
  cards[1] = find_by_text (doc, "B");
  trail_document_update (doc, cards[1], "persona-tags", (const char * const[]) { ben_id, NULL }, NULL);
  trail_document_clear_history (doc);
  before = trail_document_serialize (doc);

  trail_document_set_persona_tag (doc, cards, 2, ana_id, TRUE);
  g_assert_true (trail_card_has_persona_tag (cards[0], ana_id));
  g_assert_true (trail_card_has_persona_tag (cards[1], ana_id));
  g_assert_true (trail_card_has_persona_tag (cards[1], ben_id));
  g_assert_cmpuint (g_strv_length ((char **) trail_card_get_persona_tags (cards[1])), ==, 2);
  assert_one_undo_step (doc, before);

  /* Again: no duplicate tag, nothing recorded. */
  after = trail_document_serialize (doc);
  trail_document_clear_history (doc);
  trail_document_set_persona_tag (doc, cards, 2, ana_id, TRUE);
  g_assert_false (trail_document_get_can_undo (doc));
  g_assert_cmpuint (g_strv_length ((char **) trail_card_get_persona_tags (cards[0])), ==, 1);

  trail_document_set_persona_tag (doc, cards, 2, ben_id, FALSE);
  g_assert_false (trail_card_has_persona_tag (cards[1], ben_id));
  g_assert_true (trail_card_has_persona_tag (cards[1], ana_id));
  assert_one_undo_step (doc, after);
}

static void
test_add_cards_from_text (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *texts = NULL;
  TrailLane *actions = lane_at (doc, 0);
  TrailStage *s1 = stage_at (doc, 0);

  added = trail_document_add_cards_from_text (doc, actions, s1, 1, "  one \r\n\n two\n\t\nthree\xff\n", NULL);
  g_assert_cmpuint (added->len, ==, 3);
  texts = cell_texts (doc, actions, s1);
  g_assert_cmpstr (texts, ==, "A one two three\xef\xbf\xbd B C D E");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Add Cards");
  assert_one_undo_step (doc, before);

  none = trail_document_add_cards_from_text (doc, actions, s1, -1, " \n\n", NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
count_changes_cb (TrailDocument    *doc,
                  TrailChangeFlags  what,
                  GObject          *object,
                  guint            *n)
{
  (*n)++;
}

/* A card and its fields in one change: one signal, one undo step. */
static void
test_add_card_with (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autofree char *texts = NULL;
  TrailLane *actions = lane_at (doc, 0);
  TrailStage *s1 = stage_at (doc, 0);
  TrailCard *card;
  guint n_changes = 0;
  gulong handler;

  handler = g_signal_connect (doc, "changed", G_CALLBACK (count_changes_cb), &n_changes);
  card = trail_document_add_card_with (doc, actions, s1, 2, "Card from Ada",
                                       "text", "Waits at the till",
                                       "details", "Ten minutes",
                                       "evidence", TRAIL_EVIDENCE_PROPOSED,
                                       "evidence-note", "Proposed by Ada",
                                       NULL);
  g_signal_handler_disconnect (doc, handler);

  g_assert_nonnull (card);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_true (trail_document_find_card (doc, trail_card_get_id (card)) == card);
  g_assert_cmpstr (trail_card_get_details (card), ==, "Ten minutes");
  g_assert_cmpint (trail_card_get_evidence (card), ==, TRAIL_EVIDENCE_PROPOSED);
  g_assert_cmpstr (trail_card_get_evidence_note (card), ==, "Proposed by Ada");
  texts = cell_texts (doc, actions, s1);
  g_assert_cmpstr (texts, ==, "A B Waits at the till C D E");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Card from Ada");
  assert_one_undo_step (doc, before);

}

static void
test_add_card_with_refused (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(TrailDocument) doc = make_document ();

      trail_document_add_card_with (doc, lane_at (doc, 0), stage_at (doc, 0), -1, NULL,
                                    "color", "not a colour", NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*refusing a card*color*");
}

/* A card with every field set, and an unknown one from a newer version. */
static const char full_map[] =
  "{\"format\": \"trailmap\", \"version\": 1, \"title\": \"Full\",\n"
  " \"personas\": [{\"id\": \"p1\", \"name\": \"Ana\", \"color\": \"#3584e4\"},\n"
  "               {\"id\": \"p2\", \"name\": \"Ben\", \"color\": \"#e66100\"}],\n"
  " \"stages\": [{\"id\": \"s1\", \"name\": \"One\"}, {\"id\": \"s2\", \"name\": \"Two\"}],\n"
  " \"lanes\": [{\"id\": \"l1\", \"kind\": \"touchpoints\", \"title\": \"Touchpoints\"}],\n"
  " \"cards\": [{\"id\": \"c1\", \"lane\": \"l1\", \"stage\": \"s1\", \"text\": \"Calls support\",\n"
  "            \"details\": \"On hold for 20 minutes\", \"channel\": \"phone\",\n"
  "            \"personas\": [\"p2\", \"p1\"], \"evidence\": \"observed\",\n"
  "            \"evidence-source\": \"interview\", \"evidence-note\": \"https://example.org/i/3\",\n"
  "            \"priority\": \"high\", \"color\": \"#26a269\", \"votes\": 7,\n"
  "            \"x-future\": {\"weight\": [1, 2.5, \"three\"], \"ok\": true}}]}\n";

static TrailDocument *
load_full_map (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (full_map, strlen (full_map));
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_bytes (bytes, "full", &error);

  g_assert_no_error (error);
  return doc;
}

/* Every field of the table but id and placement, compared by value, so a
 * field added to the table later is covered without touching this test. */
static void
assert_same_fields (TrailCard *a,
                    TrailCard *b)
{
  const TrailField *fields;
  guint n_fields;
  JsonObject *ua = _trail_item_get_unknown (a);
  JsonObject *ub = _trail_item_get_unknown (b);

  fields = _trail_fields_for_type (TRAIL_TYPE_CARD, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (a), fields[i].property);
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (fields[i].flags & (TRAIL_FIELD_ID | TRAIL_FIELD_PLACEMENT))
        continue;

      g_value_init (&va, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_value_init (&vb, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (a), fields[i].property, &va);
      g_object_get_property (G_OBJECT (b), fields[i].property, &vb);
      if (!_trail_value_equal (&va, &vb))
        g_error ("field %s differs", fields[i].key);
    }

  g_assert_true ((ua == NULL) == (ub == NULL));
  if (ua != NULL)
    {
      g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), ua);
      g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), ub);

      g_assert_true (json_node_equal (na, nb));
    }
}

static void
test_duplicate_cards (void)
{
  g_autoptr(TrailDocument) doc = load_full_map ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GPtrArray) copies = NULL;
  TrailCard *card = trail_document_find_card (doc, "c1");
  TrailCard *other;
  TrailCard *cards[2];

  other = trail_document_add_card (doc, trail_document_find_lane (doc, "l1"),
                                   trail_document_find_stage (doc, "s1"), -1, "Other");
  trail_document_clear_history (doc);
  g_clear_pointer (&before, g_bytes_unref);
  before = trail_document_serialize (doc);

  cards[0] = card;
  cards[1] = other;
  copies = trail_document_duplicate_cards (doc, cards, 2);
  g_assert_cmpuint (copies->len, ==, 2);
  assert_same_fields (card, copies->pdata[0]);
  g_assert_cmpstr (trail_card_get_text (copies->pdata[1]), ==, "Other");
  /* Each copy right after its original. */
  g_assert_cmpuint (trail_document_get_card_index (doc, copies->pdata[0]), ==, 1);
  g_assert_cmpuint (trail_document_get_card_index (doc, copies->pdata[1]), ==, 3);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Duplicate Cards");
  assert_one_undo_step (doc, before);
}

static void
test_votes (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  TrailCard *cards[] = { find_by_text (doc, "A"), find_by_text (doc, "B") };
  GParamSpecUInt *pspec = G_PARAM_SPEC_UINT (g_object_class_find_property (G_OBJECT_GET_CLASS (cards[0]), "votes"));

  trail_document_add_votes (doc, cards, 2, 1);
  g_assert_cmpuint (trail_card_get_votes (cards[0]), ==, 1);
  g_assert_cmpuint (trail_card_get_votes (cards[1]), ==, 1);
  assert_one_undo_step (doc, before);

  trail_document_add_votes (doc, cards, 1, -5);
  g_assert_cmpuint (trail_card_get_votes (cards[0]), ==, 0);
  g_assert_cmpuint (trail_card_get_votes (cards[1]), ==, 1);

  trail_document_add_votes (doc, cards, 1, G_MAXINT);
  g_assert_cmpuint (trail_card_get_votes (cards[0]), ==, pspec->maximum);

  /* Nothing to change: nothing recorded. */
  trail_document_clear_history (doc);
  trail_document_add_votes (doc, cards, 1, 1);
  g_assert_false (trail_document_get_can_undo (doc));
}

/* ---- Clipboard ---------------------------------------------------------- */

static void
test_clipboard_round_trip (void)
{
  g_autoptr(TrailDocument) doc = load_full_map ();
  g_autoptr(TrailDocument) other = trail_document_new_blank ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TrailCard *card = trail_document_find_card (doc, "c1");
  TrailCard *copy;
  const char *json;

  content = trail_document_copy_cards (doc, &card, 1);
  json = g_bytes_get_data (content, NULL);
  g_assert_nonnull (strstr (json, "\"format\": \"trailmap-cards\""));
  /* The file's keys, not properties. */
  g_assert_nonnull (strstr (json, "\"personas\": [\"p2\", \"p1\"]"));
  g_assert_null (strstr (json, "persona-tags"));
  g_assert_nonnull (strstr (json, "\"x-future\""));

  pasted = trail_document_paste_cards (doc, content, trail_document_find_lane (doc, "l1"),
                                       trail_document_find_stage (doc, "s2"), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pasted->len, ==, 1);
  copy = pasted->pdata[0];
  g_assert_cmpstr (trail_card_get_id (copy), !=, "c1");
  g_assert_cmpstr (trail_card_get_stage_id (copy), ==, "s2");
  assert_same_fields (card, copy);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Paste");
  assert_one_undo_step (doc, before);

  /* The copy saves and loads like the original. */
  {
    g_autoptr(GBytes) saved = trail_document_serialize (doc);
    g_autoptr(TrailDocument) reloaded = trail_document_load_from_bytes (saved, "saved", &error);

    g_assert_no_error (error);
    assert_same_fields (card, trail_document_find_card (reloaded, trail_card_get_id (copy)));
  }

  /* Into another map: tags it has no persona for are dropped, the rest
   * stays. */
  {
    TrailLane *lane = lane_at (other, 0);
    TrailStage *stage = stage_at (other, 0);
    const char * const *tags;

    elsewhere = trail_document_paste_cards (other, content, lane, stage, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (elsewhere->len, ==, 1);
    tags = trail_card_get_persona_tags (elsewhere->pdata[0]);
    g_assert_true (tags == NULL || tags[0] == NULL);
    g_assert_cmpuint (trail_card_get_votes (elsewhere->pdata[0]), ==, 7);
    g_assert_nonnull (_trail_item_get_unknown (elsewhere->pdata[0]));
  }

  text = trail_cards_to_text (&card, 1);
  g_assert_cmpstr (text, ==, "Calls support\n");
}

static void
test_paste_text (void)
{
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *texts = NULL;
  const char text[] = "first\nsecond\n";

  /* Not NUL-terminated: the length counts. */
  added = trail_document_paste_text (doc, text, 7, lane_at (doc, 1), stage_at (doc, 1), -1, NULL);
  g_assert_cmpuint (added->len, ==, 2);
  texts = cell_texts (doc, lane_at (doc, 1), stage_at (doc, 1));
  g_assert_cmpstr (texts, ==, "first s");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Paste");
  assert_one_undo_step (doc, before);
}

/* @code -1: any TRAIL_DOCUMENT_ERROR (which one is the file reader's
 * choice, and the same as for a file). */
typedef struct
{
  const char *content;
  int         code;
} Hostile;

static void
test_clipboard_hostile (void)
{
  static const Hostile cases[] = {
    { "", TRAIL_DOCUMENT_ERROR_SYNTAX },
    { "not json", TRAIL_DOCUMENT_ERROR_SYNTAX },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [", TRAIL_DOCUMENT_ERROR_SYNTAX },
    { "[1, 2, 3]", TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP },
    { "{\"format\": \"trailmap\", \"version\": 1, \"title\": \"A map\"}", TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP },
    { "{\"format\": \"trailmap-cards\", \"cards\": []}", TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 99, \"cards\": []}", TRAIL_DOCUMENT_ERROR_TOO_NEW },
    { "{\"format\": \"trailmap-cards\", \"version\": 1}", TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": {}}", TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [7]}", TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\"}]}",
      TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"color\": \"red\"}]}",
      TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"channel\": \"fax\"}]}",
      TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"votes\": -3}]}",
      TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"personas\": \"p1\"}]}",
      TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"personas\": [\"p1\", \"p1\"]}]}",
      TRAIL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"future\": 1e999}]}",
      -1 },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"\\udc00\"}]}",
      -1 },
    { "{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"votes\": 123456789012345678901234567890}]}",
      -1 },
  };
  g_autoptr(TrailDocument) doc = make_document ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  TrailLane *lane = lane_at (doc, 0);
  TrailStage *stage = stage_at (doc, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) content = g_bytes_new_static (cases[i].content, strlen (cases[i].content));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pasted = NULL;
      g_autoptr(GBytes) after = NULL;

      g_test_message ("case %u: %s", i, cases[i].content);
      pasted = trail_document_paste_cards (doc, content, lane, stage, 0, &error);
      g_assert_null (pasted);
      if (cases[i].code >= 0)
        g_assert_error (error, TRAIL_DOCUMENT_ERROR, cases[i].code);
      else
        g_assert_true (error != NULL && error->domain == TRAIL_DOCUMENT_ERROR);
      g_assert_cmpstr (error->message, !=, "");
      after = trail_document_serialize (doc);
      assert_bytes_equal (after, before);
      g_assert_false (trail_document_get_can_undo (doc));
    }

  /* Nesting deeper than a file may have. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"format\": \"trailmap-cards\", \"version\": 1, \"cards\": [{\"id\": \"c1\", \"lane\": \"l\", \"stage\": \"s\", \"text\": \"t\", \"x\": ");
    g_autoptr(GBytes) content = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) pasted = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    content = g_string_free_to_bytes (g_steal_pointer (&deep));
    pasted = trail_document_paste_cards (doc, content, lane, stage, 0, &error);
    g_assert_null (pasted);
    g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/edits/move-cards", test_move_cards);
  g_test_add_func ("/model/edits/move-cards-from-several-cells", test_move_cards_from_several_cells);
  g_test_add_func ("/model/edits/remove-items", test_remove_items);
  g_test_add_func ("/model/edits/remove-selection", test_remove_selection);
  g_test_add_func ("/model/edits/persona-tags", test_persona_tags);
  g_test_add_func ("/model/edits/add-cards-from-text", test_add_cards_from_text);
  g_test_add_func ("/model/edits/add-card-with", test_add_card_with);
  g_test_add_func ("/model/edits/add-card-with-refused", test_add_card_with_refused);
  g_test_add_func ("/model/edits/duplicate-cards", test_duplicate_cards);
  g_test_add_func ("/model/edits/votes", test_votes);
  g_test_add_func ("/model/edits/clipboard-round-trip", test_clipboard_round_trip);
  g_test_add_func ("/model/edits/paste-text", test_paste_text);
  g_test_add_func ("/model/edits/clipboard-hostile", test_clipboard_hostile);

  return g_test_run ();
}

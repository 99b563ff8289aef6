/* test-convert.c — Mermaid journeys and cards CSV, both ways, and the
 * Markdown outline, on friendly and hostile text.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-model.h"

static char *
source_path (const char *dir,
             const char *name)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");

  return g_build_filename (root != NULL ? root : SOURCE_ROOT, dir, name, NULL);
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = source_path (dir, name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static TrailDocument *
load_mermaid (const char *text,
              GPtrArray  *warnings)
{
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_mermaid_load (text, -1, "test.mmd", warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* One line per task, "section|task|score|actor,actor", read from Mermaid
 * text by a second, independent reading of the grammar (line-based, as
 * the documentation describes it): what a round trip must keep. */
static char *
outline (const char *mermaid)
{
  g_auto(GStrv) lines = g_strsplit (mermaid, "\n", -1);
  GString *out = g_string_new (NULL);
  g_autofree char *section = g_strdup ("");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *l = g_strstrip (lines[i]);
      g_auto(GStrv) parts = NULL;

      if (l[0] == '\0' || g_str_has_prefix (l, "%%") || l[0] == '#' ||
          g_ascii_strncasecmp (l, "journey", 7) == 0 || g_ascii_strncasecmp (l, "title ", 6) == 0 ||
          g_ascii_strncasecmp (l, "acc", 3) == 0)
        continue;
      if (g_ascii_strncasecmp (l, "section ", 8) == 0)
        {
          g_free (section);
          section = g_strdup (g_strstrip (l + 8));
          continue;
        }
      parts = g_strsplit (l, ":", 3);
      if (g_strv_length (parts) < 2)
        continue;  /* inside an accDescr block */
      {
        g_auto(GStrv) actors = g_strsplit (parts[2] != NULL ? parts[2] : "", ",", -1);
        double score = g_ascii_strtod (g_strstrip (parts[1]), NULL);

        g_string_append_printf (out, "%s|%s|%g|", section, g_strstrip (parts[0]), CLAMP (score, 1, 5));
        for (guint a = 0; actors[a] != NULL; a++)
          if (g_strstrip (actors[a])[0] != '\0')
            g_string_append_printf (out, "%s,", actors[a]);
        g_string_append_c (out, '\n');
      }
    }

  return g_string_free (out, FALSE);
}

static void
check_round_trip (const char *name)
{
  g_autofree char *text = read_text ("tests/model/mermaid", name);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TrailDocument) doc = load_mermaid (text, warnings);
  g_autofree char *saved = trail_mermaid_save (doc, warnings);
  g_autoptr(TrailDocument) again = load_mermaid (saved, NULL);
  g_autofree char *saved_again = trail_mermaid_save (again, NULL);
  g_autofree char *want = outline (text);
  g_autofree char *got = outline (saved);

  g_test_message ("%s →\n%s", name, saved);
  /* The same sections, tasks, scores and actors; and a fixed point. */
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (saved_again, ==, saved);
}

static void
test_mermaid_examples (void)
{
  check_round_trip ("commute.mmd");
  check_round_trip ("features.mmd");
}

static void
test_mermaid_mapping (void)
{
  g_autofree char *text = read_text ("tests/model/mermaid", "features.mmd");
  g_autoptr(TrailDocument) doc = load_mermaid (text, NULL);
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *personas = trail_document_get_personas (doc);
  g_autoptr(TrailStage) first = g_list_model_get_item (stages, 0);
  g_autoptr(TrailPersona) buyer = g_list_model_get_item (personas, 0);
  TrailEmotionLine *line;
  TrailEmotionLine *everyone;
  g_autoptr(TrailEmotionPoint) point = NULL;
  g_autofree char *saved = NULL;

  g_assert_cmpstr (trail_document_get_title (doc), ==, "Returning a parcel");
  g_assert_cmpstr (trail_document_get_objective (doc), ==, "How a buyer sends back\na parcel that arrived broken");
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 2);
  g_assert_cmpstr (trail_stage_get_name (first), ==, "Notice\nthe damage");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, 6);
  /* Buyer, Courier, Agent: in the order they first appear. */
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, 3);
  g_assert_cmpstr (trail_persona_get_name (buyer), ==, "Buyer");

  /* Score 2 of 1…5 on −2…+2 is −1. */
  line = trail_document_find_line_for_persona (doc, trail_persona_get_id (buyer));
  g_assert_nonnull (line);
  point = g_list_model_get_item (trail_emotion_line_get_points (line), 0);
  g_assert_cmpfloat (trail_emotion_point_get_score (point), ==, -1.0);
  /* "Reads the policy: 3" has no actor: the line for everyone. */
  everyone = trail_document_find_line_for_persona (doc, NULL);
  g_assert_nonnull (everyone);
  g_assert_cmpuint (g_list_model_get_n_items (trail_emotion_line_get_points (everyone)), ==, 1);

  saved = trail_mermaid_save (doc, NULL);
  g_assert_nonnull (strstr (saved, "section Notice<br>the damage\n"));
  g_assert_nonnull (strstr (saved, "accDescr {\n"));
  g_assert_nonnull (strstr (saved, "Calls support: 1: Buyer, Agent\n"));
}

static void
test_mermaid_out_of_range (void)
{
  g_autofree char *text = read_text ("tests/model/mermaid", "descr.mmd");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TrailDocument) doc = load_mermaid (text, warnings);
  g_autofree char *saved = NULL;

  g_assert_cmpstr (trail_document_get_title (doc), ==, "Front matter title");
  g_assert_cmpstr (trail_document_get_objective (doc), ==, "One line description");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "line 9"));
  g_ptr_array_set_size (warnings, 0);

  saved = trail_mermaid_save (doc, warnings);
  /* 3.5 stays 3.5; 7, kept in its point's note, is written as 5. */
  g_assert_nonnull (strstr (saved, "Half a point: 3.5: Solo\n"));
  g_assert_nonnull (strstr (saved, "Out of range: 5: Solo\n"));
  g_assert_nonnull (strstr (saved, "section Journey\n"));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "1 score"));
}

static void
check_error (const char *text,
             guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_mermaid_load (text, -1, "bad.mmd", NULL, &error);
  g_autofree char *where = g_strdup_printf ("bad.mmd:%u: ", line);
  g_autoptr(TrailDocument) map = trail_document_new_blank ();
  g_autoptr(GBytes) before = trail_document_serialize (map);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) paste_error = NULL;

  g_assert_null (doc);
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, where));

  /* Pasted, the same text changes nothing at all. */
  cards = trail_mermaid_paste (map, text, -1, NULL, &paste_error);
  g_assert_null (cards);
  g_assert_nonnull (paste_error);
  after = trail_document_serialize (map);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (trail_document_get_can_undo (map));
}

static void
test_mermaid_errors (void)
{
  check_error ("flowchart LR\n  A --> B\n", 1);
  check_error ("\n\n", 2);
  check_error ("journey\n  section One\n  Good: 3: A\n  No score here\n", 4);
  check_error ("journey\n  section One\n  Empty score:\n", 3);
  check_error ("journey\n  section One\n  Words: five: A\n", 3);
  check_error ("journey\n  section One: two\n", 2);
  check_error ("journey\n  section One\n  A: 3: X; B: 4: Y\n", 3);
  check_error ("journey\n  accDescr {\n   never closed\n  section One\n", 2);
  check_error ("journey\n  section One\n  : 3: nobody\n", 3);
  check_error ("---\ntitle: x\n", 1);
  check_error ("journey\n\xff\xfe\n", 2);
  check_error ("journey title on the same line\n", 1);
}

/* Text Mermaid reserves, keywords at the start of a card, RTL and markup:
 * the export still parses, and gives back the same tasks where it can. */
static void
test_mermaid_hostile (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *lanes = trail_document_get_lanes (doc);
  g_autoptr(TrailStage) stage = g_list_model_get_item (stages, 0);
  g_autoptr(TrailLane) actions = g_list_model_get_item (lanes, 1);
  static const char * const texts[] = {
    "Title page review",
    "section: not a section",
    "</script><img src=x onerror=alert(1)>",
    "%% not a comment",
    "a # hash; and semicolon",
    "\u05e9\u05dc\u05d5\u05dd \u202e reversed",
    "two\nlines",
    "]]> --> \"quotes\" 'single'",
  };
  g_autofree char *saved = NULL;
  g_autoptr(TrailDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *cards;

  trail_document_add_persona (doc, -1, "Smith, Jane");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    trail_document_add_card (doc, actions, stage, -1, texts[i]);
  trail_document_update (doc, doc, "title", "A # title; with: colons", NULL);

  saved = trail_mermaid_save (doc, warnings);
  g_test_message ("%s", saved);
  g_assert_cmpuint (warnings->len, >=, 1);
  again = trail_mermaid_load (saved, -1, "again.mmd", NULL, &error);
  g_assert_no_error (error);

  cards = trail_document_get_cards (again);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, G_N_ELEMENTS (texts));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);

      if (strpbrk (texts[i], ":#;") == NULL)
        g_assert_cmpstr (trail_card_get_text (card), ==, texts[i]);
    }
  g_assert_cmpstr (trail_document_get_title (again), ==, "A \uff03 title\uff1b with: colons");
}

static void
test_mermaid_paste (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  guint n_stages = g_list_model_get_n_items (trail_document_get_stages (doc));

  g_assert_true (trail_mermaid_detect ("%% hi\n\n  journey\n", -1));
  g_assert_true (trail_mermaid_detect ("JOURNEY", -1));
  g_assert_false (trail_mermaid_detect ("journeys\n", -1));
  g_assert_false (trail_mermaid_detect ("Buy milk\njourney\n", -1));

  cards = trail_mermaid_paste (doc, "journey\n section awareness\n  Sees a poster: 4: Ann\n section New one\n  Asks: 2\n",
                               -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  /* "awareness" joins the map's Awareness; "New one" is added. */
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (doc)), ==, n_stages + 1);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Paste Journey");

  trail_document_undo (doc);
  after = trail_document_serialize (doc);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (trail_document_get_can_undo (doc));
}

/* ---- CSV ---------------------------------------------------------------- */

static TrailDocument *
load_template (const char *name)
{
  g_autofree char *path = source_path ("data/templates", name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* Everything a row holds but the id, card by card in map order. */
static char *
cards_summary (TrailDocument *doc)
{
  g_autofree char *csv = trail_map_csv_save (doc, FALSE, NULL);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      /* The id is the 12th column; cut it out of the line. */
      GString *line = g_string_new (lines[i]);
      guint field = 0;
      gboolean quoted = FALSE;
      gssize start = -1, end = -1;

      for (gsize c = 0; c < line->len; c++)
        {
          if (line->str[c] == '"')
            quoted = !quoted;
          else if (line->str[c] == ',' && !quoted)
            {
              field++;
              if (field == 11)
                start = c;
              else if (field == 12)
                end = c;
            }
        }
      if (start >= 0 && end > start)
        g_string_erase (line, start, end - start);
      g_string_append_printf (out, "%s\n", line->str);
      g_string_free (line, TRUE);
    }

  return g_string_free (out, FALSE);
}

static void
test_csv_round_trip (void)
{
  static const char * const templates[] = {
    "coffee-maker.trailmap", "awareness-to-loyalty.trailmap", "service-blueprint.trailmap",
    "first-ride.trailmap", "free-to-premium.trailmap",
  };

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TrailDocument) doc = load_template (templates[t]);
      g_autofree char *csv = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailDocument) copy = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;
      gsize len;

      /* With a byte-order mark, as Excel wants it. */
      csv = trail_map_csv_save (doc, TRUE, &len);
      g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "stage,lane,kind,text,details,channel,evidence,source,priority,votes,personas,id"));
      bytes = g_bytes_new (csv, len);
      copy = trail_map_csv_load (bytes, "cards.csv", problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);

      want = cards_summary (doc);
      got = cards_summary (copy);
      g_assert_cmpstr (got, ==, want);
      g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (copy)), ==,
                        g_list_model_get_n_items (trail_document_get_cards (doc)));
    }
}

static void
test_csv_update_by_id (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker.trailmap");
  g_autofree char *csv = trail_map_csv_save (doc, FALSE, NULL);
  guint n_cards = g_list_model_get_n_items (trail_document_get_cards (doc));
  g_autoptr(TrailCard) first = g_list_model_get_item (trail_document_get_cards (doc), 0);
  g_autofree char *edited = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_text = g_strdup (trail_card_get_text (first));
  g_autofree char *row = NULL;
  guint n;

  /* The first card's text changed, and a new card with an id the map does
   * not know. */
  edited = g_strdup (csv);
  {
    char *at = strstr (edited, old_text);
    GString *s = g_string_new (NULL);

    g_assert_nonnull (at);
    g_string_append_len (s, edited, at - edited);
    g_string_append (s, "Changed in the spreadsheet");
    g_string_append (s, at + strlen (old_text));
    g_string_append (s, "Brand new stage,Brand new lane,pain-points,=SUM(A1),,website,observed,survey,high,7,Sofia Marino,nosuchid,from a sheet\r\n");
    g_free (edited);
    edited = g_string_free (s, FALSE);
  }
  bytes = g_bytes_new (edited, strlen (edited));
  n = trail_map_csv_import (doc, bytes, "edited.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_cards + 1);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, n_cards + 1);
  g_assert_cmpstr (trail_card_get_text (first), ==, "Changed in the spreadsheet");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Import Cards");
  g_assert_nonnull (trail_document_find_stage (doc, "x") == NULL ? doc : NULL);

  {
    g_autoptr(TrailCard) last = g_list_model_get_item (trail_document_get_cards (doc), n_cards);
    g_autoptr(TrailStage) stage = NULL;
    GListModel *stages = trail_document_get_stages (doc);

    g_assert_cmpstr (trail_card_get_text (last), ==, "=SUM(A1)");
    g_assert_cmpint (trail_card_get_priority (last), ==, TRAIL_PRIORITY_HIGH);
    g_assert_cmpint (trail_card_get_evidence (last), ==, TRAIL_EVIDENCE_OBSERVED);
    g_assert_cmpuint (trail_card_get_votes (last), ==, 7);
    g_assert_cmpstr (trail_card_get_evidence_note (last), ==, "from a sheet");
    g_assert_cmpuint (g_strv_length ((char **) trail_card_get_persona_tags (last)), ==, 1);
    stage = g_list_model_get_item (stages, g_list_model_get_n_items (stages) - 1);
    g_assert_cmpstr (trail_stage_get_name (stage), ==, "Brand new stage");

    /* Written back, the formula is guarded for spreadsheets. */
    g_free (csv);
    csv = trail_map_csv_save (doc, FALSE, NULL);
    g_assert_nonnull (strstr (csv, ",'=SUM(A1),"));
  }

  /* Undo takes the whole import back in one step. */
  trail_document_undo (doc);
  g_assert_cmpstr (trail_card_get_text (first), ==, old_text);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, n_cards);
  (void) row;
}

static void
test_csv_bad_rows (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *text =
    "Stage;Lane;Text;Priority;Votes;Kind\n"
    "Awareness;Touchpoints;Fine row;low;2;\n"
    ";Touchpoints;No stage;;;\n"
    "Awareness;Touchpoints;Bad priority;urgent;;\n"
    "Awareness;Touchpoints;Bad votes;;many;\n"
    "Awareness;Feelings;In emotions;;;emotions\n"
    "Awareness;Touchpoints;\"never closed\n";
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) header_only = g_bytes_new_static ("text,stage,lane\n", 16);
  g_autoptr(GBytes) no_header = g_bytes_new_static ("a,b,c\n1,2,3\n", 12);
  guint n;

  n = trail_map_csv_import (doc, bytes, "bad.csv", problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_true (g_str_has_prefix (problems->pdata[0], "line 3: "));
  g_assert_true (g_str_has_prefix (problems->pdata[1], "line 4: "));
  g_assert_nonnull (strstr (problems->pdata[1], "urgent"));
  g_assert_true (g_str_has_prefix (problems->pdata[4], "line 7: "));

  /* Nothing usable: an error, and nothing changes. */
  g_ptr_array_set_size (problems, 0);
  g_assert_cmpuint (trail_map_csv_import (doc, header_only, "empty.csv", problems, &error), ==, 0);
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (trail_map_csv_import (doc, no_header, "plain.csv", problems, &error), ==, 0);
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "plain.csv:1: "));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Import Cards");
}

/* ---- Markdown -------------------------------------------------------------- */

static void
test_markdown (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker.trailmap");
  g_autoptr(TrailDocument) hostile = trail_document_new_blank ();
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (hostile), 0);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (hostile), 0);
  g_autofree char *md = trail_markdown_save (doc);
  g_autofree char *bad = NULL;

  g_assert_true (g_str_has_prefix (md, "# "));
  g_assert_nonnull (strstr (md, "\n## Personas\n"));
  g_assert_nonnull (strstr (md, "Evidence:"));

  trail_document_update (hostile, hostile, "title", "# [link](javascript:alert(1)) <img src=x onerror=alert(1)>", NULL);
  trail_document_add_card (hostile, lane, stage, -1, "*bold* _em_ `code` ![i](x) <script>alert(1)</script> &amp; | --> ]]>");
  trail_document_add_card (hostile, lane, stage, -1, "1. not a list\n- nor this\n> nor a quote");
  bad = trail_markdown_save (hostile);
  g_test_message ("%s", bad);
  /* Every '<' is escaped but the writer's own line breaks. */
  for (const char *p = bad; *p; p++)
    if (*p == '<')
      g_assert_true ((p > bad && p[-1] == '\\') || g_str_has_prefix (p, "<br>"));
  g_assert_null (strstr (bad, "](javascript"));
  g_assert_nonnull (strstr (bad, "\\&amp;"));
  g_assert_null (strstr (bad, "*bold*"));
  g_assert_null (strstr (bad, "\n1. not"));
  g_assert_nonnull (strstr (bad, "\\<script\\>"));
}

/* The crowd's ratings, per stage under its heading: the statistic with its
 * spread and n, the words once each with their counts, escaped; a map
 * with no ratings is written byte for byte as before. */
static void
test_markdown_crowd (void)
{
  g_autoptr(TrailDocument) doc = load_template ("coffee-maker.trailmap");
  GListModel *stages = trail_document_get_stages (doc);
  g_autoptr(TrailStage) first = g_list_model_get_item (stages, 0);
  g_autoptr(TrailStage) second = g_list_model_get_item (stages, 1);
  g_autoptr(TrailStage) third = g_list_model_get_item (stages, 2);
  g_autofree char *before = trail_markdown_save (doc);
  g_autofree char *mean = NULL;
  g_autofree char *median = NULL;
  g_autofree char *after = NULL;
  g_autofree char *heading2 = g_strdup_printf ("\n## %s\n", trail_stage_get_name (second));
  g_autofree char *heading3 = g_strdup_printf ("\n## %s\n", trail_stage_get_name (third));
  g_autoptr(GError) error = NULL;
  const char *at;

  g_assert_null (strstr (before, "Crowd"));

  /* 2, 1, 1, 0: mean 1.0, sample standard deviation √(2/3) ≈ 0.8. */
  g_assert_true (trail_document_rate_stage (doc, first, "ana", "Ana", 2, "easy", &error));
  g_assert_true (trail_document_rate_stage (doc, first, "ben", NULL, 1, "Easy", &error));
  g_assert_true (trail_document_rate_stage (doc, first, "cem", "Cem", 1, "slow", &error));
  g_assert_true (trail_document_rate_stage (doc, first, "dan", NULL, 0, NULL, &error));
  g_assert_true (trail_document_rate_stage (doc, second, "ana", "Ana", -1, "<b>*meh*</b>", &error));
  g_assert_no_error (error);

  mean = trail_markdown_save (doc);
  g_test_message ("%s", mean);
  at = strstr (mean, "**Crowd rating:** Positive (mean +1.0 ± 0.8, n = 4)\n\n**Words:** easy (×2), slow\n\n");
  g_assert_nonnull (at);
  /* Under the first stage's heading, before the second's. */
  g_assert_true (at < strstr (mean, heading2));
  at = strstr (mean, "**Crowd rating:** Negative (mean −1.0 ± 0.0, n = 1)\n\n**Words:** \\<b\\>\\*meh\\*\\</b\\>\n\n");
  g_assert_nonnull (at);
  g_assert_true (at > strstr (mean, heading2) && at < strstr (mean, heading3));
  /* Two stages rated, no more. */
  g_assert_null (strstr (strstr (mean, heading3), "Crowd"));
  g_assert_null (strstr (mean, "<b>"));

  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEDIAN);
  median = trail_markdown_save (doc);
  g_assert_nonnull (strstr (median, "**Crowd rating:** Positive (median +1.0, IQR "));
  g_assert_nonnull (strstr (median, "**Crowd rating:** Negative (median −1.0, IQR −1.0 to −1.0, n = 1)"));
  g_assert_null (strstr (median, "(mean "));

  /* Every rating removed: the outline of a map never rated. */
  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEAN);
  g_assert_cmpuint (trail_document_clear_stage_ratings (doc, first), ==, 4);
  g_assert_cmpuint (trail_document_clear_stage_ratings (doc, second), ==, 1);
  after = trail_markdown_save (doc);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mermaid/examples", test_mermaid_examples);
  g_test_add_func ("/mermaid/mapping", test_mermaid_mapping);
  g_test_add_func ("/mermaid/out-of-range", test_mermaid_out_of_range);
  g_test_add_func ("/mermaid/errors", test_mermaid_errors);
  g_test_add_func ("/mermaid/hostile", test_mermaid_hostile);
  g_test_add_func ("/mermaid/paste", test_mermaid_paste);
  g_test_add_func ("/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/csv/update-by-id", test_csv_update_by_id);
  g_test_add_func ("/csv/bad-rows", test_csv_bad_rows);
  g_test_add_func ("/markdown/outline", test_markdown);
  g_test_add_func ("/markdown/crowd", test_markdown_crowd);

  return g_test_run ();
}

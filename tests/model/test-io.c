/* test-io.c — the .trailmap format: round trips, bad files, limits, saving.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "trail-model.h"

static char *
source_path (const char *first,
             ...)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");
  g_autofree char *rest = NULL;
  va_list args;

  va_start (args, first);
  rest = g_build_filename_valist (first, &args);
  va_end (args);

  if (root == NULL)
    root = SOURCE_ROOT;

  return g_build_filename (root, rest, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *sa = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
      g_autofree char *sb = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

      g_assert_cmpstr (sa, ==, sb);
    }
}

/* Loads @path, checks that saving gives the same bytes, returns the doc. */
static TrailDocument *
assert_round_trip (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, path, &error);
  g_autoptr(TrailDocument) doc2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_false (trail_document_get_modified (doc));
  g_assert_false (trail_document_get_can_undo (doc));

  again = trail_document_serialize (doc);
  assert_bytes_equal (bytes, again);

  doc2 = trail_document_load_from_bytes (again, path, &error);
  g_assert_no_error (error);
  g_assert_true (trail_document_equal (doc, doc2));

  return g_steal_pointer (&doc);
}

static const char * const template_files[] = {
  "awareness-to-loyalty", "coffee-maker", "free-to-premium", "first-ride", "service-blueprint", "blank",
};

static void
test_templates_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (template_files); i++)
    {
      g_autofree char *file = g_strconcat (template_files[i], ".trailmap", NULL);
      g_autofree char *path = source_path ("data", "templates", file, NULL);
      g_autoptr(TrailDocument) doc = assert_round_trip (path);
      GListModel *personas = trail_document_get_personas (doc);
      GListModel *lines = trail_document_get_emotion_lines (doc);
      guint n_cards = g_list_model_get_n_items (trail_document_get_cards (doc));

      g_test_message ("%s: %u cards", template_files[i], n_cards);
      g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (doc)), >=, 5);
      g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_lanes (doc)), >=, 6);

      if (g_str_equal (template_files[i], "blank"))
        {
          g_assert_cmpuint (n_cards, ==, 0);
          g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 1);
          continue;
        }

      /* A real example: personas with an emotion line each, plenty of
       * cards with channels and evidence. */
      g_assert_cmpuint (g_list_model_get_n_items (personas), >=, 1);
      g_assert_cmpuint (n_cards, >=, 25);
      for (guint p = 0; p < g_list_model_get_n_items (personas); p++)
        {
          g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, p);
          TrailEmotionLine *line = trail_document_find_line_for_persona (doc, trail_persona_get_id (persona));

          g_assert_nonnull (trail_persona_get_role (persona));
          g_assert_nonnull (trail_persona_get_quote (persona));
          g_assert_nonnull (trail_persona_get_goals (persona));
          g_assert_nonnull (line);
          g_assert_cmpuint (g_list_model_get_n_items (trail_emotion_line_get_points (line)), >=, 5);
        }
    }
}

static void
test_templates_api (void)
{
  const char * const *ids = trail_templates_list_ids ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) none = NULL;

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, G_N_ELEMENTS (template_files));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(TrailDocument) doc = trail_template_load (ids[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (doc);
      g_assert_false (trail_document_get_modified (doc));
      g_assert_nonnull (trail_template_get_name (ids[i]));
      g_assert_nonnull (trail_template_get_description (ids[i]));
    }

  g_assert_cmpstr (trail_template_get_name ("coffee-maker"), ==, "Buying a coffee maker");
  g_assert_null (trail_template_get_name ("nope"));

  none = trail_template_load ("nope", &error);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  g_assert_null (none);
}

static void
test_every_field_file (void)
{
  g_autofree char *path = source_path ("tests", "model", "good", "every-field.trailmap", NULL);
  g_autoptr(TrailDocument) doc = assert_round_trip (path);
  g_autoptr(GBytes) out = trail_document_serialize (doc);
  const char *text = g_bytes_get_data (out, NULL);
  TrailCard *card = trail_document_find_card (doc, "c1");
  TrailPersona *persona = trail_document_find_persona (doc, "p1");

  /* Unknown fields at every level come back. */
  g_assert_nonnull (strstr (text, "\"step-names\""));
  g_assert_nonnull (strstr (text, "\"pronouns\": \"she/her\""));
  g_assert_nonnull (strstr (text, "\"duration\""));
  g_assert_nonnull (strstr (text, "\"height\": 120"));
  g_assert_nonnull (strstr (text, "\"nested\""));
  g_assert_nonnull (strstr (text, "\"mood\": \"sad\""));
  g_assert_nonnull (strstr (text, "\"style\": \"dashed\""));
  g_assert_nonnull (strstr (text, "\"generator\""));

  g_assert_cmpint (trail_card_get_channel (card), ==, TRAIL_CHANNEL_SOCIAL_MEDIA);
  g_assert_cmpint (trail_card_get_evidence_source (card), ==, TRAIL_EVIDENCE_SOURCE_SUPPORT_LOGS);
  g_assert_cmpuint (trail_card_get_votes (card), ==, 1000000);
  g_assert_cmpstr (trail_card_get_persona_tags (card)[1], ==, "p1");
  g_assert_nonnull (trail_persona_get_photo (persona));
  g_assert_cmpstr (trail_document_get_scale_label (doc, 7), ==, "7 – great");
  g_assert_true (trail_lane_get_hidden (trail_document_find_lane (doc, "l1")));

  /* Unknown fields survive edits of the same item, and duplication. */
  trail_document_update (doc, card, "text", "Edited", NULL);
  trail_document_duplicate_card (doc, card);
  {
    g_autoptr(GBytes) edited = trail_document_serialize (doc);
    const char *s = g_bytes_get_data (edited, NULL);
    const char *first = strstr (s, "\"nested\"");

    g_assert_nonnull (first);
    g_assert_nonnull (strstr (first + 1, "\"nested\""));
  }
}

static GBytes *
tiny_png (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0, 0, 0, 0, 0,
  };

  return g_bytes_new_static (png, sizeof png);
}

static void
test_every_field_api (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  g_autoptr(TrailDocument) copy = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) photo = tiny_png ();
  g_autoptr(GError) error = NULL;
  const char *labels[] = { "Bad", "Poor", "Fair", "Good", "Great", NULL };
  TrailPersona *ana, *ben;
  TrailStage *s1, *s2;
  TrailLane *touch, *custom;
  TrailCard *card;
  TrailEmotionPoint *point;
  const char *tags[3];

  trail_document_update (doc, doc,
                         "title", "Every field",
                         "objective", "Objective",
                         "scope", "Scope",
                         "notes", "Notes\nwith \"quotes\" and \\ and \t and \x01",
                         NULL);
  ana = trail_document_add_persona (doc, -1, "Ana");
  ben = trail_document_add_persona (doc, 0, "Ben");
  trail_document_update (doc, ana,
                         "role", "Role", "quote", "Quote", "goals", "Goals",
                         "motivations", "Motivations", "pain-points", "Pain",
                         "color", "#123456", "photo", photo,
                         NULL);
  s1 = trail_document_add_stage (doc, -1, "One");
  s2 = trail_document_add_stage (doc, -1, "Two");
  trail_document_update (doc, s1, "description", "Desc", "color", "#abcdef", NULL);
  touch = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_TOUCHPOINTS, NULL);
  custom = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_CUSTOM, "Mine");
  trail_document_add_lane (doc, 1, TRAIL_LANE_KIND_EMOTIONS, NULL);
  trail_document_update (doc, custom, "hidden", TRUE, "persona-id", trail_persona_get_id (ben), NULL);

  card = trail_document_add_card (doc, touch, s2, -1, "Card");
  tags[0] = trail_persona_get_id (ana);
  tags[1] = trail_persona_get_id (ben);
  tags[2] = NULL;
  trail_document_update (doc, card,
                         "details", "Details",
                         "channel", TRAIL_CHANNEL_FOLLOW_UP,
                         "persona-tags", tags,
                         "evidence", TRAIL_EVIDENCE_ASSUMED,
                         "evidence-source", TRAIL_EVIDENCE_SOURCE_INTERVIEW,
                         "evidence-note", "Note",
                         "priority", TRAIL_PRIORITY_MEDIUM,
                         "color", "#ff0000",
                         "votes", 12,
                         NULL);
  trail_document_add_card (doc, custom, s1, -1, "");

  trail_document_set_scale (doc, 0, 4, labels);
  point = trail_document_add_emotion_point (doc, trail_document_find_line_for_persona (doc, trail_persona_get_id (ana)),
                                            s2, 0.1, 3.5, "Half step");
  trail_document_add_emotion_point (doc, trail_document_find_line_for_persona (doc, trail_persona_get_id (ben)),
                                    s1, 1.0 / 3.0, 0, NULL);
  g_assert_nonnull (point);

  first = trail_document_serialize (doc);
  copy = trail_document_load_from_bytes (first, "every-field", &error);
  g_assert_no_error (error);
  g_assert_true (trail_document_equal (doc, copy));
  second = trail_document_serialize (copy);
  assert_bytes_equal (first, second);

  /* The file ends with one newline and is pretty-printed. */
  {
    const char *text = g_bytes_get_data (first, NULL);
    gsize len = g_bytes_get_size (first);

    g_assert_cmpint (text[len - 1], ==, '\n');
    g_assert_cmpint (text[len - 2], ==, '}');
    g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"trailmap\",\n  \"version\": 1,\n"));
  }

  /* A different document is not equal. */
  trail_document_update (copy, trail_document_find_card (copy, trail_card_get_id (card)), "votes", 13, NULL);
  g_assert_false (trail_document_equal (doc, copy));
}

typedef struct
{
  const char *file;
  int         code;
  const char *message;
} BadFile;

static const BadFile bad_files[] = {
  { "malformed.trailmap",              TRAIL_DOCUMENT_ERROR_SYNTAX,       "malformed.trailmap:3:16: not valid JSON: “,” where a member was expected" },
  { "truncated.trailmap",              TRAIL_DOCUMENT_ERROR_SYNTAX,       "truncated.trailmap:48:6: not valid JSON: the text ends too early" },
  { "invalid-utf8.trailmap",           TRAIL_DOCUMENT_ERROR_SYNTAX,       "invalid-utf8.trailmap:4:17: the file is not valid UTF-8" },
  { "empty.trailmap",                  TRAIL_DOCUMENT_ERROR_SYNTAX,       "empty.trailmap: the file is empty" },
  { "not-an-object.trailmap",          TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP, "expected a JSON object, found a list" },
  { "wrong-format.trailmap",           TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP, "the format is “mindmap”, not “trailmap”" },
  { "no-format.trailmap",              TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP, "format: not a Trailmap map" },
  { "future-version.trailmap",         TRAIL_DOCUMENT_ERROR_TOO_NEW,      "newer Trailmap (file format version 7; this version reads up to 1)" },
  { "no-version.trailmap",             TRAIL_DOCUMENT_ERROR_INVALID,      "version: the map has no file format version" },
  { "version-text.trailmap",           TRAIL_DOCUMENT_ERROR_INVALID,      "version: the map has no file format version" },
  { "version-zero.trailmap",           TRAIL_DOCUMENT_ERROR_INVALID,      "version: 0 is not a Trailmap file format version" },
  { "wrong-type-title.trailmap",       TRAIL_DOCUMENT_ERROR_INVALID,      "title: the map: title must be text, not a number" },
  { "wrong-type-votes.trailmap",       TRAIL_DOCUMENT_ERROR_INVALID,      "cards[1].votes: card c2: votes must be a whole number from 0 to 1000000" },
  { "wrong-type-cards.trailmap",       TRAIL_DOCUMENT_ERROR_INVALID,      "cards: expected a list, found an object" },
  { "wrong-type-card.trailmap",        TRAIL_DOCUMENT_ERROR_INVALID,      "cards[2]: expected an object, found text" },
  { "wrong-type-hidden.trailmap",      TRAIL_DOCUMENT_ERROR_INVALID,      "lanes[0].hidden: lane l1: hidden must be true or false, not text" },
  { "wrong-type-tags.trailmap",        TRAIL_DOCUMENT_ERROR_INVALID,      "cards[0].personas: card c1: personas must be a list of ids, not text" },
  { "missing-stage-name.trailmap",     TRAIL_DOCUMENT_ERROR_INVALID,      "stages[2].name: stage 3 has no name" },
  { "missing-card-lane.trailmap",      TRAIL_DOCUMENT_ERROR_INVALID,      "cards[1].lane: card c2 has no lane" },
  { "missing-title.trailmap",          TRAIL_DOCUMENT_ERROR_INVALID,      "title: the map has no title" },
  { "missing-point-score.trailmap",    TRAIL_DOCUMENT_ERROR_INVALID,      "emotion-lines[0].points[0].score: emotion point pt1 has no score" },
  { "dangling-lane.trailmap",          TRAIL_DOCUMENT_ERROR_REFERENCE,    "cards[2].lane: card c12 refers to unknown lane l9" },
  { "dangling-stage.trailmap",         TRAIL_DOCUMENT_ERROR_REFERENCE,    "cards[0].stage: card c1 refers to unknown stage s7" },
  { "dangling-persona-tag.trailmap",   TRAIL_DOCUMENT_ERROR_REFERENCE,    "cards[0].personas[1]: card c1 refers to unknown persona p7" },
  { "dangling-lane-persona.trailmap",  TRAIL_DOCUMENT_ERROR_REFERENCE,    "lanes[0].persona: lane l1 refers to unknown persona p4" },
  { "dangling-line-persona.trailmap",  TRAIL_DOCUMENT_ERROR_REFERENCE,    "emotion-lines[0].persona: emotion line e1 refers to unknown persona p5" },
  { "dangling-point-stage.trailmap",   TRAIL_DOCUMENT_ERROR_REFERENCE,    "emotion-lines[0].points[0].stage: emotion point pt1 refers to unknown stage s9" },
  { "duplicate-id.trailmap",           TRAIL_DOCUMENT_ERROR_REFERENCE,    "stages[1]: duplicate id s1 (also used by a stage)" },
  { "duplicate-id-across-kinds.trailmap", TRAIL_DOCUMENT_ERROR_REFERENCE, "cards[0]: duplicate id l1 (also used by a lane)" },
  { "duplicate-tag.trailmap",          TRAIL_DOCUMENT_ERROR_INVALID,      "“p1” appears twice in personas" },
  { "duplicate-line.trailmap",         TRAIL_DOCUMENT_ERROR_REFERENCE,    "persona p1 has more than one emotion line" },
  { "card-in-emotions-lane.trailmap",  TRAIL_DOCUMENT_ERROR_INVALID,      "card c1 is in emotions lane l2, which holds no cards" },
  { "huge-integer.trailmap",           TRAIL_DOCUMENT_ERROR_LIMIT,        "huge-integer.trailmap:54:16: cards[1].votes: the number is too large" },
  { "huge-votes.trailmap",             TRAIL_DOCUMENT_ERROR_INVALID,      "cards[1].votes: card c2: votes must be a whole number" },
  { "huge-double.trailmap",            TRAIL_DOCUMENT_ERROR_LIMIT,        "huge-double.trailmap:65:23: emotion-lines[0].points[0].position: the number is too large" },
  { "negative-position.trailmap",      TRAIL_DOCUMENT_ERROR_INVALID,      "points[0].position: emotion point pt1: position must be" },
  { "score-outside-scale.trailmap",    TRAIL_DOCUMENT_ERROR_INVALID,      "score 9 is outside the scale -2 … 2" },
  { "bad-scale.trailmap",              TRAIL_DOCUMENT_ERROR_INVALID,      "scale: the scale 5 … 1 is not valid" },
  { "bad-scale-labels.trailmap",       TRAIL_DOCUMENT_ERROR_INVALID,      "one label per step" },
  { "bad-color.trailmap",              TRAIL_DOCUMENT_ERROR_INVALID,      "personas[0].color: persona p1: “blue” is not a colour" },
  { "unknown-channel.trailmap",        TRAIL_DOCUMENT_ERROR_INVALID,      "cards[0].channel: card c1: unknown channel “fax”" },
  { "unknown-lane-kind.trailmap",      TRAIL_DOCUMENT_ERROR_INVALID,      "unknown kind “swimlane”" },
  { "bad-photo-base64.trailmap",       TRAIL_DOCUMENT_ERROR_INVALID,      "photo is not valid base64" },
  { "bad-photo-not-image.trailmap",    TRAIL_DOCUMENT_ERROR_INVALID,      "neither PNG nor JPEG" },
  { "bad-photo-pixels.trailmap",       TRAIL_DOCUMENT_ERROR_LIMIT,        "100000 × 100000 pixels" },
  { "bad-photo-truncated-jpeg.trailmap", TRAIL_DOCUMENT_ERROR_INVALID,    "no valid frame header" },
  { "nul-in-text.trailmap",            TRAIL_DOCUMENT_ERROR_INVALID,      "nul-in-text.trailmap:47:22: cards[0].text: text holds a NUL character" },
  { "unknown-infinity.trailmap",       TRAIL_DOCUMENT_ERROR_LIMIT,        "unknown-infinity.trailmap:5:17: future[1]: the number is too large" },
  { "lone-surrogate.trailmap",         TRAIL_DOCUMENT_ERROR_INVALID,      "lone-surrogate.trailmap:4:20: title: text holds a lone surrogate (\\udc00)" },
  { "lone-surrogate-unknown.trailmap", TRAIL_DOCUMENT_ERROR_INVALID,      "lone-surrogate-unknown.trailmap:5:17: future[0]: text holds a lone surrogate" },
  { "deep-nesting.trailmap",           TRAIL_DOCUMENT_ERROR_LIMIT,        "deep-nesting.trailmap:5:76: nested too deeply" },
  { "comment.trailmap",                TRAIL_DOCUMENT_ERROR_SYNTAX,       "comment.trailmap:4:3: not valid JSON: comments are not allowed" },
  { "comment-line.trailmap",           TRAIL_DOCUMENT_ERROR_SYNTAX,       "comment-line.trailmap:4:3: not valid JSON: comments are not allowed" },
  { "single-quotes.trailmap",          TRAIL_DOCUMENT_ERROR_SYNTAX,       "single-quotes.trailmap:4:3: not valid JSON: text must be in double quotes" },
  { "hex-number.trailmap",             TRAIL_DOCUMENT_ERROR_SYNTAX,       "hex-number.trailmap:5:13: not valid JSON: hexadecimal numbers are not allowed" },
  { "nan.trailmap",                    TRAIL_DOCUMENT_ERROR_SYNTAX,       "nan.trailmap:5:13: not valid JSON: NaN and Infinity are not JSON numbers" },
  { "trailing-comma-array.trailmap",   TRAIL_DOCUMENT_ERROR_SYNTAX,       "trailing-comma-array.trailmap:5:19: not valid JSON: “]” where a value was expected" },
  { "trailing-comma-object.trailmap",  TRAIL_DOCUMENT_ERROR_SYNTAX,       "trailing-comma-object.trailmap:5:1: not valid JSON: “}” where a member was expected" },
  { "control-in-string.trailmap",      TRAIL_DOCUMENT_ERROR_SYNTAX,       "control-in-string.trailmap:4:16: not valid JSON: a control character (U+0009)" },
  { "leading-zero.trailmap",           TRAIL_DOCUMENT_ERROR_SYNTAX,       "leading-zero.trailmap:5:13: not valid JSON: a number cannot start with 0" },
  { "lone-high-surrogate.trailmap",    TRAIL_DOCUMENT_ERROR_INVALID,      "lone-high-surrogate.trailmap:5:14: future: text holds a lone surrogate (\\ud800)" },
  { "integer-beyond-int64.trailmap",   TRAIL_DOCUMENT_ERROR_LIMIT,        "integer-beyond-int64.trailmap:5:13: future: the number is too large" },
  { "two-values.trailmap",             TRAIL_DOCUMENT_ERROR_SYNTAX,       "two-values.trailmap:6:1: not valid JSON: more text after the end" },
  { "byte-order-mark.trailmap",        TRAIL_DOCUMENT_ERROR_SYNTAX,       "byte-order-mark.trailmap:1:1: not valid JSON: the text starts with a byte order mark" },
  { "too-many-cells.trailmap",         TRAIL_DOCUMENT_ERROR_LIMIT,        "too-many-cells.trailmap: lanes: 400 stages and 251 lanes make too many cells" },
  { "empty-id.trailmap",               TRAIL_DOCUMENT_ERROR_INVALID,      "cards[0].id: card 1: id cannot be empty" },
  { "current-state-path.trailmap",     TRAIL_DOCUMENT_ERROR_INVALID,      "current-state.file: the current state: file must be a file name, not a path" },
  { "wrong-type-rating-score.trailmap", TRAIL_DOCUMENT_ERROR_INVALID,     "ratings[0].score: rating r1: score must be a whole number" },
  { "rating-outside-scale.trailmap",   TRAIL_DOCUMENT_ERROR_INVALID,      "ratings[0].score: rating r1: score 5 is outside the scale -2 … 2" },
  { "bad-crowd-statistic.trailmap",    TRAIL_DOCUMENT_ERROR_INVALID,      "crowd-statistic: the crowd statistic must be “mean” or “median”, not “average”" },
};

static void
test_bad_files (void)
{
  g_autofree char *dir = source_path ("tests", "model", "bad", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *entry;

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, bad_files[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailDocument) doc = trail_document_load_from_file (file, NULL, &error);

      g_test_message ("%s: %s", bad_files[i].file, error != NULL ? error->message : "(loaded)");
      g_assert_null (doc);
      g_assert_error (error, TRAIL_DOCUMENT_ERROR, bad_files[i].code);
      /* Every message names the file. */
      g_assert_true (g_str_has_prefix (error->message, path));
      if (strstr (error->message, bad_files[i].message) == NULL)
        g_error ("%s: expected “%s” in “%s”", bad_files[i].file, bad_files[i].message, error->message);

      g_hash_table_add (seen, (char *) bad_files[i].file);
    }

  /* Each file in the corpus has its own expectation. */
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (entry, ".trailmap") && !g_hash_table_contains (seen, entry))
      g_error ("%s has no expected message in test-io.c", entry);
}

static void
test_several_problems (void)
{
  const char *text =
    "{\"format\": \"trailmap\", \"version\": 1, \"title\": \"t\",\n"
    " \"stages\": [{\"id\": \"s1\"}, {\"name\": \"x\"}],\n"
    " \"cards\": [{\"id\": \"c1\", \"lane\": 3, \"stage\": \"s1\", \"text\": \"\"}]}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "several.trailmap", &error);
  g_auto(GStrv) lines = NULL;

  g_assert_null (doc);
  g_assert_nonnull (error);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "several.trailmap: stages[0].name: stage s1 has no name");
  g_assert_cmpstr (lines[1], ==, "several.trailmap: stages[1].id: stage 2 has no id");
  g_assert_cmpstr (lines[2], ==, "several.trailmap: cards[0].lane: card c1: lane must be text, not a number");
}

static void
assert_load_fails (GBytes     *bytes,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "hostile.trailmap", &error);

  g_assert_null (doc);
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

static void
test_limits (void)
{
  /* Nesting a million deep would overflow json-glib's stack. */
  {
    gsize depth = 1000000;
    char *text = g_malloc (2 * depth);
    g_autoptr(GBytes) bytes = NULL;

    memset (text, '[', depth);
    memset (text + depth, ']', depth);
    bytes = g_bytes_new_take (text, 2 * depth);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "hostile.trailmap:1:65: nested too deeply");
  }

  /* The same behind a comment holding a quote, which hid the rest of the
   * file from the old pre-check (json-glib 1.6 skips comments). */
  {
    const char *prefix = "{\"format\": \"trailmap\", \"version\": 1, /*\"*/ \"x\": ";
    gsize depth = 100000;
    GString *text = g_string_new (prefix);
    g_autoptr(GBytes) bytes = NULL;

    for (gsize i = 0; i < depth; i++)
      g_string_append_c (text, '[');
    for (gsize i = 0; i < depth; i++)
      g_string_append_c (text, ']');
    g_string_append_c (text, '}');
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_SYNTAX, "hostile.trailmap:1:38: not valid JSON: comments are not allowed");
  }

  /* A single-quoted string hid a NUL that truncated the title. */
  {
    const char *text = "{\"format\": \"trailmap\", \"version\": 1, \"x\": 'it\"s', \"title\": \"a\\u0000b\"}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_SYNTAX, "hostile.trailmap:1:43: not valid JSON: text must be in double quotes");
  }

  /* Hex literals wrapped: 0x7fffffffffffffffffff became -1. */
  {
    const char *text = "{\"format\": \"trailmap\", \"version\": 0x7fffffffffffffffffff, \"title\": \"\"}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_SYNTAX, "hostile.trailmap:1:35: not valid JSON: hexadecimal numbers are not allowed");
  }

  /* One digit beyond gint64, where json-glib wraps. */
  {
    const char *text = "{\"format\": \"trailmap\", \"version\": 1, \"title\": \"\", \"x\": {\"y\": [9223372036854775808]}}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "hostile.trailmap:1:63: x.y[0]: the number is too large");
  }

  /* null, true and false cost a node each too. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"x\": [");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < TRAIL_FILE_MAX_VALUES / 3 + 1; i++)
      g_string_append (text, "null,true,false,");
    g_string_append (text, "null]}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "too many values");
  }

  /* Unknown members are kept, so their texts have the same limit. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"title\": \"\", \"future\": {\"note\": \"");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < TRAIL_FILE_MAX_STRING + 1; i++)
      g_string_append_c (text, 'x');
    g_string_append (text, "\"}}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "hostile.trailmap:1:70: future.note: the text is too long");
  }

  /* And member names. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"title\": \"\", \"");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < TRAIL_FILE_MAX_STRING + 1; i++)
      g_string_append (text, "\\n");
    g_string_append (text, "\": 1}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "hostile.trailmap:1:51: a member name is too long");
  }

  /* Larger than the limit: refused before anything is parsed. */
  {
    gsize size = TRAIL_FILE_MAX_BYTES + 1;
    char *text = g_malloc (size);
    g_autoptr(GBytes) bytes = NULL;

    memset (text, ' ', size);
    bytes = g_bytes_new_take (text, size);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "the file is too large");
  }

  /* Millions of tiny values cost a node each. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"x\": [");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < TRAIL_FILE_MAX_VALUES; i++)
      g_string_append (text, "0,");
    g_string_append (text, "0]}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "too many values");
  }

  /* A text longer than any card needs. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"title\": \"");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < TRAIL_FILE_MAX_STRING + 1; i++)
      g_string_append_c (text, 'x');
    g_string_append (text, "\"}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "hostile.trailmap:1:47: title: the text is too long");
  }

  /* A photo beyond the byte limit is refused before it is decoded. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"title\": \"\", "
                                  "\"personas\": [{\"id\": \"p1\", \"name\": \"n\", \"color\": \"#000000\", \"photo\": \"");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i < TRAIL_IMAGE_MAX_BYTES / 3 * 4 + 8; i++)
      g_string_append_c (text, 'A');
    g_string_append (text, "\"}]}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "personas[0].photo: the text is too long");
  }

  /* More cards than the limit. */
  {
    GString *text = g_string_new ("{\"format\": \"trailmap\", \"version\": 1, \"title\": \"\", \"cards\": [");
    g_autoptr(GBytes) bytes = NULL;

    for (guint i = 0; i <= TRAIL_FILE_MAX_CARDS; i++)
      g_string_append (text, i > 0 ? ",{}" : "{}");
    g_string_append (text, "]}");
    bytes = g_string_free_to_bytes (text);
    assert_load_fails (bytes, TRAIL_DOCUMENT_ERROR_LIMIT, "cards: too many entries");
  }
}

static void
test_image_check (void)
{
  static const guint8 jpeg[] = {
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F',
    0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0x90, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00,
  };
  static const guint8 endless[] = { 0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = tiny_png ();
  TrailImageType type;
  guint w, h;

  g_assert_true (trail_image_check (jpeg, sizeof jpeg, &type, &w, &h, &error));
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, TRAIL_IMAGE_JPEG);
  g_assert_cmpuint (w, ==, 600);
  g_assert_cmpuint (h, ==, 400);
  g_assert_cmpstr (trail_image_type_get_mime (type), ==, "image/jpeg");

  g_assert_true (trail_image_check (g_bytes_get_data (png, NULL), g_bytes_get_size (png), &type, &w, &h, NULL));
  g_assert_cmpint (type, ==, TRAIL_IMAGE_PNG);
  g_assert_cmpuint (w, ==, 2);
  g_assert_cmpuint (h, ==, 3);

  g_assert_false (trail_image_check (endless, sizeof endless, NULL, NULL, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (trail_image_check (jpeg, 9, NULL, NULL, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("trailmap-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_save (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) as_dir = g_file_new_for_path (dir);
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(TrailDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *stale = NULL;

  trail_document_update (doc, doc, "title", "Saved", NULL);
  g_assert_true (trail_document_get_modified (doc));

  g_assert_true (trail_document_save_to_file (doc, file, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  g_assert_false (trail_document_get_modified (doc));

  loaded = trail_document_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trail_document_equal (doc, loaded));

  /* Someone else changes the file: our etag is stale. */
  trail_document_update (doc, doc, "title", "Ours", NULL);
  g_usleep (10000);
  g_assert_true (trail_document_save_to_file (loaded, file, etag, &etag2, NULL, &error));
  g_assert_no_error (error);
  stale = g_steal_pointer (&etag);
  on_disk = read_bytes (path);

  if (g_strcmp0 (stale, etag2) != 0)
    {
      g_assert_false (trail_document_save_to_file (doc, file, stale, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
      g_assert_nonnull (strstr (error->message, "unchanged"));
      g_clear_error (&error);
      g_assert_true (trail_document_get_modified (doc));
      after = read_bytes (path);
      assert_bytes_equal (on_disk, after);
      g_clear_pointer (&after, g_bytes_unref);
    }
  else
    g_test_message ("etags equal within one mtime tick; skipping the stale etag check");

  /* A place that cannot be written: a folder. */
  g_assert_false (trail_document_save_to_file (doc, as_dir, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);
  g_assert_true (trail_document_get_modified (doc));

  after = read_bytes (path);
  assert_bytes_equal (on_disk, after);

  remove_tree (dir);
}

/* A full disk, simulated with a file size limit: the write fails part-way
 * and the old file must stay as it was. Runs in a subprocess because the
 * limit is per process. */
static void
test_save_disk_full (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("TRAILMAP_TEST_FULL_PATH");
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(TrailDocument) doc = trail_document_new_blank ();
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 4096, 4096 };
      g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
      g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 0);

      for (guint i = 0; i < 200; i++)
        trail_document_add_card (doc, lane, stage, -1, "A card that takes some room in the file");

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (trail_document_save_to_file (doc, file, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      g_assert_true (trail_document_get_modified (doc));
      return;
    }

  {
    g_autofree char *dir = make_temp_dir ();
    g_autofree char *path = g_build_filename (dir, "map.trailmap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(TrailDocument) small = trail_document_new_blank ();
    g_autoptr(GBytes) before = NULL;
    g_autoptr(GBytes) after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) listing = NULL;
    guint n_files = 0;

    g_assert_true (trail_document_save_to_file (small, file, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    before = read_bytes (path);

    g_setenv ("TRAILMAP_TEST_FULL_PATH", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*Could not save*unchanged*");

    after = read_bytes (path);
    assert_bytes_equal (before, after);

    /* No temporary file is left behind either. */
    listing = g_dir_open (dir, 0, NULL);
    while (g_dir_read_name (listing) != NULL)
      n_files++;
    g_assert_cmpuint (n_files, ==, 1);

    remove_tree (dir);
  }
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TrailDocument **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = trail_document_load_from_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **etag = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (trail_document_save_to_file_finish (TRAIL_DOCUMENT (object), result, etag, &error));
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.trailmap", NULL);
  g_autofree char *template = source_path ("data", "templates", "coffee-maker.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) template_file = g_file_new_for_path (template);
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(TrailDocument) reloaded = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) original = read_bytes (template);
  g_autofree char *etag = NULL;

  trail_document_load_from_file_async (template_file, NULL, on_loaded_cb, &doc);
  while (doc == NULL)
    g_main_context_iteration (NULL, TRUE);

  trail_document_update (doc, doc, "title", "Changed", NULL);
  trail_document_save_to_file_async (doc, file, NULL, NULL, on_saved_cb, &etag);
  /* An edit while the save is in flight: the document stays modified. */
  trail_document_update (doc, doc, "title", "Changed again", NULL);
  while (etag == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (trail_document_get_modified (doc));
  trail_document_undo (doc);
  g_assert_false (trail_document_get_modified (doc));

  trail_document_load_from_file_async (file, NULL, on_loaded_cb, &reloaded);
  while (reloaded == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (trail_document_equal (doc, reloaded));
  g_assert_cmpstr (trail_document_get_title (reloaded), ==, "Changed");

  /* Only the title line differs from the template. */
  saved = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (saved), ==, g_bytes_get_size (original) - strlen ("Buying a coffee maker") + strlen ("Changed"));

  remove_tree (dir);
}

static void
test_read_file_errors (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/map.trailmap");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_load_from_file (missing, NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/io/templates-round-trip", test_templates_round_trip);
  g_test_add_func ("/model/io/templates-api", test_templates_api);
  g_test_add_func ("/model/io/every-field-file", test_every_field_file);
  g_test_add_func ("/model/io/every-field-api", test_every_field_api);
  g_test_add_func ("/model/io/bad-files", test_bad_files);
  g_test_add_func ("/model/io/several-problems", test_several_problems);
  g_test_add_func ("/model/io/limits", test_limits);
  g_test_add_func ("/model/io/image-check", test_image_check);
  g_test_add_func ("/model/io/save", test_save);
  g_test_add_func ("/model/io/save-disk-full", test_save_disk_full);
  g_test_add_func ("/model/io/async", test_async);
  g_test_add_func ("/model/io/read-file-errors", test_read_file_errors);

  return g_test_run ();
}

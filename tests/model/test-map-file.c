/* test-map-file.c — the file state of a map: loading, saving, etags,
 * drafts and the names shown for it, without a display.
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
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_error (&r->error);
  r->done = r->ok = FALSE;
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  r->ok = trail_map_file_load_finish (TRAIL_MAP_FILE (object), result, &r->error);
  r->done = TRUE;
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Result *r = user_data;

  r->ok = trail_map_file_save_finish (TRAIL_MAP_FILE (object), result, &r->error);
  r->done = TRUE;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
set_title (TrailDocument *document,
           const char    *title)
{
  trail_document_update (document, G_OBJECT (document), "title", title, NULL);
}

/* A map on disk, in a folder of its own; returns the file. */
static GFile *
write_map (const char *title)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trailmap-map-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  GFile *file;

  g_assert_no_error (error);
  path = g_build_filename (dir, "journey.trailmap", NULL);
  file = g_file_new_for_path (path);
  set_title (document, title);
  g_assert_true (trail_document_save_to_file (document, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return file;
}

static TrailMapFile *
load (GFile *file)
{
  TrailMapFile *map = trail_map_file_new_for_file (file);
  Result r = { 0 };

  trail_map_file_load_async (map, NULL, on_loaded_cb, &r);
  g_assert_true (trail_map_file_get_loading (map));
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_false (trail_map_file_get_loading (map));

  return map;
}

static void
save (TrailMapFile          *map,
      GFile                 *file,
      TrailMapFileSaveFlags  flags,
      Result                *r)
{
  result_clear (r);
  trail_map_file_save_async (map, file, flags, NULL, on_saved_cb, r);
  g_assert_true (trail_map_file_get_saving (map));
  wait_for (r);
  g_assert_false (trail_map_file_get_saving (map));
}

static GPtrArray *
wait_for_drafts (guint n)
{
  for (;;)
    {
      g_autoptr(GPtrArray) drafts = trail_drafts_list ();

      if (drafts->len == n)
        return g_steal_pointer (&drafts);
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
count_drafts (void)
{
  g_autoptr(GPtrArray) drafts = trail_drafts_list ();

  return drafts->len;
}

static void
test_display_text (void)
{
  struct {
    const char *in;
    guint       max;
    const char *out;
  } cases[] = {
    { NULL, 0, "" },
    { "Buying a coffee maker", 0, "Buying a coffee maker" },
    { "  two\n\nlines \t", 0, "two lines" },
    { "bell\a esc\x1b[31mred\x7f del", 0, "bell esc [31mred del" },
    { "c1\xc2\x85next", 0, "c1 next" },                          /* U+0085 NEL */
    { "sep\xe2\x80\xa8line", 0, "sep line" },                     /* U+2028 */
    { "\xe2\x80\xae" "desrever", 0, "desrever" },                 /* U+202E RLO */
    { "iso\xe2\x81\xa7late", 0, "iso late" },                     /* U+2067 RLI */
    { "bad \xff utf8", 0, "bad \xef\xbf\xbd utf8" },
    { "abcdefghij", 5, "abcd…" },
    { "ab  cdefghij", 4, "ab…" },
    { "abcde", 5, "abcde" },
    { "é😀ü", 2, "é…" },
    { "\n\t\r", 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = trail_display_text_dup (cases[i].in, cases[i].max);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
}

static void
test_new (void)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailMapFile) map = NULL;
  guint titles = 0, modified = 0;

  set_title (document, "First ride");
  trail_document_set_saved (document);
  map = trail_map_file_new (document);
  g_signal_connect (map, "notify::title", G_CALLBACK (count_notify_cb), &titles);
  g_signal_connect (map, "notify::modified", G_CALLBACK (count_notify_cb), &modified);

  g_assert_true (trail_map_file_get_document (map) == document);
  g_assert_null (trail_map_file_get_file (map));
  g_assert_null (trail_map_file_get_draft_id (map));
  g_assert_cmpstr (trail_map_file_get_name (map), ==, "Unsaved Map");
  g_assert_cmpstr (trail_map_file_get_title (map), ==, "First ride");
  g_assert_false (trail_map_file_get_modified (map));

  set_title (document, "Second ride");
  g_assert_cmpstr (trail_map_file_get_title (map), ==, "Second ride");
  g_assert_cmpuint (titles, ==, 1);
  g_assert_true (trail_map_file_get_modified (map));
  g_assert_cmpuint (modified, >=, 1);

  /* A title of nothing printable counts as none: the name stands in. */
  set_title (document, "\n\x01\t");
  g_assert_cmpstr (trail_map_file_get_title (map), ==, "Unsaved Map");
  set_title (document, "Line one\nline two\x1b]0;evil\a");
  g_assert_cmpstr (trail_map_file_get_title (map), ==, "Line one line two ]0;evil");
}

static void
test_load_and_save (void)
{
  g_autoptr(GFile) file = write_map ("On disk");
  g_autoptr(TrailMapFile) map = load (file);
  g_autofree char *etag = NULL;
  guint files = 0;
  Result r = { 0 };

  g_assert_nonnull (trail_map_file_get_document (map));
  g_assert_true (g_file_equal (trail_map_file_get_file (map), file));
  g_assert_true (trail_map_file_is_for (map, file));
  g_assert_nonnull (trail_map_file_get_etag (map));
  g_assert_cmpstr (trail_map_file_get_name (map), ==, "journey.trailmap");
  g_assert_cmpstr (trail_map_file_get_title (map), ==, "On disk");
  g_assert_false (trail_map_file_get_modified (map));

  g_signal_connect (map, "notify::file", G_CALLBACK (count_notify_cb), &files);
  etag = g_strdup (trail_map_file_get_etag (map));
  set_title (trail_map_file_get_document (map), "Edited");
  g_assert_true (trail_map_file_get_modified (map));
  save (map, NULL, TRAIL_MAP_FILE_SAVE_NONE, &r);
  g_assert_no_error (r.error);
  g_assert_false (trail_map_file_get_modified (map));
  g_assert_cmpuint (files, ==, 0);
  g_assert_nonnull (trail_map_file_get_etag (map));

  {
    g_autoptr(TrailDocument) again = trail_document_load_from_file (file, NULL, &r.error);
    g_assert_no_error (r.error);
    g_assert_cmpstr (trail_document_get_title (again), ==, "Edited");
  }
  result_clear (&r);
}

static void
test_changed_on_disk (void)
{
  g_autoptr(GFile) file = write_map ("Ours");
  g_autoptr(TrailMapFile) map = load (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *theirs = "not even a map, but theirs\n";
  Result r = { 0 };

  set_title (trail_map_file_get_document (map), "Ours, edited");

  /* Someone else writes the file; its time moves on, so its etag changes. */
  g_assert_true (g_file_replace_contents (file, theirs, strlen (theirs), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) + 10,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);

  save (map, NULL, TRAIL_MAP_FILE_SAVE_NONE, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_true (trail_map_file_get_modified (map));
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_cmpstr (contents, ==, theirs);
  g_clear_pointer (&contents, g_free);

  save (map, NULL, TRAIL_MAP_FILE_SAVE_OVERWRITE, &r);
  g_assert_no_error (r.error);
  g_assert_false (trail_map_file_get_modified (map));
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_nonnull (strstr (contents, "Ours, edited"));
  result_clear (&r);
}

static void
test_save_as (void)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailMapFile) map = trail_map_file_new (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trailmap-map-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "new\nname.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint files = 0, names = 0;
  Result r = { 0 };

  g_signal_connect (map, "notify::file", G_CALLBACK (count_notify_cb), &files);
  g_signal_connect (map, "notify::name", G_CALLBACK (count_notify_cb), &names);
  set_title (document, "");
  save (map, file, TRAIL_MAP_FILE_SAVE_NONE, &r);
  g_assert_no_error (r.error);
  g_assert_true (g_file_equal (trail_map_file_get_file (map), file));
  g_assert_cmpuint (files, ==, 1);
  g_assert_cmpuint (names, ==, 1);
  /* A file name can hold a line break too: never in a title. */
  g_assert_cmpstr (trail_map_file_get_name (map), ==, "new name.trailmap");
  g_assert_cmpstr (trail_map_file_get_title (map), ==, "new name.trailmap");
  g_assert_false (trail_map_file_get_modified (map));
  result_clear (&r);
}

static void
test_load_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trailmap-map-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "broken.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TrailMapFile) map = trail_map_file_new_for_file (file);
  Result r = { 0 };

  g_assert_true (g_file_set_contents (path, "{ \"format\": \"trailmap\", ", -1, &error));
  trail_map_file_load_async (map, NULL, on_loaded_cb, &r);
  wait_for (&r);
  g_assert_false (r.ok);
  g_assert_error (r.error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX);
  g_assert_null (trail_map_file_get_document (map));
  g_assert_false (trail_map_file_get_loading (map));
  g_assert_false (trail_map_file_get_modified (map));
  result_clear (&r);
}

static void
test_drafts (void)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailMapFile) map = trail_map_file_new (document);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) drafted = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trailmap-map-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "saved.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrailDraft *draft;
  Result r = { 0 };

  trail_map_file_set_draft_delay (map, 1);
  g_assert_cmpuint (count_drafts (), ==, 0);

  set_title (document, "Kept safe");
  drafts = wait_for_drafts (1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (draft->id, ==, trail_map_file_get_draft_id (map));
  g_assert_cmpstr (draft->title, ==, "Kept safe");
  g_assert_null (draft->original);
  drafted = trail_document_load_from_file (draft->content, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trail_document_get_title (drafted), ==, "Kept safe");

  /* A successful save makes the draft useless. */
  save (map, file, TRAIL_MAP_FILE_SAVE_NONE, &r);
  g_assert_no_error (r.error);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = wait_for_drafts (0);

  /* The next change drafts again, with where the map is saved; discarding
   * removes it for good. */
  set_title (document, "Changed again");
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = wait_for_drafts (1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_true (draft->original != NULL && g_file_equal (draft->original, file));
  trail_map_file_discard_draft (map);
  g_assert_cmpuint (count_drafts (), ==, 0);
  result_clear (&r);
}

/* A view typing into a card and into a new card, as the canvas's inline
 * editor does: its prepare-draft handler lays the text over the draft. */
typedef struct
{
  TrailCard  *card;
  TrailLane  *lane;
  TrailStage *stage;
  guint       calls;
} Typing;

static gboolean
on_prepare_draft_cb (TrailDocument     *document,
                     TrailDraftOverlay *draft,
                     Typing            *typing)
{
  typing->calls++;
  if (draft != NULL)
    {
      trail_draft_overlay_set_text (draft, typing->card, "text", "Typed, not committed");
      trail_draft_overlay_set_text (draft, typing->stage, "name", "Renamed \"stage\"");
      trail_draft_overlay_add_card (draft, typing->lane, typing->stage, 1, "A card being typed",
                                    TRAIL_CHANNEL_EMAIL, NULL);
    }
  return TRUE;
}

/* The overlay writes what the edits would: the same bytes as the map with
 * the edits made, but for the new card's id (each new card gets its own). */
static void
test_draft_overlay (void)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailDocument) edited = NULL;
  g_autoptr(TrailDraftOverlay) overlay = NULL;
  g_autoptr(GBytes) overlaid = NULL, expected = NULL;
  g_autoptr(TrailDocument) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), 1);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (document), 0);
  g_autoptr(GString) want = NULL;
  TrailCard *cards[3], *added;

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *text = g_strdup_printf ("Card %u", i);

      cards[i] = trail_document_add_card (document, lane, stage, -1, text);
    }
  overlaid = trail_document_serialize (document);
  edited = trail_document_load_from_bytes (overlaid, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&overlaid, g_bytes_unref);

  overlay = trail_draft_overlay_new (document);
  g_assert_true (trail_draft_overlay_is_empty (overlay));
  trail_draft_overlay_set_text (overlay, cards[2], "text", "First text");
  trail_draft_overlay_set_text (overlay, cards[2], "text", "Typed, \"quoted\"\nover two lines");
  trail_draft_overlay_set_text (overlay, stage, "name", "Renamed");
  trail_draft_overlay_add_card (overlay, lane, stage, 1, "A card being typed", TRAIL_CHANNEL_EMAIL, NULL);
  g_assert_false (trail_draft_overlay_is_empty (overlay));
  overlaid = trail_document_serialize_overlaid (document, overlay);

  /* The document itself is as it was. */
  g_assert_cmpstr (trail_card_get_text (cards[2]), ==, "Card 2");
  g_assert_cmpstr (trail_stage_get_name (stage), !=, "Renamed");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (document)), ==, 3);

  trail_document_update (edited, trail_document_find_card (edited, trail_card_get_id (cards[2])),
                         "text", "Typed, \"quoted\"\nover two lines", NULL);
  trail_document_update (edited, trail_document_find_stage (edited, trail_stage_get_id (stage)),
                         "name", "Renamed", NULL);
  added = trail_document_add_card (edited, trail_document_find_lane (edited, trail_lane_get_id (lane)),
                                   trail_document_find_stage (edited, trail_stage_get_id (stage)), 1,
                                   "A card being typed");
  trail_document_update (edited, added, "channel", TRAIL_CHANNEL_EMAIL, NULL);
  expected = trail_document_serialize (edited);

  /* The overlaid draft reads back (strictly) with the new card in place. */
  reread = trail_document_load_from_bytes (overlaid, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TrailCard) second = g_list_model_get_item (trail_document_get_cards (reread), 1);

    g_assert_cmpstr (trail_card_get_text (second), ==, "A card being typed");
    want = g_string_new_len (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    g_string_replace (want, trail_card_get_id (added), trail_card_get_id (second), 0);
  }
  g_assert_cmpstr (g_bytes_get_data (overlaid, NULL), ==, want->str);
}

/* A draft written while a view holds typed text has the text, and the
 * document is not changed by it. */
static void
test_draft_while_typing (void)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailMapFile) map = trail_map_file_new (document);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) drafted = NULL;
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), 0);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (document), 0);
  Typing typing = { 0 };
  TrailDraft *draft;

  typing.card = trail_document_add_card (document, lane, stage, -1, "Committed");
  typing.lane = lane;
  typing.stage = stage;
  trail_document_clear_history (document);
  g_signal_connect (document, "prepare-draft", G_CALLBACK (on_prepare_draft_cb), &typing);

  trail_map_file_set_draft_delay (map, 1);
  trail_document_note_pending_edit (document);
  drafts = wait_for_drafts (1);
  draft = g_ptr_array_index (drafts, 0);
  drafted = trail_document_load_from_file (draft->content, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trail_card_get_text (trail_document_find_card (drafted, trail_card_get_id (typing.card))), ==,
                   "Typed, not committed");
  g_assert_cmpstr (trail_stage_get_name (trail_document_find_stage (drafted, trail_stage_get_id (stage))), ==,
                   "Renamed \"stage\"");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (drafted)), ==, 2);
  g_assert_cmpuint (typing.calls, >=, 2);

  g_assert_cmpstr (trail_card_get_text (typing.card), ==, "Committed");
  g_assert_false (trail_document_get_modified (document));
  trail_map_file_discard_draft (map);
  g_signal_handlers_disconnect_by_data (document, &typing);
}

static void
test_recovered (void)
{
  g_autoptr(GFile) original = write_map ("Before the crash");
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailMapFile) map = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *id = trail_drafts_new_id ();
  Result r = { 0 };

  set_title (document, "After the crash");
  trail_document_set_saved (document);
  bytes = trail_document_serialize (document);
  trail_drafts_write_async (id, bytes, original, "After the crash", NULL, NULL, NULL);
  drafts = wait_for_drafts (1);

  map = trail_map_file_new_recovered (document, original, id);
  g_assert_true (trail_map_file_get_modified (map));
  g_assert_cmpstr (trail_map_file_get_draft_id (map), ==, id);
  g_assert_true (trail_map_file_is_for (map, original));
  /* No etag: saving writes over what is on disk without asking. */
  g_assert_null (trail_map_file_get_etag (map));

  save (map, NULL, TRAIL_MAP_FILE_SAVE_NONE, &r);
  g_assert_no_error (r.error);
  g_assert_false (trail_map_file_get_modified (map));
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = wait_for_drafts (0);
  result_clear (&r);
}

static void
on_draft_failed_cb (TrailMapFile *map,
                    GError       *error,
                    guint        *count)
{
  g_assert_nonnull (error);
  (*count)++;
}

/* The map file's warnings about drafts are expected here: counted, and
 * kept from failing the test; anything else still fails it. */
static gboolean
is_draft_warning (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message)
{
  return g_strcmp0 (domain, "trail-map-file") == 0 && (level & G_LOG_LEVEL_WARNING) &&
         strstr (message, "draft") != NULL;
}

static void
count_draft_warnings_cb (const char     *domain,
                         GLogLevelFlags  level,
                         const char     *message,
                         gpointer        user_data)
{
  guint *count = user_data;

  if (is_draft_warning (domain, level, message))
    (*count)++;
  else
    g_log_default_handler (domain, level, message, NULL);
}

static gboolean
draft_warning_is_not_fatal_cb (const char     *domain,
                               GLogLevelFlags  level,
                               const char     *message,
                               gpointer        user_data)
{
  return !is_draft_warning (domain, level, message);
}

static void
test_draft_failure_said_once (void)
{
  g_autoptr(TrailDocument) document = trail_document_new_blank ();
  g_autoptr(TrailMapFile) map = trail_map_file_new (document);
  g_autoptr(GFile) dir = trail_drafts_get_dir ();
  g_autoptr(GFile) parent = g_file_get_parent (dir);
  g_autoptr(GError) error = NULL;
  guint failed = 0;
  guint warnings = 0;
  guint handler;

  /* A file where the drafts folder should be: every write fails. */
  g_file_make_directory_with_parents (parent, NULL, NULL);
  g_assert_true (g_file_replace_contents (dir, "x", 1, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  g_assert_no_error (error);

  handler = g_log_set_handler ("trail-map-file", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL,
                               count_draft_warnings_cb, &warnings);
  g_test_log_set_fatal_handler (draft_warning_is_not_fatal_cb, NULL);
  g_signal_connect (map, "draft-failed", G_CALLBACK (on_draft_failed_cb), &failed);
  trail_map_file_set_draft_delay (map, 1);
  set_title (document, "First failure");
  while (warnings < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (failed, ==, 1);

  /* The second failure is logged, but the user is not told again. */
  set_title (document, "Second failure");
  while (warnings < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (failed, ==, 1);
  g_test_log_set_fatal_handler (NULL, NULL);
  g_log_remove_handler ("trail-map-file", handler);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-file/display-text", test_display_text);
  g_test_add_func ("/map-file/new", test_new);
  g_test_add_func ("/map-file/load-and-save", test_load_and_save);
  g_test_add_func ("/map-file/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/map-file/save-as", test_save_as);
  g_test_add_func ("/map-file/load-error", test_load_error);
  g_test_add_func ("/map-file/drafts", test_drafts);
  g_test_add_func ("/map-file/recovered", test_recovered);
  g_test_add_func ("/map-file/draft-overlay", test_draft_overlay);
  g_test_add_func ("/map-file/draft-while-typing", test_draft_while_typing);
  g_test_add_func ("/map-file/draft-failure-said-once", test_draft_failure_said_once);

  return g_test_run ();
}

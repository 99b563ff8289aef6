/* test-channels.c — the map's own channels: in the file, undoable, on cards.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

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

  return g_build_filename (root != NULL ? root : SOURCE_ROOT, rest, NULL);
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

static TrailDocument *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return trail_document_load_from_bytes (bytes, "test", error);
}

static const char map_with_channels[] =
  "{\n"
  "  \"format\": \"trailmap\",\n"
  "  \"version\": 1,\n"
  "  \"title\": \"Channels\",\n"
  "  \"scale\": {\n"
  "    \"min\": -2,\n"
  "    \"max\": 2\n"
  "  },\n"
  "  \"personas\": [],\n"
  "  \"stages\": [\n"
  "    {\n"
  "      \"id\": \"s1\",\n"
  "      \"name\": \"Ride\"\n"
  "    }\n"
  "  ],\n"
  "  \"lanes\": [\n"
  "    {\n"
  "      \"id\": \"l1\",\n"
  "      \"kind\": \"touchpoints\",\n"
  "      \"title\": \"Touchpoints\"\n"
  "    }\n"
  "  ],\n"
  "  \"channels\": [\n"
  "    {\n"
  "      \"id\": \"ch1\",\n"
  "      \"name\": \"In-car screen\",\n"
  "      \"icon\": \"channel-mobile-app\",\n"
  "      \"x-future\": true\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"ch2\",\n"
  "      \"name\": \"SMS\",\n"
  "      \"icon\": \"channel-phone\"\n"
  "    }\n"
  "  ],\n"
  "  \"cards\": [\n"
  "    {\n"
  "      \"id\": \"c1\",\n"
  "      \"lane\": \"l1\",\n"
  "      \"stage\": \"s1\",\n"
  "      \"text\": \"Route shown\",\n"
  "      \"channel\": \"other\",\n"
  "      \"custom-channel\": \"ch1\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"c2\",\n"
  "      \"lane\": \"l1\",\n"
  "      \"stage\": \"s1\",\n"
  "      \"text\": \"Driver arriving\",\n"
  "      \"channel\": \"phone\"\n"
  "    }\n"
  "  ],\n"
  "  \"emotion-lines\": []\n"
  "}\n";

/* Maps without channels of their own save byte for byte as before, with no
 * "channels" member. */
static void
test_old_files_unchanged (void)
{
  const char * const files[] = {
    "awareness-to-loyalty.trailmap", "blank.trailmap", "coffee-maker.trailmap",
    "first-ride.trailmap", "free-to-premium.trailmap", "service-blueprint.trailmap",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = source_path ("data", "templates", files[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = trail_document_read_file (file, NULL, &error);
      g_autoptr(TrailDocument) doc = NULL;
      g_autoptr(GBytes) saved = NULL;

      g_assert_no_error (error);
      doc = trail_document_load_from_bytes (bytes, files[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_channels (doc)), ==, 0);
      saved = trail_document_serialize (doc);
      assert_bytes_equal (saved, bytes);
      g_assert_null (strstr (g_bytes_get_data (saved, NULL), "\"channels\""));
    }
}

static void
test_file_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = load_string (map_with_channels, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) expected = g_bytes_new_static (map_with_channels, strlen (map_with_channels));
  TrailCustomChannel *car;
  TrailCard *c1, *c2;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_channels (doc)), ==, 2);
  car = trail_document_find_channel (doc, "ch1");
  g_assert_cmpstr (trail_custom_channel_get_name (car), ==, "In-car screen");
  g_assert_cmpstr (trail_custom_channel_get_icon (car), ==, "channel-mobile-app");
  c1 = trail_document_find_card (doc, "c1");
  c2 = trail_document_find_card (doc, "c2");
  g_assert_cmpstr (trail_card_get_custom_channel (c1), ==, "ch1");
  g_assert_cmpstr (trail_document_get_card_channel_label (doc, c1), ==, "In-car screen");
  g_assert_cmpstr (trail_document_get_card_channel_label (doc, c2), ==, "Phone");

  /* Canonical, unknown members kept. */
  saved = trail_document_serialize (doc);
  assert_bytes_equal (saved, expected);
}

typedef struct
{
  const char *from;
  const char *to;
  int         code;
  const char *message;
} BadCase;

static void
test_bad_files (void)
{
  static const BadCase cases[] = {
    { "\"custom-channel\": \"ch1\"", "\"custom-channel\": \"ch9\"", TRAIL_DOCUMENT_ERROR_REFERENCE,
      "cards[0].custom-channel: card c1 refers to unknown channel ch9" },
    { "\"icon\": \"channel-phone\"", "\"icon\": \"../../etc/passwd\"", TRAIL_DOCUMENT_ERROR_INVALID,
      "is not one of Trailmap’s icons" },
    { "\"name\": \"SMS\",", "", TRAIL_DOCUMENT_ERROR_INVALID, "channel ch2 has no name" },
    { "\"id\": \"ch2\"", "\"id\": \"ch1\"", TRAIL_DOCUMENT_ERROR_REFERENCE, "duplicate id ch1" },
    { "\"custom-channel\": \"ch1\"", "\"custom-channel\": \"s1\"", TRAIL_DOCUMENT_ERROR_REFERENCE,
      "refers to unknown channel s1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) json = g_string_new (map_with_channels);
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailDocument) doc = NULL;

      g_assert_cmpuint (g_string_replace (json, cases[i].from, cases[i].to, 1), ==, 1);
      doc = load_string (json->str, &error);
      g_assert_null (doc);
      g_assert_error (error, TRAIL_DOCUMENT_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
    }
}

static void
test_edit_channels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = load_string (map_with_channels, &error);
  g_autoptr(GBytes) added_bytes = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(TrailDocument) reloaded = NULL;
  TrailCustomChannel *store, *car;
  TrailCard *c1, *c2;

  g_assert_no_error (error);
  c1 = trail_document_find_card (doc, "c1");
  c2 = trail_document_find_card (doc, "c2");

  /* Add, then give it to a card: a standard channel becomes "other". */
  store = trail_document_add_channel (doc, -1, "App store", "channel-store");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Add Channel");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_channels (doc)), ==, 3);
  trail_document_set_card_channel (doc, &c2, 1, TRAIL_CHANNEL_NONE, store);
  g_assert_cmpint (trail_card_get_channel (c2), ==, TRAIL_CHANNEL_OTHER);
  g_assert_cmpstr (trail_card_get_custom_channel (c2), ==, trail_custom_channel_get_id (store));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Set Channel");

  /* Rename and change the icon: one undoable edit. */
  trail_document_update (doc, store, "name", "App Store", "icon", "lane-kpis", NULL);
  g_assert_cmpstr (trail_document_get_card_channel_label (doc, c2), ==, "App Store");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Edit Channel");

  /* It is saved and read back. */
  added_bytes = trail_document_serialize (doc);
  reloaded = trail_document_load_from_bytes (added_bytes, "saved", &error);
  g_assert_no_error (error);
  g_assert_true (trail_document_equal (doc, reloaded));

  /* Back to a standard channel. */
  trail_document_set_card_channel (doc, &c2, 1, TRAIL_CHANNEL_EMAIL, NULL);
  g_assert_null (trail_card_get_custom_channel (c2));
  g_assert_cmpint (trail_card_get_channel (c2), ==, TRAIL_CHANNEL_EMAIL);
  trail_document_undo (doc);

  /* Removing a channel takes it off its cards, in one step. */
  trail_document_clear_history (doc);
  car = trail_document_find_channel (doc, "ch1");
  trail_document_remove_channel (doc, car);
  g_assert_null (trail_card_get_custom_channel (c1));
  g_assert_cmpint (trail_card_get_channel (c1), ==, TRAIL_CHANNEL_OTHER);
  g_assert_cmpstr (trail_document_get_card_channel_label (doc, c1), ==, "Other channel");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Remove Channel");
  trail_document_undo (doc);
  g_assert_false (trail_document_get_can_undo (doc));
  undone = trail_document_serialize (doc);
  assert_bytes_equal (undone, added_bytes);

  /* Moving. */
  trail_document_move_channel (doc, trail_document_find_channel (doc, "ch2"), 0);
  {
    g_autoptr(TrailCustomChannel) first = g_list_model_get_item (trail_document_get_channels (doc), 0);
    g_assert_cmpstr (trail_custom_channel_get_id (first), ==, "ch2");
  }
}

/* A card keeps its map channel through copy and paste in the same map and
 * through duplicate; pasted into another map it is an "Other channel"
 * card. */
static void
test_clipboard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = load_string (map_with_channels, &error);
  g_autoptr(TrailDocument) other = trail_document_new_blank ();
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) elsewhere = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(TrailLane) other_lane = NULL;
  g_autoptr(TrailStage) other_stage = NULL;
  TrailCard *c1;

  g_assert_no_error (error);
  c1 = trail_document_find_card (doc, "c1");
  content = trail_document_copy_cards (doc, &c1, 1);
  g_assert_nonnull (strstr (g_bytes_get_data (content, NULL), "\"custom-channel\": \"ch1\""));

  pasted = trail_document_paste_cards (doc, content, trail_document_find_lane (doc, "l1"),
                                       trail_document_find_stage (doc, "s1"), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trail_card_get_custom_channel (pasted->pdata[0]), ==, "ch1");

  copies = trail_document_duplicate_cards (doc, &c1, 1);
  g_assert_cmpstr (trail_card_get_custom_channel (copies->pdata[0]), ==, "ch1");

  other_lane = g_list_model_get_item (trail_document_get_lanes (other), 0);
  other_stage = g_list_model_get_item (trail_document_get_stages (other), 0);
  elsewhere = trail_document_paste_cards (other, content, other_lane, other_stage, -1, &error);
  g_assert_no_error (error);
  g_assert_null (trail_card_get_custom_channel (elsewhere->pdata[0]));
  g_assert_cmpint (trail_card_get_channel (elsewhere->pdata[0]), ==, TRAIL_CHANNEL_OTHER);
  {
    g_autoptr(GBytes) saved = trail_document_serialize (other);
    g_autoptr(TrailDocument) reloaded = trail_document_load_from_bytes (saved, "other", &error);

    g_assert_no_error (error);
  }
}

static void
test_icons (void)
{
  const char * const *icons = trail_custom_channel_list_icons ();

  g_assert_cmpuint (g_strv_length ((char **) icons), >=, 11);
  for (guint i = 0; icons[i] != NULL; i++)
    g_assert_true (trail_custom_channel_icon_is_valid (icons[i]));
  g_assert_false (trail_custom_channel_icon_is_valid (NULL));
  g_assert_false (trail_custom_channel_icon_is_valid ("votes/../x"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/channels/old-files-unchanged", test_old_files_unchanged);
  g_test_add_func ("/model/channels/file-round-trip", test_file_round_trip);
  g_test_add_func ("/model/channels/bad-files", test_bad_files);
  g_test_add_func ("/model/channels/edit", test_edit_channels);
  g_test_add_func ("/model/channels/clipboard", test_clipboard);
  g_test_add_func ("/model/channels/icons", test_icons);

  return g_test_run ();
}

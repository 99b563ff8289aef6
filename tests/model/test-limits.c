/* test-limits.c — the file limits hold when saving and editing too, and
 * persona photos are made small on import and decoded within bounds.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "trail-model.h"

/* An image that compresses badly, like a photo's detail. */
static GBytes *
noise_image (guint       width,
             guint       height,
             gboolean    alpha,
             const char *format,
             const char *quality)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize n = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * height;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  for (gsize i = 0; i < n; i++)
    pixels[i] = g_rand_int_range (rand, 0, 256);

  if (quality != NULL)
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, "quality", quality, NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static void
assert_image_size (GBytes *bytes,
                   guint   max_side)
{
  guint width, height;

  g_assert_true (trail_image_check (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, &width, &height, NULL));
  g_assert_cmpuint (MAX (width, height), <=, max_side);
}

static TrailDocument *
reload (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_bytes (bytes, "reload", &error);

  g_assert_no_error (error);
  return doc;
}

/* 25 personas with ordinary camera photos (2.5 MB each) made a file that
 * would not open again; now each photo is made what a persona card needs. */
static void
test_photos_scaled_on_import (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GBytes) camera = NULL;
  g_autoptr(GBytes) with_alpha = noise_image (900, 600, TRUE, "png", NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(TrailDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  /* gdk-pixbuf's JPEG encoder on Debian 12 makes 2.7 MB of this; the
   * newer one (glycin) about twice as much: a smaller camera there, so that
   * the photo stays a large one the reader still takes. */
  for (guint width = 2000; camera == NULL || g_bytes_get_size (camera) > TRAIL_IMAGE_MAX_BYTES; width -= 200)
    {
      g_clear_pointer (&camera, g_bytes_unref);
      camera = noise_image (width, width * 3 / 4, FALSE, "jpeg", "90");
    }
  g_test_message ("camera photo: %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (camera));
  g_assert_cmpuint (g_bytes_get_size (camera), >, 2 * 1024 * 1024);
  g_assert_cmpuint (g_bytes_get_size (camera), <=, TRAIL_IMAGE_MAX_BYTES);

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Persona %u", i);
      TrailPersona *persona = trail_document_add_persona (doc, -1, name);
      GBytes *photo;

      trail_document_update (doc, persona, "photo", i == 0 ? with_alpha : camera, NULL);
      photo = trail_persona_get_photo (persona);
      g_assert_nonnull (photo);
      assert_image_size (photo, TRAIL_PHOTO_MAX_SIDE);
      g_assert_cmpuint (g_bytes_get_size (photo), <=, TRAIL_PHOTO_MAX_BYTES);
      /* Transparency is kept as PNG; the rest becomes JPEG. */
      g_assert_cmpint (((const guchar *) g_bytes_get_data (photo, NULL))[0], ==, i == 0 ? 0x89 : 0xFF);
    }

  g_assert_true (trail_document_check_limits (doc, &error));
  g_assert_no_error (error);

  saved = trail_document_serialize (doc);
  g_test_message ("25 photos: %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (saved));
  g_assert_cmpuint (g_bytes_get_size (saved), <, 25 * 512 * 1024);
  again = reload (saved);
  g_assert_true (trail_document_equal (doc, again));

  /* A photo within the bounds is kept byte for byte. */
  {
    g_autoptr(GBytes) small = noise_image (300, 200, FALSE, "jpeg", "80");
    g_autoptr(GBytes) prepared = trail_image_prepare_photo (small, &error);

    g_assert_no_error (error);
    g_assert_true (prepared == small);
  }
}

/* The photos of one map share a budget, asked before the edit. */
static void
test_photo_budget (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GBytes) photo = NULL;
  guint n;
  g_autoptr(GError) error = NULL;
  TrailPersona *persona = NULL;
  GBytes *prepared;

  /* A photo kept as it is (within TRAIL_PHOTO_MAX_BYTES), whatever the
   * JPEG encoder: the newer one (glycin) makes twice Debian 12's bytes. */
  for (guint side = 512; photo == NULL || g_bytes_get_size (photo) > TRAIL_PHOTO_MAX_BYTES; side -= 32)
    {
      g_clear_pointer (&photo, g_bytes_unref);
      photo = noise_image (side, side, FALSE, "jpeg", "100");
    }
  n = TRAIL_PHOTO_BUDGET / g_bytes_get_size (photo);

  g_test_message ("budget: %u photos of %" G_GSIZE_FORMAT " bytes", n, g_bytes_get_size (photo));
  g_assert_cmpuint (n, >, 1);

  for (guint i = 0; i < n; i++)
    {
      persona = trail_document_add_persona (doc, -1, "P");
      prepared = trail_document_prepare_photo (doc, persona, photo, &error);
      g_assert_no_error (error);
      trail_document_update (doc, persona, "photo", prepared, NULL);
      g_bytes_unref (prepared);
    }

  /* One more is refused with a message, and nothing changes. */
  persona = trail_document_add_persona (doc, -1, "One too many");
  prepared = trail_document_prepare_photo (doc, persona, photo, &error);
  g_assert_null (prepared);
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "photos would take more than 16 MB"));
  g_clear_error (&error);

  /* Replacing a photo counts the new one instead of the old. */
  {
    g_autoptr(TrailPersona) first = g_list_model_get_item (trail_document_get_personas (doc), 0);

    prepared = trail_document_prepare_photo (doc, first, photo, &error);
    g_assert_no_error (error);
    g_bytes_unref (prepared);
  }

  /* Not an image at all. */
  {
    g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);

    g_assert_null (trail_document_prepare_photo (doc, persona, text, &error));
    g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* Decoding is bounded: a small PNG of 4096 × 4096 pixels comes out at the
 * size asked for. */
static void
test_decode_bounded (void)
{
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 4096, 4096);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (big, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (big, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  g_test_message ("4096 × 4096 PNG: %" G_GSIZE_FORMAT " bytes", size);

  decoded = trail_image_decode (bytes, 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, 256);
  g_clear_object (&decoded);

  /* A JPEG is scaled keeping its aspect. */
  {
    g_autoptr(GBytes) jpeg = noise_image (1000, 500, FALSE, "jpeg", "70");

    decoded = trail_image_decode (jpeg, 200, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 200);
    g_assert_cmpint (gdk_pixbuf_get_height (decoded), ==, 100);
  }

  /* Broken data after a good header is an error, not a crash. */
  {
    g_autoptr(GBytes) jpeg = noise_image (64, 64, FALSE, "jpeg", "70");
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 3);
    g_autoptr(GdkPixbuf) partial = trail_image_decode (cut, 64, &error);

    /* gdk-pixbuf shows what a truncated JPEG holds; either way no crash. */
    g_test_message ("truncated JPEG: %s", error != NULL ? error->message : "decoded");
  }
}

static gboolean
file_equals (const char *path,
             const char *contents)
{
  g_autofree char *now = NULL;

  return g_file_get_contents (path, &now, NULL, NULL) && g_str_equal (now, contents);
}

/* A map beyond the file limits is never saved: 260 cards with 256 KiB of
 * details each would be 66 MB, which no load accepts. */
static void
test_save_refuses_unloadable (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autofree char *dir = g_dir_make_tmp ("trail-limits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *details = g_malloc (TRAIL_FILE_MAX_STRING + 1);
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  memset (details, 'x', TRAIL_FILE_MAX_STRING);
  details[TRAIL_FILE_MAX_STRING] = '\0';
  for (guint i = 0; i < 260; i++)
    {
      TrailCard *card = trail_document_add_card (doc, lane, stage, -1, "Card");

      trail_document_update (doc, card, "details", details, NULL);
    }

  g_assert_false (trail_document_check_limits (doc, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "a map file holds at most 64 MB"));
  g_clear_error (&error);

  g_assert_false (trail_document_save_to_file (doc, file, NULL, NULL, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "the file on disk is unchanged"));
  g_assert_true (file_equals (path, "old"));
  g_assert_true (trail_document_get_modified (doc));
  g_clear_error (&error);

  /* The draft is refused the same way (it would not be recoverable). */
  bytes = trail_document_serialize (doc);
  g_assert_false (trail_document_check_serialized (bytes, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_clear_error (&error);

  /* Back within the limits, it saves and loads. */
  for (guint i = 0; i < 20; i++)
    trail_document_undo (doc);
  g_assert_true (trail_document_save_to_file (doc, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TrailDocument) loaded = trail_document_load_from_file (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (trail_document_equal (doc, loaded));
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* The questions the clipboard asks before pasting. */
static void
test_check_room (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GError) error = NULL;

  g_assert_true (trail_document_check_room (doc, 100, 40000, &error));
  g_assert_no_error (error);

  /* 100,001 pasted cards; 20,001. */
  g_assert_false (trail_document_check_room (doc, TRAIL_FILE_MAX_ITEMS + 1, 1000, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_false (trail_document_check_room (doc, TRAIL_FILE_MAX_CARDS + 1, 1000, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "at most 20000 cards"));
  g_clear_error (&error);

  /* 70 MB of cards. */
  g_assert_false (trail_document_check_room (doc, 1000, 70 * 1024 * 1024, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_clear_error (&error);

  /* Small in bytes but with room for too many values. */
  g_assert_false (trail_document_check_room (doc, 1000, 2 * TRAIL_FILE_MAX_VALUES + 2, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "too many values"));
  g_clear_error (&error);

  g_assert_true (trail_document_check_limits (doc, &error));
  g_assert_no_error (error);

  /* Stages × lanes beyond the cells a layout may cost. */
  for (guint i = 0; i < 100; i++)
    trail_document_add_stage (doc, -1, "Stage");
  for (guint i = 0; i < 1000; i++)
    trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_NOTES, NULL);
  g_assert_false (trail_document_check_limits (doc, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "cells"));
}

/* The 20,001st card is refused when it is added, all of a paste or none,
 * with a message; the map is left as it was. */
static void
test_card_limit_at_add (void)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) copied = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  TrailLane *lane = g_list_model_get_item (trail_document_get_lanes (doc), 1);
  TrailStage *stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  TrailCard *one;

  for (guint i = 0; i < TRAIL_FILE_MAX_CARDS - 1; i++)
    g_string_append_printf (lines, "Card %u\n", i);
  added = trail_document_paste_text (doc, lines->str, lines->len, lane, stage, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, TRAIL_FILE_MAX_CARDS - 1);

  /* One more fits; then not even one. */
  g_assert_true (trail_document_check_card_room (doc, 1, &error));
  g_assert_no_error (error);
  g_assert_false (trail_document_check_card_room (doc, 2, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "at most 20000 cards"));
  g_clear_error (&error);

  /* Two lines pasted into room for one: nothing is added. */
  before = trail_document_serialize (doc);
  refused = trail_document_paste_text (doc, "one\ntwo\n", -1, lane, stage, 0, &error);
  g_assert_null (refused);
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "at most 20000 cards"));
  g_clear_error (&error);
  g_assert_null (trail_document_add_cards_from_text (doc, lane, stage, 0, "one\ntwo", &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) after = trail_document_serialize (doc);

    g_assert_true (g_bytes_equal (before, after));
  }

  /* Copied cards too. */
  one = added->pdata[0];
  copied = trail_document_copy_cards (doc, &one, 1);
  g_clear_pointer (&refused, g_ptr_array_unref);
  refused = trail_document_paste_text (doc, "last one", -1, lane, stage, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, TRAIL_FILE_MAX_CARDS);
  g_assert_null (trail_document_paste_cards (doc, copied, lane, stage, 0, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
  g_clear_error (&error);

  /* And what is there still saves and loads. */
  g_assert_true (trail_document_check_limits (doc, &error));
  g_assert_no_error (error);

  g_object_unref (lane);
  g_object_unref (stage);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/limits/photos-scaled-on-import", test_photos_scaled_on_import);
  g_test_add_func ("/model/limits/photo-budget", test_photo_budget);
  g_test_add_func ("/model/limits/decode-bounded", test_decode_bounded);
  g_test_add_func ("/model/limits/save-refuses-unloadable", test_save_refuses_unloadable);
  g_test_add_func ("/model/limits/check-room", test_check_room);
  g_test_add_func ("/model/limits/card-limit-at-add", test_card_limit_at_add);

  return g_test_run ();
}

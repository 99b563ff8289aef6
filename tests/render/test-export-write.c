/* test-export-write.c — exports and saves are written like maps: a failed
 * write leaves the old file whole, and symbolic links stay links.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "trail-export.h"
#include "trail-model.h"

static const char *formats[] = { "png", "svg", "pdf" };

static char *
read_text (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_steal_pointer (&contents);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
export (const char  *path,
        const char  *format,
        GError     **error)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrailExportOptions options;

  trail_export_options_init (&options);
  g_assert_true (trail_export_format_from_string (format, &options.format));
  options.width = 400;

  return trail_export_to_file (doc, &options, file, NULL, error);
}

/* Each export of a small map fits in the write buffer: a full disk showed
 * only at close, which had already renamed the cut file over the old one. */
static void
test_full_disk (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      if (g_test_subprocess ())
        {
          const char *path = g_getenv ("TRAILMAP_TEST_EXPORT_PATH");
          const char *format = g_getenv ("TRAILMAP_TEST_EXPORT_FORMAT");
          struct rlimit limit = { 2048, 2048 };
          g_autoptr(GError) error = NULL;

          /* Beyond 2 KiB every write fails, as on a full disk. */
          signal (SIGXFSZ, SIG_IGN);
          g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

          g_assert_false (export (path, format, &error));
          g_assert_nonnull (error);
          g_printerr ("%s\n", error->message);
          return;
        }

      {
        g_autofree char *dir = g_dir_make_tmp ("trail-export-XXXXXX", NULL);
        g_autofree char *name = g_strdup_printf ("map.%s", formats[f]);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *after = NULL;

        g_test_message ("%s", formats[f]);
        g_assert_true (g_file_set_contents (path, "the old export", -1, NULL));

        g_setenv ("TRAILMAP_TEST_EXPORT_PATH", path, TRUE);
        g_setenv ("TRAILMAP_TEST_EXPORT_FORMAT", formats[f], TRUE);
        g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
        g_test_trap_assert_passed ();

        after = read_text (path);
        g_assert_cmpstr (after, ==, "the old export");
        /* No temporary file is left. */
        g_assert_cmpuint (count_files (dir), ==, 1);

        remove_tree (dir);
      }
    }
}

/* A file that did not exist is not left half written either. */
static void
test_full_disk_new_file (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("TRAILMAP_TEST_EXPORT_PATH");
      struct rlimit limit = { 2048, 2048 };
      g_autoptr(GError) error = NULL;

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (export (path, "svg", &error));
      return;
    }

  {
    g_autofree char *dir = g_dir_make_tmp ("trail-export-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "new.svg", NULL);

    g_setenv ("TRAILMAP_TEST_EXPORT_PATH", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
    g_test_trap_assert_passed ();
    g_assert_cmpuint (count_files (dir), ==, 0);
    remove_tree (dir);
  }
}

static void
assert_link (const char *link,
             const char *target)
{
  g_autofree char *now = g_file_read_link (link, NULL);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpstr (now, ==, target);
}

/* Saving or exporting through a link writes the file it names, as gedit
 * and gnome-text-editor do: a synced folder's file gets the edits. */
static void
test_symlinks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("trail-links-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.trailmap", NULL);
  g_autofree char *link = g_build_filename (dir, "link.trailmap", NULL);
  g_autofree char *link2 = g_build_filename (dir, "link2.trailmap", NULL);
  g_autofree char *real_svg = g_build_filename (dir, "real.svg", NULL);
  g_autofree char *link_svg = g_build_filename (dir, "link.svg", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.png", NULL);
  g_autofree char *made = g_build_filename (dir, "made.png", NULL);
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GFile) link2_file = g_file_new_for_path (link2);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  /* A relative link, and a link to it. */
  g_assert_cmpint (symlink ("real.trailmap", link), ==, 0);
  g_assert_cmpint (symlink (link, link2), ==, 0);

  trail_document_update (doc, doc, "title", "Through two links", NULL);
  g_assert_true (trail_document_save_to_file (doc, link2_file, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  assert_link (link2, link);
  assert_link (link, "real.trailmap");
  contents = read_text (real);
  g_assert_nonnull (strstr (contents, "Through two links"));

  /* The etag is the real file's: a second save checks it and succeeds. */
  g_assert_true (trail_document_save_to_file (doc, link2_file, etag, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_link (link2, link);

  /* Exports too. */
  g_assert_true (g_file_set_contents (real_svg, "old", -1, NULL));
  g_assert_cmpint (symlink (real_svg, link_svg), ==, 0);
  g_assert_true (export (link_svg, "svg", &error));
  g_assert_no_error (error);
  assert_link (link_svg, real_svg);
  g_clear_pointer (&contents, g_free);
  contents = read_text (real_svg);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  /* A link to a file still to be made makes it. */
  g_assert_cmpint (symlink ("made.png", dangling), ==, 0);
  g_assert_true (export (dangling, "png", &error));
  g_assert_no_error (error);
  assert_link (dangling, "made.png");
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));

  remove_tree (dir);
}

/* A loop of links is an error, not a hang. */
static void
test_symlink_loop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("trail-links-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.svg", NULL);
  g_autofree char *b = g_build_filename (dir, "b.svg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("b.svg", a), ==, 0);
  g_assert_cmpint (symlink ("a.svg", b), ==, 0);
  g_assert_false (export (a, "svg", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  assert_link (a, "b.svg");

  remove_tree (dir);
}

/* A device or a pipe (/dev/stdout) is written as it is; a link to it stays. */
static void
test_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("trail-links-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "null.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  g_assert_true (export (link, "png", &error));
  g_assert_no_error (error);
  assert_link (link, "/dev/null");
  g_assert_true (g_file_test ("/dev/null", G_FILE_TEST_EXISTS) &&
                 !g_file_test ("/dev/null", G_FILE_TEST_IS_REGULAR));

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* Registers GSK's node types without a display. */
  gtk_init_check ();

  g_test_add_func ("/export/write/full-disk", test_full_disk);
  g_test_add_func ("/export/write/full-disk-new-file", test_full_disk_new_file);
  g_test_add_func ("/export/write/symlinks", test_symlinks);
  g_test_add_func ("/export/write/symlink-loop", test_symlink_loop);
  g_test_add_func ("/export/write/special-files", test_special_files);

  return g_test_run ();
}

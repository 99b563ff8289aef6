/* test-print.c — printing draws the same map, fitted or as a poster
 *
 * The printout goes through GtkPrintOperation's export to PDF, and poppler
 * (pdfinfo, pdftotext) reads it back.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "trail-export.h"
#include "trail-model.h"
#include "trail-print.h"

static char *
run (const char *program,
     const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { program, path, "-", NULL };

  if (g_str_equal (program, "pdfinfo"))
    argv[2] = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static int
count_pages (const char *info)
{
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static TrailDocument *
load_template (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  TrailDocument *document;

  path = g_build_filename (g_getenv ("TRAILMAP_SOURCE_ROOT"), "data", "templates",
                           "coffee-maker.trailmap", NULL);
  file = g_file_new_for_path (path);
  document = trail_document_load_from_file (file, NULL, &error);
  g_assert_no_error (error);

  return document;
}

static GtkPageSetup *
a4_landscape (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  return setup;
}

static void
test_print_fit (void)
{
  g_autoptr(TrailDocument) document = load_template ();
  g_autoptr(GtkPageSetup) setup = a4_landscape ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trailmap-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fit.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (trail_print_to_pdf (document, setup, FALSE, path, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  info = run ("pdfinfo", path);
  g_assert_cmpint (count_pages (info), ==, 1);
  /* A4 landscape: 841.89 × 595.276 points. */
  g_assert_nonnull (strstr (info, "841.89 x 595.276 pts (A4)"));

  text = run ("pdftotext", path);
  g_assert_nonnull (strstr (text, "Buying a coffee maker"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_print_poster (void)
{
  g_autoptr(TrailDocument) document = load_template ();
  g_autoptr(GtkPageSetup) setup = a4_landscape ();
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trailmap-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autofree char *info = NULL;
  TrailExportOptions options;
  double page_width, page_height;
  int expected;

  g_assert_cmpint (trail_print_to_pdf (document, setup, TRUE, path, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  /* At full size (96 px to the inch), across the printable area. */
  trail_export_options_init (&options);
  layout = trail_export_make_layout (document, &options, &error);
  g_assert_no_error (error);
  page_width = gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS);
  page_height = gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS);
  expected = (int) ceil (trail_layout_get_width (layout) * 0.75 / page_width - 0.001) *
             (int) ceil (trail_layout_get_height (layout) * 0.75 / page_height - 0.001);
  g_assert_cmpint (expected, >, 1);

  info = run ("pdfinfo", path);
  g_assert_cmpint (count_pages (info), ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  /* A TAP skip is a plan of nothing and a clean exit: exit 77 would be an
   * error for a TAP test. */
  if (g_getenv ("DISPLAY") == NULL || pdfinfo == NULL)
    {
      g_print ("1..0 # SKIP needs a display and poppler-utils (run with --setup xvfb)\n");
      return 0;
    }

  /* Not gtk_test_init(): it switches to en_US.UTF-8, which a machine may
   * not have (GTK 4.24 then aborts); C.UTF-8 is always there and is all
   * the printout's text needs. */
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_test_skip ("the display cannot be opened");
      return g_test_run ();
    }

  g_test_add_func ("/print/fit", test_print_fit);
  g_test_add_func ("/print/poster", test_print_poster);

  return g_test_run ();
}

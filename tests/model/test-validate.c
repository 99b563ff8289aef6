/* test-validate.c — `trailmap --validate FILE…`, run as a user would.
 *
 * The path of the trailmap executable is the first argument.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

static const char *trailmap_exe;

typedef struct
{
  char *out;
  char *err;
  int   exit_status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

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
validate (Run                *run,
          const char * const *files)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int status = 0;

  /* No display at all: validation must not need one. */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  g_ptr_array_add (argv, (gpointer) trailmap_exe);
  g_ptr_array_add (argv, (gpointer) "--validate");
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) files[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &status, &error);
  g_assert_no_error (error);

  run->exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  g_test_message ("exit %d\nstdout:\n%sstderr:\n%s", run->exit_status, run->out, run->err);
}

static void
test_valid_files (void)
{
  g_autofree char *a = source_path ("data", "templates", "coffee-maker.trailmap", NULL);
  g_autofree char *b = source_path ("tests", "model", "good", "every-field.trailmap", NULL);
  const char *files[] = { a, b, NULL };
  g_autofree char *expected = g_strdup_printf ("%s: OK\n%s: OK\n", a, b);
  g_auto(Run) run = { 0, };

  validate (&run, files);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_invalid_files (void)
{
  g_autofree char *good = source_path ("data", "templates", "blank.trailmap", NULL);
  g_autofree char *dangling = source_path ("tests", "model", "bad", "dangling-lane.trailmap", NULL);
  g_autofree char *syntax = source_path ("tests", "model", "bad", "malformed.trailmap", NULL);
  g_autofree char *future = source_path ("tests", "model", "bad", "future-version.trailmap", NULL);
  const char *files[] = { good, dangling, syntax, future, NULL };
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;
  g_auto(Run) run = { 0, };

  validate (&run, files);
  g_assert_cmpint (run.exit_status, !=, 0);
  g_assert_true (g_str_has_suffix (run.out, "blank.trailmap: OK\n"));

  /* One line per problem, in the forms editors understand. */
  line1 = g_strdup_printf ("%s: cards[2].lane: card c12 refers to unknown lane l9\n", dangling);
  line2 = g_strdup_printf ("%s:3:16: not valid JSON:", syntax);
  line3 = g_strdup_printf ("%s: the map was made by a newer Trailmap (file format version 7;", future);
  g_assert_nonnull (strstr (run.err, line1));
  g_assert_nonnull (strstr (run.err, line2));
  g_assert_nonnull (strstr (run.err, line3));
}

static void
test_missing_file (void)
{
  g_autofree char *dir = source_path ("tests", "model", NULL);
  const char *files[] = { "/nonexistent/map.trailmap", dir, NULL };
  g_autofree char *folder = g_strdup_printf ("%s: is a folder, not a map\n", dir);
  g_auto(Run) run = { 0, };

  validate (&run, files);
  g_assert_cmpint (run.exit_status, !=, 0);
  g_assert_nonnull (strstr (run.err, "/nonexistent/map.trailmap: no such file\n"));
  g_assert_nonnull (strstr (run.err, folder));
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_every_bad_file (void)
{
  g_autofree char *dir = source_path ("tests", "model", "bad", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) run = { 0, };
  const char *entry;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (entry, ".trailmap"))
      g_ptr_array_add (files, g_build_filename (dir, entry, NULL));
  g_ptr_array_add (files, NULL);

  validate (&run, (const char * const *) files->pdata);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  /* Every bad file is named at the start of a line of the report. */
  for (guint i = 0; g_ptr_array_index (files, i) != NULL; i++)
    {
      g_autofree char *start = g_strconcat ((char *) g_ptr_array_index (files, i), ":", NULL);

      if (!g_str_has_prefix (run.err, start))
        {
          g_autofree char *line_start = g_strconcat ("\n", start, NULL);
          g_assert_nonnull (strstr (run.err, line_start));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-OF-TRAILMAP\n", argv[0]);
      return 1;
    }
  trailmap_exe = argv[1];

  g_test_add_func ("/cli/validate/valid-files", test_valid_files);
  g_test_add_func ("/cli/validate/invalid-files", test_invalid_files);
  g_test_add_func ("/cli/validate/missing-file", test_missing_file);
  g_test_add_func ("/cli/validate/every-bad-file", test_every_bad_file);

  return g_test_run ();
}

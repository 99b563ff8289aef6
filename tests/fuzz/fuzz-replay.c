/* fuzz-replay.c — feeds files to the fuzz target's entry point with a
 * normal build, so the seed corpus (and every crash a fuzzer ever found,
 * once added to it) is checked on every test run.
 *
 * Usage: fuzz-replay DIR-OR-FILE…
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "fuzz-load.h"

static void
replay_file (const char *path,
             guint      *n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  g_test_message ("%s (%" G_GSIZE_FORMAT " bytes)", path, len);
  LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
  (*n)++;
}

static void
replay_path (const char *path,
             guint      *n)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path, n);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !g_str_has_suffix (name, ".build") && !g_str_equal (name, "meson.build"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));

  /* Sorted, so that a failure is reproducible by its position. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = *(const char **) &g_ptr_array_index (names, i);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        replay_file (file, n);
    }
}

static char **paths;

static void
test_replay (void)
{
  guint n = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    replay_path (paths[i], &n);

  g_test_message ("replayed %u inputs", n);
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  paths = argv + 1;
  g_test_add_func ("/fuzz/replay-corpus", test_replay);

  return g_test_run ();
}

/* trail-cli-validate.c — trailmap --validate FILE…
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-cli.h"
#include "trail-model.h"

/* Problems go to stderr one per line, "FILE:LINE:COLUMN: what" or
 * "FILE: PATH: what", the form compilers use, so editors can jump to them;
 * valid files get "FILE: OK" on stdout. */
static gboolean
validate_one (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  bytes = trail_document_read_file (file, NULL, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT))
        g_printerr ("%s\n", error->message);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_printerr ("%s: %s\n", path, _("no such file"));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_printerr ("%s: %s\n", path, _("is a folder, not a map"));
      else
        g_printerr ("%s: %s: %s\n", path, _("cannot read the file"), error->message);
      return FALSE;
    }

  /* Mermaid and cards CSV are checked by converting them, as --export does. */
  doc = trail_map_load_any_bytes (bytes, path, warnings, &error);
  if (doc == NULL)
    {
      /* The message names the file and place on each of its lines. */
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("%s: %s\n", path, (char *) warnings->pdata[i]);
  /* A row left out of a spreadsheet is a problem to fix, not a note. */
  if (trail_map_csv_is_filename (path) && warnings->len > 0)
    return FALSE;

  g_print ("%s: %s\n", path, _("OK"));
  return TRUE;
}

int
trail_cli_validate (const char * const *files)
{
  gboolean all_valid = TRUE;

  g_return_val_if_fail (files != NULL, 2);

  for (guint i = 0; files[i] != NULL; i++)
    all_valid &= validate_one (files[i]);

  return all_valid ? 0 : 1;
}

/* trail-cli-votes.c — `trailmap --export-votes-csv FILE MAP`: a map's dot
 * voting results as CSV, with no display
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-cli.h"
#include "trail-file-writer.h"
#include "trail-model.h"

static char *votes_csv;

static const GOptionEntry votes_entries[] = {
  { "export-votes-csv", 0, 0, G_OPTION_ARG_FILENAME, &votes_csv,
    N_("Write the ranked results of the map’s last voting round as CSV to FILE (- for standard output)"),
    N_("FILE") },
  { NULL }
};

const GOptionEntry *
trail_cli_votes_get_entries (void)
{
  return votes_entries;
}

gboolean
trail_cli_votes_requested (void)
{
  return votes_csv != NULL;
}

static gboolean
write_all (const char  *path,
           const char  *text,
           GError     **error)
{
  g_autoptr(GFile) file = NULL;
  TrailFileWriter *writer;

  if (g_str_equal (path, "-"))
    {
      fputs (text, stdout);
      return fflush (stdout) == 0;
    }
  file = g_file_new_for_commandline_arg (path);
  writer = trail_file_writer_open (file, NULL, G_FILE_CREATE_NONE, 0, NULL, error);
  if (writer == NULL)
    return FALSE;
  if (!g_output_stream_write_all (trail_file_writer_get_stream (writer), text, strlen (text), NULL, NULL, error))
    {
      trail_file_writer_free (writer);
      return FALSE;
    }
  return trail_file_writer_commit (writer, NULL, NULL, error);
}

int
trail_cli_votes_run (const char * const *files)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) document = NULL;
  g_autofree char *csv = NULL;
  TrailVoteRound *round;

  if (files[1] != NULL)
    {
      g_printerr ("trailmap: %s\n", _("--export-votes-csv takes one map."));
      return 2;
    }

  file = g_file_new_for_commandline_arg (files[0]);
  document = trail_document_load_from_file (file, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("trailmap: %s\n", error->message);
      return 1;
    }
  round = trail_document_get_current_vote_round (document);
  if (round == NULL)
    {
      /* Translators: %s is a file name */
      g_printerr ("trailmap: %s: %s\n", files[0], _("the map has no voting round"));
      return 1;
    }

  csv = trail_vote_round_to_csv (round, document);
  if (!write_all (votes_csv, csv, &error))
    {
      g_printerr ("trailmap: %s: %s\n", votes_csv, error->message);
      return 1;
    }
  return 0;
}

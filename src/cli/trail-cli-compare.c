/* trail-cli-compare.c — `trailmap --compare=OLD NEW`: what changed
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-cli.h"
#include "trail-comparison.h"
#include "trail-export.h"
#include "trail-model.h"

static char *compare_path;
static char *compare_revision;

static const GOptionEntry compare_entries[] = {
  { "compare", 0, 0, G_OPTION_ARG_FILENAME, &compare_path,
    N_("Compare the map with an older map OLD and print what changed (with --export=FILE, draw it)"), N_("OLD") },
  { "compare-revision", 0, 0, G_OPTION_ARG_STRING, &compare_revision,
    N_("Compare the map with its version at a git revision (HEAD, HEAD~2, a commit)"), N_("REVISION") },
  { NULL }
};

const GOptionEntry *
trail_cli_compare_get_entries (void)
{
  return compare_entries;
}

gboolean
trail_cli_compare_requested (void)
{
  return compare_path != NULL || compare_revision != NULL;
}

static TrailDocument *
load_revision (GFile       *file,
               const char  *revision,
               GError     **error)
{
  g_autoptr(GBytes) bytes = trail_git_show (file, revision, TRAIL_FILE_MAX_BYTES, NULL, error);
  g_autofree char *name = NULL;

  if (bytes == NULL)
    return NULL;
  name = g_strdup_printf ("%s@%s", g_file_peek_path (file), revision);
  return trail_document_load_from_bytes (bytes, name, error);
}

int
trail_cli_compare_run (const char * const *files)
{
  g_autoptr(GFile) new_file = NULL;
  g_autoptr(TrailDocument) old_doc = NULL;
  g_autoptr(TrailDocument) new_doc = NULL;
  g_autoptr(TrailComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *old_label = NULL;
  g_autofree char *new_label = NULL;
  TrailExportOptions options;
  g_autofree char *output = NULL;
  gboolean exporting = trail_cli_export_requested ();

  if (compare_path != NULL && compare_revision != NULL)
    {
      g_printerr ("trailmap: %s\n", _("Give either --compare=OLD or --compare-revision=REVISION, not both."));
      return 2;
    }
  if (g_strv_length ((char **) files) != 1)
    {
      g_printerr ("trailmap: %s\n", _("--compare compares one map with another: give exactly one map after the options."));
      return 2;
    }
  /* Options first, so a typo costs no loading. */
  if (exporting && !trail_cli_export_prepare_one (&options, &output))
    return 2;

  new_file = g_file_new_for_commandline_arg (files[0]);
  new_doc = trail_document_load_from_file (new_file, NULL, &error);
  if (new_doc == NULL)
    {
      g_printerr ("trailmap: %s: %s\n", files[0], error->message);
      goto fail;
    }

  if (compare_path != NULL)
    {
      g_autoptr(GFile) old_file = g_file_new_for_commandline_arg (compare_path);

      old_doc = trail_document_load_from_file (old_file, NULL, &error);
      if (old_doc == NULL)
        {
          g_printerr ("trailmap: %s: %s\n", compare_path, error->message);
          goto fail;
        }
      old_label = g_file_get_basename (old_file);
    }
  else
    {
      g_autofree char *base = g_file_get_basename (new_file);

      old_doc = load_revision (new_file, compare_revision, &error);
      if (old_doc == NULL)
        {
          g_printerr ("trailmap: %s@%s: %s\n", files[0], compare_revision, error->message);
          goto fail;
        }
      old_label = g_strdup_printf ("%s (%s)", base, compare_revision);
    }
  new_label = g_file_get_basename (new_file);

  comparison = trail_comparison_new (old_doc, new_doc, old_label, new_label);
  summary = trail_diff_format_summary (trail_comparison_get_diff (comparison));
  g_print ("%s", summary);

  if (exporting)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);

      if (!trail_comparison_export_to_file (comparison, &options, out, NULL, &error))
        {
          g_printerr ("trailmap: %s: %s\n", output, error->message);
          goto fail;
        }
      trail_cli_export_clear_options (&options);
    }
  return 0;

fail:
  if (exporting)
    trail_cli_export_clear_options (&options);
  return 1;
}

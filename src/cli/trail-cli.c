/* trail-cli.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trail-cli.h"

static gboolean validate;

static const GOptionEntry validate_entries[] = {
  { "validate", 0, 0, G_OPTION_ARG_NONE, &validate,
    N_("Check each map and print its problems; exit status 0 only when all are valid"), NULL },
  { NULL }
};

gboolean
trail_cli_wants (int    argc,
                 char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--") == 0)
        break;
      if (g_strcmp0 (argv[i], "--validate") == 0 ||
          g_str_has_prefix (argv[i], "--export") ||
          g_str_has_prefix (argv[i], "--compare") ||
          g_str_has_prefix (argv[i], "--import-"))
        return TRUE;
    }

  return FALSE;
}

const GOptionEntry *
trail_cli_get_validate_entries (void)
{
  return validate_entries;
}

int
trail_cli_run (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry remaining[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("MAP…") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Check, import survey data into and export journey maps without a display."));
  g_option_context_add_main_entries (context, validate_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, trail_cli_export_get_entries (), GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, trail_cli_import_get_entries (), GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, trail_cli_compare_get_entries (), GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, trail_cli_votes_get_entries (), GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, remaining, GETTEXT_PACKAGE);

  args = g_strdupv (argv);
  if (!trail_cli_export_take_booleans (args, &error) ||
      !g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("trailmap: %s\n", error->message);
      return 2;
    }

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("trailmap: %s\n", _("No map given. Name one or more .trailmap, .mmd or .csv files."));
      return 2;
    }

  if (validate && trail_cli_export_requested ())
    {
      g_printerr ("trailmap: %s\n", _("--validate and --export cannot be used together."));
      return 2;
    }

  if (validate && trail_cli_import_requested ())
    {
      g_printerr ("trailmap: %s\n", _("--validate and --import-csv cannot be used together."));
      return 2;
    }

  if (trail_cli_compare_requested ())
    {
      if (validate || trail_cli_import_requested ())
        {
          g_printerr ("trailmap: %s\n", _("--compare cannot be used with --validate or --import-csv."));
          return 2;
        }
      return trail_cli_compare_run ((const char * const *) files);
    }

  if (validate)
    return trail_cli_validate ((const char * const *) files);

  /* Import first, so one run can refresh a map's data and export it. */
  if (trail_cli_import_requested ())
    {
      int status = trail_cli_import_run ((const char * const *) files);

      if (status != 0 || !trail_cli_export_requested ())
        return status;
    }

  if (trail_cli_votes_requested ())
    {
      int status = trail_cli_votes_run ((const char * const *) files);

      if (status != 0 || !trail_cli_export_requested ())
        return status;
    }

  return trail_cli_export_run ((const char * const *) files);
}

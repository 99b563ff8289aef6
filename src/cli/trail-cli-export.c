/* trail-cli-export.c — trailmap --export…, with no display
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-cli.h"
#include "trail-export.h"
#include "trail-model.h"

/* Modelled on Inkscape's and draw.io's command lines:
 *
 *   trailmap --export=map.png --export-scale=2 map.trailmap
 *   trailmap --export-type=pdf a.trailmap b.trailmap     (a.pdf, b.pdf beside them)
 *   trailmap --export=out/ --export-type=svg *.trailmap  (into a directory)
 *
 * One named output file takes one map; with several maps, name a
 * directory or only a type. Exit status: 0 when every map was exported,
 * 1 when any failed, 2 for a usage error (nothing written). */

static char    *export_path;
static char    *export_type;
static char    *export_scale;
static char    *export_width;
static gboolean export_transparent;
static char    *export_stages;
static char    *export_lanes;
static char    *export_personas;
static char    *export_paper;
static char    *export_style;
static gboolean export_text_to_path;

static const GOptionEntry export_entries[] = {
  { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
    N_("Export to FILE (type from its extension), or into DIRECTORY/ for several maps"), N_("FILE") },
  { "export-type", 0, 0, G_OPTION_ARG_STRING, &export_type,
    N_("Export type: png, svg or pdf; without --export, writes each map’s export beside it"), N_("TYPE") },
  { "export-scale", 0, 0, G_OPTION_ARG_STRING, &export_scale,
    N_("PNG: pixels per map pixel, e.g. 2 for a sharp slide (default 1)"), N_("N") },
  { "export-width", 0, 0, G_OPTION_ARG_STRING, &export_width,
    N_("PNG: width in pixels; the height follows"), N_("PX") },
  { "export-transparent", 0, 0, G_OPTION_ARG_NONE, &export_transparent,
    N_("PNG, SVG, PDF: leave out the page background"), NULL },
  { "export-stages", 0, 0, G_OPTION_ARG_STRING, &export_stages,
    N_("Only these stages (names or ids, comma-separated)"), N_("LIST") },
  { "export-lanes", 0, 0, G_OPTION_ARG_STRING, &export_lanes,
    N_("Only these lanes (titles or ids, comma-separated)"), N_("LIST") },
  { "export-personas", 0, 0, G_OPTION_ARG_STRING, &export_personas,
    N_("Only these personas, their lines and their cards (names or ids, comma-separated)"), N_("LIST") },
  { "export-paper", 0, 0, G_OPTION_ARG_STRING, &export_paper,
    N_("PDF: fit the map on a5, a4, a3, a2, a1, a0, letter, legal or tabloid, optionally -landscape or -portrait"), N_("PAPER") },
  { "export-style", 0, 0, G_OPTION_ARG_STRING, &export_style,
    N_("Colours: light (default), dark or high-contrast"), N_("STYLE") },
  { "export-text-to-path", 0, 0, G_OPTION_ARG_NONE, &export_text_to_path,
    N_("SVG: draw text as outlines instead of editable text"), NULL },
  { NULL }
};

const GOptionEntry *
trail_cli_export_get_entries (void)
{
  return export_entries;
}

gboolean
trail_cli_export_requested (void)
{
  return export_path != NULL || export_type != NULL || export_scale != NULL ||
         export_width != NULL || export_transparent || export_stages != NULL ||
         export_lanes != NULL || export_personas != NULL || export_paper != NULL ||
         export_style != NULL || export_text_to_path;
}

static void
usage_error (const char *message)
{
  g_printerr ("trailmap: %s\n", message);
}

static char **
split_list (const char *list)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (list == NULL)
    return NULL;

  parts = g_strsplit (list, ",", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_options (TrailExportOptions *options)
{
  trail_export_options_init (options);

  if (export_type != NULL && !trail_export_format_from_string (export_type, &options->format))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown export type “%s”: use png, svg or pdf."), export_type);
      usage_error (msg);
      return FALSE;
    }

  if (export_scale != NULL)
    {
      char *end = NULL;
      double scale = g_ascii_strtod (export_scale, &end);

      if (end == export_scale || *end != '\0' || !(scale > 0 && scale <= 64))
        {
          g_autofree char *msg = g_strdup_printf (_("Invalid --export-scale “%s”: give a number above 0 and at most 64."),
                                                  export_scale);
          usage_error (msg);
          return FALSE;
        }
      options->scale = scale;
    }

  if (export_width != NULL)
    {
      guint64 width = 0;

      if (!g_ascii_string_to_unsigned (export_width, 10, 1, TRAIL_EXPORT_MAX_PNG_SIDE, &width, NULL))
        {
          g_autofree char *msg = g_strdup_printf (_("Invalid --export-width “%s”: give a whole number of pixels from 1 to %d."),
                                                  export_width, TRAIL_EXPORT_MAX_PNG_SIDE);
          usage_error (msg);
          return FALSE;
        }
      options->width = (int) width;
    }

  if (export_paper != NULL && !trail_export_paper_from_string (export_paper, &options->paper, &options->orientation))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown paper “%s”: use a5, a4, a3, a2, a1, a0, letter, legal or tabloid, "
                                                "optionally followed by -landscape or -portrait."), export_paper);
      usage_error (msg);
      return FALSE;
    }

  if (export_style != NULL)
    {
      if (g_ascii_strcasecmp (export_style, "light") == 0)
        options->style = TRAIL_STYLE_LIGHT;
      else if (g_ascii_strcasecmp (export_style, "dark") == 0)
        options->style = TRAIL_STYLE_DARK;
      else if (g_ascii_strcasecmp (export_style, "high-contrast") == 0)
        options->style = TRAIL_STYLE_HIGH_CONTRAST;
      else
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown style “%s”: use light, dark or high-contrast."), export_style);
          usage_error (msg);
          return FALSE;
        }
    }

  options->transparent = export_transparent;
  options->text_to_path = export_text_to_path;
  options->stages = split_list (export_stages);
  options->lanes = split_list (export_lanes);
  options->personas = split_list (export_personas);

  return TRUE;
}

static void
clear_options (TrailExportOptions *options)
{
  g_clear_pointer (&options->stages, g_strfreev);
  g_clear_pointer (&options->lanes, g_strfreev);
  g_clear_pointer (&options->personas, g_strfreev);
}

static gboolean
names_directory (const char *path)
{
  return g_str_has_suffix (path, G_DIR_SEPARATOR_S) || g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* The map's name without ".trailmap", with the type's extension. */
static char *
output_basename (const char        *input,
                 TrailExportFormat  format)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_strconcat (base, ".", trail_export_format_to_extension (format), NULL);
}

static gboolean
export_one (const char               *input,
            const char               *output,
            const TrailExportOptions *options)
{
  g_autoptr(GFile) in = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_equal (in, out))
    {
      g_printerr ("trailmap: %s: %s\n", input, _("The export would overwrite the map itself; choose another name."));
      return FALSE;
    }

  document = trail_document_load_from_file (in, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("trailmap: %s: %s\n", input, error->message);
      return FALSE;
    }

  if (!trail_export_to_file (document, options, out, NULL, &error))
    {
      g_printerr ("trailmap: %s → %s: %s\n", input, output, error->message);
      return FALSE;
    }

  return TRUE;
}

int
trail_cli_export_run (const char * const *files)
{
  TrailExportOptions options;
  guint n_files = files != NULL ? g_strv_length ((char **) files) : 0;
  gboolean to_directory = FALSE;
  guint failed = 0;

  if (!parse_options (&options))
    {
      clear_options (&options);
      return 2;
    }

  if (export_path == NULL && export_type == NULL)
    {
      usage_error (_("Say where to export: --export=FILE, --export=DIRECTORY/ with --export-type, "
                     "or --export-type=TYPE to write beside each map."));
      clear_options (&options);
      return 2;
    }

  if (export_path != NULL)
    {
      to_directory = names_directory (export_path);

      if (!to_directory && n_files > 1)
        {
          g_autofree char *msg =
            g_strdup_printf (ngettext ("--export names one file, but %u map was given.",
                                       "--export names one file, but %u maps were given: "
                                       "name a directory ending in “/”, or use only --export-type "
                                       "to write each export beside its map.", n_files), n_files);
          usage_error (msg);
          clear_options (&options);
          return 2;
        }

      if (!to_directory && export_type == NULL &&
          !trail_export_format_from_filename (export_path, &options.format))
        {
          g_autofree char *msg =
            g_strdup_printf (_("Cannot tell the export type from “%s”: end it in .png, .svg or .pdf, "
                               "or add --export-type."), export_path);
          usage_error (msg);
          clear_options (&options);
          return 2;
        }
    }

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *output = NULL;

      if (export_path != NULL && !to_directory)
        output = g_strdup (export_path);
      else
        {
          g_autofree char *name = output_basename (files[i], options.format);
          g_autofree char *dir = to_directory ? g_strdup (export_path) : g_path_get_dirname (files[i]);

          output = g_build_filename (dir, name, NULL);
        }

      if (!export_one (files[i], output, &options))
        failed++;
    }

  clear_options (&options);

  return failed > 0 ? 1 : 0;
}

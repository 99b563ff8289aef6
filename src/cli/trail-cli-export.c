/* trail-cli-export.c — trailmap --export…, with no display
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli-export"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trail-cli.h"
#include "trail-export.h"
#include "trail-model.h"
#include "trail-slides.h"

/* Modelled on Inkscape's and draw.io's command lines:
 *
 *   trailmap --export=map.png --export-scale=2 map.trailmap
 *   trailmap --export-type=pdf a.trailmap b.trailmap     (a.pdf, b.pdf beside them)
 *   trailmap --export=out/ --export-type=svg *.trailmap  (into a directory)
 *
 *   trailmap --export=- --export-type=png map.trailmap | …   (to standard output)
 *   trailmap --export=slide.png --export-fit=1920x1080 --export-margin=48 map.trailmap
 *
 * One named output file takes one map; with several maps, name a
 * directory or only a type. Contradictions and empty lists are usage
 * errors; options that do not apply to the type are named in a warning.
 * Exit status: 0 when every map was exported, 1 when any failed, 2 for a
 * usage error (nothing written). */

static char    *export_path;
static char    *export_type;
static char    *export_scale;
static char    *export_width;
static char    *export_height;
static char    *export_dpi;
static char    *export_fit;
static char    *export_margin;
static char    *export_background;
static char    *export_omit;
static int      export_transparent = -1;   /* -1: not given */
static char    *export_stages;
static char    *export_lanes;
static char    *export_personas;
static char    *export_paper;
static char    *export_style;
static int      export_text_to_path = -1;
static int      export_embed_fonts = -1;
static gboolean export_mkdir;
static gboolean export_slides;
static gboolean export_for_dark;
static gboolean export_votes;
static char    *export_poster;
static gboolean export_bom;

/* --flag, --flag=true or --flag=false (yes/no, 1/0, on/off too), so a
 * script can pass the value it computed instead of silently getting TRUE. */
static gboolean
parse_boolean (const char  *option_name,
               const char  *value,
               int         *target,
               GError     **error)
{
  static const char * const yes[] = { "true", "yes", "1", "on" };
  static const char * const no[] = { "false", "no", "0", "off" };
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (value, yes[i]) == 0)
        {
          *target = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (value, no[i]) == 0)
        {
          *target = FALSE;
          return TRUE;
        }
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Invalid value “%s” for %s: use true or false."), value, option_name);
  return FALSE;
}

/* GOption takes the next argument as an optional value ("--export-transparent
 * map.trailmap"), and ignores "=false" on a plain flag: the boolean flags'
 * "=VALUE" forms are taken out before GOption sees them. */
gboolean
trail_cli_export_take_booleans (char   **args,
                                GError **error)
{
  static const struct { const char *name; int *target; } flags[] = {
    { "--export-transparent", &export_transparent },
    { "--export-text-to-path", &export_text_to_path },
    { "--export-embed-fonts", &export_embed_fonts },
  };
  guint out = 0;

  for (guint i = 0; args[i] != NULL; i++)
    {
      gboolean taken = FALSE;

      if (g_str_equal (args[i], "--"))
        {
          for (; args[i] != NULL; i++)
            args[out++] = args[i];
          break;
        }

      for (guint f = 0; f < G_N_ELEMENTS (flags) && !taken; f++)
        {
          gsize len = strlen (flags[f].name);

          if (strncmp (args[i], flags[f].name, len) == 0 && args[i][len] == '=')
            {
              if (!parse_boolean (flags[f].name, args[i] + len + 1, flags[f].target, error))
                return FALSE;
              taken = TRUE;
            }
        }

      if (taken)
        g_free (args[i]);
      else
        args[out++] = args[i];
    }
  args[out] = NULL;

  return TRUE;
}

static gboolean
on_flag_cb (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  if (g_str_equal (option_name, "--export-transparent"))
    export_transparent = TRUE;
  else if (g_str_equal (option_name, "--export-embed-fonts"))
    export_embed_fonts = TRUE;
  else
    export_text_to_path = TRUE;

  return TRUE;
}

static const GOptionEntry export_entries[] = {
  { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
    N_("Export to FILE (type from its extension), into DIRECTORY/ for several maps, or to standard output with - and --export-type"), N_("FILE") },
  /* Inkscape 1.x's name for the same. */
  { "export-filename", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
    N_("The same as --export"), N_("FILE") },
  { "export-mkdir", 0, 0, G_OPTION_ARG_NONE, &export_mkdir,
    N_("Create the output directory if it is missing"), NULL },
  { "export-type", 0, 0, G_OPTION_ARG_STRING, &export_type,
    N_("Export type: png, svg, pdf, html, md (Markdown), csv (cards), actions (the actions as CSV), mmd (Mermaid journey) or trailmap; "
       "without --export, writes each map’s export beside it"), N_("TYPE") },
  { "export-bom", 0, 0, G_OPTION_ARG_NONE, &export_bom,
    N_("CSV: start with a UTF-8 byte-order mark, so Excel reads the accents right"), NULL },
  { "export-scale", 0, 0, G_OPTION_ARG_STRING, &export_scale,
    N_("PNG: pixels per map pixel, e.g. 2 for a sharp slide (default 1)"), N_("N") },
  { "export-width", 0, 0, G_OPTION_ARG_STRING, &export_width,
    N_("PNG: width in pixels; the height follows"), N_("PX") },
  { "export-height", 0, 0, G_OPTION_ARG_STRING, &export_height,
    N_("PNG: height in pixels; the width follows"), N_("PX") },
  { "export-dpi", 0, 0, G_OPTION_ARG_STRING, &export_dpi,
    N_("PNG: resolution recorded in the file, so slide software sizes it right (default 96)"), N_("DPI") },
  { "export-fit", 0, 0, G_OPTION_ARG_STRING, &export_fit,
    N_("PNG, PDF: a picture of exactly WIDTHxHEIGHT pixels with the map fitted inside, e.g. 1920x1080"), N_("WxH") },
  { "export-margin", 0, 0, G_OPTION_ARG_STRING, &export_margin,
    N_("With --export-fit: pixels kept clear at each edge (default 0)"), N_("PX") },
  { "export-background", 0, 0, G_OPTION_ARG_STRING, &export_background,
    N_("The page colour instead of the style’s, e.g. white or #1e1e1e"), N_("COLOR") },
  { "export-slides", 0, 0, G_OPTION_ARG_NONE, &export_slides,
    N_("A deck: one slide per group of stages, as many as fit with readable text, into a multi-page PDF or DIRECTORY/ (sized by --export-fit, 1920x1080 by default)"), NULL },
  { "export-poster", 0, 0, G_OPTION_ARG_STRING, &export_poster,
    N_("PDF: a poster at the map’s size (times --export-scale) on sheets of PAPER, overlapping by 1 cm, with crop marks"), N_("PAPER") },
  { "export-for-dark", 0, 0, G_OPTION_ARG_NONE, &export_for_dark,
    N_("Light text for the title, objective, scope and legend, for a transparent export on a dark slide"), NULL },
  { "export-votes", 0, 0, G_OPTION_ARG_NONE, &export_votes,
    N_("Show revealed dot-vote results on the cards (count and heat colour)"), NULL },
  { "export-omit", 0, 0, G_OPTION_ARG_STRING, &export_omit,
    N_("Leave out header, personas and/or legend (comma-separated)"), N_("LIST") },
  { "export-transparent", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_cb,
    N_("PNG, SVG, PDF: leave out the page background (or =false)"), NULL },
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
  { "export-embed-fonts", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_cb,
    N_("SVG: embed subsets of the fonts used, so the text looks the same everywhere (default; =false to leave them out)"), NULL },
  { "export-text-to-path", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_cb,
    N_("SVG: draw text as outlines instead of editable text (or =false)"), NULL },
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
         export_width != NULL || export_height != NULL || export_dpi != NULL ||
         export_fit != NULL || export_margin != NULL || export_background != NULL ||
         export_omit != NULL || export_transparent != -1 || export_stages != NULL ||
         export_lanes != NULL || export_personas != NULL || export_paper != NULL ||
         export_style != NULL || export_text_to_path != -1 || export_embed_fonts != -1 || export_mkdir || export_slides ||
         export_for_dark || export_votes || export_poster != NULL || export_bom;
}

static void
usage_error (const char *message)
{
  g_printerr ("trailmap: %s\n", message);
}

static void
usage_errorf (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static void
usage_errorf (const char *format,
              ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  usage_error (msg);
}

static void
warn (const char *message)
{
  g_printerr ("trailmap: %s %s\n", _("warning:"), message);
}

/* NULL when @list names nothing: an empty subset would export an empty
 * board, which nobody asks for on purpose. */
static char **
split_list (const char *list)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;

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

  result = g_strv_builder_end (builder);
  if (result[0] == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

static gboolean
parse_list (const char   *option,
            const char   *value,
            char       ***list)
{
  if (value == NULL)
    return TRUE;

  *list = split_list (value);
  if (*list == NULL)
    {
      usage_errorf (_("%s names nothing: give one or more names or ids, comma-separated, "
                      "or leave the option out to export everything."), option);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_pixels (const char *option,
              const char *value,
              guint64     min,
              int        *out)
{
  guint64 v = 0;

  if (value == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, min, TRAIL_EXPORT_MAX_PNG_SIDE, &v, NULL))
    {
      usage_errorf (_("Invalid %s “%s”: give a whole number of pixels from %u to %d."),
                    option, value, (guint) min, TRAIL_EXPORT_MAX_PNG_SIDE);
      return FALSE;
    }
  *out = (int) v;

  return TRUE;
}

static gboolean
parse_number (const char *option,
              const char *value,
              double      min,
              double      max,
              double     *out)
{
  char *end = NULL;
  double v;

  if (value == NULL)
    return TRUE;
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v) || v < min || v > max)
    {
      usage_errorf (_("Invalid %s “%s”: give a number from %g to %g."), option, value, min, max);
      return FALSE;
    }
  *out = v;

  return TRUE;
}

static gboolean
parse_fit (TrailExportOptions *options)
{
  g_auto(GStrv) parts = NULL;

  if (export_fit == NULL)
    return TRUE;

  parts = g_strsplit_set (export_fit, "xX×", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 16, TRAIL_EXPORT_MAX_PNG_SIDE, NULL, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 16, TRAIL_EXPORT_MAX_PNG_SIDE, NULL, NULL))
    {
      usage_errorf (_("Invalid --export-fit “%s”: give WIDTHxHEIGHT in pixels, e.g. 1920x1080."), export_fit);
      return FALSE;
    }
  options->fit_width = atoi (parts[0]);
  options->fit_height = atoi (parts[1]);

  return TRUE;
}

static gboolean
parse_omit (TrailExportOptions *options)
{
  g_auto(GStrv) parts = NULL;

  if (export_omit == NULL)
    return TRUE;

  parts = split_list (export_omit);
  if (parts == NULL)
    {
      usage_error (_("--export-omit names nothing: give header, personas and/or legend."));
      return FALSE;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (parts[i], "header") == 0 || g_ascii_strcasecmp (parts[i], "title") == 0)
        options->omit |= TRAIL_EXPORT_OMIT_HEADER;
      else if (g_ascii_strcasecmp (parts[i], "personas") == 0)
        options->omit |= TRAIL_EXPORT_OMIT_PERSONAS;
      else if (g_ascii_strcasecmp (parts[i], "legend") == 0)
        options->omit |= TRAIL_EXPORT_OMIT_LEGEND;
      else
        {
          usage_errorf (_("Unknown part “%s” in --export-omit: use header, personas or legend."), parts[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_options (TrailExportOptions *options)
{
  trail_export_options_init (options);
  options->byte_order_mark = export_bom;
  options->warnings = g_ptr_array_new_with_free_func (g_free);

  if (export_type != NULL && !trail_export_format_from_string (export_type, &options->format))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown export type “%s”: use png, svg, pdf, html, md, csv, actions, mmd or trailmap."), export_type);
      usage_error (msg);
      return FALSE;
    }

  if (!parse_number ("--export-scale", export_scale, 0.01, 64, &options->scale) ||
      !parse_pixels ("--export-width", export_width, 1, &options->width) ||
      !parse_pixels ("--export-height", export_height, 1, &options->height) ||
      !parse_number ("--export-dpi", export_dpi, 1, 10000, &options->dpi) ||
      !parse_number ("--export-margin", export_margin, 0, 10000, &options->margin) ||
      !parse_fit (options) ||
      !parse_omit (options))
    return FALSE;

  /* Each of these sets the size: two would contradict each other. */
  {
    const char *given[4] = { NULL, };
    guint n = 0;

    if (export_scale != NULL)
      given[n++] = "--export-scale";
    if (export_width != NULL)
      given[n++] = "--export-width";
    if (export_height != NULL)
      given[n++] = "--export-height";
    if (export_fit != NULL)
      given[n++] = "--export-fit";
    if (n > 1)
      {
        usage_errorf (_("%s and %s both set the size: give only one."), given[0], given[1]);
        return FALSE;
      }
  }

  if (export_margin != NULL && export_fit == NULL)
    {
      usage_error (_("--export-margin needs --export-fit: the margin is kept inside the box."));
      return FALSE;
    }
  if (options->fit_width > 0 && 2 * options->margin >= MIN (options->fit_width, options->fit_height))
    {
      usage_errorf (_("--export-margin=%s leaves no room for the map in a %d × %d box."),
                    export_margin, options->fit_width, options->fit_height);
      return FALSE;
    }

  if (export_background != NULL)
    {
      if (!gdk_rgba_parse (&options->background, export_background))
        {
          usage_errorf (_("Invalid --export-background “%s”: give a colour such as white, #1e1e1e or rgb(30,30,30)."),
                        export_background);
          return FALSE;
        }
      options->has_background = TRUE;
    }

  if (export_paper != NULL && !trail_export_paper_from_string (export_paper, &options->paper, &options->orientation))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown paper “%s”: use a5, a4, a3, a2, a1, a0, letter, legal or tabloid, "
                                                "optionally followed by -landscape or -portrait."), export_paper);
      usage_error (msg);
      return FALSE;
    }

  if (export_poster != NULL)
    {
      TrailOrientation orientation = TRAIL_ORIENTATION_AUTO;

      if (!trail_export_paper_from_string (export_poster, &options->poster, &orientation) ||
          options->poster == TRAIL_PAPER_NONE)
        {
          usage_errorf (_("Unknown poster paper “%s”: use a5, a4, a3, a2, a1, a0, letter, legal or tabloid, "
                          "optionally followed by -landscape or -portrait."), export_poster);
          return FALSE;
        }
      if (export_paper != NULL || export_fit != NULL || export_slides)
        {
          usage_error (_("--export-poster sets the pages: it cannot go with --export-paper, --export-fit or --export-slides."));
          return FALSE;
        }
      options->orientation = orientation;
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

  options->transparent = export_transparent == TRUE;
  options->for_dark = export_for_dark;
  options->show_votes = export_votes;
  if (options->transparent && !options->for_dark && options->style != TRAIL_STYLE_DARK &&
      (options->omit & (TRAIL_EXPORT_OMIT_HEADER | TRAIL_EXPORT_OMIT_LEGEND)) !=
      (TRAIL_EXPORT_OMIT_HEADER | TRAIL_EXPORT_OMIT_LEGEND))
    warn (_("The title and legend of a transparent export are dark text: on a dark slide they cannot be read. "
            "Add --export-for-dark for light text there."));
  options->text_to_path = export_text_to_path == TRUE;
  if (export_embed_fonts != -1)
    options->embed_fonts = export_embed_fonts;
  if (options->transparent && options->has_background)
    {
      usage_error (_("--export-transparent and --export-background contradict each other: give only one."));
      return FALSE;
    }

  return parse_list ("--export-stages", export_stages, &options->stages) &&
         parse_list ("--export-lanes", export_lanes, &options->lanes) &&
         parse_list ("--export-personas", export_personas, &options->personas);
}

static void
clear_options (TrailExportOptions *options)
{
  g_clear_pointer (&options->stages, g_strfreev);
  g_clear_pointer (&options->lanes, g_strfreev);
  g_clear_pointer (&options->personas, g_strfreev);
  g_clear_pointer (&options->warnings, g_ptr_array_unref);
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

static void
print_warnings (const char *input,
                GPtrArray  *warnings)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", input, (char *) warnings->pdata[i]);
      warn (msg);
    }
  if (warnings != NULL)
    g_ptr_array_set_size (warnings, 0);
}

/* A .trailmap, or a map converted from Mermaid or a cards CSV. */
static TrailDocument *
load_map (const char *input)
{
  g_autoptr(GFile) in = g_file_new_for_commandline_arg (input);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  TrailDocument *document;

  document = trail_map_load_any (in, warnings, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("trailmap: %s\n", error->message);
      return NULL;
    }
  print_warnings (input, warnings);

  return document;
}

static const char *
format_name (TrailExportFormat format)
{
  switch (format)
    {
    case TRAIL_EXPORT_PNG: return "PNG";
    case TRAIL_EXPORT_SVG: return "SVG";
    case TRAIL_EXPORT_PDF: return "PDF";
    case TRAIL_EXPORT_HTML: return "HTML";
    case TRAIL_EXPORT_MARKDOWN: return "Markdown";
    case TRAIL_EXPORT_CSV: return "CSV";
    case TRAIL_EXPORT_MERMAID: return "Mermaid";
    case TRAIL_EXPORT_TRAILMAP: return "Trailmap";
    case TRAIL_EXPORT_ACTIONS: return _("actions CSV");
    default: return "?";
    }
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

  document = load_map (input);
  if (document == NULL)
    return FALSE;

  if (!trail_export_to_file (document, options, out, NULL, &error))
    {
      g_printerr ("trailmap: %s → %s: %s\n", input, output, error->message);
      return FALSE;
    }
  print_warnings (input, options->warnings);

  return TRUE;
}

/* Names the options given that do nothing for @format, in one warning. */
static void
warn_inapplicable (TrailExportFormat format)
{
  static const struct {
    const char **value;
    const char  *name;
    guint        formats;  /* bit per TrailExportFormat it applies to */
  } checks[] = {
    { (const char **) &export_scale, "--export-scale", 1 << TRAIL_EXPORT_PNG },
    { (const char **) &export_width, "--export-width", 1 << TRAIL_EXPORT_PNG },
    { (const char **) &export_height, "--export-height", 1 << TRAIL_EXPORT_PNG },
    { (const char **) &export_dpi, "--export-dpi", 1 << TRAIL_EXPORT_PNG },
    { (const char **) &export_fit, "--export-fit", 1 << TRAIL_EXPORT_PNG | 1 << TRAIL_EXPORT_PDF },
    { (const char **) &export_paper, "--export-paper", 1 << TRAIL_EXPORT_PDF },
    { (const char **) &export_poster, "--export-poster", 1 << TRAIL_EXPORT_PDF },
  };
  g_autoptr(GPtrArray) unused = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      /* A poster's size is the map's times the scale. */
      gboolean poster_scale = checks[i].value == (const char **) &export_scale &&
                              export_poster != NULL && format == TRAIL_EXPORT_PDF;

      if (*checks[i].value != NULL && !(checks[i].formats & (1u << format)) && !poster_scale)
        g_ptr_array_add (unused, (gpointer) checks[i].name);
    }
  if (export_text_to_path == TRUE && format != TRAIL_EXPORT_SVG)
    g_ptr_array_add (unused, (gpointer) "--export-text-to-path");
  if (export_embed_fonts == TRUE && (format != TRAIL_EXPORT_SVG || export_text_to_path == TRUE))
    g_ptr_array_add (unused, (gpointer) "--export-embed-fonts");
  if (export_bom && format != TRAIL_EXPORT_CSV && format != TRAIL_EXPORT_ACTIONS)
    g_ptr_array_add (unused, (gpointer) "--export-bom");
  if (TRAIL_EXPORT_FORMAT_IS_TEXT (format))
    {
      if (export_transparent == TRUE)
        g_ptr_array_add (unused, (gpointer) "--export-transparent");
      if (export_background != NULL)
        g_ptr_array_add (unused, (gpointer) "--export-background");
      if (export_style != NULL)
        g_ptr_array_add (unused, (gpointer) "--export-style");
      if (export_omit != NULL)
        g_ptr_array_add (unused, (gpointer) "--export-omit");
      if (export_stages != NULL)
        g_ptr_array_add (unused, (gpointer) "--export-stages");
      if (export_lanes != NULL)
        g_ptr_array_add (unused, (gpointer) "--export-lanes");
      if (export_personas != NULL)
        g_ptr_array_add (unused, (gpointer) "--export-personas");
    }

  if (unused->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *msg = NULL;

      guint n = unused->len;

      g_ptr_array_add (unused, NULL);
      names = g_strjoinv (", ", (char **) unused->pdata);
      /* Translators: the first %s is a list of options, the second PNG, SVG or PDF */
      msg = g_strdup_printf (ngettext ("%s does not apply to %s; it is ignored.",
                                       "%s do not apply to %s; they are ignored.", n), names,
                             format_name (format));
      warn (msg);
    }
}

static gboolean
export_to_stdout (const char               *input,
                  const TrailExportOptions *options)
{
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (out, 256 * 1024);
  g_autoptr(GError) error = NULL;

  document = load_map (input);
  if (document == NULL)
    return FALSE;
  layout = trail_export_make_layout (document, options, &error);
  if (layout == NULL ||
      !trail_export_layout_to_stream (layout, options, buffered, NULL, &error) ||
      !g_output_stream_close (buffered, NULL, &error))
    {
      g_printerr ("trailmap: %s: %s\n", input, error->message);
      return FALSE;
    }
  print_warnings (input, options->warnings);

  return TRUE;
}

/* The directory @output goes into exists, or is made with --export-mkdir. */
static gboolean
ensure_parent (const char *output,
               gboolean    is_directory)
{
  g_autofree char *dir = is_directory ? g_strdup (output) : g_path_get_dirname (output);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (!export_mkdir)
    {
      g_printerr ("trailmap: %s: %s\n", output,
                  _("The folder to export into does not exist; add --export-mkdir to create it."));
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved = errno;
      g_printerr ("trailmap: %s: %s\n", dir, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/* Card text under 6 pt on the paper chosen is named in a warning. */
static void
warn_small_print (const char               *input,
                  const TrailExportOptions *options)
{
  g_autoptr(GFile) in = g_file_new_for_commandline_arg (input);
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  double pt;

  if (options->format != TRAIL_EXPORT_PDF || options->paper == TRAIL_PAPER_NONE)
    return;

  document = trail_map_load_any (in, NULL, NULL, NULL);
  if (document != NULL)
    layout = trail_export_make_layout (document, options, NULL);
  if (layout == NULL)
    return;  /* the export itself reports why */

  pt = trail_export_get_card_text_pt (layout, options);
  if (pt < TRAIL_EXPORT_MIN_PRINT_PT)
    {
      g_autofree char *msg = g_strdup_printf (_("%s: on this paper, card text prints %.1f pt tall, too small to read; "
                                                "choose a larger paper or fewer stages."), input, pt);
      warn (msg);
    }
}

/* One slide per file beside @output (x.png → x-01.png, x-02.png…), or
 * every slide as a page of one PDF. */
static gboolean
export_slides_one (const char               *input,
                   const char               *output,
                   const TrailExportOptions *options)
{
  g_autoptr(GFile) in = g_file_new_for_commandline_arg (input);
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(GPtrArray) slides = NULL;
  g_autoptr(GError) error = NULL;

  document = trail_map_load_any (in, NULL, NULL, &error);
  if (document != NULL)
    slides = trail_slides_plan (document, options, &error);
  if (slides == NULL)
    {
      g_printerr ("trailmap: %s: %s\n", input, error->message);
      return FALSE;
    }

  for (guint i = 0; i < slides->len; i++)
    {
      TrailSlide *slide = slides->pdata[i];

      if (slide->card_text_px < TRAIL_SLIDE_MIN_TEXT_PX)
        {
          g_autofree char *msg = g_strdup_printf (_("%s: slide %u: a single row is too tall for the slide; "
                                                    "its card text is %.0f px."), input, i + 1, slide->card_text_px);
          warn (msg);
        }
    }

  if (options->format == TRAIL_EXPORT_PDF)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);
      g_autoptr(GFileOutputStream) stream = NULL;

      stream = g_file_replace (out, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
      if (stream == NULL ||
          !trail_slides_write_pdf (document, options, slides, G_OUTPUT_STREAM (stream), NULL, &error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
        {
          g_printerr ("trailmap: %s → %s: %s\n", input, output, error->message);
          return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < slides->len; i++)
    {
      g_autofree char *stem = g_strdup (output);
      g_autofree char *name = NULL;
      g_autoptr(GFile) out = NULL;
      TrailExportOptions slide_options;
      char *dot = strrchr (stem, '.');
      gboolean ok;

      if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
        *dot = '\0';
      name = g_strdup_printf ("%s-%02u.%s", stem, i + 1, trail_export_format_to_extension (options->format));
      out = g_file_new_for_commandline_arg (name);

      trail_slide_get_options (slides->pdata[i], options, &slide_options);
      if (options->format == TRAIL_EXPORT_SVG)
        slide_options.fit_width = slide_options.fit_height = 0;
      ok = trail_export_to_file (document, &slide_options, out, NULL, &error);
      trail_slide_options_clear (&slide_options);
      if (!ok)
        {
          g_printerr ("trailmap: %s → %s: %s\n", input, name, error->message);
          return FALSE;
        }
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

  if (export_path != NULL && g_str_equal (export_path, "-"))
    {
      gboolean ok;

      if (export_type == NULL)
        usage_error (_("--export=- writes to standard output: say which type with --export-type."));
      else if (export_slides)
        usage_error (_("--export-slides writes several slides: name a PDF file or a DIRECTORY/, not -."));
      else if (n_files != 1)
        usage_error (_("--export=- writes one map to standard output: give exactly one map."));
      else if (isatty (STDOUT_FILENO) && options.format != TRAIL_EXPORT_SVG &&
               options.format != TRAIL_EXPORT_HTML && !TRAIL_EXPORT_FORMAT_IS_TEXT (options.format))
        usage_error (_("--export=- would write binary data to the terminal: redirect it to a file or a pipe."));
      else
        {
          warn_inapplicable (options.format);
          ok = export_to_stdout (files[0], &options);
          clear_options (&options);
          return ok ? 0 : 1;
        }
      clear_options (&options);
      return 2;
    }

  if (export_path != NULL)
    {
      TrailExportFormat named;

      to_directory = names_directory (export_path);

      if (!to_directory && export_type != NULL &&
          trail_export_format_from_filename (export_path, &named) && named != options.format &&
          /* Actions are CSV too: "--export=actions.csv --export-type=actions". */
          !(options.format == TRAIL_EXPORT_ACTIONS && named == TRAIL_EXPORT_CSV))
        {
          usage_errorf (_("--export-type=%s contradicts the file name “%s”: change one of them."),
                        export_type, export_path);
          clear_options (&options);
          return 2;
        }

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
            g_strdup_printf (_("Cannot tell the export type from “%s”: end it in .png, .svg, .pdf, .html, "
                               ".md, .csv, .mmd or .trailmap, or add --export-type."), export_path);
          usage_error (msg);
          clear_options (&options);
          return 2;
        }
    }

  warn_inapplicable (options.format);
  if (to_directory && !ensure_parent (export_path, TRUE))
    {
      clear_options (&options);
      return 1;
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

      if (!export_slides)
        warn_small_print (files[i], &options);
      if (!ensure_parent (output, FALSE) ||
          !(export_slides ? export_slides_one (files[i], output, &options) : export_one (files[i], output, &options)))
        failed++;
    }

  clear_options (&options);

  return failed > 0 ? 1 : 0;
}

gboolean
trail_cli_export_prepare_one (TrailExportOptions  *options,
                              char               **path)
{
  if (!parse_options (options))
    {
      clear_options (options);
      return FALSE;
    }
  if (export_path == NULL || g_str_equal (export_path, "-") || names_directory (export_path))
    {
      usage_error (_("A comparison is exported to one file: --export=FILE.png, .svg or .pdf."));
      clear_options (options);
      return FALSE;
    }
  if (export_type == NULL && !trail_export_format_from_filename (export_path, &options->format))
    {
      g_autofree char *msg =
        g_strdup_printf (_("Cannot tell the export type from “%s”: end it in .png, .svg or .pdf, "
                           "or add --export-type."), export_path);
      usage_error (msg);
      clear_options (options);
      return FALSE;
    }
  warn_inapplicable (options->format);
  if (!ensure_parent (export_path, FALSE))
    {
      clear_options (options);
      return FALSE;
    }
  *path = g_strdup (export_path);
  return TRUE;
}

void
trail_cli_export_clear_options (TrailExportOptions *options)
{
  clear_options (options);
}

/* trailmap-thumbnailer.c — thumbnails of .trailmap files for file managers
 *
 * Runs as `trailmap-thumbnailer -s SIZE INPUT OUTPUT`, as the
 * freedesktop thumbnailer spec asks (see data/…​.thumbnailer), with no
 * display: the render layer draws the map and the export writes a PNG whose
 * longer side is SIZE.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "trail-export.h"
#include "trail-model.h"

/* A thumbnail is a picture of the whole map, and file managers ask for at
 * most 1024 pixels ("xx-large"); beyond that someone wants an export. */
#define MAX_SIZE 1024

/* File managers run thumbnailers unattended on whatever a folder holds: a
 * map beyond these gets no thumbnail rather than costing more than about
 * 256 MB (each card's text layout costs some 15 KB). The editor and the
 * command line's export take any map the file limits allow. */
#define MAX_BYTES (8 * 1024 * 1024)
#define MAX_CARDS 5000

static gboolean
check_size (GFile   *input,
            GError **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *name = g_file_get_parse_name (input);

  if (info != NULL && g_file_info_get_size (info) > MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: the map is too large for a thumbnail (more than %d MB)"),
                   name, MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_auto(GStrv) files = NULL;
  TrailExportOptions options;
  int size = 256;
  float width, height;
  const GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT, &size, N_("Length of the thumbnail's longer side, in pixels"), N_("SIZE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT OUTPUT") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Make a PNG thumbnail of a journey map."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("trailmap-thumbnailer: %s\n", error->message);
      return 2;
    }

  if (files == NULL || g_strv_length (files) != 2)
    {
      g_printerr ("trailmap-thumbnailer: %s\n", _("Give one input map and one output PNG."));
      return 2;
    }

  if (size < 1 || size > MAX_SIZE)
    {
      g_printerr ("trailmap-thumbnailer: %s\n", _("The size must be between 1 and 1024 pixels."));
      return 2;
    }

  input = g_file_new_for_commandline_arg (files[0]);
  output = g_file_new_for_commandline_arg (files[1]);

  if (!check_size (input, &error) ||
      (document = trail_document_load_from_file (input, NULL, &error)) == NULL)
    {
      g_printerr ("trailmap-thumbnailer: %s\n", error->message);
      return 1;
    }

  if (g_list_model_get_n_items (trail_document_get_cards (document)) > MAX_CARDS)
    {
      g_autofree char *name = g_file_get_parse_name (input);

      g_printerr ("trailmap-thumbnailer: %s: %s\n", name, _("the map has too many cards for a thumbnail"));
      return 1;
    }

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_PNG;

  layout = trail_export_make_layout (document, &options, &error);
  if (layout == NULL)
    {
      g_printerr ("trailmap-thumbnailer: %s\n", error->message);
      return 1;
    }

  /* Fit the longer side; the shorter one follows the map's proportions. */
  width = trail_layout_get_width (layout);
  height = trail_layout_get_height (layout);
  /* The export lays out again: never hold two layouts of a big map. */
  g_clear_object (&layout);
  if (width >= height)
    options.width = size;
  else
    options.scale = (double) size / height;

  if (!trail_export_to_file (document, &options, output, NULL, &error))
    {
      g_printerr ("trailmap-thumbnailer: %s\n", error->message);
      return 1;
    }

  return 0;
}

/* main.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trail-application.h"
#include "trail-cli.h"

static gboolean
have_settings_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);

  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TrailApplication) app = NULL;
  const char *localedir;

  /* TRAILMAP_LOCALEDIR lets a build run from its build tree (and its
   * tests) use the translations compiled there. */
  if ((localedir = g_getenv ("TRAILMAP_LOCALEDIR")) == NULL)
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Validation and export must work on a build server: decide before GTK
   * opens a display or GApplication registers on the session bus. */
  if (trail_cli_wants (argc, argv))
    return trail_cli_run (argc, argv);

  /* Without a GPU, GTK 4.8's GL renderer runs on a software rasteriser
   * (llvmpipe) and spends some 40 ms on every frame of any libadwaita
   * window, while the cairo renderer draws Trailmap's frames in about 2 ms
   * (bench/canvas). No render node exists yet: choosing now is free, and
   * GSK_RENDERER set by the user still wins. */
  if (g_getenv ("GSK_RENDERER") == NULL && !g_file_test ("/dev/dri", G_FILE_TEST_IS_DIR))
    g_setenv ("GSK_RENDERER", "cairo", FALSE);

  /* GSettings aborts the whole process on a missing schema. Installed, the
   * schema is always there: this is someone running a build tree, so the
   * hint is for developers and stays untranslated. */
  if (!have_settings_schema ())
    {
      g_printerr ("trailmap: the settings schema %s is not installed.\n"
                  "To run Trailmap from a build tree: meson devenv -C BUILDDIR trailmap\n",
                  BASE_ID);
      return 1;
    }

  app = trail_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* render-golden.c — where the golden images of the running stack are.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fontconfig/fontconfig.h>

#include "render-golden.h"

/* The Cantarell that golden/NAME.png were drawn with. */
#define GOLDEN_CANTARELL "0.303"

/* Golden pictures are only as stable as the glyph outlines of the pinned
 * fonts: Cantarell 0.311 (a variable font; Debian unstable, the GNOME
 * runtime) draws every letter a little unlike 0.303 (Debian 12), enough to
 * fail any tolerance that still catches a moved card. So each Cantarell
 * version has its own set, chosen by what fontconfig finds. */
const char *
render_golden_dir (const char *source_root)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autofree char *base = g_build_filename (source_root, "tests", "render", "golden", NULL);
      g_autofree char *version = NULL;
      FcPattern *pattern = FcNameParse ((const FcChar8 *) "Cantarell");
      FcPattern *match;
      FcResult result;
      FcChar8 *family = NULL;
      int revision = 0;

      FcConfigSubstitute (NULL, pattern, FcMatchPattern);
      FcDefaultSubstitute (pattern);
      match = FcFontMatch (NULL, pattern, &result);
      if (match != NULL &&
          FcPatternGetString (match, FC_FAMILY, 0, &family) == FcResultMatch &&
          g_str_equal ((const char *) family, "Cantarell"))
        FcPatternGetInteger (match, FC_FONTVERSION, 0, &revision);
      /* FC_FONTVERSION is the font's revision in 16.16 fixed point. */
      version = g_strdup_printf ("%.3f", revision / 65536.0);
      if (g_str_equal (version, GOLDEN_CANTARELL))
        dir = g_steal_pointer (&base);
      else
        dir = g_strdup_printf ("%s%scantarell-%s", base, G_DIR_SEPARATOR_S, version);
      g_test_message ("golden images for Cantarell %s: %s", version, dir);
      if (match != NULL)
        FcPatternDestroy (match);
      FcPatternDestroy (pattern);
    }

  return dir;
}

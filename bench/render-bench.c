/* render-bench.c — how fast a big map exports, and how it grows
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1. Export time for 200, 2,000 and 10,000 cards, to show it grows
 *    linearly with the number of cards.
 * 2. A 2,000-card map exported to PNG at 2×, against the route a designer
 *    would otherwise take: our own SVG export rasterized by rsvg-convert at
 *    the same size. Goal: ours ≤ 0.5× rsvg-convert's time.
 *
 * Every figure is the median of several runs, wall-clock time including
 * layout and writing the file. Numbers only mean something from a release
 * build (bench/run-bench.sh makes one). No thresholds: this prints, it
 * does not judge.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "render-fixtures.h"
#include "trail-export.h"

static int      runs = 3;
static int      compare_cards = 2000;
static double   compare_scale = 2.0;
static char    *sizes_arg = NULL;
static char    *keep_dir = NULL;
static gboolean skip_rsvg = FALSE;

static const GOptionEntry entries[] = {
  { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs per figure (the median is shown; default 3)", "N" },
  { "compare-cards", 0, 0, G_OPTION_ARG_INT, &compare_cards, "Cards in the map compared with rsvg-convert (default 2000)", "N" },
  { "compare-scale", 0, 0, G_OPTION_ARG_DOUBLE, &compare_scale, "PNG scale of that comparison (default 2)", "S" },
  { "sizes", 's', 0, G_OPTION_ARG_STRING, &sizes_arg, "Card counts for the growth table (default 200,2000,10000)", "LIST" },
  { "keep", 'k', 0, G_OPTION_ARG_FILENAME, &keep_dir, "Keep the exported files in DIR", "DIR" },
  { "no-rsvg", 0, 0, G_OPTION_ARG_NONE, &skip_rsvg, "Skip the rsvg-convert comparison", NULL },
  { NULL }
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len == 0)
    return 0;
  if (times->len % 2)
    return g_array_index (times, double, times->len / 2);
  return (g_array_index (times, double, times->len / 2 - 1) + g_array_index (times, double, times->len / 2)) / 2;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* One export, timed: layout, drawing, encoding, writing. */
static double
time_export (TrailDocument     *doc,
             TrailExportFormat  format,
             double             scale,
             const char        *path)
{
  TrailExportOptions options;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  double t0;

  trail_export_options_init (&options);
  options.format = format;
  options.scale = scale;

  t0 = now ();
  if (!trail_export_to_file (doc, &options, file, NULL, &error))
    g_error ("export to %s failed: %s", path, error->message);

  return now () - t0;
}

static double
time_layout (TrailDocument *doc)
{
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = NULL;
  double t0 = now ();

  layout = trail_layout_new (doc, style);
  return now () - t0;
}

static double
time_rsvg (const char *svg,
           double      scale,
           const char *png)
{
  g_autofree char *zoom = g_strdup_printf ("%g", scale);
  const char *argv[] = { "rsvg-convert", "-z", zoom, "-o", png, svg, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  double t0 = now ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error))
    g_error ("cannot run rsvg-convert: %s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("rsvg-convert failed: %s\n%s", error->message, err != NULL ? err : "");
      return -1;
    }

  return now () - t0;
}

static void
png_size (const char *path,
          int        *w,
          int        *h)
{
  guint8 head[24] = { 0 };
  FILE *f = g_fopen (path, "rb");

  *w = *h = 0;
  if (f == NULL)
    return;
  if (fread (head, 1, sizeof head, f) == sizeof head)
    {
      *w = (head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19];
      *h = (head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23];
    }
  fclose (f);
}

static char *
out_path (const char *dir,
          const char *name)
{
  return g_build_filename (dir, name, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time Trailmap's export");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) sizes = NULL;
  g_autofree char *rsvg = NULL;

  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  /* Pinned fonts for us and for rsvg-convert alike. */
  if (g_getenv ("FONTCONFIG_FILE") == NULL)
    g_setenv ("FONTCONFIG_FILE", RENDER_FONTS_CONF, TRUE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 1);
  sizes = g_strsplit (sizes_arg != NULL ? sizes_arg : "200,2000,10000", ",", -1);

  if (keep_dir != NULL)
    {
      g_mkdir_with_parents (keep_dir, 0755);
      dir = g_strdup (keep_dir);
    }
  else
    dir = g_dir_make_tmp ("trailmap-bench-XXXXXX", NULL);

  rsvg = g_find_program_in_path ("rsvg-convert");

  g_print ("Trailmap export benchmark - median of %d run%s, wall clock, files written to %s\n",
           runs, runs == 1 ? "" : "s", dir);
#ifdef __OPTIMIZE__
  g_print ("(optimized build)\n\n");
#else
  g_print ("(UNOPTIMIZED build: figures are not representative; see bench/run-bench.sh)\n\n");
#endif

  /* ---- 1. Growth (small maps first, on a fresh heap)  with the number of cards ---- */
  g_print ("1. Growth with cards (PNG at 1x; all times include layout and writing)\n");
  g_print ("   +--------+--------+---------------+--------+----------+----------+----------+----------+-------------+\n");
  g_print ("   | cards  | stages | PNG size px   | Mpx    | layout s | PNG s    | SVG s    | PDF s    | PNG us/card |\n");
  g_print ("   +--------+--------+---------------+--------+----------+----------+----------+----------+-------------+\n");
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      int n = atoi (sizes[i]);
      g_autoptr(TrailDocument) doc = NULL;
      g_autoptr(GArray) t_layout = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) t_png = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) t_svg = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) t_pdf = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *name_png = g_strdup_printf ("grow-%d.png", n);
      g_autofree char *name_svg = g_strdup_printf ("grow-%d.svg", n);
      g_autofree char *name_pdf = g_strdup_printf ("grow-%d.pdf", n);
      g_autofree char *png = out_path (dir, name_png);
      g_autofree char *svg = out_path (dir, name_svg);
      g_autofree char *pdf = out_path (dir, name_pdf);
      double m_png;
      int w, h;

      if (n <= 0)
        continue;
      doc = render_fixture_large (n);
      for (int r = 0; r < runs; r++)
        {
          double t;

          t = time_layout (doc);
          g_array_append_val (t_layout, t);
          t = time_export (doc, TRAIL_EXPORT_PNG, 1, png);
          g_array_append_val (t_png, t);
          t = time_export (doc, TRAIL_EXPORT_SVG, 1, svg);
          g_array_append_val (t_svg, t);
          t = time_export (doc, TRAIL_EXPORT_PDF, 1, pdf);
          g_array_append_val (t_pdf, t);
        }
      png_size (png, &w, &h);
      m_png = median (t_png);
      g_print ("   | %6d | %6u | %6dx%-6d | %6.1f | %8.3f | %8.3f | %8.3f | %8.3f | %11.1f |\n",
               n, g_list_model_get_n_items (trail_document_get_stages (doc)), w, h, (double) w * h / 1e6,
               median (t_layout), m_png, median (t_svg), median (t_pdf), m_png / n * 1e6);
    }
  g_print ("   +--------+--------+---------------+--------+----------+----------+----------+----------+-------------+\n");
  g_print ("   Maps grow by stages (8 card lanes, ~5 cards per cell), so pixels grow with cards too.\n");

  /* ---- 2. Our PNG against rsvg-convert of our SVG ---- */
  if (!skip_rsvg)
    {
      g_autoptr(TrailDocument) doc = render_fixture_large (compare_cards);
      g_autofree char *png = out_path (dir, "compare-ours.png");
      g_autofree char *svg = out_path (dir, "compare.svg");
      g_autofree char *rsvg_png = out_path (dir, "compare-rsvg.png");
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
      double svg_time, m_ours, m_theirs;
      int w1, h1, w2, h2;

      svg_time = time_export (doc, TRAIL_EXPORT_SVG, 1, svg);
      for (int r = 0; r < runs; r++)
        {
          double t = time_export (doc, TRAIL_EXPORT_PNG, compare_scale, png);
          g_array_append_val (ours, t);
          if (rsvg != NULL)
            {
              t = time_rsvg (svg, compare_scale, rsvg_png);
              if (t >= 0)
                g_array_append_val (theirs, t);
            }
        }
      png_size (png, &w1, &h1);
      png_size (rsvg_png, &w2, &h2);
      m_ours = median (ours);
      m_theirs = median (theirs);

      g_print ("\n2. %d cards, PNG at %gx (%d x %d px)\n", compare_cards, compare_scale, w1, h1);
      g_print ("   +----------------------------------------------+------------+\n");
      g_print ("   | trailmap PNG export (layout + draw + encode) | %8.2f s |\n", m_ours);
      if (theirs->len > 0)
        {
          g_print ("   | rsvg-convert -z %-3g of our SVG (%5dx%-5d) | %8.2f s |\n", compare_scale, w2, h2, m_theirs);
          g_print ("   +----------------------------------------------+------------+\n");
          g_print ("   | ratio ours / rsvg-convert (goal <= 0.50)     | %8.2f   |\n", m_ours / m_theirs);
        }
      else
        g_print ("   | rsvg-convert                                 |  not found |\n");
      g_print ("   +----------------------------------------------+------------+\n");
      g_print ("   (our SVG export of the same map: %.2f s, %s)\n\n", svg_time,
               g_file_test (svg, G_FILE_TEST_EXISTS) ? "kept for rsvg-convert" : "missing");
    }

  if (keep_dir == NULL)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (dir);
    }

  return 0;
}

/* trail-export.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "trail-export.h"
#include "trail-actions-page.h"
#include "trail-file-writer.h"
#include "trail-html.h"
#include "trail-map-csv.h"
#include "trail-markdown.h"
#include "trail-mermaid.h"
#include "trail-painter.h"
#include "trail-svg-writer.h"

G_DEFINE_QUARK (trail-export-error-quark, trail_export_error)

/* Pixels to points at CSS's 96 pixels per inch. */
#define PT_PER_PX 0.75
/* Acrobat's largest page side; bigger maps are scaled down to fit. */
#define PDF_MAX_PT 14400.0
/* Paper margins. */
#define PDF_MARGIN_PT 28.0
/* Poster sheets overlap by this much (1 cm), to glue one under the next. */
#define POSTER_OVERLAP_PT 28.35
/* Crop marks: this long, this far from the corner. */
#define CROP_MARK_PT 14.0
#define CROP_GAP_PT 4.0

/* PNG tiles: at most this wide, and a band of about this many bytes. */
#define PNG_TILE_MAX_WIDTH 8192
#define PNG_BAND_BYTES (32 * 1024 * 1024)

void
trail_export_options_init (TrailExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = TRAIL_EXPORT_PNG;
  options->scale = 1.0;
  options->dpi = 96.0;
  options->embed_fonts = TRUE;
  options->style = TRAIL_STYLE_LIGHT;
  options->paper = TRAIL_PAPER_NONE;
  options->orientation = TRAIL_ORIENTATION_AUTO;
}

gboolean
trail_export_format_from_string (const char        *name,
                                 TrailExportFormat *format)
{
  static const struct { const char *name; TrailExportFormat format; } names[] = {
    { "png", TRAIL_EXPORT_PNG },
    { "svg", TRAIL_EXPORT_SVG },
    { "pdf", TRAIL_EXPORT_PDF },
    { "html", TRAIL_EXPORT_HTML },
    { "htm", TRAIL_EXPORT_HTML },
    { "md", TRAIL_EXPORT_MARKDOWN },
    { "markdown", TRAIL_EXPORT_MARKDOWN },
    { "csv", TRAIL_EXPORT_CSV },
    { "mmd", TRAIL_EXPORT_MERMAID },
    { "mermaid", TRAIL_EXPORT_MERMAID },
    { "trailmap", TRAIL_EXPORT_TRAILMAP },
    { "actions", TRAIL_EXPORT_ACTIONS },
  };

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }

  return FALSE;
}

gboolean
trail_export_format_from_filename (const char        *filename,
                                   TrailExportFormat *format)
{
  const char *dot;

  if (filename == NULL)
    return FALSE;

  dot = strrchr (filename, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;

  return trail_export_format_from_string (dot + 1, format);
}

const char *
trail_export_format_to_extension (TrailExportFormat format)
{
  switch (format)
    {
    case TRAIL_EXPORT_SVG:
      return "svg";
    case TRAIL_EXPORT_PDF:
      return "pdf";
    case TRAIL_EXPORT_HTML:
      return "html";
    case TRAIL_EXPORT_MARKDOWN:
      return "md";
    case TRAIL_EXPORT_CSV:
    case TRAIL_EXPORT_ACTIONS:
      return "csv";
    case TRAIL_EXPORT_MERMAID:
      return "mmd";
    case TRAIL_EXPORT_TRAILMAP:
      return "trailmap";
    case TRAIL_EXPORT_PNG:
    default:
      return "png";
    }
}

/* Paper sizes in points, portrait. */
static const struct {
  const char *name;
  TrailPaper  paper;
  double      width;
  double      height;
} papers[] = {
  { "a5",      TRAIL_PAPER_A5,      419.53,  595.28 },
  { "a4",      TRAIL_PAPER_A4,      595.28,  841.89 },
  { "a3",      TRAIL_PAPER_A3,      841.89,  1190.55 },
  { "a2",      TRAIL_PAPER_A2,      1190.55, 1683.78 },
  { "a1",      TRAIL_PAPER_A1,      1683.78, 2383.94 },
  { "a0",      TRAIL_PAPER_A0,      2383.94, 3370.39 },
  { "letter",  TRAIL_PAPER_LETTER,  612.0,   792.0 },
  { "legal",   TRAIL_PAPER_LEGAL,   612.0,   1008.0 },
  { "tabloid", TRAIL_PAPER_TABLOID, 792.0,   1224.0 },
};

gboolean
trail_export_paper_from_string (const char       *name,
                                TrailPaper       *paper,
                                TrailOrientation *orientation)
{
  g_autofree char *lower = NULL;
  char *dash;
  TrailOrientation o = TRAIL_ORIENTATION_AUTO;

  if (name == NULL)
    return FALSE;

  lower = g_ascii_strdown (name, -1);
  dash = strchr (lower, '-');
  if (dash != NULL)
    {
      if (g_str_equal (dash + 1, "landscape"))
        o = TRAIL_ORIENTATION_LANDSCAPE;
      else if (g_str_equal (dash + 1, "portrait"))
        o = TRAIL_ORIENTATION_PORTRAIT;
      else
        return FALSE;
      *dash = '\0';
    }

  if (g_str_equal (lower, "none") || g_str_equal (lower, "fit"))
    {
      *paper = TRAIL_PAPER_NONE;
      if (orientation != NULL)
        *orientation = TRAIL_ORIENTATION_AUTO;
      return dash == NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (lower, papers[i].name))
      {
        *paper = papers[i].paper;
        if (orientation != NULL)
          *orientation = o;
        return TRUE;
      }

  return FALSE;
}

/* ---- Subsets ---------------------------------------------------------- */

static gboolean
names_match (const char *a,
             const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);

  return g_utf8_collate (fa, fb) == 0;
}

typedef const char *(*GetString) (gpointer item);

static char **
resolve_names (GListModel  *model,
               char       **wanted,
               GetString    get_id,
               GetString    get_name,
               const char  *what,
               GError     **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (model);

  if (wanted == NULL)
    return NULL;

  for (guint w = 0; wanted[w] != NULL; w++)
    {
      g_autofree char *name = g_strstrip (g_strdup (wanted[w]));
      gboolean found = FALSE;

      if (name[0] == '\0')
        continue;

      for (guint i = 0; i < n && !found; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (get_id (item), name) == 0 || names_match (get_name (item), name))
            {
              g_strv_builder_add (ids, get_id (item));
              found = TRUE;
            }
        }

      if (!found)
        {
          /* Translators: the first %s is "stage", "lane" or "persona" */
          g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_UNKNOWN_NAME,
                       _("No %s has the name or id “%s”"), what, name);
          return NULL;
        }
    }

  return g_strv_builder_end (ids);
}

void
trail_layout_filter_clear (TrailLayoutFilter *filter)
{
  g_clear_pointer (&filter->stage_ids, g_strfreev);
  g_clear_pointer (&filter->lane_ids, g_strfreev);
  g_clear_pointer (&filter->persona_ids, g_strfreev);
}

gboolean
trail_export_resolve_filter (TrailDocument             *document,
                             const TrailExportOptions  *options,
                             TrailLayoutFilter         *filter,
                             GError                   **error)
{
  GError *local = NULL;

  memset (filter, 0, sizeof *filter);

  filter->stage_ids = resolve_names (trail_document_get_stages (document), options->stages,
                                     (GetString) trail_stage_get_id, (GetString) trail_stage_get_name,
                                     _("stage"), &local);
  if (local == NULL)
    filter->lane_ids = resolve_names (trail_document_get_lanes (document), options->lanes,
                                      (GetString) trail_lane_get_id, (GetString) trail_lane_get_title,
                                      _("lane"), &local);
  if (local == NULL)
    filter->persona_ids = resolve_names (trail_document_get_personas (document), options->personas,
                                         (GetString) trail_persona_get_id, (GetString) trail_persona_get_name,
                                         _("persona"), &local);
  if (local != NULL)
    {
      trail_layout_filter_clear (filter);
      g_propagate_error (error, local);
      return FALSE;
    }

  return TRUE;
}

static void
ensure_gsk_types (void)
{
  /* With no display, GTK was never initialised: the node types must be
   * registered before the first node is made. */
  g_type_ensure (GSK_TYPE_CAIRO_NODE);
  g_type_ensure (GSK_TYPE_COLOR_NODE);
  g_type_ensure (GSK_TYPE_TEXT_NODE);
}

TrailLayout *
trail_export_make_layout (TrailDocument             *document,
                          const TrailExportOptions  *options,
                          GError                   **error)
{
  g_autoptr(TrailStyle) style = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  TrailLayoutFilter filter;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  ensure_gsk_types ();

  if (!trail_export_resolve_filter (document, options, &filter, error))
    return NULL;

  style = trail_style_new (options->style);
  if (options->for_dark)
    trail_style_set_page_text_for_dark (style);
  layout = trail_layout_new (document, style);
  /* Vote results are the room's business: on a slide only when asked. */
  trail_layout_set_show_dots (layout, options->show_votes);
  if (filter.stage_ids != NULL || filter.lane_ids != NULL || filter.persona_ids != NULL)
    trail_layout_set_filter (layout, &filter);
  trail_layout_filter_clear (&filter);
  if (options->omit & TRAIL_EXPORT_OMIT_HEADER)
    trail_layout_set_show_header (layout, FALSE);
  if (options->omit & TRAIL_EXPORT_OMIT_PERSONAS)
    trail_layout_set_show_personas (layout, FALSE);
  if (options->omit & TRAIL_EXPORT_OMIT_LEGEND)
    trail_layout_set_show_legend (layout, FALSE);

  return g_steal_pointer (&layout);
}

/* ---- Streams ---------------------------------------------------------- */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamClosure *sc = closure;

  if (sc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sc->stream, data, length, NULL, sc->cancellable, &sc->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t   status,
             StreamClosure   *sc,
             GError         **error)
{
  if (sc != NULL && sc->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sc->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_FAILED,
                   _("Drawing failed: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

static gboolean check_options (const TrailExportOptions  *options,
                               GError                   **error);

/* ---- PNG -------------------------------------------------------------- */

/* Where the map goes in the picture: its scale and offset, and the
 * picture's size. A fit box is exactly its size, the map centred inside
 * the margin; otherwise the picture is the map's size at the scale (a
 * given width or height sets that side exactly). */
static void
get_placement (TrailLayout              *layout,
               const TrailExportOptions *options,
               double                    unit,     /* output units per pixel at scale 1 */
               double                   *scale,
               double                   *dx,
               double                   *dy,
               double                   *out_w,
               double                   *out_h)
{
  double w = trail_layout_get_width (layout);
  double h = trail_layout_get_height (layout);

  *dx = *dy = 0;
  if (options->fit_width > 0 && options->fit_height > 0)
    {
      double bw = options->fit_width * unit;
      double bh = options->fit_height * unit;
      double m = options->margin * unit;

      *scale = MIN ((bw - 2 * m) / w, (bh - 2 * m) / h);
      *scale = MAX (*scale, 1e-3);
      *dx = (bw - w * *scale) / 2;
      *dy = (bh - h * *scale) / 2;
      *out_w = bw;
      *out_h = bh;
      return;
    }

  if (options->width > 0)
    *scale = options->width / w;
  else if (options->height > 0)
    *scale = options->height / h;
  else
    *scale = options->scale;
  *scale *= unit;
  *out_w = options->width > 0 ? options->width * unit : w * *scale;
  *out_h = options->height > 0 ? options->height * unit : h * *scale;
}

void
trail_export_get_png_size (TrailLayout              *layout,
                           const TrailExportOptions *options,
                           int                      *width,
                           int                      *height)
{
  double scale, dx, dy, w, h;

  get_placement (layout, options, 1, &scale, &dx, &dy, &w, &h);
  if (width != NULL)
    *width = (int) ceil (w - 1e-6);
  if (height != NULL)
    *height = (int) ceil (h - 1e-6);
}

/* The page's colour, when the picture gets one. */
static gboolean
get_page_color (TrailLayout              *layout,
                const TrailExportOptions *options,
                GdkRGBA                  *color)
{
  if (options->transparent)
    return FALSE;
  *color = options->has_background ? options->background : trail_layout_get_style (layout)->page;
  return TRUE;
}

/* The map is drawn on its own page, unless the picture is larger than the
 * map (a fit box) or has another colour: then the picture is painted first
 * and the map drawn without its page. */
static TrailPaintFlags
get_paint_flags (const TrailExportOptions *options)
{
  /* On paper too: the page's colour fills the sheet rather than floating
   * as a box inside white margins. */
  if (options->transparent || options->has_background || options->fit_width > 0 ||
      (options->format == TRAIL_EXPORT_PDF && options->paper != TRAIL_PAPER_NONE))
    return TRAIL_PAINT_NO_BACKGROUND;
  return TRAIL_PAINT_DEFAULT;
}

/* The PNG is drawn in horizontal bands, each band in tiles side by side
 * (cairo surfaces stop at 32767 pixels), so memory stays bounded whatever
 * the map's size. While the main thread draws band n + 1, a worker thread
 * filters, compresses and writes band n: on two cores the encoder, which
 * costs as much as the drawing, comes almost free. */

typedef struct
{
  cairo_surface_t **tiles;     /* one per tile column */
  int               rows;      /* rows used in this band */
} PngBand;

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  int            width;
  int            tile_w;
  int            n_tiles;
  gboolean       alpha;
  z_stream       z;
  guint8        *row;          /* one filtered row */
  guint8        *prev;         /* the previous row, unfiltered */
  GAsyncQueue   *full;         /* PngBand* to encode; the writer's own band means "finish" */
  GAsyncQueue   *empty;        /* PngBand* free for drawing */
  GMutex         lock;
  GError        *error;        /* first failure of the worker */
  guint8         out[256 * 1024];
} PngWriter;

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
png_chunk (PngWriter     *w,
           const char    *type,
           const guint8  *data,
           guint32        len,
           GError       **error)
{
  guint8 head[8];
  guint8 tail[4];
  uLong crc;

  put_be32 (head, len);
  memcpy (head + 4, type, 4);
  crc = crc32 (0, head + 4, 4);
  if (len > 0)
    crc = crc32 (crc, data, len);
  put_be32 (tail, (guint32) crc);

  return g_output_stream_write_all (w->stream, head, 8, NULL, w->cancellable, error) &&
         (len == 0 || g_output_stream_write_all (w->stream, data, len, NULL, w->cancellable, error)) &&
         g_output_stream_write_all (w->stream, tail, 4, NULL, w->cancellable, error);
}

static gboolean
png_deflate (PngWriter     *w,
             const guint8  *data,
             gsize          len,
             int            flush,
             GError       **error)
{
  w->z.next_in = (Bytef *) data;
  w->z.avail_in = len;

  do
    {
      gsize have;

      w->z.next_out = w->out;
      w->z.avail_out = sizeof w->out;
      if (deflate (&w->z, flush) == Z_STREAM_ERROR)
        {
          g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_FAILED, _("PNG compression failed"));
          return FALSE;
        }
      have = sizeof w->out - w->z.avail_out;
      if (have > 0 && !png_chunk (w, "IDAT", w->out, have, error))
        return FALSE;
    }
  while (w->z.avail_out == 0);

  return TRUE;
}

/* Cairo's premultiplied native-endian ARGB to PNG's RGB(A), with the "Up"
 * filter, which suits maps: long runs of flat colour, row after row. */
static void
convert_span (const guint32 * restrict src,
              guint8        * restrict dst,
              guint8        * restrict prev,
              int                      n,
              gboolean                 alpha)
{
  if (!alpha)
    {
      for (int x = 0; x < n; x++)
        {
          guint32 p = src[x];
          guint8 r = p >> 16, g = p >> 8, b = p;

          dst[0] = r - prev[0];
          dst[1] = g - prev[1];
          dst[2] = b - prev[2];
          prev[0] = r;
          prev[1] = g;
          prev[2] = b;
          dst += 3;
          prev += 3;
        }
      return;
    }

  for (int x = 0; x < n; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24;
      guint8 px[4] = { p >> 16, p >> 8, p, a };

      if (a == 0)
        px[0] = px[1] = px[2] = 0;
      else if (a != 255)
        for (int c = 0; c < 3; c++)
          px[c] = (px[c] * 255 + a / 2) / a;

      for (int c = 0; c < 4; c++)
        {
          dst[c] = px[c] - prev[c];
          prev[c] = px[c];
        }
      dst += 4;
      prev += 4;
    }
}

static gboolean
encode_band (PngWriter  *w,
             PngBand    *band,
             GError    **error)
{
  int bpp = w->alpha ? 4 : 3;
  gsize row_len = 1 + (gsize) w->width * bpp;

  for (int t = 0; t < w->n_tiles; t++)
    cairo_surface_flush (band->tiles[t]);

  for (int y = 0; y < band->rows; y++)
    {
      w->row[0] = 2; /* Up */
      for (int t = 0; t < w->n_tiles; t++)
        {
          cairo_surface_t *s = band->tiles[t];
          int x0 = t * w->tile_w;
          int cols = MIN (w->tile_w, w->width - x0);
          const guint32 *src = (const guint32 *) (cairo_image_surface_get_data (s) +
                                                  (gsize) cairo_image_surface_get_stride (s) * y);

          convert_span (src, w->row + 1 + (gsize) x0 * bpp, w->prev + (gsize) x0 * bpp, cols, w->alpha);
        }
      if (!png_deflate (w, w->row, row_len, Z_NO_FLUSH, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
png_encoder_thread (gpointer data)
{
  PngWriter *w = data;

  for (;;)
    {
      PngBand *band = g_async_queue_pop (w->full);
      GError *local = NULL;

      if (band == (gpointer) w)
        break;

      if (w->error == NULL && !encode_band (w, band, &local))
        {
          g_mutex_lock (&w->lock);
          w->error = local;
          g_mutex_unlock (&w->lock);
        }
      g_async_queue_push (w->empty, band);
    }

  return NULL;
}

static gboolean
png_worker_failed (PngWriter *w)
{
  gboolean failed;

  g_mutex_lock (&w->lock);
  failed = w->error != NULL;
  g_mutex_unlock (&w->lock);

  return failed;
}

static void
png_band_free (PngBand *band,
               int      n_tiles)
{
  for (int t = 0; t < n_tiles; t++)
    g_clear_pointer (&band->tiles[t], cairo_surface_destroy);
  g_free (band->tiles);
  g_free (band);
}

static gboolean
png_text_chunk (PngWriter   *w,
                const char  *keyword,
                const char  *text,
                GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  static const guint8 flags[3] = { 0, 0, 0 };  /* uncompressed, no language tag */
  gsize kw_len = strlen (keyword) + 1;
  g_autofree char *latin1 = g_convert (text, -1, "ISO-8859-1", "UTF-8", NULL, NULL, NULL);

  /* tEXt, which every reader shows, when Latin-1 holds the text; iTXt
   * (UTF-8) otherwise. */
  g_byte_array_append (data, (const guint8 *) keyword, kw_len);
  if (latin1 != NULL)
    {
      g_byte_array_append (data, (const guint8 *) latin1, strlen (latin1));
      return png_chunk (w, "tEXt", data->data, data->len, error);
    }
  g_byte_array_append (data, flags, 3);
  g_byte_array_append (data, flags, 1);  /* empty translated keyword */
  g_byte_array_append (data, (const guint8 *) text, strlen (text));

  return png_chunk (w, "iTXt", data->data, data->len, error);
}

/* What slide software and viewers read: the resolution (so a 2× PNG
 * lands at the map's size, not twice it), the colour space, the title and
 * the program that made it. */
static gboolean
write_png_metadata (PngWriter                 *w,
                    TrailLayout               *layout,
                    const TrailExportOptions  *options,
                    GError                   **error)
{
  const char *title = trail_document_get_title (trail_layout_get_document (layout));
  guint8 phys[9];
  guint8 srgb = 0;  /* perceptual */
  guint32 ppm = (guint32) (options->dpi / 0.0254 + 0.5);

  put_be32 (phys, ppm);
  put_be32 (phys + 4, ppm);
  phys[8] = 1;  /* metres */

  if (!png_chunk (w, "sRGB", &srgb, 1, error) ||
      !png_chunk (w, "pHYs", phys, 9, error))
    return FALSE;
  if (title != NULL && title[0] != '\0' && g_utf8_validate (title, -1, NULL) &&
      !png_text_chunk (w, "Title", title, error))
    return FALSE;

  return png_text_chunk (w, "Software", "Trailmap " PACKAGE_VERSION, error);
}

static gboolean
write_png (TrailLayout               *layout,
           const TrailExportOptions  *options,
           GOutputStream             *stream,
           GCancellable              *cancellable,
           GError                   **error)
{
  g_autofree PngWriter *w = g_new0 (PngWriter, 1);
  PngBand *bands[2] = { NULL, NULL };
  GThread *thread = NULL;
  TrailPaintFlags flags = get_paint_flags (options);
  GdkRGBA page;
  gboolean paint_page = flags == TRAIL_PAINT_NO_BACKGROUND && get_page_color (layout, options, &page);
  int width, height, band_h;
  double scale, dx, dy, box_w, box_h;
  guint8 ihdr[13];
  gboolean ok = FALSE;
  GError *local = NULL;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  trail_export_get_png_size (layout, options, &width, &height);
  get_placement (layout, options, 1, &scale, &dx, &dy, &box_w, &box_h);

  if (width < 1 || height < 1 || width > TRAIL_EXPORT_MAX_PNG_SIDE || height > TRAIL_EXPORT_MAX_PNG_SIDE)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_TOO_LARGE,
                   _("A %d × %d pixel picture is too large to write; choose a smaller scale or width"),
                   width, height);
      return FALSE;
    }

  w->stream = stream;
  w->cancellable = cancellable;
  w->width = width;
  w->alpha = options->transparent;
  w->tile_w = MIN (width, PNG_TILE_MAX_WIDTH);
  w->n_tiles = (width + w->tile_w - 1) / w->tile_w;
  band_h = CLAMP (PNG_BAND_BYTES / ((gsize) width * 4), 32, 2048);
  band_h = MIN (band_h, height);
  g_mutex_init (&w->lock);

  /* Level 3: flat colour compresses nearly as well as at 6, much faster. */
  if (deflateInit2 (&w->z, 3, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_FAILED, _("PNG compression failed"));
      g_mutex_clear (&w->lock);
      return FALSE;
    }

  put_be32 (ihdr, width);
  put_be32 (ihdr + 4, height);
  ihdr[8] = 8;                  /* bits per channel */
  ihdr[9] = w->alpha ? 6 : 2;   /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  if (!g_output_stream_write_all (stream, signature, 8, NULL, cancellable, &local) ||
      !png_chunk (w, "IHDR", ihdr, 13, &local) ||
      !write_png_metadata (w, layout, options, &local))
    goto out;

  w->row = g_malloc (1 + (gsize) width * 4);
  w->prev = g_malloc0 ((gsize) width * 4);
  w->full = g_async_queue_new ();
  w->empty = g_async_queue_new ();

  for (int b = 0; b < 2; b++)
    {
      bands[b] = g_new0 (PngBand, 1);
      bands[b]->tiles = g_new0 (cairo_surface_t *, w->n_tiles);
      for (int t = 0; t < w->n_tiles; t++)
        {
          int cols = MIN (w->tile_w, width - t * w->tile_w);

          bands[b]->tiles[t] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cols, band_h);
          if (cairo_surface_status (bands[b]->tiles[t]) != CAIRO_STATUS_SUCCESS)
            {
              check_cairo (cairo_surface_status (bands[b]->tiles[t]), NULL, &local);
              goto out;
            }
        }
      g_async_queue_push (w->empty, bands[b]);
    }

  thread = g_thread_new ("trail-png-encoder", png_encoder_thread, w);

  for (int y0 = 0; y0 < height; y0 += band_h)
    {
      PngBand *band;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local) || png_worker_failed (w))
        break;

      band = g_async_queue_pop (w->empty);
      band->rows = MIN (band_h, height - y0);

      for (int t = 0; t < w->n_tiles; t++)
        {
          cairo_surface_t *surface = band->tiles[t];
          int x0 = t * w->tile_w;
          int cols = cairo_image_surface_get_width (surface);
          g_autoptr(GskRenderNode) node = NULL;
          graphene_rect_t area;
          cairo_t *cr;

          cr = cairo_create (surface);
          /* The page colour covers every pixel unless transparent. */
          if (options->transparent)
            {
              cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
              cairo_paint (cr);
              cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
            }
          else if (paint_page)
            {
              gdk_cairo_set_source_rgba (cr, &page);
              cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
              cairo_paint (cr);
              cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
            }
          cairo_translate (cr, dx - x0, dy - y0);
          cairo_scale (cr, scale, scale);

          area = GRAPHENE_RECT_INIT ((x0 - dx) / scale - 2, (y0 - dy) / scale - 2,
                                     cols / scale + 4, band->rows / scale + 4);
          node = trail_painter_render_map (layout, &area, flags);
          if (node != NULL)
            gsk_render_node_draw (node, cr);
          cairo_destroy (cr);
        }

      g_async_queue_push (w->full, band);
    }

  g_async_queue_push (w->full, w);
  g_thread_join (thread);
  thread = NULL;

  if (local != NULL)
    goto out;
  if (w->error != NULL)
    {
      local = g_steal_pointer (&w->error);
      goto out;
    }

  if (!png_deflate (w, NULL, 0, Z_FINISH, &local) ||
      !png_chunk (w, "IEND", NULL, 0, &local))
    goto out;

  ok = TRUE;

out:
  if (thread != NULL)
    {
      g_async_queue_push (w->full, w);
      g_thread_join (thread);
    }
  deflateEnd (&w->z);
  for (int b = 0; b < 2; b++)
    if (bands[b] != NULL)
      png_band_free (bands[b], w->n_tiles);
  g_clear_pointer (&w->full, g_async_queue_unref);
  g_clear_pointer (&w->empty, g_async_queue_unref);
  g_clear_pointer (&w->row, g_free);
  g_clear_pointer (&w->prev, g_free);
  g_clear_error (&w->error);
  g_mutex_clear (&w->lock);
  if (local != NULL)
    g_propagate_error (error, local);

  return ok;
}

/* ---- PDF -------------------------------------------------------------- */

static void get_paper_size (TrailPaper        paper,
                            TrailOrientation  orientation,
                            double           *w,
                            double           *h);

/* The page's size and where the map goes on it. */
static void
get_pdf_page (TrailLayout              *layout,
              const TrailExportOptions *options,
              double                   *page_w,
              double                   *page_h,
              double                   *scale,
              double                   *dx,
              double                   *dy)
{
  double w = trail_layout_get_width (layout);
  double h = trail_layout_get_height (layout);

  *dx = *dy = 0;
  if (options->paper == TRAIL_PAPER_NONE && options->fit_width > 0)
    get_placement (layout, options, PT_PER_PX, scale, dx, dy, page_w, page_h);
  else if (options->paper == TRAIL_PAPER_NONE)
    {
      *scale = PT_PER_PX;
      if (MAX (w, h) * *scale > PDF_MAX_PT)
        *scale = PDF_MAX_PT / MAX (w, h);
      *page_w = w * *scale;
      *page_h = h * *scale;
    }
  else
    {
      gboolean landscape;

      *page_w = papers[0].width;
      *page_h = papers[0].height;
      for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
        if (papers[i].paper == options->paper)
          {
            *page_w = papers[i].width;
            *page_h = papers[i].height;
          }

      landscape = options->orientation == TRAIL_ORIENTATION_LANDSCAPE ||
                  (options->orientation == TRAIL_ORIENTATION_AUTO && w > h);
      if (landscape)
        {
          double t = *page_w;
          *page_w = *page_h;
          *page_h = t;
        }

      *scale = MIN ((*page_w - 2 * PDF_MARGIN_PT) / w, (*page_h - 2 * PDF_MARGIN_PT) / h);
      *dx = (*page_w - w * *scale) / 2;
      *dy = (*page_h - h * *scale) / 2;
    }
}

gboolean
trail_export_layouts_to_pdf (TrailLayout              **layouts,
                             const TrailExportOptions  *options,
                             guint                      n_pages,
                             GOutputStream             *stream,
                             GCancellable              *cancellable,
                             GError                   **error)
{
  StreamClosure sc = { stream, cancellable, NULL };
  TrailDocument *document;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  const char *title;

  g_return_val_if_fail (n_pages > 0, FALSE);

  ensure_gsk_types ();
  for (guint i = 0; i < n_pages; i++)
    if (!check_options (&options[i], error))
      return FALSE;

  document = trail_layout_get_document (layouts[0]);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sc, 100, 100);
  title = trail_document_get_title (document);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trailmap " PACKAGE_VERSION);

  for (guint i = 0; i < n_pages && status == CAIRO_STATUS_SUCCESS; i++)
    {
      g_autoptr(GskRenderNode) node = NULL;
      double page_w, page_h, scale, dx, dy;
      GdkRGBA page;
      cairo_t *cr;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      get_pdf_page (layouts[i], &options[i], &page_w, &page_h, &scale, &dx, &dy);
      cairo_pdf_surface_set_size (surface, page_w, page_h);

      cr = cairo_create (surface);
      if (get_paint_flags (&options[i]) == TRAIL_PAINT_NO_BACKGROUND &&
          get_page_color (layouts[i], &options[i], &page))
        {
          gdk_cairo_set_source_rgba (cr, &page);
          cairo_paint (cr);
        }
      cairo_translate (cr, dx, dy);
      cairo_scale (cr, scale, scale);
      node = trail_painter_render_map (layouts[i], NULL, get_paint_flags (&options[i]) | TRAIL_PAINT_TEXT_AS_CAIRO);
      if (node != NULL)
        gsk_render_node_draw (node, cr);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
    }

  /* What the team does about the map follows it, on paper of the map's
   * size when it has one (issue 18: actions out of insights). */
  if (status == CAIRO_STATUS_SUCCESS && !g_cancellable_is_cancelled (cancellable) &&
      g_list_model_get_n_items (trail_document_get_actions (document)) > 0)
    {
      double page_w = TRAIL_ACTIONS_PAGE_WIDTH, page_h = TRAIL_ACTIONS_PAGE_HEIGHT;

      if (options[0].paper != TRAIL_PAPER_NONE)
        get_paper_size (options[0].paper, TRAIL_ORIENTATION_LANDSCAPE, &page_w, &page_h);
      cairo_pdf_surface_set_size (surface, page_w, page_h);
      trail_actions_page_draw (document, surface, page_w, page_h,
                               trail_layout_get_style (layouts[0])->font_family);
      status = cairo_surface_status (surface);
    }

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return check_cairo (status, &sc, error);
}

double
trail_export_get_card_text_pt (TrailLayout              *layout,
                               const TrailExportOptions *options)
{
  const PangoFontDescription *font = trail_style_get_font (trail_layout_get_style (layout), TRAIL_FONT_CARD_TEXT);
  double px = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  double page_w, page_h, scale, dx, dy;

  if (!pango_font_description_get_size_is_absolute (font))
    px *= 96.0 / 72.0;
  get_pdf_page (layout, options, &page_w, &page_h, &scale, &dx, &dy);

  return px * scale;
}

/* ---- Posters -------------------------------------------------------------- */

static void
get_paper_size (TrailPaper        paper,
                TrailOrientation  orientation,
                double           *w,
                double           *h)
{
  *w = papers[0].width;
  *h = papers[0].height;
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (papers[i].paper == paper)
      {
        *w = papers[i].width;
        *h = papers[i].height;
      }
  if (orientation == TRAIL_ORIENTATION_LANDSCAPE)
    {
      double t = *w;
      *w = *h;
      *h = t;
    }
}

/* Points per map pixel, the sheet's printable box, and the step from one
 * sheet to the next (the box less the overlap), in points. */
static void
get_poster_geometry (const TrailExportOptions *options,
                     double                   *scale,
                     double                   *page_w,
                     double                   *page_h,
                     double                   *box_w,
                     double                   *box_h)
{
  *scale = PT_PER_PX * (options->scale > 0 ? options->scale : 1.0);
  get_paper_size (options->poster, options->orientation, page_w, page_h);
  *box_w = *page_w - 2 * PDF_MARGIN_PT;
  *box_h = *page_h - 2 * PDF_MARGIN_PT;
}

static int
count_tiles (double length,
             double box)
{
  double step = box - POSTER_OVERLAP_PT;

  if (length <= box)
    return 1;
  return (int) ceil ((length - POSTER_OVERLAP_PT) / step - 1e-9);
}

void
trail_export_get_poster_tiles (TrailLayout              *layout,
                               const TrailExportOptions *options,
                               int                      *columns,
                               int                      *rows)
{
  double scale, page_w, page_h, box_w, box_h;

  get_poster_geometry (options, &scale, &page_w, &page_h, &box_w, &box_h);
  *columns = count_tiles (trail_layout_get_width (layout) * scale, box_w);
  *rows = count_tiles (trail_layout_get_height (layout) * scale, box_h);
}

void
trail_export_get_poster_tile_area (TrailLayout              *layout,
                                   const TrailExportOptions *options,
                                   int                       column,
                                   int                       row,
                                   graphene_rect_t          *area)
{
  double scale, page_w, page_h, box_w, box_h;

  get_poster_geometry (options, &scale, &page_w, &page_h, &box_w, &box_h);
  *area = GRAPHENE_RECT_INIT (column * (box_w - POSTER_OVERLAP_PT) / scale,
                              row * (box_h - POSTER_OVERLAP_PT) / scale,
                              box_w / scale, box_h / scale);
}

/* Marks at the box's corners, outside it, to cut along; and where the
 * sheet goes, in the margin. */
static void
draw_crop_marks (cairo_t    *cr,
                 double      x,
                 double      y,
                 double      w,
                 double      h,
                 int         column,
                 int         row,
                 int         columns,
                 int         rows)
{
  const double corners[4][2] = { { x, y }, { x + w, y }, { x, y + h }, { x + w, y + h } };
  g_autofree char *label = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      double cx = corners[i][0], cy = corners[i][1];
      double sx = i % 2 == 0 ? -1 : 1, sy = i < 2 ? -1 : 1;

      cairo_move_to (cr, cx + sx * CROP_GAP_PT, cy);
      cairo_line_to (cr, cx + sx * (CROP_GAP_PT + CROP_MARK_PT), cy);
      cairo_move_to (cr, cx, cy + sy * CROP_GAP_PT);
      cairo_line_to (cr, cx, cy + sy * (CROP_GAP_PT + CROP_MARK_PT));
    }
  cairo_stroke (cr);

  /* Translators: where a poster sheet goes, e.g. "Row 1 of 2, column 3 of 4" */
  label = g_strdup_printf (_("Row %d of %d, column %d of %d"), row + 1, rows, column + 1, columns);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 7);
  cairo_move_to (cr, x + CROP_GAP_PT + CROP_MARK_PT + 4, y - CROP_GAP_PT - 2);
  cairo_show_text (cr, label);
  cairo_restore (cr);
}

/* The sheets of a poster, printed or exported, each show a part of the
 * same map, and no sheet may share a source surface with another.
 * cairo's PDF surface writes a source surface (a recording, such as the
 * one behind every cairo node of the map) once, keyed by its id, holding
 * only the part that its first use needed; later pages reuse that
 * object. So a node drawn onto every sheet lost its cairo nodes' content
 * beyond the first sheet (cairo 1.16 and 1.18: the emotion points of the
 * second column on), and with cairo 1.18 one recording of the whole map
 * painted onto every sheet left all later sheets blank past the first
 * sheet's part. Every part gets a map of its own: new nodes, recorded
 * unbounded and painted once. */
void
trail_export_draw_map_part (TrailLayout     *layout,
                            TrailPaintFlags  flags,
                            cairo_t         *cr)
{
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *map;
  cairo_t *rc;

  g_return_if_fail (TRAIL_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);

  node = trail_painter_render_map (layout, NULL, flags);
  if (node == NULL)
    return;

  map = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  rc = cairo_create (map);
  gsk_render_node_draw (node, rc);
  cairo_destroy (rc);

  cairo_save (cr);
  cairo_set_source_surface (cr, map, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (map);
}

static gboolean
write_poster (TrailLayout               *layout,
              const TrailExportOptions  *options,
              GOutputStream             *stream,
              GCancellable              *cancellable,
              GError                   **error)
{
  StreamClosure sc = { stream, cancellable, NULL };
  double scale, page_w, page_h, box_w, box_h;
  int columns, rows;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  const char *title = trail_document_get_title (trail_layout_get_document (layout));
  GdkRGBA page;
  gboolean paint_page;

  get_poster_geometry (options, &scale, &page_w, &page_h, &box_w, &box_h);
  trail_export_get_poster_tiles (layout, options, &columns, &rows);
  if ((gint64) columns * rows > 1000)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_TOO_LARGE,
                   _("The poster would take %d × %d sheets; choose a smaller scale or larger paper"), columns, rows);
      return FALSE;
    }

  paint_page = get_page_color (layout, options, &page);

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sc, page_w, page_h);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trailmap " PACKAGE_VERSION);

  for (int row = 0; row < rows && status == CAIRO_STATUS_SUCCESS; row++)
    for (int column = 0; column < columns && status == CAIRO_STATUS_SUCCESS; column++)
      {
        graphene_rect_t area;
        cairo_t *cr;

        if (g_cancellable_is_cancelled (cancellable))
          break;

        trail_export_get_poster_tile_area (layout, options, column, row, &area);
        cr = cairo_create (surface);
        cairo_save (cr);
        cairo_rectangle (cr, PDF_MARGIN_PT, PDF_MARGIN_PT, box_w, box_h);
        cairo_clip (cr);
        if (paint_page)
          {
            /* The page colour up to the map's edge, not beyond it. */
            cairo_rectangle (cr, PDF_MARGIN_PT - area.origin.x * scale, PDF_MARGIN_PT - area.origin.y * scale,
                             trail_layout_get_width (layout) * scale, trail_layout_get_height (layout) * scale);
            gdk_cairo_set_source_rgba (cr, &page);
            cairo_fill (cr);
          }
        cairo_translate (cr, PDF_MARGIN_PT, PDF_MARGIN_PT);
        cairo_scale (cr, scale, scale);
        cairo_translate (cr, -area.origin.x, -area.origin.y);
        trail_export_draw_map_part (layout, TRAIL_PAINT_NO_BACKGROUND | TRAIL_PAINT_TEXT_AS_CAIRO, cr);
        cairo_restore (cr);

        draw_crop_marks (cr, PDF_MARGIN_PT, PDF_MARGIN_PT, box_w, box_h, column, row, columns, rows);
        cairo_show_page (cr);
        status = cairo_status (cr);
        cairo_destroy (cr);
      }

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return check_cairo (status, &sc, error);
}

static gboolean
write_pdf (TrailLayout               *layout,
           const TrailExportOptions  *options,
           GOutputStream             *stream,
           GCancellable              *cancellable,
           GError                   **error)
{
  if (options->poster != TRAIL_PAPER_NONE)
    return write_poster (layout, options, stream, cancellable, error);

  return trail_export_layouts_to_pdf (&layout, options, 1, stream, cancellable, error);
}

/* ---- Public ----------------------------------------------------------- */

static gboolean
check_options (const TrailExportOptions  *options,
               GError                   **error)
{
  if (options->format == TRAIL_EXPORT_PNG && options->width <= 0 && options->height <= 0 && options->fit_width <= 0 &&
      !(options->scale > 0 && options->scale <= 64 && isfinite (options->scale)))
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("The scale must be a number above 0 and at most 64"));
      return FALSE;
    }
  if (!(options->dpi > 0 && options->dpi <= 100000) || options->margin < 0 ||
      options->fit_width < 0 || options->fit_height < 0 ||
      (options->fit_width > 0 && 2 * options->margin >= MIN (options->fit_width, options->fit_height)))
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("The resolution, box or margin is out of range (the margins must leave room for the map)"));
      return FALSE;
    }
  if (options->height < 0 || options->height > TRAIL_EXPORT_MAX_PNG_SIDE ||
      options->fit_width > TRAIL_EXPORT_MAX_PNG_SIDE || options->fit_height > TRAIL_EXPORT_MAX_PNG_SIDE)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("The height and box must be between 1 and %d pixels"), TRAIL_EXPORT_MAX_PNG_SIDE);
      return FALSE;
    }
  if (options->width < 0 || options->width > TRAIL_EXPORT_MAX_PNG_SIDE)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("The width must be between 1 and %d pixels"), TRAIL_EXPORT_MAX_PNG_SIDE);
      return FALSE;
    }

  return TRUE;
}

/* The formats that are text from the document. */
static gboolean
write_text (TrailDocument             *document,
            const TrailExportOptions  *options,
            GOutputStream             *stream,
            GCancellable              *cancellable,
            GError                   **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;

  switch (options->format)
    {
    case TRAIL_EXPORT_MARKDOWN:
      text = trail_markdown_save (document);
      break;
    case TRAIL_EXPORT_CSV:
      text = trail_map_csv_save (document, options->byte_order_mark, &len);
      break;
    case TRAIL_EXPORT_ACTIONS:
      {
        g_autoptr(GBytes) csv = trail_document_actions_to_csv (document);
        static const char bom[] = "\xef\xbb\xbf";

        if (options->byte_order_mark &&
            !g_output_stream_write_all (stream, bom, 3, NULL, cancellable, error))
          return FALSE;
        return g_output_stream_write_all (stream, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                          NULL, cancellable, error);
      }
    case TRAIL_EXPORT_MERMAID:
      text = trail_mermaid_save (document, options->warnings);
      break;
    case TRAIL_EXPORT_TRAILMAP:
      /* A map converted from another format is saved under the same
       * limits as any other. */
      bytes = trail_document_serialize (document);
      if (!trail_document_check_serialized (bytes, error))
        return FALSE;
      return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        NULL, cancellable, error);
    case TRAIL_EXPORT_PNG:
    case TRAIL_EXPORT_SVG:
    case TRAIL_EXPORT_PDF:
    case TRAIL_EXPORT_HTML:
    default:
      g_assert_not_reached ();
    }
  if (len == 0)
    len = strlen (text);

  return g_output_stream_write_all (stream, text, len, NULL, cancellable, error);
}

gboolean
trail_export_layout_to_stream (TrailLayout               *layout,
                               const TrailExportOptions  *options,
                               GOutputStream             *stream,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  ensure_gsk_types ();

  if (!check_options (options, error))
    return FALSE;

  switch (options->format)
    {
    case TRAIL_EXPORT_PNG:
      return write_png (layout, options, stream, cancellable, error);
    case TRAIL_EXPORT_PDF:
      return write_pdf (layout, options, stream, cancellable, error);
    case TRAIL_EXPORT_HTML:
      return trail_html_write (layout,
                               (options->transparent ? TRAIL_SVG_TRANSPARENT : 0) | TRAIL_SVG_EMBED_FONTS,
                               options->has_background ? &options->background : NULL,
                               stream, cancellable, error);
    case TRAIL_EXPORT_MARKDOWN:
    case TRAIL_EXPORT_CSV:
    case TRAIL_EXPORT_MERMAID:
    case TRAIL_EXPORT_TRAILMAP:
    case TRAIL_EXPORT_ACTIONS:
      return write_text (trail_layout_get_document (layout), options, stream, cancellable, error);
    case TRAIL_EXPORT_SVG:
      return trail_svg_write (layout,
                              (options->transparent ? TRAIL_SVG_TRANSPARENT : 0) |
                              (options->text_to_path ? TRAIL_SVG_TEXT_TO_PATH : 0) |
                              (options->embed_fonts ? TRAIL_SVG_EMBED_FONTS : 0),
                              options->has_background ? &options->background : NULL,
                              stream, cancellable, error);
    default:
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("Unknown export format"));
      return FALSE;
    }
}

gboolean
trail_export_to_file (TrailDocument             *document,
                      const TrailExportOptions  *options,
                      GFile                     *file,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(TrailFileWriter) writer = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!check_options (options, error))
    return FALSE;

  layout = trail_export_make_layout (document, options, error);
  if (layout == NULL)
    return FALSE;

  /* Written like a map: a failed export (a full disk) leaves the old file
   * whole, and a link stays a link. */
  writer = trail_file_writer_open (file, NULL, G_FILE_CREATE_NONE, 256 * 1024, cancellable, error);
  if (writer == NULL)
    return FALSE;

  return trail_export_layout_to_stream (layout, options, trail_file_writer_get_stream (writer),
                                        cancellable, error) &&
         trail_file_writer_commit (writer, NULL, cancellable, error);
}

GBytes *
trail_export_to_bytes (TrailDocument             *document,
                       const TrailExportOptions  *options,
                       GError                   **error)
{
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GOutputStream) out = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  layout = trail_export_make_layout (document, options, error);
  if (layout == NULL)
    return NULL;

  out = g_memory_output_stream_new_resizable ();
  if (!trail_export_layout_to_stream (layout, options, out, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

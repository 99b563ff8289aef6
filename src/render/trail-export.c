/* trail-export.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "trail-export.h"
#include "trail-file-writer.h"
#include "trail-painter.h"
#include "trail-svg-writer.h"

G_DEFINE_QUARK (trail-export-error-quark, trail_export_error)

/* Pixels to points at CSS's 96 pixels per inch. */
#define PT_PER_PX 0.75
/* Acrobat's largest page side; bigger maps are scaled down to fit. */
#define PDF_MAX_PT 14400.0
/* Paper margins. */
#define PDF_MARGIN_PT 28.0

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
  layout = trail_layout_new (document, style);
  if (filter.stage_ids != NULL || filter.lane_ids != NULL || filter.persona_ids != NULL)
    trail_layout_set_filter (layout, &filter);
  trail_layout_filter_clear (&filter);

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

/* ---- PNG -------------------------------------------------------------- */

void
trail_export_get_png_size (TrailLayout              *layout,
                           const TrailExportOptions *options,
                           int                      *width,
                           int                      *height)
{
  double w = trail_layout_get_width (layout);
  double h = trail_layout_get_height (layout);
  double scale = options->width > 0 ? options->width / w : options->scale;

  if (width != NULL)
    *width = options->width > 0 ? options->width : (int) ceil (w * scale - 1e-6);
  if (height != NULL)
    *height = (int) ceil (h * scale - 1e-6);
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
write_png (TrailLayout               *layout,
           const TrailExportOptions  *options,
           GOutputStream             *stream,
           GCancellable              *cancellable,
           GError                   **error)
{
  g_autofree PngWriter *w = g_new0 (PngWriter, 1);
  PngBand *bands[2] = { NULL, NULL };
  GThread *thread = NULL;
  TrailPaintFlags flags = options->transparent ? TRAIL_PAINT_NO_BACKGROUND : TRAIL_PAINT_DEFAULT;
  int width, height, band_h;
  double scale;
  guint8 ihdr[13];
  gboolean ok = FALSE;
  GError *local = NULL;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  trail_export_get_png_size (layout, options, &width, &height);
  scale = (double) width / trail_layout_get_width (layout);

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
      !png_chunk (w, "IHDR", ihdr, 13, &local))
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
          cairo_translate (cr, -x0, -y0);
          cairo_scale (cr, scale, scale);

          area = GRAPHENE_RECT_INIT (x0 / scale - 2, y0 / scale - 2, cols / scale + 4, band->rows / scale + 4);
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

static gboolean
write_pdf (TrailLayout               *layout,
           const TrailExportOptions  *options,
           GOutputStream             *stream,
           GCancellable              *cancellable,
           GError                   **error)
{
  StreamClosure sc = { stream, cancellable, NULL };
  g_autoptr(GskRenderNode) node = NULL;
  TrailDocument *document = trail_layout_get_document (layout);
  double w = trail_layout_get_width (layout);
  double h = trail_layout_get_height (layout);
  double page_w, page_h, scale, dx = 0, dy = 0;
  cairo_surface_t *surface;
  cairo_status_t status;
  const char *title;
  cairo_t *cr;

  if (options->paper == TRAIL_PAPER_NONE)
    {
      scale = PT_PER_PX;
      if (MAX (w, h) * scale > PDF_MAX_PT)
        scale = PDF_MAX_PT / MAX (w, h);
      page_w = w * scale;
      page_h = h * scale;
    }
  else
    {
      gboolean landscape;

      page_w = papers[0].width;
      page_h = papers[0].height;
      for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
        if (papers[i].paper == options->paper)
          {
            page_w = papers[i].width;
            page_h = papers[i].height;
          }

      landscape = options->orientation == TRAIL_ORIENTATION_LANDSCAPE ||
                  (options->orientation == TRAIL_ORIENTATION_AUTO && w > h);
      if (landscape)
        {
          double t = page_w;
          page_w = page_h;
          page_h = t;
        }

      scale = MIN ((page_w - 2 * PDF_MARGIN_PT) / w, (page_h - 2 * PDF_MARGIN_PT) / h);
      dx = (page_w - w * scale) / 2;
      dy = (page_h - h * scale) / 2;
    }

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sc, page_w, page_h);
  title = trail_document_get_title (document);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trailmap " PACKAGE_VERSION);

  cr = cairo_create (surface);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  node = trail_painter_render_map (layout, NULL, options->transparent ? TRAIL_PAINT_NO_BACKGROUND : TRAIL_PAINT_DEFAULT);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_cairo (status, &sc, error);
}

/* ---- SVG with text as paths (cairo) ------------------------------------ */

static gboolean
write_svg_paths (TrailLayout               *layout,
                 const TrailExportOptions  *options,
                 GOutputStream             *stream,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  StreamClosure sc = { stream, cancellable, NULL };
  g_autoptr(GskRenderNode) node = NULL;
  double w = trail_layout_get_width (layout);
  double h = trail_layout_get_height (layout);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (write_to_stream, &sc, w, h);
  /* cairo 1.16 writes points unless told otherwise. */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);

  cr = cairo_create (surface);
  node = trail_painter_render_map (layout, NULL, options->transparent ? TRAIL_PAINT_NO_BACKGROUND : TRAIL_PAINT_DEFAULT);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_cairo (status, &sc, error);
}

/* ---- Public ----------------------------------------------------------- */

static gboolean
check_options (const TrailExportOptions  *options,
               GError                   **error)
{
  if (options->format == TRAIL_EXPORT_PNG && options->width <= 0 &&
      !(options->scale > 0 && options->scale <= 64 && isfinite (options->scale)))
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("The scale must be a number above 0 and at most 64"));
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
    case TRAIL_EXPORT_SVG:
      if (options->text_to_path)
        return write_svg_paths (layout, options, stream, cancellable, error);
      return trail_svg_write (layout, options->transparent, stream, cancellable, error);
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

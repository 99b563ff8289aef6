/* trail-export.h — a map as PNG, SVG or PDF, with no display
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk/gdk.h>

#include "trail-layout.h"
#include "trail-painter.h"
#include "trail-style.h"

G_BEGIN_DECLS

#define TRAIL_EXPORT_ERROR (trail_export_error_quark())

typedef enum
{
  TRAIL_EXPORT_ERROR_INVALID_OPTION, /* a bad scale, width, type or paper */
  TRAIL_EXPORT_ERROR_UNKNOWN_NAME,   /* --export-stages names no stage, … */
  TRAIL_EXPORT_ERROR_TOO_LARGE,      /* the picture would not fit in memory or the format */
  TRAIL_EXPORT_ERROR_FAILED,         /* cairo or an encoder refused */
} TrailExportError;

typedef enum
{
  TRAIL_EXPORT_PNG,
  TRAIL_EXPORT_SVG,
  TRAIL_EXPORT_PDF,
  TRAIL_EXPORT_HTML,      /* one interactive page (trail-html.h) */
  TRAIL_EXPORT_MARKDOWN,  /* an outline (trail-markdown.h) */
  TRAIL_EXPORT_CSV,       /* one row per card (trail-map-csv.h) */
  TRAIL_EXPORT_MERMAID,   /* a Mermaid journey (trail-mermaid.h) */
  TRAIL_EXPORT_TRAILMAP,  /* the map itself: converts a .mmd or .csv */
  TRAIL_EXPORT_ACTIONS,   /* the map's actions as CSV (trail-action.h); type "actions", file .csv */
} TrailExportFormat;

/* The formats written from the document as text, not drawn from the
 * layout: their subsets, sizes and colours do not apply. */
#define TRAIL_EXPORT_FORMAT_IS_TEXT(f) ((f) >= TRAIL_EXPORT_MARKDOWN)

typedef enum
{
  TRAIL_PAPER_NONE,    /* one page the size of the map */
  TRAIL_PAPER_A5,
  TRAIL_PAPER_A4,
  TRAIL_PAPER_A3,
  TRAIL_PAPER_A2,
  TRAIL_PAPER_A1,
  TRAIL_PAPER_A0,
  TRAIL_PAPER_LETTER,
  TRAIL_PAPER_LEGAL,
  TRAIL_PAPER_TABLOID,
} TrailPaper;

typedef enum
{
  TRAIL_ORIENTATION_AUTO,  /* landscape when the map is wider than tall */
  TRAIL_ORIENTATION_PORTRAIT,
  TRAIL_ORIENTATION_LANDSCAPE,
} TrailOrientation;

typedef enum /*< flags >*/
{
  TRAIL_EXPORT_OMIT_NONE     = 0,
  TRAIL_EXPORT_OMIT_HEADER   = 1 << 0, /* title, objective, scope */
  TRAIL_EXPORT_OMIT_PERSONAS = 1 << 1, /* the persona cards (their lines stay) */
  TRAIL_EXPORT_OMIT_LEGEND   = 1 << 2,
} TrailExportOmit;

typedef struct
{
  TrailExportFormat  format;
  double             scale;         /* PNG: pixels per map pixel (1, 2, 3…) */
  int                width;         /* PNG: output width in pixels (height follows); 0: from scale */
  int                height;        /* PNG: output height in pixels (width follows); 0: from scale */
  double             dpi;           /* PNG: resolution recorded in the file (pHYs); 96 by default */
  /* PNG, PDF: a picture of exactly fit_width × fit_height pixels (PDF:
   * points at 96 dpi), the map centred in it inside @margin; 0: no box. */
  int                fit_width;
  int                fit_height;
  double             margin;        /* with a fit box: pixels kept clear at each edge */
  gboolean           has_background;
  GdkRGBA            background;    /* with has_background: the page's colour instead of the style's */
  TrailExportOmit    omit;
  gboolean           for_dark;
  gboolean           show_votes;    /* revealed dot-vote results on the cards (count, heat colour) */
  /* PDF: a poster on sheets of this paper (in options->orientation), at
   * the map's size times @scale, the sheets overlapping, with crop marks. */
  TrailPaper         poster;      /* text on the page light, for a transparent picture on a dark slide */
  gboolean           transparent;   /* PNG, SVG: no page background */
  TrailStyleVariant  style;
  TrailPaper         paper;         /* PDF */
  TrailOrientation   orientation;   /* PDF on paper */
  gboolean           text_to_path;  /* SVG: glyph outlines instead of editable <text> */
  gboolean           embed_fonts;   /* SVG with editable text: subsets of its fonts as @font-face (default) */
  /* Subsets by id or name (names compare case-insensitively); NULL shows all. */
  char             **stages;
  char             **lanes;
  char             **personas;
  gboolean           byte_order_mark; /* CSV: starts with one, for Excel */
  /* Text exports: notes for the user that are not errors (what Mermaid
   * cannot hold), as strings; NULL to drop them. Not owned. */
  GPtrArray         *warnings;
} TrailExportOptions;

/* Largest PNG side we write, in pixels: far beyond any poster, well within
 * what PNG readers accept. */
#define TRAIL_EXPORT_MAX_PNG_SIDE 100000

GQuark       trail_export_error_quark          (void);

/* Defaults: PNG, scale 1, 96 dpi, light, opaque, no paper, fonts embedded
 * in SVG, everything shown. */
void         trail_export_options_init         (TrailExportOptions        *options);

gboolean     trail_export_format_from_string   (const char                *name,
                                                TrailExportFormat         *format);
/* From the file name's extension (".png", ".svg", ".pdf", ".html",
 * ".md", ".csv", ".mmd", ".trailmap"…; any case). */
gboolean     trail_export_format_from_filename (const char                *filename,
                                                TrailExportFormat         *format);
const char  *trail_export_format_to_extension  (TrailExportFormat          format);
/* "a4", "A3", "letter", with an optional "-landscape"/"-portrait". */
gboolean     trail_export_paper_from_string    (const char                *name,
                                                TrailPaper                *paper,
                                                TrailOrientation          *orientation);

/* Names or ids in @options → a filter of ids. Unknown names are an error
 * naming them. @filter's arrays are newly allocated (free with
 * trail_layout_filter_clear()). */
gboolean     trail_export_resolve_filter       (TrailDocument             *document,
                                                const TrailExportOptions  *options,
                                                TrailLayoutFilter         *filter,
                                                GError                   **error);
void         trail_layout_filter_clear         (TrailLayoutFilter         *filter);

/* The layout an export of @document with @options draws. */
TrailLayout *trail_export_make_layout          (TrailDocument             *document,
                                                const TrailExportOptions  *options,
                                                GError                   **error);

/* The PNG's size in pixels for @layout. */
void         trail_export_get_png_size         (TrailLayout               *layout,
                                                const TrailExportOptions  *options,
                                                int                       *width,
                                                int                       *height);

/* Write @layout to @stream in options->format. */
gboolean     trail_export_layout_to_stream     (TrailLayout               *layout,
                                                const TrailExportOptions  *options,
                                                GOutputStream             *stream,
                                                GCancellable              *cancellable,
                                                GError                   **error);

/* How tall card text prints in a PDF with @options, in points: under
 * TRAIL_EXPORT_MIN_PRINT_PT it is hard to read on paper. */
#define TRAIL_EXPORT_MIN_PRINT_PT 6.0
double       trail_export_get_card_text_pt     (TrailLayout               *layout,
                                                const TrailExportOptions  *options);

/* A poster's sheets: columns and rows, and the map's region on each
 * sheet (map pixels), the overlap included. */
void         trail_export_get_poster_tiles     (TrailLayout               *layout,
                                                const TrailExportOptions  *options,
                                                int                       *columns,
                                                int                       *rows);
void         trail_export_get_poster_tile_area (TrailLayout               *layout,
                                                const TrailExportOptions  *options,
                                                int                        column,
                                                int                        row,
                                                graphene_rect_t           *area);

/* Draws the whole map onto @cr for one of several pages that each show a
 * part of it (a poster's sheets, printed or exported): @cr's clip and
 * transform choose the part. Every call draws from new nodes, so no
 * page's PDF shares a recording with another's (see trail-export.c). */
void         trail_export_draw_map_part        (TrailLayout               *layout,
                                                TrailPaintFlags            flags,
                                                cairo_t                   *cr);

/* Several layouts as the pages of one PDF, each with its own options. */
gboolean     trail_export_layouts_to_pdf       (TrailLayout              **layouts,
                                                const TrailExportOptions  *options,
                                                guint                      n_pages,
                                                GOutputStream             *stream,
                                                GCancellable              *cancellable,
                                                GError                   **error);

/* Export to a file, atomically: the file is replaced only once the whole
 * export has been written (g_file_replace). */
gboolean     trail_export_to_file              (TrailDocument             *document,
                                                const TrailExportOptions  *options,
                                                GFile                     *file,
                                                GCancellable              *cancellable,
                                                GError                   **error);
GBytes      *trail_export_to_bytes             (TrailDocument             *document,
                                                const TrailExportOptions  *options,
                                                GError                   **error);

G_END_DECLS

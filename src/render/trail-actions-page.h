/* trail-actions-page.h — a map's actions as a printed table
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "trail-model.h"

G_BEGIN_DECLS

/* A4 landscape, in points: the table's page when the map's own pages
 * have no paper size (a map-sized page may be far too large or small to
 * read a table on). */
#define TRAIL_ACTIONS_PAGE_WIDTH  841.89
#define TRAIL_ACTIONS_PAGE_HEIGHT 595.28

/* Draws @document's actions (title, status, owner, due date, the texts
 * of the cards they address, KPI, target and metric) as a table with a
 * heading onto @surface, a PDF surface, on as many pages of @page_w ×
 * @page_h points as it takes (the header row repeated on each), ending
 * each with cairo_show_page(). Text is laid out with Pango in
 * @font_family, so it stays extractable. Draws nothing for a map
 * without actions. Returns the number of pages drawn. */
guint trail_actions_page_draw (TrailDocument   *document,
                               cairo_surface_t *surface,
                               double           page_w,
                               double           page_h,
                               const char      *font_family);

G_END_DECLS

/* trail-slides.h — a map as a deck: one slide per group of stages
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-export.h"

G_BEGIN_DECLS

/* Card text must be at least this tall on a slide, in slide pixels. */
#define TRAIL_SLIDE_MIN_TEXT_PX 18.0

typedef struct
{
  char   **stage_ids;
  char   **lane_ids;
  double   card_text_px;   /* the card text's height on this slide */
} TrailSlide;

void       trail_slide_free              (TrailSlide               *slide);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailSlide, trail_slide_free)

/* Splits @document (with @options' subsets) into slides of
 * options->fit_width × fit_height (1920×1080 when unset): as many stages
 * per slide as fit with card text at least TRAIL_SLIDE_MIN_TEXT_PX tall,
 * and, when the rows do not fit, the lanes over several slides. Returns
 * an array of TrailSlide. */
GPtrArray *trail_slides_plan             (TrailDocument            *document,
                                          const TrailExportOptions *options,
                                          GError                  **error);

/* @options for one slide: its subset, the slide's box, the header,
 * personas and legend left out. Free with trail_slide_options_clear(). */
void       trail_slide_get_options       (const TrailSlide         *slide,
                                          const TrailExportOptions *options,
                                          TrailExportOptions       *slide_options);
void       trail_slide_options_clear     (TrailExportOptions       *slide_options);

/* Every slide as one page of a PDF. */
gboolean   trail_slides_write_pdf        (TrailDocument            *document,
                                          const TrailExportOptions *options,
                                          GPtrArray                *slides,
                                          GOutputStream            *stream,
                                          GCancellable             *cancellable,
                                          GError                  **error);

G_END_DECLS

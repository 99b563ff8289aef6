/* trail-palette.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"
#include "trail-palette-item.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_PALETTE (trail_palette_get_type())

G_DECLARE_FINAL_TYPE (TrailPalette, trail_palette, TRAIL, PALETTE, GtkWidget)

/* The side panel to drag new stages, lanes, cards and personas from.
 * Signals: item-activated (TrailPaletteItem*) when a row is activated with
 * the keyboard or a click, for adding it without a drag. A persona's
 * check follows the selection's active persona: the persona whose emotion
 * line a click in an emotions lane edits. */
GtkWidget     *trail_palette_new                (void);
void           trail_palette_set_document       (TrailPalette  *self,
                                                 TrailDocument *document);
void           trail_palette_set_selection      (TrailPalette   *self,
                                                 TrailSelection *selection);

G_END_DECLS

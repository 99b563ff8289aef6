/* trail-persona-view.h — one or a few personas' emotion lines, drawn alone
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-layout.h"

G_BEGIN_DECLS

/* Draws again, on top of whatever dims the plot, the curves of @emotions
 * (an item of kind TRAIL_LAYOUT_ITEM_EMOTIONS) whose persona id is in
 * @persona_ids ("" names the line for everyone), as the painter draws
 * them: a persona view shows those lines at full strength. */
void trail_painter_draw_persona_curves (GtkSnapshot           *snapshot,
                                        TrailLayout           *layout,
                                        const TrailLayoutItem *emotions,
                                        const char * const    *persona_ids);

G_END_DECLS

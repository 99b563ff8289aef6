/* trail-actions-window.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-map-view.h"
#include "trail-model.h"

G_BEGIN_DECLS

/* Shows the window listing @document's actions (title, status, owner,
 * due date, cards, KPI) beside @parent, the map window: one per map
 * window, so asking again presents the one already open. Sortable by
 * each column, filtered by text, status, owner and stage, editable in
 * place (each edit one undo step); activating a row selects its cards
 * in @view and scrolls to them; Export CSV… saves the actions as CSV. */
GtkWindow *trail_actions_window_present (GtkWindow     *parent,
                                         TrailDocument *document,
                                         TrailMapView  *view);

G_END_DECLS

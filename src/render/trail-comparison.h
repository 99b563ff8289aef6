/* trail-comparison.h — two maps' differences drawn on a map
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"
#include "trail-export.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_COMPARISON (trail_comparison_get_type())

G_DECLARE_FINAL_TYPE (TrailComparison, trail_comparison, TRAIL, COMPARISON, GObject)

/* A read-only view of @new_doc against @old_doc: a copy of the new map
 * that also holds, as ghosts in their old places, the cards, stages and
 * lanes the new map removed; and an overlay that marks what was added,
 * removed, changed or moved and draws each persona's old emotion line
 * with the change per stage. @old_label and @new_label name the two maps
 * in the header ("coffee.trailmap at HEAD~1"). */
TrailComparison     *trail_comparison_new             (TrailDocument            *old_doc,
                                                       TrailDocument            *new_doc,
                                                       const char               *old_label,
                                                       const char               *new_label);

TrailDiff           *trail_comparison_get_diff        (TrailComparison          *self);
/* The map to lay out and draw (never edit it). */
TrailDocument       *trail_comparison_get_document    (TrailComparison          *self);

/* What happened to the view's card, stage or lane @view_id; NULL when
 * nothing did. */
const TrailDiffItem *trail_comparison_lookup          (TrailComparison          *self,
                                                       const char               *view_id);
/* A translated description for a tooltip ("Changed — text was “…”"), or
 * NULL when nothing happened to it. */
char                *trail_comparison_describe        (TrailComparison          *self,
                                                       const char               *view_id);
/* What happened to an action (an item of trail_diff_get_actions()),
 * translated, one changed field a line: "Status: Planned → Done". */
char                *trail_comparison_describe_action (TrailComparison          *self,
                                                       const TrailDiffItem      *item);
/* The summary a person reads: counts, then the biggest emotional
 * changes; translated, one item per line. */
char                *trail_comparison_dup_summary     (TrailComparison          *self);

/* Draw the comparison's marks over every picture of @layout (a layout of
 * trail_comparison_get_document()). */
void                 trail_comparison_attach          (TrailComparison          *self,
                                                       TrailLayout              *layout);

/* Export as PNG, SVG or PDF, as trail_export_to_file() does a map. */
gboolean             trail_comparison_export_to_file  (TrailComparison          *self,
                                                       const TrailExportOptions *options,
                                                       GFile                    *file,
                                                       GCancellable             *cancellable,
                                                       GError                  **error);
GBytes              *trail_comparison_export_to_bytes (TrailComparison          *self,
                                                       const TrailExportOptions *options,
                                                       GError                  **error);

G_END_DECLS

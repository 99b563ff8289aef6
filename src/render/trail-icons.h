/* trail-icons.h — the map's symbolic icons (private to src/render)
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"

G_BEGIN_DECLS

/* Resource names ("channel-email"), or NULL when the value has no icon. */
const char *trail_icon_for_channel   (TrailChannel   channel);
const char *trail_icon_for_lane_kind (TrailLaneKind  kind);
const char *trail_icon_for_evidence  (TrailEvidence  evidence);
#define TRAIL_ICON_VOTES "votes"

/* Draws icon @name filling @rect in @color. Vector all the way: the icon
 * is replayed from a cached cairo recording, so PDF and cairo SVG keep
 * paths. */
void        trail_icon_draw          (cairo_t               *cr,
                                      const char            *name,
                                      const graphene_rect_t *rect,
                                      const GdkRGBA         *color);
void        trail_icon_append        (GtkSnapshot           *snapshot,
                                      const char            *name,
                                      const graphene_rect_t *rect,
                                      const GdkRGBA         *color);

/* The icon's shapes as SVG elements in a 16×16 box, painted with
 * currentColor; only a whitelist of shape elements and presentation
 * attributes survives, so nothing active can come through. NULL if the
 * icon is unknown. */
const char *trail_icon_get_svg_body  (const char            *name);

G_END_DECLS

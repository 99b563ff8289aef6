/* trail-map-view-private.h — shared by the files that implement TrailMapView
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-find-bar.h"
#include "trail-inspector.h"
#include "trail-map-view.h"
#include "trail-palette.h"
#include "trail-side-panes.h"
#include "trail-vote-results.h"
#include "trail-voting-bar.h"

G_BEGIN_DECLS

struct _TrailMapView
{
  GtkWidget       parent_instance;

  TrailSidePanes *panes;
  TrailPalette   *palette;
  TrailInspector *inspector;
  TrailCanvas    *canvas;
  GtkWidget      *zoom_button;
  GtkWidget      *zoom_box;
  GtkOverlay     *overlay;

  TrailDocument  *document;
  /* The one selection the canvas, the palette and the inspector follow. */
  TrailSelection *selection;

  AdwToast       *undo_toast;     /* the last Undo toast, while it shows */
  guint           actions_tick;   /* actions follow the document once a frame */

  TrailVotingBar   *voting_bar;
  TrailVoteResults *vote_results;   /* the inspector's */
  TrailFindBar     *find_bar;
  char            **persona_view;   /* persona ids shown at full strength; NULL: everyone */
};

/* trail-map-view-actions.c */
void _trail_map_view_class_init_actions (GtkWidgetClass *widget_class);
void _trail_map_view_update_actions     (TrailMapView   *self);
void _trail_map_view_show_toast         (TrailMapView   *self,
                                         AdwToast       *toast);

/* trail-map-view-workshop.c: Find and the persona view */
void     _trail_map_view_class_init_workshop   (GtkWidgetClass *widget_class);
void     _trail_map_view_init_workshop         (TrailMapView   *self);
void     _trail_map_view_set_workshop_document (TrailMapView   *self,
                                                TrailDocument  *old_document);

/* trail-map-view-voting.c */
void     _trail_map_view_class_init_voting     (GtkWidgetClass *widget_class);
void     _trail_map_view_init_voting           (TrailMapView   *self);
void     _trail_map_view_set_voting_document   (TrailMapView   *self,
                                                TrailDocument  *old_document);
void     _trail_map_view_update_voting_actions (TrailMapView   *self);
/* + and − on cards while a round is open: dots, not the plain count.
 * FALSE when no round is open. */
gboolean _trail_map_view_vote                  (TrailMapView   *self,
                                                GPtrArray      *cards,
                                                gboolean        up);

G_END_DECLS

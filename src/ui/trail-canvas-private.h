/* trail-canvas-private.h — what the files that implement TrailCanvas share
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The struct is trail-canvas.c's: the document, the view and the card
 * widgets. The other files keep their own state behind one pointer each,
 * opaque here, and answer what the others need of it with the functions
 * below.
 */
#pragma once

#include "trail-canvas.h"
#include "trail-painter.h"
#include "trail-style.h"

G_BEGIN_DECLS

typedef struct _TrailCanvasPointer TrailCanvasPointer;  /* trail-canvas-dnd.c's */
typedef struct _TrailCanvasEdit    TrailCanvasEdit;     /* trail-canvas-editor.c's */
typedef struct _TrailCanvasMarks   TrailCanvasMarks;    /* trail-canvas-marks.c's */
typedef struct _TrailCanvasDebug   TrailCanvasDebug;    /* trail-canvas-debug.c's */

struct _TrailCanvas
{
  GtkWidget          parent_instance;

  /* trail-canvas.c's, read by the other files too. */
  TrailDocument     *document;
  TrailSelection    *selection;         /* the map view's; what is selected, where the keyboard is */
  TrailLayout       *layout;
  TrailStyle        *style;
  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  double             zoom;
  GtkWidget         *editor;            /* the inline editor, GtkTextView or GtkEntry; else NULL */
  double             pointer_x, pointer_y;   /* last pointer position, widget coordinates (dnd.c sets it too) */
  gboolean           first_frame_done;  /* for the first-frame benchmark (debug) */

  /* trail-canvas.c's: the view. */
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  double             ox, oy;            /* widget = map * zoom - origin */
  gboolean           fit_pending;       /* a new map: fit it at the first allocation */
  guint              zoom_notify_idle;
  double             zoom_gesture_start;
  gboolean           in_allocate;
  gboolean           cards_in_tiles;    /* zoomed out too far to read: no card widgets */

  /* trail-canvas.c's: background tiles, packed tile coordinates → GskRenderNode. */
  GHashTable        *tiles;
  double             tile_zoom;

  /* trail-canvas.c's: card widgets near the viewport; recycled, never one per card. */
  GHashTable        *card_widgets;      /* TrailCard* → TrailCardWidget* (a11y too) */
  GPtrArray         *spare_widgets;
  graphene_rect_t    synced_rect;       /* the map area they were made for */
  guint              sync_tick;         /* they come and go before a layout */
  guint              changes_pending : 1;     /* applied in sync_tick, once a frame */
  guint              changes_redraw_cards : 1;
  guint              changes_moved_cards : 1;  /* cards only moved, unless measured again */
  guint              changes_resized : 1;

  /* The other files' own. */
  TrailCanvasPointer *pointer;          /* drags, drops, clicks, the context menu */
  TrailCanvasEdit   *edit;              /* what the inline editor edits */
  TrailCanvasMarks  *marks;             /* Find's marks, a persona view's dimming; made when first asked */
  TrailCanvasDebug  *debug;             /* the geometry file and benchmarks; only when asked */
  GHashTable        *a11y_nodes;        /* GTK 4.10+: the map's accessible objects (trail-canvas-a11y.c) */
};

/* trail-canvas.c */
void       _trail_canvas_map_to_widget      (TrailCanvas *self, double mx, double my, double *wx, double *wy);
void       _trail_canvas_widget_to_map      (TrailCanvas *self, double wx, double wy, double *mx, double *my);
void       _trail_canvas_scroll_to_rect     (TrailCanvas *self, const graphene_rect_t *rect);
GtkWidget *_trail_canvas_ensure_card_widget (TrailCanvas *self, TrailCard *card);
GtkWidget *_trail_canvas_lookup_card_widget (TrailCanvas *self, TrailCard *card);
/* The keyboard to a cell: no card selected, the cursor there. */
void       _trail_canvas_focus_cell         (TrailCanvas *self, TrailLane *lane, TrailStage *stage);
void       _trail_canvas_show_toast         (TrailCanvas *self, AdwToast *toast);
void       _trail_canvas_update_editing     (TrailCanvas *self);
void       _trail_canvas_queue_geometry     (TrailCanvas *self);

/* Emotion points: where the render layout puts them, and the line a click
 * in an emotions lane edits (the checked persona's first). */
gboolean   _trail_canvas_point_position     (TrailCanvas *self, TrailEmotionPoint *point,
                                             const TrailLayoutItem *emotions, graphene_point_t *out);
gboolean   _trail_canvas_stage_at           (TrailCanvas *self, double mx, TrailStage **stage, double *position);
TrailEmotionLine *_trail_canvas_line_for_lane (TrailCanvas *self, TrailLane *lane);

/* trail-canvas-dnd.c */
void       _trail_canvas_init_pointer       (TrailCanvas *self);
void       _trail_canvas_dispose_pointer    (TrailCanvas *self);
void       _trail_canvas_free_pointer       (TrailCanvas *self);
void       _trail_canvas_reset_drag         (TrailCanvas *self);
gboolean   _trail_canvas_is_dragging_card   (TrailCanvas *self, TrailCard *card);
void       _trail_canvas_snapshot_dnd       (TrailCanvas *self, GtkSnapshot *snapshot);
void       _trail_canvas_snapshot_overlays  (TrailCanvas *self, GtkSnapshot *snapshot);
void       _trail_canvas_drag_begin_at      (TrailCanvas *self, double wx, double wy);
void       _trail_canvas_drag_update_to     (TrailCanvas *self, double wx, double wy);
void       _trail_canvas_drag_end_at        (TrailCanvas *self, double wx, double wy);
void       _trail_canvas_open_context_menu  (TrailCanvas *self, double wx, double wy);
void       _trail_canvas_allocate_context_menu (TrailCanvas *self);
gboolean   _trail_canvas_context_menu_is_open (TrailCanvas *self);
void       _trail_canvas_edit_after_menu    (TrailCanvas *self, gboolean new_card);

/* trail-canvas-keyboard.c */
void       _trail_canvas_init_keyboard      (GtkWidgetClass *widget_class);
void       _trail_canvas_init_key_controller (TrailCanvas *self);
/* Tab: the next cell along the lanes (-1: the previous one). */
gboolean   _trail_canvas_tab                (TrailCanvas *self, int direction);

/* trail-canvas-editor.c */
void       _trail_canvas_init_editor        (TrailCanvas *self);
void       _trail_canvas_dispose_editor     (TrailCanvas *self);
void       _trail_canvas_free_editor        (TrailCanvas *self);
gboolean   _trail_canvas_is_editing_card    (TrailCanvas *self, TrailCard *card);
void       _trail_canvas_begin_edit         (TrailCanvas *self, TrailCard *card, const char *initial);
void       _trail_canvas_begin_new_card     (TrailCanvas *self, TrailLane *lane, TrailStage *stage, int index);
void       _trail_canvas_begin_palette_card (TrailCanvas *self, TrailPaletteItem *item,
                                             TrailLane *lane, TrailStage *stage, int index);
void       _trail_canvas_begin_rename       (TrailCanvas *self, GObject *header, const char *initial);
void       _trail_canvas_finish_edit        (TrailCanvas *self, gboolean commit);
void       _trail_canvas_allocate_editor    (TrailCanvas *self);
gboolean   _trail_canvas_prepare_draft      (TrailCanvas       *self,
                                              TrailDraftOverlay *draft);

/* trail-canvas-marks.c */
void       _trail_canvas_snapshot_marks     (TrailCanvas *self, GtkSnapshot *snapshot);
void       _trail_canvas_clear_marks        (TrailCanvas *self);

/* trail-canvas-debug.c */
void       _trail_canvas_debug_init         (TrailCanvas *self);
void       _trail_canvas_debug_dispose      (TrailCanvas *self);
void       _trail_canvas_debug_free         (TrailCanvas *self);

G_END_DECLS

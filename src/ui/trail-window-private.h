/* trail-window-private.h — what trail-window.c and trail-window-actions.c share
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-model.h"
#include "trail-window.h"

G_BEGIN_DECLS

struct _TrailWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *header_bar;
  GtkStack             *stack;
  AdwBin               *map_bin;
  GtkWidget            *palette_button;
  GtkWidget            *inspector_button;
  GtkWidget            *map_view;
  /* The workshop session's button; it owns the session. */
  GtkWidget            *session_controls;
  GMenu                *undo_section;
  /* The menu's Undo and Redo items are rebuilt once before the next
   * frame, not on every change of their labels. */
  guint                 undo_menu_idle;   /* a tick callback */

  /* The map shown, and the one being read to replace it; the window
   * follows the first through these groups. */
  TrailMapFile         *map_file;
  TrailMapFile         *loading;
  GSignalGroup         *file_signals;
  GSignalGroup         *document_signals;
  GBindingGroup        *file_bindings;

  GCancellable         *cancellable;

  /* Where Save first offers to keep a map never saved: a future state
   * next to its current state, so the two stay linked. */
  GFile                *suggested_folder;

  /* A file chooser is open: one at a time. */
  guint                 choosing_file : 1;

  /* Close once the save in progress succeeds (Save in the close dialog). */
  guint                 close_after_save : 1;
  /* The user chose to discard, or everything is saved: close for real. */
  guint                 close_confirmed : 1;
};

/* trail-window.c */
TrailDocument *_trail_window_get_document          (TrailWindow    *self);
GSettings     *_trail_window_get_settings          (TrailWindow    *self);
void           _trail_window_show_toast            (TrailWindow    *self,
                                                    const char     *message);
void           _trail_window_add_to_recent         (GFile          *file);
char          *_trail_window_dup_file_name         (GFile          *file);

/* trail-window-workshop.c: persona view, Find and voting in the menus, recent maps */
void           _trail_window_init_workshop         (TrailWindow    *self);

/* trail-window-actions.c: the win.* actions, their keys, and their state */
void           _trail_window_class_actions_init    (GtkWidgetClass *widget_class);
void           _trail_window_update_actions        (TrailWindow    *self);
void           _trail_window_update_undo_actions   (TrailWindow    *self);

/* trail-window-compare.c: win.compare-with, win.compare-revision */
void           _trail_window_compare_actions_init  (GtkWidgetClass *widget_class);
void           _trail_window_compare_update_actions (TrailWindow   *self);
/* A map dropped on an open one: asks whether to open it or compare with it. */
void           _trail_window_ask_open_or_compare   (TrailWindow   *self,
                                                    GFile         *file);

G_END_DECLS

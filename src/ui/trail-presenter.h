/* trail-presenter.h — presenting a map to a room
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-map-view.h"
#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_PRESENTER (trail_presenter_get_type())

G_DECLARE_FINAL_TYPE (TrailPresenter, trail_presenter, TRAIL, PRESENTER, GObject)

/* The presenting mode of one window: full screen with the panels and the
 * header bar hidden, the map at a size a room can read, moved stage by
 * stage; overview, reveal and spotlight; the workshop timer; the presenter
 * console. Its actions (win.present, win.fullscreen, win.timer-*, …) and
 * keys are installed on the window class by
 * trail_presenter_install_actions(); the window keeps one presenter in
 * its object data. "changed" is emitted whenever what is presented
 * changes (for the console). */
void            trail_presenter_install_actions   (GtkWidgetClass *window_class);
TrailPresenter *trail_presenter_new               (GtkWindow      *window,
                                                   TrailMapView   *map_view,
                                                   GtkWidget      *header_bar);
TrailPresenter *trail_presenter_from_window       (GtkWidget      *window);
/* Header bar buttons (present, timer) for the window to pack. */
GtkWidget      *trail_presenter_create_present_button (TrailPresenter *self);
GtkWidget      *trail_presenter_create_timer_button   (TrailPresenter *self);

gboolean        trail_presenter_get_presenting    (TrailPresenter *self);
void            trail_presenter_set_presenting    (TrailPresenter *self,
                                                   gboolean        presenting);
TrailDocument  *trail_presenter_get_document      (TrailPresenter *self);
/* The stage shown first (a visible stage of the layout), and how many. */
int             trail_presenter_get_stage_index   (TrailPresenter *self);
guint           trail_presenter_get_n_stages      (TrailPresenter *self);
/* The visible stage at @index, or NULL. */
TrailStage     *trail_presenter_get_stage         (TrailPresenter *self,
                                                   int             index);
void            trail_presenter_move              (TrailPresenter *self,
                                                   int             delta);
gboolean        trail_presenter_get_overview      (TrailPresenter *self);
void            trail_presenter_toggle_overview   (TrailPresenter *self);
gboolean        trail_presenter_get_reveal        (TrailPresenter *self);
void            trail_presenter_set_reveal        (TrailPresenter *self,
                                                   gboolean        reveal);
gboolean        trail_presenter_get_spotlight     (TrailPresenter *self);
void            trail_presenter_set_spotlight     (TrailPresenter *self,
                                                   gboolean        spotlight);
gboolean        trail_presenter_get_show_timer    (TrailPresenter *self);
void            trail_presenter_set_show_timer    (TrailPresenter *self,
                                                   gboolean        show);
TrailTimer     *trail_presenter_get_timer         (TrailPresenter *self);
/* The presenting keys (Right, Left, O, T, …); TRUE when handled. */
gboolean        trail_presenter_handle_key        (TrailPresenter *self,
                                                   guint           keyval,
                                                   GdkModifierType state);
/* Starts the timer for @seconds; 0 asks for a custom length. */
void            trail_presenter_start_timer       (TrailPresenter *self,
                                                   guint           seconds);
/* Opens (or raises) the presenter console. */
void            trail_presenter_show_console      (TrailPresenter *self);
/* The console, while open, or NULL. */
GtkWindow      *trail_presenter_get_console       (TrailPresenter *self);
/* The voting round's results for the console's "Votes" section: kept by
 * the presenter and shown in the console whenever it is open (now, or
 * when it opens later); NULL hides the section. */
void            trail_presenter_set_votes_widget  (TrailPresenter *self,
                                                   GtkWidget      *widget);
/* The workshop session's panel for the console, kept like the votes
 * widget; NULL hides the section. */
void            trail_presenter_set_session_widget (TrailPresenter *self,
                                                    GtkWidget      *widget);

G_END_DECLS

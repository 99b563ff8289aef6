/* trail-map-view.c — palette, canvas and inspector of one map
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map view owns the one TrailSelection of its map, which the canvas,
 * the palette and the inspector follow, and every editing action
 * (trail-map-view-actions.c).
 */
#define G_LOG_DOMAIN "trail-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-map-view-private.h"

enum {
  PROP_0,
  PROP_SHOW_PALETTE,
  PROP_SHOW_INSPECTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TrailMapView, trail_map_view, GTK_TYPE_WIDGET)

static void
on_palette_item_activated_cb (TrailMapView     *self,
                              TrailPaletteItem *item)
{
  if (self->document == NULL)
    return;

  if (trail_palette_item_get_kind (item) == TRAIL_PALETTE_ITEM_PERSONA &&
      trail_selection_get_n_cards (self->selection) == 0)
    {
      TrailPersona *persona = trail_document_find_persona (self->document,
                                                           trail_palette_item_get_persona_id (item));

      /* A persona row opens the persona in the inspector. */
      if (persona != NULL)
        {
          trail_selection_select_object (self->selection, persona);
          trail_side_panes_set_show_end (self->panes, TRUE);
        }
      return;
    }

  trail_canvas_insert_item (self->canvas, item);
}

static void
on_selection_changed_cb (TrailMapView *self)
{
  _trail_map_view_update_actions (self);
}

static gboolean
update_actions_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *frame_clock,
                        gpointer       user_data)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  self->actions_tick = 0;
  _trail_map_view_update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
cancel_actions_tick (TrailMapView *self)
{
  if (self->actions_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->actions_tick);
  self->actions_tick = 0;
}

static void
on_document_changed_cb (TrailMapView *self)
{
  /* Undo and redo change what there is to act on. Once a frame, not once
   * a change: a workshop's burst adds hundreds of cards between frames,
   * and working out the enabled actions walks the lanes and the targets
   * each time. Until the view is shown there are no frames: at once. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      cancel_actions_tick (self);
      _trail_map_view_update_actions (self);
    }
  else if (self->actions_tick == 0)
    self->actions_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_actions_tick_cb,
                                                       NULL, NULL);
}

static void
on_canvas_zoom_changed_cb (TrailMapView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *a11y = NULL;

  if (self->canvas == NULL)
    return;

  label = g_strdup_printf ("%.0f%%", trail_canvas_get_zoom (self->canvas) * 100);
  /* Translators: the accessible name of the zoom menu, %s is like "150%" */
  a11y = g_strdup_printf (_("Zoom %s"), label);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->zoom_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  if (g_str_equal (action_name, "view.zoom-in"))
    trail_canvas_zoom_in (self->canvas);
  else if (g_str_equal (action_name, "view.zoom-out"))
    trail_canvas_zoom_out (self->canvas);
  else if (g_str_equal (action_name, "view.zoom-fit"))
    trail_canvas_zoom_to_fit (self->canvas);
  else
    trail_canvas_set_zoom (self->canvas, 1.0);
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  if (g_str_equal (action_name, "view.toggle-palette"))
    trail_side_panes_set_show_start (self->panes, !trail_side_panes_get_show_start (self->panes));
  else
    trail_side_panes_set_show_end (self->panes, !trail_side_panes_get_show_end (self->panes));
}

/* A pane came or went (over the map, the view may not change): the
 * geometry aid lists the panes' rows. */
static void
on_pane_mapped_cb (TrailMapView *self)
{
  trail_canvas_queue_geometry (self->canvas);
}

static void
on_pane_shown_cb (TrailMapView *self,
                  GParamSpec   *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[g_str_equal (pspec->name, "show-start") ? PROP_SHOW_PALETTE
                                                                               : PROP_SHOW_INSPECTOR]);
}

/* The keyboard of a map belongs on its canvas, at the keyboard's cell. */
static gboolean
trail_map_view_grab_focus (GtkWidget *widget)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
trail_map_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TrailMapView *self = TRAIL_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PALETTE:
      g_value_set_boolean (value, trail_side_panes_get_show_start (self->panes));
      break;
    case PROP_SHOW_INSPECTOR:
      g_value_set_boolean (value, trail_side_panes_get_show_end (self->panes));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_map_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TrailMapView *self = TRAIL_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PALETTE:
      trail_side_panes_set_show_start (self->panes, g_value_get_boolean (value));
      break;
    case PROP_SHOW_INSPECTOR:
      trail_side_panes_set_show_end (self->panes, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_map_view_dispose (GObject *object)
{
  TrailMapView *self = TRAIL_MAP_VIEW (object);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  cancel_actions_tick (self);
  trail_map_view_set_document (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_MAP_VIEW);
  /* Unnamed template children are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trail_map_view_parent_class)->dispose (object);
}

static void
trail_map_view_class_init (TrailMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_map_view_dispose;
  object_class->get_property = trail_map_view_get_property;
  object_class->set_property = trail_map_view_set_property;

  widget_class->grab_focus = trail_map_view_grab_focus;

  properties[PROP_SHOW_PALETTE] =
    g_param_spec_boolean ("show-palette", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_INSPECTOR] =
    g_param_spec_boolean ("show-inspector", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRAIL_TYPE_CANVAS);
  g_type_ensure (TRAIL_TYPE_SIDE_PANES);
  g_type_ensure (TRAIL_TYPE_PALETTE);
  g_type_ensure (TRAIL_TYPE_INSPECTOR);
  g_type_ensure (TRAIL_TYPE_VOTING_BAR);
  g_type_ensure (TRAIL_TYPE_FIND_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, panes);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, palette);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, inspector);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, canvas);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, voting_bar);
  gtk_widget_class_bind_template_child (widget_class, TrailMapView, find_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_zoom_changed_cb);

  _trail_map_view_class_init_actions (widget_class);
  _trail_map_view_class_init_voting (widget_class);
  _trail_map_view_class_init_workshop (widget_class);

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.toggle-palette", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "view.toggle-inspector", NULL, toggle_action);

  /* No keys here: the window owns Ctrl+plus/minus/0/1 and F9 (win.zoom-*,
   * win.toggle-*), so that they work wherever the focus is; these actions
   * serve the zoom buttons. */

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailmapview");
}

static void
trail_map_view_init (TrailMapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->panes, "notify::show-start",
                           G_CALLBACK (on_pane_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panes, "notify::show-end",
                           G_CALLBACK (on_pane_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->palette, "map", G_CALLBACK (on_pane_mapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->palette, "unmap", G_CALLBACK (on_pane_mapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector, "map", G_CALLBACK (on_pane_mapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector, "unmap", G_CALLBACK (on_pane_mapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::editing",
                           G_CALLBACK (_trail_map_view_update_actions), self, G_CONNECT_SWAPPED);
  trail_inspector_set_canvas (self->inspector, self->canvas);
  self->vote_results = trail_inspector_get_vote_results (self->inspector);
  _trail_map_view_init_voting (self);
  _trail_map_view_init_workshop (self);
  on_canvas_zoom_changed_cb (self);
  _trail_map_view_update_actions (self);
}

GtkWidget *
trail_map_view_new (void)
{
  return g_object_new (TRAIL_TYPE_MAP_VIEW, NULL);
}

void
trail_map_view_set_document (TrailMapView  *self,
                             TrailDocument *document)
{
  g_autoptr(TrailDocument) old_document = NULL;

  g_return_if_fail (TRAIL_IS_MAP_VIEW (self));
  g_return_if_fail (!document || TRAIL_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed_cb, self);
  g_clear_object (&self->selection);
  old_document = self->document != NULL ? g_object_ref (self->document) : NULL;
  g_set_object (&self->document, document);
  _trail_map_view_set_voting_document (self, old_document);
  _trail_map_view_set_workshop_document (self, old_document);

  /* A new map, a new selection: nothing of the last map stays selected. */
  if (document != NULL)
    {
      self->selection = trail_selection_new (document);
      g_signal_connect_object (self->selection, "changed",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "changed",
                               G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
    }

  trail_canvas_set_selection (self->canvas, self->selection);
  trail_palette_set_document (self->palette, document);
  trail_palette_set_selection (self->palette, self->selection);
  trail_inspector_set_document (self->inspector, document);
  trail_inspector_set_selection (self->inspector, self->selection);
  on_selection_changed_cb (self);
}

TrailCanvas *
trail_map_view_get_canvas (TrailMapView *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_VIEW (self), NULL);

  return self->canvas;
}

TrailSelection *
trail_map_view_get_selection (TrailMapView *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_VIEW (self), NULL);

  return self->selection;
}

void
trail_map_view_flush (TrailMapView *self)
{
  g_return_if_fail (TRAIL_IS_MAP_VIEW (self));

  trail_canvas_commit_edit (self->canvas);
  trail_inspector_flush (self->inspector);
}

void
trail_map_view_add_overlay (TrailMapView *self,
                            GtkWidget    *widget)
{
  g_return_if_fail (TRAIL_IS_MAP_VIEW (self));

  gtk_overlay_add_overlay (self->overlay, widget);
}

void
trail_map_view_set_zoom_controls_visible (TrailMapView *self,
                                          gboolean      visible)
{
  g_return_if_fail (TRAIL_IS_MAP_VIEW (self));

  gtk_widget_set_visible (self->zoom_box, visible);
}

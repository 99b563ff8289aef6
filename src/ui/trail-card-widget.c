/* trail-card-widget.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-card-widget"

#include "config.h"


#include "trail-canvas-a11y.h"
#include "trail-canvas-private.h"
#include "trail-card-widget.h"
#include "trail-painter.h"

struct _TrailCardWidget
{
  GtkWidget  parent_instance;

  TrailCard *card;
  gboolean   hover;
  gboolean   placeholder;
  /* The tooltip's markup, shown from query-tooltip: setting a widget's
   * tooltip parses its markup and asks the X server where the pointer is
   * (a round trip), and every card that comes into view is described (a
   * hundred phones adding cards bring new ones every frame). */
  char      *tooltip;
  /* The layout's serial and size of the card when last drawn: see
   * trail_card_widget_queue_draw_if_changed(). */
  guint            drawn_serial;
  graphene_size_t  drawn_size;
};

#if TRAIL_HAVE_GTK_4_10
/* Re-implemented over GtkWidget's: a card widget sits in its cell's
 * accessible object, and its bounds are relative to that. */
#define IMPLEMENT_ACCESSIBLE G_IMPLEMENT_INTERFACE (GTK_TYPE_ACCESSIBLE, _trail_card_widget_a11y_init_iface)
#else
#define IMPLEMENT_ACCESSIBLE
#endif

G_DEFINE_FINAL_TYPE_WITH_CODE (TrailCardWidget, trail_card_widget, GTK_TYPE_WIDGET,
                               IMPLEMENT_ACCESSIBLE)

static TrailCanvas *
get_canvas (TrailCardWidget *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return TRAIL_IS_CANVAS (parent) ? TRAIL_CANVAS (parent) : NULL;
}

static void
on_motion_enter_cb (TrailCardWidget *self)
{
  self->hover = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_leave_cb (TrailCardWidget *self)
{
  self->hover = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
trail_card_widget_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TrailCardWidget *self = TRAIL_CARD_WIDGET (widget);
  TrailCanvas *canvas = get_canvas (self);
  TrailLayout *layout;
  const TrailLayoutItem *item;
  TrailPaintState state = TRAIL_PAINT_STATE_NORMAL;

  if (canvas == NULL || self->card == NULL)
    return;

  layout = trail_canvas_get_layout (canvas);
  if (layout == NULL || (item = trail_layout_find (layout, self->card)) == NULL)
    return;

  if (self->hover)
    state |= TRAIL_PAINT_STATE_HOVER;
  if (trail_selection_contains_card (trail_canvas_get_selection (canvas), self->card))
    state |= TRAIL_PAINT_STATE_SELECTED;
  if (gtk_widget_has_visible_focus (widget))
    state |= TRAIL_PAINT_STATE_FOCUSED;

  /* The canvas scales us by its zoom: draw at map size. */
  self->drawn_serial = trail_layout_item_get_serial (item);
  self->drawn_size = item->bounds.size;
  if (self->placeholder)
    gtk_snapshot_push_opacity (snapshot, 0.3);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-item->bounds.origin.x, -item->bounds.origin.y));
  trail_painter_draw_card (snapshot, layout, item, state);
  if (self->placeholder)
    gtk_snapshot_pop (snapshot);
}

static void
trail_card_widget_state_flags_changed (GtkWidget     *widget,
                                       GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    {
      TrailCanvas *canvas = get_canvas (TRAIL_CARD_WIDGET (widget));

      gtk_widget_queue_draw (widget);
      if (canvas != NULL)
        _trail_canvas_queue_geometry (canvas);
    }

  GTK_WIDGET_CLASS (trail_card_widget_parent_class)->state_flags_changed (widget, previous);
}

static gboolean
trail_card_widget_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  /* A card is one stop; moving on is the canvas's business. */
  if (!gtk_widget_is_focus (widget))
    return gtk_widget_grab_focus (widget);

  return FALSE;
}

static gboolean
trail_card_widget_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_tooltip,
                                 GtkTooltip *tooltip)
{
  TrailCardWidget *self = TRAIL_CARD_WIDGET (widget);

  if (self->card == NULL || self->tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, self->tooltip);
  return TRUE;
}

static void
trail_card_widget_dispose (GObject *object)
{
  TrailCardWidget *self = TRAIL_CARD_WIDGET (object);

  g_clear_object (&self->card);
  g_clear_pointer (&self->tooltip, g_free);

  G_OBJECT_CLASS (trail_card_widget_parent_class)->dispose (object);
}

static void
trail_card_widget_class_init (TrailCardWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_card_widget_dispose;

  widget_class->snapshot = trail_card_widget_snapshot;
  widget_class->state_flags_changed = trail_card_widget_state_flags_changed;
  widget_class->focus = trail_card_widget_focus;
  widget_class->query_tooltip = trail_card_widget_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "trailcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
trail_card_widget_init (TrailCardWidget *self)
{
  GtkEventController *motion;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_VISIBLE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_motion_enter_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_motion_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
trail_card_widget_new (void)
{
  return g_object_new (TRAIL_TYPE_CARD_WIDGET, NULL);
}

TrailCard *
trail_card_widget_get_card (TrailCardWidget *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD_WIDGET (self), NULL);

  return self->card;
}

void
trail_card_widget_set_card (TrailCardWidget *self,
                            TrailCard       *card)
{
  g_return_if_fail (TRAIL_IS_CARD_WIDGET (self));

  if (g_set_object (&self->card, card))
    {
      self->hover = FALSE;
      self->placeholder = FALSE;
      if (card != NULL)
        trail_card_widget_update_description (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* For a change that may only have moved the card: GTK keeps the drawing
 * of a widget that moved, so it is made again only if the layout measured
 * the card again or its size changed. Redrawing every visible card each
 * frame of a burst of new cards (which only move the cards below them)
 * was most of the canvas's snapshot. */
void
trail_card_widget_queue_draw_if_changed (TrailCardWidget       *self,
                                         const TrailLayoutItem *item)
{
  g_return_if_fail (TRAIL_IS_CARD_WIDGET (self));

  if (item == NULL || trail_layout_item_get_serial (item) != self->drawn_serial ||
      !graphene_size_equal (&item->bounds.size, &self->drawn_size))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
trail_card_widget_set_placeholder (TrailCardWidget *self,
                                   gboolean         placeholder)
{
  g_return_if_fail (TRAIL_IS_CARD_WIDGET (self));

  if (self->placeholder != !!placeholder)
    {
      self->placeholder = !!placeholder;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
trail_card_widget_update_description (TrailCardWidget *self)
{
  TrailCanvas *canvas;
  const char *details;
  g_autofree char *description = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TRAIL_IS_CARD_WIDGET (self));

  if (self->card == NULL || (canvas = get_canvas (self)) == NULL ||
      trail_canvas_get_document (canvas) == NULL)
    return;

  _trail_canvas_describe_card (canvas, self->card, &name, &description);
  details = trail_card_get_details (self->card);

  /* The card may be cut short on the map; the tooltip has it all. */
  if (details != NULL && details[0] != '\0')
    tooltip = g_markup_printf_escaped ("<b>%s</b>\n%s\n<small>%s</small>", name, details, description);
  else
    tooltip = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", name, description);
  /* The tooltip holds the name and the description: same tooltip, same
   * accessible label and description. */
  if (g_strcmp0 (tooltip, self->tooltip) == 0)
    return;
  g_free (self->tooltip);
  self->tooltip = g_steal_pointer (&tooltip);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* trail-map-view-workshop.c — Find and the persona view in the map view
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-document-edits.h"
#include "trail-map-view-private.h"

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  trail_canvas_commit_edit (self->canvas);
  trail_find_bar_open (self->find_bar);
}

static void
apply_persona_view (TrailMapView *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  GListModel *all;

  if (self->document == NULL || self->persona_view == NULL || self->persona_view[0] == NULL)
    {
      trail_canvas_set_dimming (self->canvas, NULL, NULL);
      return;
    }

  /* The persona's own cards (tagged with them) at full strength. */
  cards = g_ptr_array_new ();
  all = trail_document_get_cards (self->document);
  for (guint i = 0, n = g_list_model_get_n_items (all); i < n; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (all, i);

      for (guint j = 0; self->persona_view[j] != NULL; j++)
        if (trail_card_has_persona_tag (card, self->persona_view[j]))
          {
            g_ptr_array_add (cards, card);
            break;
          }
    }
  trail_canvas_set_dimming (self->canvas, cards, (const char * const *) self->persona_view);
}

static void
on_persona_view_document_changed_cb (TrailMapView     *self,
                                     TrailChangeFlags  what)
{
  if (self->persona_view == NULL)
    return;
  /* A persona removed (or brought back by undo) changes what is kept. */
  if (what & TRAIL_CHANGE_PERSONAS)
    {
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

      for (guint i = 0; self->persona_view[i] != NULL; i++)
        if (trail_document_find_persona (self->document, self->persona_view[i]) != NULL)
          g_strv_builder_add (kept, self->persona_view[i]);
      g_clear_pointer (&self->persona_view, g_strfreev);
      self->persona_view = g_strv_builder_end (kept);
    }
  if (what & (TRAIL_CHANGE_CARDS | TRAIL_CHANGE_CARD_TEXT | TRAIL_CHANGE_PERSONAS))
    apply_persona_view (self);
}

void
trail_map_view_set_persona_view (TrailMapView       *self,
                                 const char * const *persona_ids)
{
  g_return_if_fail (TRAIL_IS_MAP_VIEW (self));

  g_clear_pointer (&self->persona_view, g_strfreev);
  if (persona_ids != NULL && persona_ids[0] != NULL)
    self->persona_view = g_strdupv ((char **) persona_ids);
  apply_persona_view (self);
}

const char * const *
trail_map_view_get_persona_view (TrailMapView *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_VIEW (self), NULL);
  return (const char * const *) self->persona_view;
}

void
_trail_map_view_set_workshop_document (TrailMapView  *self,
                                       TrailDocument *old_document)
{
  if (old_document != NULL)
    g_signal_handlers_disconnect_by_func (old_document, on_persona_view_document_changed_cb, self);
  if (self->document != NULL)
    g_signal_connect_object (self->document, "changed", G_CALLBACK (on_persona_view_document_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->persona_view, g_strfreev);
  trail_canvas_set_dimming (self->canvas, NULL, NULL);
}

void
_trail_map_view_init_workshop (TrailMapView *self)
{
  trail_find_bar_set_canvas (self->find_bar, self->canvas);
}

void
_trail_map_view_class_init_workshop (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "map.find", NULL);
}

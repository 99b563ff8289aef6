/* trail-inspector.c — edits the selection's properties
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stack of sections, one per kind of item (trail-inspector-*-section.c),
 * showing the one that fits the selection. Switching commits what was
 * being typed to the item it was typed for before anything else is shown.
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-inspector.h"
#include "trail-inspector-card-section.h"
#include "trail-inspector-channel-section.h"
#include "trail-inspector-lane-section.h"
#include "trail-inspector-map-section.h"
#include "trail-inspector-persona-section.h"
#include "trail-inspector-point-section.h"
#include "trail-inspector-stage-section.h"

typedef enum
{
  SECTION_MAP,
  SECTION_CARD,
  SECTION_STAGE,
  SECTION_LANE,
  SECTION_PERSONA,
  SECTION_POINT,
  SECTION_CHANNEL,
  N_SECTIONS
} Section;

static const char *section_names[N_SECTIONS] = { "map", "card", "stage", "lane", "persona", "point", "channel" };

struct _TrailInspector
{
  GtkWidget              parent_instance;

  GtkLabel              *title_label;
  GtkStack              *stack;
  TrailVoteResults      *vote_results;
  GtkLabel              *cards_label;
  TrailInspectorSection *sections[N_SECTIONS];

  TrailDocument         *document;
  TrailSelection        *selection;
  TrailCanvas           *canvas;
  TrailInspectorSection *current;       /* the section shown, or NULL */
};

G_DEFINE_FINAL_TYPE (TrailInspector, trail_inspector, GTK_TYPE_WIDGET)

/* Hides the section shown: what was typed in it goes to its item first. */
static void
leave_current (TrailInspector *self)
{
  if (self->current != NULL)
    trail_inspector_section_set_item (self->current, NULL);
  self->current = NULL;
}

static void
on_selection_changed_cb (TrailInspector *self)
{
  trail_inspector_show (self, trail_selection_get_cards (self->selection), trail_selection_get_object (self->selection));
}

/* A section's Delete hands the keyboard back to the map first: the button
 * goes away with the item, and GTK would otherwise move the focus to the
 * next section's first field, with its text selected for overwriting. */
static void
focus_canvas_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailInspector *self = TRAIL_INSPECTOR (widget);

  if (self->canvas != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static gboolean
trail_inspector_grab_focus (GtkWidget *widget)
{
  TrailInspector *self = TRAIL_INSPECTOR (widget);

  if (self->current != NULL && gtk_widget_grab_focus (GTK_WIDGET (self->current)))
    return TRUE;
  return GTK_WIDGET_CLASS (trail_inspector_parent_class)->grab_focus (widget);
}

static void
trail_inspector_dispose (GObject *object)
{
  TrailInspector *self = TRAIL_INSPECTOR (object);

  trail_inspector_set_selection (self, NULL);
  trail_inspector_set_document (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_INSPECTOR);
  /* Unnamed template children are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_weak_pointer (&self->canvas);

  G_OBJECT_CLASS (trail_inspector_parent_class)->dispose (object);
}

static void
trail_inspector_class_init (TrailInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_inspector_dispose;
  widget_class->grab_focus = trail_inspector_grab_focus;

  g_type_ensure (TRAIL_TYPE_INSPECTOR_MAP_SECTION);
  g_type_ensure (TRAIL_TYPE_VOTE_RESULTS);
  g_type_ensure (TRAIL_TYPE_INSPECTOR_CARD_SECTION);
  g_type_ensure (TRAIL_TYPE_INSPECTOR_STAGE_SECTION);
  g_type_ensure (TRAIL_TYPE_INSPECTOR_LANE_SECTION);
  g_type_ensure (TRAIL_TYPE_INSPECTOR_PERSONA_SECTION);
  g_type_ensure (TRAIL_TYPE_INSPECTOR_POINT_SECTION);
  g_type_ensure (TRAIL_TYPE_INSPECTOR_CHANNEL_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, vote_results);
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, cards_label);
  gtk_widget_class_bind_template_child_full (widget_class, "map_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_MAP]));
  gtk_widget_class_bind_template_child_full (widget_class, "card_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_CARD]));
  gtk_widget_class_bind_template_child_full (widget_class, "stage_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_STAGE]));
  gtk_widget_class_bind_template_child_full (widget_class, "lane_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_LANE]));
  gtk_widget_class_bind_template_child_full (widget_class, "persona_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_PERSONA]));
  gtk_widget_class_bind_template_child_full (widget_class, "point_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_POINT]));
  gtk_widget_class_bind_template_child_full (widget_class, "channel_section", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, sections[SECTION_CHANNEL]));

  gtk_widget_class_install_action (widget_class, "inspector.focus-canvas", NULL, focus_canvas_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailinspector");
}

static void
trail_inspector_init (TrailInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- Public API ------------------------------------------------------------ */

GtkWidget *
trail_inspector_new (void)
{
  return g_object_new (TRAIL_TYPE_INSPECTOR, NULL);
}

void
trail_inspector_set_canvas (TrailInspector *self,
                            TrailCanvas    *canvas)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  g_set_weak_pointer (&self->canvas, canvas);
}

void
trail_inspector_set_document (TrailInspector *self,
                              TrailDocument  *document)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  if (self->document == document)
    return;

  leave_current (self);
  g_set_object (&self->document, document);
  for (guint i = 0; i < N_SECTIONS; i++)
    trail_inspector_section_set_document (self->sections[i], document);

  trail_inspector_show (self, NULL, NULL);
}

void
trail_inspector_set_selection (TrailInspector *self,
                               TrailSelection *selection)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));
  g_return_if_fail (selection == NULL || TRAIL_IS_SELECTION (selection));

  if (self->selection == selection)
    return;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed_cb, self);
  g_set_object (&self->selection, selection);
  if (selection == NULL)
    return;

  g_signal_connect_object (selection, "changed", G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  trail_inspector_set_document (self, trail_selection_get_document (selection));
  on_selection_changed_cb (self);
}

void
trail_inspector_show (TrailInspector *self,
                      GPtrArray      *cards,
                      GObject        *object)
{
  Section kind = SECTION_MAP;
  TrailInspectorSection *section;

  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  if (self->document == NULL)
    {
      leave_current (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->title_label, "");
      return;
    }

  if (cards != NULL && cards->len > 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card selected",
                                                            "%u cards selected", cards->len), cards->len);
      leave_current (self);
      gtk_label_set_text (self->cards_label, text);
      gtk_label_set_text (self->title_label, _("Cards"));
      gtk_stack_set_visible_child_name (self->stack, "cards");
      return;
    }

  if (cards != NULL && cards->len == 1)
    {
      kind = SECTION_CARD;
      object = cards->pdata[0];
    }
  else if (TRAIL_IS_STAGE (object))
    kind = SECTION_STAGE;
  else if (TRAIL_IS_LANE (object))
    kind = SECTION_LANE;
  else if (TRAIL_IS_PERSONA (object))
    kind = SECTION_PERSONA;
  else if (TRAIL_IS_EMOTION_POINT (object))
    kind = SECTION_POINT;
  else if (TRAIL_IS_CUSTOM_CHANNEL (object))
    kind = SECTION_CHANNEL;
  else /* the map itself; a selected emotion line has nothing to edit here */
    object = G_OBJECT (self->document);

  section = self->sections[kind];
  if (section != self->current)
    leave_current (self);
  /* Commits the text typed for the item shown so far, then loads this one. */
  trail_inspector_section_set_item (section, object);
  self->current = section;

  gtk_label_set_text (self->title_label, trail_inspector_section_get_title (section));
  gtk_stack_set_visible_child_name (self->stack, section_names[kind]);
}

void
trail_inspector_flush (TrailInspector *self)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  if (self->current != NULL)
    trail_inspector_section_commit (self->current);
}

TrailVoteResults *
trail_inspector_get_vote_results (TrailInspector *self)
{
  g_return_val_if_fail (TRAIL_IS_INSPECTOR (self), NULL);
  return self->vote_results;
}

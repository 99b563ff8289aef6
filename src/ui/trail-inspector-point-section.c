/* trail-inspector-point-section.c — an emotion point in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include "trail-inspector-point-section.h"

struct _TrailInspectorPointSection
{
  TrailInspectorSection  parent_instance;

  AdwActionRow          *stage_row;
  GtkSpinButton         *score_spin;
  GtkTextView           *note_view;
};

G_DEFINE_FINAL_TYPE (TrailInspectorPointSection, trail_inspector_point_section, TRAIL_TYPE_INSPECTOR_SECTION)

static void
trail_inspector_point_section_load (TrailInspectorSection *section,
                                    GObject               *item)
{
  TrailInspectorPointSection *self = TRAIL_INSPECTOR_POINT_SECTION (section);
  TrailDocument *document = trail_inspector_section_get_document (section);
  TrailEmotionPoint *point = TRAIL_EMOTION_POINT (item);
  TrailStage *stage = trail_document_find_stage (document, trail_emotion_point_get_stage_id (point));
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->score_spin);

  /* The score's range is the map's scale. */
  gtk_adjustment_set_lower (adj, trail_document_get_scale_min (document));
  gtk_adjustment_set_upper (adj, trail_document_get_scale_max (document));
  gtk_spin_button_set_value (self->score_spin, trail_emotion_point_get_score (point));
  adw_action_row_set_subtitle (self->stage_row, stage != NULL ? trail_stage_get_name (stage) : "");
}

static gboolean
trail_inspector_point_section_concerns (TrailInspectorSection *section,
                                        TrailChangeFlags       what,
                                        GObject               *object)
{
  return object == trail_inspector_section_get_item (section) ||
         (what & (TRAIL_CHANGE_SCALE | TRAIL_CHANGE_STAGES)) != 0;
}

/* A score is a move of the point, like a drag on the canvas. */
static void
trail_inspector_point_section_write (TrailInspectorSection *section,
                                     GObject               *item,
                                     const char            *property,
                                     const GValue          *value)
{
  TrailDocument *document = trail_inspector_section_get_document (section);
  TrailEmotionPoint *point = TRAIL_EMOTION_POINT (item);

  if (g_str_equal (property, "score"))
    trail_document_set_emotion_point (document, point,
                                      trail_document_find_stage (document, trail_emotion_point_get_stage_id (point)),
                                      trail_emotion_point_get_position (point), g_value_get_double (value));
  else
    TRAIL_INSPECTOR_SECTION_CLASS (trail_inspector_point_section_parent_class)->write (section, item,
                                                                                         property, value);
}

static void
trail_inspector_point_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_POINT_SECTION);

  G_OBJECT_CLASS (trail_inspector_point_section_parent_class)->dispose (object);
}

static void
trail_inspector_point_section_class_init (TrailInspectorPointSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_point_section_dispose;
  section_class->load = trail_inspector_point_section_load;
  section_class->concerns = trail_inspector_point_section_concerns;
  section_class->write = trail_inspector_point_section_write;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-point-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPointSection, stage_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPointSection, score_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPointSection, note_view);
}

static void
trail_inspector_point_section_init (TrailInspectorPointSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_spin (section, self->score_spin, "score");
  trail_inspector_section_bind_text (section, self->note_view, "note");
}

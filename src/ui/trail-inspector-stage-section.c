/* trail-inspector-stage-section.c — a stage in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include "trail-inspector-stage-section.h"

struct _TrailInspectorStageSection
{
  TrailInspectorSection  parent_instance;

  AdwEntryRow           *name_row;
  GtkTextView           *description_view;
  GtkTextView           *presenter_notes_view;
  GtkWidget             *color_button;
};

G_DEFINE_FINAL_TYPE (TrailInspectorStageSection, trail_inspector_stage_section, TRAIL_TYPE_INSPECTOR_SECTION)

static void
trail_inspector_stage_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_STAGE_SECTION);

  G_OBJECT_CLASS (trail_inspector_stage_section_parent_class)->dispose (object);
}

static void
trail_inspector_stage_section_class_init (TrailInspectorStageSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_inspector_stage_section_dispose;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-stage-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, description_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, presenter_notes_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, color_button);
}

static void
trail_inspector_stage_section_init (TrailInspectorStageSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_entry (section, self->name_row, "name");
  trail_inspector_section_bind_text (section, self->description_view, "description");
  trail_inspector_section_bind_text (section, self->presenter_notes_view, "presenter-notes");
  trail_inspector_section_bind_color (section, self->color_button, "color");
}

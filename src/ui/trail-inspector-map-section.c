/* trail-inspector-map-section.c — the map itself in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include "trail-inspector-map-section.h"

struct _TrailInspectorMapSection
{
  TrailInspectorSection  parent_instance;

  AdwEntryRow           *title_row;
  GtkTextView           *objective_view;
  GtkTextView           *scope_view;
  GtkTextView           *notes_view;
  GtkSpinButton         *scale_min;
  GtkSpinButton         *scale_max;
  AdwComboRow           *crowd_row;
};

G_DEFINE_FINAL_TYPE (TrailInspectorMapSection, trail_inspector_map_section, TRAIL_TYPE_INSPECTOR_SECTION)

static void
on_apply_scale_clicked_cb (TrailInspectorMapSection *self)
{
  TrailDocument *document = trail_inspector_section_get_document (TRAIL_INSPECTOR_SECTION (self));
  int min = gtk_spin_button_get_value_as_int (self->scale_min);
  int max = gtk_spin_button_get_value_as_int (self->scale_max);

  if (document == NULL)
    return;
  if (max <= min)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      trail_inspector_section_reload (TRAIL_INSPECTOR_SECTION (self));
      return;
    }
  if (min != trail_document_get_scale_min (document) || max != trail_document_get_scale_max (document))
    trail_document_set_scale (document, min, max, NULL);
}

static void
on_crowd_selected_cb (TrailInspectorMapSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  TrailDocument *document = trail_inspector_section_get_document (section);

  if (document == NULL || trail_inspector_section_is_loading (section))
    return;
  /* The rows are in TrailCrowdStatistic's order. */
  trail_document_set_crowd_statistic (document, adw_combo_row_get_selected (self->crowd_row) == 1
                                                ? TRAIL_CROWD_MEDIAN : TRAIL_CROWD_MEAN);
}

static void
trail_inspector_map_section_load (TrailInspectorSection *section,
                                  GObject               *item)
{
  TrailInspectorMapSection *self = TRAIL_INSPECTOR_MAP_SECTION (section);
  TrailDocument *document = TRAIL_DOCUMENT (item);

  /* The scale is applied with its button, not field by field. */
  gtk_spin_button_set_value (self->scale_min, trail_document_get_scale_min (document));
  gtk_spin_button_set_value (self->scale_max, trail_document_get_scale_max (document));
  adw_combo_row_set_selected (self->crowd_row,
                              trail_document_get_crowd_statistic (document) == TRAIL_CROWD_MEDIAN ? 1 : 0);
}

static gboolean
trail_inspector_map_section_concerns (TrailInspectorSection *section,
                                      TrailChangeFlags       what,
                                      GObject               *object)
{
  return (what & (TRAIL_CHANGE_META | TRAIL_CHANGE_SCALE | TRAIL_CHANGE_RATINGS)) != 0 && TRAIL_IS_DOCUMENT (object);
}

static void
trail_inspector_map_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_MAP_SECTION);

  G_OBJECT_CLASS (trail_inspector_map_section_parent_class)->dispose (object);
}

static void
trail_inspector_map_section_class_init (TrailInspectorMapSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_map_section_dispose;
  section_class->load = trail_inspector_map_section_load;
  section_class->concerns = trail_inspector_map_section_concerns;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-map-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, title_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, objective_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, scope_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, scale_min);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, scale_max);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorMapSection, crowd_row);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_scale_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_crowd_selected_cb);
}

static void
trail_inspector_map_section_init (TrailInspectorMapSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_entry (section, self->title_row, "title");
  trail_inspector_section_bind_text (section, self->objective_view, "objective");
  trail_inspector_section_bind_text (section, self->scope_view, "scope");
  trail_inspector_section_bind_text (section, self->notes_view, "notes");
  trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (self->crowd_row));
}

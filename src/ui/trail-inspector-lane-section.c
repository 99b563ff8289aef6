/* trail-inspector-lane-section.c — a lane in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-inspector-lane-section.h"

struct _TrailInspectorLaneSection
{
  TrailInspectorSection  parent_instance;

  AdwEntryRow           *title_row;
  AdwComboRow           *kind_row;
  GtkSwitch             *hidden_switch;
  AdwComboRow           *persona_row;

  GtkStringList         *persona_names;  /* "Everyone", then the map's personas */
  GPtrArray             *persona_ids;    /* row position → persona id, NULL for everyone */
};

G_DEFINE_FINAL_TYPE (TrailInspectorLaneSection, trail_inspector_lane_section, TRAIL_TYPE_INSPECTOR_SECTION)

static const char *lane_kind_label (int v) { return trail_lane_kind_get_label (v); }

static gboolean
persona_choices_match (TrailInspectorLaneSection *self,
                       GListModel                *personas)
{
  guint n = g_list_model_get_n_items (personas);

  if (self->persona_ids->len != n + 1)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      if (g_strcmp0 (g_ptr_array_index (self->persona_ids, i + 1), trail_persona_get_id (persona)) != 0 ||
          g_strcmp0 (gtk_string_list_get_string (self->persona_names, i + 1), trail_persona_get_name (persona)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The choices are rebuilt only when the personas changed: this runs again
 * after each choice (the lane changed), and replacing the row's model
 * from inside its own "selected" notification frees the selection model
 * that is still notifying. */
static void
load_persona_choices (TrailInspectorLaneSection *self,
                      TrailLane                 *lane)
{
  TrailDocument *document = trail_inspector_section_get_document (TRAIL_INSPECTOR_SECTION (self));
  GListModel *personas = trail_document_get_personas (document);
  const char *current = trail_lane_get_persona_id (lane);
  guint selected = 0;

  if (!persona_choices_match (self, personas))
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_ptr_array_set_size (self->persona_ids, 0);
      gtk_string_list_append (names, _("Everyone"));
      g_ptr_array_add (self->persona_ids, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
        {
          g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

          gtk_string_list_append (names, trail_persona_get_name (persona));
          g_ptr_array_add (self->persona_ids, g_strdup (trail_persona_get_id (persona)));
        }
      g_set_object (&self->persona_names, names);
      adw_combo_row_set_model (self->persona_row, G_LIST_MODEL (names));
    }

  for (guint i = 1; i < self->persona_ids->len; i++)
    if (g_strcmp0 (current, g_ptr_array_index (self->persona_ids, i)) == 0)
      selected = i;
  if (adw_combo_row_get_selected (self->persona_row) != selected)
    adw_combo_row_set_selected (self->persona_row, selected);
}

static void
on_persona_selected_cb (TrailInspectorLaneSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GObject *item = trail_inspector_section_get_item (section);
  guint selected = adw_combo_row_get_selected (self->persona_row);
  const char *persona_id;

  if (trail_inspector_section_is_loading (section) || !TRAIL_IS_LANE (item) ||
      selected >= self->persona_ids->len)
    return;

  trail_inspector_section_commit (section);
  persona_id = g_ptr_array_index (self->persona_ids, selected);
  if (g_strcmp0 (persona_id, trail_lane_get_persona_id (TRAIL_LANE (item))) != 0)
    trail_document_update (trail_inspector_section_get_document (section), item, "persona-id", persona_id, NULL);
}

static void
trail_inspector_lane_section_load (TrailInspectorSection *section,
                                   GObject               *item)
{
  load_persona_choices (TRAIL_INSPECTOR_LANE_SECTION (section), TRAIL_LANE (item));
}

static gboolean
trail_inspector_lane_section_concerns (TrailInspectorSection *section,
                                       TrailChangeFlags       what,
                                       GObject               *object)
{
  return object == trail_inspector_section_get_item (section) || (what & TRAIL_CHANGE_PERSONAS) != 0;
}

static void
trail_inspector_lane_section_dispose (GObject *object)
{
  TrailInspectorLaneSection *self = TRAIL_INSPECTOR_LANE_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_LANE_SECTION);
  g_clear_object (&self->persona_names);

  G_OBJECT_CLASS (trail_inspector_lane_section_parent_class)->dispose (object);
}

static void
trail_inspector_lane_section_finalize (GObject *object)
{
  TrailInspectorLaneSection *self = TRAIL_INSPECTOR_LANE_SECTION (object);

  g_clear_pointer (&self->persona_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (trail_inspector_lane_section_parent_class)->finalize (object);
}

static void
trail_inspector_lane_section_class_init (TrailInspectorLaneSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_lane_section_dispose;
  object_class->finalize = trail_inspector_lane_section_finalize;
  section_class->load = trail_inspector_lane_section_load;
  section_class->concerns = trail_inspector_lane_section_concerns;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-lane-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorLaneSection, title_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorLaneSection, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorLaneSection, hidden_switch);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorLaneSection, persona_row);
}

static void
trail_inspector_lane_section_init (TrailInspectorLaneSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);

  self->persona_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_entry (section, self->title_row, "title");
  trail_inspector_section_bind_combo (section, self->kind_row, "kind", TRAIL_TYPE_LANE_KIND, lane_kind_label);
  trail_inspector_section_bind_switch (section, self->hidden_switch, "hidden");
  trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (self->persona_row));
  g_signal_connect_object (self->persona_row, "notify::selected",
                           G_CALLBACK (on_persona_selected_cb), self, G_CONNECT_SWAPPED);
}

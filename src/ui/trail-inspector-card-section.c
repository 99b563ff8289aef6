/* trail-inspector-card-section.c — one card in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-document-edits.h"
#include "trail-inspector-card-actions.h"
#include "trail-inspector-card-section.h"

struct _TrailInspectorCardSection
{
  TrailInspectorSection  parent_instance;

  GtkTextView           *text_view;
  GtkTextView           *details_view;
  AdwComboRow           *channel_row;
  AdwComboRow           *priority_row;
  GtkSpinButton         *votes_spin;
  GtkWidget             *color_button;
  AdwComboRow           *evidence_row;
  AdwComboRow           *source_row;
  AdwEntryRow           *evidence_note_row;
  AdwPreferencesGroup   *tags_group;
  AdwPreferencesGroup   *actions_group;
  TrailCardActions      *actions;
  AdwPreferencesGroup   *metric_group;
  AdwEntryRow           *metric_values_row;
  AdwEntryRow           *metric_unit_row;
  AdwEntryRow           *metric_target_row;

  GPtrArray             *tag_rows;       /* AdwActionRow, one per persona */
  GtkStringList         *channel_names;  /* the standard channels, then the map's own */
  GPtrArray             *channel_ids;    /* row position → a map channel's id; NULL for a standard one */
  GEnumClass            *channel_class;  /* row position → standard channel, for the first rows */
  gpointer               loaded_card;    /* compared only: the card last shown */
};

G_DEFINE_FINAL_TYPE (TrailInspectorCardSection, trail_inspector_card_section, TRAIL_TYPE_INSPECTOR_SECTION)

static const char *evidence_label (int v) { return trail_evidence_get_label (v); }
static const char *source_label (int v) { return trail_evidence_source_get_label (v); }
static const char *priority_label (int v) { return trail_priority_get_label (v); }

/* ---- Channel ------------------------------------------------------------ */

static gboolean
channel_choices_match (TrailInspectorCardSection *self,
                       GListModel                *channels)
{
  guint n_standard = self->channel_class->n_values;
  guint n = g_list_model_get_n_items (channels);

  if (self->channel_names == NULL || self->channel_ids->len != n_standard + n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailCustomChannel) channel = g_list_model_get_item (channels, i);

      if (g_strcmp0 (g_ptr_array_index (self->channel_ids, n_standard + i), trail_custom_channel_get_id (channel)) != 0 ||
          g_strcmp0 (gtk_string_list_get_string (self->channel_names, n_standard + i),
                     trail_custom_channel_get_name (channel)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The list is rebuilt only when the map's channels change, never from
 * inside the row's own "selected" notification (a choice reloads the card). */
static void
load_channel (TrailInspectorCardSection *self,
              TrailCard                 *card)
{
  TrailDocument *document = trail_inspector_section_get_document (TRAIL_INSPECTOR_SECTION (self));
  GListModel *channels = trail_document_get_channels (document);
  const char *custom = trail_card_get_custom_channel (card);
  guint selected = 0;

  if (!channel_choices_match (self, channels))
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_ptr_array_set_size (self->channel_ids, 0);
      for (guint i = 0; i < self->channel_class->n_values; i++)
        {
          gtk_string_list_append (names, trail_channel_get_label (self->channel_class->values[i].value));
          g_ptr_array_add (self->channel_ids, NULL);
        }
      for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
        {
          g_autoptr(TrailCustomChannel) channel = g_list_model_get_item (channels, i);

          gtk_string_list_append (names, trail_custom_channel_get_name (channel));
          g_ptr_array_add (self->channel_ids, g_strdup (trail_custom_channel_get_id (channel)));
        }
      g_set_object (&self->channel_names, names);
      adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (names));
    }

  for (guint i = 0; i < self->channel_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->channel_ids, i);

      if (custom != NULL ? g_strcmp0 (custom, id) == 0
                         : id == NULL && self->channel_class->values[i].value == (int) trail_card_get_channel (card))
        {
          selected = i;
          break;
        }
    }
  if (adw_combo_row_get_selected (self->channel_row) != selected)
    adw_combo_row_set_selected (self->channel_row, selected);
}

static void
on_channel_selected_cb (TrailInspectorCardSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  TrailDocument *document = trail_inspector_section_get_document (section);
  GObject *item = trail_inspector_section_get_item (section);
  guint selected = adw_combo_row_get_selected (self->channel_row);
  TrailChannel channel = TRAIL_CHANNEL_OTHER;
  TrailCustomChannel *custom = NULL;
  TrailCard *card;
  const char *id;

  if (trail_inspector_section_is_loading (section) || !TRAIL_IS_CARD (item) || selected >= self->channel_ids->len)
    return;

  trail_inspector_section_commit (section);
  card = TRAIL_CARD (item);
  id = g_ptr_array_index (self->channel_ids, selected);
  if (id != NULL)
    {
      if ((custom = trail_document_find_channel (document, id)) == NULL ||
          g_strcmp0 (id, trail_card_get_custom_channel (card)) == 0)
        return;
    }
  else
    {
      channel = self->channel_class->values[selected].value;
      if (trail_card_get_custom_channel (card) == NULL && trail_card_get_channel (card) == channel)
        return;
    }
  trail_document_set_card_channel (document, &card, 1, channel, custom);
}

/* ---- Persona tags ---------------------------------------------------------- */

static void
on_tag_toggled_cb (GtkCheckButton            *check,
                   TrailInspectorCardSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GObject *item = trail_inspector_section_get_item (section);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
  TrailCard *card;

  if (trail_inspector_section_is_loading (section) || !TRAIL_IS_CARD (item) || row == NULL)
    return;

  trail_inspector_section_commit (section);
  card = TRAIL_CARD (item);
  trail_document_set_persona_tag (trail_inspector_section_get_document (section), &card, 1,
                                  g_object_get_data (G_OBJECT (row), "persona-id"),
                                  gtk_check_button_get_active (check));
}

static gboolean
tag_rows_match (TrailInspectorCardSection *self,
                GListModel                *personas)
{
  guint n = g_list_model_get_n_items (personas);

  if (self->tag_rows->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      GtkWidget *row = g_ptr_array_index (self->tag_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "persona-id"), trail_persona_get_id (persona)) != 0 ||
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), trail_persona_get_name (persona)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
rebuild_tag_rows (TrailInspectorCardSection *self,
                  GListModel                *personas)
{
  guint n = g_list_model_get_n_items (personas);

  for (guint i = 0; i < self->tag_rows->len; i++)
    adw_preferences_group_remove (self->tags_group, g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      const char *name = trail_persona_get_name (persona);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (row), "persona-id", g_strdup (trail_persona_get_id (persona)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_tag_toggled_cb), self, 0);
      trail_inspector_section_label_row (TRAIL_INSPECTOR_SECTION (self), ADW_PREFERENCES_ROW (row));
      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->tag_rows, row);
    }
}

/* The rows are rebuilt only when the personas changed: a toggle changes
 * the card, which loads it again, and a check box must not be destroyed
 * from inside its own "toggled" handler. */
static void
load_tags (TrailInspectorCardSection *self,
           TrailCard                 *card)
{
  TrailDocument *document = trail_inspector_section_get_document (TRAIL_INSPECTOR_SECTION (self));
  const char * const *tags = trail_card_get_persona_tags (card);
  GListModel *personas = trail_document_get_personas (document);

  if (!tag_rows_match (self, personas))
    rebuild_tag_rows (self, personas);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_group), self->tag_rows->len > 0);

  for (guint i = 0; i < self->tag_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->tag_rows, i);
      const char *id = g_object_get_data (G_OBJECT (row), "persona-id");

      gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "check"),
                                   tags != NULL && g_strv_contains (tags, id));
    }
}

/* ---- Metric --------------------------------------------------------------- */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Typed the way people write them: "2026-03 3.1; 2026-04 2,7", with "=",
 * ":" or spaces between date and value, a decimal comma or point, ";" or
 * line breaks between entries. Returns the entries as the file keeps them
 * ("2026-03=3.1"), in date order, or NULL and a message. */
static char **
parse_metric_values (const char  *text,
                     char       **message)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ";\n", -1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char date[11];
      double value;
      gsize date_len;
      g_autofree char *number = NULL;
      g_autofree char *entry = NULL;

      if (part[0] == '\0')
        continue;
      date_len = strcspn (part, " \t=:");
      number = g_strstrip (g_strdup (part + date_len + strspn (part + date_len, " \t=:")));
      g_strdelimit (number, ",", '.');
      entry = g_strdup_printf ("%.*s=%s", (int) date_len, part, number);
      if (!trail_metric_value_parse (entry, date, &value))
        {
          /* Translators: %s is what was typed, e.g. "March 3.1" */
          *message = g_strdup_printf (_("“%s” is not a date and a number like “2026-03 3.1”"), part);
          return NULL;
        }
      for (guint j = 0; j < entries->len; j++)
        if (strncmp (g_ptr_array_index (entries, j), date, strlen (date)) == 0 &&
            ((char *) g_ptr_array_index (entries, j))[strlen (date)] == '=')
          {
            /* Translators: %s is a date, e.g. "2026-03" */
            *message = g_strdup_printf (_("%s has two values"), date);
            return NULL;
          }
      g_ptr_array_add (entries, g_strdup_printf ("%s=%s", date, number));
    }

  g_ptr_array_sort (entries, compare_entries);
  g_ptr_array_add (entries, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&entries), FALSE);
}

static char *
format_metric_values (TrailCard *card)
{
  const char * const *values = trail_card_get_metric_values (card);
  GString *text = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *eq = strchr (values[i], '=');

      if (text->len > 0)
        g_string_append (text, "; ");
      if (eq != NULL)
        g_string_append_printf (text, "%.*s %s", (int) (eq - values[i]), values[i], eq + 1);
      else
        g_string_append (text, values[i]);
    }
  return g_string_free (text, FALSE);
}

static void
show_row_problem (AdwEntryRow *row,
                  const char  *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
}

static gboolean
row_has_keyboard (AdwEntryRow *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));
}

/* Enter or leaving the row commits it, as the other fields do; what cannot
 * be read stays in the row, marked, and changes nothing. */
static void
commit_metric_values (TrailInspectorCardSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GObject *item = trail_inspector_section_get_item (section);
  TrailDocument *document = trail_inspector_section_get_document (section);
  g_autofree char *message = NULL;
  g_auto(GStrv) values = NULL;

  if (!TRAIL_IS_CARD (item) || document == NULL || trail_inspector_section_is_loading (section))
    return;

  values = parse_metric_values (gtk_editable_get_text (GTK_EDITABLE (self->metric_values_row)), &message);
  show_row_problem (self->metric_values_row, message);
  if (message != NULL)
    return;
  trail_document_update (document, item, "metric-values", values[0] != NULL ? values : NULL, NULL);
}

static void
commit_metric_target (TrailInspectorCardSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GObject *item = trail_inspector_section_get_item (section);
  TrailDocument *document = trail_inspector_section_get_document (section);
  g_autofree char *text = NULL;

  if (!TRAIL_IS_CARD (item) || document == NULL || trail_inspector_section_is_loading (section))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->metric_target_row))));
  g_strdelimit (text, ",", '.');
  if (text[0] != '\0' && !trail_metric_number_parse (text, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number like “3.5”"), text);

      show_row_problem (self->metric_target_row, message);
      return;
    }
  show_row_problem (self->metric_target_row, NULL);
  trail_document_update (document, item, "metric-target", text[0] != '\0' ? text : NULL, NULL);
}

static void
on_metric_focus_leave_cb (GtkEventControllerFocus   *controller,
                          TrailInspectorCardSection *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (row == GTK_WIDGET (self->metric_values_row))
    commit_metric_values (self);
  else
    commit_metric_target (self);
}

static void
watch_metric_row (TrailInspectorCardSection *self,
                  AdwEntryRow               *row,
                  GCallback                  commit)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (row, "entry-activated", commit, self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_metric_focus_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), controller);
}

/* Shown for cards of a KPIs lane and for metric cards anywhere. */
static void
load_metric (TrailInspectorCardSection *self,
             TrailCard                 *card,
             gboolean                   new_item)
{
  TrailDocument *document = trail_inspector_section_get_document (TRAIL_INSPECTOR_SECTION (self));
  TrailLane *lane = document != NULL ? trail_document_find_lane (document, trail_card_get_lane_id (card)) : NULL;
  gboolean shown = trail_card_is_metric (card) || trail_card_get_metric_target (card, NULL) ||
                   (lane != NULL && trail_lane_get_kind (lane) == TRAIL_LANE_KIND_KPIS);

  gtk_widget_set_visible (GTK_WIDGET (self->metric_group), shown);

  /* Text being typed stays, unless another card is shown. */
  if (new_item || !row_has_keyboard (self->metric_values_row))
    {
      g_autofree char *values = format_metric_values (card);

      gtk_editable_set_text (GTK_EDITABLE (self->metric_values_row), values);
      show_row_problem (self->metric_values_row, NULL);
    }
  if (new_item || !row_has_keyboard (self->metric_target_row))
    {
      const char *target = NULL;

      g_object_get (card, "metric-target", &target, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->metric_target_row), target != NULL ? target : "");
      g_free ((char *) target);
      show_row_problem (self->metric_target_row, NULL);
    }
}

static void
trail_inspector_card_section_load (TrailInspectorSection *section,
                                   GObject               *item)
{
  TrailInspectorCardSection *self = TRAIL_INSPECTOR_CARD_SECTION (section);
  gboolean new_item = self->loaded_card != (gpointer) item;

  self->loaded_card = item;
  load_channel (self, TRAIL_CARD (item));
  load_tags (self, TRAIL_CARD (item));
  load_metric (self, TRAIL_CARD (item), new_item);
  trail_card_actions_load (self->actions, TRAIL_CARD (item));
}

static gboolean
trail_inspector_card_section_concerns (TrailInspectorSection *section,
                                       TrailChangeFlags       what,
                                       GObject               *object)
{
  return object == trail_inspector_section_get_item (section) ||
         (what & (TRAIL_CHANGE_PERSONAS | TRAIL_CHANGE_CHANNELS | TRAIL_CHANGE_ACTIONS)) != 0;
}

static void
trail_inspector_card_section_dispose (GObject *object)
{
  TrailInspectorCardSection *self = TRAIL_INSPECTOR_CARD_SECTION (object);

  g_clear_object (&self->channel_names);
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_CARD_SECTION);

  G_OBJECT_CLASS (trail_inspector_card_section_parent_class)->dispose (object);
}

static void
trail_inspector_card_section_finalize (GObject *object)
{
  TrailInspectorCardSection *self = TRAIL_INSPECTOR_CARD_SECTION (object);

  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->actions, trail_card_actions_free);
  g_clear_pointer (&self->channel_ids, g_ptr_array_unref);
  g_clear_pointer (&self->channel_class, g_type_class_unref);

  G_OBJECT_CLASS (trail_inspector_card_section_parent_class)->finalize (object);
}

static void
trail_inspector_card_section_class_init (TrailInspectorCardSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_card_section_dispose;
  object_class->finalize = trail_inspector_card_section_finalize;
  section_class->load = trail_inspector_card_section_load;
  section_class->concerns = trail_inspector_card_section_concerns;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-card-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, text_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, details_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, channel_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, priority_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, votes_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, color_button);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, evidence_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, source_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, evidence_note_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, tags_group);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, actions_group);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, metric_group);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, metric_values_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, metric_unit_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorCardSection, metric_target_row);
}

static void
trail_inspector_card_section_init (TrailInspectorCardSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);

  /* The rows are the group's: the array only finds them again. */
  self->tag_rows = g_ptr_array_new ();
  self->channel_ids = g_ptr_array_new_with_free_func (g_free);
  self->channel_class = g_type_class_ref (TRAIL_TYPE_CHANNEL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->actions = trail_card_actions_new (section, self->actions_group);
  trail_inspector_section_bind_text (section, self->text_view, "text");
  trail_inspector_section_bind_text (section, self->details_view, "details");
  trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (self->channel_row));
  g_signal_connect_object (self->channel_row, "notify::selected",
                           G_CALLBACK (on_channel_selected_cb), self, G_CONNECT_SWAPPED);
  trail_inspector_section_bind_combo (section, self->priority_row, "priority", TRAIL_TYPE_PRIORITY, priority_label);
  trail_inspector_section_bind_spin (section, self->votes_spin, "votes");
  trail_inspector_section_bind_color (section, self->color_button, "color");
  trail_inspector_section_bind_combo (section, self->evidence_row, "evidence", TRAIL_TYPE_EVIDENCE, evidence_label);
  trail_inspector_section_bind_combo (section, self->source_row, "evidence-source",
                                      TRAIL_TYPE_EVIDENCE_SOURCE, source_label);
  trail_inspector_section_bind_entry (section, self->evidence_note_row, "evidence-note");
  trail_inspector_section_bind_entry (section, self->metric_unit_row, "metric-unit");
  trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (self->metric_values_row));
  trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (self->metric_target_row));
  watch_metric_row (self, self->metric_values_row, G_CALLBACK (commit_metric_values));
  watch_metric_row (self, self->metric_target_row, G_CALLBACK (commit_metric_target));
}

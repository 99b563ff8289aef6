/* trail-inspector-card-actions.c — the actions of the card the inspector
 * shows: one expander row each, with its title, owner, due date, status,
 * KPI, target and metric card, and a button that removes it
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-inspector-card-actions.h"

typedef struct
{
  TrailCardActions *owner;
  TrailAction      *action;
  AdwExpanderRow   *row;
  AdwEntryRow      *title_row;
  AdwEntryRow      *owner_row;
  AdwEntryRow      *due_row;
  AdwComboRow      *status_row;
  AdwEntryRow      *kpi_row;
  AdwEntryRow      *target_row;
  AdwComboRow      *metric_row;
  GPtrArray        *metric_ids;  /* char *: the metric row's cards after "None" */
} ActionRow;

struct _TrailCardActions
{
  TrailInspectorSection *section;  /* unowned: it owns us */
  AdwPreferencesGroup   *group;
  GPtrArray             *rows;     /* ActionRow */
  TrailCard             *card;     /* the card the rows were built for (unowned, compared only) */
  gboolean               loading;
};

static void
action_row_free (gpointer data)
{
  ActionRow *ar = data;

  g_clear_object (&ar->action);
  g_clear_pointer (&ar->metric_ids, g_ptr_array_unref);
  g_free (ar);
}

static TrailDocument *
get_document (TrailCardActions *self)
{
  return trail_inspector_section_get_document (self->section);
}

static void
set_subtitle (ActionRow *ar)
{
  TrailAction *action = ar->action;
  g_autoptr(GString) subtitle = g_string_new (trail_action_status_get_label (trail_action_get_status (action)));
  const char *title = trail_action_get_title (action);

  if (trail_action_get_owner (action) != NULL && trail_action_get_owner (action)[0] != '\0')
    g_string_append_printf (subtitle, " · %s", trail_action_get_owner (action));
  if (trail_action_get_due (action) != NULL)
    g_string_append_printf (subtitle, " · %s", trail_action_get_due (action));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ar->row),
                                 title != NULL && title[0] != '\0' ? title : _("Untitled Action"));
  adw_expander_row_set_subtitle (ar->row, subtitle->str);
  trail_inspector_section_label_row (ar->owner->section, ADW_PREFERENCES_ROW (ar->row));
}

/* Text still being typed is kept: a reload comes from any edit of the
 * action, and the other fields are written one by one. */
static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (gtk_widget_has_focus (GTK_WIDGET (row)) ||
      (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The metric row offers the map's metric cards (cards with values), by
 * their text; the list is rebuilt only when those cards changed. */
static void
load_metric_row (ActionRow *ar)
{
  TrailDocument *document = get_document (ar->owner);
  GListModel *cards = trail_document_get_cards (document);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *metric = trail_action_get_metric (ar->action);
  gboolean same = TRUE;
  guint selected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);

      if (!trail_card_is_metric (card) && g_strcmp0 (trail_card_get_id (card), metric) != 0)
        continue;
      g_ptr_array_add (ids, g_strdup (trail_card_get_id (card)));
      g_ptr_array_add (texts, g_strdup (trail_card_get_text (card)));
    }

  same = ar->metric_ids != NULL && ar->metric_ids->len == ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_str_equal (ids->pdata[i], ar->metric_ids->pdata[i]);
  if (same)
    {
      GListModel *model = adw_combo_row_get_model (ar->metric_row);

      for (guint i = 0; same && i < texts->len; i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i + 1);

          same = g_str_equal (gtk_string_object_get_string (item), texts->pdata[i]);
        }
    }
  if (!same)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

      /* Translators: no metric card measures the action */
      gtk_string_list_append (list, C_("metric", "None"));
      for (guint i = 0; i < texts->len; i++)
        gtk_string_list_append (list, texts->pdata[i]);
      g_clear_pointer (&ar->metric_ids, g_ptr_array_unref);
      ar->metric_ids = g_steal_pointer (&ids);
      adw_combo_row_set_model (ar->metric_row, G_LIST_MODEL (list));
    }
  for (guint i = 0; metric != NULL && i < ar->metric_ids->len; i++)
    if (g_str_equal (ar->metric_ids->pdata[i], metric))
      selected = i + 1;
  if (adw_combo_row_get_selected (ar->metric_row) != selected)
    adw_combo_row_set_selected (ar->metric_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (ar->metric_row), ar->metric_ids->len > 0);
}

static void
load_row (ActionRow *ar)
{
  set_subtitle (ar);
  set_entry (ar->title_row, trail_action_get_title (ar->action));
  set_entry (ar->owner_row, trail_action_get_owner (ar->action));
  set_entry (ar->due_row, trail_action_get_due (ar->action));
  set_entry (ar->kpi_row, trail_action_get_kpi (ar->action));
  set_entry (ar->target_row, trail_action_get_kpi_target (ar->action));
  gtk_widget_remove_css_class (GTK_WIDGET (ar->due_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (ar->target_row), "error");
  if (adw_combo_row_get_selected (ar->status_row) != (guint) trail_action_get_status (ar->action))
    adw_combo_row_set_selected (ar->status_row, trail_action_get_status (ar->action));
  load_metric_row (ar);
}

/* Writes one entry to its action; a due date that names no day is not
 * written, and the row says so until it is corrected. */
static void
commit_entry (AdwEntryRow *row,
              ActionRow   *ar)
{
  TrailCardActions *self = ar->owner;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->loading)
    return;

  if (row == ar->title_row)
    {
      if (g_strcmp0 (text, trail_action_get_title (ar->action)) != 0)
        trail_document_update (get_document (self), ar->action, "title", text, NULL);
    }
  else if (row == ar->owner_row)
    {
      if (g_strcmp0 (stripped, trail_action_get_owner (ar->action) != NULL ? trail_action_get_owner (ar->action) : "") != 0)
        trail_document_update (get_document (self), ar->action, "owner", stripped, NULL);
    }
  else if (row == ar->kpi_row)
    {
      const char *kpi = stripped[0] != '\0' ? stripped : NULL;

      if (g_strcmp0 (kpi, trail_action_get_kpi (ar->action)) != 0)
        trail_document_update (get_document (self), ar->action, "kpi", kpi, NULL);
    }
  else if (row == ar->target_row)
    {
      /* A target is a number (the file says so), compared with the
       * metric's values; anything else is not written. */
      const char *target = stripped[0] != '\0' ? stripped : NULL;

      if (target != NULL && !trail_metric_number_parse (target, NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      if (g_strcmp0 (target, trail_action_get_kpi_target (ar->action)) != 0)
        trail_document_update (get_document (self), ar->action, "kpi-target", target, NULL);
    }
  else
    {
      const char *due = stripped[0] != '\0' ? stripped : NULL;

      if (due != NULL && !trail_action_due_is_valid (due))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      if (g_strcmp0 (due, trail_action_get_due (ar->action)) != 0)
        trail_document_update (get_document (self), ar->action, "due", due, NULL);
    }
}

static void
on_entry_activated_cb (AdwEntryRow *row,
                       ActionRow   *ar)
{
  commit_entry (row, ar);
}

static void
on_entry_leave_cb (GtkEventControllerFocus *controller,
                   ActionRow               *ar)
{
  commit_entry (ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))), ar);
}

static void
on_status_selected_cb (AdwComboRow *combo,
                       GParamSpec  *pspec,
                       ActionRow   *ar)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (ar->owner->loading || selected > TRAIL_ACTION_STATUS_DROPPED ||
      selected == (guint) trail_action_get_status (ar->action))
    return;
  trail_document_update (get_document (ar->owner), ar->action, "status", (TrailActionStatus) selected, NULL);
}

static void
on_metric_selected_cb (AdwComboRow *combo,
                       GParamSpec  *pspec,
                       ActionRow   *ar)
{
  guint selected = adw_combo_row_get_selected (combo);
  const char *metric;

  if (ar->owner->loading || ar->metric_ids == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected > ar->metric_ids->len)
    return;
  metric = selected > 0 ? ar->metric_ids->pdata[selected - 1] : NULL;
  if (g_strcmp0 (metric, trail_action_get_metric (ar->action)) != 0)
    trail_document_update (get_document (ar->owner), ar->action, "metric", metric, NULL);
}

static void
on_remove_activated_cb (AdwActionRow *row,
                        ActionRow    *ar)
{
  g_autoptr(TrailAction) action = g_object_ref (ar->action);

  /* The row goes with the action: nothing of @ar is used after this. */
  trail_document_remove_action (get_document (ar->owner), action);
}

static AdwEntryRow *
add_entry (TrailCardActions *self,
           ActionRow        *ar,
           const char       *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  GtkEventController *focus = gtk_event_controller_focus_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), ar);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave_cb), ar);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
  trail_inspector_section_label_row (self->section, ADW_PREFERENCES_ROW (row));
  adw_expander_row_add_row (ar->row, GTK_WIDGET (row));
  return row;
}

static ActionRow *
build_row (TrailCardActions *self,
           TrailAction      *action)
{
  ActionRow *ar = g_new0 (ActionRow, 1);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkWidget *remove;

  ar->owner = self;
  ar->action = g_object_ref (action);
  ar->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  ar->title_row = add_entry (self, ar, _("Title"));
  ar->owner_row = add_entry (self, ar, _("Owner"));
  ar->due_row = add_entry (self, ar, _("Due (YYYY-MM-DD)"));

  for (int s = TRAIL_ACTION_STATUS_IDEA; s <= TRAIL_ACTION_STATUS_DROPPED; s++)
    gtk_string_list_append (statuses, trail_action_status_get_label (s));
  ar->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ar->status_row), _("Status"));
  adw_combo_row_set_model (ar->status_row, G_LIST_MODEL (statuses));
  g_signal_connect (ar->status_row, "notify::selected", G_CALLBACK (on_status_selected_cb), ar);
  trail_inspector_section_label_row (self->section, ADW_PREFERENCES_ROW (ar->status_row));
  adw_expander_row_add_row (ar->row, GTK_WIDGET (ar->status_row));

  ar->kpi_row = add_entry (self, ar, _("KPI"));
  ar->target_row = add_entry (self, ar, _("Target (a number)"));
  ar->metric_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ar->metric_row), _("Metric Card"));
  g_signal_connect (ar->metric_row, "notify::selected", G_CALLBACK (on_metric_selected_cb), ar);
  trail_inspector_section_label_row (self->section, ADW_PREFERENCES_ROW (ar->metric_row));
  adw_expander_row_add_row (ar->row, GTK_WIDGET (ar->metric_row));

  /* A row, not a button: it lines up with the fields, and tests find it
   * by its title as they find them. */
  remove = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove), _("Remove Action"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (remove), gtk_image_new_from_icon_name ("user-trash-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (remove), TRUE);
  gtk_widget_add_css_class (remove, "error");
  g_signal_connect (remove, "activated", G_CALLBACK (on_remove_activated_cb), ar);
  trail_inspector_section_label_row (self->section, ADW_PREFERENCES_ROW (remove));
  adw_expander_row_add_row (ar->row, remove);

  adw_preferences_group_add (self->group, GTK_WIDGET (ar->row));
  return ar;
}

static gboolean
rows_match (TrailCardActions *self,
            GPtrArray        *actions)
{
  if (self->rows->len != actions->len)
    return FALSE;
  for (guint i = 0; i < actions->len; i++)
    if (((ActionRow *) g_ptr_array_index (self->rows, i))->action != g_ptr_array_index (actions, i))
      return FALSE;
  return TRUE;
}

void
trail_card_actions_load (TrailCardActions *self,
                         TrailCard        *card)
{
  TrailDocument *document = get_document (self);
  g_autoptr(GPtrArray) actions = trail_document_dup_card_actions (document, card);
  ActionRow *opened = NULL;

  self->loading = TRUE;
  /* The rows are rebuilt only when the card or its list of actions
   * changed, never for an edit of a field (that would destroy the row
   * being typed in). An action added while its card is shown opens. */
  if (!rows_match (self, actions))
    {
      g_autoptr(GPtrArray) old = g_steal_pointer (&self->rows);
      gboolean same_card = self->card == card;

      self->rows = g_ptr_array_new_with_free_func (action_row_free);
      for (guint i = 0; i < actions->len; i++)
        {
          TrailAction *action = g_ptr_array_index (actions, i);
          gboolean known = FALSE;
          ActionRow *ar;

          for (guint j = 0; j < old->len && !known; j++)
            known = ((ActionRow *) g_ptr_array_index (old, j))->action == action;
          ar = build_row (self, action);
          if (same_card && !known)
            {
              adw_expander_row_set_expanded (ar->row, TRUE);
              opened = ar;
            }
          g_ptr_array_add (self->rows, ar);
        }
      for (guint j = 0; j < old->len; j++)
        adw_preferences_group_remove (self->group, GTK_WIDGET (((ActionRow *) g_ptr_array_index (old, j))->row));
    }
  self->card = card;
  for (guint i = 0; i < self->rows->len; i++)
    load_row (g_ptr_array_index (self->rows, i));
  self->loading = FALSE;

  /* A new action's title is typed next, as a new card's text is; the
   * inspector scrolls to it. */
  if (opened != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->group)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (opened->title_row));
      gtk_editable_select_region (GTK_EDITABLE (opened->title_row), 0, -1);
    }
}

TrailCardActions *
trail_card_actions_new (TrailInspectorSection *section,
                        AdwPreferencesGroup   *group)
{
  TrailCardActions *self = g_new0 (TrailCardActions, 1);

  self->section = section;
  self->group = group;
  self->rows = g_ptr_array_new_with_free_func (action_row_free);
  return self;
}

void
trail_card_actions_free (TrailCardActions *self)
{
  g_ptr_array_unref (self->rows);
  g_free (self);
}

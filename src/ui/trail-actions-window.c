/* trail-actions-window.c — every action of a map in one table, edited in
 * place
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window beside the map, one per map window: title, status, owner, due
 * date, the cards addressed and the KPI, one row per action, each column
 * sortable; a bar above filters by text, status, owner and stage. Title
 * and owner are editable labels (Enter or F2 edits, Escape cancels),
 * status a drop-down and the due date a calendar in a popover; every edit
 * is one trail_document_update(), so one undo step, and the table follows
 * the model's signals (undo, redo, the inspector) rather than owning
 * anything. The cards cell is a button that selects the action's cards
 * on the map, as activating the row (a double-click) does; Export CSV… writes
 * trail_document_actions_to_csv() through the safe file writer.
 */
#define G_LOG_DOMAIN "trail-actions-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-actions-window.h"
#include "trail-canvas.h"
#include "trail-compat.h"
#include "trail-file-writer.h"
#include "trail-window.h"

#define WINDOW_KEY "trail-actions-window"

typedef enum
{
  COLUMN_TITLE,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_DUE,
  COLUMN_CARDS,
  COLUMN_KPI,
  N_COLUMNS
} Column;

typedef struct
{
  GtkWindow          *window;
  TrailDocument      *document;
  TrailMapView       *view;          /* weak: the map may close first */
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSearchEntry     *search;
  GtkDropDown        *status_filter;
  GtkDropDown        *owner_filter;
  GtkDropDown        *stage_filter;
  GtkStack           *stack;
  GtkWidget          *filter_bar;
  GPtrArray          *sorters;       /* the columns' GtkSorters */
  GPtrArray          *stage_ids;     /* char *, parallel to the stage filter's items after "All" */
  GHashTable         *title_cells;   /* TrailAction → its title's GtkEditableLabel (unowned) */
  char               *added_id;      /* an action added while the window is open: selected once shown */
  guint               refresh_id;
  gboolean            filling;       /* the filter drop-downs are being refilled */
} ActionsView;

static void
actions_view_free (gpointer data)
{
  ActionsView *av = data;

  g_clear_handle_id (&av->refresh_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (av->document, av);
  g_signal_handlers_disconnect_by_data (trail_document_get_actions (av->document), av);
  g_clear_object (&av->document);
  g_clear_weak_pointer (&av->view);
  g_clear_pointer (&av->sorters, g_ptr_array_unref);
  g_clear_pointer (&av->stage_ids, g_ptr_array_unref);
  g_clear_pointer (&av->title_cells, g_hash_table_unref);
  g_free (av->added_id);
  g_free (av);
}

static char *
dup_cards_text (TrailDocument *document,
                TrailAction   *action)
{
  const char * const *cards = trail_action_get_cards (action);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    {
      TrailCard *card = trail_document_find_card (document, cards[i]);

      if (card == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, trail_card_get_text (card));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_kpi_text (TrailAction *action)
{
  const char *kpi = trail_action_get_kpi (action);
  const char *target = trail_action_get_kpi_target (action);

  if (target != NULL && target[0] != '\0')
    /* Translators: an action's KPI and its target in the Actions table, "NPS → 40" */
    return g_strdup_printf (_("%s → %s"), kpi != NULL ? kpi : "", target);
  return g_strdup (kpi);
}

static char *
dup_column_text (TrailDocument *document,
                 TrailAction   *action,
                 Column         column)
{
  switch (column)
    {
    case COLUMN_TITLE:
      return g_strdup (trail_action_get_title (action));
    case COLUMN_STATUS:
      return g_strdup (trail_action_status_get_label (trail_action_get_status (action)));
    case COLUMN_OWNER:
      return g_strdup (trail_action_get_owner (action));
    case COLUMN_DUE:
      return g_strdup (trail_action_get_due (action));
    case COLUMN_KPI:
      return dup_kpi_text (action);
    case COLUMN_CARDS:
    case N_COLUMNS:
    default:
      return dup_cards_text (document, action);
    }
}

/* ---- Filtering --------------------------------------------------------------- */

static const char *
get_selected_string (GtkDropDown *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
action_in_stage (ActionsView *av,
                 TrailAction *action,
                 const char  *stage_id)
{
  const char * const *cards = trail_action_get_cards (action);

  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    {
      TrailCard *card = trail_document_find_card (av->document, cards[i]);

      if (card != NULL && g_strcmp0 (trail_card_get_stage_id (card), stage_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
text_matches (const char *text,
              const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

/* Position 0 of each drop-down is "All …"; the owner list holds the
 * owners' own strings, the stage list names, with ids beside it. */
static gboolean
filter_action_cb (gpointer item,
                  gpointer user_data)
{
  ActionsView *av = user_data;
  TrailAction *action = item;
  guint status = gtk_drop_down_get_selected (av->status_filter);
  guint owner = gtk_drop_down_get_selected (av->owner_filter);
  guint stage = gtk_drop_down_get_selected (av->stage_filter);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (av->search));

  if (status != 0 && status != GTK_INVALID_LIST_POSITION &&
      (guint) trail_action_get_status (action) != status - 1)
    return FALSE;
  if (owner != 0 && owner != GTK_INVALID_LIST_POSITION &&
      g_strcmp0 (trail_action_get_owner (action), get_selected_string (av->owner_filter)) != 0)
    return FALSE;
  if (stage != 0 && stage != GTK_INVALID_LIST_POSITION && stage - 1 < av->stage_ids->len &&
      !action_in_stage (av, action, g_ptr_array_index (av->stage_ids, stage - 1)))
    return FALSE;
  if (search != NULL && search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *cards = dup_cards_text (av->document, action);

      if (!text_matches (trail_action_get_title (action), needle) &&
          !text_matches (trail_action_get_owner (action), needle) &&
          !text_matches (cards, needle) &&
          !text_matches (trail_action_get_kpi (action), needle))
        return FALSE;
    }
  return TRUE;
}

static gboolean
string_list_equals (GListModel *model,
                    GPtrArray  *strings)
{
  if (g_list_model_get_n_items (model) != strings->len)
    return FALSE;
  for (guint i = 0; i < strings->len; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), strings->pdata[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Refills a filter drop-down when its choices changed, keeping the
 * choice made by position @keep (GTK_INVALID_LIST_POSITION: "All"). */
static void
fill_drop_down (ActionsView *av,
                GtkDropDown *drop_down,
                GPtrArray   *strings,
                guint        keep)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);
  g_autoptr(GtkStringList) list = NULL;

  if (string_list_equals (model, strings))
    return;
  list = gtk_string_list_new (NULL);
  for (guint i = 0; i < strings->len; i++)
    gtk_string_list_append (list, strings->pdata[i]);
  av->filling = TRUE;
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (drop_down, keep != GTK_INVALID_LIST_POSITION ? keep : 0);
  av->filling = FALSE;
}

static int
compare_strings_cb (gconstpointer a,
                    gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The owners named by any action, sorted, after "All Owners"; an owner
 * chosen stays a choice while the filter is on, even with no action
 * left. */
static void
fill_owner_filter (ActionsView *av)
{
  GListModel *actions = trail_document_get_actions (av->document);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  const char *chosen = gtk_drop_down_get_selected (av->owner_filter) > 0
                       ? get_selected_string (av->owner_filter) : NULL;
  g_autofree char *keep_owner = g_strdup (chosen);
  guint keep = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      TrailAction *action = g_list_model_get_item (actions, i);
      const char *owner = trail_action_get_owner (action);

      g_ptr_array_add (refs, action);
      if (owner != NULL && owner[0] != '\0' && g_hash_table_add (seen, (gpointer) owner))
        g_ptr_array_add (owners, (gpointer) owner);
    }
  if (keep_owner != NULL && !g_hash_table_contains (seen, keep_owner))
    g_ptr_array_add (owners, keep_owner);
  g_ptr_array_sort (owners, compare_strings_cb);

  g_ptr_array_add (strings, (gpointer) _("All Owners"));
  for (guint i = 0; i < owners->len; i++)
    {
      if (keep_owner != NULL && g_str_equal (owners->pdata[i], keep_owner))
        keep = i + 1;
      g_ptr_array_add (strings, owners->pdata[i]);
    }
  fill_drop_down (av, av->owner_filter, strings, keep);
}

static void
fill_stage_filter (ActionsView *av)
{
  GListModel *stages = trail_document_get_stages (av->document);
  guint chosen = gtk_drop_down_get_selected (av->stage_filter);
  g_autofree char *keep_id = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  guint keep = GTK_INVALID_LIST_POSITION;

  if (chosen != 0 && chosen != GTK_INVALID_LIST_POSITION && chosen - 1 < av->stage_ids->len)
    keep_id = g_strdup (g_ptr_array_index (av->stage_ids, chosen - 1));

  g_ptr_array_set_size (av->stage_ids, 0);
  g_ptr_array_add (strings, g_strdup (_("All Stages")));
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      const char *name = trail_stage_get_name (stage);

      if (keep_id != NULL && g_str_equal (keep_id, trail_stage_get_id (stage)))
        keep = i + 1;
      g_ptr_array_add (av->stage_ids, g_strdup (trail_stage_get_id (stage)));
      /* Translators: a stage without a name in the Actions window's stage filter; %u is its number */
      g_ptr_array_add (strings, name != NULL && name[0] != '\0' ? g_strdup (name)
                                                                : g_strdup_printf (_("Stage %u"), i + 1));
    }
  fill_drop_down (av, av->stage_filter, strings, keep);
}

static void
update_stack (ActionsView *av)
{
  const char *page = "table";

  gboolean any = g_list_model_get_n_items (trail_document_get_actions (av->document)) > 0;

  /* Nothing to filter in a map without actions. */
  gtk_widget_set_visible (av->filter_bar, any);
  if (!any)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (av->filtered)) == 0)
    page = "no-match";
  gtk_stack_set_visible_child_name (av->stack, page);
}

static void
select_action (ActionsView *av,
               const char  *id)
{
  GListModel *model = G_LIST_MODEL (av->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (model, i);

      if (g_str_equal (trail_action_get_id (action), id))
        {
          gtk_single_selection_set_selected (av->selection, i);
          /* Scrolling a row into view is 4.12 API; on 4.8 the row
           * widget is made visible by focusing it. */
#if GTK_CHECK_VERSION (4, 12, 0)
          gtk_column_view_scroll_to (av->column_view, i, NULL, GTK_LIST_SCROLL_NONE, NULL);
#endif
          return;
        }
    }
}

/* One pass after a burst of edits: the filter choices, the filter and
 * the sort order follow the actions' new values. Filter and sort models
 * report only the rows that moved, so the selection and the scroll
 * position stay where they were. */
static gboolean
refresh_cb (gpointer data)
{
  ActionsView *av = data;

  av->refresh_id = 0;
  fill_owner_filter (av);
  fill_stage_filter (av);
  gtk_filter_changed (GTK_FILTER (av->filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < av->sorters->len; i++)
    gtk_sorter_changed (av->sorters->pdata[i], GTK_SORTER_CHANGE_DIFFERENT);
  update_stack (av);
  if (av->added_id != NULL)
    {
      g_autofree char *id = g_steal_pointer (&av->added_id);

      select_action (av, id);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ActionsView *av)
{
  if (av->refresh_id == 0)
    av->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE - 10, refresh_cb, av, NULL);
}

static void
on_document_changed_cb (TrailDocument    *document,
                        TrailChangeFlags  what,
                        GObject          *object,
                        ActionsView      *av)
{
  queue_refresh (av);
}

static void
on_actions_changed_cb (GListModel  *actions,
                       guint        position,
                       guint        removed,
                       guint        added,
                       ActionsView *av)
{
  /* A new action (from a card's menu, the inspector, undo of a removal)
   * is the row the user wants next. */
  if (added == 1 && removed == 0)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (actions, position);

      g_free (av->added_id);
      av->added_id = g_strdup (trail_action_get_id (action));
    }
  queue_refresh (av);
}

static void
on_filter_changed_cb (GObject     *object,
                      GParamSpec  *pspec,
                      ActionsView *av)
{
  if (av->filling || av->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (av->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (av);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      ActionsView    *av)
{
  on_filter_changed_cb (G_OBJECT (entry), NULL, av);
}

static void
on_clear_filters_cb (GtkButton   *button,
                     ActionsView *av)
{
  av->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (av->search), "");
  gtk_drop_down_set_selected (av->status_filter, 0);
  gtk_drop_down_set_selected (av->owner_filter, 0);
  gtk_drop_down_set_selected (av->stage_filter, 0);
  av->filling = FALSE;
  on_filter_changed_cb (NULL, NULL, av);
  gtk_widget_grab_focus (GTK_WIDGET (av->search));
}

/* ---- Cells ---------------------------------------------------------------- */

static void show_action_cards (ActionsView *av,
                               TrailAction *action);

/* Every cell widget carries its column, the view and, while bound, its
 * action and the handler that follows the action. */
static Column
cell_column (GtkWidget *cell)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "column"));
}

static ActionsView *
cell_view (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "view");
}

static TrailAction *
cell_action (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "action");
}

static void
format_due (const char *due,
            GtkWidget  *button)
{
  GtkWidget *label = gtk_menu_button_get_child (GTK_MENU_BUTTON (button));

  gtk_label_set_text (GTK_LABEL (label), due != NULL ? due : _("No date"));
  if (due != NULL)
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
update_cell (GtkWidget *cell)
{
  TrailAction *action = cell_action (cell);
  ActionsView *av = cell_view (cell);
  g_autofree char *text = NULL;

  if (action == NULL)
    return;

  g_object_set_data (G_OBJECT (cell), "loading", GINT_TO_POINTER (TRUE));
  switch (cell_column (cell))
    {
    case COLUMN_TITLE:
    case COLUMN_OWNER:
      /* Text being typed stays; the edit ends with a commit or Escape. */
      if (!gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (cell)))
        {
          text = dup_column_text (av->document, action, cell_column (cell));
          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell)), text != NULL ? text : "") != 0)
            gtk_editable_set_text (GTK_EDITABLE (cell), text != NULL ? text : "");
        }
      break;
    case COLUMN_STATUS:
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (cell)) != (guint) trail_action_get_status (action))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (cell), trail_action_get_status (action));
      break;
    case COLUMN_DUE:
      format_due (trail_action_get_due (action), cell);
      break;
    case COLUMN_CARDS:
      text = dup_column_text (av->document, action, cell_column (cell));
      gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (cell))), text != NULL ? text : "");
      gtk_widget_set_tooltip_text (cell, text != NULL && text[0] != '\0' ? text : NULL);
      /* GTK 4.8 names a button after its label only when it made it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text != NULL ? text : "", -1);
      break;
    case COLUMN_KPI:
    case N_COLUMNS:
    default:
      text = dup_column_text (av->document, action, cell_column (cell));
      gtk_label_set_text (GTK_LABEL (cell), text != NULL ? text : "");
      gtk_widget_set_tooltip_text (cell, text != NULL && text[0] != '\0' ? text : NULL);
      break;
    }
  g_object_set_data (G_OBJECT (cell), "loading", NULL);
}

static gboolean
cell_loading (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "loading") != NULL;
}

/* An editable label's edit ends: committed text is written, as one undo
 * step; Escape has already put the old text back. */
static void
on_label_editing_cb (GtkEditableLabel *label,
                     GParamSpec       *pspec,
                     gpointer          user_data)
{
  GtkWidget *cell = GTK_WIDGET (label);
  TrailAction *action = cell_action (cell);
  ActionsView *av = cell_view (cell);
  g_autofree char *text = NULL;

  if (action == NULL || gtk_editable_label_get_editing (label) || cell_loading (cell))
    return;

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (label)));
  if (cell_column (cell) == COLUMN_OWNER)
    {
      g_strstrip (text);
      if (g_strcmp0 (text, trail_action_get_owner (action) != NULL ? trail_action_get_owner (action) : "") != 0)
        trail_document_update (av->document, action, "owner", text, NULL);
    }
  else if (g_strcmp0 (text, trail_action_get_title (action)) != 0)
    trail_document_update (av->document, action, "title", text, NULL);
  /* What the model kept (an owner stripped of spaces). */
  update_cell (cell);
}

static void
on_status_selected_cb (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       gpointer     user_data)
{
  GtkWidget *cell = GTK_WIDGET (drop_down);
  TrailAction *action = cell_action (cell);
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (action == NULL || cell_loading (cell) || selected > TRAIL_ACTION_STATUS_DROPPED ||
      selected == (guint) trail_action_get_status (action))
    return;
  trail_document_update (cell_view (cell)->document, action, "status", (TrailActionStatus) selected, NULL);
}

/* The due date's popover: a calendar (a click on a day sets it; arrows
 * move and Enter sets the day shown; Escape closes without a change) and
 * a button that clears the date. */
static void
set_due (GtkWidget  *button,
         const char *due)
{
  TrailAction *action = cell_action (button);

  if (action != NULL && g_strcmp0 (due, trail_action_get_due (action)) != 0)
    trail_document_update (cell_view (button)->document, action, "due", due, NULL);
}

static void
commit_calendar (GtkWidget *button)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (button), "calendar");
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *due = g_date_time_format (date, "%Y-%m-%d");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  set_due (button, due);
}

static gboolean
commit_calendar_cb (gpointer button)
{
  /* The row may have been recycled meanwhile: only a cell that still
   * shows an action writes. */
  if (cell_action (button) != NULL)
    commit_calendar (button);
  return G_SOURCE_REMOVE;
}

static void
on_calendar_released_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         GtkWidget       *button)
{
  /* A click on the month or year arrows changes the page, not the day:
   * only a day chosen with the pointer sets it. */
  GtkWidget *calendar = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (calendar, x, y, GTK_PICK_DEFAULT);

  for (; picked != NULL && picked != calendar; picked = gtk_widget_get_parent (picked))
    if (gtk_widget_has_css_class (picked, "day-number"))
      {
        commit_calendar (button);
        return;
      }
}

static gboolean
on_calendar_key_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkWidget             *button)
{
  /* The calendar's own Enter selects the day its arrows moved to: the
   * date is read once it has. */
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter ||
      keyval == GDK_KEY_space)
    g_idle_add_full (G_PRIORITY_DEFAULT, commit_calendar_cb, g_object_ref (button), g_object_unref);
  return GDK_EVENT_PROPAGATE;
}

static void
on_clear_due_cb (GtkButton *clear,
                 GtkWidget *button)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  set_due (button, NULL);
}

static void
on_due_popover_show_cb (GtkPopover *popover,
                        GtkWidget  *button)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (button), "calendar");
  TrailAction *action = cell_action (button);
  const char *due = action != NULL ? trail_action_get_due (action) : NULL;
  g_autoptr(GDateTime) date = NULL;

  if (due != NULL)
    {
      g_autofree char *iso = g_strconcat (due, "T12:00:00", NULL);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      date = g_date_time_new_from_iso8601 (iso, local);
    }
  if (date == NULL)
    date = g_date_time_new_now_local ();
  trail_calendar_set_date (calendar, date);
}

/* The keyboard goes to the days (not the month's arrows) once the
 * popover is on screen: a grab before that is lost. */
static void
on_calendar_map_cb (GtkWidget *calendar,
                    gpointer   user_data)
{
  gtk_widget_grab_focus (calendar);
}

static GtkWidget *
new_due_cell (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_No Due Date"));
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Change the due date"));

  g_object_set_data (G_OBJECT (button), "calendar", calendar);
  g_signal_connect (click, "released", G_CALLBACK (on_calendar_released_cb), button);
  gtk_widget_add_controller (calendar, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_calendar_key_cb), button);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (calendar, keys);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_due_cb), button);
  g_signal_connect (popover, "show", G_CALLBACK (on_due_popover_show_cb), button);
  g_signal_connect (calendar, "map", G_CALLBACK (on_calendar_map_cb), NULL);
  gtk_widget_set_focusable (calendar, TRUE);

  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GtkWidget *
new_status_cell (void)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  for (int s = TRAIL_ACTION_STATUS_IDEA; s <= TRAIL_ACTION_STATUS_DROPPED; s++)
    gtk_string_list_append (statuses, trail_action_status_get_label (s));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&statuses)), NULL);
  gtk_widget_add_css_class (drop_down, "flat");
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_status_selected_cb), NULL);
  return drop_down;
}

/* A click on a row's text selects the row, as everywhere in a table; a
 * click on the text of the row already selected edits it (a file
 * manager's rename). GtkEditableLabel would edit on every click, so its
 * own click gesture is switched off. */
static void
on_label_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkListItem     *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  g_object_set_data (G_OBJECT (cell), "was-selected",
                     GINT_TO_POINTER (n_press == 1 && gtk_list_item_get_selected (item)));
}

static void
on_label_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkListItem     *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1 && g_object_get_data (G_OBJECT (cell), "was-selected") != NULL &&
      !gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (cell)))
    {
      gtk_widget_grab_focus (cell);
      gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (cell));
    }
}

/* GtkEditableLabel edits on a click on its inner label: that label takes
 * no pointer input, so the click reaches the cell's own gesture (the
 * text entry, shown while editing, keeps its own). It ellipsizes, so a
 * long title does not widen the table past its window. */
static void
untarget_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          gtk_widget_set_can_target (child, FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
      else if (!GTK_IS_EDITABLE (child))
        untarget_labels (child);
    }
}

static GtkWidget *
new_text_cell (GtkListItem *item)
{
  GtkWidget *cell = gtk_editable_label_new ("");
  GtkGesture *click = gtk_gesture_click_new ();

  untarget_labels (cell);
  g_signal_connect (click, "pressed", G_CALLBACK (on_label_pressed_cb), item);
  g_signal_connect (click, "released", G_CALLBACK (on_label_released_cb), item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (cell, "notify::editing", G_CALLBACK (on_label_editing_cb), NULL);
  return cell;
}

/* The cards cell is a button: a click, or Enter on it, selects the
 * action's cards on the map (Enter elsewhere in a row edits its cell). */
static void
on_cards_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  TrailAction *action = cell_action (GTK_WIDGET (button));

  if (action != NULL)
    show_action_cards (cell_view (GTK_WIDGET (button)), action);
}

static GtkWidget *
new_cards_cell (void)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_cards_clicked_cb), NULL);
  return button;
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  column)
{
  GtkWidget *cell;

  switch (GPOINTER_TO_INT (column))
    {
    case COLUMN_TITLE:
    case COLUMN_OWNER:
      cell = new_text_cell (item);
      break;
    case COLUMN_STATUS:
      cell = new_status_cell ();
      break;
    case COLUMN_DUE:
      cell = new_due_cell ();
      break;
    case COLUMN_CARDS:
      cell = new_cards_cell ();
      break;
    case COLUMN_KPI:
    default:
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), 0);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      break;
    }
  g_object_set_data (G_OBJECT (cell), "column", column);
  g_object_set_data (G_OBJECT (cell), "view", g_object_get_data (G_OBJECT (factory), "view"));
  gtk_list_item_set_child (item, cell);
}

/* A cell follows its action's edits (made here, in the inspector, or
 * undone) while it shows it. */
static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  TrailAction *action = gtk_list_item_get_item (item);
  ActionsView *av = cell_view (cell);
  gulong handler;

  g_object_set_data (G_OBJECT (cell), "action", action);
  handler = g_signal_connect_object (action, "notify", G_CALLBACK (update_cell), cell, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (cell), "handler", GSIZE_TO_POINTER (handler));
  /* The cards column names card texts, which change on the document. */
  if (cell_column (cell) == COLUMN_CARDS)
    {
      handler = g_signal_connect_object (av->document, "changed", G_CALLBACK (update_cell), cell, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (cell), "doc-handler", GSIZE_TO_POINTER (handler));
    }
  if (cell_column (cell) == COLUMN_TITLE)
    g_hash_table_insert (av->title_cells, action, cell);
  update_cell (cell);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  TrailAction *action = cell_action (cell);
  ActionsView *av = cell_view (cell);
  gulong doc_handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "doc-handler"));

  if (action == NULL)
    return;
  g_signal_handler_disconnect (action, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "handler")));
  if (doc_handler != 0)
    g_signal_handler_disconnect (av->document, doc_handler);
  g_object_set_data (G_OBJECT (cell), "doc-handler", NULL);
  if (cell_column (cell) == COLUMN_TITLE && g_hash_table_lookup (av->title_cells, action) == cell)
    g_hash_table_remove (av->title_cells, action);
  g_object_set_data (G_OBJECT (cell), "action", NULL);
}

/* F2 edits: the editable cell that has the focus, else the selected
 * row's title. */
static gboolean
on_edit_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  ActionsView *av = g_object_get_data (G_OBJECT (widget), "actions-view");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (av->window));
  TrailAction *action;
  GtkWidget *cell;

  for (; focus != NULL && focus != widget; focus = gtk_widget_get_parent (focus))
    if (GTK_IS_EDITABLE_LABEL (focus))
      {
        gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (focus));
        return TRUE;
      }

  action = gtk_single_selection_get_selected_item (av->selection);
  cell = action != NULL ? g_hash_table_lookup (av->title_cells, action) : NULL;
  if (cell == NULL)
    return FALSE;
  gtk_widget_grab_focus (cell);
  gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (cell));
  return TRUE;
}

/* ---- Sorting ----------------------------------------------------------------- */

static int
compare_actions_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      column_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column_data), "column"));
  ActionsView *av = g_object_get_data (G_OBJECT (column_data), "view");
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  /* Statuses in their working order, not alphabetically. */
  if (column == COLUMN_STATUS)
    return (int) trail_action_get_status ((TrailAction *) a) - (int) trail_action_get_status ((TrailAction *) b);

  ta = dup_column_text (av->document, (TrailAction *) a, column);
  tb = dup_column_text (av->document, (TrailAction *) b, column);
  /* No due date or owner sorts last, as "no date yet". */
  if ((ta == NULL || ta[0] == '\0') != (tb == NULL || tb[0] == '\0'))
    return (ta == NULL || ta[0] == '\0') ? 1 : -1;
  ka = g_utf8_collate_key (ta != NULL ? ta : "", -1);
  kb = g_utf8_collate_key (tb != NULL ? tb : "", -1);
  return strcmp (ka, kb);
}

/* ---- Activation ------------------------------------------------------------ */

static void
show_action_cards (ActionsView *av,
                   TrailAction *action)
{
  const char * const *ids = action != NULL ? trail_action_get_cards (action) : NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkRoot *root;

  if (av->view == NULL || ids == NULL)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      TrailCard *card = trail_document_find_card (av->document, ids[i]);

      if (card != NULL)
        g_ptr_array_add (cards, card);
    }
  if (cards->len == 0)
    return;

  trail_selection_select_cards (trail_map_view_get_selection (av->view), (TrailCard **) cards->pdata, cards->len);
  trail_canvas_focus_card (trail_map_view_get_canvas (av->view), cards->pdata[0]);
  root = gtk_widget_get_root (GTK_WIDGET (av->view));
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
}

static void
on_activate_cb (GtkColumnView *column_view,
                guint          position,
                ActionsView   *av)
{
  g_autoptr(TrailAction) action = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (column_view)), position);

  show_action_cards (av, action);
}

/* ---- Export -------------------------------------------------------------------- */

static void
on_export_chosen_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ActionsView *av = g_object_get_data (source, "actions-view");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = trail_compat_choose_file_finish (result, &error);
  g_autoptr(GBytes) csv = NULL;
  TrailFileWriter *writer;

  if (file == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        trail_compat_tell (GTK_WIDGET (source), _("Could Not Export the Actions"), error->message);
      return;
    }

  csv = trail_document_actions_to_csv (av->document);
  writer = trail_file_writer_open (file, NULL, G_FILE_CREATE_NONE, 0, NULL, &error);
  if (writer == NULL ||
      !g_output_stream_write_all (trail_file_writer_get_stream (writer), g_bytes_get_data (csv, NULL),
                                  g_bytes_get_size (csv), NULL, NULL, &error) ||
      !trail_file_writer_commit (writer, NULL, NULL, &error))
    trail_compat_tell (GTK_WIDGET (source), _("Could Not Export the Actions"), error->message);
  g_clear_pointer (&writer, trail_file_writer_free);
}

static void
on_export_clicked_cb (GtkButton   *button,
                      ActionsView *av)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  TrailFileRequest request = {
    .action = TRAIL_FILE_SAVE,
    .title = _("Export Actions"),
    .accept_label = _("_Export"),
    .filter = filter,
    .initial_name = _("actions.csv"),
  };

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  trail_compat_choose_file (GTK_WIDGET (av->window), &request, NULL, on_export_chosen_cb, NULL);
}

/* ---- Window ------------------------------------------------------------------ */

static void
add_column (ActionsView   *av,
            Column         column,
            const char    *title,
            gboolean       expand,
            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "view", av);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (col, width);
  g_object_set_data (G_OBJECT (col), "column", GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (col), "view", av);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_actions_cb, col, NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_ptr_array_add (av->sorters, sorter);
  gtk_column_view_append_column (av->column_view, col);
}

static GtkDropDown *
new_filter_drop_down (ActionsView *av,
                      const char  *name,
                      const char  *all,
                      const char  *tooltip)
{
  const char *strings[] = { all, NULL };
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (strings);

  gtk_widget_set_tooltip_text (drop_down, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_filter_changed_cb), av);
  return GTK_DROP_DOWN (drop_down);
}

static GtkWidget *
build_filter_bar (ActionsView *av)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  av->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (av->search), TRUE);
  g_object_set (av->search, "placeholder-text", _("Search actions"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (av->search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search actions"), -1);
  g_signal_connect (av->search, "search-changed", G_CALLBACK (on_search_changed_cb), av);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (av->search));

  av->status_filter = new_filter_drop_down (av, _("Status Filter"), _("All Statuses"), _("Show actions with this status"));
  gtk_string_list_append (statuses, _("All Statuses"));
  for (int s = TRAIL_ACTION_STATUS_IDEA; s <= TRAIL_ACTION_STATUS_DROPPED; s++)
    gtk_string_list_append (statuses, trail_action_status_get_label (s));
  gtk_drop_down_set_model (av->status_filter, G_LIST_MODEL (statuses));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (av->status_filter));

  av->owner_filter = new_filter_drop_down (av, _("Owner Filter"), _("All Owners"), _("Show actions of this owner"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (av->owner_filter));
  av->stage_filter = new_filter_drop_down (av, _("Stage Filter"), _("All Stages"), _("Show actions on cards of this stage"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (av->stage_filter));
  return bar;
}

static GtkWidget *
build_status_pages (ActionsView *av,
                    GtkWidget   *table)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *no_match = adw_status_page_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));

  av->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (av->stack, table, "table");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "object-select-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Actions"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Choose Add Action in a card’s context menu, or in the inspector’s "
                                     "Actions group, to say who does what about it and by when"));
  gtk_stack_add_named (av->stack, empty, "empty");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (no_match), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (no_match), _("No Matching Actions"));
  adw_status_page_set_description (ADW_STATUS_PAGE (no_match), _("Try another status, owner, stage or search"));
  gtk_widget_set_halign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "pill");
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_filters_cb), av);
  adw_status_page_set_child (ADW_STATUS_PAGE (no_match), clear);
  gtk_stack_add_named (av->stack, no_match, "no-match");

  gtk_widget_set_vexpand (GTK_WIDGET (av->stack), TRUE);
  return GTK_WIDGET (av->stack);
}

/* The map's undo and redo work here too, where its actions are edited:
 * the map window's own actions, so that both windows undo the same steps.
 * In a text field (a title being typed) Ctrl+Z is the field's, as in the
 * map window. */
static gboolean
on_undo_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  const char *action = user_data;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (trail_window_text_field_has_focus (GTK_ROOT (widget)))
    {
      gtk_widget_error_bell (widget);
      return TRUE;
    }
  return parent != NULL && gtk_widget_activate_action (GTK_WIDGET (parent), action, NULL);
}

static void
add_undo_shortcuts (GtkWidget *window)
{
  static const struct { const char *trigger; const char *action; } keys[] = {
    { "<Control>z", "win.undo" },
    { "<Control><Shift>z", "win.redo" },
    { "<Control>y", "win.redo" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                            gtk_callback_action_new (on_undo_shortcut_cb,
                                                                                     (gpointer) keys[i].action,
                                                                                     NULL)));
  gtk_widget_add_controller (window, controller);
}

static GtkWindow *
actions_window_new (GtkWindow     *parent,
                    TrailDocument *document,
                    TrailMapView  *view)
{
  ActionsView *av = g_new0 (ActionsView, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export CSV…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSortListModel *sorted;
  GtkEventController *shortcuts;

  av->window = GTK_WINDOW (window);
  av->document = g_object_ref (document);
  g_set_weak_pointer (&av->view, view);
  av->sorters = g_ptr_array_new ();
  av->stage_ids = g_ptr_array_new_with_free_func (g_free);
  av->title_cells = g_hash_table_new (NULL, NULL);
  g_object_set_data_full (G_OBJECT (window), "actions-view", av, actions_view_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Actions"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 460);
  add_undo_shortcuts (window);

  g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked_cb), av);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (box), header);
  av->filter_bar = build_filter_bar (av);
  gtk_box_append (GTK_BOX (box), av->filter_bar);

  av->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  add_column (av, COLUMN_TITLE, _("Title"), TRUE, 0);
  add_column (av, COLUMN_STATUS, _("Status"), FALSE, 140);
  add_column (av, COLUMN_OWNER, _("Owner"), FALSE, 120);
  add_column (av, COLUMN_DUE, _("Due"), FALSE, 120);
  add_column (av, COLUMN_CARDS, _("Cards"), TRUE, 0);
  add_column (av, COLUMN_KPI, _("KPI"), FALSE, 140);

  av->filter = gtk_custom_filter_new (filter_action_cb, av, NULL);
  av->filtered = gtk_filter_list_model_new (g_object_ref (trail_document_get_actions (document)),
                                            GTK_FILTER (av->filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (av->filtered),
                                    g_object_ref (gtk_column_view_get_sorter (av->column_view)));
  av->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  /* Nothing is chosen for the user: a filter or a sort would move an
   * automatic choice from row to row. */
  gtk_single_selection_set_autoselect (av->selection, FALSE);
  gtk_single_selection_set_can_unselect (av->selection, TRUE);
  gtk_column_view_set_model (av->column_view, GTK_SELECTION_MODEL (av->selection));
  g_object_unref (av->selection);
  gtk_column_view_set_show_column_separators (av->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (av->column_view), "trail-actions-table");
  g_signal_connect (av->column_view, "activate", G_CALLBACK (on_activate_cb), av);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F2, 0),
                                                          gtk_callback_action_new (on_edit_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (av->column_view), shortcuts);
  g_object_set_data (G_OBJECT (av->column_view), "actions-view", av);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (av->column_view));
  gtk_box_append (GTK_BOX (box), build_status_pages (av, scrolled));
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect (document, "changed", G_CALLBACK (on_document_changed_cb), av);
  g_signal_connect (trail_document_get_actions (document), "items-changed", G_CALLBACK (on_actions_changed_cb), av);
  fill_owner_filter (av);
  fill_stage_filter (av);
  update_stack (av);

  return GTK_WINDOW (window);
}

static void
on_window_destroy_cb (GtkWindow *window,
                      GtkWindow *parent)
{
  if (g_object_get_data (G_OBJECT (parent), WINDOW_KEY) == window)
    g_object_steal_data (G_OBJECT (parent), WINDOW_KEY);
}

GtkWindow *
trail_actions_window_present (GtkWindow     *parent,
                              TrailDocument *document,
                              TrailMapView  *view)
{
  GtkWindow *window;
  ActionsView *av;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  /* One table per map window: asking again brings it back. A window that
   * shows another document (the map window opened another file) goes. */
  window = g_object_get_data (G_OBJECT (parent), WINDOW_KEY);
  av = window != NULL ? g_object_get_data (G_OBJECT (window), "actions-view") : NULL;
  if (window != NULL && av->document != document)
    {
      gtk_window_destroy (window);
      window = NULL;
    }
  if (window == NULL)
    {
      window = actions_window_new (parent, document, view);
      /* The key goes when the window does. */
      g_object_set_data (G_OBJECT (parent), WINDOW_KEY, window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy_cb), parent, 0);
    }
  gtk_window_present (window);
  return window;
}

/* trail-window-workshop.c — the window's part of workshop mode: the
 * persona view menu in the header bar, Find and voting in the main menu,
 * and the recent maps on the start screen
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-map-view.h"
#include "trail-window-private.h"

#define RECENT_MAPS_SHOWN 8

/* ---- Persona view ------------------------------------------------------ */

static void
rebuild_persona_menu (TrailWindow *self)
{
  GtkMenuButton *button = g_object_get_data (G_OBJECT (self), "trail-persona-button");
  TrailDocument *document = _trail_window_get_document (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) common = g_menu_new ();
  g_autoptr(GMenu) each = g_menu_new ();
  GListModel *personas;
  guint n;

  if (button == NULL)
    return;
  personas = document != NULL ? trail_document_get_personas (document) : NULL;
  n = personas != NULL ? g_list_model_get_n_items (personas) : 0;
  gtk_widget_set_visible (GTK_WIDGET (button), n > 0);

  g_menu_append (common, _("_Everyone"), "win.persona-view::");
  g_menu_append (common, _("_All Personas’ Lines Together"), "win.persona-view::*");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (common));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *action = g_strdup_printf ("win.persona-view::%s", trail_persona_get_id (persona));
      g_autoptr(GMenuItem) item = g_menu_item_new (trail_persona_get_name (persona), NULL);

      /* Set as a target, not parsed: an id may hold any character. */
      g_menu_item_set_action_and_target_value (item, "win.persona-view",
                                               g_variant_new_string (trail_persona_get_id (persona)));
      g_menu_append_item (each, item);
    }
  g_menu_append_section (menu, _("As One Persona Sees It"), G_MENU_MODEL (each));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
persona_view_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  TrailWindow *self = user_data;
  TrailDocument *document = _trail_window_get_document (self);
  const char *which = g_variant_get_string (param, NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) view = NULL;

  g_simple_action_set_state (action, param);
  if (document != NULL && g_str_equal (which, "*"))
    {
      GListModel *personas = trail_document_get_personas (document);

      for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
        {
          g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

          g_strv_builder_add (ids, trail_persona_get_id (persona));
        }
    }
  else if (which[0] != '\0')
    g_strv_builder_add (ids, which);
  view = g_strv_builder_end (ids);
  trail_map_view_set_persona_view (TRAIL_MAP_VIEW (self->map_view), (const char * const *) view);
}

static void
on_document_changed_cb (TrailWindow      *self,
                        TrailChangeFlags  what)
{
  if (what & TRAIL_CHANGE_PERSONAS)
    rebuild_persona_menu (self);
}

static void
on_document_bound_cb (TrailWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "persona-view");

  /* A new map starts with everyone. */
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (""));
  rebuild_persona_menu (self);
}

/* ---- The map view's actions, from the header bar's menus ---------------- */

static void
forward_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  TrailWindow *self = user_data;
  g_autofree char *name = g_strconcat ("map.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (self->map_view, name, NULL);
}

/* ---- Recent maps on the start screen ----------------------------------- */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

static void rebuild_recent (TrailWindow *self);

static void
on_recent_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        TrailWindow   *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "trail-uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = _trail_window_dup_file_name (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("“%s” is no longer there; it was removed from the list"), name);

      gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
      _trail_window_show_toast (self, message);
      rebuild_recent (self);
      return;
    }
  trail_window_open_file (self, file);
}

static void
rebuild_recent (TrailWindow *self)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (self), "trail-recent-list");
  GtkWidget *title = g_object_get_data (G_OBJECT (self), "trail-recent-title");
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) maps = g_ptr_array_new ();
  GtkWidget *child;

  if (list == NULL)
    {
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
      return;
    }
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), TRAIL_FILE_MIME_TYPE) == 0 ||
          g_str_has_suffix (gtk_recent_info_get_uri (info), ".trailmap"))
        g_ptr_array_add (maps, info);
    }
  g_ptr_array_sort (maps, compare_recent);

  /* The recent manager says "changed" for any program's file, and again
   * a moment after our own removal: rows replaced by identical ones
   * between a click's press and its release would swallow the click. */
  {
    g_autoptr(GString) key = g_string_new (NULL);

    for (guint i = 0; i < maps->len && i < RECENT_MAPS_SHOWN; i++)
      {
        const char *uri = gtk_recent_info_get_uri (maps->pdata[i]);
        g_autoptr(GFile) file = g_file_new_for_uri (uri);

        g_string_append_printf (key, "%s %d\n", uri, g_file_query_exists (file, NULL));
      }
    if (g_strcmp0 (key->str, g_object_get_data (G_OBJECT (list), "trail-recent-key")) == 0)
      {
        g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
        return;
      }
    g_object_set_data_full (G_OBJECT (list), "trail-recent-key", g_string_free (g_steal_pointer (&key), FALSE), g_free);
  }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; i < maps->len && i < RECENT_MAPS_SHOWN; i++)
    {
      GtkRecentInfo *info = maps->pdata[i];
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *name = _trail_window_dup_file_name (file);
      g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
      gboolean missing = !g_file_query_exists (file, NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (missing)
        {
          /* Translators: a recent map whose file was moved or deleted */
          g_autofree char *subtitle = g_strdup_printf (_("Missing — was in %s"), folder);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
          gtk_widget_add_css_class (row, "dim-label");
        }
      else
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, folder, -1);
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "trail-uri", g_strdup (gtk_recent_info_get_uri (info)), g_free);
      gtk_list_box_append (list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (list), maps->len > 0);
  gtk_widget_set_visible (title, maps->len > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_recent_list (TrailWindow *self)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "empty");
  GtkWidget *box = ADW_IS_STATUS_PAGE (page) ? adw_status_page_get_child (ADW_STATUS_PAGE (page)) : NULL;
  GtkWidget *title, *list;

  if (!GTK_IS_BOX (box))
    return;
  /* The list may be wider than the buttons: they keep their own width. */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_halign (child, GTK_ALIGN_CENTER);

  title = gtk_label_new (_("Recent Maps"));
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 18);
  gtk_box_append (GTK_BOX (box), title);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 360, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent Maps"), -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_recent_activated_cb), self, 0);
  gtk_box_append (GTK_BOX (box), list);

  g_object_set_data (G_OBJECT (self), "trail-recent-list", list);
  g_object_set_data (G_OBJECT (self), "trail-recent-title", title);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (rebuild_recent), self,
                           G_CONNECT_SWAPPED);
  rebuild_recent (self);
}

/* ---- Set-up ------------------------------------------------------------- */

/* The main menu's button, found in the header bar rather than named in the
 * window's struct: workshop mode adds to it without touching the window. */
static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
_trail_window_init_workshop (TrailWindow *self)
{
  static const GActionEntry entries[] = {
    { "persona-view", persona_view_activated, "s", "''", NULL },
    { "find", forward_activated, NULL, NULL, NULL },
    { "start-voting", forward_activated, NULL, NULL, NULL },
    { "resume-voting", forward_activated, NULL, NULL, NULL },
  };
  GtkWidget *primary_button = find_primary_menu_button (self->header_bar);
  GMenuModel *primary = primary_button != NULL ? gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (primary_button)) : NULL;
  GtkWidget *button;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "avatar-default-symbolic");
  gtk_widget_set_tooltip_text (button, _("Persona View"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Persona View"), -1);
  gtk_widget_set_visible (button, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), button);
  g_object_set_data (G_OBJECT (self), "trail-persona-button", button);

  if (G_IS_MENU (primary))
    {
      g_autoptr(GMenu) workshop = g_menu_new ();

      g_menu_append (workshop, _("_Find…"), "win.find");
      g_menu_append (workshop, _("Start _Voting Round…"), "win.start-voting");
      g_menu_append (workshop, _("Show Voting _Round"), "win.resume-voting");
      /* After Open and Save, before Import and Export. */
      g_menu_insert_section (G_MENU (primary), 3, NULL, G_MENU_MODEL (workshop));
    }

  g_signal_group_connect_object (self->document_signals, "changed", G_CALLBACK (on_document_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_signals, "bind", G_CALLBACK (on_document_bound_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_signals, "unbind", G_CALLBACK (on_document_bound_cb), self,
                           G_CONNECT_SWAPPED);
  add_recent_list (self);
}

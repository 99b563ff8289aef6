/* trail-find-bar.c — Find (Ctrl+F): cards, stages, lanes and personas by text
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-find-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-find-bar.h"
#include "trail-layout.h"
#include "trail-model.h"

struct _TrailFindBar
{
  GtkWidget       parent_instance;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkLabel       *count_label;

  TrailCanvas    *canvas;        /* weak: the map view owns both */
  TrailDocument  *document;
  GPtrArray      *matches;       /* items (refs) */
  char           *searched;      /* the text @matches were found for */
  guint           current;
  guint           refresh_idle;
  GtkWidget      *ahead_root;    /* weak: the window @ahead_keys listens on */
  GtkEventController *ahead_keys; /* on that window; idle unless @ahead */
  gulong          ahead_focus_id; /* its notify::focus-widget */
  GString        *ahead;         /* while Find opens: typed before the entry could take it */
  guint           ahead_idle;    /* puts @ahead into the entry once it takes keys */
};

G_DEFINE_FINAL_TYPE (TrailFindBar, trail_find_bar, GTK_TYPE_WIDGET)

static void
set_document (TrailFindBar  *self,
              TrailDocument *document);
static void
stop_typing_ahead (TrailFindBar *self);
static void
forget_ahead_root (TrailFindBar *self);
static void
on_entry_text_map_cb (TrailFindBar *self);

static void
show_current (TrailFindBar *self,
              gboolean      move)
{
  TrailSelection *selection = self->canvas != NULL ? trail_canvas_get_selection (self->canvas) : NULL;
  gpointer item = self->matches != NULL && self->current < self->matches->len
                  ? self->matches->pdata[self->current] : NULL;
  g_autofree char *count = NULL;

  if (self->matches == NULL || self->matches->len == 0)
    {
      gboolean typed = gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0';

      gtk_label_set_label (self->count_label, typed ? _("No matches") : "");
      if (typed)
        gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
    }
  else
    {
      /* Translators: the current match and how many there are, "2 of 5" */
      count = g_strdup_printf (_("%u of %u"), self->current + 1, self->matches->len);
      gtk_label_set_label (self->count_label, count);
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
    }

  if (self->canvas == NULL)
    return;
  trail_canvas_set_marks (self->canvas, self->matches, item);
  if (item == NULL || !move)
    return;

  /* Selected, so the inspector shows it and Enter on the map edits it;
   * the keyboard stays in the entry. */
  if (selection != NULL)
    {
      if (TRAIL_IS_CARD (item))
        trail_selection_select_card (selection, item);
      else
        trail_selection_select_object (selection, item);
    }
  trail_canvas_reveal_item (self->canvas, item);
}

static void
refresh (TrailFindBar *self,
         gboolean      move)
{
  TrailLayout *layout = self->canvas != NULL ? trail_canvas_get_layout (self->canvas) : NULL;
  gpointer current = self->matches != NULL && self->current < self->matches->len
                     ? g_object_ref (self->matches->pdata[self->current]) : NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint index = 0;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_pointer (&self->searched, g_free);
  if (self->document != NULL && layout != NULL && gtk_search_bar_get_search_mode (self->search_bar))
    {
      self->searched = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      found = trail_document_find_text (self->document, self->searched);
      /* What the map does not show (a hidden lane's cards) is not found. */
      for (guint i = 0; i < found->len; i++)
        if (trail_layout_find (layout, found->pdata[i]) != NULL)
          g_ptr_array_add (self->matches, g_object_ref (found->pdata[i]));
    }

  /* Typing on keeps the match in view if it still matches. */
  if (current != NULL && g_ptr_array_find (self->matches, current, &index))
    self->current = index;
  else
    {
      self->current = 0;
      move = TRUE;
    }
  g_clear_object (&current);
  show_current (self, move);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TrailFindBar *self = user_data;

  self->refresh_idle = 0;
  refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed_cb (TrailFindBar *self)
{
  /* After the canvas has laid the change out; once per burst of edits. */
  if (gtk_search_bar_get_search_mode (self->search_bar) && self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle_cb, self);
}

static void
on_search_changed_cb (TrailFindBar *self)
{
  /* The entry tells of a change a moment after it (its search delay):
   * Enter pressed meanwhile has already searched this text and stepped,
   * and starting over would undo the step. */
  if (self->searched != NULL &&
      g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->entry))) == 0)
    return;
  /* A new text starts over at the first match. */
  self->current = 0;
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  refresh (self, TRUE);
}

static void
on_activate_cb (TrailFindBar *self)
{
  trail_find_bar_step (self, 1);
}

static void
on_stop_search_cb (TrailFindBar *self)
{
  trail_find_bar_close (self);
}

static void
on_search_mode_cb (TrailFindBar *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  /* Closed by its button or Escape: the map, unmarked, has the keyboard. */
  stop_typing_ahead (self);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->searched, g_free);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->canvas != NULL)
    {
      trail_canvas_set_marks (self->canvas, NULL, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
}

static gboolean
on_entry_key_pressed_cb (TrailFindBar          *self,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK))
    {
      trail_find_bar_step (self, -1);
      return TRUE;
    }
  return FALSE;
}

static void
on_canvas_document_cb (TrailFindBar *self)
{
  set_document (self, self->canvas != NULL ? trail_canvas_get_document (self->canvas) : NULL);
}

static void
set_document (TrailFindBar  *self,
              TrailDocument *document)
{
  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
  trail_find_bar_close (self);
}

static GtkWidget *
step_button (const char *icon,
             const char *tooltip,
             int         delta,
             TrailFindBar *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  return button;
}

static void
on_step_clicked_cb (GtkButton    *button,
                    TrailFindBar *self)
{
  trail_find_bar_step (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta")));
}

static void
trail_find_bar_dispose (GObject *object)
{
  TrailFindBar *self = TRAIL_FIND_BAR (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  trail_find_bar_set_canvas (self, NULL);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->searched, g_free);
  stop_typing_ahead (self);
  forget_ahead_root (self);
  if (self->search_bar != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->search_bar));
      self->search_bar = NULL;
    }

  G_OBJECT_CLASS (trail_find_bar_parent_class)->dispose (object);
}

static void
trail_find_bar_class_init (TrailFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_find_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailfindbar");
}

static void
trail_find_bar_init (TrailFindBar *self)
{
  GtkWidget *box, *button;
  GtkEventController *keys;

  self->search_bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  gtk_search_bar_set_show_close_button (self->search_bar, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->search_bar), GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  /* About 280 pixels where the map has them, less in a narrow window: the bar is
   * as wide as the map under it (a hidden search bar's revealer still asks
   * for its width), and the map must fit beside a docked palette in a
   * 600-pixel window. */
  gtk_widget_set_size_request (GTK_WIDGET (self->entry), 80, -1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 32);
  g_object_set (self->entry, "placeholder-text", _("Find cards, stages, lanes, personas"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  button = step_button ("go-up-symbolic", _("Previous Match (Shift+Enter)"), -1, self);
  g_signal_connect (button, "clicked", G_CALLBACK (on_step_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  button = step_button ("go-down-symbolic", _("Next Match (Enter)"), 1, self);
  g_signal_connect (button, "clicked", G_CALLBACK (on_step_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_label_set_width_chars (self->count_label, 10);
  gtk_label_set_xalign (self->count_label, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->count_label));

  gtk_search_bar_set_child (self->search_bar, box);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));

  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (on_stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "next-match", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb),
                           self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)), "map",
                           G_CALLBACK (on_entry_text_map_cb), self, G_CONNECT_SWAPPED);
}

/* Typing ahead. Ctrl+F then typing at once must lose no key, whatever the
 * timing. GTK 4.24's search bar gives its entry the focus at once, but maps
 * it only with the next frame, and GTK delivers no key to a focus widget
 * that is not mapped: under load the first letters of a query were
 * dropped ("CAFE" became "FE", or nothing). So from Ctrl+F until the entry
 * can take keys, a capture controller on the window keeps what is typed,
 * in order, and puts it into the entry as typing would have. GTK 4.8 maps
 * the entry at once, and then nothing is kept. */
static GtkWidget *
entry_text (TrailFindBar *self)
{
  return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)));
}

static gboolean
focus_in_entry (TrailFindBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));
}

/* Whether a key pressed now reaches the entry's text. */
static gboolean
entry_takes_keys (TrailFindBar *self)
{
  return focus_in_entry (self) && gtk_widget_get_mapped (entry_text (self));
}

/* What was kept goes in as if typed now: over the selection, at the cursor. */
static void
insert_typed_ahead (TrailFindBar *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->entry);
  int position;

  if (self->ahead == NULL || self->ahead->len == 0)
    return;
  gtk_editable_delete_selection (editable);
  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, self->ahead->str, (int) self->ahead->len, &position);
  gtk_editable_set_position (editable, position);
  g_string_truncate (self->ahead, 0);
}

static void
stop_typing_ahead (TrailFindBar *self)
{
  if (self->ahead != NULL)
    g_string_free (g_steal_pointer (&self->ahead), TRUE);
  g_clear_handle_id (&self->ahead_idle, g_source_remove);
}

/* The entry takes keys from now on: what was kept goes in first, so that
 * the next key lands after it. */
static void
finish_typing_ahead (TrailFindBar *self)
{
  insert_typed_ahead (self);
  stop_typing_ahead (self);
}

static gboolean
typed_ahead_idle_cb (gpointer user_data)
{
  TrailFindBar *self = user_data;

  self->ahead_idle = 0;
  if (self->ahead != NULL && entry_takes_keys (self))
    finish_typing_ahead (self);
  return G_SOURCE_REMOVE;
}

/* Not at once: the entry is mapped during a frame's layout, and hears of
 * the focus in the middle of a grab_focus that selects all of its text
 * once the focus has moved — text put in then would be selected, and the
 * next key would replace it. A key pressed before the idle runs puts the
 * kept text in first (on_typed_ahead_cb), so the order holds. */
static void
check_typed_ahead_soon (TrailFindBar *self)
{
  if (self->ahead != NULL && self->ahead_idle == 0)
    self->ahead_idle = g_idle_add (typed_ahead_idle_cb, self);
}

static void
on_entry_text_map_cb (TrailFindBar *self)
{
  check_typed_ahead_soon (self);
}

static void
on_root_focus_cb (TrailFindBar *self)
{
  GtkWidget *focus;

  if (self->ahead == NULL || self->ahead_root == NULL)
    return;
  focus = gtk_root_get_focus (GTK_ROOT (self->ahead_root));
  if (focus_in_entry (self))
    check_typed_ahead_soon (self);
  else if (focus != NULL)
    {
      /* The keyboard went elsewhere (a click on the map): what was typed
       * for Find stays in Find, and what follows goes where the user is. */
      insert_typed_ahead (self);
      stop_typing_ahead (self);
    }
}

/* The text entry's own action for a Ctrl shortcut, if it has one that
 * the map also has: pressed for Find, it must not reach the map. */
static const char *
entry_shortcut (guint           keyval,
                GdkModifierType state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_c:
      return shift ? NULL : "clipboard.copy";
    case GDK_KEY_x:
      return shift ? NULL : "clipboard.cut";
    case GDK_KEY_v:
      return shift ? NULL : "clipboard.paste";
    case GDK_KEY_z:
      return shift ? "text.redo" : "text.undo";
    case GDK_KEY_y:
      return shift ? NULL : "text.redo";
    default:
      return NULL;
    }
}

static gboolean
on_typed_ahead_cb (TrailFindBar          *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gunichar c;

  if (self->ahead == NULL)
    return GDK_EVENT_PROPAGATE;
  if (entry_takes_keys (self))
    {
      /* The kept text first, then this key, to the entry itself. */
      finish_typing_ahead (self);
      return GDK_EVENT_PROPAGATE;
    }

  /* The entry cannot take this key yet: do what it would have done. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == GDK_CONTROL_MASK)
    {
      const char *action = entry_shortcut (keyval, state);

      if (keyval == GDK_KEY_a || keyval == GDK_KEY_A)
        {
          /* Select all, to type the query anew. */
          insert_typed_ahead (self);
          gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
          return GDK_EVENT_STOP;
        }
      if (action != NULL)
        {
          /* The entry's own clipboard and undo, not the map's: Ctrl+V
           * would paste cards onto the map, Ctrl+Z undo its last edit. */
          insert_typed_ahead (self);
          gtk_widget_activate_action (entry_text (self), action, NULL);
          return GDK_EVENT_STOP;
        }
    }
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;  /* other shortcuts (Ctrl+F again) work as ever */
  switch (keyval)
    {
    case GDK_KEY_Escape:
      stop_typing_ahead (self);
      trail_find_bar_close (self);
      return GDK_EVENT_STOP;
    case GDK_KEY_BackSpace:
      if (self->ahead->len > 0)
        g_string_truncate (self->ahead,
                           g_utf8_find_prev_char (self->ahead->str, self->ahead->str + self->ahead->len) -
                           self->ahead->str);
      else
        {
          /* Nothing kept: the entry's own text, as its Backspace would. */
          GtkEditable *editable = GTK_EDITABLE (self->entry);
          int start, end;

          if (!gtk_editable_get_selection_bounds (editable, &start, &end))
            {
              end = gtk_editable_get_position (editable);
              start = MAX (end - 1, 0);
            }
          gtk_editable_delete_text (editable, start, end);
        }
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      insert_typed_ahead (self);
      trail_find_bar_step (self, (state & GDK_SHIFT_MASK) ? -1 : 1);
      return GDK_EVENT_STOP;
    default:
      break;
    }
  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isprint (c))
    return GDK_EVENT_PROPAGATE;
  g_string_append_unichar (self->ahead, c);
  return GDK_EVENT_STOP;
}

static void
forget_ahead_root (TrailFindBar *self)
{
  if (self->ahead_root == NULL)
    return;
  if (self->ahead_keys != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->ahead_keys), (gpointer *) &self->ahead_keys);
      gtk_widget_remove_controller (self->ahead_root, self->ahead_keys);
      self->ahead_keys = NULL;
    }
  g_clear_signal_handler (&self->ahead_focus_id, self->ahead_root);
  g_object_remove_weak_pointer (G_OBJECT (self->ahead_root), (gpointer *) &self->ahead_root);
  self->ahead_root = NULL;
}

/* Keeps what is typed until the entry takes keys. The controller stays on
 * the window (idle while nothing is kept): removing it in the middle of a
 * key's dispatch, from its own handler, is not safe. */
static void
start_typing_ahead (TrailFindBar *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (root == NULL)
    return;
  if (self->ahead_root != root)
    {
      forget_ahead_root (self);
      self->ahead_root = root;
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *) &self->ahead_root);
      self->ahead_keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (self->ahead_keys, GTK_PHASE_CAPTURE);
      g_signal_connect_object (self->ahead_keys, "key-pressed", G_CALLBACK (on_typed_ahead_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (root, self->ahead_keys);
      g_object_add_weak_pointer (G_OBJECT (self->ahead_keys), (gpointer *) &self->ahead_keys);
      self->ahead_focus_id = g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (on_root_focus_cb),
                                                      self, G_CONNECT_SWAPPED);
    }
  if (self->ahead == NULL)
    self->ahead = g_string_new (NULL);
}

GtkWidget *
trail_find_bar_new (void)
{
  return g_object_new (TRAIL_TYPE_FIND_BAR, NULL);
}

void
trail_find_bar_set_canvas (TrailFindBar *self,
                           TrailCanvas  *canvas)
{
  g_return_if_fail (TRAIL_IS_FIND_BAR (self));

  if (self->canvas == canvas)
    return;
  if (self->canvas != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->canvas, on_canvas_document_cb, self);
      g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
    }
  self->canvas = canvas;
  if (canvas != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
      g_signal_connect_object (canvas, "notify::selection", G_CALLBACK (on_canvas_document_cb), self,
                               G_CONNECT_SWAPPED);
    }
  on_canvas_document_cb (self);
}

void
trail_find_bar_open (TrailFindBar *self)
{
  g_return_if_fail (TRAIL_IS_FIND_BAR (self));

  if (self->document == NULL)
    return;
  /* Ctrl+F again while still opening: what was typed so far is the query,
   * selected below like any query, so that what follows replaces it. */
  insert_typed_ahead (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  /* On an open bar, Ctrl+F selects the query for typing over (opening, the
   * search bar has emptied the entry). */
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  if (entry_takes_keys (self))
    stop_typing_ahead (self);
  else
    start_typing_ahead (self);
  refresh (self, TRUE);
}

void
trail_find_bar_close (TrailFindBar *self)
{
  g_return_if_fail (TRAIL_IS_FIND_BAR (self));

  if (self->search_bar != NULL && gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
trail_find_bar_step (TrailFindBar *self,
                     int           delta)
{
  guint n;

  g_return_if_fail (TRAIL_IS_FIND_BAR (self));

  /* Enter right after typing: the search may not have run yet. */
  refresh (self, FALSE);
  if (self->matches == NULL || (n = self->matches->len) == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  self->current = (self->current + n + (delta % (int) n)) % n;
  show_current (self, TRUE);
}

/* test-inspector-sections.c — the inspector's sections, in process
 *
 * Drives the real TrailInspector following a TrailSelection: text typed
 * for one item is committed to that item when the selection moves, the
 * next item's field holds no undo history of the previous one, text typed
 * for an item that is then removed goes nowhere, and a map channel's
 * section edits its name and icon. The real-input tests beside this one
 * (test-inspector-*.py) cover the same paths through the canvas.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "trail-document-edits.h"
#include "trail-inspector.h"
#include "trail-model.h"
#include "trail-selection.h"

typedef struct
{
  TrailDocument  *document;
  TrailSelection *selection;
  GtkWidget      *window;
  TrailInspector *inspector;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = trail_document_new_blank ();
  f->selection = trail_selection_new (f->document);
  f->inspector = TRAIL_INSPECTOR (trail_inspector_new ());
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->inspector));
  trail_inspector_set_selection (f->inspector, f->selection);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->selection);
  g_clear_object (&f->document);
}

static void
run_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The visible widget of @type whose title (rows) or accessible caption is
 * @title, in the section shown. */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (widget));

      return child != NULL ? find_row (child, type, title) : NULL;
    }
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What typing at the end of the field does. */
static void
type_at_end (GtkWidget  *row,
             const char *text)
{
  GtkEditable *editable = GTK_EDITABLE (row);
  int position = g_utf8_strlen (gtk_editable_get_text (editable), -1);

  gtk_editable_insert_text (editable, text, -1, &position);
}

static TrailStage *
stage_at (TrailDocument *document,
          guint          i)
{
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), i);

  return stage;
}

static void
test_selection_change_commits_to_typed_item (Fixture       *f,
                                             gconstpointer  data)
{
  TrailStage *first = stage_at (f->document, 0);
  TrailStage *second = stage_at (f->document, 1);
  g_autofree char *first_name = g_strdup (trail_stage_get_name (first));
  g_autofree char *second_name = g_strdup (trail_stage_get_name (second));
  g_autofree char *expected = g_strconcat (first_name, " (ads)", NULL);
  GtkWidget *name;

  trail_selection_select_object (f->selection, first);
  run_main_loop ();
  name = find_row (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (name);
  gtk_widget_grab_focus (name);
  type_at_end (name, " (ads)");

  /* No Enter, no focus change: the selection moves while the text is pending. */
  trail_selection_select_object (f->selection, second);
  g_assert_cmpstr (trail_stage_get_name (first), ==, expected);
  g_assert_cmpstr (trail_stage_get_name (second), ==, second_name);
  g_assert_true (find_row (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Name") == name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, second_name);

  /* The field's own undo cannot bring stage 1's text back onto stage 2. */
  gtk_widget_activate_action (find_text (name), "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, second_name);
  trail_inspector_flush (f->inspector);
  g_assert_cmpstr (trail_stage_get_name (second), ==, second_name);

  /* One undo step for the rename, none for loading. */
  g_assert_true (trail_document_get_can_undo (f->document));
  trail_document_undo (f->document);
  g_assert_cmpstr (trail_stage_get_name (first), ==, first_name);
  g_assert_false (trail_document_get_can_undo (f->document));
}

static void
test_text_for_removed_item_goes_nowhere (Fixture       *f,
                                         gconstpointer  data)
{
  TrailStage *first = stage_at (f->document, 0);
  guint n_stages = g_list_model_get_n_items (trail_document_get_stages (f->document));
  g_autofree char *first_name = g_strdup (trail_stage_get_name (first));
  g_autoptr(TrailStage) kept = g_object_ref (first);
  GtkWidget *name;

  trail_selection_select_object (f->selection, first);
  run_main_loop ();
  name = find_row (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Name");
  type_at_end (name, " typed");

  /* The selection prunes the removed stage, the inspector commits the
   * pending text first: to a stage no longer in the map, so nowhere. */
  trail_document_remove_stage (f->document, first);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_stages (f->document)), ==, n_stages - 1);
  g_assert_null (trail_selection_get_object (f->selection));
  trail_document_undo (f->document);
  g_assert_cmpstr (trail_stage_get_name (stage_at (f->document, 0)), ==, first_name);
  g_assert_false (trail_document_get_can_undo (f->document));
}

static void
test_channel_section (Fixture       *f,
                      gconstpointer  data)
{
  TrailCustomChannel *channel = trail_document_add_channel (f->document, -1, "SMS", NULL);
  const char * const *icons = trail_custom_channel_list_icons ();
  GtkWidget *name, *icon;

  trail_selection_select_object (f->selection, channel);
  run_main_loop ();
  name = find_row (GTK_WIDGET (f->inspector), ADW_TYPE_ENTRY_ROW, "Name");
  icon = find_row (GTK_WIDGET (f->inspector), ADW_TYPE_COMBO_ROW, "Icon");
  g_assert_nonnull (name);
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "SMS");
  g_assert_cmpstr (icons[adw_combo_row_get_selected (ADW_COMBO_ROW (icon))], ==,
                   trail_custom_channel_get_icon (channel));

  adw_combo_row_set_selected (ADW_COMBO_ROW (icon), 4);
  g_assert_cmpstr (trail_custom_channel_get_icon (channel), ==, icons[4]);
  type_at_end (name, " and calls");
  trail_inspector_flush (f->inspector);
  g_assert_cmpstr (trail_custom_channel_get_name (channel), ==, "SMS and calls");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP needs a display (run with --setup xvfb)\n");
      return 77;
    }

  /* Not gtk_test_init(): it switches to en_US.UTF-8, which a machine may
   * not have (newer GTK then warns, and the warning aborts the test);
   * C.UTF-8 is always there and gives the same untranslated strings. */
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  adw_init ();

  g_test_add ("/inspector/selection-change-commits-to-typed-item", Fixture, NULL,
              fixture_set_up, test_selection_change_commits_to_typed_item, fixture_tear_down);
  g_test_add ("/inspector/text-for-removed-item-goes-nowhere", Fixture, NULL,
              fixture_set_up, test_text_for_removed_item_goes_nowhere, fixture_tear_down);
  g_test_add ("/inspector/channel-section", Fixture, NULL,
              fixture_set_up, test_channel_section, fixture_tear_down);

  return g_test_run ();
}

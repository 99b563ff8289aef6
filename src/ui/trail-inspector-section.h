/* trail-inspector-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_SECTION (trail_inspector_section_get_type())

G_DECLARE_DERIVABLE_TYPE (TrailInspectorSection, trail_inspector_section, TRAIL, INSPECTOR_SECTION, GtkWidget)

/* One page of the inspector: the fields of one kind of item (the map, a
 * stage, a lane, a card, a persona, an emotion point), built from its own
 * template. Fields bound with trail_inspector_section_bind_*() are loaded
 * from the shown item and written back to it as undoable commands.
 *
 * Text is committed when its field is left, on Enter, after a pause in
 * typing, or before another item is shown — always to the item that was
 * shown while it was typed, never to the one shown next.
 *
 * gtk_widget_grab_focus() on a section focuses its first bound field.
 *
 * Property "title" (string): what the inspector's heading says. */
struct _TrailInspectorSectionClass
{
  GtkWidgetClass parent_class;

  /* Shows @item (never NULL) in what the bound fields do not cover (a
   * photo, check boxes). The bound fields are loaded already; edits made
   * here are not taken for the user's. */
  void     (* load)     (TrailInspectorSection *self,
                         GObject               *item);
  /* Whether a TrailDocument::changed emission concerns what this section
   * shows. The default: a change of the item itself. */
  gboolean (* concerns) (TrailInspectorSection *self,
                         TrailChangeFlags       what,
                         GObject               *object);
  /* Writes one field's value to @item. The default is
   * trail_document_update_value(). */
  void     (* write)    (TrailInspectorSection *self,
                         GObject               *item,
                         const char            *property,
                         const GValue          *value);
};

typedef const char *(*TrailEnumLabelFunc) (int value);

TrailDocument *trail_inspector_section_get_document (TrailInspectorSection *self);
void           trail_inspector_section_set_document (TrailInspectorSection *self,
                                                     TrailDocument         *document);
GObject       *trail_inspector_section_get_item     (TrailInspectorSection *self);
/* Commits pending text to the item it was typed for, then shows @item
 * (NULL shows nothing and drops the reference). */
void           trail_inspector_section_set_item     (TrailInspectorSection *self,
                                                     GObject               *item);
const char    *trail_inspector_section_get_title    (TrailInspectorSection *self);
/* Commits whatever text is being typed, as one command. */
void           trail_inspector_section_commit       (TrailInspectorSection *self);
/* Loads the shown item's values again (keeping text still being typed). */
void           trail_inspector_section_reload       (TrailInspectorSection *self);
/* TRUE while the section fills its widgets: their signals are not edits. */
gboolean       trail_inspector_section_is_loading   (TrailInspectorSection *self);
/* Commits pending text, gives the keyboard back to the map (the
 * inspector's "inspector.focus-canvas"), then deletes the shown item
 * through the map view's "map.delete" action, so it is undone as the
 * canvas's Delete is, with the same toast. */
void           trail_inspector_section_delete       (TrailInspectorSection *self);

/* For subclasses' class_init: sets the template from the resource @path
 * and binds the callback section templates share: a "clicked" handler
 * "trail_inspector_section_delete" (swapped, on the template object). */
void trail_inspector_section_class_set_template (GtkWidgetClass *widget_class,
                                                 const char     *path);

/* For subclasses' init, after gtk_widget_init_template(): ties a template
 * child to a property of the shown item. A text view is expected as the
 * child of a frame that follows its caption label. */
void trail_inspector_section_bind_entry  (TrailInspectorSection *self,
                                          AdwEntryRow           *row,
                                          const char            *property);
void trail_inspector_section_bind_text   (TrailInspectorSection *self,
                                          GtkTextView           *view,
                                          const char            *property);
/* Fills @row with the labels of @enum_type's values, in their order. */
void trail_inspector_section_bind_combo  (TrailInspectorSection *self,
                                          AdwComboRow           *row,
                                          const char            *property,
                                          GType                  enum_type,
                                          TrailEnumLabelFunc     get_label);
void trail_inspector_section_bind_spin   (TrailInspectorSection *self,
                                          GtkSpinButton         *spin,
                                          const char            *property);
/* @button is a GtkColorButton (a GtkColorChooser). */
void trail_inspector_section_bind_color  (TrailInspectorSection *self,
                                          GtkWidget             *button,
                                          const char            *property);
/* For a row the subclass handles itself: named by its title in the
 * canvas's debug geometry, as bound fields are, so tests can aim at it. */
void trail_inspector_section_label_row   (TrailInspectorSection *self,
                                          AdwPreferencesRow     *row);
/* The same for a button or any other widget, named @label. */
void trail_inspector_section_label_widget (TrailInspectorSection *self,
                                           GtkWidget             *widget,
                                           const char            *label);
void trail_inspector_section_bind_switch (TrailInspectorSection *self,
                                          GtkSwitch             *sw,
                                          const char            *property);

G_END_DECLS

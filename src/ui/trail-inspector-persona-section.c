/* trail-inspector-persona-section.c — a persona in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-image.h"
#include "trail-inspector-persona-section.h"

struct _TrailInspectorPersonaSection
{
  TrailInspectorSection  parent_instance;

  AdwEntryRow           *name_row;
  AdwEntryRow           *role_row;
  GtkWidget             *color_button;
  GtkTextView           *quote_view;
  GtkTextView           *goals_view;
  GtkTextView           *motivations_view;
  GtkTextView           *pain_points_view;
  GtkPicture            *photo;
  GtkLabel              *photo_error;

  GtkNativeDialog       *chooser;
  TrailPersona          *chooser_persona;  /* the persona shown when it was opened */
};

G_DEFINE_FINAL_TYPE (TrailInspectorPersonaSection, trail_inspector_persona_section, TRAIL_TYPE_INSPECTOR_SECTION)

static void
show_photo_error (TrailInspectorPersonaSection *self,
                  const GError                 *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    message = g_strdup_printf (_("Could not use this photo: %s"), error->message);
  gtk_label_set_text (self->photo_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_error), error != NULL);
}

static void
set_photo_from_file (TrailInspectorPersonaSection *self,
                     TrailPersona                 *persona,
                     GFile                        *file)
{
  TrailDocument *document = trail_inspector_section_get_document (TRAIL_INSPECTOR_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;

  show_photo_error (self, NULL);
  if (persona == NULL || document == NULL ||
      trail_document_find_persona (document, trail_persona_get_id (persona)) != persona)
    return;

  /* Check the size before reading a huge file into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > TRAIL_IMAGE_MAX_BYTES)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The photo is larger than %d MB."), TRAIL_IMAGE_MAX_BYTES / (1024 * 1024));
  if (error == NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    trail_image_check_bytes (bytes, &error);

  if (error != NULL)
    show_photo_error (self, error);
  else
    trail_document_update (document, persona, "photo", bytes, NULL);
}

static void
on_chooser_response_cb (TrailInspectorPersonaSection *self,
                        int                           response,
                        GtkFileChooserNative         *chooser)
{
  g_autoptr(TrailPersona) persona = g_steal_pointer (&self->chooser_persona);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* The photo goes to the persona it was chosen for, even if another
       * item is shown by now. */
      set_photo_from_file (self, persona, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_photo_clicked_cb (TrailInspectorPersonaSection *self)
{
  GObject *item = trail_inspector_section_get_item (TRAIL_INSPECTOR_SECTION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL || !TRAIL_IS_PERSONA (item))
    return;

  chooser = gtk_file_chooser_native_new (_("Choose a Photo"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG and JPEG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_set_object (&self->chooser_persona, TRAIL_PERSONA (item));
  gtk_native_dialog_show (self->chooser);
}

static void
on_remove_photo_clicked_cb (TrailInspectorPersonaSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GObject *item = trail_inspector_section_get_item (section);

  if (TRAIL_IS_PERSONA (item) && trail_persona_get_photo (TRAIL_PERSONA (item)) != NULL)
    trail_document_update (trail_inspector_section_get_document (section), item, "photo", NULL, NULL);
}

static gboolean
on_photo_drop_cb (GtkDropTarget                *target,
                  const GValue                 *value,
                  double                        x,
                  double                        y,
                  TrailInspectorPersonaSection *self)
{
  GObject *item = trail_inspector_section_get_item (TRAIL_INSPECTOR_SECTION (self));
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !TRAIL_IS_PERSONA (item))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  set_photo_from_file (self, TRAIL_PERSONA (item), files->data);
  g_slist_free (files);
  return TRUE;
}

static void
trail_inspector_persona_section_load (TrailInspectorSection *section,
                                      GObject               *item)
{
  TrailInspectorPersonaSection *self = TRAIL_INSPECTOR_PERSONA_SECTION (section);
  GBytes *bytes = trail_persona_get_photo (TRAIL_PERSONA (item));
  g_autoptr(GdkTexture) texture = NULL;

  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, NULL);
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), texture != NULL);
  show_photo_error (self, NULL);
}

static void
trail_inspector_persona_section_dispose (GObject *object)
{
  TrailInspectorPersonaSection *self = TRAIL_INSPECTOR_PERSONA_SECTION (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->chooser_persona);
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_PERSONA_SECTION);

  G_OBJECT_CLASS (trail_inspector_persona_section_parent_class)->dispose (object);
}

static void
trail_inspector_persona_section_class_init (TrailInspectorPersonaSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_persona_section_dispose;
  section_class->load = trail_inspector_persona_section_load;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-persona-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, role_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, color_button);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, quote_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, goals_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, motivations_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, pain_points_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, photo);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorPersonaSection, photo_error);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_photo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_photo_clicked_cb);
}

static void
trail_inspector_persona_section_init (TrailInspectorPersonaSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_entry (section, self->name_row, "name");
  trail_inspector_section_bind_entry (section, self->role_row, "role");
  trail_inspector_section_bind_color (section, self->color_button, "color");
  trail_inspector_section_bind_text (section, self->quote_view, "quote");
  trail_inspector_section_bind_text (section, self->goals_view, "goals");
  trail_inspector_section_bind_text (section, self->motivations_view, "motivations");
  trail_inspector_section_bind_text (section, self->pain_points_view, "pain-points");

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_photo_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

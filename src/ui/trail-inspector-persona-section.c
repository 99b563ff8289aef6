/* trail-inspector-persona-section.c — a persona in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
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

  GCancellable          *chooser_cancellable;  /* while the chooser is open */
  TrailPersona          *chooser_persona;      /* the persona shown when it was opened */
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
  g_autoptr(GBytes) photo = NULL;
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
  /* What a card needs (scaled, re-encoded, within the map's photo budget),
   * not the camera's full-size file. */
  if (bytes != NULL)
    photo = trail_document_prepare_photo (document, persona, bytes, &error);

  if (photo == NULL)
    show_photo_error (self, error);
  else
    trail_document_update (document, persona, "photo", photo, NULL);
}

static void
on_photo_chosen_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TrailInspectorPersonaSection *self = TRAIL_INSPECTOR_PERSONA_SECTION (object);
  g_autoptr(TrailPersona) persona = g_steal_pointer (&self->chooser_persona);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser_cancellable);
  file = trail_compat_choose_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    show_photo_error (self, error);
  else if (file != NULL)
    /* The photo goes to the persona it was chosen for, even if another
     * item is shown by now. */
    set_photo_from_file (self, persona, file);
}

static void
on_choose_photo_clicked_cb (TrailInspectorPersonaSection *self)
{
  GObject *item = trail_inspector_section_get_item (TRAIL_INSPECTOR_SECTION (self));
  g_autoptr(GtkFileFilter) filter = NULL;
  TrailFileRequest request = {
    .action = TRAIL_FILE_OPEN,
    .title = _("Choose a Photo"),
    .accept_label = _("_Choose"),
  };

  if (self->chooser_cancellable != NULL || !TRAIL_IS_PERSONA (item))
    return;

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG and JPEG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  request.filter = filter;

  self->chooser_cancellable = g_cancellable_new ();
  g_set_object (&self->chooser_persona, TRAIL_PERSONA (item));
  trail_compat_choose_file (GTK_WIDGET (self), &request, self->chooser_cancellable,
                            on_photo_chosen_cb, NULL);
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

/* Not gdk_texture_new_for_pixbuf(), deprecated in GTK 4.20. */
static GdkTexture *
texture_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) pixels = gdk_pixbuf_read_pixel_bytes (pixbuf);

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf),
                                 gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 pixels,
                                 gdk_pixbuf_get_rowstride (pixbuf));
}

static void
trail_inspector_persona_section_load (TrailInspectorSection *section,
                                      GObject               *item)
{
  TrailInspectorPersonaSection *self = TRAIL_INSPECTOR_PERSONA_SECTION (section);
  GBytes *bytes = trail_persona_get_photo (TRAIL_PERSONA (item));
  g_autoptr(GdkTexture) texture = NULL;

  /* Decoded within bounds and at most the size shown: a photo from an
   * older or hostile file may be far larger than the editor makes them. */
  if (bytes != NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = trail_image_decode (bytes, TRAIL_PHOTO_MAX_SIDE, NULL);

      if (pixbuf != NULL)
        texture = texture_for_pixbuf (pixbuf);
    }
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), texture != NULL);
  show_photo_error (self, NULL);
}

static void
trail_inspector_persona_section_dispose (GObject *object)
{
  TrailInspectorPersonaSection *self = TRAIL_INSPECTOR_PERSONA_SECTION (object);

  /* Closes the chooser; its callback then only drops what it holds. */
  g_cancellable_cancel (self->chooser_cancellable);
  g_clear_object (&self->chooser_cancellable);
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

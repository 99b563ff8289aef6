/* trail-template-gallery.c
 *
 * Each template is previewed by the render layer, as an export would draw
 * it, in the style the app shows (light or dark).
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-template-gallery"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-export.h"
#include "trail-model.h"
#include "trail-templates.h"
#include "trail-template-gallery.h"

#define PREVIEW_WIDTH 260.0

struct _TrailTemplateGallery
{
  AdwWindow   parent_instance;

  GtkFlowBox *flow_box;
};

enum {
  CHOSEN,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TrailTemplateGallery, trail_template_gallery, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

static GdkTexture *
render_preview (const char        *id,
                TrailStyleVariant  style)
{
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;
  GdkTexture *texture;

  document = trail_template_load (id, &error);
  if (document == NULL)
    {
      g_warning ("Template %s does not load: %s", id, error->message);
      return NULL;
    }

  trail_export_options_init (&options);
  options.style = style;

  layout = trail_export_make_layout (document, &options, &error);
  if (layout == NULL)
    return NULL;

  /* A thumbnail of the whole map: its shape tells the templates apart. */
  options.scale = MIN (1.0, PREVIEW_WIDTH / trail_layout_get_width (layout));
  png = trail_export_to_bytes (document, &options, &error);
  if (png == NULL)
    return NULL;

  texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    g_warning ("Preview of template %s: %s", id, error->message);

  return texture;
}

static GtkWidget *
create_card (const char        *id,
             TrailStyleVariant  style)
{
  g_autoptr(GdkTexture) texture = render_preview (id, style);
  g_autofree char *alternative = NULL;
  GtkWidget *box;
  GtkWidget *frame;
  GtkWidget *picture;
  GtkWidget *name;
  GtkWidget *description;
  GtkWidget *child;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "trail-template-card");

  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  /* Translators: the alternative text of a template's picture; %s is its name */
  alternative = g_strdup_printf (_("Preview of “%s”"), trail_template_get_name (id));
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), alternative);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, -1, 180);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_add_css_class (frame, "trail-template-preview");
  gtk_box_append (GTK_BOX (box), frame);

  name = gtk_label_new (trail_template_get_name (id));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (box), name);

  description = gtk_label_new (trail_template_get_description (id));
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_lines (GTK_LABEL (description), 3);
  /* A wrapping label is as wide as its text unless told: keep three cards
   * to a row. */
  gtk_label_set_max_width_chars (GTK_LABEL (description), 32);
  gtk_label_set_width_chars (GTK_LABEL (description), 24);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), description);

  child = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  g_object_set_data_full (G_OBJECT (child), "trail-template-id", g_strdup (id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, trail_template_get_name (id),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, trail_template_get_description (id),
                                  -1);

  return child;
}

static void
on_child_activated_cb (TrailTemplateGallery *self,
                       GtkFlowBoxChild      *child)
{
  const char *id = g_object_get_data (G_OBJECT (child), "trail-template-id");

  g_signal_emit (self, signals[CHOSEN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
trail_template_gallery_class_init (TrailTemplateGalleryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-template-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailTemplateGallery, flow_box);
  gtk_widget_class_bind_template_callback (widget_class, on_child_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trail_template_gallery_init (TrailTemplateGallery *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char * const *ids = trail_templates_list_ids ();
  TrailStyleVariant style = TRAIL_STYLE_LIGHT;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Previews look like the canvas will. */
  if (adw_style_manager_get_high_contrast (manager))
    style = TRAIL_STYLE_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (manager))
    style = TRAIL_STYLE_DARK;

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_flow_box_append (self->flow_box, create_card (ids[i], style));
}

GtkWindow *
trail_template_gallery_new (GtkWindow *parent)
{
  return g_object_new (TRAIL_TYPE_TEMPLATE_GALLERY,
                       "transient-for", parent,
                       NULL);
}

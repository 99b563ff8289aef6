/* trail-inspector-channel-section.c — one of the map's own channels in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include "trail-compat.h"
#include "trail-icons.h"
#include "trail-inspector-channel-section.h"

#define ICON_SIZE 16

struct _TrailInspectorChannelSection
{
  TrailInspectorSection  parent_instance;

  AdwEntryRow           *name_row;
  AdwComboRow           *icon_row;
};

G_DEFINE_FINAL_TYPE (TrailInspectorChannelSection, trail_inspector_channel_section, TRAIL_TYPE_INSPECTOR_SECTION)

/* The bundled icons are those of the standard channels and lane kinds:
 * they are named after them. */
static const char *
get_icon_label (const char *icon)
{
  g_autoptr(GEnumClass) channels = g_type_class_ref (TRAIL_TYPE_CHANNEL);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (TRAIL_TYPE_LANE_KIND);

  for (guint i = 0; i < channels->n_values; i++)
    if (g_strcmp0 (trail_icon_for_channel (channels->values[i].value), icon) == 0)
      return trail_channel_get_label (channels->values[i].value);
  for (guint i = 0; i < kinds->n_values; i++)
    if (g_strcmp0 (trail_icon_for_lane_kind (kinds->values[i].value), icon) == 0)
      return trail_lane_kind_get_label (kinds->values[i].value);
  return icon;
}

static void
draw_icon_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  const char *icon = g_object_get_data (G_OBJECT (area), "icon");
  graphene_rect_t rect = GRAPHENE_RECT_INIT (0, 0, width, height);
  GdkRGBA color;

  if (icon == NULL)
    return;
  trail_widget_get_color (GTK_WIDGET (area), &color);
  trail_icon_draw (cr, icon, &rect, &color);
}

static void
on_icon_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), ICON_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), ICON_SIZE);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_icon_cb, NULL, NULL);
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static void
on_icon_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *area = gtk_widget_get_first_child (box);
  const char *icon = gtk_string_object_get_string (gtk_list_item_get_item (item));

  g_object_set_data_full (G_OBJECT (area), "icon", g_strdup (icon), g_free);
  gtk_widget_queue_draw (area);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (area)), get_icon_label (icon));
}

static void
on_icon_selected_cb (TrailInspectorChannelSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  GObject *item = trail_inspector_section_get_item (section);
  GtkStringObject *chosen = adw_combo_row_get_selected_item (self->icon_row);

  if (trail_inspector_section_is_loading (section) || !TRAIL_IS_CUSTOM_CHANNEL (item) || chosen == NULL)
    return;

  trail_inspector_section_commit (section);
  if (g_strcmp0 (gtk_string_object_get_string (chosen),
                 trail_custom_channel_get_icon (TRAIL_CUSTOM_CHANNEL (item))) != 0)
    trail_document_update (trail_inspector_section_get_document (section), item,
                           "icon", gtk_string_object_get_string (chosen), NULL);
}

static void
trail_inspector_channel_section_load (TrailInspectorSection *section,
                                      GObject               *item)
{
  TrailInspectorChannelSection *self = TRAIL_INSPECTOR_CHANNEL_SECTION (section);
  const char * const *icons = trail_custom_channel_list_icons ();
  const char *icon = trail_custom_channel_get_icon (TRAIL_CUSTOM_CHANNEL (item));

  for (guint i = 0; icons[i] != NULL; i++)
    if (g_strcmp0 (icons[i], icon) == 0 && adw_combo_row_get_selected (self->icon_row) != i)
      adw_combo_row_set_selected (self->icon_row, i);
}

static void
trail_inspector_channel_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_CHANNEL_SECTION);

  G_OBJECT_CLASS (trail_inspector_channel_section_parent_class)->dispose (object);
}

static void
trail_inspector_channel_section_class_init (TrailInspectorChannelSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_channel_section_dispose;
  section_class->load = trail_inspector_channel_section_load;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-channel-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorChannelSection, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorChannelSection, icon_row);
}

static void
trail_inspector_channel_section_init (TrailInspectorChannelSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  g_autoptr(GtkStringList) icons = gtk_string_list_new ((const char * const *) trail_custom_channel_list_icons ());
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_entry (section, self->name_row, "name");

  g_signal_connect (factory, "setup", G_CALLBACK (on_icon_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_icon_bind_cb), NULL);
  adw_combo_row_set_factory (self->icon_row, factory);
  adw_combo_row_set_model (self->icon_row, G_LIST_MODEL (icons));
  trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (self->icon_row));
  g_signal_connect_object (self->icon_row, "notify::selected", G_CALLBACK (on_icon_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

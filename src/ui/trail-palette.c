/* trail-palette.c — stages, lanes, cards and personas to drag onto a map
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-icons.h"
#include "trail-palette.h"
#include "trail-style.h"

struct _TrailPalette
{
  GtkWidget      parent_instance;

  GtkListBox    *structure_list;
  GtkListBox    *cards_list;
  GtkListBox    *touchpoints_list;
  GtkListBox    *personas_list;
  GtkWidget     *add_persona_button;

  TrailDocument *document;
  TrailStyle    *style;
  char          *active_persona;
  gboolean       updating;
};

enum {
  PROP_0,
  PROP_ACTIVE_PERSONA,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TrailPalette, trail_palette, GTK_TYPE_WIDGET)

/* ---- Rows ---------------------------------------------------------------- */

/* The kind's own icon (the one cards and lane headers carry on the map) on
 * a tint of its colour; a plain swatch for what has no icon (a stage, a
 * persona). */
static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA *color = g_object_get_data (G_OBJECT (area), "color");
  const char *icon = g_object_get_data (G_OBJECT (area), "icon");
  double r = 4;

  if (color == NULL)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);

  if (icon == NULL)
    {
      gdk_cairo_set_source_rgba (cr, color);
      cairo_fill (cr);
      return;
    }

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.18);
  cairo_fill (cr);
  trail_icon_draw (cr, icon, &GRAPHENE_RECT_INIT (3, 3, width - 6, height - 6), color);
}

static const char *
get_item_icon (TrailPaletteItem *item)
{
  switch (trail_palette_item_get_kind (item))
    {
    case TRAIL_PALETTE_ITEM_LANE:
      return trail_icon_for_lane_kind (trail_palette_item_get_lane_kind (item));

    case TRAIL_PALETTE_ITEM_CARD:
      if (trail_palette_item_get_channel_icon (item) != NULL)
        return trail_palette_item_get_channel_icon (item);
      if (trail_palette_item_get_channel (item) != TRAIL_CHANNEL_NONE)
        return trail_icon_for_channel (trail_palette_item_get_channel (item));
      return trail_icon_for_lane_kind (trail_palette_item_get_lane_kind (item));

    case TRAIL_PALETTE_ITEM_STAGE:
    case TRAIL_PALETTE_ITEM_PERSONA:
    default:
      return NULL;
    }
}

static GtkWidget *
create_swatch (const GdkRGBA *color,
               const char    *icon)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 22);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (area), "color", gdk_rgba_copy (color), (GDestroyNotify) gdk_rgba_free);
  g_object_set_data (G_OBJECT (area), "icon", (gpointer) icon);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return area;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  TrailPaletteItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item == NULL)
    return NULL;

  return gdk_content_provider_new_typed (TRAIL_TYPE_PALETTE_ITEM, item);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 12, 12);
}

static GtkWidget *
create_row (TrailPalette     *self,
            TrailPaletteItem *item,
            const GdkRGBA    *color,
            const char       *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text;
  GtkDragSource *source;
  g_autofree char *default_label = trail_palette_item_dup_label (item);

  if (label == NULL)
    label = default_label;

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), create_swatch (color, get_item_icon (item)));
  text = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "trail-palette-item");
  gtk_widget_set_tooltip_text (row, _("Drag onto the map, or press Enter to add it at the selected cell"));

  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "label", g_strdup (label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Drag onto the map, or press Enter to add it at the selected cell"),
                                  -1);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  return row;
}

static void
on_row_activated_cb (TrailPalette  *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  TrailPaletteItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
fill_static_rows (TrailPalette *self)
{
  static const TrailLaneKind lane_kinds[] = {
    TRAIL_LANE_KIND_TOUCHPOINTS, TRAIL_LANE_KIND_ACTIONS, TRAIL_LANE_KIND_THOUGHTS,
    TRAIL_LANE_KIND_EMOTIONS, TRAIL_LANE_KIND_PAIN_POINTS, TRAIL_LANE_KIND_OPPORTUNITIES,
    TRAIL_LANE_KIND_BACKSTAGE, TRAIL_LANE_KIND_KPIS, TRAIL_LANE_KIND_NOTES, TRAIL_LANE_KIND_CUSTOM,
  };
  static const TrailLaneKind card_kinds[] = {
    TRAIL_LANE_KIND_TOUCHPOINTS, TRAIL_LANE_KIND_ACTIONS, TRAIL_LANE_KIND_THOUGHTS,
    TRAIL_LANE_KIND_PAIN_POINTS, TRAIL_LANE_KIND_OPPORTUNITIES, TRAIL_LANE_KIND_BACKSTAGE,
    TRAIL_LANE_KIND_KPIS, TRAIL_LANE_KIND_NOTES,
  };
  static const TrailChannel channels[] = {
    TRAIL_CHANNEL_WEBSITE, TRAIL_CHANNEL_SOCIAL_MEDIA, TRAIL_CHANNEL_EMAIL, TRAIL_CHANNEL_PHONE,
    TRAIL_CHANNEL_STORE, TRAIL_CHANNEL_MOBILE_APP, TRAIL_CHANNEL_LIVE_CHAT, TRAIL_CHANNEL_REVIEWS,
    TRAIL_CHANNEL_PACKAGING, TRAIL_CHANNEL_FOLLOW_UP, TRAIL_CHANNEL_OTHER,
  };
  GtkWidget *child;
  GdkRGBA face, on_face;

  for (GtkListBox **list = (GtkListBox *[]) { self->structure_list, self->cards_list, self->touchpoints_list, NULL };
       *list != NULL; list++)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (*list))) != NULL)
      gtk_list_box_remove (*list, child);

  {
    g_autoptr(TrailPaletteItem) item = trail_palette_item_new_stage ();

    trail_style_get_stage_colors (self->style, NULL, 0, &face, &on_face);
    gtk_list_box_append (self->structure_list, create_row (self, item, &face, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (lane_kinds); i++)
    {
      g_autoptr(TrailPaletteItem) item = trail_palette_item_new_lane (lane_kinds[i]);
      GdkRGBA color = trail_style_get_lane_color (self->style, lane_kinds[i]);

      gtk_list_box_append (self->structure_list, create_row (self, item, &color, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (card_kinds); i++)
    {
      g_autoptr(TrailPaletteItem) item = trail_palette_item_new_card (card_kinds[i], TRAIL_CHANNEL_NONE);
      GdkRGBA color = trail_style_get_lane_color (self->style, card_kinds[i]);

      gtk_list_box_append (self->cards_list, create_row (self, item, &color, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autoptr(TrailPaletteItem) item = trail_palette_item_new_card (TRAIL_LANE_KIND_TOUCHPOINTS, channels[i]);
      GdkRGBA color = trail_style_get_lane_color (self->style, TRAIL_LANE_KIND_TOUCHPOINTS);

      gtk_list_box_append (self->touchpoints_list, create_row (self, item, &color, NULL));
    }
}

/* The map's own channels, after the standard ones. */
static void
rebuild_channels (TrailPalette *self)
{
  GdkRGBA color = trail_style_get_lane_color (self->style, TRAIL_LANE_KIND_TOUCHPOINTS);
  GtkWidget *child, *next;
  GListModel *channels;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->touchpoints_list)); child != NULL; child = next)
    {
      TrailPaletteItem *item = g_object_get_data (G_OBJECT (child), "item");

      next = gtk_widget_get_next_sibling (child);
      if (item != NULL && trail_palette_item_get_custom_channel (item) != NULL)
        gtk_list_box_remove (self->touchpoints_list, child);
    }

  if (self->document == NULL)
    return;

  channels = trail_document_get_channels (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(TrailCustomChannel) channel = g_list_model_get_item (channels, i);
      g_autoptr(TrailPaletteItem) item = trail_palette_item_new_custom_channel (channel);

      gtk_list_box_append (self->touchpoints_list, create_row (self, item, &color, NULL));
    }
}

/* ---- Personas ------------------------------------------------------------- */

static void
on_persona_toggled_cb (GtkCheckButton *check,
                       TrailPalette   *self)
{
  if (self->updating || !gtk_check_button_get_active (check))
    return;

  trail_palette_set_active_persona (self, g_object_get_data (G_OBJECT (check), "persona-id"));
}

static void
rebuild_personas (TrailPalette *self)
{
  GtkWidget *child;
  GtkCheckButton *group = NULL;
  GListModel *personas;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->personas_list))) != NULL)
    gtk_list_box_remove (self->personas_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->personas_list), FALSE);
  if (self->document == NULL)
    return;

  personas = trail_document_get_personas (self->document);
  self->updating = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      g_autoptr(TrailPaletteItem) item = trail_palette_item_new_persona (trail_persona_get_id (persona));
      GdkRGBA color = trail_style_get_persona_color (self->style, persona, i);
      const char *name = trail_persona_get_name (persona);
      GtkWidget *row, *check;
      g_autofree char *check_label = NULL;

      if (name == NULL || name[0] == '\0')
        name = _("Unnamed persona");
      row = create_row (self, item, &color, name);

      check = gtk_check_button_new ();
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      g_object_set_data_full (G_OBJECT (check), "persona-id", g_strdup (trail_persona_get_id (persona)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strcmp0 (self->active_persona, trail_persona_get_id (persona)) == 0 ||
                                   (self->active_persona == NULL && i == 0));
      /* Translators: %s is a persona's name */
      check_label = g_strdup_printf (_("Edit %s’s emotion line"), name);
      gtk_widget_set_tooltip_text (check, check_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_persona_toggled_cb), self);
      gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), check);
      gtk_widget_set_tooltip_text (row, _("Drag onto a card, a lane or the emotions lane; press Enter to edit"));

      gtk_list_box_append (self->personas_list, row);
      gtk_widget_set_visible (GTK_WIDGET (self->personas_list), TRUE);
    }
  self->updating = FALSE;
}

static void
on_document_changed_cb (TrailPalette     *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  if (what & TRAIL_CHANGE_PERSONAS)
    rebuild_personas (self);
  if (what & TRAIL_CHANGE_CHANNELS)
    rebuild_channels (self);
}

static void
on_add_persona_clicked_cb (TrailPalette *self)
{
  TrailPersona *persona;
  g_autoptr(TrailPaletteItem) item = NULL;

  if (self->document == NULL)
    return;

  persona = trail_document_add_persona (self->document, -1, _("New persona"));
  if (persona == NULL)
    return;

  /* Activating the new persona opens it in the inspector. */
  item = trail_palette_item_new_persona (trail_persona_get_id (persona));
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
on_style_changed_cb (TrailPalette *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TrailStyleVariant variant = adw_style_manager_get_high_contrast (manager) ? TRAIL_STYLE_HIGH_CONTRAST
                            : adw_style_manager_get_dark (manager) ? TRAIL_STYLE_DARK : TRAIL_STYLE_LIGHT;

  g_clear_pointer (&self->style, trail_style_unref);
  self->style = trail_style_new (variant);
  fill_static_rows (self);
  rebuild_channels (self);
  rebuild_personas (self);
}

/* ---- GObject -------------------------------------------------------------- */

static void
trail_palette_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TrailPalette *self = TRAIL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE_PERSONA:
      g_value_set_string (value, self->active_persona);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_palette_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TrailPalette *self = TRAIL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE_PERSONA:
      trail_palette_set_active_persona (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_palette_dispose (GObject *object)
{
  TrailPalette *self = TRAIL_PALETTE (object);

  trail_palette_set_document (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_PALETTE);
  /* Unnamed template children are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->style, trail_style_unref);
  g_clear_pointer (&self->active_persona, g_free);

  G_OBJECT_CLASS (trail_palette_parent_class)->dispose (object);
}

static void
trail_palette_class_init (TrailPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_palette_dispose;
  object_class->get_property = trail_palette_get_property;
  object_class->set_property = trail_palette_set_property;

  properties[PROP_ACTIVE_PERSONA] =
    g_param_spec_string ("active-persona", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TRAIL_TYPE_PALETTE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailPalette, structure_list);
  gtk_widget_class_bind_template_child (widget_class, TrailPalette, cards_list);
  gtk_widget_class_bind_template_child (widget_class, TrailPalette, touchpoints_list);
  gtk_widget_class_bind_template_child (widget_class, TrailPalette, personas_list);
  gtk_widget_class_bind_template_child (widget_class, TrailPalette, add_persona_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_persona_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailpalette");
}

static void
trail_palette_init (TrailPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (GtkListBox **list = (GtkListBox *[]) { self->structure_list, self->cards_list,
                                              self->touchpoints_list, self->personas_list, NULL };
       *list != NULL; list++)
    g_signal_connect_object (*list, "row-activated", G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_style_changed_cb), self, G_CONNECT_SWAPPED);
  on_style_changed_cb (self);
}

GtkWidget *
trail_palette_new (void)
{
  return g_object_new (TRAIL_TYPE_PALETTE, NULL);
}

void
trail_palette_set_document (TrailPalette  *self,
                            TrailDocument *document)
{
  g_return_if_fail (TRAIL_IS_PALETTE (self));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_sensitive (self->add_persona_button, document != NULL);
  rebuild_channels (self);
  rebuild_personas (self);
}

const char *
trail_palette_get_active_persona (TrailPalette *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE (self), NULL);

  return self->active_persona;
}

void
trail_palette_set_active_persona (TrailPalette *self,
                                  const char   *persona_id)
{
  g_return_if_fail (TRAIL_IS_PALETTE (self));

  if (g_strcmp0 (self->active_persona, persona_id) == 0)
    return;

  g_free (self->active_persona);
  self->active_persona = g_strdup (persona_id);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->personas_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *check = gtk_widget_get_last_child (box);

      if (GTK_IS_CHECK_BUTTON (check) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (check), "persona-id"), persona_id) == 0)
        {
          self->updating = TRUE;
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          self->updating = FALSE;
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PERSONA]);
}

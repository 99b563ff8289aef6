/* trail-compare-canvas.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-compare-canvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "trail-canvas.h"
#include "trail-compare-canvas.h"
#include "trail-painter.h"

struct _TrailCompareCanvas
{
  GtkWidget        parent_instance;

  TrailComparison *comparison;
  TrailLayout     *layout;
  double           zoom;
};

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TrailCompareCanvas, trail_compare_canvas, GTK_TYPE_WIDGET)

static TrailStyle *
make_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (adw_style_manager_get_high_contrast (manager))
    return trail_style_new (TRAIL_STYLE_HIGH_CONTRAST);
  return trail_style_new (adw_style_manager_get_dark (manager) ? TRAIL_STYLE_DARK : TRAIL_STYLE_LIGHT);
}

static void
on_style_changed_cb (TrailCompareCanvas *self)
{
  TrailStyle *style;

  if (self->layout == NULL)
    return;
  style = make_style ();
  trail_layout_set_style (self->layout, style);
  trail_style_unref (style);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static const char *
item_id (const TrailLayoutItem *item)
{
  switch ((int) item->kind)
    {
    case TRAIL_LAYOUT_ITEM_CARD:
      return trail_card_get_id (item->object);
    case TRAIL_LAYOUT_ITEM_STAGE:
      return trail_stage_get_id (item->object);
    case TRAIL_LAYOUT_ITEM_LANE:
      return trail_lane_get_id (item->object);
    default:
      return NULL;
    }
}

/* The emotion changes at the stage under @x, one line each. */
static char *
describe_emotions (TrailCompareCanvas *self,
                   float               x)
{
  TrailDiff *diff = trail_comparison_get_diff (self->comparison);
  GPtrArray *emotions = trail_diff_get_emotions (diff);
  TrailStage *stage = NULL;
  double position;
  GString *out;

  if (!trail_layout_emotion_stage_at (self->layout, x, &stage, &position) || stage == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < emotions->len; i++)
    {
      const TrailDiffEmotion *e = emotions->pdata[i];
      g_autofree char *delta = NULL;

      if (g_strcmp0 (e->new_stage_id, trail_stage_get_id (stage)) != 0)
        continue;
      delta = trail_diff_format_delta (e->delta);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: persona, old score, new score, change ("▲ +1.5"). */
      g_string_append_printf (out, _("%s: %.1f → %.1f (%s)"),
                              e->new_persona_id != NULL ? e->persona : _("Everyone"),
                              e->old_score, e->new_score, delta);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
on_query_tooltip_cb (TrailCompareCanvas *self,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip)
{
  const TrailLayoutItem *item;
  g_autofree char *text = NULL;

  if (self->layout == NULL)
    return FALSE;
  item = trail_layout_pick (self->layout, x / self->zoom, y / self->zoom,
                            TRAIL_LAYOUT_ITEM_CARD | TRAIL_LAYOUT_ITEM_STAGE | TRAIL_LAYOUT_ITEM_LANE |
                            TRAIL_LAYOUT_ITEM_EMOTIONS);
  if (item == NULL)
    return FALSE;
  if (item->kind == TRAIL_LAYOUT_ITEM_EMOTIONS)
    text = describe_emotions (self, x / self->zoom);
  else
    text = trail_comparison_describe (self->comparison, item_id (item));
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { item->bounds.origin.x * self->zoom,
                                                       item->bounds.origin.y * self->zoom,
                                                       item->bounds.size.width * self->zoom,
                                                       item->bounds.size.height * self->zoom });
  return TRUE;
}

static void
trail_compare_canvas_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  TrailCompareCanvas *self = TRAIL_COMPARE_CANVAS (widget);
  float size = 0;

  if (self->layout != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL ? trail_layout_get_width (self->layout)
                                                      : trail_layout_get_height (self->layout);
  *minimum = *natural = (int) ceil (size * self->zoom);
}

static void
trail_compare_canvas_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  TrailCompareCanvas *self = TRAIL_COMPARE_CANVAS (widget);

  if (self->layout == NULL)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  trail_painter_draw_map (snapshot, self->layout, NULL, TRAIL_PAINT_DEFAULT);
  gtk_snapshot_restore (snapshot);
}

/* Ctrl+scroll zooms, as on the map itself. */
static gboolean
on_scroll_cb (TrailCompareCanvas       *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  trail_compare_canvas_set_zoom (self, trail_canvas_step_zoom (self->zoom, dy < 0 ? 1 : -1));
  return TRUE;
}

static void
trail_compare_canvas_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TrailCompareCanvas *self = TRAIL_COMPARE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_compare_canvas_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TrailCompareCanvas *self = TRAIL_COMPARE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      trail_compare_canvas_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_compare_canvas_dispose (GObject *object)
{
  TrailCompareCanvas *self = TRAIL_COMPARE_CANVAS (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->comparison);

  G_OBJECT_CLASS (trail_compare_canvas_parent_class)->dispose (object);
}

static void
trail_compare_canvas_class_init (TrailCompareCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_compare_canvas_dispose;
  object_class->get_property = trail_compare_canvas_get_property;
  object_class->set_property = trail_compare_canvas_set_property;
  widget_class->measure = trail_compare_canvas_measure;
  widget_class->snapshot = trail_compare_canvas_snapshot;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, TRAIL_CANVAS_MIN_ZOOM, TRAIL_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "comparecanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
trail_compare_canvas_init (TrailCompareCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->zoom = 1.0;
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
trail_compare_canvas_new (void)
{
  return g_object_new (TRAIL_TYPE_COMPARE_CANVAS, NULL);
}

void
trail_compare_canvas_set_comparison (TrailCompareCanvas *self,
                                     TrailComparison    *comparison)
{
  TrailStyle *style;
  g_autofree char *summary = NULL;

  g_return_if_fail (TRAIL_IS_COMPARE_CANVAS (self));

  g_set_object (&self->comparison, comparison);
  g_clear_object (&self->layout);
  if (comparison != NULL)
    {
      style = make_style ();
      self->layout = trail_layout_new (trail_comparison_get_document (comparison), style);
      trail_style_unref (style);
      trail_comparison_attach (comparison, self->layout);
      summary = trail_comparison_dup_summary (comparison);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparison of two maps"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary != NULL ? summary : "",
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

TrailComparison *
trail_compare_canvas_get_comparison (TrailCompareCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_COMPARE_CANVAS (self), NULL);
  return self->comparison;
}

gboolean
trail_compare_canvas_get_item_bounds (TrailCompareCanvas *self,
                                      const char         *view_id,
                                      graphene_rect_t    *bounds)
{
  TrailDocument *view;
  gpointer object = NULL;
  const TrailLayoutItem *item;

  g_return_val_if_fail (TRAIL_IS_COMPARE_CANVAS (self), FALSE);

  if (self->layout == NULL || view_id == NULL)
    return FALSE;
  view = trail_comparison_get_document (self->comparison);
  if ((object = trail_document_find_card (view, view_id)) == NULL &&
      (object = trail_document_find_stage (view, view_id)) == NULL)
    object = trail_document_find_lane (view, view_id);
  item = object != NULL ? trail_layout_find (self->layout, object) : NULL;
  if (item == NULL)
    return FALSE;
  graphene_rect_scale (&item->bounds, self->zoom, self->zoom, bounds);
  return TRUE;
}

double
trail_compare_canvas_get_zoom (TrailCompareCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_COMPARE_CANVAS (self), 1.0);
  return self->zoom;
}

void
trail_compare_canvas_set_zoom (TrailCompareCanvas *self,
                               double              zoom)
{
  g_return_if_fail (TRAIL_IS_COMPARE_CANVAS (self));

  zoom = CLAMP (zoom, TRAIL_CANVAS_MIN_ZOOM, TRAIL_CANVAS_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
trail_compare_canvas_get_fit_zoom (TrailCompareCanvas *self,
                                   int                 width,
                                   int                 height)
{
  float map_w, map_h;

  g_return_val_if_fail (TRAIL_IS_COMPARE_CANVAS (self), 1.0);

  if (self->layout == NULL || width <= 0 || height <= 0)
    return self->zoom;
  map_w = trail_layout_get_width (self->layout);
  map_h = trail_layout_get_height (self->layout);
  if (map_w <= 0 || map_h <= 0)
    return self->zoom;
  return CLAMP (MIN (width / map_w, height / map_h), TRAIL_CANVAS_MIN_ZOOM, TRAIL_CANVAS_MAX_ZOOM);
}

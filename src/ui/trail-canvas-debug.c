/* trail-canvas-debug.c — hidden aids for UI tests and the benchmark
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TRAILMAP_DEBUG_GEOMETRY=FILE   after each change of layout or view, write
 *     where cards, cells, headers and emotion points are, in the window's
 *     surface coordinates, so tests aim real pointer input without sleeps.
 * TRAILMAP_BENCH_DRAG=FILE       once a map is shown, drag its first card
 *     across the view, one step per frame of the frame clock, record each
 *     frame's time, write them to FILE and quit. With TRAILMAP_BENCH_STILL=1
 *     nothing is dragged: one card is redrawn per frame, the baseline.
 * TRAILMAP_BENCH_FIRST_FRAME=FILE  write how long after TRAILMAP_BENCH_T0
 *     (monotonic microseconds) the first frame showing the map (or, with
 *     TRAILMAP_BENCH_EMPTY=1, the window's first frame) was painted, and quit.
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <json-glib/json-glib.h>

#include "trail-canvas-private.h"

#define BENCH_WARMUP 15
#define BENCH_FRAMES 240

typedef struct
{
  char      *drag_path;
  char      *first_frame_path;
  gboolean   empty;
  gint64     t0;
  GtkWidget *window;
  gulong     update_id;
  gulong     paint_id;
  guint      tick_id;
  int        frame;
  gint64     frame_start;
  GArray    *times;          /* double, milliseconds */
  double     x0, y0, x1, y1; /* the drag, widget coordinates */
  gboolean   started;
  gboolean   done;
  gboolean   still;          /* baseline: no drag, one card redrawn per frame */
  gpointer   still_card;
} Bench;

/* Made at the first root, only when an environment variable asks. */
struct _TrailCanvasDebug
{
  char      *geometry_path;  /* TRAILMAP_DEBUG_GEOMETRY: the tests read the map's geometry there */
  guint      geometry_idle;
  GdkFrameClock *geometry_clock;  /* waiting for its frame to write the geometry */
  gulong     after_paint_id;
  Bench     *bench;
};

static void
add_rect (JsonBuilder     *builder,
          TrailCanvas     *self,
          const graphene_rect_t *map_rect)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  graphene_point_t a, b, out_a, out_b;
  double sx = 0, sy = 0;
  double wx, wy;

  gtk_native_get_surface_transform (native, &sx, &sy);
  _trail_canvas_map_to_widget (self, map_rect->origin.x, map_rect->origin.y, &wx, &wy);
  a = GRAPHENE_POINT_INIT (wx, wy);
  _trail_canvas_map_to_widget (self, map_rect->origin.x + map_rect->size.width,
                              map_rect->origin.y + map_rect->size.height, &wx, &wy);
  b = GRAPHENE_POINT_INIT (wx, wy);
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (native), &a, &out_a) ||
      !gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (native), &b, &out_b))
    return;

  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, out_a.x + sx);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, out_a.y + sy);
  json_builder_set_member_name (builder, "w");
  json_builder_add_double_value (builder, out_b.x - out_a.x);
  json_builder_set_member_name (builder, "h");
  json_builder_add_double_value (builder, out_b.y - out_a.y);
}

static void
add_widget_rect (JsonBuilder *builder,
                 GtkWidget   *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_rect_t bounds;
  double sx = 0, sy = 0;

  if (native == NULL || !gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds))
    return;
  gtk_native_get_surface_transform (native, &sx, &sy);
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, bounds.origin.x + sx);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, bounds.origin.y + sy);
  json_builder_set_member_name (builder, "w");
  json_builder_add_double_value (builder, bounds.size.width);
  json_builder_set_member_name (builder, "h");
  json_builder_add_double_value (builder, bounds.size.height);
}

/* Palette rows and inspector fields, so tests can aim at them. */
static void
add_labelled_widgets (JsonBuilder *builder,
                      GtkWidget   *widget,
                      const char  *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, css_class) && gtk_widget_get_mapped (child))
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, g_object_get_data (G_OBJECT (child), "label"));
          add_widget_rect (builder, child);
          json_builder_end_object (builder);
        }
      add_labelled_widgets (builder, child, css_class);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
write_geometry (TrailCanvas *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *data = NULL;
  graphene_rect_t visible;
  double x0, y0, x1, y1;

  if (self->debug == NULL || self->debug->geometry_path == NULL ||
      gtk_widget_get_native (GTK_WIDGET (self)) == NULL)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, self->zoom);
  json_builder_set_member_name (builder, "editing");
  json_builder_add_boolean_value (builder, self->editor != NULL);
  json_builder_set_member_name (builder, "has_document");
  json_builder_add_boolean_value (builder, self->layout != NULL);

  {
    GtkRoot *window = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = window != NULL ? gtk_root_get_focus (window) : NULL;

    json_builder_set_member_name (builder, "focus");
    json_builder_add_string_value (builder, focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "");
  }
  json_builder_set_member_name (builder, "selection");
  json_builder_begin_array (builder);
  if (self->selection != NULL)
    for (guint i = 0; i < trail_selection_get_n_cards (self->selection); i++)
      json_builder_add_string_value (builder,
                                     trail_card_get_id (g_ptr_array_index (trail_selection_get_cards (self->selection), i)));
  json_builder_end_array (builder);

  /* A stage, lane, persona or point selected instead: its id. */
  json_builder_set_member_name (builder, "selected");
  {
    GObject *object = self->selection != NULL ? trail_selection_get_object (self->selection) : NULL;
    g_autofree char *id = NULL;

    if (object != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (object), "id") != NULL)
      g_object_get (object, "id", &id, NULL);
    if (id != NULL)
      json_builder_add_string_value (builder, id);
    else
      json_builder_add_null_value (builder);
  }

  json_builder_set_member_name (builder, "palette");
  json_builder_begin_array (builder);
  add_labelled_widgets (builder, GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), "trail-palette-item");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "inspector");
  json_builder_begin_array (builder);
  add_labelled_widgets (builder, GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), "trail-inspector-field");
  json_builder_end_array (builder);

  if (self->layout == NULL)
    goto done;

  _trail_canvas_widget_to_map (self, 0, 0, &x0, &y0);
  _trail_canvas_widget_to_map (self, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), &x1, &y1);
  visible = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  json_builder_set_member_name (builder, "view");
  json_builder_begin_object (builder);
  add_rect (builder, self, &visible);
  json_builder_end_object (builder);
  {
    graphene_rect_t all;

    trail_layout_get_bounds (self->layout, &all);
    json_builder_set_member_name (builder, "map");
    json_builder_begin_object (builder);
    add_rect (builder, self, &all);
    json_builder_end_object (builder);
  }

  items = trail_layout_query (self->layout, &visible,
                              TRAIL_LAYOUT_ITEM_CARD | TRAIL_LAYOUT_ITEM_CELL | TRAIL_LAYOUT_ITEM_STAGE |
                              TRAIL_LAYOUT_ITEM_LANE | TRAIL_LAYOUT_ITEM_EMOTIONS);

  for (int pass = 0; pass < 5; pass++)
    {
      static const struct { TrailLayoutItemKind kind; const char *name; } kinds[] = {
        { TRAIL_LAYOUT_ITEM_CARD, "cards" }, { TRAIL_LAYOUT_ITEM_CELL, "cells" },
        { TRAIL_LAYOUT_ITEM_STAGE, "stages" }, { TRAIL_LAYOUT_ITEM_LANE, "lanes" },
        { TRAIL_LAYOUT_ITEM_EMOTIONS, "emotions" },
      };

      json_builder_set_member_name (builder, kinds[pass].name);
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          const TrailLayoutItem *item = items->pdata[i];

          if (item->kind != kinds[pass].kind)
            continue;

          json_builder_begin_object (builder);
          add_rect (builder, self, &item->bounds);
          switch (item->kind)
            {
            case TRAIL_LAYOUT_ITEM_CARD:
              add_string (builder, "id", trail_card_get_id (item->object));
              add_string (builder, "text", trail_card_get_text (item->object));
              add_string (builder, "lane", trail_card_get_lane_id (item->object));
              add_string (builder, "stage", trail_card_get_stage_id (item->object));
              break;
            case TRAIL_LAYOUT_ITEM_CELL:
              add_string (builder, "lane", trail_lane_get_id (item->object));
              add_string (builder, "stage", trail_stage_get_id (trail_layout_cell_get_stage (item)));
              add_string (builder, "lane_title", trail_lane_get_title (item->object));
              add_string (builder, "stage_name", trail_stage_get_name (trail_layout_cell_get_stage (item)));
              break;
            case TRAIL_LAYOUT_ITEM_STAGE:
              add_string (builder, "id", trail_stage_get_id (item->object));
              add_string (builder, "name", trail_stage_get_name (item->object));
              break;
            case TRAIL_LAYOUT_ITEM_LANE:
              add_string (builder, "id", trail_lane_get_id (item->object));
              add_string (builder, "title", trail_lane_get_title (item->object));
              break;
            case TRAIL_LAYOUT_ITEM_EMOTIONS:
              {
                int min = trail_document_get_scale_min (self->document);
                int max = trail_document_get_scale_max (self->document);
                GListModel *lines = trail_document_get_emotion_lines (self->document);

                add_string (builder, "lane", trail_lane_get_id (item->object));
                json_builder_set_member_name (builder, "score_y");
                json_builder_begin_object (builder);
                for (int step = min; step <= max; step++)
                  {
                    g_autofree char *key = g_strdup_printf ("%d", step);
                    graphene_rect_t r = GRAPHENE_RECT_INIT (item->bounds.origin.x,
                                                            trail_layout_emotion_y_for_score (item, step), 0, 0);

                    json_builder_set_member_name (builder, key);
                    json_builder_begin_object (builder);
                    add_rect (builder, self, &r);
                    json_builder_end_object (builder);
                  }
                json_builder_end_object (builder);

                json_builder_set_member_name (builder, "points");
                json_builder_begin_array (builder);
                for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
                  {
                    g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, l);
                    GListModel *points = trail_emotion_line_get_points (line);

                    for (guint p = 0; p < g_list_model_get_n_items (points); p++)
                      {
                        g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, p);
                        graphene_point_t pt;

                        if (!_trail_canvas_point_position (self, point, item, &pt))
                          continue;
                        json_builder_begin_object (builder);
                        add_string (builder, "id", trail_emotion_point_get_id (point));
                        add_string (builder, "stage", trail_emotion_point_get_stage_id (point));
                        add_string (builder, "line", trail_emotion_line_get_id (line));
                        json_builder_set_member_name (builder, "score");
                        json_builder_add_double_value (builder, trail_emotion_point_get_score (point));
                        add_rect (builder, self, &GRAPHENE_RECT_INIT (pt.x, pt.y, 0, 0));
                        json_builder_end_object (builder);
                      }
                  }
                json_builder_end_array (builder);
              }
              break;
            case TRAIL_LAYOUT_ITEM_HEADER:
            case TRAIL_LAYOUT_ITEM_PERSONA:
            case TRAIL_LAYOUT_ITEM_LEGEND:
            case TRAIL_LAYOUT_ITEM_ALL:
            default:
              break;
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

done:
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  /* Atomic, so a test never reads half a file. */
  g_file_set_contents (self->debug->geometry_path, data, -1, NULL);
}

static gboolean
write_geometry_idle_cb (gpointer user_data)
{
  TrailCanvas *self = user_data;

  self->debug->geometry_idle = 0;
  write_geometry (self);
  return G_SOURCE_REMOVE;
}

static void
on_geometry_frame_cb (GdkFrameClock *clock,
                      TrailCanvas   *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_geometry_frame_cb, self);
  g_clear_object (&self->debug->geometry_clock);
  if (self->debug->geometry_idle == 0)
    self->debug->geometry_idle = g_timeout_add_full (G_PRIORITY_LOW, 30, write_geometry_idle_cb, self, NULL);
}

void
_trail_canvas_queue_geometry (TrailCanvas *self)
{
  TrailCanvasDebug *debug = self->debug;
  GdkFrameClock *clock;

  if (debug == NULL || debug->geometry_path == NULL || debug->geometry_idle != 0)
    return;

  /* After the frame that shows the change: a field shown by it (a page of
   * the inspector) has its place then and takes a click. The frame is
   * asked for, as a change of focus alone may not need one. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (debug->geometry_clock == NULL)
        {
          /* Kept: the window may drop its clock before the canvas goes. */
          debug->geometry_clock = g_object_ref (clock);
          g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_geometry_frame_cb), self, 0);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }

  debug->geometry_idle = g_timeout_add_full (G_PRIORITY_LOW, 30, write_geometry_idle_cb, self, NULL);
}

/* ---- Benchmark ---------------------------------------------------------- */

static void
write_json_and_quit (const char *path,
                     JsonNode   *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  if (!g_file_set_contents (path, data, -1, &error))
    g_warning ("Could not write %s: %s", path, error->message);

  g_application_quit (g_application_get_default ());
}

static void
finish_drag_bench (TrailCanvas *self,
                   Bench       *bench)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *cards = trail_document_get_cards (self->document);

  bench->done = TRUE;
  if (!bench->still)
    _trail_canvas_drag_end_at (self, bench->x1, bench->y1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cards");
  json_builder_add_int_value (builder, g_list_model_get_n_items (cards));
  json_builder_set_member_name (builder, "renderer");
  json_builder_add_string_value (builder,
                                 G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (self)))));
  json_builder_set_member_name (builder, "frames_ms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bench->times->len; i++)
    json_builder_add_double_value (builder, g_array_index (bench->times, double, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  write_json_and_quit (bench->drag_path, root);
}

static gboolean
bench_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  Bench *bench = self->debug != NULL ? self->debug->bench : NULL;
  double t, x, y;

  if (bench == NULL || bench->done || self->layout == NULL)
    return G_SOURCE_CONTINUE;

  bench->frame_start = g_get_monotonic_time ();

  if (!bench->started)
    {
      g_autoptr(GPtrArray) items = NULL;
      double mx0, my0, mx1, my1;
      graphene_rect_t visible;
      const TrailLayoutItem *card;

      _trail_canvas_widget_to_map (self, 0, 0, &mx0, &my0);
      _trail_canvas_widget_to_map (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &mx1, &my1);
      visible = GRAPHENE_RECT_INIT (mx0, my0, mx1 - mx0, my1 - my0);
      items = trail_layout_query (self->layout, &visible, TRAIL_LAYOUT_ITEM_CARD);
      if (items->len == 0)
        return G_SOURCE_CONTINUE;

      card = items->pdata[0];
      _trail_canvas_map_to_widget (self, card->bounds.origin.x + 20, card->bounds.origin.y + 10,
                                  &bench->x0, &bench->y0);
      if (bench->still)
        {
          bench->started = TRUE;
          bench->frame = 0;
          bench->still_card = card->object;
          return G_SOURCE_CONTINUE;
        }
      /* Well inside the view: the drag measures drawing, not autoscroll. */
      bench->x1 = gtk_widget_get_width (widget) * 0.8;
      bench->y1 = MIN (bench->y0 + gtk_widget_get_height (widget) * 0.4, gtk_widget_get_height (widget) - 80);
      _trail_canvas_drag_begin_at (self, bench->x0, bench->y0);
      bench->started = TRUE;
      bench->frame = 0;
      return G_SOURCE_CONTINUE;
    }

  bench->frame++;
  if (bench->frame > BENCH_FRAMES)
    {
      finish_drag_bench (self, bench);
      return G_SOURCE_REMOVE;
    }

  if (bench->still)
    {
      GtkWidget *card = _trail_canvas_lookup_card_widget (self, bench->still_card);

      /* The smallest change that still makes a frame. */
      gtk_widget_queue_draw (card != NULL ? card : widget);
      return G_SOURCE_CONTINUE;
    }

  /* Across and back, so the drop target changes cell many times. */
  t = (double) bench->frame / BENCH_FRAMES;
  t = t < 0.5 ? 2 * t : 2 - 2 * t;
  x = bench->x0 + (bench->x1 - bench->x0) * t;
  y = bench->y0 + (bench->y1 - bench->y0) * t;
  _trail_canvas_drag_update_to (self, x, y);

  return G_SOURCE_CONTINUE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   TrailCanvas   *self)
{
  Bench *bench = self->debug != NULL ? self->debug->bench : NULL;
  gint64 now = g_get_monotonic_time ();

  if (bench == NULL)
    return;

  if (bench->first_frame_path != NULL && !bench->done &&
      (bench->empty || (self->layout != NULL && self->first_frame_done)))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      bench->done = TRUE;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "first_frame_ms");
      json_builder_add_double_value (builder, (now - bench->t0) / 1000.0);
      json_builder_set_member_name (builder, "cards");
      json_builder_add_int_value (builder, self->document != NULL
                                  ? g_list_model_get_n_items (trail_document_get_cards (self->document)) : 0);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      write_json_and_quit (bench->first_frame_path, root);
      return;
    }

  if (bench->drag_path != NULL && bench->started && !bench->done && bench->frame > BENCH_WARMUP &&
      bench->frame_start > 0)
    {
      double ms = (now - bench->frame_start) / 1000.0;
      g_array_append_val (bench->times, ms);
    }
  bench->frame_start = 0;
}

static void
on_root_realize_cb (GtkWidget   *window,
                    TrailCanvas *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL && self->debug->after_paint_id == 0)
    self->debug->after_paint_id = g_signal_connect_object (clock, "after-paint",
                                                           G_CALLBACK (on_after_paint_cb), self, 0);
}

/* Last in dispose: dropping the document and the selection queue it again. */
void
_trail_canvas_debug_dispose (TrailCanvas *self)
{
  if (self->debug == NULL)
    return;
  g_clear_handle_id (&self->debug->geometry_idle, g_source_remove);
  if (self->debug->geometry_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->debug->geometry_clock, on_geometry_frame_cb, self);
  g_clear_object (&self->debug->geometry_clock);
}

void
_trail_canvas_debug_free (TrailCanvas *self)
{
  TrailCanvasDebug *debug = self->debug;
  Bench *bench;

  if (debug == NULL)
    return;

  g_clear_handle_id (&debug->geometry_idle, g_source_remove);
  if (debug->geometry_clock != NULL)
    g_signal_handlers_disconnect_by_func (debug->geometry_clock, on_geometry_frame_cb, self);
  g_clear_object (&debug->geometry_clock);
  g_free (debug->geometry_path);
  if ((bench = debug->bench) != NULL)
    {
      g_free (bench->drag_path);
      g_free (bench->first_frame_path);
      g_array_unref (bench->times);
      g_free (bench);
    }
  g_clear_pointer (&self->debug, g_free);
}

/* The geometry says where the keyboard is: written again wherever in the
 * window it goes, not only in and out of the canvas, so that a test can
 * wait for an inspector field to have it before typing. */
static void
on_root_focus_cb (TrailCanvas *self)
{
  _trail_canvas_queue_geometry (self);
}

void
_trail_canvas_debug_init (TrailCanvas *self)
{
  const char *geometry = g_getenv ("TRAILMAP_DEBUG_GEOMETRY");
  const char *drag = g_getenv ("TRAILMAP_BENCH_DRAG");
  const char *first = g_getenv ("TRAILMAP_BENCH_FIRST_FRAME");
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean want_geometry = geometry != NULL && geometry[0] != '\0';
  gboolean want_bench = (drag != NULL && drag[0] != '\0') || (first != NULL && first[0] != '\0');
  TrailCanvasDebug *debug;
  Bench *bench;

  if (!want_geometry && !want_bench)
    return;
  if (self->debug == NULL)
    self->debug = g_new0 (TrailCanvasDebug, 1);
  debug = self->debug;

  if (want_geometry && debug->geometry_path == NULL)
    debug->geometry_path = g_strdup (geometry);
  if (debug->geometry_path != NULL && GTK_IS_WINDOW (root) &&
      g_signal_handler_find (root, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             on_root_focus_cb, self) == 0)
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (on_root_focus_cb), self,
                             G_CONNECT_SWAPPED);

  if (debug->bench != NULL || !want_bench)
    return;

  bench = g_new0 (Bench, 1);
  bench->drag_path = g_strdup (drag);
  bench->first_frame_path = g_strdup (first);
  bench->empty = g_strcmp0 (g_getenv ("TRAILMAP_BENCH_EMPTY"), "1") == 0;
  bench->still = g_strcmp0 (g_getenv ("TRAILMAP_BENCH_STILL"), "1") == 0;
  bench->t0 = g_ascii_strtoll (g_getenv ("TRAILMAP_BENCH_T0") ?: "0", NULL, 10);
  bench->times = g_array_new (FALSE, FALSE, sizeof (double));
  debug->bench = bench;

  if (bench->drag_path != NULL && bench->drag_path[0] != '\0')
    gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_tick_cb, NULL, NULL);
  else
    g_clear_pointer (&bench->drag_path, g_free);

  if (gtk_widget_get_realized (root))
    on_root_realize_cb (root, self);
  else
    g_signal_connect_object (root, "realize", G_CALLBACK (on_root_realize_cb), self, G_CONNECT_AFTER);
}

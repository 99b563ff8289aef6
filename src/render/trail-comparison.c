/* trail-comparison.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-comparison"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "trail-comparison.h"

struct _TrailComparison
{
  GObject        parent_instance;

  TrailDiff     *diff;
  TrailDocument *view;
  GHashTable    *ghosts;   /* view id → TrailDiffItem* of a removed item (not owned) */
  GHashTable    *action_marks; /* view card id → ActionMark: what happened to its actions */
};

/* A card whose actions changed: the pill on its badge's corner. */
typedef struct
{
  TrailDiffKind  kind;
  char          *label;   /* "Action: Done", "New action", … */
  char          *detail;  /* for the tooltip: the action and its changes */
} ActionMark;

G_DEFINE_FINAL_TYPE (TrailComparison, trail_comparison, G_TYPE_OBJECT)

typedef enum
{
  MARK_FRAME,     /* an outline around an item */
  MARK_DIM,       /* a veil over a removed item */
  MARK_PILL,      /* a label: right edge at rect.x, centred on rect.y */
  MARK_PILL_CENTRED,
  MARK_LINE,      /* an old emotion line: points, dashed */
} MarkType;

typedef struct
{
  MarkType         type;
  graphene_rect_t  rect;
  GdkRGBA          color;
  gboolean         dashed;
  char            *text;
  GArray          *points;  /* graphene_point_t */
} Mark;

/* GNOME's palette: green 4, red 3, yellow 5 darkened for white text, blue 4. */
static const GdkRGBA added_color   = { 0.149, 0.635, 0.412, 1 };
static const GdkRGBA removed_color = { 0.753, 0.110, 0.157, 1 };
static const GdkRGBA changed_color = { 0.612, 0.431, 0.012, 1 };
static const GdkRGBA moved_color   = { 0.110, 0.443, 0.847, 1 };

#define FRAME_WIDTH 3.0
#define PILL_PAD_X  6.0
#define PILL_PAD_Y  2.0

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static guint
persona_index (TrailDocument *doc,
               TrailPersona  *persona)
{
  GListModel *personas = trail_document_get_personas (doc);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) item = g_list_model_get_item (personas, i);
      if (item == persona)
        return i;
    }
  return 0;
}

static void
mark_free (gpointer data)
{
  Mark *mark = data;

  g_free (mark->text);
  g_clear_pointer (&mark->points, g_array_unref);
  g_free (mark);
}

static Mark *
add_mark (GPtrArray             *marks,
          MarkType               type,
          const graphene_rect_t *rect,
          const GdkRGBA         *color,
          const char            *text)
{
  Mark *mark = g_new0 (Mark, 1);

  mark->type = type;
  mark->rect = *rect;
  mark->color = *color;
  mark->text = g_strdup (text);
  g_ptr_array_add (marks, mark);
  return mark;
}

static const GdkRGBA *
color_for (TrailDiffKind kind)
{
  if (kind & TRAIL_DIFF_ADDED)
    return &added_color;
  if (kind & TRAIL_DIFF_REMOVED)
    return &removed_color;
  if (kind & (TRAIL_DIFF_CHANGED | TRAIL_DIFF_RENAMED))
    return &changed_color;
  return &moved_color;
}

/* The short label on an item: what happened, in a word or two. */
static char *
label_for (const TrailDiffItem *item)
{
  if (item->kind & TRAIL_DIFF_ADDED)
    return g_strdup (C_("comparison", "New"));
  if (item->kind & TRAIL_DIFF_REMOVED)
    return g_strdup (C_("comparison", "Removed"));
  if ((item->kind & TRAIL_DIFF_MOVED) && item->old_stage != NULL)
    {
      g_autofree char *stage = trail_display_text_dup (item->old_stage, 24);
      return g_strdup_printf ((item->kind & TRAIL_DIFF_CHANGED) ? C_("comparison", "Changed, from %s")
                                                                 : C_("comparison", "From %s"), stage);
    }
  if (item->kind & TRAIL_DIFF_RENAMED)
    {
      g_autofree char *name = trail_display_text_dup (item->old_name, 24);
      return g_strdup_printf (C_("comparison", "Was %s"), name);
    }
  if (item->kind & TRAIL_DIFF_CHANGED)
    return g_strdup (C_("comparison", "Changed"));
  return g_strdup (C_("comparison", "Moved"));
}

static const TrailDiffItem *
lookup (TrailComparison *self,
        const char      *view_id)
{
  const TrailDiffItem *item = g_hash_table_lookup (self->ghosts, view_id);

  return item != NULL ? item : trail_diff_lookup_new (self->diff, view_id);
}

static void
mark_item (TrailComparison       *self,
           GPtrArray             *marks,
           const TrailLayoutItem *layout_item,
           const char            *view_id)
{
  const TrailDiffItem *item = lookup (self, view_id);
  g_autofree char *label = NULL;
  graphene_rect_t frame;
  Mark *mark;

  if (item == NULL)
    return;

  label = label_for (item);
  graphene_rect_inset_r (&layout_item->bounds, -FRAME_WIDTH / 2, -FRAME_WIDTH / 2, &frame);
  if (item->kind & TRAIL_DIFF_REMOVED)
    add_mark (marks, MARK_DIM, &layout_item->bounds, &removed_color, NULL);
  mark = add_mark (marks, MARK_FRAME, &frame, color_for (item->kind), NULL);
  mark->dashed = (item->kind & TRAIL_DIFF_REMOVED) != 0;
  add_mark (marks, MARK_PILL,
            &GRAPHENE_RECT_INIT (frame.origin.x + frame.size.width - 4, frame.origin.y, 0, 0),
            color_for (item->kind), label);
}

/* At the card's bottom right, where its actions' badge is: what
 * happened to them. */
static void
mark_actions (TrailComparison       *self,
              GPtrArray             *marks,
              const TrailLayoutItem *layout_item,
              const char            *view_id)
{
  const ActionMark *action = g_hash_table_lookup (self->action_marks, view_id);
  const graphene_rect_t *b = &layout_item->bounds;

  if (action == NULL)
    return;
  add_mark (marks, MARK_PILL, &GRAPHENE_RECT_INIT (b->origin.x + b->size.width - 4, b->origin.y + b->size.height, 0, 0),
            color_for (action->kind), action->label);
}

static void
mark_emotions (TrailComparison       *self,
               GPtrArray             *marks,
               TrailLayout           *layout,
               const TrailLayoutItem *plot)
{
  TrailLane *lane = plot->object;
  const char *lane_persona = trail_lane_get_persona_id (lane);
  GListModel *lines = trail_document_get_emotion_lines (self->view);
  GPtrArray *stages = trail_layout_get_stages (layout);
  GPtrArray *emotions = trail_diff_get_emotions (self->diff);
  TrailStyle *style = trail_layout_get_style (layout);

  for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, l);
      const char *pid = trail_emotion_line_get_persona_id (line);
      TrailPersona *persona = pid != NULL ? trail_document_find_persona (self->view, pid) : NULL;
      GdkRGBA color = style->everyone_line;
      Mark *old_line;

      if (lane_persona != NULL && g_strcmp0 (lane_persona, pid) != 0)
        continue;
      if (persona != NULL)
        color = trail_style_get_persona_color (style, persona,
                                               persona_index (self->view, persona));

      old_line = add_mark (marks, MARK_LINE, &plot->bounds, &color, NULL);
      old_line->dashed = TRUE;
      old_line->points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
      for (guint s = 0; s < stages->len; s++)
        {
          const TrailLayoutItem *stage = stages->pdata[s];
          double score;
          graphene_point_t p;

          if (!trail_diff_get_old_score (self->diff, pid, trail_stage_get_id (stage->object), &score))
            continue;
          p.x = stage->bounds.origin.x + stage->bounds.size.width / 2;
          p.y = trail_layout_emotion_y_for_score (plot, score);
          g_array_append_val (old_line->points, p);
        }

      for (guint i = 0; i < emotions->len; i++)
        {
          const TrailDiffEmotion *e = emotions->pdata[i];
          const TrailLayoutItem *stage = trail_layout_find (layout, trail_document_find_stage (self->view, e->new_stage_id));
          g_autofree char *delta = NULL;
          float y;

          if (stage == NULL || g_strcmp0 (e->new_persona_id, pid) != 0)
            continue;
          delta = trail_diff_format_delta (e->delta);
          /* Above the new score when it rose, below when it fell: away
           * from the old line. */
          y = trail_layout_emotion_y_for_score (plot, e->new_score) + (e->delta > 0 ? -14 : 14);
          y = CLAMP (y, plot->bounds.origin.y + 8, plot->bounds.origin.y + plot->bounds.size.height - 8);
          add_mark (marks, MARK_PILL_CENTRED,
                    &GRAPHENE_RECT_INIT (stage->bounds.origin.x + stage->bounds.size.width / 2, y, 0, 0),
                    e->delta > 0 ? &added_color : &removed_color, delta);
        }
    }
}

static GPtrArray *
collect_marks (TrailComparison *self,
               TrailLayout     *layout)
{
  GPtrArray *marks = g_ptr_array_new_with_free_func (mark_free);
  g_autoptr(GPtrArray) items = NULL;
  graphene_rect_t bounds;

  trail_layout_get_bounds (layout, &bounds);
  items = trail_layout_query (layout, &bounds,
                              TRAIL_LAYOUT_ITEM_CARD | TRAIL_LAYOUT_ITEM_STAGE |
                              TRAIL_LAYOUT_ITEM_LANE | TRAIL_LAYOUT_ITEM_EMOTIONS);
  for (guint i = 0; i < items->len; i++)
    {
      const TrailLayoutItem *item = items->pdata[i];

      switch ((int) item->kind)
        {
        case TRAIL_LAYOUT_ITEM_CARD:
          mark_item (self, marks, item, trail_card_get_id (item->object));
          mark_actions (self, marks, item, trail_card_get_id (item->object));
          break;
        case TRAIL_LAYOUT_ITEM_STAGE:
          mark_item (self, marks, item, trail_stage_get_id (item->object));
          break;
        case TRAIL_LAYOUT_ITEM_LANE:
          mark_item (self, marks, item, trail_lane_get_id (item->object));
          break;
        case TRAIL_LAYOUT_ITEM_EMOTIONS:
          mark_emotions (self, marks, layout, item);
          break;
        default:
          break;
        }
    }
  return marks;
}

static PangoLayout *
make_pill_text (PangoContext     *context,
                const TrailStyle *style,
                const char       *text)
{
  PangoLayout *pango = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (trail_style_get_font (style, TRAIL_FONT_CARD_META));

  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pango, font);
  pango_layout_set_text (pango, text, -1);
  return pango;
}

/* Where a pill goes, from its anchor and its text's size. */
static void
pill_rect (const Mark      *mark,
           int              text_w,
           int              text_h,
           graphene_rect_t *out)
{
  float w = text_w + 2 * PILL_PAD_X, h = text_h + 2 * PILL_PAD_Y;
  float x = mark->type == MARK_PILL ? mark->rect.origin.x - w : mark->rect.origin.x - w / 2;

  *out = GRAPHENE_RECT_INIT (x, mark->rect.origin.y - h / 2, w, h);
}

static void
rounded_rect (cairo_t               *cr,
              const graphene_rect_t *r,
              double                 radius)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_marks_cairo (GPtrArray        *marks,
                  const TrailStyle *style,
                  cairo_t          *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);

  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = marks->pdata[i];

      cairo_save (cr);
      /* A label's text leaves a current point behind. */
      cairo_new_path (cr);
      switch (mark->type)
        {
        case MARK_DIM:
          {
            GdkRGBA veil = with_alpha (&style->page, 0.6);
            gdk_cairo_set_source_rgba (cr, &veil);
          }
          rounded_rect (cr, &mark->rect, style->card_radius);
          cairo_fill (cr);
          break;
        case MARK_FRAME:
          gdk_cairo_set_source_rgba (cr, &mark->color);
          cairo_set_line_width (cr, FRAME_WIDTH);
          if (mark->dashed)
            cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          rounded_rect (cr, &mark->rect, style->card_radius + FRAME_WIDTH / 2);
          cairo_stroke (cr);
          break;
        case MARK_LINE:
          if (mark->points->len < 1)
            break;
          {
            GdkRGBA faint = with_alpha (&mark->color, 0.7);
            gdk_cairo_set_source_rgba (cr, &faint);
          }
          cairo_set_line_width (cr, style->emotion_line_width);
          cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
          for (guint p = 0; p < mark->points->len; p++)
            {
              const graphene_point_t *pt = &g_array_index (mark->points, graphene_point_t, p);
              cairo_line_to (cr, pt->x, pt->y);
            }
          cairo_stroke (cr);
          for (guint p = 0; p < mark->points->len; p++)
            {
              const graphene_point_t *pt = &g_array_index (mark->points, graphene_point_t, p);
              cairo_new_sub_path (cr);
              cairo_arc (cr, pt->x, pt->y, style->emotion_point_radius * 0.7, 0, 2 * G_PI);
            }
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          break;
        case MARK_PILL:
        case MARK_PILL_CENTRED:
          {
            PangoLayout *pango = make_pill_text (context, style, mark->text);
            graphene_rect_t r;
            int w, h;

            pango_layout_get_pixel_size (pango, &w, &h);
            pill_rect (mark, w, h, &r);
            gdk_cairo_set_source_rgba (cr, &mark->color);
            rounded_rect (cr, &r, r.size.height / 2);
            cairo_fill (cr);
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_move_to (cr, r.origin.x + PILL_PAD_X, r.origin.y + PILL_PAD_Y);
            pango_cairo_show_layout (cr, pango);
            g_object_unref (pango);
          }
          break;
        default:
          break;
        }
      cairo_restore (cr);
    }
  g_object_unref (context);
}

static void
draw_overlay_cb (GtkSnapshot           *snapshot,
                 TrailLayout           *layout,
                 const graphene_rect_t *area,
                 gpointer               user_data)
{
  TrailComparison *self = user_data;
  g_autoptr(GPtrArray) marks = collect_marks (self, layout);
  graphene_rect_t bounds, clip;
  cairo_t *cr;

  if (marks->len == 0)
    return;
  /* Labels stick out of the map's top edge by half their height. */
  trail_layout_get_bounds (layout, &bounds);
  graphene_rect_inset_r (&bounds, -20, -20, &bounds);
  if (!graphene_rect_intersection (&bounds, area, &clip))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &clip);
  draw_marks_cairo (marks, trail_layout_get_style (layout), cr);
  cairo_destroy (cr);
}

static void
append_color (GString       *out,
              const char    *attribute,
              const GdkRGBA *color)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute,
                          (int) round (color->red * 255), (int) round (color->green * 255),
                          (int) round (color->blue * 255));
  if (color->alpha < 1)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (out, " %s-opacity=\"%s\"", attribute,
                              g_ascii_formatd (number, sizeof number, "%.2f", color->alpha));
    }
}

static void
append_number (GString *out,
               double   value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (number, sizeof number, "%.2f", value));
}

static void
append_rect (GString               *out,
             const graphene_rect_t *r,
             double                 radius)
{
  g_string_append (out, "<rect x=\"");
  append_number (out, r->origin.x);
  g_string_append (out, "\" y=\"");
  append_number (out, r->origin.y);
  g_string_append (out, "\" width=\"");
  append_number (out, r->size.width);
  g_string_append (out, "\" height=\"");
  append_number (out, r->size.height);
  g_string_append (out, "\" rx=\"");
  append_number (out, radius);
  g_string_append (out, "\"");
}

/* The same marks as SVG elements, text as <text>, so a designer can edit
 * them like the rest of the map's SVG. */
static void
write_marks_svg (GPtrArray        *marks,
                 const TrailStyle *style,
                 GString          *out)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  const PangoFontDescription *font = trail_style_get_font (style, TRAIL_FONT_CARD_META);

  g_string_append (out, "<g id=\"comparison\">\n");
  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = marks->pdata[i];

      switch (mark->type)
        {
        case MARK_DIM:
          append_rect (out, &mark->rect, style->card_radius);
          {
            GdkRGBA veil = with_alpha (&style->page, 0.6);
            append_color (out, "fill", &veil);
          }
          g_string_append (out, "/>\n");
          break;
        case MARK_FRAME:
          append_rect (out, &mark->rect, style->card_radius + FRAME_WIDTH / 2);
          g_string_append (out, " fill=\"none\" stroke-width=\"3\"");
          append_color (out, "stroke", &mark->color);
          if (mark->dashed)
            g_string_append (out, " stroke-dasharray=\"6 4\"");
          g_string_append (out, "/>\n");
          break;
        case MARK_LINE:
          if (mark->points->len < 1)
            break;
          g_string_append (out, "<polyline fill=\"none\" stroke-dasharray=\"5 4\" stroke-width=\"");
          append_number (out, style->emotion_line_width);
          g_string_append (out, "\"");
          {
            GdkRGBA faint = with_alpha (&mark->color, 0.7);
            append_color (out, "stroke", &faint);
          }
          g_string_append (out, " points=\"");
          for (guint p = 0; p < mark->points->len; p++)
            {
              const graphene_point_t *pt = &g_array_index (mark->points, graphene_point_t, p);
              append_number (out, pt->x);
              g_string_append_c (out, ',');
              append_number (out, pt->y);
              g_string_append_c (out, ' ');
            }
          g_string_append (out, "\"/>\n");
          break;
        case MARK_PILL:
        case MARK_PILL_CENTRED:
          {
            PangoLayout *pango = make_pill_text (context, style, mark->text);
            g_autofree char *escaped = g_markup_escape_text (mark->text, -1);
            PangoRectangle logical;
            graphene_rect_t r;
            int baseline;

            pango_layout_get_pixel_extents (pango, NULL, &logical);
            baseline = PANGO_PIXELS (pango_layout_get_baseline (pango));
            pill_rect (mark, logical.width, logical.height, &r);
            append_rect (out, &r, r.size.height / 2);
            append_color (out, "fill", &mark->color);
            g_string_append (out, "/>\n<text x=\"");
            append_number (out, r.origin.x + PILL_PAD_X);
            g_string_append (out, "\" y=\"");
            append_number (out, r.origin.y + PILL_PAD_Y + baseline);
            g_string_append_printf (out, "\" fill=\"#ffffff\" font-family=\"%s\" font-weight=\"bold\" font-size=\"",
                                    pango_font_description_get_family (font));
            append_number (out, pango_font_description_get_size (font) / (double) PANGO_SCALE *
                                (pango_font_description_get_size_is_absolute (font) ? 1 : 96.0 / 72.0));
            g_string_append_printf (out, "px\">%s</text>\n", escaped);
            g_object_unref (pango);
          }
          break;
        default:
          break;
        }
    }
  g_string_append (out, "</g>\n");
  g_object_unref (context);
}

static void
action_mark_free (gpointer data)
{
  ActionMark *mark = data;

  g_free (mark->label);
  g_free (mark->detail);
  g_free (mark);
}

static void
trail_comparison_finalize (GObject *object)
{
  TrailComparison *self = (TrailComparison *) object;

  g_clear_pointer (&self->ghosts, g_hash_table_unref);
  g_clear_pointer (&self->action_marks, g_hash_table_unref);
  g_clear_pointer (&self->diff, trail_diff_unref);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (trail_comparison_parent_class)->finalize (object);
}

static void
trail_comparison_class_init (TrailComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trail_comparison_finalize;
}

static void
trail_comparison_init (TrailComparison *self)
{
  self->ghosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->action_marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, action_mark_free);
}

/* Where a removed stage or lane goes in the view: right after the last
 * item before it in the old map that the view has. */
static int
ghost_index (GListModel *old_list,
             guint       old_index,
             GHashTable *old_to_view,
             GListModel *view_list,
             const char *(*get_id) (gpointer))
{
  for (int i = (int) old_index - 1; i >= 0; i--)
    {
      g_autoptr(GObject) prev = g_list_model_get_item (old_list, i);
      const char *view_id = g_hash_table_lookup (old_to_view, get_id (prev));

      if (view_id != NULL)
        for (guint j = 0; j < g_list_model_get_n_items (view_list); j++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (view_list, j);
            if (g_strcmp0 (get_id (item), view_id) == 0)
              return j + 1;
          }
    }
  return 0;
}

static const char *
get_stage_id (gpointer item)
{
  return trail_stage_get_id (item);
}

static const char *
get_lane_id (gpointer item)
{
  return trail_lane_get_id (item);
}

static void
add_ghosts (TrailComparison *self)
{
  TrailDocument *old_doc = trail_diff_get_old (self->diff);
  GListModel *old_stages = trail_document_get_stages (old_doc);
  GListModel *old_lanes = trail_document_get_lanes (old_doc);
  g_autoptr(GHashTable) old_to_view = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *items;

  for (guint i = 0; i < g_list_model_get_n_items (old_stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (old_stages, i);
      const char *matched = trail_diff_match_old (self->diff, trail_stage_get_id (stage));
      if (matched != NULL)
        g_hash_table_insert (old_to_view, (gpointer) trail_stage_get_id (stage), g_strdup (matched));
    }
  for (guint i = 0; i < g_list_model_get_n_items (old_lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (old_lanes, i);
      const char *matched = trail_diff_match_old (self->diff, trail_lane_get_id (lane));
      if (matched != NULL)
        g_hash_table_insert (old_to_view, (gpointer) trail_lane_get_id (lane), g_strdup (matched));
    }

  items = trail_diff_get_stages (self->diff);
  for (guint i = 0; i < items->len; i++)
    {
      TrailDiffItem *item = items->pdata[i];
      TrailStage *old = trail_document_find_stage (old_doc, item->old_id);
      TrailStage *ghost;
      guint old_index;

      if (!(item->kind & TRAIL_DIFF_REMOVED) || old == NULL)
        continue;
      old_index = trail_document_get_stage_index (old_doc, old);
      ghost = trail_document_add_stage (self->view,
                                        ghost_index (old_stages, old_index, old_to_view,
                                                     trail_document_get_stages (self->view), get_stage_id),
                                        trail_stage_get_name (old));
      g_hash_table_insert (old_to_view, (gpointer) trail_stage_get_id (old), g_strdup (trail_stage_get_id (ghost)));
      g_hash_table_insert (self->ghosts, g_strdup (trail_stage_get_id (ghost)), item);
    }

  items = trail_diff_get_lanes (self->diff);
  for (guint i = 0; i < items->len; i++)
    {
      TrailDiffItem *item = items->pdata[i];
      TrailLane *old = trail_document_find_lane (old_doc, item->old_id);
      TrailLane *ghost;
      guint old_index;

      if (!(item->kind & TRAIL_DIFF_REMOVED) || old == NULL)
        continue;
      old_index = trail_document_get_lane_index (old_doc, old);
      ghost = trail_document_add_lane (self->view,
                                       ghost_index (old_lanes, old_index, old_to_view,
                                                    trail_document_get_lanes (self->view), get_lane_id),
                                       trail_lane_get_kind (old), trail_lane_get_title (old));
      g_hash_table_insert (old_to_view, (gpointer) trail_lane_get_id (old), g_strdup (trail_lane_get_id (ghost)));
      g_hash_table_insert (self->ghosts, g_strdup (trail_lane_get_id (ghost)), item);
    }

  items = trail_diff_get_cards (self->diff);
  for (guint i = 0; i < items->len; i++)
    {
      TrailDiffItem *item = items->pdata[i];
      TrailCard *old = trail_document_find_card (old_doc, item->old_id);
      TrailStage *stage;
      TrailLane *lane;
      TrailCard *ghost;

      if (!(item->kind & TRAIL_DIFF_REMOVED) || old == NULL)
        continue;
      stage = trail_document_find_stage (self->view, g_hash_table_lookup (old_to_view, trail_card_get_stage_id (old)));
      lane = trail_document_find_lane (self->view, g_hash_table_lookup (old_to_view, trail_card_get_lane_id (old)));
      if (stage == NULL || lane == NULL || trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
        continue;
      ghost = trail_document_add_card (self->view, lane, stage, -1, trail_card_get_text (old));
      g_hash_table_insert (self->ghosts, g_strdup (trail_card_get_id (ghost)), item);
    }
}

static const char *status_label (const char *word);

static void
mark_card_actions (TrailComparison     *self,
                   const char          *card_id,
                   const TrailDiffItem *item,
                   const char          *label)
{
  ActionMark *mark = g_hash_table_lookup (self->action_marks, card_id);
  g_autofree char *change = trail_comparison_describe_action (self, item);
  const char *title = item->new_name != NULL ? item->new_name : item->old_name;
  g_autofree char *name = trail_display_text_dup (title != NULL ? title : "", 60);
  /* Translators: a card's tooltip in a comparison: an action on it and what happened to it. */
  g_autofree char *line = g_strdup_printf (_("Action “%s”: %s"), name, change);

  if (mark == NULL)
    {
      mark = g_new0 (ActionMark, 1);
      mark->kind = item->kind;
      mark->label = g_strdup (label);
      mark->detail = g_steal_pointer (&line);
      g_hash_table_insert (self->action_marks, g_strdup (card_id), mark);
      return;
    }
  /* Several actions on one card: one pill that says so. */
  g_free (mark->label);
  mark->label = g_strdup (C_("comparison", "Actions changed"));
  mark->kind = TRAIL_DIFF_CHANGED;
  {
    char *detail = g_strconcat (mark->detail, "\n", line, NULL);
    g_free (mark->detail);
    mark->detail = detail;
  }
}

/* The cards whose actions were added, removed or changed get a pill by
 * their actions' badge: the view has the new map's badges, the pill says
 * what changed. */
static void
add_action_marks (TrailComparison *self)
{
  GPtrArray *items = trail_diff_get_actions (self->diff);
  TrailDocument *old_doc = trail_diff_get_old (self->diff);

  for (guint i = 0; i < items->len; i++)
    {
      const TrailDiffItem *item = items->pdata[i];
      TrailAction *action = item->new_id != NULL ? trail_document_find_action (self->view, item->new_id)
                                                 : trail_document_find_action (old_doc, item->old_id);
      const char * const *cards = action != NULL ? trail_action_get_cards (action) : NULL;
      g_autofree char *label = NULL;

      if (item->kind & TRAIL_DIFF_ADDED)
        label = g_strdup (C_("comparison", "New action"));
      else if (item->kind & TRAIL_DIFF_REMOVED)
        label = g_strdup (C_("comparison", "Action removed"));
      else
        {
          for (guint f = 0; item->fields != NULL && f < item->fields->len && label == NULL; f++)
            {
              const TrailDiffField *field = item->fields->pdata[f];
              if (g_str_equal (field->name, "status"))
                /* Translators: on a card in a comparison: its action's new status. */
                label = g_strdup_printf (C_("comparison", "Action: %s"), status_label (field->new_value));
            }
          if (label == NULL)
            label = g_strdup (C_("comparison", "Action changed"));
        }

      for (guint c = 0; cards != NULL && cards[c] != NULL; c++)
        {
          /* A removed action's cards are the old map's: the view's card
           * they matched, if any. */
          const char *view_card = item->new_id != NULL ? cards[c] : trail_diff_match_old (self->diff, cards[c]);

          if (view_card != NULL && trail_document_find_card (self->view, view_card) != NULL)
            mark_card_actions (self, view_card, item, label);
        }
    }
}

TrailComparison *
trail_comparison_new (TrailDocument *old_doc,
                      TrailDocument *new_doc,
                      const char    *old_label,
                      const char    *new_label)
{
  TrailComparison *self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (old_doc), NULL);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (new_doc), NULL);

  self = g_object_new (TRAIL_TYPE_COMPARISON, NULL);
  self->diff = trail_diff_new (old_doc, new_doc);

  /* A copy through the file format keeps every id, so the diff's new ids
   * are the view's. */
  bytes = trail_document_serialize (new_doc);
  self->view = trail_document_load_from_bytes (bytes, new_label, &error);
  if (self->view == NULL)
    {
      /* The new map was valid a moment ago; nothing but memory fails here. */
      g_warning ("Cannot copy the map to compare: %s", error->message);
      self->view = trail_document_new ();
    }

  trail_document_begin_group (self->view, "comparison");
  add_ghosts (self);
  add_action_marks (self);
  title = g_strdup_printf (_("%s compared with %s"),
                           new_label != NULL ? new_label : trail_document_get_title (new_doc),
                           old_label != NULL ? old_label : trail_document_get_title (old_doc));
  summary = trail_comparison_dup_summary (self);
  trail_document_update (self->view, self->view, "title", title, "objective", summary, "scope", "", NULL);
  trail_document_end_group (self->view);
  trail_document_clear_history (self->view);

  return self;
}

TrailDiff *
trail_comparison_get_diff (TrailComparison *self)
{
  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);
  return self->diff;
}

TrailDocument *
trail_comparison_get_document (TrailComparison *self)
{
  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);
  return self->view;
}

const TrailDiffItem *
trail_comparison_lookup (TrailComparison *self,
                         const char      *view_id)
{
  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);
  return view_id != NULL ? lookup (self, view_id) : NULL;
}

static const char *
field_label (const char *name)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "text", N_("Text") }, { "details", N_("Details") }, { "channel", N_("Channel") },
    { "personas", N_("Personas") }, { "evidence", N_("Evidence") }, { "source", N_("Source") },
    { "evidence note", N_("Evidence note") }, { "priority", N_("Priority") }, { "color", N_("Colour") },
    { "votes", N_("Votes") }, { "unit", N_("Unit") }, { "target", N_("Target") },
    { "values", N_("Values") }, { "description", N_("Description") }, { "kind", N_("Kind") },
    { "hidden", N_("Hidden") }, { "title", N_("Title") }, { "owner", N_("Owner") },
    { "due", N_("Due") }, { "status", N_("Status") }, { "cards", N_("Cards") },
    { "kpi", N_("KPI") }, { "metric", N_("Metric") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return _(labels[i].label);
  return name;
}

char *
trail_comparison_describe (TrailComparison *self,
                           const char      *view_id)
{
  const TrailDiffItem *item;
  GString *out;

  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);

  item = view_id != NULL ? lookup (self, view_id) : NULL;
  if (item == NULL)
    {
      const ActionMark *action = view_id != NULL ? g_hash_table_lookup (self->action_marks, view_id) : NULL;
      return action != NULL ? g_strdup (action->detail) : NULL;
    }

  out = g_string_new (NULL);
  if (item->kind & TRAIL_DIFF_ADDED)
    g_string_append (out, _("Added"));
  else if (item->kind & TRAIL_DIFF_REMOVED)
    {
      if (item->old_stage != NULL && item->old_lane != NULL)
        g_string_append_printf (out, _("Removed (was in %s, %s)"), item->old_stage, item->old_lane);
      else
        g_string_append (out, _("Removed"));
    }
  else
    {
      if (item->kind & TRAIL_DIFF_RENAMED)
        g_string_append_printf (out, _("Renamed from “%s”"), item->old_name);
      if ((item->kind & TRAIL_DIFF_MOVED) && item->old_stage != NULL)
        {
          g_string_append (out, out->len ? "\n" : "");
          g_string_append_printf (out, _("Moved from %s, %s"), item->old_stage,
                                  item->old_lane != NULL ? item->old_lane : "");
        }
      else if (item->kind & TRAIL_DIFF_MOVED)
        g_string_append_printf (out, "%s%s", out->len ? "\n" : "", _("Moved in the order"));
      for (guint i = 0; item->fields != NULL && i < item->fields->len; i++)
        {
          const TrailDiffField *field = item->fields->pdata[i];
          g_autofree char *old_value = trail_display_text_dup (field->old_value, 200);

          g_string_append_printf (out, "%s", out->len ? "\n" : "");
          if (*old_value == '\0')
            /* Translators: a card's field that had no value before the change. */
            g_string_append_printf (out, _("%s was not set"), field_label (field->name));
          else
            /* Translators: a card's field and its value before the change. */
            g_string_append_printf (out, _("%s was “%s”"), field_label (field->name), old_value);
        }
    }
  {
    const ActionMark *action = g_hash_table_lookup (self->action_marks, view_id);
    if (action != NULL)
      g_string_append_printf (out, "\n%s", action->detail);
  }
  return g_string_free (out, FALSE);
}

/* A status's label from the file's word ("done" → "Done"). */
static const char *
status_label (const char *word)
{
  for (TrailActionStatus s = TRAIL_ACTION_STATUS_IDEA; s <= TRAIL_ACTION_STATUS_DROPPED; s++)
    if (g_strcmp0 (trail_action_status_to_string (s), word) == 0)
      return trail_action_status_get_label (s);
  return word;
}

char *
trail_comparison_describe_action (TrailComparison     *self,
                                  const TrailDiffItem *item)
{
  GString *out;

  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (item->kind & TRAIL_DIFF_ADDED)
    return g_strdup (_("Added"));
  if (item->kind & TRAIL_DIFF_REMOVED)
    return g_strdup (_("Removed"));

  out = g_string_new (NULL);
  for (guint i = 0; item->fields != NULL && i < item->fields->len; i++)
    {
      const TrailDiffField *field = item->fields->pdata[i];
      gboolean is_status = g_str_equal (field->name, "status");
      g_autofree char *old_value = trail_display_text_dup (is_status ? status_label (field->old_value) : field->old_value, 80);
      g_autofree char *new_value = trail_display_text_dup (is_status ? status_label (field->new_value) : field->new_value, 80);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: an action's field, its old and its new value ("Status: Planned → Done"). */
      g_string_append_printf (out, _("%s: %s → %s"), field_label (field->name),
                              *old_value ? old_value : _("(none)"), *new_value ? new_value : _("(none)"));
    }
  return g_string_free (out, FALSE);
}

char *
trail_comparison_dup_summary (TrailComparison *self)
{
  GString *out = g_string_new (NULL);
  GPtrArray *cards = trail_diff_get_cards (self->diff);
  GPtrArray *stages = trail_diff_get_stages (self->diff);
  GPtrArray *lanes = trail_diff_get_lanes (self->diff);
  GPtrArray *actions = trail_diff_get_actions (self->diff);
  g_autoptr(GPtrArray) biggest = trail_diff_get_biggest_emotions (self->diff, 3);

  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);

  if (trail_diff_is_empty (self->diff))
    return g_strdup (_("The two maps are the same."));

  g_string_append_printf (out, _("Cards: %u added, %u removed, %u changed, %u moved"),
                          trail_diff_count (cards, TRAIL_DIFF_ADDED), trail_diff_count (cards, TRAIL_DIFF_REMOVED),
                          trail_diff_count (cards, TRAIL_DIFF_CHANGED), trail_diff_count (cards, TRAIL_DIFF_MOVED));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Stages: %u added, %u removed, %u renamed"),
                          trail_diff_count (stages, TRAIL_DIFF_ADDED), trail_diff_count (stages, TRAIL_DIFF_REMOVED),
                          trail_diff_count (stages, TRAIL_DIFF_RENAMED));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Lanes: %u added, %u removed, %u renamed"),
                          trail_diff_count (lanes, TRAIL_DIFF_ADDED), trail_diff_count (lanes, TRAIL_DIFF_REMOVED),
                          trail_diff_count (lanes, TRAIL_DIFF_RENAMED));
  if (actions->len > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Actions: %u added, %u removed, %u changed"),
                              trail_diff_count (actions, TRAIL_DIFF_ADDED), trail_diff_count (actions, TRAIL_DIFF_REMOVED),
                              trail_diff_count (actions, TRAIL_DIFF_CHANGED));
    }
  for (guint i = 0; i < biggest->len; i++)
    {
      const TrailDiffEmotion *e = biggest->pdata[i];
      g_autofree char *delta = trail_diff_format_delta (e->delta);
      g_autofree char *persona = trail_display_text_dup (e->new_persona_id != NULL ? e->persona : _("Everyone"), 40);
      g_autofree char *stage = trail_display_text_dup (e->stage, 40);

      g_string_append_c (out, '\n');
      /* Translators: the biggest emotional changes: persona, stage, "▲ +1.5". */
      g_string_append_printf (out, _("Feeling of %s at %s: %s"), persona, stage, delta);
    }
  return g_string_free (out, FALSE);
}

void
trail_comparison_attach (TrailComparison *self,
                         TrailLayout     *layout)
{
  g_return_if_fail (TRAIL_IS_COMPARISON (self));
  g_return_if_fail (TRAIL_IS_LAYOUT (layout));

  trail_layout_set_overlay (layout, draw_overlay_cb, g_object_ref (self), g_object_unref);
}

static gboolean
write_to_stream (TrailComparison          *self,
                 const TrailExportOptions *options,
                 GOutputStream            *stream,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autoptr(TrailLayout) layout = trail_export_make_layout (self->view, options, error);
  g_autoptr(GOutputStream) svg = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(GString) text = NULL;
  const char *end;

  if (layout == NULL)
    return FALSE;
  trail_comparison_attach (self, layout);
  if (options->format != TRAIL_EXPORT_SVG)
    return trail_export_layout_to_stream (layout, options, stream, cancellable, error);

  /* The SVG writer walks the layout, not the painter: the marks go in
   * before its closing tag, in the same map coordinates. */
  svg = g_memory_output_stream_new_resizable ();
  if (!trail_export_layout_to_stream (layout, options, svg, cancellable, error) ||
      !g_output_stream_close (svg, cancellable, error))
    return FALSE;
  text = g_string_new_len (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (svg)),
                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (svg)));
  end = g_strrstr (text->str, "</svg>");
  if (end == NULL)
    {
      g_set_error_literal (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_FAILED, _("The SVG could not be written"));
      return FALSE;
    }
  {
    g_autoptr(GString) overlay = g_string_new (NULL);
    gsize at = end - text->str;

    marks = collect_marks (self, layout);
    write_marks_svg (marks, trail_layout_get_style (layout), overlay);
    g_string_insert_len (text, at, overlay->str, overlay->len);
  }
  return g_output_stream_write_all (stream, text->str, text->len, NULL, cancellable, error);
}

gboolean
trail_comparison_export_to_file (TrailComparison          *self,
                                 const TrailExportOptions *options,
                                 GFile                    *file,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  g_autoptr(TrailFileWriter) writer = NULL;

  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  writer = trail_file_writer_open (file, NULL, G_FILE_CREATE_NONE, 256 * 1024, cancellable, error);
  if (writer == NULL)
    return FALSE;
  return write_to_stream (self, options, trail_file_writer_get_stream (writer), cancellable, error) &&
         trail_file_writer_commit (writer, NULL, cancellable, error);
}

GBytes *
trail_comparison_export_to_bytes (TrailComparison          *self,
                                  const TrailExportOptions *options,
                                  GError                  **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_return_val_if_fail (TRAIL_IS_COMPARISON (self), NULL);

  if (!write_to_stream (self, options, out, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

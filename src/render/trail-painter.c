/* trail-painter.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-painter"

#include "config.h"

#include <hb-ot.h>
#include <math.h>

#include "trail-icons.h"
#include "trail-layout-private.h"
#include "trail-painter.h"
#include "trail-paths.h"

/* Everything here appends plain GSK nodes (colours, rounded clips,
 * borders, text) and, for curves and icons, cairo nodes that record
 * vectors: so the same nodes give crisp pixels on screen and in PNG, and
 * paths and real text in PDF. */

/* Colour-bitmap glyphs (emoji) are drawn from an image this many times
 * their size: cairo 1.16 puts them in a PDF at 96 ppi, blurred in print. */
#define COLOR_GLYPH_OVERSAMPLE 8.0

static gboolean
font_has_color_bitmaps (PangoFont *font)
{
  hb_face_t *face = hb_font_get_face (pango_font_get_hb_font (font));

  return hb_ot_color_has_png (face);
}

static void
show_color_glyphs (cairo_t             *cr,
                   const cairo_glyph_t *glyphs,
                   int                  n_glyphs)
{
  cairo_scaled_font_t *font = cairo_get_scaled_font (cr);
  const double k = COLOR_GLYPH_OVERSAMPLE;

  for (int i = 0; i < n_glyphs; i++)
    {
      cairo_glyph_t g = { glyphs[i].index, 0, 0 };
      cairo_text_extents_t ext;
      cairo_surface_t *image;
      cairo_t *icr;

      cairo_scaled_font_glyph_extents (font, &g, 1, &ext);
      if (ext.width <= 0 || ext.height <= 0)
        continue;

      image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (ext.width * k) + 2,
                                          (int) ceil (ext.height * k) + 2);
      icr = cairo_create (image);
      cairo_scale (icr, k, k);
      cairo_translate (icr, -ext.x_bearing, -ext.y_bearing);
      cairo_set_scaled_font (icr, font);
      cairo_show_glyphs (icr, &g, 1);
      cairo_destroy (icr);

      cairo_save (cr);
      cairo_translate (cr, glyphs[i].x + ext.x_bearing, glyphs[i].y + ext.y_bearing);
      cairo_scale (cr, 1 / k, 1 / k);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (image);
    }
}

/* Shows @run at (@x, @baseline) with its text, one cluster per glyph
 * group in the glyphs' order. Clusters always run forward: cairo 1.16
 * drops right-to-left (backward) runs from a PDF's text, while a forward
 * run in visual order comes back from readers in logical order. */
static void
show_run (cairo_t        *cr,
          const char     *text,
          PangoLayoutRun *run,
          double          x,
          double          baseline)
{
  PangoGlyphString *glyphs = run->glyphs;
  const char *item_text = text + run->item->offset;
  int item_len = run->item->length;
  g_autoptr(GString) utf8 = g_string_new (NULL);
  g_autofree cairo_glyph_t *cg = g_new0 (cairo_glyph_t, MAX (glyphs->num_glyphs, 1));
  g_autofree cairo_text_cluster_t *clusters = g_new0 (cairo_text_cluster_t, MAX (glyphs->num_glyphs, 1));
  int n_glyphs = 0, n_clusters = 0;
  double gx = x;

  for (int i = 0; i < glyphs->num_glyphs;)
    {
      int start = glyphs->log_clusters[i];
      int end = item_len;
      int j = i;

      /* The cluster's text ends where the next cluster (in text order)
       * begins. */
      for (int k = 0; k < glyphs->num_glyphs; k++)
        if (glyphs->log_clusters[k] > start && glyphs->log_clusters[k] < end)
          end = glyphs->log_clusters[k];

      while (j < glyphs->num_glyphs && glyphs->log_clusters[j] == start)
        {
          PangoGlyphInfo *gi = &glyphs->glyphs[j];

          if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            {
              cg[n_glyphs].index = gi->glyph;
              cg[n_glyphs].x = gx + (double) gi->geometry.x_offset / PANGO_SCALE;
              cg[n_glyphs].y = baseline + (double) gi->geometry.y_offset / PANGO_SCALE;
              n_glyphs++;
              clusters[n_clusters].num_glyphs++;
            }
          gx += (double) gi->geometry.width / PANGO_SCALE;
          j++;
        }

      clusters[n_clusters].num_bytes = end - start;
      g_string_append_len (utf8, item_text + start, end - start);
      n_clusters++;
      i = j;
    }

  cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font)));
  if (font_has_color_bitmaps (run->item->analysis.font))
    {
      cairo_pattern_t *source = cairo_pattern_reference (cairo_get_source (cr));

      show_color_glyphs (cr, cg, n_glyphs);
      cairo_set_source (cr, source);
      cairo_pattern_destroy (source);
    }
  else
    cairo_show_text_glyphs (cr, utf8->str, utf8->len, cg, n_glyphs, clusters, n_clusters, 0);
}

static void
show_layout_with_text (cairo_t     *cr,
                       PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  const char *text = pango_layout_get_text (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;

      if (run == NULL || (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS))
        {
          /* An ellipsis' glyph has no text of its own in the layout. */
          if (run != NULL)
            {
              pango_layout_iter_get_run_extents (iter, NULL, &logical);
              cairo_move_to (cr, (double) logical.x / PANGO_SCALE, (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
              pango_cairo_show_glyph_string (cr, run->item->analysis.font, run->glyphs);
            }
          continue;
        }

      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      show_run (cr, text, run, (double) logical.x / PANGO_SCALE,
                (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

static void
append_text (GtkSnapshot            *snapshot,
             const TrailText        *text,
             const graphene_point_t *origin)
{
  if (text->layout == NULL)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (origin->x + text->pos.x, origin->y + text->pos.y));
  if (g_object_get_data (G_OBJECT (snapshot), "trail-text-as-cairo") != NULL)
    {
      /* A text node keeps only glyphs: a ligature or a shaped Arabic
       * letter comes back from the PDF as the glyph's own character.
       * With the text and its clusters, cairo's PDF surface writes the
       * characters as written (ToUnicode, ActualText). */
      PangoRectangle ink, logical;
      graphene_rect_t bounds;
      cairo_t *cr;

      pango_layout_get_pixel_extents (text->layout, &ink, &logical);
      graphene_rect_union (&GRAPHENE_RECT_INIT (ink.x, ink.y, ink.width, ink.height),
                           &GRAPHENE_RECT_INIT (logical.x, logical.y, logical.width, logical.height), &bounds);
      graphene_rect_inset (&bounds, -2, -2);
      cr = trail_snapshot_append_cairo (snapshot, &bounds);
      gdk_cairo_set_source_rgba (cr, &text->color);
      show_layout_with_text (cr, text->layout);
      cairo_destroy (cr);
    }
  else
    gtk_snapshot_append_layout (snapshot, text->layout, &text->color);
  gtk_snapshot_restore (snapshot);
}

static void
append_text_abs (GtkSnapshot     *snapshot,
                 const TrailText *text)
{
  append_text (snapshot, text, graphene_point_zero ());
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  radius,
                const GdkRGBA         *color)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  radius,
                float                  width,
                const GdkRGBA         *color)
{
  GskRoundedRect rr;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rr, rect, radius);
  gtk_snapshot_append_border (snapshot, &rr, widths, colors);
}

static void
append_line (GtkSnapshot   *snapshot,
             float          x,
             float          y,
             float          w,
             float          h,
             const GdkRGBA *color)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static GdkRGBA
with_alpha (const GdkRGBA *c,
            float          alpha)
{
  GdkRGBA out = *c;

  out.alpha *= alpha;
  return out;
}

static void
append_icon_rel (GtkSnapshot           *snapshot,
                 const char            *icon,
                 const graphene_rect_t *rel,
                 const graphene_point_t *origin,
                 const GdkRGBA         *color)
{
  graphene_rect_t r = *rel;

  r.origin.x += origin->x;
  r.origin.y += origin->y;
  trail_icon_append (snapshot, icon, &r, color);
}

/* A small round avatar: initials on the persona's colour. */
static void
append_avatar (GtkSnapshot              *snapshot,
               const TrailLayoutPersona *p,
               const graphene_rect_t    *rect,
               const GdkRGBA            *ring)
{
  GdkRGBA on = { 1, 1, 1, 1 };
  int w, h;

  if (ring != NULL)
    {
      graphene_rect_t outer;
      graphene_rect_inset_r (rect, -1.5f, -1.5f, &outer);
      append_rounded (snapshot, &outer, outer.size.width / 2, ring);
    }
  append_rounded (snapshot, rect, rect->size.width / 2, &p->color);

  if (p->initials_small == NULL)
    return;

  /* White reads on every palette colour at this size; very light custom
   * colours get dark initials. */
  if (p->color.red * 0.299 + p->color.green * 0.587 + p->color.blue * 0.114 > 0.72)
    on = (GdkRGBA) { 0.1f, 0.1f, 0.12f, 1 };

  pango_layout_get_size (p->initials_small, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect->origin.x + (rect->size.width - (float) w / PANGO_SCALE) / 2,
                                                          rect->origin.y + (rect->size.height - (float) h / PANGO_SCALE) / 2));
  gtk_snapshot_append_layout (snapshot, p->initials_small, &on);
  gtk_snapshot_restore (snapshot);
}

/* ---- Elements --------------------------------------------------------- */

void
trail_painter_draw_page (GtkSnapshot *snapshot,
                         TrailLayout *layout)
{
  TrailStyle *style = trail_layout_get_style (layout);
  graphene_rect_t bounds;

  trail_layout_get_bounds (layout, &bounds);
  gtk_snapshot_append_color (snapshot, &style->page, &bounds);
}

void
trail_painter_draw_header (GtkSnapshot           *snapshot,
                           TrailLayout           *layout,
                           const TrailLayoutItem *item)
{
  const TrailLayoutHeader *h = (const TrailLayoutHeader *) item;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_HEADER);

  append_text (snapshot, &h->title, &item->bounds.origin);
  append_text (snapshot, &h->objective, &item->bounds.origin);
  append_text (snapshot, &h->scope, &item->bounds.origin);
}

void
trail_painter_draw_persona (GtkSnapshot           *snapshot,
                            TrailLayout           *layout,
                            const TrailLayoutItem *item,
                            TrailPaintState        state)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutPersona *p = (const TrailLayoutPersona *) item;
  const graphene_point_t *o = &item->bounds.origin;
  graphene_rect_t avatar = p->avatar;
  GskRoundedRect rr;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_PERSONA);

  append_rounded (snapshot, &GRAPHENE_RECT_INIT (o->x, o->y + 2, item->bounds.size.width, item->bounds.size.height),
                  14, &style->card_shadow);
  gsk_rounded_rect_init_from_rect (&rr, &item->bounds, 14);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &style->persona_face, &item->bounds);
  /* A band of the persona's colour ties the card to its line and tags. */
  gtk_snapshot_append_color (snapshot, &p->color, &GRAPHENE_RECT_INIT (o->x, o->y, 6, item->bounds.size.height));
  gtk_snapshot_pop (snapshot);
  append_outline (snapshot, &item->bounds, 14, style->border_width, &style->persona_edge);

  avatar.origin.x += o->x;
  avatar.origin.y += o->y;
  gsk_rounded_rect_init_from_rect (&rr, &avatar, avatar.size.width / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  if (p->photo != NULL)
    {
      /* Cover the circle, cropping the longer side. */
      float tw = gdk_texture_get_width (p->photo);
      float th = gdk_texture_get_height (p->photo);
      float scale = MAX (avatar.size.width / tw, avatar.size.height / th);
      graphene_rect_t dest = GRAPHENE_RECT_INIT (avatar.origin.x + (avatar.size.width - tw * scale) / 2,
                                                 avatar.origin.y + (avatar.size.height - th * scale) / 2,
                                                 tw * scale, th * scale);
      gtk_snapshot_append_texture (snapshot, p->photo, &dest);
    }
  else
    {
      gtk_snapshot_append_color (snapshot, &p->color, &avatar);
    }
  gtk_snapshot_pop (snapshot);
  if (p->photo == NULL)
    append_text (snapshot, &p->initials, o);

  append_text (snapshot, &p->name, o);
  append_text (snapshot, &p->role, o);
  append_text (snapshot, &p->quote, o);
  append_text (snapshot, &p->details, o);

  if (state & TRAIL_PAINT_STATE_SELECTED)
    {
      graphene_rect_t ring;
      graphene_rect_inset_r (&item->bounds, -3, -3, &ring);
      append_outline (snapshot, &ring, 17, 2, &style->selection);
    }
}

void
trail_painter_draw_stage (GtkSnapshot           *snapshot,
                          TrailLayout           *layout,
                          const TrailLayoutItem *item,
                          TrailPaintState        state)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutStage *s = (const TrailLayoutStage *) item;
  cairo_t *cr;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_STAGE);

  cr = trail_snapshot_append_cairo (snapshot, &item->bounds);
  trail_path_stage (cr, s, style->stage_chevron);
  gdk_cairo_set_source_rgba (cr, &s->face);
  cairo_fill (cr);
  if (state & TRAIL_PAINT_STATE_SELECTED)
    {
      trail_path_stage (cr, s, style->stage_chevron);
      cairo_set_line_width (cr, 4);
      gdk_cairo_set_source_rgba (cr, &style->selection);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  append_text (snapshot, &s->number, &item->bounds.origin);
  append_text (snapshot, &s->name, &item->bounds.origin);
  append_text (snapshot, &s->description, &item->bounds.origin);
}

void
trail_painter_draw_lane (GtkSnapshot           *snapshot,
                         TrailLayout           *layout,
                         const TrailLayoutItem *item,
                         TrailPaintState        state)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutLane *l = (const TrailLayoutLane *) item;
  const graphene_rect_t *b = &item->bounds;
  graphene_rect_t icon = l->icon;
  graphene_rect_t glyph;
  GdkRGBA icon_face = with_alpha (&l->accent, style->variant == TRAIL_STYLE_DARK ? 0.22f : 0.13f);

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_LANE);

  gtk_snapshot_append_color (snapshot, &style->lane_header, b);
  append_line (snapshot, b->origin.x + b->size.width - 1, b->origin.y, 1, b->size.height, &style->grid_line);
  append_line (snapshot, b->origin.x, b->origin.y + b->size.height - 1, b->size.width, 1, &style->grid_line);

  icon.origin.x += b->origin.x;
  icon.origin.y += b->origin.y;
  if (style->variant == TRAIL_STYLE_HIGH_CONTRAST)
    append_rounded (snapshot, &icon, 10, &l->accent);
  else
    append_rounded (snapshot, &icon, 10, &icon_face);
  graphene_rect_inset_r (&icon, 8, 8, &glyph);
  trail_icon_append (snapshot, trail_icon_for_lane_kind (l->kind), &glyph,
                     style->variant == TRAIL_STYLE_HIGH_CONTRAST ? &style->page : &l->accent);

  append_text (snapshot, &l->kind_label, &b->origin);
  append_text (snapshot, &l->title, &b->origin);

  if (l->emotions != NULL)
    {
      const TrailLayoutEmotions *e = l->emotions;

      for (guint i = 0; i < e->scale_labels->len; i++)
        append_text_abs (snapshot, e->scale_labels->pdata[i]);
      /* Ticks where the steps meet the plot. */
      for (guint i = 0; i < e->scale_y->len; i++)
        append_line (snapshot, b->origin.x + b->size.width - 8, g_array_index (e->scale_y, float, i) - 0.5f,
                     7, 1, &style->neutral_line);
    }

  if (state & TRAIL_PAINT_STATE_SELECTED)
    append_outline (snapshot, b, 0, 2, &style->selection);
}

void
trail_painter_draw_cell (GtkSnapshot           *snapshot,
                         TrailLayout           *layout,
                         const TrailLayoutItem *item,
                         TrailPaintState        state)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutCell *cell = (const TrailLayoutCell *) item;
  const graphene_rect_t *b = &item->bounds;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_CELL);

  gtk_snapshot_append_color (snapshot, cell->lane->index % 2 ? &style->row_band_alt : &style->row_band, b);
  if (!cell->stage->last)
    append_line (snapshot, b->origin.x + b->size.width - 1, b->origin.y, 1, b->size.height, &style->grid_line);
  append_line (snapshot, b->origin.x, b->origin.y + b->size.height - 1, b->size.width, 1, &style->grid_line);

  if (state & TRAIL_PAINT_STATE_DROP_TARGET)
    {
      GdkRGBA tint = with_alpha (&style->selection, 0.10f);
      graphene_rect_t inner;

      graphene_rect_inset_r (b, 4, 4, &inner);
      append_rounded (snapshot, &inner, 10, &tint);
      append_outline (snapshot, &inner, 10, 2, &style->selection);
    }
}

/* A metric card's value, note and trend: the target dashed and muted, the
 * values in the card's accent, the latest one marked. */
static void
draw_metric (GtkSnapshot            *snapshot,
             TrailStyle             *style,
             const TrailLayoutCard  *c,
             const graphene_point_t *o)
{
  cairo_t *cr;

  append_text (snapshot, &c->metric_value, o);
  append_text (snapshot, &c->metric_note, o);
  if (c->trend == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (o->x + c->trend_rect.origin.x - 4,
                                                                 o->y + c->trend_rect.origin.y - 4,
                                                                 c->trend_rect.size.width + 8,
                                                                 c->trend_rect.size.height + 8));
  if (trail_path_metric_target (cr, c, o))
    {
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { TRAIL_METRIC_TARGET_DASH, TRAIL_METRIC_TARGET_DASH }, 2, 0);
      gdk_cairo_set_source_rgba (cr, &style->text_muted);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  trail_path_metric_trend (cr, c, o);
  cairo_set_line_width (cr, TRAIL_METRIC_TREND_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  gdk_cairo_set_source_rgba (cr, &c->colors.accent);
  cairo_stroke (cr);
  {
    const graphene_point_t *last = &g_array_index (c->trend, graphene_point_t, c->trend->len - 1);

    cairo_arc (cr, o->x + last->x, o->y + last->y, TRAIL_METRIC_DOT_RADIUS, 0, 2 * G_PI);
    cairo_fill (cr);
  }
  cairo_destroy (cr);
}

/* The card's actions badge: a disc in the status's colour with a glyph
 * that tells the status apart without colour (a dot for an idea, a ring
 * when planned, half full in progress, a tick when done, a bar when
 * dropped). Vector, so PDF and SVG exports carry it. */
static void
draw_action_badge (GtkSnapshot           *snapshot,
                   const TrailLayoutCard *c,
                   const graphene_point_t *o)
{
  static const char *colors[] = {
    [TRAIL_ACTION_STATUS_IDEA]        = "#9a9996",
    [TRAIL_ACTION_STATUS_PLANNED]     = "#1c71d8",
    [TRAIL_ACTION_STATUS_IN_PROGRESS] = "#c64600",
    [TRAIL_ACTION_STATUS_DONE]        = "#26a269",
    [TRAIL_ACTION_STATUS_DROPPED]     = "#5e5c64",
  };
  graphene_rect_t r = c->action_rect;
  GdkRGBA face;
  double cx, cy, radius;
  cairo_t *cr;

  r.origin.x += o->x;
  r.origin.y += o->y;
  cx = r.origin.x + r.size.width / 2;
  cy = r.origin.y + r.size.height / 2;
  radius = MIN (r.size.width, r.size.height) / 2;
  gdk_rgba_parse (&face, colors[c->action_status]);

  cr = trail_snapshot_append_cairo (snapshot, &r);
  gdk_cairo_set_source_rgba (cr, &face);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, radius * 0.25);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch ((TrailActionStatus) c->action_status)
    {
    case TRAIL_ACTION_STATUS_IDEA:
      cairo_arc (cr, cx, cy, radius * 0.25, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case TRAIL_ACTION_STATUS_PLANNED:
      cairo_arc (cr, cx, cy, radius * 0.5, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case TRAIL_ACTION_STATUS_IN_PROGRESS:
      cairo_arc (cr, cx, cy, radius * 0.5, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, cx, cy);
      cairo_arc (cr, cx, cy, radius * 0.5, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case TRAIL_ACTION_STATUS_DONE:
      cairo_move_to (cr, cx - radius * 0.45, cy + radius * 0.02);
      cairo_line_to (cr, cx - radius * 0.1, cy + radius * 0.38);
      cairo_line_to (cr, cx + radius * 0.48, cy - radius * 0.35);
      cairo_stroke (cr);
      break;
    case TRAIL_ACTION_STATUS_DROPPED:
    default:
      cairo_move_to (cr, cx - radius * 0.45, cy);
      cairo_line_to (cr, cx + radius * 0.45, cy);
      cairo_stroke (cr);
      break;
    }
  cairo_destroy (cr);
}

void
trail_painter_draw_card (GtkSnapshot           *snapshot,
                         TrailLayout           *layout,
                         const TrailLayoutItem *item,
                         TrailPaintState        state)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutCard *c = (const TrailLayoutCard *) item;
  const graphene_rect_t *b = &item->bounds;
  const graphene_point_t *o = &b->origin;
  float radius = style->card_radius;
  GskRoundedRect rr;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_CARD);

  if (state & TRAIL_PAINT_STATE_DRAGGED)
    gtk_snapshot_push_opacity (snapshot, 0.85);

  /* A crisp offset shadow rather than a blur: vector in PDF, and cheap for
   * thousands of cards. */
  if (style->card_shadow.alpha > 0)
    {
      float lift = (state & (TRAIL_PAINT_STATE_HOVER | TRAIL_PAINT_STATE_DRAGGED)) ? 4 : 1.5f;
      GdkRGBA shadow = with_alpha (&style->card_shadow, lift > 2 ? 2.0f : 1.0f);
      append_rounded (snapshot, &GRAPHENE_RECT_INIT (o->x, o->y + lift, b->size.width, b->size.height),
                      radius, &shadow);
    }

  gsk_rounded_rect_init_from_rect (&rr, b, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &c->colors.face, b);
  gtk_snapshot_append_color (snapshot, &c->colors.accent,
                             &GRAPHENE_RECT_INIT (o->x, o->y, style->card_accent_width, b->size.height));
  gtk_snapshot_pop (snapshot);
  append_outline (snapshot, b, radius, style->border_width, &c->colors.edge);

  if (c->icon != NULL)
    append_icon_rel (snapshot, c->icon, &c->icon_rect, o, &c->colors.accent);
  append_text (snapshot, &c->meta, o);
  append_text (snapshot, &c->text, o);
  draw_metric (snapshot, style, c, o);
  if (c->action_status >= 0)
    draw_action_badge (snapshot, c, o);

  for (guint i = 0; i < c->avatars->len; i++)
    {
      const TrailCardAvatar *a = &g_array_index (c->avatars, TrailCardAvatar, i);
      graphene_rect_t r = a->rect;

      r.origin.x += o->x;
      r.origin.y += o->y;
      append_avatar (snapshot, a->persona, &r, NULL);
    }
  append_text (snapshot, &c->more_personas, o);

  if (c->votes.layout != NULL)
    {
      if (c->heat > 0)
        {
          GdkRGBA heat = trail_style_get_heat_color (style, c->heat);
          graphene_rect_t pill = c->heat_rect;

          pill.origin.x += o->x;
          pill.origin.y += o->y;
          append_rounded (snapshot, &pill, pill.size.height / 2, &heat);
        }
      append_icon_rel (snapshot, TRAIL_ICON_VOTES, &c->votes_icon, o,
                       c->heat > 0 ? &c->votes.color : &style->text_muted);
      append_text (snapshot, &c->votes, o);
    }
  if (c->evidence_icon != NULL)
    append_icon_rel (snapshot, c->evidence_icon, &c->evidence_rect, o, &c->evidence_color);

  if (c->priority == TRAIL_PRIORITY_HIGH)
    {
      /* A notch in the corner marks what the team ranked highest. */
      GdkRGBA flag = trail_style_get_lane_color (style, TRAIL_LANE_KIND_PAIN_POINTS);
      cairo_t *cr = trail_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (o->x + b->size.width - 18, o->y, 18, 18));

      cairo_move_to (cr, o->x + b->size.width - 18, o->y);
      cairo_line_to (cr, o->x + b->size.width - radius, o->y);
      cairo_arc (cr, o->x + b->size.width - radius, o->y + radius, radius, -G_PI / 2, 0);
      cairo_line_to (cr, o->x + b->size.width, o->y + 18);
      cairo_close_path (cr);
      gdk_cairo_set_source_rgba (cr, &flag);
      cairo_fill (cr);
      cairo_destroy (cr);
    }

  if (state & (TRAIL_PAINT_STATE_SELECTED | TRAIL_PAINT_STATE_FOCUSED))
    {
      graphene_rect_t ring;

      graphene_rect_inset_r (b, -3, -3, &ring);
      append_outline (snapshot, &ring, radius + 3, (state & TRAIL_PAINT_STATE_SELECTED) ? 2.5f : 1.5f,
                      &style->selection);
    }

  if (state & TRAIL_PAINT_STATE_DRAGGED)
    gtk_snapshot_pop (snapshot);
}

static void
draw_point (cairo_t                *cr,
            const graphene_point_t *pt,
            double                  radius,
            const GdkRGBA          *color,
            const GdkRGBA          *ring)
{
  cairo_new_path (cr);
  cairo_arc (cr, pt->x, pt->y, radius + 2, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, ring);
  cairo_fill (cr);
  cairo_arc (cr, pt->x, pt->y, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

/* Measured emotions go under the hand-drawn lines: the map's story on top,
 * the data it is checked against behind. Dashed, with diamonds, so the
 * two are told apart without colour. The crowd's line is the room's voice
 * in a workshop: its band goes under the persona lines, its line and round
 * marks over them (@over). */
static void
draw_measured (cairo_t                   *cr,
               TrailStyle                *style,
               const TrailLayoutEmotions *e,
               const GdkRGBA             *ring,
               gboolean                   over)
{
  for (guint i = 0; i < e->measured->len; i++)
    {
      const TrailMeasuredCurve *m = e->measured->pdata[i];
      GdkRGBA band = with_alpha (&m->color, 0.16f);
      double width, dash, gap, radius;

      if (over && !m->crowd)
        continue;
      if (m->band && !over)
        {
          trail_path_measured_band (cr, m, TRAIL_MEASURED_BAND_HALF_WIDTH);
          gdk_cairo_set_source_rgba (cr, &band);
          cairo_fill (cr);
        }
      if (m->crowd && !over)
        continue;

      trail_measured_stroke (m, &width, &dash, &gap, &radius);
      trail_path_measured_line (cr, m);
      cairo_set_line_width (cr, width);
      cairo_set_dash (cr, (double[]) { dash, gap }, 2, 0);
      gdk_cairo_set_source_rgba (cr, &m->color);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      trail_path_measured_marks (cr, m, radius + 2);
      gdk_cairo_set_source_rgba (cr, ring);
      cairo_fill (cr);
      trail_path_measured_marks (cr, m, radius);
      gdk_cairo_set_source_rgba (cr, &m->color);
      cairo_fill (cr);
    }
}

void
trail_painter_draw_emotions (GtkSnapshot           *snapshot,
                             TrailLayout           *layout,
                             const TrailLayoutItem *item)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutEmotions *e = (const TrailLayoutEmotions *) item;
  const graphene_rect_t *plot = &e->plot;
  float neutral_y = trail_layout_emotion_y_for_score (item, e->neutral);
  GdkRGBA ring = e->lane->index % 2 ? style->row_band_alt : style->row_band;
  cairo_t *cr;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_EMOTIONS);

  /* Good above the neutral line, bad below: a faint wash says which is
   * which before a label is read. */
  gtk_snapshot_append_color (snapshot, &style->emotion_positive,
                             &GRAPHENE_RECT_INIT (plot->origin.x, plot->origin.y, plot->size.width - 1,
                                                  neutral_y - plot->origin.y));
  gtk_snapshot_append_color (snapshot, &style->emotion_negative,
                             &GRAPHENE_RECT_INIT (plot->origin.x, neutral_y, plot->size.width - 1,
                                                  plot->origin.y + plot->size.height - neutral_y));

  for (guint i = 0; i < e->scale_y->len; i++)
    {
      float y = g_array_index (e->scale_y, float, i);
      GdkRGBA line = with_alpha (&style->grid_line, 1.0f);

      if (fabsf (y - neutral_y) < 0.5f)
        continue;
      append_line (snapshot, plot->origin.x, y - 0.5f, plot->size.width - 1, 1, &line);
    }

  cr = trail_snapshot_append_cairo (snapshot, &item->bounds);
  cairo_rectangle (cr, item->bounds.origin.x, item->bounds.origin.y, item->bounds.size.width, item->bounds.size.height);
  cairo_clip (cr);

  /* The neutral line, dashed. */
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 6, 5 }, 2, 0);
  gdk_cairo_set_source_rgba (cr, &style->neutral_line);
  cairo_move_to (cr, plot->origin.x, neutral_y);
  cairo_line_to (cr, plot->origin.x + plot->size.width, neutral_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  draw_measured (cr, style, e, &ring, FALSE);

  /* One curve: shade it against the neutral line; with several, shading
   * would only muddy the picture. */
  if (e->curves->len == 1)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[0];
      GdkRGBA fill = with_alpha (&curve->color, 0.12f);

      trail_path_curve_area (cr, (graphene_point_t *) curve->points->data, curve->points->len, neutral_y);
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_fill (cr);
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];

      /* A halo in the page colour keeps crossing lines apart. */
      trail_path_curve (cr, (graphene_point_t *) curve->points->data, curve->points->len);
      cairo_set_line_width (cr, style->emotion_line_width + 3);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, style->emotion_line_width);
      gdk_cairo_set_source_rgba (cr, &curve->color);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];

      for (guint j = 0; j < curve->points->len; j++)
        {
          const graphene_point_t *pt = &g_array_index (curve->points, graphene_point_t, j);
          gboolean extreme = (int) j == curve->high || (int) j == curve->low;

          if (extreme)
            {
              /* Highs and lows: a larger mark with a soft ring. */
              GdkRGBA halo = with_alpha (&curve->color, 0.22f);
              cairo_new_path (cr);
              cairo_arc (cr, pt->x, pt->y, style->emotion_point_radius + 7, 0, 2 * G_PI);
              gdk_cairo_set_source_rgba (cr, &halo);
              cairo_fill (cr);
            }
          draw_point (cr, pt, extreme ? style->emotion_point_radius + 1.5 : style->emotion_point_radius,
                      &curve->color, &ring);
        }
    }
  draw_measured (cr, style, e, &ring, TRUE);
  cairo_destroy (cr);

  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];

      for (guint j = 0; j < curve->notes->len; j++)
        append_text_abs (snapshot, curve->notes->pdata[j]);
    }

  for (guint i = 0; i < e->measured->len; i++)
    {
      const TrailMeasuredCurve *m = e->measured->pdata[i];

      for (guint j = 0; j < m->labels->len; j++)
        {
          if (m->crowd)
            {
              graphene_rect_t pill;
              float radius;
              GdkRGBA face = with_alpha (&ring, 0.92f);

              trail_text_pill (m->labels->pdata[j], &pill, &radius);
              append_rounded (snapshot, &pill, radius, &face);
            }
          append_text_abs (snapshot, m->labels->pdata[j]);
        }
    }
}

void
trail_painter_draw_legend (GtkSnapshot           *snapshot,
                           TrailLayout           *layout,
                           const TrailLayoutItem *item)
{
  TrailStyle *style = trail_layout_get_style (layout);
  const TrailLayoutLegend *legend = (const TrailLayoutLegend *) item;

  g_return_if_fail (item->kind == TRAIL_LAYOUT_ITEM_LEGEND);

  for (guint i = 0; i < legend->headings->len; i++)
    append_text_abs (snapshot, legend->headings->pdata[i]);

  for (guint i = 0; i < legend->entries->len; i++)
    {
      const TrailLegendEntry *entry = &g_array_index (legend->entries, TrailLegendEntry, i);
      const graphene_rect_t *sw = &entry->swatch;

      switch (entry->kind)
        {
        case TRAIL_LEGEND_SWATCH_LINE:
          append_rounded (snapshot, &GRAPHENE_RECT_INIT (sw->origin.x, sw->origin.y + sw->size.height / 2 - 2,
                                                         sw->size.width, 4), 2, &entry->color);
          append_rounded (snapshot, &GRAPHENE_RECT_INIT (sw->origin.x + sw->size.width / 2 - 6, sw->origin.y,
                                                         12, 12), 6, &entry->color);
          break;

        case TRAIL_LEGEND_SWATCH_CARD:
          {
            GskRoundedRect rr;
            TrailCardColors colors;

            trail_style_get_card_colors (style, TRAIL_LANE_KIND_CUSTOM, NULL, &colors);
            gsk_rounded_rect_init_from_rect (&rr, sw, 5);
            gtk_snapshot_push_rounded_clip (snapshot, &rr);
            gtk_snapshot_append_color (snapshot, &entry->face, sw);
            gtk_snapshot_append_color (snapshot, &entry->color,
                                       &GRAPHENE_RECT_INIT (sw->origin.x, sw->origin.y, 4, sw->size.height));
            gtk_snapshot_pop (snapshot);
            append_outline (snapshot, sw, 5, style->border_width, &colors.edge);
            if (entry->icon != NULL)
              trail_icon_append (snapshot, entry->icon,
                                 &GRAPHENE_RECT_INIT (sw->origin.x + 7, sw->origin.y + (sw->size.height - 13) / 2, 13, 13),
                                 &entry->color);
          }
          break;

        case TRAIL_LEGEND_SWATCH_ICON:
        default:
          trail_icon_append (snapshot, entry->icon, sw, &entry->color);
          break;
        }

      append_text_abs (snapshot, &entry->label);
    }
}

void
trail_painter_draw_item (GtkSnapshot           *snapshot,
                         TrailLayout           *layout,
                         const TrailLayoutItem *item,
                         TrailPaintState        state)
{
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (TRAIL_IS_LAYOUT (layout));
  g_return_if_fail (item != NULL);

  switch (item->kind)
    {
    case TRAIL_LAYOUT_ITEM_HEADER:
      trail_painter_draw_header (snapshot, layout, item);
      break;
    case TRAIL_LAYOUT_ITEM_PERSONA:
      trail_painter_draw_persona (snapshot, layout, item, state);
      break;
    case TRAIL_LAYOUT_ITEM_STAGE:
      trail_painter_draw_stage (snapshot, layout, item, state);
      break;
    case TRAIL_LAYOUT_ITEM_LANE:
      trail_painter_draw_lane (snapshot, layout, item, state);
      break;
    case TRAIL_LAYOUT_ITEM_CELL:
      trail_painter_draw_cell (snapshot, layout, item, state);
      break;
    case TRAIL_LAYOUT_ITEM_CARD:
      trail_painter_draw_card (snapshot, layout, item, state);
      break;
    case TRAIL_LAYOUT_ITEM_EMOTIONS:
      trail_painter_draw_emotions (snapshot, layout, item);
      break;
    case TRAIL_LAYOUT_ITEM_LEGEND:
      trail_painter_draw_legend (snapshot, layout, item);
      break;
    case TRAIL_LAYOUT_ITEM_ALL:
    default:
      g_warn_if_reached ();
      break;
    }
}

void
trail_painter_draw_map (GtkSnapshot           *snapshot,
                        TrailLayout           *layout,
                        const graphene_rect_t *area,
                        TrailPaintFlags        flags)
{
  TrailStyle *style;
  g_autoptr(GPtrArray) items = NULL;
  graphene_rect_t bounds, grid;
  TrailLayoutItemKind kinds = TRAIL_LAYOUT_ITEM_ALL;
  gboolean has_grid;
  gboolean in_grid = FALSE;

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (TRAIL_IS_LAYOUT (layout));

  style = trail_layout_get_style (layout);
  trail_layout_get_bounds (layout, &bounds);
  if (area == NULL)
    area = &bounds;

  if (!(flags & TRAIL_PAINT_NO_BACKGROUND))
    {
      graphene_rect_t visible;
      if (graphene_rect_intersection (&bounds, area, &visible))
        gtk_snapshot_append_color (snapshot, &style->page, &visible);
    }

  if (flags & TRAIL_PAINT_NO_CARDS)
    kinds &= ~TRAIL_LAYOUT_ITEM_CARD;

  has_grid = trail_layout_get_grid_rect (layout, &grid);
  items = trail_layout_query (layout, area, kinds);

  /* Rows and cells sit in one rounded frame; cards go on top of it. */
  for (guint i = 0; i < items->len; i++)
    {
      const TrailLayoutItem *item = items->pdata[i];
      gboolean grid_item = item->kind & (TRAIL_LAYOUT_ITEM_LANE | TRAIL_LAYOUT_ITEM_CELL | TRAIL_LAYOUT_ITEM_EMOTIONS);

      if (grid_item && !in_grid && has_grid)
        {
          GskRoundedRect rr;

          gsk_rounded_rect_init_from_rect (&rr, &grid, TRAIL_GRID_RADIUS);
          gtk_snapshot_push_rounded_clip (snapshot, &rr);
          in_grid = TRUE;
        }
      else if (!grid_item && in_grid)
        {
          gtk_snapshot_pop (snapshot);
          append_outline (snapshot, &grid, TRAIL_GRID_RADIUS, style->border_width, &style->grid_line);
          in_grid = FALSE;
        }

      trail_painter_draw_item (snapshot, layout, item, TRAIL_PAINT_STATE_NORMAL);
    }

  if (in_grid)
    {
      gtk_snapshot_pop (snapshot);
      append_outline (snapshot, &grid, TRAIL_GRID_RADIUS, style->border_width, &style->grid_line);
    }

  trail_layout_draw_overlay (layout, snapshot, area);
}

GskRenderNode *
trail_painter_render_map (TrailLayout           *layout,
                          const graphene_rect_t *area,
                          TrailPaintFlags        flags)
{
  GtkSnapshot *snapshot;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (layout), NULL);

  snapshot = gtk_snapshot_new ();
  /* The item painters take no flags; this one reaches the text. */
  if (flags & TRAIL_PAINT_TEXT_AS_CAIRO)
    g_object_set_data (G_OBJECT (snapshot), "trail-text-as-cairo", GINT_TO_POINTER (TRUE));
  trail_painter_draw_map (snapshot, layout, area, flags);

  return gtk_snapshot_free_to_node (snapshot);
}

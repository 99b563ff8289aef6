/* trail-layout.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trail-icons.h"
#include "trail-layout-private.h"

/* The map, top to bottom:
 *
 *   margin
 *   header (title, objective, scope)
 *   personas strip (cards that wrap into rows)
 *   stage headers (chevrons)          | one column per visible stage,
 *   lane rows: title column + cells   | all stages the same width
 *   legend
 *   margin
 *
 * Stage columns share one width so a column is found by division, and lane
 * rows are sorted by y so a row is found by bisection: a query over a
 * rectangle never walks all cards. */

#define EMOTION_TOP_PAD    40.0f
#define EMOTION_BOTTOM_PAD 34.0f
#define MIN_CONTENT_WIDTH  1040.0f

struct _TrailLayout
{
  GObject             parent_instance;

  TrailDocument      *document;
  TrailStyle         *style;
  PangoContext       *context;

  GHashTable         *stage_filter;    /* id set, or NULL for all */
  GHashTable         *lane_filter;
  GHashTable         *persona_filter;
  guint               show_personas : 1;
  guint               show_legend : 1;
  guint               show_header : 1;
  guint               show_dots : 1;
  GHashTable         *dot_counts;   /* card id → revealed dots; NULL: none */
  guint               max_dots;

  float               width;
  float               height;
  float               content_width;
  float               grid_x;
  float               stages_y;
  float               stages_height;
  float               lanes_y;

  TrailLayoutHeader  *header;
  GPtrArray          *personas;        /* TrailLayoutPersona*, owned */
  GPtrArray          *stages;          /* TrailLayoutStage*, owned */
  GPtrArray          *lanes;           /* TrailLayoutLane*, owned */
  TrailLayoutLegend  *legend;
  GHashTable         *by_object;       /* object → TrailLayoutItem* (not owned) */
  GHashTable         *cards;           /* TrailCard* (ref) → TrailLayoutCard* (owned) */
  GHashTable         *live_cards;      /* set of TrailLayoutCard* placed now */

  /* What the cards' part of the legend was made from: a new card that
   * brings nothing new leaves the legend as it is (measuring its text is
   * the dearest part of adding a card to a big map). */
  gboolean            legend_kinds[TRAIL_LANE_KIND_CUSTOM + 1];
  gboolean            legend_evidence[TRAIL_EVIDENCE_PROPOSED + 1];
  gboolean            legend_votes;
  gboolean            legend_known;

  /* While one card's change is followed (trail_layout_update's card
   * path): nothing but that card changed, so the other cards in its cell
   * keep their measurements, and what only moves down or up (an emotions
   * lane, the legend when the card brings nothing new to it) is shifted
   * rather than measured again. A hundred phones adding cards at once
   * made every card re-measure its whole cell, the emotions plot and the
   * legend. */
  TrailCard          *changed_card;
  guint               cards_only : 1;
  guint               legend_keep : 1;
};

G_DEFINE_FINAL_TYPE (TrailLayout, trail_layout, G_TYPE_OBJECT)

static void relayout_all (TrailLayout *self);

/* ---- Text ------------------------------------------------------------- */

static void
text_clear (TrailText *text)
{
  g_clear_object (&text->layout);
}

static void
text_free (gpointer data)
{
  TrailText *text = data;

  text_clear (text);
  g_free (text);
}

static float
text_height (const TrailText *text)
{
  int h = 0;

  if (text->layout == NULL)
    return 0;
  pango_layout_get_size (text->layout, NULL, &h);

  return (float) h / PANGO_SCALE;
}

static float
text_width (const TrailText *text)
{
  int w = 0;

  if (text->layout == NULL)
    return 0;
  pango_layout_get_size (text->layout, &w, NULL);

  return (float) w / PANGO_SCALE;
}

/* What a reader should see of @text: control characters (which Pango
 * would draw as hex boxes, and which XML cannot carry) are left out; tabs
 * become spaces. The document keeps the text as it is. Returns NULL when
 * @text needs no change. */
static char *
clean_text (const char *text)
{
  GString *out = NULL;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);

      if (control && out == NULL)
        out = g_string_new_len (text, p - text);
      if (out == NULL)
        continue;
      if (c == '\t')
        g_string_append_c (out, ' ');
      else if (!control)
        g_string_append_unichar (out, c);
    }

  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* A wrapped block: @width < 0 means one unwrapped line; @max_lines > 0
 * ellipsizes after that many lines (per paragraph). Plain text, never
 * markup, unless @markup is set. */
static PangoLayout *
make_layout (TrailLayout   *self,
             TrailFontRole  role,
             const char    *str,
             float          width,
             int            max_lines,
             gboolean       markup)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autofree char *clean = markup ? NULL : clean_text (str);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* No hyphen where a long word is broken: it would be in the picture
   * but not in the text (SVG, PDF copy and paste). */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (clean != NULL)
    str = clean;

  pango_layout_set_font_description (layout, trail_style_get_font (self->style, role));
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  if (markup)
    {
      PangoAttrList *list;

      pango_layout_set_markup (layout, str, -1);
      list = pango_attr_list_copy (pango_layout_get_attributes (layout));
      if (list == NULL)
        list = pango_attr_list_new ();
      pango_attr_list_insert (list, pango_attr_insert_hyphens_new (FALSE));
      pango_layout_set_attributes (layout, list);
      pango_attr_list_unref (list);
    }
  else
    pango_layout_set_text (layout, str != NULL ? str : "", -1);

  return layout;
}

static void
text_set (TrailLayout   *self,
          TrailText     *text,
          TrailFontRole  role,
          const char    *str,
          float          width,
          int            max_lines,
          const GdkRGBA *color)
{
  text_clear (text);
  if (str == NULL || str[0] == '\0')
    return;

  text->layout = make_layout (self, role, str, width, max_lines, FALSE);
  text->color = *color;
}

/* ---- Items ------------------------------------------------------------ */

static void
header_free (TrailLayoutHeader *header)
{
  if (header == NULL)
    return;
  text_clear (&header->title);
  text_clear (&header->objective);
  text_clear (&header->scope);
  g_free (header);
}

static void
persona_free (gpointer data)
{
  TrailLayoutPersona *p = data;

  g_clear_object (&p->photo);
  text_clear (&p->initials);
  g_clear_object (&p->initials_small);
  text_clear (&p->name);
  text_clear (&p->role);
  text_clear (&p->quote);
  text_clear (&p->details);
  g_free (p);
}

static void
stage_free (gpointer data)
{
  TrailLayoutStage *s = data;

  text_clear (&s->number);
  text_clear (&s->name);
  text_clear (&s->description);
  g_free (s);
}

static void
curve_free (gpointer data)
{
  TrailEmotionCurve *c = data;

  g_clear_pointer (&c->points, g_array_unref);
  g_clear_pointer (&c->notes, g_ptr_array_unref);
  g_free (c->label);
  g_free (c);
}

static void
measured_free (gpointer data)
{
  TrailMeasuredCurve *m = data;

  g_clear_pointer (&m->points, g_array_unref);
  g_clear_pointer (&m->band_top, g_array_unref);
  g_clear_pointer (&m->band_bottom, g_array_unref);
  g_clear_pointer (&m->labels, g_ptr_array_unref);
  g_free (m);
}

static void
emotions_free (TrailLayoutEmotions *e)
{
  if (e == NULL)
    return;
  g_clear_pointer (&e->measured, g_ptr_array_unref);
  g_clear_pointer (&e->scale_labels, g_ptr_array_unref);
  g_clear_pointer (&e->scale_y, g_array_unref);
  g_clear_pointer (&e->curves, g_ptr_array_unref);
  g_free (e);
}

static void
cell_free (gpointer data)
{
  TrailLayoutCell *cell = data;

  g_clear_pointer (&cell->cards, g_ptr_array_unref);
  g_free (cell);
}

static void
lane_free (gpointer data)
{
  TrailLayoutLane *l = data;

  text_clear (&l->title);
  text_clear (&l->kind_label);
  g_clear_pointer (&l->cells, g_ptr_array_unref);
  emotions_free (l->emotions);
  g_free (l);
}

static void
card_free (gpointer data)
{
  TrailLayoutCard *c = data;

  g_free (c->measured_text);
  text_clear (&c->text);
  text_clear (&c->meta);
  text_clear (&c->more_personas);
  text_clear (&c->votes);
  text_clear (&c->metric_value);
  text_clear (&c->metric_note);
  g_clear_pointer (&c->trend, g_array_unref);
  g_clear_pointer (&c->avatars, g_array_unref);
  g_free (c);
}

static void
legend_free (TrailLayoutLegend *legend)
{
  if (legend == NULL)
    return;
  g_clear_pointer (&legend->headings, g_ptr_array_unref);
  if (legend->entries != NULL)
    {
      for (guint i = 0; i < legend->entries->len; i++)
        text_clear (&g_array_index (legend->entries, TrailLegendEntry, i).label);
      g_array_unref (legend->entries);
    }
  g_free (legend);
}

/* ---- Filters ---------------------------------------------------------- */

static GHashTable *
make_id_set (char **ids)
{
  GHashTable *set;

  if (ids == NULL)
    return NULL;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (ids[i]));

  return set;
}

static gboolean
persona_visible (TrailLayout *self,
                 const char  *persona_id)
{
  if (persona_id == NULL || self->persona_filter == NULL)
    return TRUE;

  return g_hash_table_contains (self->persona_filter, persona_id);
}

static gboolean
stage_visible (TrailLayout *self,
               TrailStage  *stage)
{
  return self->stage_filter == NULL ||
         g_hash_table_contains (self->stage_filter, trail_stage_get_id (stage));
}

static gboolean
lane_visible (TrailLayout *self,
              TrailLane   *lane)
{
  if (trail_lane_get_hidden (lane))
    return FALSE;
  if (self->lane_filter != NULL &&
      !g_hash_table_contains (self->lane_filter, trail_lane_get_id (lane)))
    return FALSE;

  return persona_visible (self, trail_lane_get_persona_id (lane));
}

static gboolean
card_visible (TrailLayout *self,
              TrailCard   *card)
{
  const char * const *tags = trail_card_get_persona_tags (card);

  if (self->persona_filter == NULL || tags == NULL || tags[0] == NULL)
    return TRUE;

  /* A card tagged only with personas left out is not part of this view. */
  for (guint i = 0; tags[i] != NULL; i++)
    if (g_hash_table_contains (self->persona_filter, tags[i]))
      return TRUE;

  return FALSE;
}

/* ---- Header ----------------------------------------------------------- */

static float
layout_header (TrailLayout *self,
               float        y)
{
  TrailStyle *style = self->style;
  TrailLayoutHeader *h = g_new0 (TrailLayoutHeader, 1);
  const char *title = trail_document_get_title (self->document);
  const char *scope = trail_document_get_scope (self->document);
  float reading_width = MIN (self->content_width, 1180);
  float cy = 0;

  h->item.kind = TRAIL_LAYOUT_ITEM_HEADER;
  h->item.object = self->document;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled journey");
  text_set (self, &h->title, TRAIL_FONT_TITLE, title, self->content_width, 2, &style->page_text);
  cy += text_height (&h->title);

  text_set (self, &h->objective, TRAIL_FONT_OBJECTIVE,
            trail_document_get_objective (self->document), reading_width, 3, &style->page_text);
  if (h->objective.layout != NULL)
    {
      cy += 8;
      h->objective.pos = GRAPHENE_POINT_INIT (0, cy);
      cy += text_height (&h->objective);
    }

  if (scope != NULL && scope[0] != '\0')
    {
      /* Translators: the scope of a journey map, shown under its objective */
      g_autofree char *label = g_strdup_printf (_("Scope: %s"), scope);

      text_set (self, &h->scope, TRAIL_FONT_SCOPE, label, reading_width, 2, &style->page_text_muted);
      cy += 6;
      h->scope.pos = GRAPHENE_POINT_INIT (0, cy);
      cy += text_height (&h->scope);
    }

  h->item.bounds = GRAPHENE_RECT_INIT (style->margin, y, self->content_width, cy);
  self->header = h;

  return y + cy;
}

/* A card shows at most card_max_lines lines: Pango keeps per-character
 * data for the whole text it is given, so a 256 KiB text cost as much as
 * its size in every layout. This prefix fills seven lines many times over
 * (even of "i"), so what is drawn, ellipsis included, is the same. */
#define CARD_TEXT_MAX_BYTES 1536

static char *
card_text_prefix (const char *text)
{
  const char *end;

  if (text == NULL || strlen (text) <= CARD_TEXT_MAX_BYTES)
    return NULL;

  end = g_utf8_find_prev_char (text, text + CARD_TEXT_MAX_BYTES + 1);
  return g_strndup (text, end - text);
}

/* ---- Personas --------------------------------------------------------- */

/* Photos are drawn at most this large (a persona card's avatar, zoomed or
 * exported at a large scale), whatever the file holds. */
#define PHOTO_DECODE_SIDE 256

/* What the photos of one layout may cost: source pixels decoded (time, and
 * the moment a PNG is whole in memory) and pixels kept. A hostile map of
 * many tiny files of huge images is drawn with initials past them. */
#define PHOTO_BUDGET_SOURCE_PIXELS (64 * 1024 * 1024)
#define PHOTO_BUDGET_KEPT_PIXELS   (8 * 1024 * 1024)

typedef struct
{
  guint64 source_pixels;
  guint64 kept_pixels;
} PhotoBudget;

static GdkTexture *
decode_photo (TrailPersona *persona,
              PhotoBudget  *budget)
{
  GBytes *bytes = trail_persona_get_photo (persona);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GError) error = NULL;
  guint width, height;
  guint64 kept;

  if (bytes == NULL)
    return NULL;

  if (!trail_image_check (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          NULL, &width, &height, &error))
    {
      g_debug ("Photo of %s not shown: %s", trail_persona_get_name (persona), error->message);
      return NULL;
    }

  kept = (guint64) MIN (width, PHOTO_DECODE_SIDE) * MIN (height, PHOTO_DECODE_SIDE);
  if ((guint64) width * height > PHOTO_BUDGET_SOURCE_PIXELS - budget->source_pixels ||
      kept > PHOTO_BUDGET_KEPT_PIXELS - budget->kept_pixels)
    {
      g_debug ("Photo of %s not shown: the map's photos are beyond the budget",
               trail_persona_get_name (persona));
      return NULL;
    }
  budget->source_pixels += (guint64) width * height;
  budget->kept_pixels += kept;

  pixbuf = trail_image_decode (bytes, PHOTO_DECODE_SIDE, &error);
  if (pixbuf == NULL)
    {
      g_debug ("Photo of %s not shown: %s", trail_persona_get_name (persona), error->message);
      return NULL;
    }

  /* Not gdk_texture_new_for_pixbuf(), deprecated in GTK 4.20: the same
   * pixels, straight (not premultiplied) as GdkPixbuf keeps them. */
  pixels = gdk_pixbuf_read_pixel_bytes (pixbuf);
  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf),
                                 gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 pixels,
                                 gdk_pixbuf_get_rowstride (pixbuf));
}

/* Free text as one markup paragraph: lines joined with a middle dot (each
 * would otherwise be a paragraph of its own), markup characters escaped. */
static char *
escape_one_paragraph (const char *text)
{
  g_autofree char *clean = clean_text (text);
  g_auto(GStrv) lines = g_strsplit_set (clean != NULL ? clean : text, "\r\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (kept, lines[i]);
    }
  parts = g_strv_builder_end (kept);
  joined = g_strjoinv (" · ", parts);

  return g_markup_escape_text (joined, -1);
}

static void
build_persona (TrailLayout        *self,
               TrailLayoutPersona *p,
               PhotoBudget        *budget)
{
  TrailStyle *style = self->style;
  TrailPersona *persona = p->item.object;
  g_autofree char *initials = trail_persona_dup_initials (persona);
  const char *quote = trail_persona_get_quote (persona);
  const char *goals = trail_persona_get_goals (persona);
  const char *pains = trail_persona_get_pain_points (persona);
  GdkRGBA on_color = trail_style_contrast_text (style, &p->color);
  float pad = 18;
  float tx = pad + style->persona_avatar + 16;
  float tw = style->persona_width - tx - pad;
  float cy = pad;
  GString *details = g_string_new (NULL);

  p->photo = decode_photo (persona, budget);
  p->avatar = GRAPHENE_RECT_INIT (pad, pad, style->persona_avatar, style->persona_avatar);
  text_set (self, &p->initials, TRAIL_FONT_AVATAR_LARGE, initials, -1, 0, &on_color);
  if (p->initials.layout != NULL)
    p->initials.pos = GRAPHENE_POINT_INIT (pad + (style->persona_avatar - text_width (&p->initials)) / 2,
                                           pad + (style->persona_avatar - text_height (&p->initials)) / 2);
  p->initials_small = make_layout (self, TRAIL_FONT_AVATAR_SMALL, initials, -1, 0, FALSE);

  text_set (self, &p->name, TRAIL_FONT_PERSONA_NAME, trail_persona_get_name (persona), tw, 1, &style->text);
  p->name.pos = GRAPHENE_POINT_INIT (tx, cy);
  cy += text_height (&p->name);

  text_set (self, &p->role, TRAIL_FONT_PERSONA_ROLE, trail_persona_get_role (persona), tw, 1, &style->text_muted);
  if (p->role.layout != NULL)
    {
      cy += 2;
      p->role.pos = GRAPHENE_POINT_INIT (tx, cy);
      cy += text_height (&p->role);
    }

  if (quote != NULL && quote[0] != '\0')
    {
      /* Translators: a persona's quote, in typographic quotation marks */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote);

      text_set (self, &p->quote, TRAIL_FONT_PERSONA_QUOTE, quoted, tw, 3, &style->text);
      cy += 8;
      p->quote.pos = GRAPHENE_POINT_INIT (tx, cy);
      cy += text_height (&p->quote);
    }

  cy = MAX (cy, pad + style->persona_avatar);

  /* Goals and pain points as one block, labels in bold: markup built from
   * escaped text, so nothing in a name or goal is ever read as markup. */
  if (goals != NULL && goals[0] != '\0')
    {
      g_autofree char *escaped = escape_one_paragraph (goals);
      g_string_append_printf (details, "<b>%s</b>  %s", _("Goals"), escaped);
    }
  if (pains != NULL && pains[0] != '\0')
    {
      g_autofree char *escaped = escape_one_paragraph (pains);
      g_string_append_printf (details, "%s<b>%s</b>  %s", details->len ? "\n" : "", _("Pain points"), escaped);
    }
  if (details->len > 0)
    {
      p->details.layout = make_layout (self, TRAIL_FONT_PERSONA_DETAILS, details->str,
                                       style->persona_width - 2 * pad, 2, TRUE);
      p->details.color = style->text_muted;
      cy += 12;
      p->details.pos = GRAPHENE_POINT_INIT (pad, cy);
      cy += text_height (&p->details);
    }
  g_string_free (details, TRUE);

  p->item.bounds.size = GRAPHENE_SIZE_INIT (style->persona_width, cy + pad);
}

static float
layout_personas (TrailLayout *self,
                 float        y)
{
  TrailStyle *style = self->style;
  GListModel *personas = trail_document_get_personas (self->document);
  guint n = g_list_model_get_n_items (personas);
  guint visible = 0;
  guint row_start = 0;
  float x = style->margin;
  float row_height = 0;
  float y0 = y;
  PhotoBudget budget = { 0, 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      TrailLayoutPersona *p;

      if (!persona_visible (self, trail_persona_get_id (persona)))
        continue;

      p = g_new0 (TrailLayoutPersona, 1);
      p->item.kind = TRAIL_LAYOUT_ITEM_PERSONA;
      p->item.object = persona;
      p->index = i;
      p->color = trail_style_get_persona_color (style, persona, i);
      g_ptr_array_add (self->personas, p);
      g_hash_table_insert (self->by_object, persona, p);
      visible++;

      if (!self->show_personas)
        continue;

      build_persona (self, p, &budget);
      if (x > style->margin &&
          x + style->persona_width > style->margin + self->content_width)
        {
          /* Wrap: cards of one row share the tallest height. */
          for (guint j = row_start; j < self->personas->len - 1; j++)
            ((TrailLayoutPersona *) self->personas->pdata[j])->item.bounds.size.height = row_height;
          y += row_height + style->persona_gap;
          x = style->margin;
          row_height = 0;
          row_start = self->personas->len - 1;
        }
      p->item.bounds.origin = GRAPHENE_POINT_INIT (x, y);
      row_height = MAX (row_height, p->item.bounds.size.height);
      x += style->persona_width + style->persona_gap;
    }

  if (!self->show_personas || visible == 0)
    return y0;

  for (guint j = row_start; j < self->personas->len; j++)
    ((TrailLayoutPersona *) self->personas->pdata[j])->item.bounds.size.height = row_height;

  return y + row_height;
}

static TrailLayoutPersona *
find_persona (TrailLayout *self,
              const char  *id)
{
  TrailPersona *persona;

  if (id == NULL)
    return NULL;
  persona = trail_document_find_persona (self->document, id);
  if (persona == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_object, persona);
}

/* ---- Stages ----------------------------------------------------------- */

static float
layout_stages (TrailLayout *self,
               float        y)
{
  TrailStyle *style = self->style;
  GListModel *stages = trail_document_get_stages (self->document);
  guint n = g_list_model_get_n_items (stages);
  float height = style->stage_header_min_height;
  float pad_y = 14;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      TrailLayoutStage *s;
      float inner_x, inner_w, cy;
      g_autofree char *number = NULL;

      if (!stage_visible (self, stage))
        continue;

      s = g_new0 (TrailLayoutStage, 1);
      s->item.kind = TRAIL_LAYOUT_ITEM_STAGE;
      s->item.object = stage;
      s->index = self->stages->len;
      trail_style_get_stage_colors (style, stage, i, &s->face, &s->on_face);

      /* Text clears the notch on the left and the point on the right. */
      inner_x = (s->index == 0 ? 18 : style->stage_chevron + 12);
      inner_w = style->stage_width - style->stage_gap - inner_x - style->stage_chevron - 8;

      /* Translators: the number of a stage in the journey, e.g. "STAGE 3" */
      number = g_strdup_printf (_("STAGE %u"), i + 1);
      text_set (self, &s->number, TRAIL_FONT_STAGE_NUMBER, number, -1, 0, &s->on_face);
      s->number.color.alpha = 0.78f;
      s->number.pos = GRAPHENE_POINT_INIT (inner_x, pad_y);
      cy = pad_y + text_height (&s->number) + 2;

      text_set (self, &s->name, TRAIL_FONT_STAGE_NAME, trail_stage_get_name (stage), inner_w, 2, &s->on_face);
      s->name.pos = GRAPHENE_POINT_INIT (inner_x, cy);
      cy += text_height (&s->name);

      text_set (self, &s->description, TRAIL_FONT_STAGE_DESCRIPTION,
                trail_stage_get_description (stage), inner_w, 3, &s->on_face);
      if (s->description.layout != NULL)
        {
          s->description.color.alpha = 0.9f;
          cy += 4;
          s->description.pos = GRAPHENE_POINT_INIT (inner_x, cy);
          cy += text_height (&s->description);
        }

      height = MAX (height, ceilf (cy + pad_y));
      g_ptr_array_add (self->stages, s);
      g_hash_table_insert (self->by_object, stage, s);
    }

  for (guint i = 0; i < self->stages->len; i++)
    {
      TrailLayoutStage *s = self->stages->pdata[i];

      s->first = i == 0;
      s->last = i + 1 == self->stages->len;
      s->item.bounds = GRAPHENE_RECT_INIT (self->grid_x + i * style->stage_width, y,
                                           style->stage_width - style->stage_gap, height);
    }

  self->stages_y = y;
  self->stages_height = self->stages->len > 0 ? height : 0;

  return y + self->stages_height;
}

/* ---- Cards ------------------------------------------------------------ */

static gboolean
kind_has_corner_icon (TrailLaneKind kind)
{
  return kind == TRAIL_LANE_KIND_PAIN_POINTS ||
         kind == TRAIL_LANE_KIND_OPPORTUNITIES ||
         kind == TRAIL_LANE_KIND_THOUGHTS ||
         kind == TRAIL_LANE_KIND_KPIS;
}

/* "2.7 %", "42 min": the number as people read it (the locale's decimal
 * point, no trailing zeros) and the unit. */
static char *
format_metric (double      value,
               const char *unit)
{
  g_autofree char *number = g_strdup_printf ("%.6g", value);

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s %s", number, unit);
}

/* A metric card's value, its date and target, and its trend under the
 * text. Returns the new bottom. */
static float
measure_metric (TrailLayout     *self,
                TrailLayoutCard *c,
                float            left,
                float            content_w,
                float            cy)
{
  TrailStyle *style = self->style;
  TrailCard *card = c->item.object;
  g_autoptr(GArray) series = NULL;
  const TrailMetricValue *last;
  const char *unit = trail_card_get_metric_unit (card);
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  double target, lo, hi;
  gboolean has_target;
  float value_h;

  text_clear (&c->metric_value);
  text_clear (&c->metric_note);
  g_clear_pointer (&c->trend, g_array_unref);
  c->trend_target_y = NAN;

  if (!trail_card_is_metric (card))
    return cy;

  series = trail_card_dup_metric_series (card);
  if (series->len == 0)
    return cy;

  last = &g_array_index (series, TrailMetricValue, series->len - 1);
  has_target = trail_card_get_metric_target (card, &target);
  value = format_metric (last->value, unit);
  if (has_target)
    {
      g_autofree char *goal = format_metric (target, unit);
      /* Translators: a metric's latest date, then its target ("3.5 %"). */
      note = g_strdup_printf (_("%s · target %s"), last->date, goal);
    }
  else
    note = g_strdup (last->date);

  cy += 6;
  text_set (self, &c->metric_value, TRAIL_FONT_STAGE_NAME, value, content_w, 1, &c->colors.text);
  value_h = text_height (&c->metric_value);
  c->metric_value.pos = GRAPHENE_POINT_INIT (left, cy);
  text_set (self, &c->metric_note, TRAIL_FONT_CARD_FOOTER, note,
            MAX (content_w - text_width (&c->metric_value) - 8, 20), 1, &style->text_muted);
  pango_layout_set_alignment (c->metric_note.layout, PANGO_ALIGN_RIGHT);
  c->metric_note.pos = GRAPHENE_POINT_INIT (left + content_w - MAX (content_w - text_width (&c->metric_value) - 8, 20),
                                            cy + value_h - text_height (&c->metric_note) - 2);
  cy += value_h;

  if (series->len < 2)
    return cy;

  /* The trend: values evenly along the width, in date order, scaled to
   * their range and the target's, so the target line is always in it. */
  lo = hi = last->value;
  for (guint i = 0; i < series->len; i++)
    {
      lo = MIN (lo, g_array_index (series, TrailMetricValue, i).value);
      hi = MAX (hi, g_array_index (series, TrailMetricValue, i).value);
    }
  if (has_target)
    {
      lo = MIN (lo, target);
      hi = MAX (hi, target);
    }
  if (hi - lo < 1e-9)
    {
      lo -= 1;
      hi += 1;
    }

  c->trend_rect = GRAPHENE_RECT_INIT (left, cy + 8, content_w, 28);
  c->trend = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  for (guint i = 0; i < series->len; i++)
    {
      double v = g_array_index (series, TrailMetricValue, i).value;
      graphene_point_t pt = GRAPHENE_POINT_INIT (
        c->trend_rect.origin.x + c->trend_rect.size.width * i / (series->len - 1),
        c->trend_rect.origin.y + c->trend_rect.size.height * (float) ((hi - v) / (hi - lo)));

      g_array_append_val (c->trend, pt);
    }
  if (has_target)
    c->trend_target_y = c->trend_rect.origin.y + c->trend_rect.size.height * (float) ((hi - target) / (hi - lo));

  return cy + 8 + c->trend_rect.size.height;
}

/* What a card's actions amount to, for its badge: the least advanced of
 * those still open (work in progress matters more than ideas), else done
 * if any was done, else dropped; -1 without actions. */
static int
card_action_status (TrailLayout *self,
                    TrailCard   *card)
{
  GListModel *actions = trail_document_get_actions (self->document);
  guint n = g_list_model_get_n_items (actions);
  const char *id = trail_card_get_id (card);
  gboolean seen[TRAIL_ACTION_STATUS_DROPPED + 1] = { FALSE, };
  gboolean any = FALSE;
  static const TrailActionStatus order[] = {
    TRAIL_ACTION_STATUS_IN_PROGRESS, TRAIL_ACTION_STATUS_PLANNED, TRAIL_ACTION_STATUS_IDEA,
    TRAIL_ACTION_STATUS_DONE, TRAIL_ACTION_STATUS_DROPPED,
  };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (actions, i);
      const char * const *cards = trail_action_get_cards (action);

      if (cards != NULL && g_strv_contains (cards, id))
        {
          seen[trail_action_get_status (action)] = TRUE;
          any = TRUE;
        }
    }
  if (!any)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (seen[order[i]])
      return order[i];
  return -1;
}

/* Layouts are made in export threads too. */
static gint measure_serial;

static void
measure_card (TrailLayout     *self,
              TrailLayoutCard *c,
              TrailLaneKind    kind)
{
  TrailStyle *style = self->style;
  TrailCard *card = c->item.object;
  const char *text = trail_card_get_text (card);
  const char * const *tags = trail_card_get_persona_tags (card);
  TrailChannel channel = trail_card_get_channel (card);
  TrailCustomChannel *custom;
  TrailEvidence evidence = trail_card_get_evidence (card);
  guint dots = self->dot_counts != NULL
               ? GPOINTER_TO_UINT (g_hash_table_lookup (self->dot_counts, trail_card_get_id (card))) : 0;
  guint votes = trail_card_get_votes (card) + dots;
  float width = style->stage_width - 2 * style->cell_padding;
  float left = style->card_padding + style->card_accent_width;
  float right = style->card_padding;
  float content_w = width - left - right;
  float text_w = content_w;
  float cy = style->card_padding;
  float footer_x;
  float footer_right;
  gboolean footer;

  c->serial = (guint) g_atomic_int_add (&measure_serial, 1) + 1;
  c->kind = kind;
  c->priority = trail_card_get_priority (card);
  trail_style_get_card_colors (style, kind, trail_card_get_color (card), &c->colors);
  c->icon = NULL;
  text_clear (&c->meta);

  /* A map channel shows its own icon and name; a card that names one
   * the map lacks shows its standard channel. */
  custom = trail_document_find_channel (self->document, trail_card_get_custom_channel (card));

  if (kind == TRAIL_LANE_KIND_TOUCHPOINTS && (channel != TRAIL_CHANNEL_NONE || custom != NULL))
    {
      g_autofree char *label = g_utf8_strup (custom != NULL ? trail_custom_channel_get_name (custom)
                                                            : trail_channel_get_label (channel), -1);

      /* Interned: the layout outlives a change of the channel's icon. */
      c->icon = custom != NULL ? g_intern_string (trail_custom_channel_get_icon (custom))
                               : trail_icon_for_channel (channel);
      c->icon_rect = GRAPHENE_RECT_INIT (left, cy, style->card_icon_size, style->card_icon_size);
      text_set (self, &c->meta, TRAIL_FONT_CARD_META, label, content_w - style->card_icon_size - 6, 1,
                &c->colors.accent);
      c->meta.pos = GRAPHENE_POINT_INIT (left + style->card_icon_size + 6,
                                         cy + (style->card_icon_size - text_height (&c->meta)) / 2);
      cy += style->card_icon_size + 6;
    }
  else if (kind_has_corner_icon (kind))
    {
      c->icon = trail_icon_for_lane_kind (kind);
      c->icon_rect = GRAPHENE_RECT_INIT (width - right - style->card_icon_size, cy + 1,
                                         style->card_icon_size, style->card_icon_size);
      text_w = content_w - style->card_icon_size - 6;
    }

  /* The actions' badge sits in the top right corner, left of the kind's
   * icon when there is one; the text wraps before it. */
  c->action_status = card_action_status (self, card);
  if (c->action_status >= 0)
    {
      float size = style->card_icon_size;
      float x = width - right - size - (c->icon != NULL && kind_has_corner_icon (kind) && c->meta.layout == NULL ? size + 4 : 0);

      c->action_rect = GRAPHENE_RECT_INIT (x, style->card_padding + 1, size, size);
      text_w = MIN (text_w, x - left - 6);
    }

  /* Shaping is the expensive part: redo it only for new text or width. */
  if (c->text.layout == NULL ||
      c->measured_style != style ||
      c->measured_width != text_w ||
      g_strcmp0 (c->measured_text, text) != 0)
    {
      g_autofree char *shown = card_text_prefix (text);

      text_clear (&c->text);
      c->text.layout = make_layout (self, TRAIL_FONT_CARD_TEXT, shown != NULL ? shown : text, text_w,
                                    (int) style->card_max_lines, FALSE);
      g_free (c->measured_text);
      c->measured_text = g_strdup (text);
      c->measured_width = text_w;
      c->measured_style = style;
      c->ellipsized = pango_layout_is_ellipsized (c->text.layout);
    }
  c->text.color = c->colors.text;
  c->text.pos = GRAPHENE_POINT_INIT (left, cy);
  cy += MAX (text_height (&c->text), 20);

  cy = measure_metric (self, c, left, content_w, cy);

  /* Footer: persona avatars on the left; evidence and votes on the right. */
  g_array_set_size (c->avatars, 0);
  text_clear (&c->more_personas);
  text_clear (&c->votes);
  c->heat = dots > 0 && self->max_dots > 0 ? (float) dots / self->max_dots : 0;
  c->evidence_icon = NULL;
  footer = (tags != NULL && tags[0] != NULL) || votes > 0 || evidence != TRAIL_EVIDENCE_NONE;

  if (footer)
    {
      float size = style->avatar_small;
      guint shown = 0;
      guint n_tags = tags != NULL ? g_strv_length ((char **) tags) : 0;

      cy += 10;
      footer_x = left;
      footer_right = width - right;

      if (evidence != TRAIL_EVIDENCE_NONE)
        {
          c->evidence_icon = trail_icon_for_evidence (evidence);
          c->evidence_color = trail_style_get_evidence_color (style, evidence);
          c->evidence_rect = GRAPHENE_RECT_INIT (footer_right - 16, cy + (size - 16) / 2, 16, 16);
          footer_right -= 16 + 10;
        }

      if (votes > 0)
        {
          g_autofree char *count = g_strdup_printf ("%u", votes);
          float w;

          text_set (self, &c->votes, TRAIL_FONT_CARD_FOOTER, count, -1, 0, &style->text_muted);
          w = text_width (&c->votes);
          c->votes.pos = GRAPHENE_POINT_INIT (footer_right - w, cy + (size - text_height (&c->votes)) / 2);
          c->votes_icon = GRAPHENE_RECT_INIT (footer_right - w - 4 - 15, cy + (size - 15) / 2, 15, 15);
          footer_right -= w + 4 + 15 + 10;
          if (c->heat > 0)
            {
              GdkRGBA heat = trail_style_get_heat_color (style, c->heat);

              /* Readable on every step, pale yellow to deep red. */
              c->votes.color = trail_style_contrast_text (style, &heat);
              c->heat_rect = GRAPHENE_RECT_INIT (c->votes_icon.origin.x - 5, cy - 1, w + 4 + 15 + 10, size + 2);
              footer_right -= 4;
            }
        }

      for (guint i = 0; i < n_tags; i++)
        {
          TrailLayoutPersona *p = find_persona (self, tags[i]);
          TrailCardAvatar avatar;

          if (p == NULL)
            continue;
          /* Keep room for "+N" rather than squeezing avatars. */
          if (footer_x + size > footer_right - (i + 1 < n_tags ? 26 : 0) || shown == 5)
            {
              g_autofree char *more = g_strdup_printf ("+%u", n_tags - i);

              text_set (self, &c->more_personas, TRAIL_FONT_CARD_FOOTER, more, -1, 0, &style->text_muted);
              c->more_personas.pos = GRAPHENE_POINT_INIT (footer_x + 2, cy + (size - text_height (&c->more_personas)) / 2);
              break;
            }
          avatar.persona = p;
          avatar.rect = GRAPHENE_RECT_INIT (footer_x, cy, size, size);
          g_array_append_val (c->avatars, avatar);
          footer_x += size + 4;
          shown++;
        }

      cy += size;
    }

  c->item.bounds.size = GRAPHENE_SIZE_INIT (width, ceilf (cy + style->card_padding));
}

static TrailLayoutCard *
ensure_card (TrailLayout   *self,
             TrailCard     *card,
             TrailLaneKind  kind)
{
  TrailLayoutCard *c = g_hash_table_lookup (self->cards, card);

  if (c == NULL)
    {
      c = g_new0 (TrailLayoutCard, 1);
      c->item.kind = TRAIL_LAYOUT_ITEM_CARD;
      c->item.object = card;
      c->avatars = g_array_new (FALSE, FALSE, sizeof (TrailCardAvatar));
      g_hash_table_insert (self->cards, g_object_ref (card), c);
      measure_card (self, c, kind);
    }
  else if (!self->cards_only || card == self->changed_card || c->kind != kind)
    measure_card (self, c, kind);
  g_hash_table_add (self->live_cards, c);

  return c;
}

/* ---- Lanes and cells -------------------------------------------------- */

static void
fill_cell (TrailLayout     *self,
           TrailLayoutCell *cell)
{
  TrailLane *lane = cell->lane->item.object;
  g_autoptr(GPtrArray) cards = NULL;
  float h = 0;

  for (guint i = 0; i < cell->cards->len; i++)
    {
      TrailLayoutCard *c = cell->cards->pdata[i];
      if (c->cell == cell)
        c->cell = NULL;
    }
  g_ptr_array_set_size (cell->cards, 0);
  cell->content_height = 0;

  if (cell->lane->kind == TRAIL_LANE_KIND_EMOTIONS)
    return;

  cards = trail_document_get_cell_cards (self->document, lane, cell->stage->item.object);
  for (guint i = 0; i < cards->len; i++)
    {
      TrailCard *card = cards->pdata[i];
      TrailLayoutCard *c;

      if (!card_visible (self, card))
        continue;

      c = ensure_card (self, card, cell->lane->kind);
      c->cell = cell;
      g_ptr_array_add (cell->cards, c);
      if (cell->cards->len > 1)
        h += self->style->card_gap;
      h += c->item.bounds.size.height;
    }

  cell->content_height = h;
}

/* Places @card, just added to the document, at the end of @cell when
 * that is where the document has it; returns FALSE when the cell must be
 * filled again. A room of phones adds cards at the ends of their cells:
 * filling a cell again looked up every card already in it, for every card
 * added (4% of the app's time with 2,000 cards from a hundred phones). */
static gboolean
append_new_card (TrailLayout     *self,
                 TrailLayoutCell *cell,
                 TrailCard       *card)
{
  g_autoptr(GPtrArray) cards = NULL;
  TrailLayoutCard *c;

  if (cell->lane->kind == TRAIL_LANE_KIND_EMOTIONS)
    return FALSE;

  cards = trail_document_get_cell_cards (self->document, cell->lane->item.object, cell->stage->item.object);
  if (cards->len == 0 || cards->pdata[cards->len - 1] != (gpointer) card)
    return FALSE;
  if (!card_visible (self, card))
    return TRUE;

  c = ensure_card (self, card, cell->lane->kind);
  c->cell = cell;
  g_ptr_array_add (cell->cards, c);
  if (cell->cards->len > 1)
    cell->content_height += self->style->card_gap;
  cell->content_height += c->item.bounds.size.height;

  return TRUE;
}

static void
build_lane (TrailLayout     *self,
            TrailLayoutLane *l)
{
  TrailStyle *style = self->style;
  TrailLane *lane = l->item.object;
  const char *title = trail_lane_get_title (lane);
  const char *kind_label = trail_lane_kind_get_label (l->kind);
  TrailLayoutPersona *owner = find_persona (self, trail_lane_get_persona_id (lane));
  float icon = 36;
  float tx = 18 + icon + 12;
  float tw = style->lane_header_width - tx - 14;
  float cy = 18;

  l->accent = trail_style_get_lane_color (style, l->kind);
  l->icon = GRAPHENE_RECT_INIT (18, 18, icon, icon);

  if (title == NULL || title[0] == '\0')
    title = kind_label;

  /* The kind is said once: as the title, or above a title of its own. */
  if (owner != NULL)
    text_set (self, &l->kind_label, TRAIL_FONT_LANE_KIND,
              trail_persona_get_name (owner->item.object), tw, 1, &owner->color);
  else if (kind_label != NULL && l->kind != TRAIL_LANE_KIND_CUSTOM && g_utf8_collate (kind_label, title) != 0)
    {
      g_autofree char *upper = g_utf8_strup (kind_label, -1);
      text_set (self, &l->kind_label, TRAIL_FONT_LANE_KIND, upper, tw, 1, &l->accent);
    }

  if (l->kind_label.layout != NULL)
    {
      l->kind_label.pos = GRAPHENE_POINT_INIT (tx, cy);
      cy += text_height (&l->kind_label) + 1;
    }
  text_set (self, &l->title, TRAIL_FONT_LANE_TITLE, title, tw, 3, &style->text);
  l->title.pos = GRAPHENE_POINT_INIT (tx, cy);
  if (l->kind_label.layout == NULL)
    l->title.pos.y = 18 + MAX (0, (icon - text_height (&l->title)) / 2);

  g_ptr_array_set_size (l->cells, 0);
  for (guint i = 0; i < self->stages->len; i++)
    {
      TrailLayoutCell *cell = g_new0 (TrailLayoutCell, 1);

      cell->item.kind = TRAIL_LAYOUT_ITEM_CELL;
      cell->item.object = lane;
      cell->lane = l;
      cell->stage = self->stages->pdata[i];
      cell->cards = g_ptr_array_new ();
      g_ptr_array_add (l->cells, cell);
      fill_cell (self, cell);
    }
}

static float
lane_header_height (TrailLayoutLane *l)
{
  float bottom = l->title.pos.y + text_height (&l->title);

  return MAX (bottom, l->icon.origin.y + l->icon.size.height) + 18;
}

static void
layout_emotions (TrailLayout     *self,
                 TrailLayoutLane *l);

/* Whether the crowd's line is drawn (and so named in the legend). */
static gboolean
legend_has_crowd (TrailLayout *self)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      TrailLayoutLane *l = self->lanes->pdata[i];

      for (guint j = 0; l->emotions != NULL && j < l->emotions->measured->len; j++)
        if (((TrailMeasuredCurve *) l->emotions->measured->pdata[j])->crowd)
          return TRUE;
    }
  return FALSE;
}

static float
emotion_plot_height (TrailLayout *self)
{
  TrailStyle *style = self->style;
  int steps = trail_document_get_scale_max (self->document) - trail_document_get_scale_min (self->document);

  return CLAMP (steps * style->emotion_step_height, 4 * style->emotion_step_height, 420);
}

static void
text_translate (TrailText *text,
                float      dy)
{
  text->pos.y += dy;
}

static void
points_translate (GArray *points,
                  float   dy)
{
  for (guint i = 0; points != NULL && i < points->len; i++)
    g_array_index (points, graphene_point_t, i).y += dy;
}

static void
floats_translate (GArray *values,
                  float   dy)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    g_array_index (values, float, i) += dy;
}

/* Everything in an emotions plot is in map coordinates: moving the lane
 * moves each of them, with no text measured again. */
static void
emotions_translate (TrailLayoutEmotions *e,
                    float                dy)
{
  if (dy == 0)
    return;
  e->item.bounds.origin.y += dy;
  e->plot.origin.y += dy;
  floats_translate (e->scale_y, dy);
  for (guint i = 0; i < e->scale_labels->len; i++)
    text_translate (e->scale_labels->pdata[i], dy);
  for (guint i = 0; i < e->curves->len; i++)
    {
      TrailEmotionCurve *curve = e->curves->pdata[i];

      points_translate (curve->points, dy);
      for (guint j = 0; curve->notes != NULL && j < curve->notes->len; j++)
        text_translate (curve->notes->pdata[j], dy);
    }
  for (guint i = 0; i < e->measured->len; i++)
    {
      TrailMeasuredCurve *m = e->measured->pdata[i];

      points_translate (m->points, dy);
      floats_translate (m->band_top, dy);
      floats_translate (m->band_bottom, dy);
      for (guint j = 0; m->labels != NULL && j < m->labels->len; j++)
        text_translate (m->labels->pdata[j], dy);
    }
}

/* Positions the row of @l at @y and everything in it; returns its height.
 * No text is measured here, so moving rows is cheap. */
static float
place_lane (TrailLayout     *self,
            TrailLayoutLane *l,
            float            y)
{
  TrailStyle *style = self->style;
  float row_h;

  if (l->kind == TRAIL_LANE_KIND_EMOTIONS)
    row_h = MAX (lane_header_height (l), EMOTION_TOP_PAD) + emotion_plot_height (self) + EMOTION_BOTTOM_PAD;
  else
    {
      row_h = MAX (style->lane_min_height, lane_header_height (l));
      for (guint i = 0; i < l->cells->len; i++)
        {
          TrailLayoutCell *cell = l->cells->pdata[i];
          row_h = MAX (row_h, cell->content_height + 2 * style->cell_padding);
        }
    }
  row_h = ceilf (row_h);

  l->row = GRAPHENE_RECT_INIT (style->margin, y, style->lane_header_width + self->stages->len * style->stage_width, row_h);
  l->item.bounds = GRAPHENE_RECT_INIT (style->margin, y, style->lane_header_width, row_h);

  for (guint i = 0; i < l->cells->len; i++)
    {
      TrailLayoutCell *cell = l->cells->pdata[i];
      float cx = self->grid_x + i * style->stage_width;
      float cy = y + style->cell_padding;

      cell->item.bounds = GRAPHENE_RECT_INIT (cx, y, style->stage_width, row_h);
      for (guint j = 0; j < cell->cards->len; j++)
        {
          TrailLayoutCard *c = cell->cards->pdata[j];

          c->item.bounds.origin = GRAPHENE_POINT_INIT (cx + style->cell_padding, cy);
          cy += c->item.bounds.size.height + style->card_gap;
        }
    }

  if (l->kind == TRAIL_LANE_KIND_EMOTIONS)
    {
      /* A card's change leaves the plot as it is, only perhaps lower or
       * higher on the map. */
      if (self->cards_only && l->emotions != NULL &&
          l->emotions->item.bounds.size.height == row_h)
        emotions_translate (l->emotions, y - l->emotions->item.bounds.origin.y);
      else
        layout_emotions (self, l);
    }

  return row_h;
}

/* ---- Emotions --------------------------------------------------------- */

static void
add_curve_note (TrailLayout        *self,
                TrailLayoutEmotions *e,
                TrailEmotionCurve   *curve,
                TrailEmotionPoint   *point,
                int                  index,
                gboolean             above)
{
  const char *note = trail_emotion_point_get_note (point);
  graphene_point_t at = g_array_index (curve->points, graphene_point_t, index);
  TrailText *text;
  float w, h, x;

  if (note == NULL || note[0] == '\0')
    return;

  text = g_new0 (TrailText, 1);
  text_set (self, text, TRAIL_FONT_EMOTION_NOTE, note, self->style->stage_width - 40, 1, &curve->color);
  if (text->layout == NULL)
    {
      g_free (text);
      return;
    }
  pango_layout_set_alignment (text->layout, PANGO_ALIGN_CENTER);
  w = self->style->stage_width - 40;
  h = text_height (text);
  x = CLAMP (at.x - w / 2, e->item.bounds.origin.x + 4,
             e->item.bounds.origin.x + e->item.bounds.size.width - w - 4);
  text->pos = GRAPHENE_POINT_INIT (x, above ? at.y - self->style->emotion_point_radius - 8 - h
                                            : at.y + self->style->emotion_point_radius + 8);
  g_ptr_array_add (curve->notes, text);
}

/* A point sits within the middle of its stage's column, so that the first
 * and last points of neighbouring stages do not touch. */
#define EMOTION_INSET 0.12
#define EMOTION_SPAN  0.76

static float
emotion_x (TrailLayout *self,
           guint        stage_index,
           double       position)
{
  float stage_width = self->style->stage_width;

  return self->grid_x + stage_index * stage_width +
         stage_width * (EMOTION_INSET + EMOTION_SPAN * CLAMP (position, 0.0, 1.0));
}

static void
layout_curve (TrailLayout         *self,
              TrailLayoutEmotions *e,
              TrailEmotionLine    *line)
{
  TrailStyle *style = self->style;
  const char *persona_id = trail_emotion_line_get_persona_id (line);
  TrailLayoutPersona *p = find_persona (self, persona_id);
  GListModel *points = trail_emotion_line_get_points (line);
  guint n = g_list_model_get_n_items (points);
  TrailEmotionCurve *curve;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  double hi = -G_MAXDOUBLE, lo = G_MAXDOUBLE;

  if (persona_id != NULL && p == NULL)
    return;  /* filtered out, or a dangling persona */

  curve = g_new0 (TrailEmotionCurve, 1);
  curve->line = line;
  curve->color = p != NULL ? p->color : style->everyone_line;
  curve->label = g_strdup (p != NULL ? trail_persona_get_name (p->item.object) : _("Everyone"));
  curve->points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  curve->notes = g_ptr_array_new_with_free_func (text_free);
  curve->high = curve->low = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);
      TrailStage *stage = trail_document_find_stage (self->document, trail_emotion_point_get_stage_id (point));
      TrailLayoutStage *s = stage != NULL ? g_hash_table_lookup (self->by_object, stage) : NULL;
      double pos, score;
      graphene_point_t pt;

      if (s == NULL)
        continue;

      pos = CLAMP (trail_emotion_point_get_position (point), 0.0, 1.0);
      score = CLAMP (trail_emotion_point_get_score (point), e->min, e->max);
      pt.x = emotion_x (self, s->index, pos);
      pt.y = trail_layout_emotion_y_for_score (&e->item, score);
      g_array_append_val (curve->points, pt);
      g_ptr_array_add (kept, g_object_ref (point));

      if (score > hi)
        {
          hi = score;
          curve->high = curve->points->len - 1;
        }
      if (score < lo)
        {
          lo = score;
          curve->low = curve->points->len - 1;
        }
    }

  /* A flat line has no high or low worth pointing at. */
  if (hi <= lo)
    curve->high = curve->low = -1;
  if (curve->high >= 0)
    add_curve_note (self, e, curve, kept->pdata[curve->high], curve->high, TRUE);
  if (curve->low >= 0)
    add_curve_note (self, e, curve, kept->pdata[curve->low], curve->low, FALSE);

  g_ptr_array_add (e->curves, curve);
}

typedef struct
{
  float x, y, top, bottom;
  guint n;
} MeasuredMark;

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const MeasuredMark *ma = a, *mb = b;

  return (ma->x > mb->x) - (ma->x < mb->x);
}

/* A measured curve through @marks in @color, with "n = …" per mark in
 * @font (none for TRAIL_N_FONTS): under the band, or above it when the
 * band reaches the plot's bottom; @beside puts it beside the mark instead
 * (the crowd's, in @color, so that it does not meet a survey's under the
 * band). */
static TrailMeasuredCurve *
measured_new (TrailLayout         *self,
              TrailLayoutEmotions *e,
              GArray              *marks,
              TrailFontRole        font,
              const GdkRGBA       *color,
              gboolean             beside)
{
  TrailMeasuredCurve *m = g_new0 (TrailMeasuredCurve, 1);
  float plot_bottom = e->plot.origin.y + e->plot.size.height;

  g_array_sort (marks, compare_marks);

  m->color = *color;
  m->points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  m->band_top = g_array_new (FALSE, FALSE, sizeof (float));
  m->band_bottom = g_array_new (FALSE, FALSE, sizeof (float));
  m->labels = g_ptr_array_new_with_free_func (text_free);

  for (guint i = 0; i < marks->len; i++)
    {
      const MeasuredMark *mark = &g_array_index (marks, MeasuredMark, i);
      graphene_point_t pt = GRAPHENE_POINT_INIT (mark->x, mark->y);
      g_autofree char *n = NULL;
      TrailText *label;
      float w = self->style->stage_width / 2;
      float under, over;

      g_array_append_val (m->points, pt);
      g_array_append_val (m->band_top, mark->top);
      g_array_append_val (m->band_bottom, mark->bottom);

      /* Only a line with a band says its n: one set of labels per plot. */
      if (font == TRAIL_N_FONTS)
        continue;

      n = g_strdup_printf ("n = %u", mark->n);
      label = g_new0 (TrailText, 1);
      text_set (self, label, font, n, w, 1, beside ? color : &self->style->text_muted);
      if (label->layout == NULL)
        {
          g_free (label);
          continue;
        }
      pango_layout_set_alignment (label->layout, PANGO_ALIGN_CENTER);
      under = mark->bottom + 6;
      over = mark->top - 6 - text_height (label);
      if (beside)
        {
          /* Right beside the round mark, on a pill (trail_text_pill()):
           * persona marks sit on the stage's middle too, so a count over
           * or under the mark would cover them. */
          pango_layout_set_alignment (label->layout, PANGO_ALIGN_LEFT);
          label->pos = GRAPHENE_POINT_INIT (mark->x + TRAIL_CROWD_MARK_RADIUS + 8,
                                            mark->y - text_height (label) / 2);
        }
      else
        label->pos = GRAPHENE_POINT_INIT (mark->x - w / 2,
                                          under + text_height (label) <= plot_bottom + 10 ? under : over);
      g_ptr_array_add (m->labels, label);
    }

  return m;
}

/* The results of @survey for the lane's persona (for everyone, in a lane
 * of no persona), at the visible stages, in stage order. */
static void
layout_measured (TrailLayout         *self,
                 TrailLayoutEmotions *e,
                 TrailSurvey         *survey,
                 const char          *lane_persona,
                 gboolean             band)
{
  GListModel *results = trail_document_get_survey_results (self->document);
  const char *survey_id = trail_survey_get_id (survey);
  gboolean sd = trail_survey_get_band_is_sd (survey);
  TrailLayoutPersona *p = find_persona (self, lane_persona);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (MeasuredMark));
  TrailMeasuredCurve *m;

  if (lane_persona != NULL && p == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(TrailSurveyResult) r = g_list_model_get_item (results, i);
      TrailStage *stage;
      TrailLayoutStage *s;
      double centre, top, bottom;
      MeasuredMark mark;

      if (g_strcmp0 (trail_survey_result_get_survey (r), survey_id) != 0 ||
          g_strcmp0 (trail_survey_result_get_persona_id (r), lane_persona) != 0 ||
          trail_survey_result_get_n (r) == 0)
        continue;

      stage = trail_document_find_stage (self->document, trail_survey_result_get_stage_id (r));
      s = stage != NULL ? g_hash_table_lookup (self->by_object, stage) : NULL;
      if (s == NULL)
        continue;

      if (sd)
        {
          centre = trail_survey_result_get_mean (r);
          top = centre + trail_survey_result_get_sd (r);
          bottom = centre - trail_survey_result_get_sd (r);
        }
      else
        {
          centre = trail_survey_result_get_median (r);
          top = trail_survey_result_get_q3 (r);
          bottom = trail_survey_result_get_q1 (r);
        }

      mark.x = emotion_x (self, s->index, 0.5);
      mark.y = trail_layout_emotion_y_for_score (&e->item, CLAMP (centre, e->min, e->max));
      mark.top = trail_layout_emotion_y_for_score (&e->item, CLAMP (top, e->min, e->max));
      mark.bottom = trail_layout_emotion_y_for_score (&e->item, CLAMP (bottom, e->min, e->max));
      mark.n = trail_survey_result_get_n (r);
      g_array_append_val (marks, mark);
    }

  if (marks->len == 0)
    return;

  m = measured_new (self, e, marks, band ? TRAIL_FONT_EMOTION_NOTE : TRAIL_N_FONTS,
                    /* In the text's colour for everyone, so it is not taken
                     * for the hand-drawn line for everyone. */
                    p != NULL ? &p->color : &self->style->text, FALSE);
  m->survey = survey;
  m->persona = p != NULL ? p->item.object : NULL;
  m->band = band;
  g_ptr_array_add (e->measured, m);
}

/* Whether @l is the lane that shows the crowd's ratings: the first
 * emotions lane for everyone, else the first emotions lane. */
static gboolean
lane_shows_crowd (TrailLayout     *self,
                  TrailLayoutLane *l)
{
  TrailLayoutLane *first = NULL;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      TrailLayoutLane *other = self->lanes->pdata[i];

      if (other->kind != TRAIL_LANE_KIND_EMOTIONS)
        continue;
      if (trail_lane_get_persona_id (other->item.object) == NULL)
        return other == l;
      if (first == NULL)
        first = other;
    }
  return first == l;
}

gboolean
trail_layout_lane_shows_crowd (TrailLayout *self,
                               TrailLane   *lane)
{
  TrailLayoutLane *l;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), FALSE);

  l = g_hash_table_lookup (self->by_object, lane);
  return l != NULL && l->item.kind == TRAIL_LAYOUT_ITEM_LANE && l->kind == TRAIL_LANE_KIND_EMOTIONS &&
         lane_shows_crowd (self, l) && trail_document_has_ratings (self->document);
}

/* The crowd's line: one mark per visible stage with ratings. */
static void
layout_crowd (TrailLayout         *self,
              TrailLayoutEmotions *e)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (MeasuredMark));
  g_autoptr(GHashTable) points = NULL;
  TrailMeasuredCurve *m;

  if (!trail_document_has_ratings (self->document))
    return;

  /* One pass over the ratings, not one per stage: a room rates a long
   * map's every stage. */
  points = trail_document_dup_crowd_points (self->document);
  for (guint i = 0; i < self->stages->len; i++)
    {
      TrailLayoutStage *s = self->stages->pdata[i];
      const TrailCrowdPoint *point = g_hash_table_lookup (points, trail_stage_get_id (s->item.object));
      MeasuredMark mark;

      if (point == NULL)
        continue;
      mark.x = emotion_x (self, s->index, 0.5);
      mark.y = trail_layout_emotion_y_for_score (&e->item, CLAMP (point->centre, e->min, e->max));
      mark.top = trail_layout_emotion_y_for_score (&e->item, CLAMP (point->high, e->min, e->max));
      mark.bottom = trail_layout_emotion_y_for_score (&e->item, CLAMP (point->low, e->min, e->max));
      mark.n = point->n;
      g_array_append_val (marks, mark);
    }
  if (marks->len == 0)
    return;

  m = measured_new (self, e, marks, TRAIL_FONT_CROWD_COUNT, &self->style->crowd_line, TRUE);
  m->crowd = TRUE;
  m->band = TRUE;
  g_ptr_array_add (e->measured, m);
}

static void
layout_emotions (TrailLayout     *self,
                 TrailLayoutLane *l)
{
  TrailStyle *style = self->style;
  TrailLane *lane = l->item.object;
  const char *lane_persona = trail_lane_get_persona_id (lane);
  GListModel *lines = trail_document_get_emotion_lines (self->document);
  GListModel *surveys = trail_document_get_surveys (self->document);
  TrailLayoutEmotions *e;
  float top = MAX (lane_header_height (l), EMOTION_TOP_PAD);
  float label_h;
  int stride = 1;

  emotions_free (l->emotions);
  e = l->emotions = g_new0 (TrailLayoutEmotions, 1);
  e->item.kind = TRAIL_LAYOUT_ITEM_EMOTIONS;
  e->item.object = lane;
  e->lane = l;
  e->item.bounds = GRAPHENE_RECT_INIT (self->grid_x, l->row.origin.y,
                                       self->stages->len * style->stage_width, l->row.size.height);
  e->plot = GRAPHENE_RECT_INIT (e->item.bounds.origin.x, l->row.origin.y + top,
                                e->item.bounds.size.width, emotion_plot_height (self));
  e->min = trail_document_get_scale_min (self->document);
  e->max = trail_document_get_scale_max (self->document);
  if (e->max <= e->min)
    e->max = e->min + 1;
  e->neutral = trail_document_get_scale_neutral (self->document);
  e->scale_labels = g_ptr_array_new_with_free_func (text_free);
  e->scale_y = g_array_new (FALSE, FALSE, sizeof (float));
  e->curves = g_ptr_array_new_with_free_func (curve_free);
  e->measured = g_ptr_array_new_with_free_func (measured_free);

  /* Labels at least a line apart: long scales label every few steps. */
  label_h = 20;
  while (e->plot.size.height / (e->max - e->min) * stride < label_h)
    stride++;

  for (int step = e->min; step <= e->max; step++)
    {
      float y = trail_layout_emotion_y_for_score (&e->item, step);
      gboolean labelled = ((step - e->min) % stride == 0) || step == e->max ||
                          fabs (step - e->neutral) < 0.01;
      TrailText *text;

      g_array_append_val (e->scale_y, y);
      if (!labelled)
        continue;

      text = g_new0 (TrailText, 1);
      text_set (self, text, TRAIL_FONT_SCALE_LABEL,
                trail_document_get_scale_label (self->document, step),
                style->lane_header_width - 36, 1, &style->text_muted);
      if (text->layout == NULL)
        {
          g_free (text);
          continue;
        }
      pango_layout_set_alignment (text->layout, PANGO_ALIGN_RIGHT);
      text->pos = GRAPHENE_POINT_INIT (style->margin + 18, y - text_height (text) / 2);
      g_ptr_array_add (e->scale_labels, text);
    }

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, i);

      if (lane_persona != NULL && g_strcmp0 (lane_persona, trail_emotion_line_get_persona_id (line)) != 0)
        continue;
      layout_curve (self, e, line);
    }

  for (guint i = 0; i < g_list_model_get_n_items (surveys); i++)
    {
      g_autoptr(TrailSurvey) survey = g_list_model_get_item (surveys, i);

      layout_measured (self, e, survey, lane_persona, TRUE);

      /* A lane for everyone also shows each persona's measured line,
       * beside their hand-drawn ones; a band for each would hide the
       * picture, so only the line. */
      if (lane_persona == NULL)
        for (guint j = 0; j < self->personas->len; j++)
          {
            TrailLayoutPersona *p = self->personas->pdata[j];

            layout_measured (self, e, survey, trail_persona_get_id (p->item.object), FALSE);
          }
    }

  if (lane_shows_crowd (self, l))
    layout_crowd (self, e);
}

double
trail_layout_emotion_score_at (const TrailLayoutItem *item,
                               float                  y)
{
  const TrailLayoutEmotions *e = (const TrailLayoutEmotions *) item;
  double t;

  g_return_val_if_fail (item != NULL && item->kind == TRAIL_LAYOUT_ITEM_EMOTIONS, 0);

  t = (y - e->plot.origin.y) / e->plot.size.height;
  return CLAMP (e->max - t * (e->max - e->min), e->min, e->max);
}

gboolean
trail_layout_emotion_point_at (TrailLayout           *self,
                               const TrailLayoutItem *emotions,
                               TrailEmotionPoint     *point,
                               graphene_point_t      *out)
{
  TrailStage *stage;
  TrailLayoutStage *s;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (emotions != NULL && emotions->kind == TRAIL_LAYOUT_ITEM_EMOTIONS, FALSE);

  stage = trail_document_find_stage (self->document, trail_emotion_point_get_stage_id (point));
  s = stage != NULL ? g_hash_table_lookup (self->by_object, stage) : NULL;
  if (s == NULL)
    return FALSE;

  out->x = emotion_x (self, s->index, trail_emotion_point_get_position (point));
  out->y = trail_layout_emotion_y_for_score (emotions, trail_emotion_point_get_score (point));
  return TRUE;
}

gboolean
trail_layout_emotion_stage_at (TrailLayout  *self,
                               float         x,
                               TrailStage  **stage,
                               double       *position)
{
  float stage_width;
  double rel;
  int index;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), FALSE);

  if (self->stages->len == 0)
    return FALSE;

  stage_width = self->style->stage_width;
  rel = (x - self->grid_x) / stage_width;
  index = CLAMP ((int) floor (rel), 0, (int) self->stages->len - 1);
  *stage = ((TrailLayoutItem *) self->stages->pdata[index])->object;
  *position = CLAMP (((rel - index) - EMOTION_INSET) / EMOTION_SPAN, 0.0, 1.0);
  return TRUE;
}

float
trail_layout_emotion_y_for_score (const TrailLayoutItem *item,
                                  double                 score)
{
  const TrailLayoutEmotions *e = (const TrailLayoutEmotions *) item;

  g_return_val_if_fail (item != NULL && item->kind == TRAIL_LAYOUT_ITEM_EMOTIONS, 0);

  return e->plot.origin.y + (e->max - score) / (double) (e->max - e->min) * e->plot.size.height;
}

/* ---- Legend ----------------------------------------------------------- */

/* Legend labels wrap beyond this width. */
#define LEGEND_LABEL_MAX_WIDTH 320.0f

static void
legend_add (TrailLayout           *self,
            TrailLayoutLegend     *legend,
            TrailLegendSwatchKind  kind,
            const GdkRGBA         *color,
            const GdkRGBA         *face,
            const char            *icon,
            const char            *label)
{
  TrailLegendEntry entry = { 0 };

  entry.kind = kind;
  entry.color = *color;
  entry.face = face != NULL ? *face : *color;
  entry.icon = icon;
  /* A long name (a persona's, say) wraps, on at most three lines, rather
   * than run off the map's edge. */
  text_set (self, &entry.label, TRAIL_FONT_LEGEND, label,
            MIN (LEGEND_LABEL_MAX_WIDTH, self->content_width - 60), 3, &self->style->page_text);
  g_array_append_val (legend->entries, entry);
}

static float
layout_legend (TrailLayout *self,
               float        y)
{
  TrailStyle *style = self->style;
  TrailLayoutLegend *legend;
  gboolean kinds[TRAIL_LANE_KIND_CUSTOM + 1] = { FALSE, };
  gboolean evidence[TRAIL_EVIDENCE_PROPOSED + 1] = { FALSE, };
  gboolean votes = FALSE;
  GHashTableIter iter;
  gpointer key;
  GPtrArray *groups[4] = { NULL, };
  guint group_start[4] = { 0, };
  const char *group_names[4] = { _("EMOTION LINES"), _("CARDS"), _("EVIDENCE"), _("VOTES") };
  float x, line_h = 26, row_h, right = style->margin + self->content_width;
  float cy;

  legend_free (self->legend);
  self->legend = NULL;
  self->legend_known = FALSE;
  if (!self->show_legend)
    return y;

  legend = g_new0 (TrailLayoutLegend, 1);
  legend->item.kind = TRAIL_LAYOUT_ITEM_LEGEND;
  legend->item.object = self->document;
  legend->headings = g_ptr_array_new_with_free_func (text_free);
  legend->entries = g_array_new (FALSE, TRUE, sizeof (TrailLegendEntry));
  (void) groups;

  /* Group 0: the emotion lines, one swatch per persona drawn. */
  group_start[0] = legend->entries->len;
  for (guint i = 0; i < self->lanes->len; i++)
    {
      TrailLayoutLane *l = self->lanes->pdata[i];

      if (l->emotions == NULL)
        continue;
      for (guint j = 0; j < l->emotions->curves->len; j++)
        {
          TrailEmotionCurve *c = l->emotions->curves->pdata[j];
          gboolean seen = FALSE;

          for (guint k = group_start[0]; k < legend->entries->len; k++)
            if (gdk_rgba_equal (&g_array_index (legend->entries, TrailLegendEntry, k).color, &c->color) &&
                g_strcmp0 (pango_layout_get_text (g_array_index (legend->entries, TrailLegendEntry, k).label.layout), c->label) == 0)
              seen = TRUE;
          if (!seen && c->points->len > 0)
            legend_add (self, legend, TRAIL_LEGEND_SWATCH_LINE, &c->color, NULL, NULL, c->label);
        }

      for (guint j = 0; j < l->emotions->measured->len; j++)
        {
          TrailMeasuredCurve *m = l->emotions->measured->pdata[j];
          g_autofree char *label = NULL;
          gboolean seen = FALSE;

          if (m->crowd)
            /* Translators: the line of the workshop's ratings of each
             * stage, then what its band shows. */
            label = g_strdup_printf (_("Crowd ratings (%s)"),
                                     trail_document_get_crowd_statistic (self->document) == TRAIL_CROWD_MEDIAN
                                     ? _("median, quartiles") : _("mean ± 1 SD"));
          else if (m->persona != NULL)
            /* Translators: a persona's name, then the survey's file name. */
            label = g_strdup_printf (_("Measured: %s, %s"), trail_persona_get_name (m->persona),
                                     trail_survey_get_source (m->survey));
          else
            /* Translators: the survey's file name, then what its band shows. */
            label = g_strdup_printf (_("Measured: %s (%s)"), trail_survey_get_source (m->survey),
                                     trail_survey_get_band_is_sd (m->survey) ? _("mean ± 1 SD")
                                                                            : _("median, quartiles"));
          for (guint k = group_start[0]; k < legend->entries->len; k++)
            if (gdk_rgba_equal (&g_array_index (legend->entries, TrailLegendEntry, k).color, &m->color) &&
                g_strcmp0 (pango_layout_get_text (g_array_index (legend->entries, TrailLegendEntry, k).label.layout), label) == 0)
              seen = TRUE;
          if (!seen)
            legend_add (self, legend, TRAIL_LEGEND_SWATCH_LINE, &m->color, NULL, NULL, label);
        }
    }

  /* Only what appears on this map is explained. */
  g_hash_table_iter_init (&iter, self->live_cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TrailLayoutCard *c = key;
      TrailCard *card = c->item.object;

      kinds[MIN ((guint) c->kind, (guint) TRAIL_LANE_KIND_CUSTOM)] = TRUE;
      if ((guint) trail_card_get_evidence (card) <= TRAIL_EVIDENCE_PROPOSED)
        evidence[trail_card_get_evidence (card)] = TRUE;
      if (trail_card_get_votes (card) > 0)
        votes = TRUE;
    }
  memcpy (self->legend_kinds, kinds, sizeof kinds);
  memcpy (self->legend_evidence, evidence, sizeof evidence);
  self->legend_votes = votes;
  self->legend_known = TRUE;

  group_start[1] = legend->entries->len;
  for (guint k = 0; k <= TRAIL_LANE_KIND_CUSTOM; k++)
    {
      TrailCardColors colors;

      if (!kinds[k] || k == TRAIL_LANE_KIND_EMOTIONS)
        continue;
      trail_style_get_card_colors (style, k, NULL, &colors);
      legend_add (self, legend, TRAIL_LEGEND_SWATCH_CARD, &colors.accent, &colors.face,
                  trail_icon_for_lane_kind (k), trail_lane_kind_get_label (k));
    }

  group_start[2] = legend->entries->len;
  for (guint k = TRAIL_EVIDENCE_OBSERVED; k <= TRAIL_EVIDENCE_PROPOSED; k++)
    {
      GdkRGBA color;

      if (!evidence[k])
        continue;
      color = trail_style_get_evidence_color (style, k);
      legend_add (self, legend, TRAIL_LEGEND_SWATCH_ICON, &color, NULL,
                  trail_icon_for_evidence (k), trail_evidence_get_label (k));
    }

  group_start[3] = legend->entries->len;
  if (votes)
    legend_add (self, legend, TRAIL_LEGEND_SWATCH_ICON, &style->page_text_muted, NULL,
                TRAIL_ICON_VOTES, _("Votes"));

  if (legend->entries->len == 0)
    {
      legend_free (legend);
      return y;
    }

  /* Flow the groups left to right, wrapping like words. */
  y += style->section_gap;
  x = style->margin;
  cy = y;
  row_h = line_h;
  for (guint g = 0; g < 4; g++)
    {
      guint end = g + 1 < 4 ? group_start[g + 1] : legend->entries->len;
      TrailText *heading;
      float hw;

      if (group_start[g] == end)
        continue;

      heading = g_new0 (TrailText, 1);
      text_set (self, heading, TRAIL_FONT_LEGEND_HEADING, group_names[g], -1, 0, &style->page_text_muted);
      hw = text_width (heading);
      if (x > style->margin && x + hw + 200 > right)
        {
          x = style->margin;
          cy += row_h + 8;
          row_h = line_h;
        }
      heading->pos = GRAPHENE_POINT_INIT (x, cy + (line_h - text_height (heading)) / 2);
      g_ptr_array_add (legend->headings, heading);
      x += hw + 14;

      for (guint i = group_start[g]; i < end; i++)
        {
          TrailLegendEntry *entry = &g_array_index (legend->entries, TrailLegendEntry, i);
          float sw = entry->kind == TRAIL_LEGEND_SWATCH_LINE ? 28 : (entry->kind == TRAIL_LEGEND_SWATCH_CARD ? 24 : 18);
          float w = sw + 8 + text_width (&entry->label);

          float label_h = text_height (&entry->label);

          if (x > style->margin && x + w > right)
            {
              x = style->margin;
              cy += row_h + 8;
              row_h = line_h;
            }
          if (entry->kind == TRAIL_LEGEND_SWATCH_CARD)
            entry->swatch = GRAPHENE_RECT_INIT (x, cy + 3, sw, line_h - 6);
          else if (entry->kind == TRAIL_LEGEND_SWATCH_LINE)
            entry->swatch = GRAPHENE_RECT_INIT (x, cy + line_h / 2 - 6, sw, 12);
          else
            entry->swatch = GRAPHENE_RECT_INIT (x, cy + (line_h - sw) / 2, sw, sw);
          /* A wrapped label hangs from the swatch's line. */
          entry->label.pos = GRAPHENE_POINT_INIT (x + sw + 8, label_h > line_h ? cy + 4 : cy + (line_h - label_h) / 2);
          row_h = MAX (row_h, label_h > line_h ? label_h + 4 : line_h);
          x += w + 22;
        }
      x += 22;
    }

  legend->item.bounds = GRAPHENE_RECT_INIT (style->margin, y, self->content_width, cy + row_h - y);
  self->legend = legend;

  return cy + row_h;
}

/* ---- Whole map -------------------------------------------------------- */

/* Rows from lane @first down, then what hangs below them. */
static void
place_from (TrailLayout *self,
            guint        first)
{
  TrailStyle *style = self->style;
  float y;

  if (first == 0)
    y = self->lanes_y;
  else
    {
      TrailLayoutLane *prev = self->lanes->pdata[first - 1];
      y = prev->row.origin.y + prev->row.size.height;
    }

  for (guint i = first; i < self->lanes->len; i++)
    y += place_lane (self, self->lanes->pdata[i], y);

  for (guint i = 0; i < self->stages->len; i++)
    {
      TrailLayoutStage *s = self->stages->pdata[i];
      s->column = GRAPHENE_RECT_INIT (self->grid_x + i * style->stage_width, self->stages_y,
                                      style->stage_width, y - self->stages_y);
    }

  /* The legend's entries stay when a card brought nothing new to them:
   * only its place below the rows changes. */
  if (self->cards_only && self->legend_keep && self->legend != NULL)
    {
      TrailLayoutLegend *legend = self->legend;
      float dy = y + style->section_gap - legend->item.bounds.origin.y;

      legend->item.bounds.origin.y += dy;
      for (guint i = 0; i < legend->headings->len; i++)
        text_translate (legend->headings->pdata[i], dy);
      for (guint i = 0; i < legend->entries->len; i++)
        {
          TrailLegendEntry *entry = &g_array_index (legend->entries, TrailLegendEntry, i);

          entry->swatch.origin.y += dy;
          text_translate (&entry->label, dy);
        }
      y = legend->item.bounds.origin.y + legend->item.bounds.size.height;
    }
  else
    y = layout_legend (self, y);
  self->height = ceilf (y + style->margin);
}

static void
clear_items (TrailLayout *self)
{
  g_clear_pointer (&self->header, header_free);
  legend_free (self->legend);
  self->legend = NULL;
  g_ptr_array_set_size (self->lanes, 0);
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->personas, 0);
  g_hash_table_remove_all (self->by_object);
  g_hash_table_remove_all (self->live_cards);
}

static void
relayout_all (TrailLayout *self)
{
  TrailStyle *style = self->style;
  GListModel *stages = trail_document_get_stages (self->document);
  GListModel *lanes = trail_document_get_lanes (self->document);
  guint n_stages = 0;
  GHashTableIter iter;
  gpointer key, value;
  float y;

  clear_items (self);
  g_clear_pointer (&self->dot_counts, g_hash_table_unref);
  self->max_dots = 0;
  if (self->show_dots)
    self->dot_counts = trail_document_dup_dot_counts (self->document, &self->max_dots);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      if (stage_visible (self, stage))
        n_stages++;
    }

  self->content_width = MAX (style->lane_header_width + n_stages * style->stage_width, MIN_CONTENT_WIDTH);
  self->grid_x = style->margin + style->lane_header_width;
  self->width = ceilf (self->content_width + 2 * style->margin);

  /* Without a header, what comes next starts at the margin. */
  y = self->show_header ? layout_header (self, style->margin) : style->margin - style->section_gap;
  /* Personas are looked up by the lanes and cards, so they are built even
   * when their strip is not shown. */
  {
    float after = layout_personas (self, y + style->section_gap);
    if (after > y + style->section_gap)
      y = after;
  }
  y = layout_stages (self, y + style->section_gap);
  self->lanes_y = y + 10;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      TrailLayoutLane *l;

      if (!lane_visible (self, lane))
        continue;

      l = g_new0 (TrailLayoutLane, 1);
      l->item.kind = TRAIL_LAYOUT_ITEM_LANE;
      l->item.object = lane;
      l->index = self->lanes->len;
      l->kind = trail_lane_get_kind (lane);
      l->cells = g_ptr_array_new_with_free_func (cell_free);
      g_ptr_array_add (self->lanes, l);
      g_hash_table_insert (self->by_object, lane, l);
      build_lane (self, l);
    }

  place_from (self, 0);

  /* Forget measurements of cards that are gone or hidden. */
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TrailLayoutCard *c = value;

      if (!g_hash_table_contains (self->live_cards, c))
        g_hash_table_iter_remove (&iter);
      else
        g_hash_table_insert (self->by_object, key, c);
    }
}

/* ---- GObject ---------------------------------------------------------- */

static void
trail_layout_finalize (GObject *object)
{
  TrailLayout *self = (TrailLayout *) object;

  clear_items (self);
  g_clear_pointer (&self->personas, g_ptr_array_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->by_object, g_hash_table_unref);
  g_clear_pointer (&self->live_cards, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->stage_filter, g_hash_table_unref);
  g_clear_pointer (&self->lane_filter, g_hash_table_unref);
  g_clear_pointer (&self->persona_filter, g_hash_table_unref);
  g_clear_pointer (&self->dot_counts, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->style, trail_style_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (trail_layout_parent_class)->finalize (object);
}

static void
trail_layout_class_init (TrailLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trail_layout_finalize;
}

static void
trail_layout_init (TrailLayout *self)
{
  cairo_font_options_t *options;

  self->show_personas = TRUE;
  self->show_legend = TRUE;
  self->show_header = TRUE;
  self->show_dots = TRUE;
  self->personas = g_ptr_array_new_with_free_func (persona_free);
  self->stages = g_ptr_array_new_with_free_func (stage_free);
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->by_object = g_hash_table_new (NULL, NULL);
  self->live_cards = g_hash_table_new (NULL, NULL);
  self->cards = g_hash_table_new_full (NULL, NULL, g_object_unref, card_free);

  /* Text is measured free of hinting and of the output's resolution, so
   * the same layout serves the screen at any zoom, PNG at any scale, PDF
   * and SVG: the map never reflows between them. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 96);
  pango_context_set_round_glyph_positions (self->context, FALSE);
}

/* ---- Public API ------------------------------------------------------- */

/**
 * trail_layout_new:
 * @document: the map
 * @style: how it looks
 *
 * Lays the whole map out once; follow the document with
 * trail_layout_update().
 *
 * Returns: (transfer full): a new layout
 */
TrailLayout *
trail_layout_new (TrailDocument *document,
                  TrailStyle    *style)
{
  TrailLayout *self;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_object_new (TRAIL_TYPE_LAYOUT, NULL);
  self->document = g_object_ref (document);
  self->style = trail_style_ref (style);
  relayout_all (self);

  return self;
}

TrailDocument *
trail_layout_get_document (TrailLayout *self)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);
  return self->document;
}

TrailStyle *
trail_layout_get_style (TrailLayout *self)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);
  return self->style;
}

PangoContext *
trail_layout_get_pango_context (TrailLayout *self)
{
  return self->context;
}

void
trail_layout_set_style (TrailLayout *self,
                        TrailStyle  *style)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));
  g_return_if_fail (style != NULL);

  if (style == self->style)
    return;

  trail_style_ref (style);
  trail_style_unref (self->style);
  self->style = style;
  relayout_all (self);
}

void
trail_layout_set_filter (TrailLayout             *self,
                         const TrailLayoutFilter *filter)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  g_clear_pointer (&self->stage_filter, g_hash_table_unref);
  g_clear_pointer (&self->lane_filter, g_hash_table_unref);
  g_clear_pointer (&self->persona_filter, g_hash_table_unref);
  if (filter != NULL)
    {
      self->stage_filter = make_id_set (filter->stage_ids);
      self->lane_filter = make_id_set (filter->lane_ids);
      self->persona_filter = make_id_set (filter->persona_ids);
    }
  relayout_all (self);
}

void
trail_layout_set_show_personas (TrailLayout *self,
                                gboolean     show)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  if (self->show_personas == !!show)
    return;
  self->show_personas = !!show;
  relayout_all (self);
}

void
trail_layout_set_show_header (TrailLayout *self,
                              gboolean     show)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  if (self->show_header == !!show)
    return;
  self->show_header = !!show;
  relayout_all (self);
}

void
trail_layout_set_show_dots (TrailLayout *self,
                            gboolean     show)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  if (self->show_dots == !!show)
    return;
  self->show_dots = !!show;
  relayout_all (self);
}

void
trail_layout_set_show_legend (TrailLayout *self,
                              gboolean     show)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  if (self->show_legend == !!show)
    return;
  self->show_legend = !!show;
  relayout_all (self);
}

/* Whether a card just placed brings nothing the legend lacks. */
static gboolean
legend_has_card (TrailLayout     *self,
                 TrailLayoutCard *c,
                 gboolean         is_new)
{
  TrailCard *card;
  guint evidence;

  if (!is_new || c == NULL || !self->legend_known)
    return FALSE;

  card = c->item.object;
  evidence = trail_card_get_evidence (card);
  return self->legend_kinds[MIN ((guint) c->kind, (guint) TRAIL_LANE_KIND_CUSTOM)] &&
         (evidence > TRAIL_EVIDENCE_PROPOSED || self->legend_evidence[evidence]) &&
         (trail_card_get_votes (card) == 0 || self->legend_votes);
}

static void
union_damage (graphene_rect_t       *damage,
              gboolean              *any,
              const graphene_rect_t *rect)
{
  if (!*any)
    *damage = *rect;
  else
    graphene_rect_union (damage, rect, damage);
  *any = TRUE;
}

static TrailLayoutCell *
cell_for_card (TrailLayout *self,
               TrailCard   *card)
{
  TrailLane *lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
  TrailStage *stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));

  if (lane == NULL || stage == NULL)
    return NULL;

  return (TrailLayoutCell *) trail_layout_get_cell (self, lane, stage);
}

/* Re-places rows from the first of @lanes whose height changed (or just
 * these rows); fills @damage. Returns TRUE if the map's size changed. */
static gboolean
replace_rows (TrailLayout      *self,
              TrailLayoutLane **lanes,
              guint             n_lanes,
              graphene_rect_t  *damage,
              gboolean         *any)
{
  float old_height = self->height;
  guint first = G_MAXUINT;
  gboolean moved = FALSE;

  for (guint i = 0; i < n_lanes; i++)
    {
      TrailLayoutLane *l = lanes[i];
      float old_h;

      if (l == NULL)
        continue;
      old_h = l->row.size.height;
      first = MIN (first, l->index);
      place_lane (self, l, l->row.origin.y);
      union_damage (damage, any, &l->row);
      if (l->row.size.height != old_h)
        moved = TRUE;
    }

  if (first == G_MAXUINT || !moved)
    return FALSE;

  place_from (self, first);
  {
    TrailLayoutLane *l = self->lanes->pdata[first];
    graphene_rect_t below = GRAPHENE_RECT_INIT (0, l->row.origin.y, self->width,
                                                MAX (self->height, old_height) - l->row.origin.y);
    union_damage (damage, any, &below);
  }

  return self->height != old_height;
}

gboolean
trail_layout_update (TrailLayout      *self,
                     TrailChangeFlags  what,
                     GObject          *object,
                     graphene_rect_t  *damage)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean any = FALSE;
  float old_w, old_h;
  gboolean resized = FALSE;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), FALSE);

  old_w = self->width;
  old_h = self->height;

  if ((what & ~(TRAIL_CHANGE_CARD_TEXT | TRAIL_CHANGE_CARDS)) == 0 && TRAIL_IS_CARD (object))
    {
      TrailCard *card = TRAIL_CARD (object);
      TrailLayoutCard *c = g_hash_table_lookup (self->cards, card);
      TrailLayoutCell *old_cell = c != NULL ? c->cell : NULL;
      TrailLayoutCell *new_cell = NULL;
      TrailLayoutLane *rows[2] = { NULL, NULL };
      gboolean is_new = c == NULL;
      gboolean in_document = trail_document_find_card (self->document, trail_card_get_id (card)) == card;

      if (in_document)
        new_cell = cell_for_card (self, card);
      if (c != NULL)
        union_damage (&area, &any, &c->item.bounds);

      self->cards_only = TRUE;
      self->changed_card = card;

      if (old_cell != NULL)
        {
          fill_cell (self, old_cell);
          rows[0] = old_cell->lane;
        }
      if (new_cell != NULL && new_cell != old_cell)
        {
          if (!is_new || old_cell != NULL || !append_new_card (self, new_cell, card))
            fill_cell (self, new_cell);
          rows[1] = new_cell->lane;
        }
      if (rows[0] == rows[1])
        rows[1] = NULL;

      /* A card that left the map (removed, filtered) is forgotten. */
      c = g_hash_table_lookup (self->cards, card);
      if (c != NULL && c->cell == NULL)
        {
          g_hash_table_remove (self->live_cards, c);
          g_hash_table_remove (self->by_object, card);
          g_hash_table_remove (self->cards, card);
          c = NULL;
        }
      else if (c != NULL)
        g_hash_table_insert (self->by_object, card, c);

      self->legend_keep = legend_has_card (self, c, is_new);
      resized = replace_rows (self, rows, 2, &area, &any);
      self->cards_only = FALSE;
      self->changed_card = NULL;
      if (c != NULL)
        union_damage (&area, &any, &c->item.bounds);

      /* The legend lists what appears on the map. */
      if (self->legend != NULL && !resized && !self->legend_keep)
        {
          graphene_rect_t before = self->legend->item.bounds;
          float y = self->legend->item.bounds.origin.y - self->style->section_gap;

          layout_legend (self, y);
          union_damage (&area, &any, &before);
          if (self->legend != NULL)
            union_damage (&area, &any, &self->legend->item.bounds);
        }
    }
  /* Surveys change the legend too, and rarely: they take the general
   * path below. A rating only moves the crowd's line, unless it is the
   * first or the last one (the legend names the line): a room of phones
   * rating must not lay out the whole map each time. */
  else if (what == TRAIL_CHANGE_EMOTIONS ||
           (what == TRAIL_CHANGE_RATINGS && legend_has_crowd (self) == trail_document_has_ratings (self->document)))
    {
      for (guint i = 0; i < self->lanes->len; i++)
        {
          TrailLayoutLane *l = self->lanes->pdata[i];

          if (l->kind != TRAIL_LANE_KIND_EMOTIONS)
            continue;
          layout_emotions (self, l);
          union_damage (&area, &any, &l->row);
        }
    }
  else
    {
      relayout_all (self);
      area = GRAPHENE_RECT_INIT (0, 0, MAX (old_w, self->width), MAX (old_h, self->height));
      any = TRUE;
    }

  if (damage != NULL)
    *damage = area;

  return resized || old_w != self->width || old_h != self->height;
}

float
trail_layout_get_width (TrailLayout *self)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), 0);
  return self->width;
}

float
trail_layout_get_height (TrailLayout *self)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), 0);
  return self->height;
}

void
trail_layout_get_bounds (TrailLayout     *self,
                         graphene_rect_t *bounds)
{
  g_return_if_fail (TRAIL_IS_LAYOUT (self));
  *bounds = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);
}

const TrailLayoutHeader *
trail_layout_get_header (TrailLayout *self)
{
  return self->header;
}

const TrailLayoutLegend *
trail_layout_get_legend (TrailLayout *self)
{
  return self->legend;
}

GPtrArray *
trail_layout_get_personas (TrailLayout *self)
{
  return self->personas;
}

GPtrArray *
trail_layout_get_stages (TrailLayout *self)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);
  return self->stages;
}

GPtrArray *
trail_layout_get_lanes (TrailLayout *self)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);
  return self->lanes;
}

const TrailLayoutItem *
trail_layout_find (TrailLayout *self,
                   gpointer     object)
{
  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);
  return g_hash_table_lookup (self->by_object, object);
}

guint
trail_layout_item_get_serial (const TrailLayoutItem *item)
{
  g_return_val_if_fail (item != NULL, 0);
  return item->kind == TRAIL_LAYOUT_ITEM_CARD ? ((const TrailLayoutCard *) item)->serial : 0;
}

const TrailLayoutItem *
trail_layout_get_cell (TrailLayout *self,
                       TrailLane   *lane,
                       TrailStage  *stage)
{
  TrailLayoutLane *l;
  TrailLayoutStage *s;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);

  l = g_hash_table_lookup (self->by_object, lane);
  s = g_hash_table_lookup (self->by_object, stage);
  if (l == NULL || s == NULL || l->item.kind != TRAIL_LAYOUT_ITEM_LANE ||
      s->item.kind != TRAIL_LAYOUT_ITEM_STAGE || s->index >= l->cells->len)
    return NULL;

  return l->cells->pdata[s->index];
}

TrailStage *
trail_layout_cell_get_stage (const TrailLayoutItem *cell)
{
  g_return_val_if_fail (cell != NULL && cell->kind == TRAIL_LAYOUT_ITEM_CELL, NULL);
  return ((const TrailLayoutCell *) cell)->stage->item.object;
}

/* First lane whose row ends below @y. */
static guint
lane_at_or_after (TrailLayout *self,
                  float        y)
{
  guint lo = 0, hi = self->lanes->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      TrailLayoutLane *l = self->lanes->pdata[mid];

      if (l->row.origin.y + l->row.size.height <= y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
maybe_add (GPtrArray             *out,
           const TrailLayoutItem *item,
           const graphene_rect_t *rect,
           TrailLayoutItemKind    kinds)
{
  if (item != NULL && (item->kind & kinds) && graphene_rect_intersection (&item->bounds, rect, NULL))
    g_ptr_array_add (out, (gpointer) item);
}

GPtrArray *
trail_layout_query (TrailLayout           *self,
                    const graphene_rect_t *rect,
                    TrailLayoutItemKind    kinds)
{
  TrailStyle *style;
  GPtrArray *out;
  int s0, s1;
  guint l0;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (rect != NULL, NULL);

  style = self->style;
  out = g_ptr_array_new ();

  if (self->header != NULL)
    maybe_add (out, &self->header->item, rect, kinds);
  if (self->show_personas)
    for (guint i = 0; i < self->personas->len; i++)
      maybe_add (out, self->personas->pdata[i], rect, kinds);

  s0 = (int) floorf ((rect->origin.x - self->grid_x) / style->stage_width);
  s1 = (int) floorf ((rect->origin.x + rect->size.width - self->grid_x) / style->stage_width);
  s0 = CLAMP (s0, 0, (int) self->stages->len - 1);
  s1 = CLAMP (s1, 0, (int) self->stages->len - 1);

  if ((kinds & TRAIL_LAYOUT_ITEM_STAGE) && self->stages->len > 0)
    for (int i = s0; i <= s1; i++)
      maybe_add (out, self->stages->pdata[i], rect, kinds);

  l0 = lane_at_or_after (self, rect->origin.y);
  for (int pass = 0; pass < 4; pass++)
    {
      static const TrailLayoutItemKind order[] = {
        TRAIL_LAYOUT_ITEM_LANE, TRAIL_LAYOUT_ITEM_CELL,
        TRAIL_LAYOUT_ITEM_EMOTIONS, TRAIL_LAYOUT_ITEM_CARD,
      };

      if (!(kinds & order[pass]))
        continue;

      for (guint i = l0; i < self->lanes->len; i++)
        {
          TrailLayoutLane *l = self->lanes->pdata[i];

          if (l->row.origin.y >= rect->origin.y + rect->size.height)
            break;

          if (order[pass] == TRAIL_LAYOUT_ITEM_LANE)
            maybe_add (out, &l->item, rect, kinds);
          else if (order[pass] == TRAIL_LAYOUT_ITEM_EMOTIONS)
            {
              if (l->emotions != NULL)
                maybe_add (out, &l->emotions->item, rect, kinds);
            }
          else if (self->stages->len > 0)
            for (int s = s0; s <= s1; s++)
              {
                TrailLayoutCell *cell = l->cells->pdata[s];

                if (order[pass] == TRAIL_LAYOUT_ITEM_CELL)
                  maybe_add (out, &cell->item, rect, kinds);
                else
                  for (guint c = 0; c < cell->cards->len; c++)
                    maybe_add (out, cell->cards->pdata[c], rect, kinds);
              }
        }
    }

  if (self->legend != NULL)
    maybe_add (out, &self->legend->item, rect, kinds);

  return out;
}

const TrailLayoutItem *
trail_layout_pick (TrailLayout         *self,
                   float                x,
                   float                y,
                   TrailLayoutItemKind  kinds)
{
  g_autoptr(GPtrArray) items = NULL;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, 0.01f, 0.01f);

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), NULL);

  items = trail_layout_query (self, &rect, kinds);
  for (guint i = items->len; i > 0; i--)
    {
      const TrailLayoutItem *item = items->pdata[i - 1];

      if (graphene_rect_contains_point (&item->bounds, &GRAPHENE_POINT_INIT (x, y)))
        return item;
    }

  return NULL;
}

gboolean
trail_layout_get_drop_target (TrailLayout  *self,
                              float         x,
                              float         y,
                              TrailLane   **lane,
                              TrailStage  **stage,
                              guint        *index)
{
  const TrailLayoutCell *cell;
  guint i;

  g_return_val_if_fail (TRAIL_IS_LAYOUT (self), FALSE);

  cell = (const TrailLayoutCell *) trail_layout_pick (self, x, y, TRAIL_LAYOUT_ITEM_CELL);
  if (cell == NULL || cell->lane->kind == TRAIL_LANE_KIND_EMOTIONS)
    return FALSE;

  for (i = 0; i < cell->cards->len; i++)
    {
      const TrailLayoutCard *c = cell->cards->pdata[i];
      if (y < c->item.bounds.origin.y + c->item.bounds.size.height / 2)
        break;
    }

  if (lane != NULL)
    *lane = cell->lane->item.object;
  if (stage != NULL)
    *stage = cell->stage->item.object;
  if (index != NULL)
    *index = i;

  return TRUE;
}

typedef struct
{
  TrailLayoutOverlayFunc func;
  gpointer               user_data;
  GDestroyNotify         destroy;
} Overlay;

static void
overlay_free (gpointer data)
{
  Overlay *overlay = data;

  if (overlay->destroy != NULL)
    overlay->destroy (overlay->user_data);
  g_free (overlay);
}

/* Kept as object data: few layouts have one, and the layout itself need
 * not know what it draws. */
void
trail_layout_set_overlay (TrailLayout            *self,
                          TrailLayoutOverlayFunc  func,
                          gpointer                user_data,
                          GDestroyNotify          destroy)
{
  Overlay *overlay = NULL;

  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  if (func != NULL)
    {
      overlay = g_new0 (Overlay, 1);
      overlay->func = func;
      overlay->user_data = user_data;
      overlay->destroy = destroy;
    }
  g_object_set_data_full (G_OBJECT (self), "trail-layout-overlay", overlay, overlay_free);
}

void
trail_layout_draw_overlay (TrailLayout           *self,
                           GtkSnapshot           *snapshot,
                           const graphene_rect_t *area)
{
  Overlay *overlay;

  g_return_if_fail (TRAIL_IS_LAYOUT (self));

  overlay = g_object_get_data (G_OBJECT (self), "trail-layout-overlay");
  if (overlay != NULL)
    overlay->func (snapshot, self, area, overlay->user_data);
}

/* trail-svg-writer.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-svg"

#include "config.h"

#include <glib/gi18n.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <string.h>

#include "trail-icons.h"
#include "trail-layout-private.h"
#include "trail-paths.h"
#include "trail-svg-writer.h"

/* The painters draw nodes; this walks the same items and writes the same
 * shapes as SVG elements. Each shape here mirrors one in trail-painter.c:
 * change them together (the render tests compare the two pictures). */

typedef struct
{
  TrailLayout   *layout;
  TrailStyle    *style;
  GString       *out;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
  GHashTable    *ids;       /* XML ids used so far */
  GHashTable    *icons;     /* icon names used, for <defs> */
  TrailSvgFlags  flags;
  GHashTable    *glyphs;    /* "font:glyph" → id of its outline in <defs> */
  GString       *glyph_defs;
  cairo_t       *scratch;   /* for glyph outlines */
  GHashTable    *fonts;     /* "family|weight|style" → EmbeddedFont, with TRAIL_SVG_EMBED_FONTS */
  char           num[16][G_ASCII_DTOSTR_BUF_SIZE];  /* one printf uses at most 16 */
  guint          num_next;
} SvgWriter;

/* A font the text uses and the characters it draws with it. */
typedef struct
{
  PangoFont *font;
  hb_set_t  *unicodes;
} EmbeddedFont;

static void
embedded_font_free (gpointer data)
{
  EmbeddedFont *ef = data;

  g_object_unref (ef->font);
  hb_set_destroy (ef->unicodes);
  g_free (ef);
}

/* ---- Escaping --------------------------------------------------------- */

static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x200E || c == 0x200F || c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

void
trail_svg_append_escaped (GString    *out,
                          const char *text,
                          gssize      len)
{
  const char *p = text;
  const char *end;

  if (text == NULL)
    return;
  end = len < 0 ? text + strlen (text) : text + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;  /* not UTF-8: skip the byte */
          continue;
        }

      switch (c)
        {
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        case '\t':
        case '\n':
        case '\r':
          g_string_append_c (out, ' ');
          break;
        default:
          /* XML 1.0 allows no C0 controls but tab and newlines, and not
           * U+FFFE/U+FFFF; C1 controls are allowed but mean nothing. */
          if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF || is_bidi_control (c))
            break;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
      p = g_utf8_next_char (p);
    }
}

/* ---- Output helpers --------------------------------------------------- */

static const char *
num (SvgWriter *w,
     double     v)
{
  char *buf = w->num[w->num_next++ % G_N_ELEMENTS (w->num)];
  char *dot;

  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", fabs (v) < 0.005 ? 0 : v);
  /* Trim "12.50" to "12.5" and "12.00" to "12": a third smaller file. */
  dot = strchr (buf, '.');
  if (dot != NULL)
    {
      char *e = buf + strlen (buf) - 1;
      while (e > dot && *e == '0')
        *e-- = '\0';
      if (e == dot)
        *e = '\0';
    }

  return buf;
}

static void
color_attr (SvgWriter     *w,
            const char    *name,
            const GdkRGBA *c)
{
  g_string_append_printf (w->out, " %s=\"#%02x%02x%02x\"", name,
                          (int) (CLAMP (c->red, 0, 1) * 255 + .5),
                          (int) (CLAMP (c->green, 0, 1) * 255 + .5),
                          (int) (CLAMP (c->blue, 0, 1) * 255 + .5));
  if (c->alpha < 0.999)
    g_string_append_printf (w->out, " %s-opacity=\"%s\"", name, num (w, c->alpha));
}

static void
flush_out (SvgWriter *w,
           gboolean   force)
{
  if (w->stream == NULL || w->error != NULL || (!force && w->out->len < 64 * 1024))
    return;

  if (!g_output_stream_write_all (w->stream, w->out->str, w->out->len, NULL, w->cancellable, &w->error))
    return;
  g_string_truncate (w->out, 0);
}

/* A unique XML id (an NCName) from a model id: the model's ids are ours,
 * but a hostile file may hold anything. */
static char *
make_id (SvgWriter  *w,
         const char *prefix,
         const char *raw)
{
  GString *id = g_string_new (prefix);
  g_autofree char *base = NULL;
  guint n = 2;

  g_string_append_c (id, '-');
  for (const char *p = raw != NULL ? raw : ""; *p; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' ? *p : '_');

  base = g_strdup (id->str);
  while (g_hash_table_contains (w->ids, id->str))
    {
      g_string_assign (id, base);
      g_string_append_printf (id, "-%u", n++);
    }
  g_hash_table_add (w->ids, g_strdup (id->str));

  return g_string_free (id, FALSE);
}

/* A group with an id and, for Inkscape's Objects panel, the map's own
 * name for it. */
static void
open_labelled_group (SvgWriter  *w,
                     const char *prefix,
                     const char *raw_id,
                     const char *label)
{
  g_autofree char *id = make_id (w, prefix, raw_id);

  g_string_append_printf (w->out, "<g id=\"%s\"", id);
  if (label != NULL && label[0] != '\0')
    {
      g_string_append (w->out, " inkscape:label=\"");
      trail_svg_append_escaped (w->out, label, -1);
      g_string_append (w->out, "\"");
    }
  g_string_append (w->out, ">\n");
}

static void
rect (SvgWriter             *w,
      const graphene_rect_t *r,
      float                  radius,
      const GdkRGBA         *fill)
{
  g_string_append_printf (w->out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
                          num (w, r->origin.x), num (w, r->origin.y),
                          num (w, r->size.width), num (w, r->size.height));
  if (radius > 0)
    g_string_append_printf (w->out, " rx=\"%s\"", num (w, MIN (radius, MIN (r->size.width, r->size.height) / 2)));
  color_attr (w, "fill", fill);
  g_string_append (w->out, "/>\n");
}

/* GSK borders lie inside the outline; an SVG stroke is centred on it. */
static void
outline (SvgWriter             *w,
         const graphene_rect_t *r,
         float                  radius,
         float                  width,
         const GdkRGBA         *color)
{
  graphene_rect_t in;

  graphene_rect_inset_r (r, width / 2, width / 2, &in);
  g_string_append_printf (w->out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
                          num (w, in.origin.x), num (w, in.origin.y),
                          num (w, in.size.width), num (w, in.size.height));
  if (radius > 0)
    g_string_append_printf (w->out, " rx=\"%s\"", num (w, MAX (radius - width / 2, 0)));
  g_string_append (w->out, " fill=\"none\"");
  color_attr (w, "stroke", color);
  g_string_append_printf (w->out, " stroke-width=\"%s\"/>\n", num (w, width));
}

static void
icon (SvgWriter             *w,
      const char            *name,
      const graphene_rect_t *r,
      const GdkRGBA         *color)
{
  if (name == NULL)
    return;

  g_hash_table_add (w->icons, (gpointer) name);
  g_string_append_printf (w->out, "<use xlink:href=\"#icon-%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
                          name, num (w, r->origin.x), num (w, r->origin.y),
                          num (w, r->size.width), num (w, r->size.height));
  color_attr (w, "color", color);
  if (color->alpha < 0.999)
    g_string_append_printf (w->out, " opacity=\"%s\"", num (w, color->alpha));
  g_string_append (w->out, "/>\n");
}

static void
icon_rel (SvgWriter              *w,
          const char             *name,
          const graphene_rect_t  *rel,
          const graphene_point_t *o,
          const GdkRGBA          *color)
{
  graphene_rect_t r = *rel;

  r.origin.x += o->x;
  r.origin.y += o->y;
  icon (w, name, &r, color);
}

static void
sanitize_family (GString    *out,
                 const char *family)
{
  for (const char *p = family; p && *p; p++)
    if (g_ascii_isalnum (*p) || *p == ' ' || *p == '-' || *p == '_')
      g_string_append_c (out, *p);
}

/* The id of @glyph's outline in @font, written to <defs> on first use;
 * NULL for a glyph with no outline (a space, a colour bitmap). */
static const char *
glyph_id (SvgWriter  *w,
          PangoFont  *font,
          PangoGlyph  glyph)
{
  g_autofree char *key = g_strdup_printf ("%p:%u", (gpointer) font, glyph);
  const char *id;
  g_autofree char *d = NULL;
  cairo_glyph_t g = { glyph, 0, 0 };

  if (g_hash_table_lookup_extended (w->glyphs, key, NULL, (gpointer *) &id))
    return id;

  cairo_new_path (w->scratch);
  cairo_set_scaled_font (w->scratch, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)));
  cairo_glyph_path (w->scratch, &g, 1);
  d = trail_path_to_svg (w->scratch);
  cairo_new_path (w->scratch);

  if (d[0] == '\0')
    id = NULL;
  else
    {
      char *new_id = g_strdup_printf ("g%x", g_hash_table_size (w->glyphs));

      g_string_append_printf (w->glyph_defs, "<path id=\"%s\" d=\"%s\"/>\n", new_id, d);
      id = new_id;
    }
  g_hash_table_insert (w->glyphs, g_steal_pointer (&key), (gpointer) id);

  return id;
}

/* Text as outlines: each glyph at the position Pango gave it, as a <use>
 * of its outline, the text itself kept as the group's label for search
 * and assistive technologies. A run with no outlines (colour emoji) stays
 * text. */
static void text_runs (SvgWriter       *w,
                       const TrailText *t,
                       double           x0,
                       double           y0,
                       gboolean         glyphless_only);

static void
text_as_paths (SvgWriter       *w,
               const TrailText *t,
               double           x0,
               double           y0)
{
  PangoLayoutIter *iter;
  const char *str = pango_layout_get_text (t->layout);
  gboolean glyphless = FALSE;

  g_string_append (w->out, "<g aria-label=\"");
  trail_svg_append_escaped (w->out, str, -1);
  g_string_append (w->out, "\"");
  color_attr (w, "fill", &t->color);
  g_string_append (w->out, ">");

  iter = pango_layout_get_iter (t->layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      double x, baseline;

      if (run == NULL)
        continue;

      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = y0 + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      x = x0 + (double) logical.x / PANGO_SCALE;

      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
          const char *id = NULL;

          if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            id = glyph_id (w, run->item->analysis.font, gi->glyph);
          if (id == NULL && gi->glyph != PANGO_GLYPH_EMPTY &&
              !g_unichar_isspace (g_utf8_get_char (str + run->item->offset + run->glyphs->log_clusters[i])))
            glyphless = TRUE;
          if (id != NULL)
            g_string_append_printf (w->out, "<use xlink:href=\"#%s\" x=\"%s\" y=\"%s\"/>", id,
                                    num (w, x + (double) gi->geometry.x_offset / PANGO_SCALE),
                                    num (w, baseline + (double) gi->geometry.y_offset / PANGO_SCALE));
          x += (double) gi->geometry.width / PANGO_SCALE;
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  g_string_append (w->out, "</g>\n");

  if (glyphless)
    text_runs (w, t, x0, y0, TRUE);
}

/* Does @run's font draw with outlines? Colour-bitmap fonts do not. */
static gboolean
run_has_outlines (SvgWriter      *w,
                  PangoLayoutRun *run)
{
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    {
      PangoGlyph glyph = run->glyphs->glyphs[i].glyph;

      if (glyph != PANGO_GLYPH_EMPTY && !(glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
          glyph_id (w, run->item->analysis.font, glyph) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Remembers which characters @font draws, for its subset. */
static void
note_font_use (SvgWriter  *w,
               PangoFont  *font,
               const char *text,
               int         len)
{
  PangoFontDescription *desc = pango_font_describe (font);
  /* One face whatever the size: the family, weight and style <text> names. */
  g_autofree char *key = g_strdup_printf ("%s|%d|%d", pango_font_description_get_family (desc),
                                          (int) pango_font_description_get_weight (desc),
                                          (int) pango_font_description_get_style (desc));
  EmbeddedFont *ef = g_hash_table_lookup (w->fonts, key);

  pango_font_description_free (desc);
  if (ef == NULL)
    {
      ef = g_new0 (EmbeddedFont, 1);
      ef->font = g_object_ref (font);
      ef->unicodes = hb_set_create ();
      g_hash_table_insert (w->fonts, g_steal_pointer (&key), ef);
    }
  for (const char *p = text; p < text + len && *p; p = g_utf8_next_char (p))
    hb_set_add (ef->unicodes, g_utf8_get_char (p));
  /* An ellipsized line draws "…". */
  hb_set_add (ef->unicodes, 0x2026);
}

static int
compare_fonts (gconstpointer a,
               gconstpointer b)
{
  const EmbeddedFont *fa = *(const EmbeddedFont **) a;
  const EmbeddedFont *fb = *(const EmbeddedFont **) b;
  PangoFontDescription *da = pango_font_describe (fa->font);
  PangoFontDescription *db = pango_font_describe (fb->font);
  g_autofree char *sa = pango_font_description_to_string (da);
  g_autofree char *sb = pango_font_description_to_string (db);

  pango_font_description_free (da);
  pango_font_description_free (db);
  return g_strcmp0 (sa, sb);
}

/* Each font's subset as @font-face data, under the family, weight and
 * style the <text> elements name: the SVG then looks the same where the
 * font is not installed. Colour-bitmap fonts (emoji) are left to the
 * system: their bitmaps would weigh megabytes. */
static void
write_font_faces (SvgWriter *w)
{
  g_autoptr(GPtrArray) fonts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gboolean any = FALSE;

  g_hash_table_iter_init (&iter, w->fonts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (fonts, value);

  /* The same map always gives the same file. */
  g_ptr_array_sort (fonts, compare_fonts);

  for (guint i = 0; i < fonts->len; i++)
    {
      EmbeddedFont *ef = fonts->pdata[i];
      hb_face_t *face = hb_font_get_face (pango_font_get_hb_font (ef->font));
      PangoFontDescription *desc;
      hb_subset_input_t *input;
      hb_face_t *subset;
      hb_blob_t *blob;
      const char *data;
      unsigned int len = 0;
      g_autofree char *b64 = NULL;

      if (hb_ot_color_has_png (face) || hb_ot_color_has_layers (face) || hb_ot_color_has_svg (face))
        continue;

      input = hb_subset_input_create_or_fail ();
      if (input == NULL)
        continue;
      hb_set_union (hb_subset_input_unicode_set (input), ef->unicodes);
      /* Hinting means nothing at the sizes a viewer scales to. */
      hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);
      subset = hb_subset_or_fail (face, input);
      hb_subset_input_destroy (input);
      if (subset == NULL)
        continue;
      blob = hb_face_reference_blob (subset);
      data = hb_blob_get_data (blob, &len);
      if (len > 0)
        b64 = g_base64_encode ((const guchar *) data, len);
      hb_blob_destroy (blob);
      hb_face_destroy (subset);
      if (b64 == NULL)
        continue;

      if (!any)
        g_string_append (w->out, "<style type=\"text/css\"><![CDATA[\n");
      any = TRUE;

      desc = pango_font_describe (ef->font);
      g_string_append (w->out, "@font-face { font-family: \"");
      sanitize_family (w->out, pango_font_description_get_family (desc));
      g_string_append_printf (w->out, "\"; font-weight: %d; font-style: %s; src: url(\"data:font/otf;base64,%s\") format(\"opentype\"); }\n",
                              (int) pango_font_description_get_weight (desc),
                              pango_font_description_get_style (desc) != PANGO_STYLE_NORMAL ? "italic" : "normal",
                              b64);
      pango_font_description_free (desc);
    }

  if (any)
    g_string_append (w->out, "]]></style>\n");
}

/* The size Pango asked @font for, in pixels. Not the description's size:
 * fontconfig gives a bitmap font (colour emoji) its strike's size, 109,
 * and scales it down with a matrix, which cairo's font matrix includes. */
static double
font_size (PangoFont                  *font,
           const PangoFontDescription *desc)
{
  cairo_scaled_font_t *scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
  cairo_matrix_t m;

  if (scaled == NULL || cairo_scaled_font_status (scaled) != CAIRO_STATUS_SUCCESS)
    return (double) pango_font_description_get_size (desc) / PANGO_SCALE;

  cairo_scaled_font_get_font_matrix (scaled, &m);
  return sqrt (fabs (m.xx * m.yy - m.xy * m.yx));
}

/* A block of text, one <tspan> per run of one font and one direction, at
 * the exact positions Pango chose, so the SVG wraps where the PNG does. */
static void
text (SvgWriter              *w,
      const TrailText        *t,
      const graphene_point_t *origin)
{
  if (t->layout == NULL)
    return;

  if (w->flags & TRAIL_SVG_TEXT_TO_PATH)
    text_as_paths (w, t, origin->x + t->pos.x, origin->y + t->pos.y);
  else
    text_runs (w, t, origin->x + t->pos.x, origin->y + t->pos.y, FALSE);
}

static void
text_runs (SvgWriter       *w,
           const TrailText *t,
           double           x0,
           double           y0,
           gboolean         glyphless_only)
{
  PangoLayoutIter *iter;
  const char *str;
  gboolean mixed = FALSE;

  str = pango_layout_get_text (t->layout);

  /* Any right-to-left run or bidi control: spell out every run's
   * direction, so the viewer's bidi pass cannot reorder what Pango has
   * already ordered. */
  iter = pango_layout_get_iter (t->layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      if (run != NULL && (run->item->analysis.level % 2) != 0)
        mixed = TRUE;
    }
  while (!mixed && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  for (const char *p = str; !mixed && *p; p = g_utf8_next_char (p))
    if (is_bidi_control (g_utf8_get_char (p)))
      mixed = TRUE;

  /* Mixed lines: one <text> per run. Inkscape runs its bidi pass over a
   * whole <text>, across its tspans, and so moves runs that carry their
   * own direction; a <text> of one run is placed alike by every reader. */
  g_string_append (w->out, mixed ? "<g class=\"text\"" : "<text xml:space=\"preserve\"");
  color_attr (w, "fill", &t->color);
  g_string_append (w->out, ">");

  iter = pango_layout_get_iter (t->layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoFontDescription *desc;
      PangoRectangle logical;
      double baseline;
      gboolean rtl;

      if (run == NULL || (glyphless_only && run_has_outlines (w, run)))
        continue;

      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = y0 + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      rtl = (run->item->analysis.level % 2) != 0;
      desc = pango_font_describe_with_absolute_size (run->item->analysis.font);
      if (w->fonts != NULL)
        note_font_use (w, run->item->analysis.font, str + run->item->offset, run->item->length);

      /* Right-to-left text starts at its right end. */
      g_string_append_printf (w->out, "<%s x=\"%s\" y=\"%s\" font-family=\"",
                              mixed ? "text xml:space=\"preserve\"" : "tspan",
                              num (w, x0 + (double) (rtl ? logical.x + logical.width : logical.x) / PANGO_SCALE),
                              num (w, baseline));
      sanitize_family (w->out, pango_font_description_get_family (desc));
      g_string_append_printf (w->out, ", sans-serif\" font-size=\"%s\" font-weight=\"%d\"",
                              num (w, font_size (run->item->analysis.font, desc)),
                              (int) pango_font_description_get_weight (desc));
      if (pango_font_description_get_style (desc) != PANGO_STYLE_NORMAL)
        g_string_append (w->out, " font-style=\"italic\"");
      if (mixed)
        g_string_append_printf (w->out, " direction=\"%s\" unicode-bidi=\"bidi-override\"", rtl ? "rtl" : "ltr");
      g_string_append (w->out, ">");

      if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
        g_string_append (w->out, "…");
      else
        trail_svg_append_escaped (w->out, str + run->item->offset, run->item->length);
      g_string_append (w->out, mixed ? "</text>" : "</tspan>");

      pango_font_description_free (desc);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  g_string_append (w->out, mixed ? "</g>\n" : "</text>\n");
}

static void
text_abs (SvgWriter       *w,
          const TrailText *t)
{
  text (w, t, graphene_point_zero ());
}

static void
cairo_path (SvgWriter     *w,
            cairo_t       *cr,
            const GdkRGBA *fill,
            const GdkRGBA *stroke,
            float          stroke_width,
            const char    *extra)
{
  g_autofree char *d = trail_path_to_svg (cr);

  if (d[0] == '\0')
    return;

  g_string_append_printf (w->out, "<path d=\"%s\"", d);
  if (fill != NULL)
    color_attr (w, "fill", fill);
  else
    g_string_append (w->out, " fill=\"none\"");
  if (stroke != NULL)
    {
      color_attr (w, "stroke", stroke);
      g_string_append_printf (w->out, " stroke-width=\"%s\"", num (w, stroke_width));
    }
  if (extra != NULL)
    g_string_append_printf (w->out, " %s", extra);
  g_string_append (w->out, "/>\n");
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
circle (SvgWriter     *w,
        double         cx,
        double         cy,
        double         r,
        const GdkRGBA *fill)
{
  g_string_append_printf (w->out, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"", num (w, cx), num (w, cy), num (w, r));
  color_attr (w, "fill", fill);
  g_string_append (w->out, "/>\n");
}

/* ---- Elements --------------------------------------------------------- */

static void
write_header (SvgWriter *w)
{
  const TrailLayoutHeader *h = trail_layout_get_header (w->layout);

  if (h == NULL)
    return;

  g_string_append (w->out, "<g id=\"header\">\n");
  text (w, &h->title, &h->item.bounds.origin);
  text (w, &h->objective, &h->item.bounds.origin);
  text (w, &h->scope, &h->item.bounds.origin);
  g_string_append (w->out, "</g>\n");
}

static void
write_avatar_initials (SvgWriter                *w,
                       const TrailLayoutPersona *p,
                       const graphene_rect_t    *r)
{
  TrailText t = { p->initials_small, GRAPHENE_POINT_INIT (0, 0), { 1, 1, 1, 1 } };
  int tw, th;

  if (p->initials_small == NULL)
    return;
  if (p->color.red * 0.299 + p->color.green * 0.587 + p->color.blue * 0.114 > 0.72)
    t.color = (GdkRGBA) { 0.1f, 0.1f, 0.12f, 1 };
  pango_layout_get_size (p->initials_small, &tw, &th);
  t.pos = GRAPHENE_POINT_INIT (r->origin.x + (r->size.width - (float) tw / PANGO_SCALE) / 2,
                               r->origin.y + (r->size.height - (float) th / PANGO_SCALE) / 2);
  text_abs (w, &t);
}

static void
write_personas (SvgWriter *w,
                gboolean   shown)
{
  GPtrArray *personas = trail_layout_get_personas (w->layout);
  TrailStyle *style = w->style;

  if (!shown || personas->len == 0)
    return;

  g_string_append (w->out, "<g id=\"personas\">\n");
  for (guint i = 0; i < personas->len; i++)
    {
      const TrailLayoutPersona *p = personas->pdata[i];
      const graphene_point_t *o = &p->item.bounds.origin;
      graphene_rect_t shadow = p->item.bounds;
      graphene_rect_t avatar = p->avatar;
      g_autofree char *clip_id = NULL;

      if (p->item.bounds.size.width <= 0)
        continue;

      open_labelled_group (w, "persona", trail_persona_get_id (p->item.object), trail_persona_get_name (p->item.object));
      shadow.origin.y += 2;
      rect (w, &shadow, 14, &style->card_shadow);
      rect (w, &p->item.bounds, 14, &style->persona_face);
      {
        /* The colour band on the left edge, inside the rounded corner. */
        double r = 14, a = 6, dy = r - sqrt (r * r - (r - a) * (r - a));
        double x = o->x, y = o->y, h = p->item.bounds.size.height;

        g_string_append_printf (w->out, "<path d=\"M%s %s A%s %s 0 0 0 %s %s V%s A%s %s 0 0 0 %s %s Z\"",
                                num (w, x + a), num (w, y + dy), num (w, r), num (w, r), num (w, x), num (w, y + r),
                                num (w, y + h - r), num (w, r), num (w, r), num (w, x + a), num (w, y + h - dy));
        color_attr (w, "fill", &p->color);
        g_string_append (w->out, "/>\n");
      }
      outline (w, &p->item.bounds, 14, style->border_width, &style->persona_edge);

      avatar.origin.x += o->x;
      avatar.origin.y += o->y;
      if (p->photo != NULL)
        {
          g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (p->photo);
          g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
          float tw = gdk_texture_get_width (p->photo);
          float th = gdk_texture_get_height (p->photo);
          float scale = MAX (avatar.size.width / tw, avatar.size.height / th);

          /* The photo is re-encoded as PNG: whatever the file held, only
           * pixels reach the SVG. */
          clip_id = make_id (w, "clip-persona", trail_persona_get_id (p->item.object));
          g_string_append_printf (w->out, "<clipPath id=\"%s\"><circle cx=\"%s\" cy=\"%s\" r=\"%s\"/></clipPath>\n",
                                  clip_id, num (w, avatar.origin.x + avatar.size.width / 2),
                                  num (w, avatar.origin.y + avatar.size.height / 2), num (w, avatar.size.width / 2));
          g_string_append_printf (w->out, "<image clip-path=\"url(#%s)\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                                  "preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,%s\"/>\n",
                                  clip_id,
                                  num (w, avatar.origin.x + (avatar.size.width - tw * scale) / 2),
                                  num (w, avatar.origin.y + (avatar.size.height - th * scale) / 2),
                                  num (w, tw * scale), num (w, th * scale), b64);
        }
      else
        {
          circle (w, avatar.origin.x + avatar.size.width / 2, avatar.origin.y + avatar.size.height / 2,
                  avatar.size.width / 2, &p->color);
          text (w, &p->initials, o);
        }

      text (w, &p->name, o);
      text (w, &p->role, o);
      text (w, &p->quote, o);
      text (w, &p->details, o);
      g_string_append (w->out, "</g>\n");
      flush_out (w, FALSE);
    }
  g_string_append (w->out, "</g>\n");
}

/* A metric card's value, note and trend, as the painter draws them. */
static void
write_metric (SvgWriter              *w,
              const TrailLayoutCard  *c,
              const graphene_point_t *o)
{
  cairo_t *cr;

  text (w, &c->metric_value, o);
  text (w, &c->metric_note, o);
  if (c->trend == NULL)
    return;

  cr = trail_path_scratch ();
  if (trail_path_metric_target (cr, c, o))
    {
      g_autofree char *dash = g_strdup_printf ("stroke-dasharray=\"%g %g\"",
                                               TRAIL_METRIC_TARGET_DASH, TRAIL_METRIC_TARGET_DASH);
      cairo_path (w, cr, NULL, &w->style->text_muted, 1, dash);
    }
  trail_path_metric_trend (cr, c, o);
  cairo_path (w, cr, NULL, &c->colors.accent, TRAIL_METRIC_TREND_WIDTH,
              "stroke-linecap=\"round\" stroke-linejoin=\"round\"");
  {
    const graphene_point_t *last = &g_array_index (c->trend, graphene_point_t, c->trend->len - 1);
    circle (w, o->x + last->x, o->y + last->y, TRAIL_METRIC_DOT_RADIUS, &c->colors.accent);
  }
  cairo_destroy (cr);
}

static void
write_card (SvgWriter             *w,
            const TrailLayoutCard *c)
{
  TrailStyle *style = w->style;
  const graphene_rect_t *b = &c->item.bounds;
  const graphene_point_t *o = &b->origin;
  float radius = style->card_radius;

  {
    /* Labelled by the first words of its text, as a list would show it. */
    const char *card_text = trail_card_get_text (c->item.object);
    g_autofree char *label = NULL;

    if (card_text != NULL && g_utf8_strlen (card_text, -1) > 40)
      {
        g_autofree char *head = g_utf8_substring (card_text, 0, 39);
        label = g_strconcat (head, "…", NULL);
      }
    else
      label = g_strdup (card_text);
    open_labelled_group (w, "card", trail_card_get_id (c->item.object), label);
  }

  if (style->card_shadow.alpha > 0)
    {
      graphene_rect_t shadow = *b;
      shadow.origin.y += 1.5f;
      rect (w, &shadow, radius, &style->card_shadow);
    }
  rect (w, b, radius, &c->colors.face);
  {
    double r = radius, a = style->card_accent_width, dy = r - sqrt (r * r - (r - a) * (r - a));
    double h = b->size.height;

    g_string_append_printf (w->out, "<path d=\"M%s %s A%s %s 0 0 0 %s %s V%s A%s %s 0 0 0 %s %s Z\"",
                            num (w, o->x + a), num (w, o->y + dy), num (w, r), num (w, r), num (w, o->x), num (w, o->y + r),
                            num (w, o->y + h - r), num (w, r), num (w, r), num (w, o->x + a), num (w, o->y + h - dy));
    color_attr (w, "fill", &c->colors.accent);
    g_string_append (w->out, "/>\n");
  }
  outline (w, b, radius, style->border_width, &c->colors.edge);

  if (c->icon != NULL)
    icon_rel (w, c->icon, &c->icon_rect, o, &c->colors.accent);
  text (w, &c->meta, o);
  text (w, &c->text, o);
  write_metric (w, c, o);

  for (guint i = 0; i < c->avatars->len; i++)
    {
      const TrailCardAvatar *a = &g_array_index (c->avatars, TrailCardAvatar, i);
      graphene_rect_t r = a->rect;

      r.origin.x += o->x;
      r.origin.y += o->y;
      circle (w, r.origin.x + r.size.width / 2, r.origin.y + r.size.height / 2, r.size.width / 2, &a->persona->color);
      write_avatar_initials (w, a->persona, &r);
    }
  text (w, &c->more_personas, o);

  if (c->votes.layout != NULL)
    {
      if (c->heat > 0)
        {
          GdkRGBA heat = trail_style_get_heat_color (style, c->heat);
          graphene_rect_t pill = c->heat_rect;

          pill.origin.x += o->x;
          pill.origin.y += o->y;
          rect (w, &pill, pill.size.height / 2, &heat);
        }
      icon_rel (w, TRAIL_ICON_VOTES, &c->votes_icon, o,
                c->heat > 0 ? &c->votes.color : &style->text_muted);
      text (w, &c->votes, o);
    }
  if (c->evidence_icon != NULL)
    icon_rel (w, c->evidence_icon, &c->evidence_rect, o, &c->evidence_color);

  if (c->priority == TRAIL_PRIORITY_HIGH)
    {
      GdkRGBA flag = trail_style_get_lane_color (style, TRAIL_LANE_KIND_PAIN_POINTS);
      double right = o->x + b->size.width;

      g_string_append_printf (w->out, "<path d=\"M%s %s H%s A%s %s 0 0 1 %s %s V%s Z\"",
                              num (w, right - 18), num (w, o->y), num (w, right - radius),
                              num (w, radius), num (w, radius), num (w, right), num (w, o->y + radius),
                              num (w, o->y + 18));
      color_attr (w, "fill", &flag);
      g_string_append (w->out, "/>\n");
    }

  g_string_append (w->out, "</g>\n");
}

/* A survey's measured emotion: the band, the dashed line and a diamond
 * per stage, under the hand-drawn lines, as the painter draws them; the
 * crowd's band there too, its line and round marks over them (@over). */
static void
write_measured (SvgWriter                 *w,
                const TrailLayoutEmotions *e,
                cairo_t                   *cr,
                const GdkRGBA             *ring,
                gboolean                   over)
{
  for (guint i = 0; i < e->measured->len; i++)
    {
      const TrailMeasuredCurve *m = e->measured->pdata[i];
      g_autofree char *raw = NULL;
      g_autofree char *id = NULL;
      g_autofree char *dash_attr = NULL;
      GdkRGBA band = with_alpha (&m->color, 0.16f);
      double width, dash, gap, radius;

      if (over && !m->crowd)
        continue;

      if (m->crowd)
        raw = g_strdup (over ? "line" : "band");
      else if (m->persona != NULL)
        raw = g_strconcat (trail_survey_get_id (m->survey), "-", trail_persona_get_id (m->persona), NULL);
      else
        raw = g_strdup (trail_survey_get_id (m->survey));
      id = make_id (w, m->crowd ? "crowd" : "measured", raw);

      g_string_append_printf (w->out, "<g id=\"%s\" class=\"%s\">\n", id, m->crowd ? "crowd" : "measured");
      if (m->band && !over)
        {
          trail_path_measured_band (cr, m, TRAIL_MEASURED_BAND_HALF_WIDTH);
          cairo_path (w, cr, &band, NULL, 0, NULL);
        }
      if (!m->crowd || over)
        {
          trail_measured_stroke (m, &width, &dash, &gap, &radius);
          dash_attr = g_strdup_printf ("stroke-dasharray=\"%g %g\"", dash, gap);
          trail_path_measured_line (cr, m);
          cairo_path (w, cr, NULL, &m->color, width, dash_attr);
          trail_path_measured_marks (cr, m, radius + 2);
          cairo_path (w, cr, ring, NULL, 0, NULL);
          trail_path_measured_marks (cr, m, radius);
          cairo_path (w, cr, &m->color, NULL, 0, NULL);
        }
      g_string_append (w->out, "</g>\n");
    }
}

/* Their "n = …", over everything, as on screen; the crowd's on pills. */
static void
write_measured_labels (SvgWriter                 *w,
                       const TrailLayoutEmotions *e,
                       const GdkRGBA             *ring)
{
  GdkRGBA face = with_alpha (ring, 0.92f);

  for (guint i = 0; i < e->measured->len; i++)
    {
      const TrailMeasuredCurve *m = e->measured->pdata[i];

      for (guint j = 0; j < m->labels->len; j++)
        {
          if (m->crowd)
            {
              graphene_rect_t pill;
              float radius;

              trail_text_pill (m->labels->pdata[j], &pill, &radius);
              rect (w, &pill, radius, &face);
            }
          text_abs (w, m->labels->pdata[j]);
        }
    }
}

static void
write_emotions (SvgWriter                 *w,
                const TrailLayoutEmotions *e)
{
  TrailStyle *style = w->style;
  const graphene_rect_t *plot = &e->plot;
  float neutral_y = trail_layout_emotion_y_for_score (&e->item, e->neutral);
  GdkRGBA ring = e->lane->index % 2 ? style->row_band_alt : style->row_band;
  cairo_t *cr = trail_path_scratch ();

  g_string_append (w->out, "<g class=\"emotions\">\n");
  rect (w, &GRAPHENE_RECT_INIT (plot->origin.x, plot->origin.y, plot->size.width - 1, neutral_y - plot->origin.y),
        0, &style->emotion_positive);
  rect (w, &GRAPHENE_RECT_INIT (plot->origin.x, neutral_y, plot->size.width - 1, plot->origin.y + plot->size.height - neutral_y),
        0, &style->emotion_negative);
  for (guint i = 0; i < e->scale_y->len; i++)
    {
      float y = g_array_index (e->scale_y, float, i);

      if (fabsf (y - neutral_y) < 0.5f)
        continue;
      rect (w, &GRAPHENE_RECT_INIT (plot->origin.x, y - 0.5f, plot->size.width - 1, 1), 0, &style->grid_line);
    }

  g_string_append_printf (w->out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 5\"",
                          num (w, plot->origin.x), num (w, neutral_y),
                          num (w, plot->origin.x + plot->size.width), num (w, neutral_y));
  color_attr (w, "stroke", &style->neutral_line);
  g_string_append (w->out, "/>\n");

  write_measured (w, e, cr, &ring, FALSE);

  if (e->curves->len == 1)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[0];
      GdkRGBA fill = with_alpha (&curve->color, 0.12f);

      trail_path_curve_area (cr, (graphene_point_t *) curve->points->data, curve->points->len, neutral_y);
      cairo_path (w, cr, &fill, NULL, 0, NULL);
    }

  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];
      g_autofree char *id = make_id (w, "emotion-line", trail_emotion_line_get_id (curve->line));

      g_string_append_printf (w->out, "<g id=\"%s\">\n", id);
      trail_path_curve (cr, (graphene_point_t *) curve->points->data, curve->points->len);
      cairo_path (w, cr, NULL, &ring, style->emotion_line_width + 3,
                  "stroke-linecap=\"round\" stroke-linejoin=\"round\"");
      cairo_path (w, cr, NULL, &curve->color, style->emotion_line_width,
                  "stroke-linecap=\"round\" stroke-linejoin=\"round\"");
      g_string_append (w->out, "</g>\n");
    }

  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];

      for (guint j = 0; j < curve->points->len; j++)
        {
          const graphene_point_t *pt = &g_array_index (curve->points, graphene_point_t, j);
          gboolean extreme = (int) j == curve->high || (int) j == curve->low;
          double r = extreme ? style->emotion_point_radius + 1.5 : style->emotion_point_radius;

          if (extreme)
            {
              GdkRGBA halo = with_alpha (&curve->color, 0.22f);
              circle (w, pt->x, pt->y, style->emotion_point_radius + 7, &halo);
            }
          circle (w, pt->x, pt->y, r + 2, &ring);
          circle (w, pt->x, pt->y, r, &curve->color);
        }
    }
  write_measured (w, e, cr, &ring, TRUE);

  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];

      for (guint j = 0; j < curve->notes->len; j++)
        text_abs (w, curve->notes->pdata[j]);
    }
  write_measured_labels (w, e, &ring);
  g_string_append (w->out, "</g>\n");
  cairo_destroy (cr);
}

static void
write_lanes (SvgWriter *w)
{
  TrailStyle *style = w->style;
  GPtrArray *lanes = trail_layout_get_lanes (w->layout);
  graphene_rect_t grid;

  if (!trail_layout_get_grid_rect (w->layout, &grid))
    return;

  g_string_append_printf (w->out, "<clipPath id=\"grid-clip\"><rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\"/></clipPath>\n",
                          num (w, grid.origin.x), num (w, grid.origin.y), num (w, grid.size.width),
                          num (w, grid.size.height), num (w, TRAIL_GRID_RADIUS));
  g_string_append (w->out, "<g id=\"lanes\">\n");

  for (guint i = 0; i < lanes->len; i++)
    {
      const TrailLayoutLane *l = lanes->pdata[i];
      const graphene_rect_t *b = &l->item.bounds;
      graphene_rect_t ic = l->icon;
      graphene_rect_t glyph;
      GdkRGBA icon_face = with_alpha (&l->accent, style->variant == TRAIL_STYLE_DARK ? 0.22f : 0.13f);

      open_labelled_group (w, "lane", trail_lane_get_id (l->item.object), trail_lane_get_title (l->item.object));

      /* The row's backgrounds, clipped to the grid's rounded frame. */
      g_string_append (w->out, "<g clip-path=\"url(#grid-clip)\">\n");
      rect (w, b, 0, &style->lane_header);
      rect (w, &GRAPHENE_RECT_INIT (b->origin.x + b->size.width - 1, b->origin.y, 1, b->size.height), 0, &style->grid_line);
      rect (w, &GRAPHENE_RECT_INIT (b->origin.x, b->origin.y + b->size.height - 1, b->size.width, 1), 0, &style->grid_line);
      for (guint j = 0; j < l->cells->len; j++)
        {
          const TrailLayoutCell *cell = l->cells->pdata[j];
          const graphene_rect_t *cb = &cell->item.bounds;

          rect (w, cb, 0, l->index % 2 ? &style->row_band_alt : &style->row_band);
          if (!cell->stage->last)
            rect (w, &GRAPHENE_RECT_INIT (cb->origin.x + cb->size.width - 1, cb->origin.y, 1, cb->size.height), 0, &style->grid_line);
          rect (w, &GRAPHENE_RECT_INIT (cb->origin.x, cb->origin.y + cb->size.height - 1, cb->size.width, 1), 0, &style->grid_line);
        }
      g_string_append (w->out, "</g>\n");

      ic.origin.x += b->origin.x;
      ic.origin.y += b->origin.y;
      rect (w, &ic, 10, style->variant == TRAIL_STYLE_HIGH_CONTRAST ? &l->accent : &icon_face);
      graphene_rect_inset_r (&ic, 8, 8, &glyph);
      icon (w, trail_icon_for_lane_kind (l->kind), &glyph,
            style->variant == TRAIL_STYLE_HIGH_CONTRAST ? &style->page : &l->accent);
      text (w, &l->kind_label, &b->origin);
      text (w, &l->title, &b->origin);

      if (l->emotions != NULL)
        {
          for (guint j = 0; j < l->emotions->scale_labels->len; j++)
            text_abs (w, l->emotions->scale_labels->pdata[j]);
          for (guint j = 0; j < l->emotions->scale_y->len; j++)
            rect (w, &GRAPHENE_RECT_INIT (b->origin.x + b->size.width - 8,
                                          g_array_index (l->emotions->scale_y, float, j) - 0.5f, 7, 1),
                  0, &style->neutral_line);
          write_emotions (w, l->emotions);
        }

      g_string_append (w->out, "</g>\n");
      flush_out (w, FALSE);
    }

  g_string_append (w->out, "</g>\n");
  outline (w, &grid, TRAIL_GRID_RADIUS, style->border_width, &style->grid_line);

}

/* One group per stage holding its header and its cards, the cards grouped
 * by lane: selecting or exporting a stage by id (inkscape --export-id)
 * gives the whole column. Drawn after the rows, so cards lie above the
 * grid's frame as on the canvas; chevrons overlap nothing. */
static void
write_stages (SvgWriter *w)
{
  GPtrArray *stages = trail_layout_get_stages (w->layout);
  GPtrArray *lanes = trail_layout_get_lanes (w->layout);
  cairo_t *cr;

  if (stages->len == 0)
    return;

  cr = trail_path_scratch ();
  g_string_append (w->out, "<g id=\"stages\">\n");
  for (guint i = 0; i < stages->len; i++)
    {
      const TrailLayoutStage *s = stages->pdata[i];
      const char *stage_id = trail_stage_get_id (s->item.object);

      open_labelled_group (w, "stage", stage_id, trail_stage_get_name (s->item.object));
      trail_path_stage (cr, s, w->style->stage_chevron);
      cairo_path (w, cr, &s->face, NULL, 0, NULL);
      text (w, &s->number, &s->item.bounds.origin);
      text (w, &s->name, &s->item.bounds.origin);
      text (w, &s->description, &s->item.bounds.origin);

      for (guint j = 0; j < lanes->len; j++)
        {
          const TrailLayoutLane *l = lanes->pdata[j];

          for (guint k = 0; k < l->cells->len; k++)
            {
              const TrailLayoutCell *cell = l->cells->pdata[k];
              g_autofree char *raw = NULL;

              if (cell->stage != s || cell->cards->len == 0)
                continue;

              raw = g_strconcat (stage_id, "-lane-", trail_lane_get_id (l->item.object), NULL);
              open_labelled_group (w, "cards", raw, trail_lane_get_title (l->item.object));
              for (guint c = 0; c < cell->cards->len; c++)
                write_card (w, cell->cards->pdata[c]);
              g_string_append (w->out, "</g>\n");
              flush_out (w, FALSE);
            }
        }
      g_string_append (w->out, "</g>\n");
    }
  g_string_append (w->out, "</g>\n");
  cairo_destroy (cr);
}

static void
write_legend (SvgWriter *w)
{
  const TrailLayoutLegend *legend = trail_layout_get_legend (w->layout);
  TrailStyle *style = w->style;

  if (legend == NULL)
    return;

  g_string_append (w->out, "<g id=\"legend\">\n");
  for (guint i = 0; i < legend->headings->len; i++)
    text_abs (w, legend->headings->pdata[i]);

  for (guint i = 0; i < legend->entries->len; i++)
    {
      const TrailLegendEntry *entry = &g_array_index (legend->entries, TrailLegendEntry, i);
      const graphene_rect_t *sw = &entry->swatch;

      switch (entry->kind)
        {
        case TRAIL_LEGEND_SWATCH_LINE:
          rect (w, &GRAPHENE_RECT_INIT (sw->origin.x, sw->origin.y + sw->size.height / 2 - 2, sw->size.width, 4),
                2, &entry->color);
          circle (w, sw->origin.x + sw->size.width / 2, sw->origin.y + 6, 6, &entry->color);
          break;

        case TRAIL_LEGEND_SWATCH_CARD:
          {
            TrailCardColors colors;
            double r = 5, a = 4, dy = r - sqrt (r * r - (r - a) * (r - a));
            double x = sw->origin.x, y = sw->origin.y, h = sw->size.height;

            trail_style_get_card_colors (style, TRAIL_LANE_KIND_CUSTOM, NULL, &colors);
            rect (w, sw, 5, &entry->face);
            g_string_append_printf (w->out, "<path d=\"M%s %s A%s %s 0 0 0 %s %s V%s A%s %s 0 0 0 %s %s Z\"",
                                    num (w, x + a), num (w, y + dy), num (w, r), num (w, r), num (w, x), num (w, y + r),
                                    num (w, y + h - r), num (w, r), num (w, r), num (w, x + a), num (w, y + h - dy));
            color_attr (w, "fill", &entry->color);
            g_string_append (w->out, "/>\n");
            outline (w, sw, 5, style->border_width, &colors.edge);
            if (entry->icon != NULL)
              icon (w, entry->icon, &GRAPHENE_RECT_INIT (sw->origin.x + 7, sw->origin.y + (sw->size.height - 13) / 2, 13, 13),
                    &entry->color);
          }
          break;

        case TRAIL_LEGEND_SWATCH_ICON:
        default:
          icon (w, entry->icon, sw, &entry->color);
          break;
        }
      text_abs (w, &entry->label);
    }
  g_string_append (w->out, "</g>\n");
}

static void
write_defs (SvgWriter *w)
{
  GList *names = g_hash_table_get_keys (w->icons);

  /* Sorted, so the same map always gives the same file. */
  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  g_string_append (w->out, "<defs>\n");
  if (w->fonts != NULL)
    write_font_faces (w);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const char *body = trail_icon_get_svg_body (name);

      g_string_append_printf (w->out, "<symbol id=\"icon-%s\" viewBox=\"0 0 16 16\">%s</symbol>\n",
                              name, body != NULL ? body : "");
    }
  g_string_append_len (w->out, w->glyph_defs->str, w->glyph_defs->len);
  g_string_append (w->out, "</defs>\n");
  g_list_free (names);
}

gboolean
trail_svg_write (TrailLayout    *layout,
                 TrailSvgFlags   flags,
                 const GdkRGBA  *background,
                 GOutputStream  *stream,
                 GCancellable   *cancellable,
                 GError        **error)
{
  SvgWriter w = { 0, };
  g_autoptr(GString) body = NULL;
  TrailDocument *document = trail_layout_get_document (layout);
  const char *title = trail_document_get_title (document);
  const char *objective = trail_document_get_objective (document);
  GPtrArray *personas = trail_layout_get_personas (layout);
  gboolean personas_shown = personas->len > 0 &&
                            ((TrailLayoutPersona *) personas->pdata[0])->item.bounds.size.width > 0;
  float width = trail_layout_get_width (layout);
  float height = trail_layout_get_height (layout);

  g_return_val_if_fail (TRAIL_IS_LAYOUT (layout), FALSE);

  w.layout = layout;
  w.style = trail_layout_get_style (layout);
  w.stream = stream;
  w.cancellable = cancellable;
  w.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.icons = g_hash_table_new (g_str_hash, g_str_equal);
  w.flags = flags;
  w.glyphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.glyph_defs = g_string_new (NULL);
  w.scratch = trail_path_scratch ();
  if ((flags & TRAIL_SVG_EMBED_FONTS) && !(flags & TRAIL_SVG_TEXT_TO_PATH))
    w.fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, embedded_font_free);

  /* The body first, into memory, to learn which icons it uses; the head
   * with its <defs> is then written before it. */
  w.out = g_string_new (NULL);
  body = g_string_new (NULL);

  g_string_append_printf (w.out,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                          "xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" "
                          "version=\"1.1\" width=\"%spx\" height=\"%spx\" viewBox=\"0 0 %s %s\">\n",
                          num (&w, width), num (&w, height), num (&w, width), num (&w, height));
  g_string_append (w.out, "<title>");
  trail_svg_append_escaped (w.out, title, -1);
  g_string_append (w.out, "</title>\n");
  if (objective != NULL && objective[0] != '\0')
    {
      g_string_append (w.out, "<desc>");
      trail_svg_append_escaped (w.out, objective, -1);
      g_string_append (w.out, "</desc>\n");
    }

  /* Swap in the body buffer; it is flushed to the stream only after the
   * head, so flush_out stays off until then. */
  {
    GString *head = w.out;

    w.out = body;
    w.stream = NULL;
    if (!(flags & TRAIL_SVG_TRANSPARENT))
      rect (&w, &GRAPHENE_RECT_INIT (0, 0, width, height), 0, background != NULL ? background : &w.style->page);
    write_header (&w);
    write_personas (&w, personas_shown);
    write_lanes (&w);
    write_stages (&w);
    write_legend (&w);
    g_string_append (w.out, "</svg>\n");

    w.out = head;
    w.stream = stream;
    write_defs (&w);
  }

  if (g_output_stream_write_all (stream, w.out->str, w.out->len, NULL, cancellable, &w.error))
    g_output_stream_write_all (stream, body->str, body->len, NULL, cancellable, &w.error);

  g_string_free (w.out, TRUE);
  g_hash_table_unref (w.ids);
  g_hash_table_unref (w.icons);
  g_hash_table_unref (w.glyphs);
  g_string_free (w.glyph_defs, TRUE);
  cairo_destroy (w.scratch);
  g_clear_pointer (&w.fonts, g_hash_table_unref);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return FALSE;
    }

  return TRUE;
}

/* trail-actions-page.c — a map's actions as a printed table
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table a PDF export ends with: what the team does about the map,
 * readable on paper. Columns wrap their text; a row that does not fit
 * the rest of a page starts the next one, under the header row again.
 */
#define G_LOG_DOMAIN "trail-actions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "trail-actions-page.h"

#define MARGIN       40.0
#define CELL_PAD     4.0
#define TEXT_PT      9.0
#define HEADING_PT   16.0
#define RULE         0.6

enum
{
  COL_TITLE,
  COL_STATUS,
  COL_OWNER,
  COL_DUE,
  COL_CARDS,
  COL_KPI,
  N_COLS
};

/* Shares of the table's width: titles, cards and KPIs carry sentences. */
static const double col_share[N_COLS] = { 0.21, 0.10, 0.11, 0.11, 0.25, 0.22 };

typedef struct
{
  cairo_t              *cr;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  double                page_w;
  double                page_h;
  double                y;
  guint                 pages;
} Sheet;

static char *
dup_cards_text (TrailDocument *document,
                TrailAction   *action)
{
  const char * const *cards = trail_action_get_cards (action);
  GString *text = g_string_new (NULL);

  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    {
      TrailCard *card = trail_document_find_card (document, cards[i]);

      if (card == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, trail_card_get_text (card));
    }
  return g_string_free (text, FALSE);
}

static char *
dup_kpi_text (TrailDocument *document,
              TrailAction   *action)
{
  const char *kpi = trail_action_get_kpi (action);
  const char *target = trail_action_get_kpi_target (action);
  const char *metric_id = trail_action_get_metric (action);
  TrailCard *metric = metric_id != NULL ? trail_document_find_card (document, metric_id) : NULL;
  GString *text = g_string_new (kpi != NULL ? kpi : "");

  if (target != NULL && target[0] != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: an action's KPI target on the PDF's Actions page */
      g_string_append_printf (text, _("Target: %s"), target);
    }
  if (metric != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: the metric card that measures an action, on the PDF's Actions page */
      g_string_append_printf (text, _("Metric: %s"), trail_card_get_text (metric));
    }
  return g_string_free (text, FALSE);
}

static PangoLayout *
new_cell (Sheet      *sheet,
          const char *text,
          double      width,
          gboolean    header)
{
  PangoLayout *layout = pango_cairo_create_layout (sheet->cr);
  /* A cell never outgrows a page: the rest of a very long text is cut
   * with an ellipsis. */
  double max_h = sheet->page_h - 2 * MARGIN - 4 * (TEXT_PT * 1.6 + 2 * CELL_PAD);

  pango_layout_set_font_description (layout, header ? sheet->bold : sheet->font);
  pango_layout_set_width (layout, (int) ((width - 2 * CELL_PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, (int) (max_h * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
col_x (Sheet *sheet,
       int    col)
{
  double x = MARGIN;

  for (int i = 0; i < col; i++)
    x += col_share[i] * (sheet->page_w - 2 * MARGIN);
  return x;
}

static double
col_width (Sheet *sheet,
           int    col)
{
  return col_share[col] * (sheet->page_w - 2 * MARGIN);
}

/* Lays out one row, returns its height; draws it at the sheet's y when
 * @draw. */
static double
row (Sheet       *sheet,
     const char **texts,
     gboolean     header,
     gboolean     banded,
     gboolean     draw)
{
  PangoLayout *cells[N_COLS];
  double height = 0;

  for (int c = 0; c < N_COLS; c++)
    {
      int w, h;

      cells[c] = new_cell (sheet, texts[c], col_width (sheet, c), header);
      pango_layout_get_size (cells[c], &w, &h);
      height = MAX (height, (double) h / PANGO_SCALE);
    }
  height += 2 * CELL_PAD;

  if (draw)
    {
      cairo_t *cr = sheet->cr;

      if (header || banded)
        {
          cairo_set_source_rgb (cr, header ? 0.88 : 0.95, header ? 0.89 : 0.95, header ? 0.91 : 0.96);
          cairo_rectangle (cr, MARGIN, sheet->y, sheet->page_w - 2 * MARGIN, height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.11, 0.12, 0.14);
      for (int c = 0; c < N_COLS; c++)
        {
          cairo_move_to (cr, col_x (sheet, c) + CELL_PAD, sheet->y + CELL_PAD);
          pango_cairo_show_layout (cr, cells[c]);
        }
      cairo_set_source_rgb (cr, 0.7, 0.72, 0.76);
      cairo_set_line_width (cr, RULE);
      cairo_move_to (cr, MARGIN, sheet->y + height);
      cairo_line_to (cr, sheet->page_w - MARGIN, sheet->y + height);
      cairo_stroke (cr);
    }

  for (int c = 0; c < N_COLS; c++)
    g_object_unref (cells[c]);
  return height;
}

static void
start_page (Sheet         *sheet,
            TrailDocument *document)
{
  const char *title = trail_document_get_title (document);
  g_autofree char *heading = NULL;
  const char *header[N_COLS] = {
    _("Action"), _("Status"), _("Owner"), _("Due"), _("Cards"), _("KPI and Target"),
  };
  PangoLayout *layout = pango_cairo_create_layout (sheet->cr);
  PangoFontDescription *font = pango_font_description_copy (sheet->bold);
  int h;

  if (title != NULL && title[0] != '\0')
    /* Translators: the heading of the PDF's Actions page; %s is the map's title */
    heading = g_strdup_printf (sheet->pages == 0 ? _("Actions — %s") : _("Actions — %s (continued)"), title);
  else
    heading = g_strdup (sheet->pages == 0 ? _("Actions") : _("Actions (continued)"));

  pango_font_description_set_size (font, (int) (HEADING_PT * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((sheet->page_w - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, heading, -1);
  cairo_set_source_rgb (sheet->cr, 0.11, 0.12, 0.14);
  cairo_move_to (sheet->cr, MARGIN, MARGIN);
  pango_cairo_show_layout (sheet->cr, layout);
  pango_layout_get_size (layout, NULL, &h);
  g_object_unref (layout);
  pango_font_description_free (font);

  sheet->y = MARGIN + (double) h / PANGO_SCALE + 12;
  sheet->y += row (sheet, header, TRUE, FALSE, TRUE);
}

guint
trail_actions_page_draw (TrailDocument   *document,
                         cairo_surface_t *surface,
                         double           page_w,
                         double           page_h,
                         const char      *font_family)
{
  GListModel *actions;
  guint n;
  Sheet sheet = { 0 };

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (surface != NULL, 0);

  actions = trail_document_get_actions (document);
  n = g_list_model_get_n_items (actions);
  if (n == 0)
    return 0;

  sheet.cr = cairo_create (surface);
  sheet.page_w = page_w;
  sheet.page_h = page_h;
  sheet.font = pango_font_description_new ();
  pango_font_description_set_family (sheet.font, font_family != NULL ? font_family : "Sans");
  pango_font_description_set_size (sheet.font, (int) (TEXT_PT * PANGO_SCALE));
  sheet.bold = pango_font_description_copy (sheet.font);
  pango_font_description_set_weight (sheet.bold, PANGO_WEIGHT_BOLD);

  start_page (&sheet, document);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (actions, i);
      g_autofree char *cards = dup_cards_text (document, action);
      g_autofree char *kpi = dup_kpi_text (document, action);
      const char *texts[N_COLS] = {
        trail_action_get_title (action),
        trail_action_status_get_label (trail_action_get_status (action)),
        trail_action_get_owner (action),
        trail_action_get_due (action),
        cards,
        kpi,
      };
      double height = row (&sheet, texts, FALSE, FALSE, FALSE);

      if (sheet.y + height > page_h - MARGIN)
        {
          cairo_show_page (sheet.cr);
          sheet.pages++;
          start_page (&sheet, document);
        }
      row (&sheet, texts, FALSE, i % 2 == 1, TRUE);
      sheet.y += height;
    }
  cairo_show_page (sheet.cr);
  sheet.pages++;

  pango_font_description_free (sheet.font);
  pango_font_description_free (sheet.bold);
  cairo_destroy (sheet.cr);
  return sheet.pages;
}

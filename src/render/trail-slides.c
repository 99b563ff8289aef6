/* trail-slides.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-slides"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-slides.h"

#define DEFAULT_SLIDE_WIDTH  1920
#define DEFAULT_SLIDE_HEIGHT 1080

void
trail_slide_free (TrailSlide *slide)
{
  if (slide == NULL)
    return;
  g_strfreev (slide->stage_ids);
  g_strfreev (slide->lane_ids);
  g_free (slide);
}

void
trail_slide_get_options (const TrailSlide         *slide,
                         const TrailExportOptions *options,
                         TrailExportOptions       *slide_options)
{
  *slide_options = *options;
  slide_options->stages = g_strdupv (slide->stage_ids);
  slide_options->lanes = g_strdupv (slide->lane_ids);
  slide_options->personas = g_strdupv (options->personas);
  /* The deck is the title; each slide shows its columns and rows. */
  slide_options->omit |= TRAIL_EXPORT_OMIT_HEADER | TRAIL_EXPORT_OMIT_PERSONAS | TRAIL_EXPORT_OMIT_LEGEND;
  slide_options->width = slide_options->height = 0;
  slide_options->paper = TRAIL_PAPER_NONE;
  if (slide_options->fit_width <= 0 || slide_options->fit_height <= 0)
    {
      slide_options->fit_width = DEFAULT_SLIDE_WIDTH;
      slide_options->fit_height = DEFAULT_SLIDE_HEIGHT;
    }
}

void
trail_slide_options_clear (TrailExportOptions *slide_options)
{
  g_clear_pointer (&slide_options->stages, g_strfreev);
  g_clear_pointer (&slide_options->lanes, g_strfreev);
  g_clear_pointer (&slide_options->personas, g_strfreev);
}

/* The scale at which @stage_ids × @lane_ids fits the slide. */
static gboolean
measure (TrailDocument            *document,
         const TrailExportOptions *options,
         GPtrArray                *stage_ids,
         GPtrArray                *lane_ids,
         double                   *scale,
         GError                  **error)
{
  TrailSlide slide = { (char **) stage_ids->pdata, (char **) lane_ids->pdata, 0 };
  TrailExportOptions so;
  g_autoptr(TrailLayout) layout = NULL;
  double bw, bh;

  g_ptr_array_add (stage_ids, NULL);
  g_ptr_array_add (lane_ids, NULL);
  slide.stage_ids = (char **) stage_ids->pdata;
  slide.lane_ids = (char **) lane_ids->pdata;
  trail_slide_get_options (&slide, options, &so);
  g_ptr_array_remove_index (stage_ids, stage_ids->len - 1);
  g_ptr_array_remove_index (lane_ids, lane_ids->len - 1);

  layout = trail_export_make_layout (document, &so, error);
  bw = so.fit_width - 2 * so.margin;
  bh = so.fit_height - 2 * so.margin;
  trail_slide_options_clear (&so);
  if (layout == NULL)
    return FALSE;

  *scale = MIN (bw / trail_layout_get_width (layout), bh / trail_layout_get_height (layout));
  return TRUE;
}

static double
card_text_px (TrailStyleVariant variant)
{
  g_autoptr(TrailStyle) style = trail_style_new (variant);
  const PangoFontDescription *font = trail_style_get_font (style, TRAIL_FONT_CARD_TEXT);
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  /* Sizes are absolute pixels in the style; points would be at 96 dpi. */
  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

static GPtrArray *
visible_ids (GListModel     *model,
             char          **wanted,
             const char   *(*get_id) (gpointer))
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *id = get_id (item);

      if (wanted == NULL || g_strv_contains ((const char * const *) wanted, id))
        g_ptr_array_add (ids, (gpointer) id);
    }

  return ids;
}

static char **
to_strv (GPtrArray *ids,
         guint      from,
         guint      to)
{
  char **v = g_new0 (char *, to - from + 1);

  for (guint i = from; i < to; i++)
    v[i - from] = g_strdup (ids->pdata[i]);

  return v;
}

GPtrArray *
trail_slides_plan (TrailDocument            *document,
                   const TrailExportOptions *options,
                   GError                  **error)
{
  g_autoptr(GPtrArray) slides = g_ptr_array_new_with_free_func ((GDestroyNotify) trail_slide_free);
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) lanes = NULL;
  TrailLayoutFilter filter;
  double need = TRAIL_SLIDE_MIN_TEXT_PX / card_text_px (options->style);
  guint per_slide, n_groups;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  /* Names become ids once, so every slide's subset is exact. */
  if (!trail_export_resolve_filter (document, options, &filter, error))
    return NULL;
  stages = visible_ids (trail_document_get_stages (document), filter.stage_ids,
                        (const char *(*) (gpointer)) trail_stage_get_id);
  lanes = visible_ids (trail_document_get_lanes (document), filter.lane_ids,
                       (const char *(*) (gpointer)) trail_lane_get_id);
  trail_layout_filter_clear (&filter);

  if (stages->len == 0 || lanes->len == 0)
    {
      g_set_error (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_INVALID_OPTION,
                   _("The map has no stages or no lanes to put on slides"));
      return NULL;
    }

  /* As many stages side by side as keep the text readable: the width
   * alone decides, with the first lane only. */
  per_slide = 1;
  for (guint k = 2; k <= stages->len; k++)
    {
      g_autoptr(GPtrArray) s = g_ptr_array_new ();
      g_autoptr(GPtrArray) l = g_ptr_array_new ();
      double scale;

      for (guint i = 0; i < k; i++)
        g_ptr_array_add (s, stages->pdata[i]);
      g_ptr_array_add (l, lanes->pdata[0]);
      if (!measure (document, options, s, l, &scale, error))
        return NULL;
      if (scale < need)
        break;
      per_slide = k;
    }

  /* Groups of even size: 12 stages at 5 a slide are 4 + 4 + 4, not 5 + 5 + 2. */
  n_groups = (stages->len + per_slide - 1) / per_slide;
  for (guint g = 0; g < n_groups; g++)
    {
      guint from = g * stages->len / n_groups;
      guint to = (g + 1) * stages->len / n_groups;
      g_autoptr(GPtrArray) s = g_ptr_array_new ();
      guint lane_from = 0;

      for (guint i = from; i < to; i++)
        g_ptr_array_add (s, stages->pdata[i]);

      /* Rows down the slide while the text stays readable; the rest on
       * the next slide of the same stages. */
      while (lane_from < lanes->len)
        {
          g_autoptr(GPtrArray) l = g_ptr_array_new ();
          TrailSlide *slide;
          double scale = 0, fitting_scale = 0;
          guint lane_to = lane_from;

          while (lane_to < lanes->len)
            {
              g_ptr_array_add (l, lanes->pdata[lane_to]);
              if (!measure (document, options, s, l, &scale, error))
                return NULL;
              if (scale < need && lane_to > lane_from)
                break;
              fitting_scale = scale;
              lane_to++;
            }

          slide = g_new0 (TrailSlide, 1);
          slide->stage_ids = to_strv (s, 0, s->len);
          slide->lane_ids = to_strv (lanes, lane_from, lane_to);
          slide->card_text_px = fitting_scale * card_text_px (options->style);
          g_ptr_array_add (slides, slide);
          lane_from = lane_to;
        }
    }

  return g_steal_pointer (&slides);
}

gboolean
trail_slides_write_pdf (TrailDocument            *document,
                        const TrailExportOptions *options,
                        GPtrArray                *slides,
                        GOutputStream            *stream,
                        GCancellable             *cancellable,
                        GError                  **error)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree TrailExportOptions *page_options = g_new0 (TrailExportOptions, slides->len);
  gboolean ok = TRUE;

  for (guint i = 0; i < slides->len && ok; i++)
    {
      TrailLayout *layout;

      trail_slide_get_options (slides->pdata[i], options, &page_options[i]);
      page_options[i].format = TRAIL_EXPORT_PDF;
      layout = trail_export_make_layout (document, &page_options[i], error);
      if (layout == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (layouts, layout);
    }

  if (ok)
    ok = trail_export_layouts_to_pdf ((TrailLayout **) layouts->pdata, page_options, layouts->len,
                                      stream, cancellable, error);

  for (guint i = 0; i < slides->len; i++)
    trail_slide_options_clear (&page_options[i]);

  return ok;
}

/* trail-print.c
 *
 * The printout is drawn from the very render nodes the canvas and the
 * exports use (gsk_render_node_draw onto the print context's cairo), so
 * paper matches the screen. A map is wide: "fit" shrinks it onto one page,
 * "poster" prints it at its natural size across as many pages as it needs,
 * to be taped together on a wall.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-print"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "trail-compat.h"
#include "trail-export.h"
#include "trail-painter.h"
#include "trail-print.h"

/* Map pixels are CSS pixels: 96 per inch, 72 points per inch. */
#define POINTS_PER_PIXEL (72.0 / 96.0)

typedef struct
{
  TrailDocument  *document;
  TrailLayout    *layout;
  GskRenderNode  *node;
  GtkCheckButton *poster_button;
  gboolean        poster;
  int             columns;
  int             rows;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_object (&job->document);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->node, gsk_render_node_unref);
  g_free (job);
}

static GObject *
on_create_custom_widget_cb (GtkPrintOperation *operation,
                            PrintJob          *job)
{
  GtkWidget *box;
  GtkWidget *fit;
  GtkWidget *poster;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  fit = gtk_check_button_new_with_mnemonic (_("_Fit the map on one page"));
  poster = gtk_check_button_new_with_mnemonic (_("_Poster: print at full size across several pages"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (poster), GTK_CHECK_BUTTON (fit));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->poster ? poster : fit), TRUE);

  gtk_box_append (GTK_BOX (box), fit);
  gtk_box_append (GTK_BOX (box), poster);
  job->poster_button = GTK_CHECK_BUTTON (poster);

  return G_OBJECT (box);
}

static void
on_custom_widget_apply_cb (GtkPrintOperation *operation,
                           GtkWidget         *widget,
                           PrintJob          *job)
{
  job->poster = gtk_check_button_get_active (job->poster_button);
}

/* The area inside the margins, in points: the context's cairo starts at the
 * margin, but its width and height are the whole sheet's. */
static void
get_printable_size (GtkPrintContext *context,
                    double          *width,
                    double          *height)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);

  *width = gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS);
  *height = gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  double page_width, page_height;
  double map_width = trail_layout_get_width (job->layout) * POINTS_PER_PIXEL;
  double map_height = trail_layout_get_height (job->layout) * POINTS_PER_PIXEL;

  get_printable_size (context, &page_width, &page_height);

  if (job->poster)
    {
      job->columns = MAX (1, (int) ceil (map_width / page_width - 0.001));
      job->rows = MAX (1, (int) ceil (map_height / page_height - 0.001));
    }
  else
    {
      job->columns = 1;
      job->rows = 1;
    }

  gtk_print_operation_set_n_pages (operation, job->columns * job->rows);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width, page_height;
  double map_width = trail_layout_get_width (job->layout);
  double map_height = trail_layout_get_height (job->layout);
  double scale;

  if (job->node == NULL)
    return;

  get_printable_size (context, &page_width, &page_height);
  cairo_save (cr);

  if (job->poster)
    {
      int column = page_nr % job->columns;
      int row = page_nr / job->columns;

      cairo_rectangle (cr, 0, 0, page_width, page_height);
      cairo_clip (cr);
      cairo_translate (cr, -column * page_width, -row * page_height);
      cairo_scale (cr, POINTS_PER_PIXEL, POINTS_PER_PIXEL);
      /* Not job->node: pages sharing its recordings lose what lies
       * beyond the first page (see trail_export_draw_map_part()). */
      trail_export_draw_map_part (job->layout, TRAIL_PAINT_DEFAULT, cr);
    }
  else
    {
      /* Shrink to fit, never enlarge past full size, and centre. */
      scale = MIN (page_width / map_width, page_height / map_height);
      scale = MIN (scale, POINTS_PER_PIXEL);
      cairo_translate (cr,
                       (page_width - map_width * scale) / 2.0,
                       (page_height - map_height * scale) / 2.0);
      cairo_scale (cr, scale, scale);
      gsk_render_node_draw (job->node, cr);
    }

  cairo_restore (cr);
}

static void
show_print_error (GtkWindow  *parent,
                  const char *message)
{
  trail_compat_tell (GTK_WIDGET (parent), _("Could Not Print"), message);
}

static GtkPrintOperation *
create_operation (TrailDocument  *document,
                  const char     *job_name,
                  GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  TrailExportOptions options;
  PrintJob *job;

  /* Paper is white whatever the screen's style. */
  trail_export_options_init (&options);
  options.style = TRAIL_STYLE_LIGHT;

  job = g_new0 (PrintJob, 1);
  job->document = g_object_ref (document);
  job->layout = trail_export_make_layout (document, &options, error);
  if (job->layout == NULL)
    {
      print_job_free (job);
      return NULL;
    }
  job->node = trail_painter_render_map (job->layout, NULL, TRAIL_PAINT_DEFAULT);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Map Layout"));
  g_object_set_data_full (G_OBJECT (operation), "trail-print-job", job, print_job_free);

  /* Maps are wider than tall: start in landscape. */
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);

  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply_cb), job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

  return g_steal_pointer (&operation);
}

void
trail_print_document (GtkWindow     *parent,
                      TrailDocument *document,
                      const char    *job_name)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRAIL_IS_DOCUMENT (document));

  operation = create_operation (document, job_name, &error);

  /* Not asynchronous: the dialog is modal, and errors come back here. */
  if (operation == NULL ||
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (parent, error->message);
}

GtkPrintOperationResult
trail_print_to_pdf (TrailDocument  *document,
                    GtkPageSetup   *page_setup,
                    gboolean        poster,
                    const char     *filename,
                    GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  PrintJob *job;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), GTK_PRINT_OPERATION_RESULT_ERROR);

  operation = create_operation (document, "trailmap", error);
  if (operation == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;

  job = g_object_get_data (G_OBJECT (operation), "trail-print-job");
  job->poster = poster;
  if (page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_export_filename (operation, filename);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
}

/* trail-export-dialog.c
 *
 * The preview is the export itself at a small size, so what the designer
 * sees is what the file will hold. The export runs in a worker thread on a
 * copy of the map (serialized and loaded again), so editing can go on and
 * a large map does not freeze the window.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-compat.h"
#include "trail-export-dialog.h"
#include "trail-export.h"
#include "trail-settings-row.h"

/* The preview is rendered this wide at most; enough for the dialog. */
#define PREVIEW_WIDTH 900
#define PREVIEW_DELAY_MS 120

struct _TrailExportDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkProgressBar    *progress_bar;
  GtkPicture        *preview;
  GtkLabel          *size_label;
  AdwComboRow       *format_row;
  AdwComboRow       *size_row;
  AdwActionRow      *width_row;
  GtkSpinButton     *width_spin;
  AdwComboRow       *style_row;
  AdwComboRow       *paper_row;
  AdwComboRow       *orientation_row;
  AdwActionRow      *text_to_path_row;
  GtkSwitch         *text_to_path_switch;
  AdwActionRow      *for_dark_row;
  GtkSwitch         *for_dark_switch;
  GtkSwitch         *votes_switch;
  AdwActionRow      *bom_row;
  GtkSwitch         *bom_switch;
  AdwActionRow      *transparent_row;
  GtkSwitch         *transparent_switch;
  AdwExpanderRow    *stages_row;
  AdwExpanderRow    *lanes_row;
  AdwExpanderRow    *personas_row;

  TrailDocument     *document;
  GFile             *document_file;
  GSettings         *settings;
  GCancellable      *cancellable;
  gboolean           choosing_file;

  /* GtkCheckButton → id of the stage, lane or persona it shows */
  GPtrArray         *stage_checks;
  GPtrArray         *lane_checks;
  GPtrArray         *persona_checks;

  guint              preview_source;
  guint              pulse_source;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_DOCUMENT_FILE,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TrailExportDialog, trail_export_dialog, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Indexes of the combo rows, in the order of the .ui and the schema. */
static const char * const format_choices[] = { "png", "svg", "pdf", "html", "md", "csv", "mmd", NULL };
static const char * const size_choices[] = { "1x", "2x", "3x", "4x", "width", "slide", NULL };
static const char * const style_choices[] = { "light", "dark", "high-contrast", NULL };
static const char * const paper_choices[] = { "fit", "a5", "a4", "a3", "a2", "a1", "a0", "letter", "legal", "tabloid", NULL };
static const char * const orientation_choices[] = { "auto", "portrait", "landscape", NULL };

typedef struct
{
  GBytes             *map;
  GFile              *output;
  TrailExportOptions  options;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_bytes_unref (job->map);
  g_object_unref (job->output);
  g_strfreev (job->options.stages);
  g_strfreev (job->options.lanes);
  g_strfreev (job->options.personas);
  g_free (job);
}

static TrailExportFormat
get_format (TrailExportDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1:
      return TRAIL_EXPORT_SVG;
    case 2:
      return TRAIL_EXPORT_PDF;
    case 3:
      return TRAIL_EXPORT_HTML;
    case 4:
      return TRAIL_EXPORT_MARKDOWN;
    case 5:
      return TRAIL_EXPORT_CSV;
    case 6:
      return TRAIL_EXPORT_MERMAID;
    default:
      return TRAIL_EXPORT_PNG;
    }
}

/* The ids of the checked items, or NULL when all are checked (no filter). */
static char **
collect_checked (GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean all = TRUE;

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "trail-id"));
      else
        all = FALSE;
    }

  return all ? NULL : g_strv_builder_end (builder);
}

static void
build_options (TrailExportDialog  *self,
               TrailExportOptions *options)
{
  guint size = adw_combo_row_get_selected (self->size_row);
  guint paper = adw_combo_row_get_selected (self->paper_row);

  trail_export_options_init (options);
  options->format = get_format (self);
  /* Pages and text have no background to leave out. */
  options->transparent = (options->format == TRAIL_EXPORT_PNG || options->format == TRAIL_EXPORT_SVG) &&
                         gtk_switch_get_active (self->transparent_switch);
  options->for_dark = options->transparent && gtk_switch_get_active (self->for_dark_switch);
  options->byte_order_mark = gtk_switch_get_active (self->bom_switch);
  options->text_to_path = gtk_switch_get_active (self->text_to_path_switch);
  options->show_votes = gtk_switch_get_active (self->votes_switch);

  switch (adw_combo_row_get_selected (self->style_row))
    {
    case 1:
      options->style = TRAIL_STYLE_DARK;
      break;
    case 2:
      options->style = TRAIL_STYLE_HIGH_CONTRAST;
      break;
    default:
      options->style = TRAIL_STYLE_LIGHT;
      break;
    }

  if (size < 4)
    options->scale = size + 1;
  else if (size == 4)
    options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  else if (options->format == TRAIL_EXPORT_PNG)
    {
      /* Exactly a slide, the map fitted inside with a margin. */
      options->fit_width = 1920;
      options->fit_height = 1080;
      options->margin = 48;
    }

  if (paper > 0 && paper_choices[paper] != NULL)
    trail_export_paper_from_string (paper_choices[paper], &options->paper, &options->orientation);
  switch (adw_combo_row_get_selected (self->orientation_row))
    {
    case 1:
      options->orientation = TRAIL_ORIENTATION_PORTRAIT;
      break;
    case 2:
      options->orientation = TRAIL_ORIENTATION_LANDSCAPE;
      break;
    default:
      options->orientation = TRAIL_ORIENTATION_AUTO;
      break;
    }

  options->stages = collect_checked (self->stage_checks);
  options->lanes = collect_checked (self->lane_checks);
  options->personas = collect_checked (self->persona_checks);
}

static void
clear_options (TrailExportOptions *options)
{
  g_clear_pointer (&options->stages, g_strfreev);
  g_clear_pointer (&options->lanes, g_strfreev);
  g_clear_pointer (&options->personas, g_strfreev);
}

static void
update_size_label (TrailExportDialog  *self,
                   TrailLayout        *layout,
                   TrailExportOptions *options)
{
  g_autofree char *text = NULL;
  int width, height;

  switch (options->format)
    {
    case TRAIL_EXPORT_PNG:
      trail_export_get_png_size (layout, options, &width, &height);
      /* Translators: the size of an image, in pixels */
      text = g_strdup_printf (_("%d × %d pixels"), width, height);
      break;

    case TRAIL_EXPORT_SVG:
      if (options->text_to_path)
        /* Translators: the size of a drawing, in pixels */
        text = g_strdup_printf (_("%.0f × %.0f px, text as outlines"),
                                trail_layout_get_width (layout), trail_layout_get_height (layout));
      else
        /* Translators: the size of a drawing, in pixels */
        text = g_strdup_printf (_("%.0f × %.0f px, editable text"),
                                trail_layout_get_width (layout), trail_layout_get_height (layout));
      break;

    case TRAIL_EXPORT_HTML:
      text = g_strdup (_("One file that opens in any browser: zoom, card details on hover, persona filter"));
      break;
    case TRAIL_EXPORT_MARKDOWN:
      text = g_strdup (_("The map as text for a wiki: stages, cards by lane, evidence"));
      break;
    case TRAIL_EXPORT_CSV:
      text = g_strdup (_("One row per card; edit it in a spreadsheet and import it back"));
      break;
    case TRAIL_EXPORT_MERMAID:
      text = g_strdup (_("A Mermaid journey: one task per action card, scored from the emotion lines"));
      break;

    case TRAIL_EXPORT_PDF:
    case TRAIL_EXPORT_TRAILMAP:
    case TRAIL_EXPORT_ACTIONS:  /* not offered here: the Actions view exports them */
    default:
      if (options->paper == TRAIL_PAPER_NONE)
        text = g_strdup (_("One page the size of the map, vector"));
      else
        {
          double pt = trail_export_get_card_text_pt (layout, options);

          if (pt < TRAIL_EXPORT_MIN_PRINT_PT)
            /* Translators: %.1f is a text size in points */
            text = g_strdup_printf (_("Card text prints %.1f pt tall, too small to read: choose a larger paper"), pt);
          else
            /* Translators: %.1f is a text size in points */
            text = g_strdup_printf (_("One page, the map fitted on the paper; card text %.1f pt"), pt);
        }
      break;
    }

  /* A transparent light export lands on a slide: dark text on the page
   * cannot be read on a dark one. */
  if (options->transparent && options->format != TRAIL_EXPORT_PDF &&
      options->style != TRAIL_STYLE_DARK && !options->for_dark)
    {
      g_autofree char *plain = g_steal_pointer (&text);
      text = g_strdup_printf ("%s\n%s", plain, _("On a dark slide the title and legend cannot be read: turn on For Dark Slides"));
    }

  gtk_label_set_label (self->size_label, text);
}

static gboolean
update_preview_cb (gpointer user_data)
{
  TrailExportDialog *self = user_data;
  g_autoptr(TrailLayout) layout = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;
  TrailExportOptions preview;
  float width;

  self->preview_source = 0;

  build_options (self, &options);

  layout = trail_export_make_layout (self->document, &options, &error);
  if (layout == NULL)
    {
      gtk_label_set_label (self->size_label, error->message);
      gtk_picture_set_paintable (self->preview, NULL);
      clear_options (&options);
      return G_SOURCE_REMOVE;
    }

  update_size_label (self, layout, &options);

  /* Every format is previewed as the PNG of the same layout: SVG and PDF
   * draw the same map, and the PNG shows transparency. */
  preview = options;
  preview.format = TRAIL_EXPORT_PNG;
  width = trail_layout_get_width (layout);
  preview.width = 0;
  preview.scale = width > PREVIEW_WIDTH ? PREVIEW_WIDTH / width : 1.0;
  preview.transparent = options.transparent && options.format != TRAIL_EXPORT_PDF;
  if (options.fit_width > 0)
    {
      /* The slide, small: the same box in proportion. */
      double k = MIN (1.0, PREVIEW_WIDTH / options.fit_width);

      preview.fit_width = MAX (16, (int) (options.fit_width * k));
      preview.fit_height = MAX (16, (int) (options.fit_height * k));
      preview.margin = options.margin * k;
    }

  png = trail_export_to_bytes (self->document, &preview, &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);

  if (texture == NULL)
    gtk_label_set_label (self->size_label, error->message);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));

  clear_options (&options);

  return G_SOURCE_REMOVE;
}

static void
queue_preview (TrailExportDialog *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, update_preview_cb, self);
}

static void
update_rows (TrailExportDialog *self)
{
  TrailExportFormat format = get_format (self);
  gboolean by_width = adw_combo_row_get_selected (self->size_row) == 4;

  gtk_widget_set_visible (GTK_WIDGET (self->size_row), format == TRAIL_EXPORT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), format == TRAIL_EXPORT_PNG && by_width);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row), format == TRAIL_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->orientation_row),
                          format == TRAIL_EXPORT_PDF && adw_combo_row_get_selected (self->paper_row) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->text_to_path_row), format == TRAIL_EXPORT_SVG);
  gtk_widget_set_visible (GTK_WIDGET (self->transparent_row), format == TRAIL_EXPORT_PNG || format == TRAIL_EXPORT_SVG);
  gtk_widget_set_visible (GTK_WIDGET (self->for_dark_row),
                          (format == TRAIL_EXPORT_PNG || format == TRAIL_EXPORT_SVG) &&
                          gtk_switch_get_active (self->transparent_switch));
  gtk_widget_set_visible (GTK_WIDGET (self->bom_row), format == TRAIL_EXPORT_CSV);

  queue_preview (self);
}

static void
add_check_row (TrailExportDialog *self,
               AdwExpanderRow    *expander,
               GPtrArray         *checks,
               const char        *title,
               const char        *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "trail-id", g_strdup (id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (queue_preview), self, G_CONNECT_SWAPPED);

  /* Titles are the user's text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title && *title ? title : _("Untitled"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (expander, row);

  g_ptr_array_add (checks, check);
}

static void
populate_content (TrailExportDialog *self)
{
  GListModel *stages = trail_document_get_stages (self->document);
  GListModel *lanes = trail_document_get_lanes (self->document);
  GListModel *personas = trail_document_get_personas (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      add_check_row (self, self->stages_row, self->stage_checks,
                     trail_stage_get_name (stage), trail_stage_get_id (stage));
    }

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      const char *title = trail_lane_get_title (lane);

      if (trail_lane_get_hidden (lane))
        continue;
      add_check_row (self, self->lanes_row, self->lane_checks,
                     title && *title ? title : trail_lane_kind_get_label (trail_lane_get_kind (lane)),
                     trail_lane_get_id (lane));
    }

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      add_check_row (self, self->personas_row, self->persona_checks,
                     trail_persona_get_name (persona), trail_persona_get_id (persona));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->personas_row), self->persona_checks->len > 0);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(TrailDocument) copy = NULL;
  GError *error = NULL;

  copy = trail_document_load_from_bytes (job->map, NULL, &error);
  if (copy == NULL || !trail_export_to_file (copy, &job->options, job->output, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (TrailExportDialog *self,
          gboolean           busy);

static gboolean
pulse_cb (gpointer user_data)
{
  TrailExportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
set_busy (TrailExportDialog *self,
          gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !busy);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (busy)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
}

static void
on_export_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Closed while the export ran: nothing left to tell. */
  if (self->cancellable == NULL)
    return;

  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *basename = g_file_get_basename (job->output);
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      AdwToast *toast;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The file name is whatever the user typed, and the toast's title is
       * Pango markup: one line, cut to a toast's length, escaped. */
      name = trail_display_text_dup (basename, TRAIL_DISPLAY_TEXT_MAX_CHARS);
      /* Translators: the first %s is a file name, the second why it failed */
      message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
      toast = trail_compat_toast_new (message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  g_signal_emit (self, signals[EXPORTED], 0, job->output);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_export (TrailExportDialog *self,
              GFile             *output)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (output);
  ExportJob *job;

  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);
      g_settings_set_string (self->settings, "export-folder", uri);
    }

  job = g_new0 (ExportJob, 1);
  job->map = trail_document_serialize (self->document);
  job->output = g_object_ref (output);
  build_options (self, &job->options);

  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, on_export_done_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_file_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (object);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  self->choosing_file = FALSE;
  file = trail_compat_choose_file_finish (result, &error);

  /* Closed while the chooser was open: nothing left to export to. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (error != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, trail_compat_toast_new (error->message));
      return;
    }

  if (file != NULL)
    start_export (self, file);
}

static char *
dup_suggested_name (TrailExportDialog *self)
{
  const char *extension = trail_export_format_to_extension (get_format (self));
  g_autofree char *base = NULL;
  char *name;

  if (self->document_file != NULL)
    {
      g_autofree char *file_name = g_file_get_basename (self->document_file);
      char *dot = strrchr (file_name, '.');

      if (dot != NULL && dot != file_name)
        *dot = '\0';
      base = g_steal_pointer (&file_name);
    }
  else
    {
      const char *title = trail_document_get_title (self->document);
      base = g_strdup (title && *title ? title : _("Journey Map"));
    }

  g_strdelimit (base, "/\\", '-');
  name = g_strconcat (base, extension[0] == '.' ? "" : ".", extension, NULL);

  return name;
}

/* The picture as the dialog sets it up, on the clipboard as PNG and SVG,
 * to paste straight into a slide. */
static void
trail_export_dialog_copy_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (widget);
  TrailExportOptions options;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];
  AdwToast *toast;

  build_options (self, &options);
  options.format = TRAIL_EXPORT_PNG;
  options.text_to_path = FALSE;
  options.paper = TRAIL_PAPER_NONE;
  png = trail_export_to_bytes (self->document, &options, &error);
  if (png != NULL)
    {
      options.format = TRAIL_EXPORT_SVG;
      svg = trail_export_to_bytes (self->document, &options, &error);
    }
  clear_options (&options);

  if (png == NULL || svg == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not copy the map: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, trail_compat_toast_new (message));
      return;
    }

  providers[0] = gdk_content_provider_new_for_bytes ("image/png", png);
  providers[1] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);

  toast = trail_compat_toast_new (_("Copied as PNG and SVG"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
trail_export_dialog_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (widget);
  g_autofree char *folder_uri = g_settings_get_string (self->settings, "export-folder");
  g_autofree char *name = dup_suggested_name (self);
  g_autoptr(GFile) folder = NULL;
  TrailFileRequest request = {
    .action = TRAIL_FILE_SAVE,
    .title = _("Export Map"),
    .accept_label = _("_Export"),
    .initial_name = name,
  };

  if (self->choosing_file)
    return;

  if (folder_uri[0] != '\0')
    folder = g_file_new_for_uri (folder_uri);
  else if (self->document_file != NULL)
    folder = g_file_get_parent (self->document_file);
  request.initial_folder = folder;

  self->choosing_file = TRUE;
  trail_compat_choose_file (GTK_WIDGET (self), &request, self->cancellable,
                            on_file_chosen_cb, NULL);
}

static void
bind_choice (TrailExportDialog  *self,
             const char         *key,
             AdwComboRow        *row,
             const char * const *choices)
{
  trail_settings_bind_choice (self->settings, key, row, choices);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
}

static void
trail_export_dialog_constructed (GObject *object)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (trail_export_dialog_parent_class)->constructed (object);

  g_assert (self->document != NULL);
  g_assert (self->settings != NULL);

  /* Remember the last choices, as designers export the same way each time. */
  bind_choice (self, "export-format", self->format_row, format_choices);
  bind_choice (self, "export-size", self->size_row, size_choices);
  bind_choice (self, "export-style", self->style_row, style_choices);
  bind_choice (self, "export-paper", self->paper_row, paper_choices);
  bind_choice (self, "export-orientation", self->orientation_row, orientation_choices);
  g_settings_bind (self->settings, "export-text-to-path", self->text_to_path_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-for-dark", self->for_dark_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-bom", self->bom_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->text_to_path_switch, "notify::active", G_CALLBACK (queue_preview), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->votes_switch, "notify::active", G_CALLBACK (queue_preview), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->for_dark_switch, "notify::active", G_CALLBACK (queue_preview), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "export-width",
                   gtk_spin_button_get_adjustment (self->width_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-transparent",
                   self->transparent_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->width_spin, "value-changed", G_CALLBACK (queue_preview), self,
                           G_CONNECT_SWAPPED);
  /* The switch also shows the "For Dark Slides" row. */
  g_signal_connect_object (self->transparent_switch, "notify::active", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);

  populate_content (self);
  update_rows (self);
}

static void
trail_export_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_DOCUMENT_FILE:
      self->document_file = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_export_dialog_dispose (GObject *object)
{
  TrailExportDialog *self = TRAIL_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_EXPORT_DIALOG);

  g_clear_pointer (&self->stage_checks, g_ptr_array_unref);
  g_clear_pointer (&self->lane_checks, g_ptr_array_unref);
  g_clear_pointer (&self->persona_checks, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->document_file);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (trail_export_dialog_parent_class)->dispose (object);
}

static void
trail_export_dialog_class_init (TrailExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trail_export_dialog_constructed;
  object_class->dispose = trail_export_dialog_dispose;
  object_class->set_property = trail_export_dialog_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRAIL_TYPE_DOCUMENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DOCUMENT_FILE] =
    g_param_spec_object ("document-file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, text_to_path_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, text_to_path_switch);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, for_dark_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, for_dark_switch);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, votes_switch);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, bom_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, bom_switch);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, transparent_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, stages_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, lanes_row);
  gtk_widget_class_bind_template_child (widget_class, TrailExportDialog, personas_row);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, trail_export_dialog_export_action);
  gtk_widget_class_install_action (widget_class, "export.copy", NULL, trail_export_dialog_copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "export.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trail_export_dialog_init (TrailExportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->stage_checks = g_ptr_array_new ();
  self->lane_checks = g_ptr_array_new ();
  self->persona_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

TrailExportDialog *
trail_export_dialog_new (GtkWindow     *parent,
                         TrailDocument *document,
                         GFile         *document_file,
                         GSettings     *settings)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (TRAIL_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "document", document,
                       "document-file", document_file,
                       "settings", settings,
                       NULL);
}

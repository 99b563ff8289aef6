/* trail-import-dialog.c
 *
 * The dialog only chooses: every number and every change comes from the
 * model's TrailSurveyImport, which the command line uses too. Each choice
 * checks the whole file again (about 50 ms for 100,000 rows), so what the
 * dialog says is what Import will do.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
#include "trail-import-dialog.h"

/* What the dialog shows of a file: enough to recognise it. */
#define PREVIEW_ROWS    5
#define PREVIEW_COLUMNS 8
#define PREVIEW_CHARS   40
#define LISTED_BAD_ROWS 100

struct _TrailImportDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkWidget          *import_button;
  GtkLabel           *summary_label;
  AdwComboRow        *separator_row;
  GtkGrid            *preview_grid;
  AdwPreferencesGroup *columns_group;
  AdwComboRow        *scale_row;
  GtkSpinButton      *min_spin;
  GtkSpinButton      *max_spin;
  AdwComboRow        *band_row;
  AdwComboRow        *quote_choice_row;
  GtkSpinButton      *quotes_spin;
  AdwPreferencesGroup *unmatched_group;
  AdwPreferencesGroup *persona_unmatched_group;
  AdwPreferencesGroup *bad_group;
  GtkLabel           *bad_label;

  TrailDocument      *document;
  TrailSurveyImport  *import;

  AdwComboRow        *column_rows[TRAIL_SURVEY_N_COLUMNS];
  /* [0] stages, [1] personas: values of the file the map has no name for. */
  GHashTable         *unmatched_rows[2];  /* value → AdwComboRow */
  GPtrArray          *value_ids[2];       /* index in the rows' model - 1 → id */
  GtkStringList      *value_names[2];
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (TrailImportDialog, trail_import_dialog, ADW_TYPE_WINDOW)

static const struct {
  double      min;
  double      max;
} scales[] = {
  { 0, 10 },  /* NPS */
  { 1, 5 },   /* CSAT */
  { 1, 7 },   /* CES */
};

static const char *
column_title (TrailSurveyColumn role)
{
  switch (role)
    {
    case TRAIL_SURVEY_COLUMN_STAGE:      return _("Stage");
    case TRAIL_SURVEY_COLUMN_SCORE:      return _("Score");
    case TRAIL_SURVEY_COLUMN_PERSONA:    return _("Persona or Segment");
    case TRAIL_SURVEY_COLUMN_VERBATIM:   return _("Verbatim");
    case TRAIL_SURVEY_COLUMN_DATE:       return _("Date");
    case TRAIL_SURVEY_COLUMN_CHANNEL:    return _("Channel");
    case TRAIL_SURVEY_COLUMN_RESPONDENT: return _("Respondent");
    case TRAIL_SURVEY_N_COLUMNS:
    default:                             return "";
    }
}

static char *
shorten (const char *text)
{
  g_autofree char *one_line = g_strdelimit (g_strdup (text), "\r\n\t", ' ');

  if (g_utf8_strlen (one_line, -1) <= PREVIEW_CHARS)
    return g_steal_pointer (&one_line);

  *g_utf8_offset_to_pointer (one_line, PREVIEW_CHARS - 1) = '\0';
  return g_strconcat (one_line, "…", NULL);
}

static const char separators[] = { ',', ';', '\t' };

static void
fill_preview (TrailImportDialog *self)
{
  TrailCsv *csv = trail_survey_import_get_csv (self->import);
  guint n_rows = MIN (trail_csv_get_n_rows (csv), PREVIEW_ROWS + 1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (separators[i] == trail_csv_get_separator (csv))
      adw_combo_row_set_selected (self->separator_row, i);
  self->updating = FALSE;

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < MIN (trail_csv_get_n_fields (csv, r), PREVIEW_COLUMNS); c++)
      {
        g_autofree char *text = shorten (trail_csv_get_field (csv, r, c));
        GtkWidget *label = gtk_label_new (text);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        if (r == 0)
          gtk_widget_add_css_class (label, "heading");
        gtk_grid_attach (self->preview_grid, label, c, r, 1, 1);
      }
}

static void on_value_selected_cb (TrailImportDialog *self,
                                  GParamSpec        *pspec,
                                  AdwComboRow       *row);

/* A row per stage (or persona) value the map lacks; rows stay once shown,
 * so that a value mapped by hand can be changed again. */
static void
add_unmatched_rows (TrailImportDialog   *self,
                    guint                which,
                    AdwPreferencesGroup *group)
{
  TrailSurveyColumn role = which == 0 ? TRAIL_SURVEY_COLUMN_STAGE : TRAIL_SURVEY_COLUMN_PERSONA;
  g_auto(GStrv) unmatched = trail_survey_import_get_unmatched (self->import, role);

  for (guint i = 0; unmatched[i] != NULL; i++)
    if (!g_hash_table_contains (self->unmatched_rows[which], unmatched[i]))
      {
        GtkWidget *row = adw_combo_row_new ();

        /* The file's text: never markup. */
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unmatched[i]);
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->value_names[which]));
        g_object_set_data_full (G_OBJECT (row), "value", g_strdup (unmatched[i]), g_free);
        g_object_set_data (G_OBJECT (row), "which", GUINT_TO_POINTER (which));
        g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_value_selected_cb), self,
                                 G_CONNECT_SWAPPED);
        adw_preferences_group_add (group, row);
        g_hash_table_insert (self->unmatched_rows[which], g_strdup (unmatched[i]), row);
      }
  gtk_widget_set_visible (GTK_WIDGET (group), g_hash_table_size (self->unmatched_rows[which]) > 0);
}

static void
update (TrailImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) bad = g_string_new (NULL);
  TrailCsv *csv = trail_survey_import_get_csv (self->import);
  char sep = trail_csv_get_separator (csv);
  guint n_bad;

  g_string_append_printf (summary, ngettext ("%s: %u row after the header, %s, separated by %s.",
                                             "%s: %u rows after the header, %s, separated by %s.",
                                             trail_csv_get_n_rows (csv) - 1),
                          trail_survey_import_get_source (self->import),
                          trail_csv_get_n_rows (csv) - 1, trail_csv_get_encoding (csv),
                          sep == '\t' ? _("tabs") : sep == ';' ? _("semicolons") : _("commas"));
  g_string_append_c (summary, '\n');

  if (!trail_survey_import_check (self->import, self->document, &error))
    {
      g_string_append (summary, error->message);
      gtk_label_set_text (self->summary_label, summary->str);
      gtk_widget_set_sensitive (self->import_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->bad_group), FALSE);
      return;
    }

  n_bad = trail_survey_import_get_n_bad (self->import);
  g_string_append_printf (summary, ngettext ("%u row will be imported", "%u rows will be imported",
                                             trail_survey_import_get_n_good (self->import)),
                          trail_survey_import_get_n_good (self->import));
  if (n_bad > 0)
    g_string_append_printf (summary, ngettext ("; %u cannot be read and will be left out.",
                                               "; %u cannot be read and will be left out.", n_bad),
                            n_bad);
  else
    g_string_append_c (summary, '.');
  gtk_label_set_text (self->summary_label, summary->str);
  gtk_widget_set_sensitive (self->import_button, trail_survey_import_get_n_good (self->import) > 0);

  for (guint i = 0; i < MIN (n_bad, LISTED_BAD_ROWS); i++)
    {
      guint line;
      const char *why = trail_survey_import_get_bad (self->import, i, &line);

      /* Translators: a row of the file that cannot be imported, and why. */
      g_string_append_printf (bad, _("Line %u: %s"), line, why);
      g_string_append_c (bad, '\n');
    }
  if (n_bad > LISTED_BAD_ROWS)
    g_string_append_printf (bad, ngettext ("… and %u more row", "… and %u more rows",
                                           n_bad - LISTED_BAD_ROWS), n_bad - LISTED_BAD_ROWS);
  else if (bad->len > 0)
    g_string_truncate (bad, bad->len - 1);
  gtk_label_set_text (self->bad_label, bad->str);
  gtk_widget_set_visible (GTK_WIDGET (self->bad_group), n_bad > 0);

  add_unmatched_rows (self, 0, self->unmatched_group);
  add_unmatched_rows (self, 1, self->persona_unmatched_group);
}

static void
on_value_selected_cb (TrailImportDialog *self,
                      GParamSpec        *pspec,
                      AdwComboRow       *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *value = g_object_get_data (G_OBJECT (row), "value");
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "which"));
  GPtrArray *ids = self->value_ids[which];

  if (self->updating)
    return;

  trail_survey_import_map_value (self->import,
                                 which == 0 ? TRAIL_SURVEY_COLUMN_STAGE : TRAIL_SURVEY_COLUMN_PERSONA,
                                 value,
                                 selected > 0 && selected <= ids->len ? g_ptr_array_index (ids, selected - 1) : NULL);
  update (self);
}

static void
on_column_selected_cb (TrailImportDialog *self,
                       GParamSpec        *pspec,
                       AdwComboRow       *row)
{
  if (self->updating)
    return;

  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    if (self->column_rows[r] == row)
      trail_survey_import_set_column (self->import, r, (int) adw_combo_row_get_selected (row) - 1);
  update (self);
}

static void
show_scale (TrailImportDialog *self)
{
  double min, max;
  guint preset = G_N_ELEMENTS (scales);

  trail_survey_import_get_scale (self->import, &min, &max);
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i].min == min && scales[i].max == max)
      preset = i;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->scale_row, preset);
  gtk_spin_button_set_value (self->min_spin, min);
  gtk_spin_button_set_value (self->max_spin, max);
  self->updating = FALSE;
}

static void
on_scale_selected_cb (TrailImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scale_row);

  if (self->updating || selected >= G_N_ELEMENTS (scales))
    return;

  trail_survey_import_set_scale (self->import, scales[selected].min, scales[selected].max);
  show_scale (self);
  update (self);
}

static void
on_range_changed_cb (TrailImportDialog *self)
{
  double min = gtk_spin_button_get_value (self->min_spin);
  double max = gtk_spin_button_get_value (self->max_spin);

  if (self->updating)
    return;

  /* A range upside down is not applied until it is put right. */
  if (min < max)
    {
      trail_survey_import_set_scale (self->import, min, max);
      show_scale (self);
      update (self);
    }
}

static void
on_options_changed_cb (TrailImportDialog *self)
{
  if (self->updating)
    return;

  trail_survey_import_set_band_sd (self->import, adw_combo_row_get_selected (self->band_row) == 1);
  trail_survey_import_set_quotes (self->import,
                                  (guint) gtk_spin_button_get_value_as_int (self->quotes_spin),
                                  adw_combo_row_get_selected (self->quote_choice_row) == 1);
}

static void
show_options (TrailImportDialog *self)
{
  guint quotes;
  gboolean recent, band_sd;

  trail_survey_import_get_options (self->import, &quotes, &recent, &band_sd);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->band_row, band_sd ? 1 : 0);
  adw_combo_row_set_selected (self->quote_choice_row, recent ? 1 : 0);
  gtk_spin_button_set_value (self->quotes_spin, quotes);
  self->updating = FALSE;
}

static void
build_column_rows (TrailImportDialog *self)
{
  TrailCsv *csv = trail_survey_import_get_csv (self->import);
  g_autoptr(GtkStringList) headers = gtk_string_list_new (NULL);

  /* Translators: a column not used for this role. */
  gtk_string_list_append (headers, _("None"));
  for (guint c = 0; c < trail_csv_get_n_fields (csv, 0); c++)
    {
      g_autofree char *text = shorten (trail_csv_get_field (csv, 0, c));
      gtk_string_list_append (headers, text);
    }

  self->updating = TRUE;
  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    {
      GtkWidget *row = adw_combo_row_new ();

      if (self->column_rows[r] != NULL)
        adw_preferences_group_remove (self->columns_group, GTK_WIDGET (self->column_rows[r]));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (r));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (headers));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), trail_survey_import_get_column (self->import, r) + 1);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_column_selected_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, row);
      self->column_rows[r] = ADW_COMBO_ROW (row);
    }
  self->updating = FALSE;
}

/* Another separator: the file is read again, and its columns and scale
 * guessed again. */
static void
on_separator_selected_cb (TrailImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->separator_row);
  g_autoptr(GError) error = NULL;

  if (self->updating || selected >= G_N_ELEMENTS (separators))
    return;

  if (!trail_survey_import_set_separator (self->import, separators[selected], &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }

  fill_preview (self);
  build_column_rows (self);
  show_scale (self);
  update (self);
}

static void
build_rows (TrailImportDialog *self)
{
  GListModel *stages = trail_document_get_stages (self->document);
  GListModel *personas = trail_document_get_personas (self->document);

  build_column_rows (self);

  /* Translators: a stage value of the file that is not imported. */
  gtk_string_list_append (self->value_names[0], _("Leave Out"));
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);

      gtk_string_list_append (self->value_names[0], trail_stage_get_name (stage));
      g_ptr_array_add (self->value_ids[0], g_strdup (trail_stage_get_id (stage)));
    }

  /* Translators: a persona value of the file whose rows count for their
   * stage only, not for a persona. */
  gtk_string_list_append (self->value_names[1], _("No Persona"));
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      gtk_string_list_append (self->value_names[1], trail_persona_get_name (persona));
      g_ptr_array_add (self->value_ids[1], g_strdup (trail_persona_get_id (persona)));
    }
}

static void
trail_import_dialog_import_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  TrailImportDialog *self = TRAIL_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (trail_survey_import_apply (self->import, self->document, NULL, &error) == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
trail_import_dialog_dispose (GObject *object)
{
  TrailImportDialog *self = (TrailImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (trail_import_dialog_parent_class)->dispose (object);
}

static void
trail_import_dialog_finalize (GObject *object)
{
  TrailImportDialog *self = (TrailImportDialog *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->import, trail_survey_import_free);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->unmatched_rows[i], g_hash_table_unref);
      g_clear_pointer (&self->value_ids[i], g_ptr_array_unref);
      g_clear_object (&self->value_names[i]);
    }

  G_OBJECT_CLASS (trail_import_dialog_parent_class)->finalize (object);
}

static void
trail_import_dialog_class_init (TrailImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_import_dialog_dispose;
  object_class->finalize = trail_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, separator_row);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, min_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, max_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, band_row);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, quote_choice_row);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, quotes_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, unmatched_group);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, persona_unmatched_group);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, bad_group);
  gtk_widget_class_bind_template_child (widget_class, TrailImportDialog, bad_label);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, trail_import_dialog_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trail_import_dialog_init (TrailImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < 2; i++)
    {
      self->unmatched_rows[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->value_ids[i] = g_ptr_array_new_with_free_func (g_free);
      self->value_names[i] = gtk_string_list_new (NULL);
    }

  g_signal_connect_object (self->scale_row, "notify::selected", G_CALLBACK (on_scale_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->separator_row, "notify::selected", G_CALLBACK (on_separator_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (on_range_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_spin, "value-changed", G_CALLBACK (on_range_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->band_row, "notify::selected", G_CALLBACK (on_options_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quote_choice_row, "notify::selected", G_CALLBACK (on_options_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quotes_spin, "value-changed", G_CALLBACK (on_options_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

TrailImportDialog *
trail_import_dialog_new (GtkWindow         *parent,
                         TrailDocument     *document,
                         TrailSurveyImport *import)
{
  TrailImportDialog *self;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (import != NULL, NULL);

  self = g_object_new (TRAIL_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  self->import = import;

  fill_preview (self);
  build_rows (self);
  show_scale (self);
  show_options (self);
  update (self);

  return self;
}

/* ---- Opening a file ----------------------------------------------------- */

gboolean
trail_import_dialog_accepts (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL &&
         (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
          g_str_has_suffix (lower, ".txt"));
}

static void
show_error (GtkWindow  *parent,
            const char *name,
            const char *message)
{
  g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), name);

  trail_compat_tell (GTK_WIDGET (parent), heading, message);
}

static void
on_metrics_response_cb (TrailDocument *document,
                        const char    *response,
                        GObject       *dialog)
{
  TrailMetricImport *import = g_object_get_data (dialog, "import");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "import") == 0 &&
      trail_metric_import_apply (import, document, &error) == 0)
    g_warning ("%s", error->message);
}

/* A metrics file needs no choices: say what will happen, list the rows
 * left out, and ask. */
static void
confirm_metrics (GtkWindow     *parent,
                 TrailDocument *document,
                 GBytes        *bytes,
                 const char    *name)
{
  g_autoptr(GError) error = NULL;
  TrailMetricImport *import = trail_metric_import_new (bytes, name, 0, &error);
  g_autoptr(GString) body = g_string_new (NULL);
  GObject *dialog;
  guint n_bad;
  gboolean any_good;

  if (import == NULL || !trail_metric_import_check (import, document, &error))
    {
      show_error (parent, name, error->message);
      trail_metric_import_free (import);
      return;
    }

  n_bad = trail_metric_import_get_n_bad (import);
  g_string_append_printf (body, ngettext ("%u row of metrics goes onto the KPIs lane.",
                                          "%u rows of metrics go onto the KPIs lane.",
                                          trail_metric_import_get_n_good (import)),
                          trail_metric_import_get_n_good (import));
  for (guint i = 0; i < MIN (n_bad, 20); i++)
    {
      guint line;
      const char *why = trail_metric_import_get_bad (import, i, &line);

      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Line %u: %s"), line, why);
    }

  /* With no row to import, Import is left out rather than disabled: the
   * dialog only says why. */
  any_good = trail_metric_import_get_n_good (import) > 0;
  {
    const TrailResponse responses[] = {
      { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
      { any_good ? "import" : NULL, _("_Import"), ADW_RESPONSE_SUGGESTED },
      { NULL }
    };

    dialog = trail_compat_ask (GTK_WIDGET (parent), _("Import Metrics?"), body->str, responses,
                               any_good ? "import" : "cancel", "cancel",
                               G_CALLBACK (on_metrics_response_cb), document);
  }
  g_object_set_data_full (dialog, "import", import, (GDestroyNotify) trail_metric_import_free);
}

/* A spreadsheet of cards, as the CSV export writes it, needs no choices:
 * it goes in at once, one undo step; rows left out are listed. */
static void
import_cards (GtkWindow     *parent,
              TrailDocument *document,
              GBytes        *bytes,
              const char    *name)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;
  guint n_cards;

  n_cards = trail_map_csv_import (document, bytes, name, problems, &error);
  if (n_cards == 0)
    {
      show_error (parent, name, error->message);
      return;
    }
  if (problems->len == 0)
    return;

  body = g_string_new (NULL);
  g_string_append_printf (body, ngettext ("%u card was added or updated; Undo takes the import back.",
                                          "%u cards were added or updated; Undo takes the import back.", n_cards),
                          n_cards);
  for (guint i = 0; i < MIN (problems->len, 20); i++)
    g_string_append_printf (body, "\n%s", (char *) problems->pdata[i]);
  trail_compat_tell (GTK_WIDGET (parent), _("Some Rows Were Left Out"), body->str);
}

void
trail_import_dialog_open_file (GtkWindow     *parent,
                               TrailDocument *document,
                               GFile         *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TrailCsv) csv = NULL;
  TrailSurveyImport *import = NULL;
  GListModel *surveys;

  g_return_if_fail (TRAIL_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));

  /* The limit is checked before reading a byte. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && (guint64) g_file_info_get_size (info) > TRAIL_CSV_DEFAULT_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (TRAIL_CSV_DEFAULT_MAX_BYTES);
      g_autofree char *message = g_strdup_printf (_("The file is too big (%s; the limit is %s)."), size, limit);

      show_error (parent, name, message);
      return;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      show_error (parent, name, error->message);
      return;
    }

  csv = trail_csv_parse (bytes, 0, 0, &error);
  if (csv == NULL)
    {
      show_error (parent, name, error->message);
      return;
    }
  if (trail_metric_import_looks_like (csv))
    {
      confirm_metrics (parent, document, bytes, name);
      return;
    }
  if (trail_map_csv_looks_like (csv))
    {
      import_cards (parent, document, bytes, name);
      return;
    }

  /* A file imported before is read the way it was. */
  surveys = trail_document_get_surveys (document);
  for (guint i = 0; i < g_list_model_get_n_items (surveys) && import == NULL; i++)
    {
      g_autoptr(TrailSurvey) survey = g_list_model_get_item (surveys, i);

      if (g_strcmp0 (trail_survey_get_source (survey), name) == 0)
        import = trail_survey_import_new_refresh (bytes, survey, NULL);
    }
  if (import == NULL)
    import = trail_survey_import_new (bytes, name, 0, &error);
  if (import == NULL)
    {
      show_error (parent, name, error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (trail_import_dialog_new (parent, document, import)));
}

static void
on_file_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TrailDocument) document = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = trail_compat_choose_file_finish (result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    trail_compat_tell (GTK_WIDGET (object), _("Import Survey Results or Metrics"), error->message);
  else if (file != NULL)
    trail_import_dialog_open_file (GTK_WINDOW (object), document, file);
}

void
trail_import_dialog_choose (GtkWindow     *parent,
                            TrailDocument *document)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  TrailFileRequest request = {
    .action = TRAIL_FILE_OPEN,
    .title = _("Import Survey Results or Metrics"),
    .accept_label = _("_Open"),
    .filter = filter,
  };

  g_return_if_fail (TRAIL_IS_DOCUMENT (document));

  gtk_file_filter_set_name (filter, _("Survey results and metrics (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");

  trail_compat_choose_file (GTK_WIDGET (parent), &request, NULL,
                            on_file_chosen_cb, g_object_ref (document));
}

void
trail_import_dialog_refresh (GtkWindow     *parent,
                             TrailDocument *document,
                             GFile         *map_file)
{
  GListModel *surveys;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (TRAIL_IS_DOCUMENT (document));

  surveys = trail_document_get_surveys (document);
  if (g_list_model_get_n_items (surveys) == 0)
    {
      trail_compat_tell (GTK_WIDGET (parent), _("No Survey Results to Refresh"),
                         _("Import a survey’s CSV file first; Refresh then reads it again."));
      return;
    }

  /* The file records names, not paths (a map travels between machines):
   * the survey is looked for beside the map. */
  folder = map_file != NULL ? g_file_get_parent (map_file) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (surveys); i++)
    {
      g_autoptr(TrailSurvey) survey = g_list_model_get_item (surveys, i);
      const char *source = trail_survey_get_source (survey);
      g_autoptr(GFile) file = folder != NULL ? g_file_get_child (folder, source) : NULL;

      if (file == NULL || !g_file_query_exists (file, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not in the map’s folder. Import it again from where it is, and the survey is refreshed."),
                             source);
          show_error (parent, source, message);
          continue;
        }

      trail_import_dialog_open_file (parent, document, file);
    }
}

/* trail-survey-import.c — survey results from a CSV file onto a map
 *
 * Everything that can fail happens in check, before the document is
 * touched; apply then makes one group of edits that cannot fail, so an
 * import never leaves a half-changed map and undo takes it back in one
 * step.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-survey-import"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trail-json-check.h"
#include "trail-survey-import.h"
#include "trail-enums.h"
#include "trail-model-private.h"

/* A quote card holds a verbatim up to this many bytes; longer ones end in
 * "…" (the file says which row holds the whole text). */
#define MAX_QUOTE_BYTES 1000
/* Mapping files are a few lines; refuse anything that is not. */
#define MAX_MAPPING_BYTES (256 * 1024)
/* Column headers and values are names, not text. */
#define MAX_NAME_BYTES 1000

static const char * const role_keys[TRAIL_SURVEY_N_COLUMNS] = {
  "stage", "score", "persona", "verbatim", "date", "channel", "respondent",
};

static const char * const role_properties[TRAIL_SURVEY_N_COLUMNS] = {
  "stage-column", "score-column", "persona-column", "verbatim-column",
  "date-column", "channel-column", "respondent-column",
};

/* Headers each role is guessed from, compared without case, spaces,
 * punctuation: first whole headers, then headers that contain one.
 * English first, then the words German, French and Spanish survey tools
 * write. */
static const char * const role_words[TRAIL_SURVEY_N_COLUMNS][12] = {
  { "stage", "journeystage", "phase", "step", "etape", "etapa", "stufe", NULL },
  { "score", "rating", "nps", "csat", "ces", "satisfaction", "bewertung", "note",
    "puntuacion", "recommend", NULL },
  { "persona", "segment", "customersegment", "usertype", "personas", NULL },
  { "verbatim", "comment", "comments", "feedback", "kommentar", "commentaire",
    "comentario", "text", "answer", "why", NULL },
  { "date", "datum", "submitted", "submittedat", "timestamp", "time", "created",
    "fecha", NULL },
  { "channel", "kanal", "canal", "source", NULL },
  { "respondent", "respondentid", "responseid", "antwortid", "id", "userid",
    "participant", NULL },
};

typedef struct
{
  guint       row;       /* index in the CSV */
  double      score;     /* on the map's scale */
  const char *stage_id;
  const char *persona_id;
} GoodRow;


struct _TrailSurveyImport
{
  GBytes     *bytes;
  TrailCsv   *csv;
  char       *source;
  char        separator;   /* given, or 0 when guessed */
  int         columns[TRAIL_SURVEY_N_COLUMNS];
  double      scale_min;
  double      scale_max;
  GHashTable *value_maps[2]; /* stage, persona: folded value → id */
  guint       quotes;
  gboolean    recent;
  gboolean    band_sd;

  /* From check. */
  GArray     *good;        /* GoodRow */
  TrailCsvBadRows *bad;
  GHashTable *unmatched[2]; /* value → count */
  double      map_min;
  double      map_max;
};


static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

static guint
n_headers (TrailSurveyImport *self)
{
  return trail_csv_get_n_fields (self->csv, 0);
}

static const char *
header (TrailSurveyImport *self,
        int                column)
{
  return column >= 0 ? trail_csv_get_field (self->csv, 0, column) : NULL;
}

/* A longer word anywhere in a header ("Overall satisfaction score");
 * NPS and CSAT, too short to look for anywhere, at its start or end
 * ("NPS score", "How likely … (NPS)"). */
static gboolean
word_in_key (const char *key,
             const char *word)
{
  if (strlen (word) > 3)
    return strstr (key, word) != NULL;
  if (g_str_equal (word, "nps") || g_str_equal (word, "csat"))
    return g_str_has_prefix (key, word) || g_str_has_suffix (key, word);
  return FALSE;
}

static void
guess_columns (TrailSurveyImport *self)
{
  guint n = n_headers (self);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *taken = g_new0 (gboolean, n);

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (keys, trail_csv_header_key (header (self, c)));

  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    self->columns[r] = -1;

  /* Whole headers first, for every role, so that "Response ID" is not
   * taken as a verbatim for containing "response". */
  for (guint pass = 0; pass < 2; pass++)
    for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
      for (guint w = 0; self->columns[r] < 0 && role_words[r][w] != NULL; w++)
        for (guint c = 0; c < n; c++)
          {
            const char *key = g_ptr_array_index (keys, c);

            if (taken[c] || key[0] == '\0')
              continue;
            if (pass == 0 ? strcmp (key, role_words[r][w]) == 0
                          : word_in_key (key, role_words[r][w]))
              {
                self->columns[r] = c;
                taken[c] = TRUE;
                break;
              }
          }
}

/* The usual scales, from the scores' range: a 0–10 question is NPS. */
static void
guess_scale (TrailSurveyImport *self)
{
  const char *score_header = header (self, self->columns[TRAIL_SURVEY_COLUMN_SCORE]);
  g_autofree char *key = score_header != NULL ? trail_csv_header_key (score_header) : NULL;
  double lo = INFINITY, hi = -INFINITY;
  guint n_rows = trail_csv_get_n_rows (self->csv);

  self->scale_min = 0;
  self->scale_max = 10;

  if (key != NULL && strstr (key, "csat") != NULL)
    {
      self->scale_min = 1;
      self->scale_max = 5;
      return;
    }
  if (key != NULL && strstr (key, "ces") != NULL)
    {
      self->scale_min = 1;
      self->scale_max = 7;
      return;
    }
  if (key != NULL && strstr (key, "nps") != NULL)
    return;
  if (self->columns[TRAIL_SURVEY_COLUMN_SCORE] < 0)
    return;

  for (guint i = 1; i < n_rows; i++)
    {
      const char *text = trail_csv_get_field (self->csv, i, self->columns[TRAIL_SURVEY_COLUMN_SCORE]);
      double v;

      if (text != NULL && trail_csv_parse_number (text, &v))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }

  if (lo > hi)
    return;

  if (lo >= 1 && hi <= 5)
    self->scale_min = 1, self->scale_max = 5;
  else if (lo >= 1 && hi <= 7)
    self->scale_min = 1, self->scale_max = 7;
  else if (lo >= 0 && hi <= 10)
    self->scale_min = 0, self->scale_max = 10;
  else if (lo >= 0 && hi <= 100)
    self->scale_min = 0, self->scale_max = 100;
  else
    {
      self->scale_min = floor (lo);
      self->scale_max = MAX (ceil (hi), self->scale_min + 1);
    }
}

static TrailSurveyImport *
import_new (GBytes      *bytes,
            const char  *source,
            char         separator,
            GError     **error)
{
  g_autoptr(TrailSurveyImport) self = g_new0 (TrailSurveyImport, 1);

  self->bytes = g_bytes_ref (bytes);
  self->source = g_path_get_basename (source);
  self->separator = separator;
  self->quotes = 2;
  for (guint i = 0; i < 2; i++)
    self->value_maps[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->good = g_array_new (FALSE, FALSE, sizeof (GoodRow));
  self->bad = trail_csv_bad_rows_new ();

  if (!g_utf8_validate (self->source, -1, NULL) || strlen (self->source) > MAX_NAME_BYTES)
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("the file’s name is not valid UTF-8 or too long"));
      return NULL;
    }

  self->csv = trail_csv_parse (bytes, separator, 0, error);
  if (self->csv == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

TrailSurveyImport *
trail_survey_import_new (GBytes      *bytes,
                         const char  *source,
                         char         separator,
                         GError     **error)
{
  TrailSurveyImport *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  self = import_new (bytes, source, separator, error);
  if (self != NULL)
    {
      guess_columns (self);
      guess_scale (self);
    }

  return self;
}

static int
find_header (TrailSurveyImport  *self,
             const char         *name,
             GError            **error)
{
  guint n = n_headers (self);
  g_autofree char *folded = fold (name);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint c = 0; c < n; c++)
    if (strcmp (header (self, c), name) == 0)
      return c;

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *other = fold (header (self, c));

      if (strcmp (other, folded) == 0)
        return c;
      g_string_append_printf (names, "%s“%s”", c > 0 ? ", " : "", header (self, c));
    }

  g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
               _("%s has no column “%s” (its columns: %s)"), self->source, name, names->str);
  return -2;
}

static void
add_value_maps (TrailSurveyImport  *self,
                TrailSurveyColumn   role,
                const char * const *pairs)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *eq = strrchr (pairs[i], '=');
      g_autofree char *value = NULL;

      if (eq == NULL)
        continue;
      value = g_strndup (pairs[i], eq - pairs[i]);
      trail_survey_import_map_value (self, role, value, eq + 1);
    }
}

TrailSurveyImport *
trail_survey_import_new_refresh (GBytes       *bytes,
                                 TrailSurvey  *survey,
                                 GError      **error)
{
  g_autoptr(TrailSurveyImport) self = NULL;
  g_autofree char *separator = NULL;
  g_auto(GStrv) stage_values = NULL;
  g_auto(GStrv) persona_values = NULL;
  g_autofree char *choice = NULL;
  char sep = 0;
  guint quotes;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (TRAIL_IS_SURVEY (survey), NULL);

  g_object_get (survey,
                "separator", &separator,
                "stage-values", &stage_values,
                "persona-values", &persona_values,
                "quotes", &quotes,
                "quote-choice", &choice,
                NULL);

  if (g_strcmp0 (separator, "tab") == 0)
    sep = '\t';
  else if (g_strcmp0 (separator, ",") == 0 || g_strcmp0 (separator, ";") == 0)
    sep = separator[0];

  self = import_new (bytes, trail_survey_get_source (survey), sep, error);
  if (self == NULL)
    return NULL;

  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    {
      g_autofree char *name = NULL;

      g_object_get (survey, role_properties[r], &name, NULL);
      self->columns[r] = -1;
      if (name != NULL && (self->columns[r] = find_header (self, name, error)) < -1)
        return NULL;
    }

  self->scale_min = trail_survey_get_scale_min (survey);
  self->scale_max = trail_survey_get_scale_max (survey);
  add_value_maps (self, TRAIL_SURVEY_COLUMN_STAGE, (const char * const *) stage_values);
  add_value_maps (self, TRAIL_SURVEY_COLUMN_PERSONA, (const char * const *) persona_values);
  self->quotes = quotes;
  self->recent = g_strcmp0 (choice, "recent") == 0;
  self->band_sd = trail_survey_get_band_is_sd (survey);

  return g_steal_pointer (&self);
}

static void
clear_check (TrailSurveyImport *self)
{
  g_array_set_size (self->good, 0);
  trail_csv_bad_rows_clear (self->bad);
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&self->unmatched[i], g_hash_table_unref);
}

void
trail_survey_import_free (TrailSurveyImport *self)
{
  if (self == NULL)
    return;

  clear_check (self);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->csv, trail_csv_free);
  g_free (self->source);
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&self->value_maps[i], g_hash_table_unref);
  g_clear_pointer (&self->good, g_array_unref);
  g_clear_pointer (&self->bad, trail_csv_bad_rows_free);
  g_free (self);
}

TrailCsv *
trail_survey_import_get_csv (TrailSurveyImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->csv;
}

const char *
trail_survey_import_get_source (TrailSurveyImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

gboolean
trail_survey_import_set_separator (TrailSurveyImport  *self,
                                   char                separator,
                                   GError            **error)
{
  TrailCsv *csv;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (separator == ',' || separator == ';' || separator == '\t', FALSE);

  if (separator != trail_csv_get_separator (self->csv))
    {
      csv = trail_csv_parse (self->bytes, separator, 0, error);
      if (csv == NULL)
        return FALSE;
      trail_csv_free (self->csv);
      self->csv = csv;
    }

  self->separator = separator;
  guess_columns (self);
  guess_scale (self);
  return TRUE;
}

int
trail_survey_import_get_column (TrailSurveyImport *self,
                                TrailSurveyColumn  role)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (role < TRAIL_SURVEY_N_COLUMNS, -1);
  return self->columns[role];
}

void
trail_survey_import_set_column (TrailSurveyImport *self,
                                TrailSurveyColumn  role,
                                int                column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (role < TRAIL_SURVEY_N_COLUMNS);
  g_return_if_fail (column >= -1 && column < (int) n_headers (self));
  self->columns[role] = column;
}

void
trail_survey_import_get_scale (TrailSurveyImport *self,
                               double            *min,
                               double            *max)
{
  g_return_if_fail (self != NULL);
  if (min != NULL)
    *min = self->scale_min;
  if (max != NULL)
    *max = self->scale_max;
}

void
trail_survey_import_set_scale (TrailSurveyImport *self,
                               double             min,
                               double             max)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (min) && isfinite (max) && min < max);
  g_return_if_fail (fabs (min) <= 1e6 && fabs (max) <= 1e6);
  self->scale_min = min;
  self->scale_max = max;
}

void
trail_survey_import_map_value (TrailSurveyImport *self,
                               TrailSurveyColumn  role,
                               const char        *value,
                               const char        *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (role == TRAIL_SURVEY_COLUMN_STAGE || role == TRAIL_SURVEY_COLUMN_PERSONA);
  g_return_if_fail (value != NULL);

  if (id != NULL)
    g_hash_table_insert (self->value_maps[role == TRAIL_SURVEY_COLUMN_PERSONA], fold (value), g_strdup (id));
  else
    {
      g_autofree char *key = fold (value);
      g_hash_table_remove (self->value_maps[role == TRAIL_SURVEY_COLUMN_PERSONA], key);
    }
}

void
trail_survey_import_set_quotes (TrailSurveyImport *self,
                                guint              n,
                                gboolean           most_recent)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n <= 20);
  self->quotes = n;
  self->recent = most_recent;
}

void
trail_survey_import_get_options (TrailSurveyImport *self,
                                 guint             *quotes,
                                 gboolean          *most_recent,
                                 gboolean          *band_sd)
{
  g_return_if_fail (self != NULL);
  if (quotes != NULL)
    *quotes = self->quotes;
  if (most_recent != NULL)
    *most_recent = self->recent;
  if (band_sd != NULL)
    *band_sd = self->band_sd;
}

void
trail_survey_import_set_band_sd (TrailSurveyImport *self,
                                 gboolean           sd)
{
  g_return_if_fail (self != NULL);
  self->band_sd = sd;
}

/* ---- Mapping files ------------------------------------------------------ */

static gboolean
mapping_error (GError     **error,
               const char  *message)
{
  g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
               _("mapping: %s"), message);
  return FALSE;
}

static gboolean
member_is (JsonNode *node,
           GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Finds a stage or persona by id, else by name (without case). */
static const char *
resolve_item (TrailDocument *document,
              GListModel    *list,
              const char    *name_or_id)
{
  g_autofree char *folded = fold (name_or_id);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      const char *id = TRAIL_IS_STAGE (item) ? trail_stage_get_id (TRAIL_STAGE (item))
                                             : trail_persona_get_id (TRAIL_PERSONA (item));

      if (strcmp (id, name_or_id) == 0)
        return id;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      const char *name = TRAIL_IS_STAGE (item) ? trail_stage_get_name (TRAIL_STAGE (item))
                                               : trail_persona_get_name (TRAIL_PERSONA (item));
      g_autofree char *other = fold (name);

      if (strcmp (other, folded) == 0)
        return TRAIL_IS_STAGE (item) ? trail_stage_get_id (TRAIL_STAGE (item))
                                     : trail_persona_get_id (TRAIL_PERSONA (item));
    }

  return NULL;
}

static gboolean
load_value_map (TrailSurveyImport  *self,
                TrailDocument      *document,
                JsonNode           *node,
                TrailSurveyColumn   role,
                GError            **error)
{
  GListModel *list = role == TRAIL_SURVEY_COLUMN_STAGE ? trail_document_get_stages (document)
                                                       : trail_document_get_personas (document);
  JsonObjectIter iter;
  const char *value;
  JsonNode *target;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mapping_error (error, role == TRAIL_SURVEY_COLUMN_STAGE
                                 ? _("“stages” must be an object of “value”: “stage”")
                                 : _("“personas” must be an object of “value”: “persona”"));

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &value, &target))
    {
      const char *id;

      if (!member_is (target, G_TYPE_STRING))
        return mapping_error (error, _("stage and persona values must map to names"));

      id = resolve_item (document, list, json_node_get_string (target));
      if (id == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (role == TRAIL_SURVEY_COLUMN_STAGE ? _("the map has no stage “%s”")
                                                               : _("the map has no persona “%s”"),
                             json_node_get_string (target));
          return mapping_error (error, message);
        }
      trail_survey_import_map_value (self, role, value, id);
    }

  return TRUE;
}

gboolean
trail_survey_import_load_mapping (TrailSurveyImport  *self,
                                  TrailDocument      *document,
                                  GBytes             *json,
                                  GError            **error)
{
  static const char * const known[] = {
    "columns", "scale", "separator", "stages", "personas", "quotes", "quote-choice", "band", NULL
  };
  /* A mapping is small and flat: a few objects of names. */
  static const TrailJsonLimits limits = {
    .max_bytes  = MAX_MAPPING_BYTES,
    .max_depth  = 8,
    .max_values = 100000,
    .max_string = 4096,
  };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int columns[TRAIL_SURVEY_N_COLUMNS];
  JsonObject *root, *object;
  GList *members;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (g_bytes_get_size (json) > MAX_MAPPING_BYTES)
    return mapping_error (error, _("the file is too big for a mapping"));

  /* The strict reader, as for every file from outside: no comments or
   * single quotes, no wrapped numbers, no NUL, bounded depth and size. */
  node = trail_json_parse (g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                           _("mapping"), &limits, &local_error);
  if (node == NULL)
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, local_error->code, local_error->message);
      return FALSE;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return mapping_error (error, _("expected an object"));
  root = json_node_get_object (node);

  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *message = g_strdup_printf (_("unknown member “%s”"), (char *) l->data);
        g_list_free (members);
        return mapping_error (error, message);
      }
  g_list_free (members);

  /* A separator other than the guessed one means reading the file again. */
  if ((node = json_object_get_member (root, "separator")) != NULL)
    {
      const char *s = member_is (node, G_TYPE_STRING) ? json_node_get_string (node) : "";
      char sep = g_str_equal (s, "tab") || g_str_equal (s, "\t") ? '\t'
               : g_str_equal (s, ",") || g_str_equal (s, ";") ? s[0] : 0;

      if (sep == 0)
        return mapping_error (error, _("“separator” must be “,”, “;” or “tab”"));

      if (!trail_survey_import_set_separator (self, sep, error))
        return FALSE;
    }

  memcpy (columns, self->columns, sizeof columns);
  if ((node = json_object_get_member (root, "columns")) != NULL)
    {
      JsonObjectIter iter;
      const char *role;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return mapping_error (error, _("“columns” must be an object of “role”: “header”"));

      /* Roles the file leaves out are not used: the mapping says it all. */
      for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
        columns[r] = -1;

      object = json_node_get_object (node);
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &role, &value))
        {
          guint r;

          for (r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
            if (strcmp (role, role_keys[r]) == 0)
              break;

          if (r == TRAIL_SURVEY_N_COLUMNS)
            {
              g_autofree char *message =
                g_strdup_printf (_("unknown column role “%s” (known: stage, score, persona, verbatim, date, channel, respondent)"), role);
              return mapping_error (error, message);
            }

          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (!member_is (value, G_TYPE_STRING))
            return mapping_error (error, _("a column is named by its header"));
          if ((columns[r] = find_header (self, json_node_get_string (value), error)) < -1)
            return FALSE;
        }
    }

  if ((node = json_object_get_member (root, "scale")) != NULL)
    {
      const char *named = member_is (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
      double min, max;

      if (g_strcmp0 (named, "nps") == 0)
        min = 0, max = 10;
      else if (g_strcmp0 (named, "csat") == 0)
        min = 1, max = 5;
      else if (g_strcmp0 (named, "ces") == 0)
        min = 1, max = 7;
      else if (JSON_NODE_HOLDS_OBJECT (node) &&
               json_object_has_member (object = json_node_get_object (node), "min") &&
               json_object_has_member (object, "max") &&
               json_node_get_value_type (json_object_get_member (object, "min")) != G_TYPE_STRING &&
               json_node_get_value_type (json_object_get_member (object, "max")) != G_TYPE_STRING &&
               JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "min")) &&
               JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "max")))
        {
          min = json_object_get_double_member (object, "min");
          max = json_object_get_double_member (object, "max");
        }
      else
        return mapping_error (error, _("“scale” must be “nps”, “csat”, “ces” or {\"min\": 0, \"max\": 10}"));

      if (!(min < max) || fabs (min) > 1e6 || fabs (max) > 1e6)
        return mapping_error (error, _("the scale’s min must be below its max"));
      self->scale_min = min;
      self->scale_max = max;
    }

  if ((node = json_object_get_member (root, "stages")) != NULL &&
      !load_value_map (self, document, node, TRAIL_SURVEY_COLUMN_STAGE, error))
    return FALSE;
  if ((node = json_object_get_member (root, "personas")) != NULL &&
      !load_value_map (self, document, node, TRAIL_SURVEY_COLUMN_PERSONA, error))
    return FALSE;

  if ((node = json_object_get_member (root, "quotes")) != NULL)
    {
      if (!member_is (node, G_TYPE_INT64) || json_node_get_int (node) < 0 || json_node_get_int (node) > 20)
        return mapping_error (error, _("“quotes” must be a whole number from 0 to 20"));
      self->quotes = json_node_get_int (node);
    }

  if ((node = json_object_get_member (root, "quote-choice")) != NULL)
    {
      const char *s = member_is (node, G_TYPE_STRING) ? json_node_get_string (node) : "";

      if (!g_str_equal (s, "extreme") && !g_str_equal (s, "recent"))
        return mapping_error (error, _("“quote-choice” must be “extreme” or “recent”"));
      self->recent = g_str_equal (s, "recent");
    }

  if ((node = json_object_get_member (root, "band")) != NULL)
    {
      const char *s = member_is (node, G_TYPE_STRING) ? json_node_get_string (node) : "";

      if (!g_str_equal (s, "iqr") && !g_str_equal (s, "sd"))
        return mapping_error (error, _("“band” must be “iqr” or “sd”"));
      self->band_sd = g_str_equal (s, "sd");
    }

  memcpy (self->columns, columns, sizeof columns);
  return TRUE;
}

GBytes *
trail_survey_import_save_mapping (TrailSurveyImport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    if (self->columns[r] >= 0)
      {
        json_builder_set_member_name (builder, role_keys[r]);
        json_builder_add_string_value (builder, header (self, self->columns[r]));
      }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "scale");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "min");
  json_builder_add_double_value (builder, self->scale_min);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, self->scale_max);
  json_builder_end_object (builder);

  if (self->separator != 0)
    {
      char sep[2] = { self->separator, '\0' };

      json_builder_set_member_name (builder, "separator");
      json_builder_add_string_value (builder, self->separator == '\t' ? "tab" : sep);
    }

  json_builder_set_member_name (builder, "quotes");
  json_builder_add_int_value (builder, self->quotes);
  json_builder_set_member_name (builder, "quote-choice");
  json_builder_add_string_value (builder, self->recent ? "recent" : "extreme");
  json_builder_set_member_name (builder, "band");
  json_builder_add_string_value (builder, self->band_sd ? "sd" : "iqr");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static const char *
scale_name (double min,
            double max)
{
  if (min == 0 && max == 10)
    return "NPS";
  if (min == 1 && max == 5)
    return "CSAT";
  if (min == 1 && max == 7)
    return "CES";
  return NULL;
}

char *
trail_survey_import_describe (TrailSurveyImport *self)
{
  GString *out = g_string_new (NULL);
  char sep = trail_csv_get_separator (self->csv);
  const char *name = scale_name (self->scale_min, self->scale_max);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (out, _("%s: %u rows after the header, %s, separated by %s\n"),
                          self->source, trail_csv_get_n_rows (self->csv) - 1,
                          trail_csv_get_encoding (self->csv),
                          sep == '\t' ? _("tabs") : sep == ';' ? _("semicolons") : _("commas"));

  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    {
      if (self->columns[r] >= 0)
        g_string_append_printf (out, "  %-10s ← “%s”", role_keys[r], header (self, self->columns[r]));
      else
        g_string_append_printf (out, "  %-10s %s", role_keys[r], _("(no column)"));

      if (r == TRAIL_SURVEY_COLUMN_SCORE)
        {
          g_string_append_printf (out, _(", scale %g to %g"), self->scale_min, self->scale_max);
          if (name != NULL)
            g_string_append_printf (out, " (%s)", name);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* ---- Check: every row against a document ------------------------------ */

static void
add_bad (TrailSurveyImport *self,
         guint              row,
         char              *message)
{
  trail_csv_bad_rows_add (self->bad, trail_csv_get_line (self->csv, row), message);
}

/* A value of the file → the id it stands for, by the hand-made mapping
 * first, then by name; NULL when nothing matches. Looked up once per
 * distinct value: the cache is keyed by the value's text in the CSV. */
static const char *
resolve_value (TrailSurveyImport *self,
               GHashTable        *cache,
               GHashTable        *by_name,
               TrailSurveyColumn  role,
               const char        *value)
{
  gpointer found;
  g_autofree char *key = NULL;
  const char *id;

  if (g_hash_table_lookup_extended (cache, value, NULL, &found))
    return found;

  key = fold (value);
  id = g_hash_table_lookup (self->value_maps[role == TRAIL_SURVEY_COLUMN_PERSONA], key);
  if (id == NULL)
    id = g_hash_table_lookup (by_name, key);

  g_hash_table_insert (cache, (gpointer) value, (gpointer) id);
  return id;
}

static GHashTable *
names_of (GListModel *list)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      gboolean stage = TRAIL_IS_STAGE (item);
      const char *name = stage ? trail_stage_get_name (TRAIL_STAGE (item))
                               : trail_persona_get_name (TRAIL_PERSONA (item));
      const char *id = stage ? trail_stage_get_id (TRAIL_STAGE (item))
                             : trail_persona_get_id (TRAIL_PERSONA (item));

      /* The first of two stages with one name wins, as people read. */
      if (!g_hash_table_contains (names, name))
        g_hash_table_insert (names, fold (name), (gpointer) id);
    }

  return names;
}

static void
count_unmatched (TrailSurveyImport *self,
                 guint              which,
                 const char        *value)
{
  guint n;

  if (self->unmatched[which] == NULL)
    self->unmatched[which] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->unmatched[which], value));
  g_hash_table_insert (self->unmatched[which], g_strdup (value), GUINT_TO_POINTER (n + 1));
}

static gboolean
ids_valid (TrailSurveyImport *self,
           TrailDocument     *document)
{
  GHashTableIter iter;
  gpointer id;

  /* Stages and personas mapped by hand may have been removed since. */
  g_hash_table_iter_init (&iter, self->value_maps[0]);
  while (g_hash_table_iter_next (&iter, NULL, &id))
    if (trail_document_find_stage (document, id) == NULL)
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, self->value_maps[1]);
  while (g_hash_table_iter_next (&iter, NULL, &id))
    if (trail_document_find_persona (document, id) == NULL)
      g_hash_table_iter_remove (&iter);

  return TRUE;
}

gboolean
trail_survey_import_check (TrailSurveyImport  *self,
                           TrailDocument      *document,
                           GError            **error)
{
  g_autoptr(GHashTable) stage_names = NULL;
  g_autoptr(GHashTable) persona_names = NULL;
  g_autoptr(GHashTable) stage_cache = NULL;
  g_autoptr(GHashTable) persona_cache = NULL;
  int stage_col, score_col, persona_col;
  guint n_rows;
  double span, map_span;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), FALSE);

  clear_check (self);

  stage_col = self->columns[TRAIL_SURVEY_COLUMN_STAGE];
  score_col = self->columns[TRAIL_SURVEY_COLUMN_SCORE];
  persona_col = self->columns[TRAIL_SURVEY_COLUMN_PERSONA];

  if (stage_col < 0 || score_col < 0)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s: choose the column that holds the stage and the one that holds the score"),
                   self->source);
      return FALSE;
    }

  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    if (self->columns[r] >= 0 && strlen (header (self, self->columns[r])) > MAX_NAME_BYTES)
      {
        g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                     _("%s: the header of column %d is too long to be a name"),
                     self->source, self->columns[r] + 1);
        return FALSE;
      }

  n_rows = trail_csv_get_n_rows (self->csv);
  if (n_rows - 1 > TRAIL_SURVEY_MAX_ROWS)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("%s has too many rows (%u; the limit is %d)"),
                   self->source, n_rows - 1, TRAIL_SURVEY_MAX_ROWS);
      return FALSE;
    }

  ids_valid (self, document);
  stage_names = names_of (trail_document_get_stages (document));
  persona_names = names_of (trail_document_get_personas (document));
  stage_cache = g_hash_table_new (g_str_hash, g_str_equal);
  persona_cache = g_hash_table_new (g_str_hash, g_str_equal);

  self->map_min = trail_document_get_scale_min (document);
  self->map_max = trail_document_get_scale_max (document);
  span = self->scale_max - self->scale_min;
  map_span = self->map_max - self->map_min;

  g_array_set_size (self->good, 0);

  for (guint i = 1; i < n_rows; i++)
    {
      const char *problem = trail_csv_get_row_problem (self->csv, i);
      const char *stage_value, *score_text, *stage_id;
      GoodRow good;
      double score;

      if (problem != NULL)
        {
          add_bad (self, i, g_strdup (problem));
          continue;
        }

      stage_value = trail_csv_get_field (self->csv, i, stage_col);
      score_text = trail_csv_get_field (self->csv, i, score_col);

      if (stage_value == NULL || score_text == NULL)
        {
          add_bad (self, i, g_strdup_printf (_("too few fields (%u of the header’s %u)"),
                                             trail_csv_get_n_fields (self->csv, i), n_headers (self)));
          continue;
        }

      stage_id = resolve_value (self, stage_cache, stage_names, TRAIL_SURVEY_COLUMN_STAGE, stage_value);
      if (stage_id == NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (stage_value));

          if (stripped[0] == '\0')
            add_bad (self, i, g_strdup (_("no stage")));
          else
            {
              add_bad (self, i, g_strdup_printf (_("no stage is called “%s”"), stripped));
              count_unmatched (self, 0, stripped);
            }
          continue;
        }

      if (!trail_csv_parse_number (score_text, &score))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (score_text));

          add_bad (self, i, stripped[0] == '\0' ? g_strdup (_("no score"))
                                                : g_strdup_printf (_("the score “%s” is not a number"), stripped));
          continue;
        }

      if (score < self->scale_min || score > self->scale_max)
        {
          add_bad (self, i, g_strdup_printf (_("the score %g is outside the scale %g to %g"),
                                             score, self->scale_min, self->scale_max));
          continue;
        }

      good.row = i;
      good.score = self->map_min + (score - self->scale_min) / span * map_span;
      good.stage_id = stage_id;
      good.persona_id = NULL;

      if (persona_col >= 0)
        {
          const char *persona_value = trail_csv_get_field (self->csv, i, persona_col);

          if (persona_value != NULL)
            {
              good.persona_id = resolve_value (self, persona_cache, persona_names,
                                               TRAIL_SURVEY_COLUMN_PERSONA, persona_value);
              if (good.persona_id == NULL)
                {
                  g_autofree char *stripped = g_strstrip (g_strdup (persona_value));

                  /* Counted for the stage, not for a persona: segments the
                   * map has no persona for are common. */
                  if (stripped[0] != '\0')
                    count_unmatched (self, 1, stripped);
                }
            }
        }

      g_array_append_val (self->good, good);
    }

  return TRUE;
}

guint
trail_survey_import_get_n_good (TrailSurveyImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->good->len;
}

guint
trail_survey_import_get_n_bad (TrailSurveyImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return trail_csv_bad_rows_get_n (self->bad);
}

const char *
trail_survey_import_get_bad (TrailSurveyImport *self,
                             guint              index,
                             guint             *line)
{
  g_return_val_if_fail (self != NULL, NULL);

  return trail_csv_bad_rows_get (self->bad, index, line);
}

static GHashTable *sort_counts;

static int
compare_by_count (gconstpointer a,
                  gconstpointer b)
{
  const char *sa = *(const char **) a, *sb = *(const char **) b;
  guint na = GPOINTER_TO_UINT (g_hash_table_lookup (sort_counts, sa));
  guint nb = GPOINTER_TO_UINT (g_hash_table_lookup (sort_counts, sb));

  if (na != nb)
    return na > nb ? -1 : 1;
  return g_utf8_collate (sa, sb);
}

char **
trail_survey_import_get_unmatched (TrailSurveyImport *self,
                                   TrailSurveyColumn  role)
{
  GHashTable *table;
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  char **out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (role == TRAIL_SURVEY_COLUMN_STAGE || role == TRAIL_SURVEY_COLUMN_PERSONA, NULL);

  table = self->unmatched[role == TRAIL_SURVEY_COLUMN_PERSONA];
  if (table == NULL)
    return g_new0 (char *, 1);

  keys = g_hash_table_get_keys_as_array (table, &n);
  sort_counts = table;
  qsort (keys, n, sizeof (gpointer), compare_by_count);
  sort_counts = NULL;

  out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (keys[i]);
  return out;
}

/* ---- Apply ---------------------------------------------------------------- */

typedef struct
{
  const char *stage_id;
  const char *persona_id;
  GArray     *scores;   /* double */
} Group;

typedef struct
{
  guint  n;
  double mean, median, q1, q3, sd;
} Stats;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_array_unref (group->scores);
  g_free (group);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/* Quantiles interpolate between the sorted scores (R's and NumPy's
 * default), so the median of 1, 2 is 1.5. */
double
_trail_quantile (const double *sorted,
                 guint         n,
                 double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/* Rounded so files stay readable and refreshes that change nothing change
 * no line. */
static double
round3 (double v)
{
  double r = round (v * 1000) / 1000;

  return r == 0 ? 0 : r;
}

static Stats
compute_stats (GArray *scores)
{
  double *v = (double *) scores->data;
  guint n = scores->len;
  double sum = 0, sq = 0, mean;
  Stats stats;

  qsort (v, n, sizeof (double), compare_double);

  for (guint i = 0; i < n; i++)
    sum += v[i];
  mean = sum / n;
  for (guint i = 0; i < n; i++)
    sq += (v[i] - mean) * (v[i] - mean);

  stats.n = n;
  stats.mean = round3 (mean);
  stats.median = round3 (_trail_quantile (v, n, 0.5));
  stats.q1 = round3 (_trail_quantile (v, n, 0.25));
  stats.q3 = round3 (_trail_quantile (v, n, 0.75));
  /* The sample's standard deviation; none for one answer. */
  stats.sd = round3 (n > 1 ? sqrt (sq / (n - 1)) : 0);

  return stats;
}

static char *
group_key (const char *stage_id,
           const char *persona_id)
{
  return g_strconcat (stage_id, "\x1f", persona_id != NULL ? persona_id : "", NULL);
}

static Group *
ensure_group (GHashTable *groups,
              const char *stage_id,
              const char *persona_id)
{
  g_autofree char *key = group_key (stage_id, persona_id);
  Group *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->stage_id = stage_id;
      group->persona_id = persona_id;
      group->scores = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (groups, g_steal_pointer (&key), group);
    }

  return group;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static char **
value_pairs (GHashTable *map)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (pairs, g_strconcat (key, "=", value, NULL));

  if (pairs->len == 0)
    return NULL;

  /* A stable order, so the file does not change with the hash. */
  g_ptr_array_sort (pairs, compare_strings);
  g_ptr_array_add (pairs, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&pairs), FALSE);
}

static void
update_results (TrailSurveyImport *self,
                TrailDocument     *document,
                TrailSurvey       *survey)
{
  const char *survey_id = trail_survey_get_id (survey);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, group_free);
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GListModel *results = trail_document_get_survey_results (document);
  GListModel *stages = trail_document_get_stages (document);
  GListModel *personas = trail_document_get_personas (document);
  guint n;

  for (guint i = 0; i < self->good->len; i++)
    {
      GoodRow *row = &g_array_index (self->good, GoodRow, i);

      g_array_append_val (ensure_group (groups, row->stage_id, NULL)->scores, row->score);
      if (row->persona_id != NULL)
        g_array_append_val (ensure_group (groups, row->stage_id, row->persona_id)->scores, row->score);
    }

  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailSurveyResult) result = g_list_model_get_item (results, i);

      if (g_strcmp0 (trail_survey_result_get_survey (result), survey_id) == 0)
        g_hash_table_insert (existing,
                             group_key (trail_survey_result_get_stage_id (result),
                                        trail_survey_result_get_persona_id (result)),
                             g_object_ref (result));
    }

  /* In the map's order: each stage, everyone first, then each persona. */
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
      guint n_personas = g_list_model_get_n_items (personas);

      for (int p = -1; p < (int) n_personas; p++)
        {
          g_autoptr(TrailPersona) persona = p >= 0 ? g_list_model_get_item (personas, p) : NULL;
          const char *persona_id = persona != NULL ? trail_persona_get_id (persona) : NULL;
          g_autofree char *key = group_key (trail_stage_get_id (stage), persona_id);
          Group *group = g_hash_table_lookup (groups, key);
          TrailSurveyResult *result;
          Stats stats;

          if (group == NULL)
            continue;

          stats = compute_stats (group->scores);
          result = g_hash_table_lookup (existing, key);

          if (result == NULL)
            {
              g_autofree char *id = _trail_document_make_id (document, "sr");
              g_autoptr(TrailSurveyResult) fresh = _trail_survey_result_new (id);

              _trail_item_set (fresh,
                               "survey", survey_id,
                               "stage-id", trail_stage_get_id (stage),
                               "persona-id", persona_id,
                               NULL);
              _trail_document_insert_item (document, fresh, -1, NULL);
              result = fresh;
            }

          trail_document_update (document, result,
                                 "n", stats.n,
                                 "mean", stats.mean,
                                 "median", stats.median,
                                 "q1", stats.q1,
                                 "q3", stats.q3,
                                 "sd", stats.sd,
                                 NULL);
          g_hash_table_remove (existing, key);
        }
    }

  /* Stages and personas the new rows no longer have. */
  {
    GHashTableIter iter;
    gpointer result;

    g_hash_table_iter_init (&iter, existing);
    while (g_hash_table_iter_next (&iter, NULL, &result))
      _trail_document_remove_item (document, result, NULL);
  }
}

typedef struct
{
  TrailSurveyImport *self;
  double             neutral;
  int                date_col;
} QuoteOrder;

static gboolean
looks_iso (const char *date)
{
  return date != NULL && g_ascii_isdigit (date[0]) && g_ascii_isdigit (date[1]) &&
         g_ascii_isdigit (date[2]) && g_ascii_isdigit (date[3]) && date[4] == '-';
}

static int
compare_quotes (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const QuoteOrder *order = user_data;
  const GoodRow *ra = *(GoodRow **) a, *rb = *(GoodRow **) b;

  if (order->self->recent && order->date_col >= 0)
    {
      const char *da = trail_csv_get_field (order->self->csv, ra->row, order->date_col);
      const char *db = trail_csv_get_field (order->self->csv, rb->row, order->date_col);

      if (looks_iso (da) && looks_iso (db))
        {
          int c = strcmp (db, da);

          if (c != 0)
            return c;
        }
    }
  else if (!order->self->recent)
    {
      double ea = fabs (ra->score - order->neutral), eb = fabs (rb->score - order->neutral);

      if (ea != eb)
        return ea > eb ? -1 : 1;
    }

  /* Later rows are more recent. */
  return ra->row > rb->row ? -1 : ra->row < rb->row;
}

static char *
quote_text (const char *verbatim)
{
  g_autofree char *text = g_strstrip (g_strdup (verbatim));
  const char *end;

  if (strlen (text) <= MAX_QUOTE_BYTES)
    return g_steal_pointer (&text);

  end = g_utf8_find_prev_char (text, text + MAX_QUOTE_BYTES);
  text[end - text] = '\0';
  return g_strconcat (text, "…", NULL);
}

static TrailLane *
thoughts_lane (TrailDocument *document)
{
  GListModel *lanes = trail_document_get_lanes (document);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);

      if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_THOUGHTS)
        return lane;
    }

  return trail_document_add_lane (document, -1, TRAIL_LANE_KIND_THOUGHTS, _("Thoughts"));
}

static void
update_quotes (TrailSurveyImport *self,
               TrailDocument     *document,
               TrailSurvey       *survey)
{
  const char *survey_id = trail_survey_get_id (survey);
  int verbatim_col = self->columns[TRAIL_SURVEY_COLUMN_VERBATIM];
  int respondent_col = self->columns[TRAIL_SURVEY_COLUMN_RESPONDENT];
  int date_col = self->columns[TRAIL_SURVEY_COLUMN_DATE];
  int channel_col = self->columns[TRAIL_SURVEY_COLUMN_CHANNEL];
  g_autoptr(GHashTable) by_stage = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GListModel *cards = trail_document_get_cards (document);
  GListModel *stages = trail_document_get_stages (document);
  QuoteOrder order = { self, trail_document_get_scale_neutral (document), date_col };
  TrailLane *lane = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (trail_card_get_survey (card), survey_id) == 0 &&
          trail_card_get_survey_key (card) != NULL)
        g_hash_table_insert (existing, g_strdup (trail_card_get_survey_key (card)), g_object_ref (card));
    }

  if (verbatim_col >= 0 && self->quotes > 0)
    for (guint i = 0; i < self->good->len; i++)
      {
        GoodRow *row = &g_array_index (self->good, GoodRow, i);
        const char *verbatim = trail_csv_get_field (self->csv, row->row, verbatim_col);
        GPtrArray *candidates;

        if (verbatim == NULL || *verbatim == '\0')
          continue;
        for (const char *p = verbatim; ; p++)
          if (*p == '\0')
            goto next_row;
          else if (!g_ascii_isspace (*p))
            break;

        candidates = g_hash_table_lookup (by_stage, row->stage_id);
        if (candidates == NULL)
          {
            candidates = g_ptr_array_new ();
            g_hash_table_insert (by_stage, (gpointer) row->stage_id, candidates);
          }
        g_ptr_array_add (candidates, row);
      next_row:
        ;
      }

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
      GPtrArray *candidates = g_hash_table_lookup (by_stage, trail_stage_get_id (stage));

      if (candidates == NULL)
        continue;

      g_ptr_array_sort_with_data (candidates, compare_quotes, &order);

      for (guint q = 0; q < MIN (self->quotes, candidates->len); q++)
        {
          GoodRow *row = g_ptr_array_index (candidates, q);
          const char *respondent = respondent_col >= 0
                                   ? trail_csv_get_field (self->csv, row->row, respondent_col) : NULL;
          const char *date = date_col >= 0 ? trail_csv_get_field (self->csv, row->row, date_col) : NULL;
          const char *channel = channel_col >= 0 ? trail_csv_get_field (self->csv, row->row, channel_col) : NULL;
          g_autofree char *key = NULL;
          g_autofree char *text = quote_text (trail_csv_get_field (self->csv, row->row, verbatim_col));
          g_autofree char *note = NULL;
          g_autofree char *score = NULL;
          g_autoptr(GString) details = g_string_new (NULL);
          const char *tags[2] = { row->persona_id, NULL };
          TrailChannel card_channel = TRAIL_CHANNEL_NONE;
          TrailCard *card;

          /* The respondent is who said it, whatever row they move to;
           * without one, the row is all there is. Spreadsheets number the
           * header row 1. */
          if (respondent != NULL && *respondent != '\0' && strlen (respondent) < MAX_NAME_BYTES)
            key = g_strdup_printf ("respondent:%s", respondent);
          else
            key = g_strdup_printf ("row:%u", row->row + 1);
          note = g_strdup_printf (_("%s, row %u"), self->source, row->row + 1);

          score = g_strstrip (g_strdup (trail_csv_get_field (self->csv, row->row,
                                                             self->columns[TRAIL_SURVEY_COLUMN_SCORE])));
          g_string_append_printf (details, _("Score %s on %g to %g"),
                                  score, self->scale_min, self->scale_max);
          if (date != NULL && *date != '\0' && strlen (date) < MAX_NAME_BYTES)
            g_string_append_printf (details, " · %s", date);

          if (channel != NULL)
            {
              g_autofree char *nick = g_strdelimit (fold (channel), " _", '-');
              GEnumClass *klass = g_type_class_ref (TRAIL_TYPE_CHANNEL);
              GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

              if (value != NULL)
                card_channel = value->value;
              g_type_class_unref (klass);
            }

          card = g_hash_table_lookup (existing, key);
          if (card == NULL)
            {
              if (lane == NULL)
                lane = thoughts_lane (document);
              card = trail_document_add_card (document, lane, stage, -1, text);
              trail_document_update (document, card,
                                     "evidence", TRAIL_EVIDENCE_OBSERVED,
                                     "evidence-source", TRAIL_EVIDENCE_SOURCE_SURVEY,
                                     "survey", survey_id,
                                     "survey-key", key,
                                     NULL);
            }

          trail_document_update (document, card,
                                 "text", text,
                                 "details", details->str,
                                 "evidence-note", note,
                                 "persona-tags", row->persona_id != NULL ? tags : NULL,
                                 "channel", card_channel,
                                 NULL);
          g_hash_table_remove (existing, key);
        }
    }

  /* The quote cards no longer chosen: only those this survey made. */
  {
    GHashTableIter iter;
    gpointer card;

    g_hash_table_iter_init (&iter, existing);
    while (g_hash_table_iter_next (&iter, NULL, &card))
      trail_document_remove_card (document, card);
  }
}

TrailSurvey *
trail_survey_import_apply (TrailSurveyImport  *self,
                           TrailDocument      *document,
                           GDateTime          *imported,
                           GError            **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_auto(GStrv) stage_values = NULL;
  g_auto(GStrv) persona_values = NULL;
  g_autoptr(TrailSurvey) fresh = NULL;
  TrailSurvey *survey = NULL;
  GListModel *surveys;
  char sep[4] = "";

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  if (!trail_survey_import_check (self, document, error))
    return NULL;

  if (self->good->len == 0)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s: no row can be imported (%u cannot be read)"),
                   self->source, trail_csv_bad_rows_get_n (self->bad));
      return NULL;
    }

  surveys = trail_document_get_surveys (document);
  for (guint i = 0; i < g_list_model_get_n_items (surveys) && survey == NULL; i++)
    {
      g_autoptr(TrailSurvey) other = g_list_model_get_item (surveys, i);

      if (g_strcmp0 (trail_survey_get_source (other), self->source) == 0)
        survey = other;
    }

  if (imported == NULL)
    imported = now = g_date_time_new_now_utc ();
  /* To the second: a refresh that changes nothing else changes one line. */
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (imported);
    date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }

  if (self->separator == '\t')
    strcpy (sep, "tab");
  else if (self->separator != 0)
    sep[0] = self->separator;

  stage_values = value_pairs (self->value_maps[0]);
  persona_values = value_pairs (self->value_maps[1]);

  trail_document_begin_group (document, survey != NULL ? _("Refresh Survey") : _("Import Survey"));

  if (survey == NULL)
    {
      g_autofree char *id = _trail_document_make_id (document, "sv");

      fresh = _trail_survey_new (id);
      _trail_item_set (fresh, "source", self->source, NULL);
      _trail_document_insert_item (document, fresh, -1, NULL);
      survey = fresh;
    }

  trail_document_update (document, survey,
                         "imported", date,
                         "rows", self->good->len,
                         "skipped", trail_csv_bad_rows_get_n (self->bad),
                         "scale-min", self->scale_min,
                         "scale-max", self->scale_max,
                         "separator", sep[0] != '\0' ? sep : NULL,
                         "stage-values", stage_values,
                         "persona-values", persona_values,
                         "quotes", self->quotes,
                         "quote-choice", self->recent ? "recent" : NULL,
                         "band", self->band_sd ? "sd" : NULL,
                         NULL);
  for (guint r = 0; r < TRAIL_SURVEY_N_COLUMNS; r++)
    trail_document_update (document, survey, role_properties[r], header (self, self->columns[r]), NULL);

  update_results (self, document, survey);
  update_quotes (self, document, survey);

  trail_document_end_group (document);

  return survey;
}

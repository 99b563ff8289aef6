/* trail-map-csv.c — a map's cards as a spreadsheet, and back
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-map-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-card.h"
#include "trail-csv.h"
#include "trail-custom-channel.h"
#include "trail-document-edits.h"
#include "trail-document-io.h"
#include "trail-enums.h"
#include "trail-lane.h"
#include "trail-map-csv.h"
#include "trail-mermaid.h"
#include "trail-persona.h"
#include "trail-stage.h"

enum {
  COL_STAGE, COL_LANE, COL_KIND, COL_TEXT, COL_DETAILS, COL_CHANNEL, COL_EVIDENCE,
  COL_SOURCE, COL_PRIORITY, COL_VOTES, COL_PERSONAS, COL_ID, COL_NOTE, N_COLUMNS
};

static const char * const headers[N_COLUMNS] = {
  "stage", "lane", "kind", "text", "details", "channel", "evidence",
  "source", "priority", "votes", "personas", "id", "evidence note",
};

#define PERSONA_SEPARATOR "; "

/* A spreadsheet runs text that starts with = + - @ as a formula: such
 * text is written after a "'", which spreadsheets hide and the import
 * takes away again. */
static gboolean
needs_guard (const char *text)
{
  if (text[0] == '\'')
    return needs_guard (text + 1);
  return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@';
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    first)
{
  gboolean quote;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  quote = strpbrk (text, ",\"\r\n;\t") != NULL || text[0] == ' ' ||
          (text[0] != '\0' && text[strlen (text) - 1] == ' ');
  if (quote)
    g_string_append_c (out, '"');
  if (needs_guard (text))
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev != NULL && value != 0 ? ev->value_nick : "";

  g_type_class_unref (klass);
  return nick;
}

char *
trail_map_csv_save (TrailDocument *document,
                    gboolean       byte_order_mark,
                    gsize         *length)
{
  GString *out = g_string_new (byte_order_mark ? "\xef\xbb\xbf" : "");
  GListModel *stages = trail_document_get_stages (document);
  GListModel *lanes = trail_document_get_lanes (document);

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    append_field (out, headers[c], c == 0);
  g_string_append (out, "\r\n");

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);

      for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
        {
          g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, l);
          g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (document, lane, stage);

          for (guint i = 0; i < cards->len; i++)
            {
              TrailCard *card = cards->pdata[i];
              const char * const *tags = trail_card_get_persona_tags (card);
              const char *custom = trail_card_get_custom_channel (card);
              TrailCustomChannel *channel = custom != NULL ? trail_document_find_channel (document, custom) : NULL;
              g_autoptr(GString) personas = g_string_new (NULL);
              g_autofree char *votes = g_strdup_printf ("%u", trail_card_get_votes (card));

              for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
                {
                  TrailPersona *persona = trail_document_find_persona (document, tags[t]);

                  if (persona != NULL)
                    g_string_append_printf (personas, "%s%s", personas->len > 0 ? PERSONA_SEPARATOR : "",
                                            trail_persona_get_name (persona));
                }

              append_field (out, trail_stage_get_name (stage), TRUE);
              append_field (out, trail_lane_get_title (lane), FALSE);
              append_field (out, trail_lane_kind_to_string (trail_lane_get_kind (lane)), FALSE);
              append_field (out, trail_card_get_text (card), FALSE);
              append_field (out, trail_card_get_details (card), FALSE);
              append_field (out, channel != NULL ? trail_custom_channel_get_name (channel)
                                                 : enum_nick (TRAIL_TYPE_CHANNEL, trail_card_get_channel (card)), FALSE);
              append_field (out, enum_nick (TRAIL_TYPE_EVIDENCE, trail_card_get_evidence (card)), FALSE);
              append_field (out, enum_nick (TRAIL_TYPE_EVIDENCE_SOURCE, trail_card_get_evidence_source (card)), FALSE);
              append_field (out, enum_nick (TRAIL_TYPE_PRIORITY, trail_card_get_priority (card)), FALSE);
              append_field (out, trail_card_get_votes (card) > 0 ? votes : "", FALSE);
              append_field (out, personas->str, FALSE);
              append_field (out, trail_card_get_id (card), FALSE);
              append_field (out, trail_card_get_evidence_note (card), FALSE);
              g_string_append (out, "\r\n");
            }
        }
    }

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* ---- Import ------------------------------------------------------------ */

static char *
unguard (const char *text)
{
  if (text[0] == '\'' && needs_guard (text + 1))
    return g_strdup (text + 1);
  return g_strdup (text);
}

/* The enum's value for @text: its word in the file format or its label,
 * compared as headers are (case, spaces and dashes aside). */
static gboolean
parse_enum (GType         type,
            const char   *text,
            const char * (*get_label) (int),
            int          *value)
{
  g_autofree char *key = NULL;
  GEnumClass *klass;
  gboolean found = FALSE;

  if (text[0] == '\0')
    {
      *value = 0;
      return TRUE;
    }

  key = trail_csv_header_key (text);
  klass = g_type_class_ref (type);
  for (guint i = 0; i < klass->n_values && !found; i++)
    {
      g_autofree char *nick = trail_csv_header_key (klass->values[i].value_nick);
      g_autofree char *label = get_label != NULL ? trail_csv_header_key (get_label (klass->values[i].value)) : NULL;

      if (g_str_equal (key, nick) || (label != NULL && g_str_equal (key, label)))
        {
          *value = klass->values[i].value;
          found = TRUE;
        }
    }
  g_type_class_unref (klass);

  return found;
}

static const char *lane_kind_label (int v) { return trail_lane_kind_get_label (v); }
static const char *channel_label (int v) { return trail_channel_get_label (v); }
static const char *evidence_label (int v) { return trail_evidence_get_label (v); }
static const char *source_label (int v) { return trail_evidence_source_get_label (v); }
static const char *priority_label (int v) { return trail_priority_get_label (v); }

typedef struct
{
  guint         line;
  char         *stage;
  char         *lane;
  TrailLaneKind kind;
  gboolean      has_kind;
  char         *text;
  char         *details;
  TrailChannel  channel;
  char         *custom_channel;  /* a name the standard channels do not know */
  TrailEvidence evidence;
  TrailEvidenceSource source;
  TrailPriority priority;
  guint         votes;
  char        **personas;
  char         *id;
  char         *note;
} Row;

static void
row_free (Row *row)
{
  g_free (row->stage);
  g_free (row->lane);
  g_free (row->text);
  g_free (row->details);
  g_free (row->custom_channel);
  g_strfreev (row->personas);
  g_free (row->id);
  g_free (row->note);
  g_free (row);
}

static const char *
field (TrailCsv *csv,
       guint     row,
       int       column)
{
  const char *text;

  if (column < 0)
    return "";
  text = trail_csv_get_field (csv, row, column);
  return text != NULL ? text : "";
}

static char *
problem (guint       line,
         const char *what)
{
  /* Translators: a problem with one row of a spreadsheet */
  return g_strdup_printf (_("line %u: %s"), line, what);
}

static Row *
read_row (TrailCsv   *csv,
          guint       r,
          const int  *columns,
          char      **why)
{
  g_autoptr(GStrvBuilder) personas = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  Row *row = g_new0 (Row, 1);
  int value;
  const char *t;

  row->line = trail_csv_get_line (csv, r);
  row->stage = g_strstrip (unguard (field (csv, r, columns[COL_STAGE])));
  row->lane = g_strstrip (unguard (field (csv, r, columns[COL_LANE])));
  row->text = unguard (field (csv, r, columns[COL_TEXT]));
  row->details = unguard (field (csv, r, columns[COL_DETAILS]));
  row->id = g_strstrip (g_strdup (field (csv, r, columns[COL_ID])));
  row->note = unguard (field (csv, r, columns[COL_NOTE]));

  if (trail_csv_get_row_problem (csv, r) != NULL)
    *why = g_strdup (trail_csv_get_row_problem (csv, r));
  else if (row->stage[0] == '\0')
    *why = g_strdup (_("the row names no stage"));
  else if (!parse_enum (TRAIL_TYPE_LANE_KIND, field (csv, r, columns[COL_KIND]), lane_kind_label, &value))
    *why = g_strdup_printf (_("“%s” is not a kind of lane"), field (csv, r, columns[COL_KIND]));
  else if ((row->kind = value, row->has_kind = field (csv, r, columns[COL_KIND])[0] != '\0',
            row->lane[0] == '\0' && !row->has_kind))
    *why = g_strdup (_("the row names no lane"));
  else if (row->has_kind && row->kind == TRAIL_LANE_KIND_EMOTIONS)
    *why = g_strdup (_("an emotions lane holds no cards"));
  else if (!parse_enum (TRAIL_TYPE_EVIDENCE, field (csv, r, columns[COL_EVIDENCE]), evidence_label, &value))
    *why = g_strdup_printf (_("“%s” is not a kind of evidence: use observed, assumed or proposed"),
                            field (csv, r, columns[COL_EVIDENCE]));
  else if ((row->evidence = value,
            !parse_enum (TRAIL_TYPE_EVIDENCE_SOURCE, field (csv, r, columns[COL_SOURCE]), source_label, &value)))
    *why = g_strdup_printf (_("“%s” is not a source: use survey, interview, analytics, support-logs or other"),
                            field (csv, r, columns[COL_SOURCE]));
  else if ((row->source = value,
            !parse_enum (TRAIL_TYPE_PRIORITY, field (csv, r, columns[COL_PRIORITY]), priority_label, &value)))
    *why = g_strdup_printf (_("“%s” is not a priority: use low, medium or high"),
                            field (csv, r, columns[COL_PRIORITY]));
  else
    {
      guint64 votes = 0;

      row->priority = value;
      t = field (csv, r, columns[COL_VOTES]);
      if (t[0] != '\0' && !g_ascii_string_to_unsigned (t, 10, 0, 1000000, &votes, NULL))
        *why = g_strdup_printf (_("“%s” is not a number of votes"), t);
      row->votes = votes;
    }

  if (*why == NULL)
    {
      g_autofree char *channel = unguard (field (csv, r, columns[COL_CHANNEL]));
      g_autofree char *persona_names = unguard (field (csv, r, columns[COL_PERSONAS]));

      if (parse_enum (TRAIL_TYPE_CHANNEL, channel, channel_label, &value))
        row->channel = value;
      else
        {
          row->channel = TRAIL_CHANNEL_OTHER;
          row->custom_channel = g_strstrip (g_steal_pointer (&channel));
        }

      names = g_strsplit (persona_names, ";", -1);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_strstrip (names[i]);
          if (names[i][0] != '\0')
            g_strv_builder_add (personas, names[i]);
        }
      row->personas = g_strv_builder_end (personas);
    }

  if (*why != NULL)
    {
      row_free (row);
      return NULL;
    }

  return row;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a != NULL ? a : "", -1);
  g_autofree char *fb = g_utf8_casefold (b != NULL ? b : "", -1);

  return g_str_equal (fa, fb);
}

/* A new stage or lane goes right after the previous row's, so a file
 * whose rows skip it in some stages still gives the order it was written
 * from; without a previous row, at the end. */
static int
index_after (GListModel *list,
             gpointer    previous)
{
  for (guint i = 0; previous != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      if (item == previous)
        return i + 1;
    }

  return -1;
}

static TrailStage *
ensure_stage (TrailDocument *document,
              const char    *name,
              TrailStage    *previous)
{
  GListModel *stages = trail_document_get_stages (document);
  TrailStage *found = trail_document_find_stage (document, name);

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);

      if (same_name (trail_stage_get_name (stage), name))
        found = stage;
    }

  return found != NULL ? found : trail_document_add_stage (document, index_after (stages, previous), name);
}

static TrailLane *
ensure_lane (TrailDocument *document,
             Row           *row,
             TrailLane     *previous)
{
  GListModel *lanes = trail_document_get_lanes (document);
  const char *title = row->lane[0] != '\0' ? row->lane : trail_lane_kind_get_label (row->kind);
  TrailLane *found = row->lane[0] != '\0' ? trail_document_find_lane (document, row->lane) : NULL;

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);

      if (same_name (trail_lane_get_title (lane), title) &&
          (!row->has_kind || trail_lane_get_kind (lane) == row->kind))
        found = lane;
    }
  if (found == NULL)
    found = trail_document_add_lane (document, index_after (lanes, previous),
                                     row->has_kind ? row->kind : TRAIL_LANE_KIND_CUSTOM, title);

  return found;
}

static TrailPersona *
ensure_persona (TrailDocument *document,
                const char    *name)
{
  GListModel *personas = trail_document_get_personas (document);
  TrailPersona *found = trail_document_find_persona (document, name);

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      if (same_name (trail_persona_get_name (persona), name))
        found = persona;
    }

  return found != NULL ? found : trail_document_add_persona (document, -1, name);
}

static TrailCustomChannel *
ensure_channel (TrailDocument *document,
                const char    *name)
{
  GListModel *channels = trail_document_get_channels (document);

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(TrailCustomChannel) channel = g_list_model_get_item (channels, i);

      if (same_name (trail_custom_channel_get_name (channel), name))
        return channel;
    }

  return trail_document_add_channel (document, -1, name, NULL);
}

static void
apply_row (TrailDocument  *document,
           Row            *row,
           TrailStage    **previous_stage,
           TrailLane     **previous_lane)
{
  TrailStage *stage = ensure_stage (document, row->stage, *previous_stage);
  TrailLane *lane;
  TrailCard *card = row->id[0] != '\0' ? trail_document_find_card (document, row->id) : NULL;
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_ids = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  TrailCustomChannel *custom = NULL;

  /* An existing card stays in its lane unless the row names another. */
  if (card != NULL && row->lane[0] == '\0' && !row->has_kind)
    lane = trail_document_find_lane (document, trail_card_get_lane_id (card));
  else
    lane = ensure_lane (document, row, stage == *previous_stage ? *previous_lane : NULL);
  *previous_stage = stage;
  *previous_lane = lane;

  for (guint i = 0; row->personas[i] != NULL; i++)
    {
      const char *id = trail_persona_get_id (ensure_persona (document, row->personas[i]));

      /* A name given twice tags once. */
      if (!g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        {
          g_ptr_array_add (seen, (gpointer) id);
          g_strv_builder_add (tags, id);
        }
    }
  tag_ids = g_strv_builder_end (tags);
  if (row->custom_channel != NULL)
    custom = ensure_channel (document, row->custom_channel);

  if (card == NULL)
    card = trail_document_add_card (document, lane, stage, -1, row->text);
  else if (g_strcmp0 (trail_card_get_lane_id (card), trail_lane_get_id (lane)) != 0 ||
           g_strcmp0 (trail_card_get_stage_id (card), trail_stage_get_id (stage)) != 0)
    trail_document_move_card (document, card, lane, stage, -1);

  trail_document_update (document, card,
                         "text", row->text,
                         "details", row->details[0] != '\0' ? row->details : NULL,
                         "evidence", row->evidence,
                         "evidence-source", row->source,
                         "evidence-note", row->note[0] != '\0' ? row->note : NULL,
                         "priority", row->priority,
                         "votes", row->votes,
                         "persona-tags", tag_ids[0] != NULL ? tag_ids : NULL,
                         NULL);
  trail_document_set_card_channel (document, &card, 1, row->channel, custom);
}

static char *
lane_key (Row *row)
{
  g_autofree char *title = g_utf8_casefold (row->lane[0] != '\0' ? row->lane : trail_lane_kind_get_label (row->kind), -1);

  return g_strdup_printf ("%d:%s", row->has_kind ? (int) row->kind : -1, title);
}

/* Lanes the map lacks are made before any card, in an order that keeps
 * every stage's rows in order: each stage's lanes, as the file lists them,
 * are a chain of "comes before", merged by a topological sort that breaks
 * ties by first appearance. */
static void
make_lanes (TrailDocument *document,
            GPtrArray     *rows)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first_rows = g_ptr_array_new ();
  g_autoptr(GArray) row_keys = g_array_sized_new (FALSE, FALSE, sizeof (guint), rows->len);
  g_autofree guint *in_degree = NULL;
  g_autofree gboolean *done = NULL;
  g_autofree guint8 *before = NULL;  /* before[a * n + b]: a comes before b */
  TrailLane *previous = NULL;
  guint n;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autofree char *key = lane_key (row);
      guint index;

      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, &index))
        {
          index = keys->len;
          g_ptr_array_add (keys, g_steal_pointer (&key));
          g_ptr_array_add (first_rows, row);
        }
      g_array_append_val (row_keys, index);
    }

  n = keys->len;
  before = g_new0 (guint8, (gsize) n * n);
  in_degree = g_new0 (guint, n);
  done = g_new0 (gboolean, n);
  for (guint i = 1; i < rows->len; i++)
    {
      Row *row = rows->pdata[i], *prev = rows->pdata[i - 1];
      guint a = g_array_index (row_keys, guint, i - 1), b = g_array_index (row_keys, guint, i);

      if (a != b && same_name (row->stage, prev->stage) && !before[a * n + b] && !before[b * n + a])
        {
          before[a * n + b] = 1;
          in_degree[b]++;
        }
    }

  for (guint placed = 0; placed < n; placed++)
    {
      guint next = G_MAXUINT;

      for (guint k = 0; k < n && next == G_MAXUINT; k++)
        if (!done[k] && in_degree[k] == 0)
          next = k;
      if (next == G_MAXUINT)  /* a cycle: the file contradicts itself; first come */
        for (guint k = 0; k < n && next == G_MAXUINT; k++)
          if (!done[k])
            next = k;

      done[next] = TRUE;
      for (guint k = 0; k < n; k++)
        if (before[next * n + k] && in_degree[k] > 0)
          in_degree[k]--;
      previous = ensure_lane (document, first_rows->pdata[next], previous);
    }
}

guint
trail_map_csv_import (TrailDocument  *document,
                      GBytes         *bytes,
                      const char     *name,
                      GPtrArray      *problems,
                      GError        **error)
{
  g_autoptr(TrailCsv) csv = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  int columns[N_COLUMNS];
  TrailStage *previous_stage = NULL;
  TrailLane *previous_lane = NULL;
  const char *display = name != NULL ? name : _("CSV text");

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (bytes != NULL, 0);

  csv = trail_csv_parse (bytes, 0, TRAIL_FILE_MAX_BYTES, &local_error);
  if (csv == NULL)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR,
                   g_error_matches (local_error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_TOO_BIG)
                     ? TRAIL_DOCUMENT_ERROR_LIMIT : TRAIL_DOCUMENT_ERROR_SYNTAX,
                   "%s: %s", display, local_error->message);
      return 0;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;
  for (guint c = 0; c < trail_csv_get_n_fields (csv, 0); c++)
    {
      g_autofree char *key = trail_csv_header_key (trail_csv_get_field (csv, 0, c));

      for (guint h = 0; h < N_COLUMNS; h++)
        {
          g_autofree char *want = trail_csv_header_key (headers[h]);

          if (g_str_equal (key, want) && columns[h] == -1)
            columns[h] = c;
        }
    }
  if (columns[COL_STAGE] == -1 || columns[COL_TEXT] == -1 ||
      (columns[COL_LANE] == -1 && columns[COL_KIND] == -1))
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s:%u: the first row must name the columns, with at least stage, lane (or kind) and text"),
                   display, trail_csv_get_line (csv, 0));
      return 0;
    }

  for (guint r = 1; r < trail_csv_get_n_rows (csv); r++)
    {
      g_autofree char *why = NULL;
      Row *row = read_row (csv, r, columns, &why);

      if (row != NULL)
        g_ptr_array_add (rows, row);
      else
        g_ptr_array_add (bad, problem (trail_csv_get_line (csv, r), why));
    }

  if (rows->len == 0)
    {
      if (bad->len > 0)
        g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                     "%s: %s", display, (char *) bad->pdata[0]);
      else
        g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                     _("%s: the file has no cards below its header"), display);
      return 0;
    }

  if (!trail_document_check_room (document, rows->len * 2, g_bytes_get_size (bytes) * 2, error))
    return 0;

  trail_document_begin_group (document, _("Import Cards"));
  make_lanes (document, rows);
  for (guint i = 0; i < rows->len; i++)
    apply_row (document, rows->pdata[i], &previous_stage, &previous_lane);
  trail_document_end_group (document);

  if (problems != NULL)
    for (guint i = 0; i < bad->len; i++)
      g_ptr_array_add (problems, g_strdup (bad->pdata[i]));

  return rows->len;
}

TrailDocument *
trail_map_csv_load (GBytes      *bytes,
                    const char  *name,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_autoptr(TrailDocument) document = trail_document_new ();
  g_autoptr(GBytes) saved = NULL;

  if (trail_map_csv_import (document, bytes, name, problems, error) == 0)
    return NULL;

  /* The same strict reader and limits as a file. */
  saved = trail_document_serialize (document);
  if (!trail_document_check_serialized (saved, error))
    return NULL;

  return trail_document_load_from_bytes (saved, name, error);
}

gboolean
trail_map_csv_looks_like (TrailCsv *csv)
{
  gboolean has[N_COLUMNS] = { FALSE, };
  gboolean score = FALSE;

  g_return_val_if_fail (csv != NULL, FALSE);

  for (guint c = 0; c < trail_csv_get_n_fields (csv, 0); c++)
    {
      g_autofree char *key = trail_csv_header_key (trail_csv_get_field (csv, 0, c));

      for (guint h = 0; h < N_COLUMNS; h++)
        {
          g_autofree char *want = trail_csv_header_key (headers[h]);
          has[h] |= g_str_equal (key, want);
        }
      score |= strstr (key, "score") != NULL || g_str_equal (key, "value");
    }

  return has[COL_STAGE] && has[COL_TEXT] && (has[COL_LANE] || has[COL_KIND]) && !score;
}

gboolean
trail_map_csv_is_filename (const char *filename)
{
  g_autofree char *lower = NULL;

  if (filename == NULL)
    return FALSE;
  lower = g_ascii_strdown (filename, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv");
}

TrailDocument *
trail_map_load_any_bytes (GBytes      *bytes,
                          const char  *name,
                          GPtrArray   *warnings,
                          GError     **error)
{
  if (trail_mermaid_is_filename (name))
    {
      gsize len;
      const char *text = g_bytes_get_data (bytes, &len);

      return trail_mermaid_load (text != NULL ? text : "", len, name, warnings, error);
    }
  if (trail_map_csv_is_filename (name))
    return trail_map_csv_load (bytes, name, warnings, error);

  return trail_document_load_from_bytes (bytes, name, error);
}

TrailDocument *
trail_map_load_any (GFile         *file,
                    GPtrArray     *warnings,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!trail_mermaid_is_filename (name) && !trail_map_csv_is_filename (name))
    return trail_document_load_from_file (file, cancellable, error);

  bytes = trail_document_read_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;

  return trail_map_load_any_bytes (bytes, name, warnings, error);
}

/* trail-mermaid.c — Mermaid `journey` diagrams in and out
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-mermaid"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trail-card.h"
#include "trail-document-edits.h"
#include "trail-document-io.h"
#include "trail-emotion-line.h"
#include "trail-lane.h"
#include "trail-mermaid.h"
#include "trail-persona.h"
#include "trail-stage.h"

/* A label that starts like a keyword would be read as one: the export puts
 * a word joiner before it, and the import takes it away again. */
#define WORD_JOINER "\u2060"
#define NOTE_PREFIX "Mermaid score: "

typedef struct
{
  char   *name;
  double  score;
  char  **actors;
  guint   line;
} Task;

typedef struct
{
  char      *name;
  GPtrArray *tasks;  /* Task */
} Section;

typedef struct
{
  char      *title;
  char      *acc_title;
  char      *acc_descr;
  GPtrArray *sections;  /* Section */
  guint      n_tasks;
  guint      n_out_of_range;
  guint      first_out_of_range_line;
} Journey;

static void
task_free (Task *task)
{
  g_free (task->name);
  g_strfreev (task->actors);
  g_free (task);
}

static void
section_free (Section *section)
{
  g_free (section->name);
  g_ptr_array_unref (section->tasks);
  g_free (section);
}

static void
journey_free (Journey *journey)
{
  g_free (journey->title);
  g_free (journey->acc_title);
  g_free (journey->acc_descr);
  g_clear_pointer (&journey->sections, g_ptr_array_unref);
  g_free (journey);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Journey, journey_free)

static const char *
display_name (const char *name)
{
  return name != NULL ? name : _("Mermaid text");
}

static gboolean
fail (GError    **error,
      const char *name,
      guint       line,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError    **error,
      const char *name,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX,
               "%s:%u: %s", display_name (name), line, what);
  return FALSE;
}

/* Case-insensitive keyword at @p, followed by what @follow allows. */
static gboolean
has_keyword (const char *p,
             const char *keyword)
{
  return g_ascii_strncasecmp (p, keyword, strlen (keyword)) == 0;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v')
    p++;
  return p;
}

/* <br>, <br/>, <br />, </br> as Mermaid writes line breaks in labels. */
static char *
label_from_mermaid (const char *text,
                    gsize       len)
{
  GString *out = g_string_sized_new (len);
  const char *end = text + len;
  const char *p = text;
  char *result;

  while (p < end)
    {
      if (*p == '<')
        {
          const char *q = p + 1;

          if (q < end && *q == '/')
            q++;
          if (end - q >= 2 && g_ascii_strncasecmp (q, "br", 2) == 0)
            {
              q += 2;
              while (q < end && g_ascii_isspace (*q))
                q++;
              if (q < end && *q == '/')
                q++;
              if (q < end && *q == '>')
                {
                  g_string_append_c (out, '\n');
                  p = q + 1;
                  continue;
                }
            }
        }
      g_string_append_c (out, *p++);
    }

  result = g_strstrip (g_string_free (out, FALSE));
  if (g_str_has_prefix (result, WORD_JOINER))
    memmove (result, result + strlen (WORD_JOINER), strlen (result) - strlen (WORD_JOINER) + 1);

  return result;
}

static Section *
current_section (Journey *journey)
{
  Section *section;

  if (journey->sections->len > 0)
    return g_ptr_array_index (journey->sections, journey->sections->len - 1);

  /* Tasks before any section: Mermaid shows them in an unnamed one. */
  section = g_new0 (Section, 1);
  section->name = g_strdup ("");
  section->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
  g_ptr_array_add (journey->sections, section);

  return section;
}

static gboolean
parse_task (Journey     *journey,
            const char  *p,
            const char  *line_end,
            const char  *name,
            guint        line,
            GError     **error)
{
  const char *colon = p;
  const char *data_end;
  g_autofree char *data = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autoptr(GStrvBuilder) actors = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *score_end = NULL;
  Task *task;
  double score;

  while (colon < line_end && *colon != ':' && *colon != '#' && *colon != ';')
    colon++;
  if (colon == line_end || *colon != ':')
    {
      g_autofree char *text = g_strndup (p, colon - p);

      if (colon < line_end && *colon == ';')
        return fail (error, name, line, _("“;” cannot be used in a journey; write one statement per line"));
      return fail (error, name, line,
                   _("“%s” is not a section or a task: write a task as “Task name: score: actor, actor”"),
                   g_strstrip (text));
    }

  data_end = colon + 1;
  while (data_end < line_end && *data_end != '#' && *data_end != ';')
    data_end++;
  if (data_end < line_end && *data_end == ';')
    return fail (error, name, line, _("“;” cannot be used in a journey; write one statement per line"));

  data = g_strndup (colon + 1, data_end - colon - 1);
  pieces = g_strsplit (data, ":", -1);
  if (pieces[0] != NULL)
    g_strstrip (pieces[0]);
  if (pieces[0] == NULL || pieces[0][0] == '\0')
    return fail (error, name, line, _("the task has no score: write “Task name: score”, the score from 1 to 5"));

  score = g_ascii_strtod (pieces[0], &score_end);
  if (score_end == pieces[0] || *score_end != '\0' || !isfinite (score) || fabs (score) > 1e6)
    return fail (error, name, line, _("“%s” is not a score: give a number from 1 to 5"), pieces[0]);

  if (pieces[1] != NULL)
    {
      g_auto(GStrv) names = g_strsplit (pieces[1], ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *actor = label_from_mermaid (names[i], strlen (names[i]));

          if (actor[0] != '\0' && !g_hash_table_contains (seen, actor))
            {
              g_strv_builder_add (actors, actor);
              g_hash_table_add (seen, g_strdup (actor));
            }
        }
    }

  task = g_new0 (Task, 1);
  task->name = label_from_mermaid (p, colon - p);
  task->score = score;
  task->actors = g_strv_builder_end (actors);
  task->line = line;
  if (score < 1 || score > 5)
    {
      if (journey->n_out_of_range++ == 0)
        journey->first_out_of_range_line = line;
    }
  g_ptr_array_add (current_section (journey)->tasks, task);
  journey->n_tasks++;

  return TRUE;
}

static Journey *
parse (const char  *text,
       gssize       len,
       const char  *name,
       GError     **error)
{
  g_autoptr(Journey) journey = g_new0 (Journey, 1);
  g_autofree char *copy = NULL;
  const char *end, *p;
  gboolean started = FALSE;
  guint line = 1;

  if (len < 0)
    len = strlen (text);
  end = text + len;

  if ((gsize) len > TRAIL_FILE_MAX_BYTES)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("%s: the text is too large to be a journey"), display_name (name));
      return NULL;
    }
  {
    const char *bad = NULL;

    if (!g_utf8_validate_len (text, len, &bad))
      {
        for (const char *c = text; c < bad; c++)
          if (*c == '\n')
            line++;
        fail (error, name, line, _("the text is not UTF-8; save it as UTF-8 and try again"));
        return NULL;
      }
  }

  journey->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);

  /* Valid UTF-8 holds no NUL: a terminated copy lets every look-ahead
   * (keywords, spaces) stop at the end of the text. */
  copy = g_strndup (text, len);
  end = copy + len;

  p = copy;
  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *s;

      if (line_end == NULL)
        line_end = end;

      s = p;
      while (s < line_end && g_ascii_isspace (*s))
        s++;

      /* Front matter (---…---) before `journey` holds settings, and may
       * hold the title. */
      if (!started && s + 3 <= line_end && strncmp (s, "---", 3) == 0)
        {
          const char *q = line_end;
          gboolean closed = FALSE;
          guint opened_at = line;

          while (q < end)
            {
              const char *next = q + 1;
              const char *next_end = next < end ? memchr (next, '\n', end - next) : NULL;
              const char *t;

              if (next_end == NULL)
                next_end = end;
              line++;
              t = skip_spaces (next);
              if (next_end - t >= 3 && strncmp (t, "---", 3) == 0)
                {
                  q = next_end;
                  closed = TRUE;
                  break;
                }
              if (next_end - t > 6 && g_ascii_strncasecmp (t, "title:", 6) == 0)
                {
                  g_autofree char *value = g_strndup (t + 6, next_end - t - 6);

                  g_strstrip (value);
                  if (value[0] == '"' || value[0] == '\'')
                    {
                      gsize n = strlen (value);

                      if (n >= 2 && value[n - 1] == value[0])
                        {
                          value[n - 1] = '\0';
                          memmove (value, value + 1, n - 1);
                        }
                    }
                  g_free (journey->title);
                  journey->title = label_from_mermaid (value, strlen (value));
                }
              q = next_end;
            }
          if (!closed)
            {
              fail (error, name, opened_at, _("the front matter that starts with “---” is never closed"));
              return NULL;
            }
          p = q + 1;
          line++;
          continue;
        }

      if (s == line_end || *s == '#' || (line_end - s >= 2 && s[0] == '%' && s[1] == '%'))
        ;  /* blank, comment or directive */
      else if (!started)
        {
          if (!has_keyword (s, "journey") ||
              (s + 7 < line_end && !g_ascii_isspace (s[7]) && s[7] != '#'))
            {
              fail (error, name, line, _("not a Mermaid journey: the text must start with “journey”"));
              return NULL;
            }
          started = TRUE;
          s = skip_spaces (s + 7);
          if (s < line_end && *s != '#')
            {
              fail (error, name, line, _("write the first statement on the line after “journey”"));
              return NULL;
            }
        }
      else if (has_keyword (s, "title") && s + 5 < line_end && (s[5] == ' ' || s[5] == '\t'))
        {
          const char *v = s + 6, *v_end = v;

          while (v_end < line_end && *v_end != '#' && *v_end != ';')
            v_end++;
          if (v_end < line_end && *v_end == ';')
            {
              fail (error, name, line, _("“;” cannot be used in a journey; write one statement per line"));
              return NULL;
            }
          g_free (journey->title);
          journey->title = label_from_mermaid (v, v_end - v);
        }
      else if (has_keyword (s, "accTitle") && *skip_spaces (s + 8) == ':')
        {
          const char *v = skip_spaces (s + 8) + 1;

          g_free (journey->acc_title);
          journey->acc_title = label_from_mermaid (v, line_end - v);
        }
      else if (has_keyword (s, "accDescr") && *skip_spaces (s + 8) == ':')
        {
          const char *v = skip_spaces (s + 8) + 1;

          g_free (journey->acc_descr);
          journey->acc_descr = label_from_mermaid (v, line_end - v);
        }
      else if (has_keyword (s, "accDescr") && *skip_spaces (s + 8) == '{')
        {
          const char *v = skip_spaces (s + 8) + 1;
          const char *close = memchr (v, '}', end - v);
          guint start_line = line;
          g_auto(GStrv) lines = NULL;
          g_autofree char *block = NULL;

          if (close == NULL)
            {
              fail (error, name, start_line, _("the description block “accDescr {” is never closed with “}”"));
              return NULL;
            }
          for (const char *c = v; c < close; c++)
            if (*c == '\n')
              line++;
          /* The block's own indentation is not part of the text. */
          block = g_strndup (v, close - v);
          lines = g_strsplit (block, "\n", -1);
          for (guint i = 0; lines[i] != NULL; i++)
            g_strstrip (lines[i]);
          g_free (block);
          block = g_strjoinv ("\n", lines);
          g_free (journey->acc_descr);
          journey->acc_descr = g_strdup (g_strstrip (block));

          /* What follows the brace on its line is a statement of its own. */
          p = close + 1;
          continue;
        }
      else if (has_keyword (s, "section") && s + 7 < line_end && (s[7] == ' ' || s[7] == '\t'))
        {
          const char *v = s + 8, *v_end = v;
          Section *section;

          while (v_end < line_end && *v_end != '#' && *v_end != ':' && *v_end != ';')
            v_end++;
          if (v_end < line_end && *v_end == ':')
            {
              fail (error, name, line, _("a section’s name cannot hold “:”; a task goes on a line of its own"));
              return NULL;
            }
          if (v_end < line_end && *v_end == ';')
            {
              fail (error, name, line, _("“;” cannot be used in a journey; write one statement per line"));
              return NULL;
            }
          section = g_new0 (Section, 1);
          section->name = label_from_mermaid (v, v_end - v);
          section->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
          g_ptr_array_add (journey->sections, section);
        }
      else if (*s == ':')
        {
          fail (error, name, line, _("the task has no name before “:”"));
          return NULL;
        }
      else if (*s == ';')
        {
          fail (error, name, line, _("“;” cannot be used in a journey; write one statement per line"));
          return NULL;
        }
      else if (!parse_task (journey, s, line_end, name, line, error))
        return NULL;

      p = line_end + 1;
      line++;
    }

  if (!started)
    {
      fail (error, name, line > 1 ? line - 1 : 1, _("not a Mermaid journey: the text must start with “journey”"));
      return NULL;
    }

  return g_steal_pointer (&journey);
}

gboolean
trail_mermaid_detect (const char *text,
                      gssize      len)
{
  const char *end, *p;

  g_return_val_if_fail (text != NULL, FALSE);

  if (len < 0)
    len = strlen (text);
  end = text + len;
  p = text;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *s = p;

      if (line_end == NULL)
        line_end = end;
      while (s < line_end && g_ascii_isspace (*s))
        s++;
      if (s < line_end && *s != '#' && !(line_end - s >= 2 && s[0] == '%' && s[1] == '%'))
        {
          if (line_end - s >= 3 && strncmp (s, "---", 3) == 0)
            return g_strstr_len (s, end - s, "\njourney") != NULL ||
                   g_strstr_len (s, end - s, "\nJourney") != NULL;
          return line_end - s >= 7 && has_keyword (s, "journey") &&
                 (line_end - s == 7 || g_ascii_isspace (s[7]) || s[7] == '#');
        }
      p = line_end + 1;
    }

  return FALSE;
}

/* Mermaid's 1…5 onto [min, max], and back. */
static double
score_to_map (double score,
              int    min,
              int    max)
{
  return min + (score - 1) * (max - min) / 4.0;
}

static double
score_from_map (double score,
                int    min,
                int    max)
{
  return 1 + (score - min) * 4.0 / (max - min);
}

static TrailPersona *
find_persona_by_name (TrailDocument *document,
                      const char    *name)
{
  GListModel *personas = trail_document_get_personas (document);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *a = g_utf8_casefold (trail_persona_get_name (persona), -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (g_str_equal (a, b))
        return persona;
    }

  return NULL;
}

static TrailStage *
find_stage_by_name (TrailDocument *document,
                    const char    *name)
{
  GListModel *stages = trail_document_get_stages (document);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      g_autofree char *a = g_utf8_casefold (trail_stage_get_name (stage), -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (g_str_equal (a, b))
        return stage;
    }

  return NULL;
}

static TrailLane *
find_lane_of_kind (TrailDocument *document,
                   TrailLaneKind  kind)
{
  GListModel *lanes = trail_document_get_lanes (document);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);

      if (trail_lane_get_kind (lane) == kind)
        return lane;
    }

  return NULL;
}

static TrailEmotionLine *
ensure_line (TrailDocument *document,
             const char    *persona_id)
{
  TrailEmotionLine *line = trail_document_find_line_for_persona (document, persona_id);

  if (line == NULL)
    line = trail_document_add_emotion_line (document, persona_id);

  return line;
}

/* Applies @journey to @document with its edit API (the caller groups the
 * edits). @merge: join stages by name (a paste), or always add them. */
static GPtrArray *
apply (TrailDocument *document,
       Journey       *journey,
       gboolean       merge,
       GPtrArray     *warnings)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  int min = trail_document_get_scale_min (document);
  int max = trail_document_get_scale_max (document);
  TrailLane *actions;
  guint n_clamped = 0;

  actions = find_lane_of_kind (document, TRAIL_LANE_KIND_ACTIONS);
  if (actions == NULL)
    actions = trail_document_add_lane (document, -1, TRAIL_LANE_KIND_ACTIONS, NULL);
  if (find_lane_of_kind (document, TRAIL_LANE_KIND_EMOTIONS) == NULL && journey->n_tasks > 0)
    trail_document_add_lane (document, -1, TRAIL_LANE_KIND_EMOTIONS, NULL);

  for (guint s = 0; s < journey->sections->len; s++)
    {
      Section *section = g_ptr_array_index (journey->sections, s);
      const char *stage_name = section->name[0] != '\0' ? section->name : _("Journey");
      TrailStage *stage = merge ? find_stage_by_name (document, stage_name) : NULL;

      if (stage == NULL)
        stage = trail_document_add_stage (document, -1, stage_name);

      for (guint t = 0; t < section->tasks->len; t++)
        {
          Task *task = g_ptr_array_index (section->tasks, t);
          g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
          g_autoptr(GPtrArray) seen = g_ptr_array_new ();
          g_auto(GStrv) tag_ids = NULL;
          g_autofree char *note = NULL;
          double position = (t + 0.5) / section->tasks->len;
          double score = score_to_map (task->score, min, max);
          TrailCard *card;

          if (task->score < 1 || task->score > 5)
            {
              char number[G_ASCII_DTOSTR_BUF_SIZE];

              note = g_strconcat (NOTE_PREFIX, g_ascii_formatd (number, sizeof number, "%g", task->score), NULL);
              n_clamped++;
            }
          score = CLAMP (score, min, max);

          card = trail_document_add_card (document, actions, stage, -1, task->name);
          g_ptr_array_add (cards, card);

          for (guint a = 0; task->actors[a] != NULL; a++)
            {
              TrailPersona *persona = find_persona_by_name (document, task->actors[a]);

              if (persona == NULL)
                persona = trail_document_add_persona (document, -1, task->actors[a]);
              /* "Ann, ann" name one persona: one tag, one point. */
              if (g_ptr_array_find (seen, persona, NULL))
                continue;
              g_ptr_array_add (seen, persona);
              g_strv_builder_add (tags, trail_persona_get_id (persona));
              trail_document_add_emotion_point (document,
                                                ensure_line (document, trail_persona_get_id (persona)),
                                                stage, position, score, note);
            }
          if (task->actors[0] == NULL)
            trail_document_add_emotion_point (document, ensure_line (document, NULL),
                                              stage, position, score, note);

          tag_ids = g_strv_builder_end (tags);
          if (tag_ids[0] != NULL)
            trail_document_update (document, card, "persona-tags", tag_ids, NULL);
        }
    }

  if (n_clamped > 0 && warnings != NULL)
    g_ptr_array_add (warnings,
                     g_strdup_printf (ngettext ("line %u: a score outside 1 to 5 is shown at the end of the map’s scale and kept in its point’s note",
                                                "line %u and others: %u scores outside 1 to 5 are shown at the end of the map’s scale and kept in their points’ notes",
                                                n_clamped),
                                      journey->first_out_of_range_line, n_clamped));

  return g_steal_pointer (&cards);
}

TrailDocument *
trail_mermaid_load (const char  *text,
                    gssize       len,
                    const char  *name,
                    GPtrArray   *warnings,
                    GError     **error)
{
  g_autoptr(Journey) journey = NULL;
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *title;

  g_return_val_if_fail (text != NULL, NULL);

  journey = parse (text, len, name, error);
  if (journey == NULL)
    return NULL;

  if (journey->n_tasks > TRAIL_FILE_MAX_CARDS)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("%s: more than %u tasks, more than a map holds"), display_name (name),
                   (guint) TRAIL_FILE_MAX_CARDS);
      return NULL;
    }

  document = trail_document_new ();
  title = journey->title != NULL ? journey->title : journey->acc_title;
  if (title != NULL)
    trail_document_update (document, document, "title", title, NULL);
  if (journey->acc_descr != NULL)
    trail_document_update (document, document, "objective", journey->acc_descr, NULL);
  cards = apply (document, journey, FALSE, warnings);

  /* The same strict reader and limits as a file: what opens can be saved. */
  bytes = trail_document_serialize (document);
  if (!trail_document_check_serialized (bytes, error))
    return NULL;

  return trail_document_load_from_bytes (bytes, display_name (name), error);
}

GPtrArray *
trail_mermaid_paste (TrailDocument  *document,
                     const char     *text,
                     gssize          len,
                     GPtrArray      *warnings,
                     GError        **error)
{
  g_autoptr(Journey) journey = NULL;
  GPtrArray *cards;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  journey = parse (text, len, NULL, error);
  if (journey == NULL)
    return NULL;

  /* A pasted title has no place in a map that has one: without sections
   * or tasks there is nothing to add. */
  if (journey->sections->len == 0)
    {
      fail (error, NULL, 1, _("the journey has no sections or tasks to paste"));
      return NULL;
    }

  /* A task costs a card and a point per actor: ask before adding them. */
  if (!trail_document_check_room (document, journey->n_tasks * 2 + journey->sections->len, len * 4, error))
    return NULL;

  trail_document_begin_group (document, _("Paste Journey"));
  cards = apply (document, journey, TRUE, warnings);
  trail_document_end_group (document);

  return cards;
}

gboolean
trail_mermaid_is_filename (const char *filename)
{
  g_autofree char *lower = NULL;

  if (filename == NULL)
    return FALSE;
  lower = g_ascii_strdown (filename, -1);

  return g_str_has_suffix (lower, ".mmd") || g_str_has_suffix (lower, ".mermaid");
}

/* ---- Export ---------------------------------------------------------- */

static gboolean
starts_with_keyword (const char *text)
{
  static const char * const keywords[] = { "journey", "title", "section", "acctitle", "accdescr" };

  if (text[0] == '%' || text[0] == '-')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      gsize n = strlen (keywords[i]);
      if (g_ascii_strncasecmp (text, keywords[i], n) == 0 &&
          (text[n] == '\0' || g_ascii_isspace (text[n]) || text[n] == ':' || text[n] == '{'))
        return TRUE;
    }

  return FALSE;
}

/* @text as a label Mermaid reads back the same where it can: line breaks
 * become <br>, and characters the grammar reserves (@reserved) become
 * their full-width look-alikes, counted in *n_replaced. */
static char *
label_to_mermaid (const char *text,
                  const char *reserved,
                  guint      *n_replaced,
                  gboolean    guard_keywords)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  GString *out = g_string_new (NULL);

  if (guard_keywords && starts_with_keyword (stripped))
    g_string_append (out, WORD_JOINER);

  for (const char *p = stripped; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          /* Spaces around a break would be trimmed away on the way back. */
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append (out, "<br>");
          while (p[1] == ' ' || p[1] == '\t')
            p++;
        }
      else if (*p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (strchr (reserved, *p) != NULL)
        {
          (*n_replaced)++;
          switch (*p)
            {
            case ':': g_string_append (out, "\uff1a"); break;
            case '#': g_string_append (out, "\uff03"); break;
            case ';': g_string_append (out, "\uff1b"); break;
            case ',': g_string_append (out, "\uff0c"); break;
            case '}': g_string_append (out, "\uff5d"); break;
            default: g_string_append_c (out, ' '); break;
            }
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
task_cards (TrailDocument *document,
            TrailStage    *stage,
            TrailLaneKind  kind)
{
  GListModel *lanes = trail_document_get_lanes (document);
  GPtrArray *cards = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      g_autoptr(GPtrArray) cell = NULL;

      if (trail_lane_get_kind (lane) != kind)
        continue;
      cell = trail_document_get_cell_cards (document, lane, stage);
      for (guint c = 0; c < cell->len; c++)
        g_ptr_array_add (cards, cell->pdata[c]);
    }

  return cards;
}

/* The point of @line in @stage closest to @position, within half a task's
 * width of it. */
static TrailEmotionPoint *
find_point (TrailEmotionLine *line,
            TrailStage       *stage,
            double            position,
            double            reach)
{
  GListModel *points;
  TrailEmotionPoint *best = NULL;
  double best_distance = reach;

  if (line == NULL)
    return NULL;
  points = trail_emotion_line_get_points (line);
  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);
      double distance = fabs (trail_emotion_point_get_position (point) - position);

      if (g_strcmp0 (trail_emotion_point_get_stage_id (point), trail_stage_get_id (stage)) == 0 &&
          distance <= best_distance)
        {
          best = point;
          best_distance = distance;
        }
    }

  return best;
}

/* The Mermaid score of @point: the one kept in its note when the map's
 * scale could not show it, else its score mapped from the scale. */
static double
point_score (TrailEmotionPoint *point,
             int                min,
             int                max)
{
  const char *note = trail_emotion_point_get_note (point);

  if (note != NULL && g_str_has_prefix (note, NOTE_PREFIX))
    {
      char *end = NULL;
      double kept = g_ascii_strtod (note + strlen (NOTE_PREFIX), &end);

      if (end != note + strlen (NOTE_PREFIX) && *end == '\0' && isfinite (kept))
        return kept;
    }

  return score_from_map (trail_emotion_point_get_score (point), min, max);
}

char *
trail_mermaid_save (TrailDocument *document,
                    GPtrArray     *warnings)
{
  GString *out = g_string_new ("journey\n");
  GListModel *stages = trail_document_get_stages (document);
  int min = trail_document_get_scale_min (document);
  int max = trail_document_get_scale_max (document);
  TrailLaneKind kind = TRAIL_LANE_KIND_ACTIONS;
  guint n_replaced = 0, n_clamped = 0, n_unscored = 0;
  const char *title = trail_document_get_title (document);
  const char *objective = trail_document_get_objective (document);
  gboolean any_actions = FALSE;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  for (guint s = 0; s < g_list_model_get_n_items (stages) && !any_actions; s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
      g_autoptr(GPtrArray) cards = task_cards (document, stage, TRAIL_LANE_KIND_ACTIONS);

      any_actions = cards->len > 0;
    }
  if (!any_actions)
    kind = TRAIL_LANE_KIND_TOUCHPOINTS;

  if (title != NULL && title[0] != '\0')
    {
      g_autofree char *label = label_to_mermaid (title, "#;", &n_replaced, FALSE);
      g_string_append_printf (out, "  title %s\n", label);
    }
  if (objective != NULL && objective[0] != '\0')
    {
      if (strchr (objective, '\n') == NULL)
        {
          g_autofree char *label = label_to_mermaid (objective, "", &n_replaced, FALSE);
          g_string_append_printf (out, "  accDescr: %s\n", label);
        }
      else
        {
          g_auto(GStrv) lines = g_strsplit (objective, "\n", -1);

          g_string_append (out, "  accDescr {\n");
          for (guint i = 0; lines[i] != NULL; i++)
            {
              g_autofree char *label = label_to_mermaid (lines[i], "}", &n_replaced, FALSE);
              g_string_append_printf (out, "    %s\n", label);
            }
          g_string_append (out, "  }\n");
        }
    }

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
      g_autoptr(GPtrArray) cards = task_cards (document, stage, kind);
      g_autofree char *section = label_to_mermaid (trail_stage_get_name (stage), ":#;", &n_replaced, FALSE);

      if (section[0] == '\0')
        {
          g_free (section);
          section = g_strdup_printf (_("Stage %u"), s + 1);
        }
      g_string_append_printf (out, "  section %s\n", section);

      for (guint c = 0; c < cards->len; c++)
        {
          TrailCard *card = cards->pdata[c];
          const char * const *tags = trail_card_get_persona_tags (card);
          double position = (c + 0.5) / cards->len;
          double reach = 0.5 / cards->len + 1e-9;
          g_autoptr(GString) actors = g_string_new (NULL);
          g_autofree char *name = label_to_mermaid (trail_card_get_text (card), ":#;", &n_replaced, TRUE);
          double sum = 0;
          guint n = 0;
          double score;
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (name[0] == '\0')
            {
              g_free (name);
              name = g_strdup (_("Untitled step"));
            }

          for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
            {
              TrailPersona *persona = trail_document_find_persona (document, tags[t]);
              TrailEmotionPoint *point;
              g_autofree char *actor = NULL;

              if (persona == NULL)
                continue;
              actor = label_to_mermaid (trail_persona_get_name (persona), ":#;,", &n_replaced, FALSE);
              if (actor[0] == '\0')
                continue;
              g_string_append_printf (actors, "%s%s", actors->len > 0 ? ", " : "", actor);
              point = find_point (trail_document_find_line_for_persona (document, tags[t]),
                                  stage, position, reach);
              if (point != NULL)
                {
                  sum += point_score (point, min, max);
                  n++;
                }
            }
          if (n == 0)
            {
              TrailEmotionPoint *point = find_point (trail_document_find_line_for_persona (document, NULL),
                                                     stage, position, reach);
              if (point != NULL)
                {
                  sum = point_score (point, min, max);
                  n = 1;
                }
            }

          if (n > 0)
            score = sum / n;
          else
            {
              score = score_from_map (trail_document_get_scale_neutral (document), min, max);
              n_unscored++;
            }
          if (score < 1 || score > 5)
            {
              score = CLAMP (score, 1, 5);
              n_clamped++;
            }
          score = round (score * 100) / 100;

          g_string_append_printf (out, "    %s: %s", name, g_ascii_formatd (number, sizeof number, "%g", score));
          if (actors->len > 0)
            g_string_append_printf (out, ": %s", actors->str);
          g_string_append_c (out, '\n');
        }
    }

  if (warnings != NULL)
    {
      if (n_replaced > 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf (ngettext ("%u character Mermaid reserves (“:”, “#”, “;”, or “,” in a persona’s name) was written as its full-width look-alike",
                                                    "%u characters Mermaid reserves (“:”, “#”, “;”, or “,” in a persona’s name) were written as their full-width look-alikes",
                                                    n_replaced), n_replaced));
      if (n_clamped > 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf (ngettext ("%u score outside Mermaid’s 1 to 5 was written as 1 or 5",
                                                    "%u scores outside Mermaid’s 1 to 5 were written as 1 or 5",
                                                    n_clamped), n_clamped));
      if (n_unscored > 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf (ngettext ("%u step has no emotion point: it was given the neutral score",
                                                    "%u steps have no emotion point: they were given the neutral score",
                                                    n_unscored), n_unscored));
    }

  return g_string_free (out, FALSE);
}

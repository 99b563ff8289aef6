/* trail-markdown.c — a map as an outline for wikis
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-markdown"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trail-card.h"
#include "trail-document-edits.h"
#include "trail-lane.h"
#include "trail-markdown.h"
#include "trail-persona.h"
#include "trail-ratings.h"
#include "trail-stage.h"

void
trail_markdown_append_escaped (GString    *out,
                               const char *text)
{
  /* Every ASCII punctuation character may be backslash-escaped in
   * CommonMark; escaping all that mean something anywhere is simplest
   * and safe at the start of a line too (#, -, +, digits followed by '.'). */
  static const char special[] = "\\`*_{}[]()<>#+-.!|~&\"'=:$@^%";

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "<br>");  /* the writer's own break, never the card's */
      else if (*p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (strchr (special, *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
}

static char *
escaped (const char *text)
{
  GString *out = g_string_new (NULL);

  trail_markdown_append_escaped (out, text);
  return g_string_free (out, FALSE);
}

/* "Label: value", the value escaped and the label the writer's own. */
static char *
fact (const char *label,
      const char *value)
{
  g_autofree char *v = escaped (value);

  return g_strdup_printf ("%s %s", label, v);
}

static void
append_line (GString    *out,
             const char *prefix,
             const char *text)
{
  g_string_append (out, prefix);
  trail_markdown_append_escaped (out, text);
  g_string_append (out, "\n");
}

/* The crowd's rating of @stage and the words given, when it has ratings:
 * a map never rated is written exactly as before. The scale's label and
 * the words come from the map and from phones, so they are escaped; the
 * figures are the writer's own. */
static void
append_crowd (GString       *out,
              TrailDocument *document,
              TrailStage    *stage,
              GHashTable    *points)
{
  const TrailCrowdPoint *point = g_hash_table_lookup (points, trail_stage_get_id (stage));
  g_autofree char *figures = NULL;
  g_autoptr(GPtrArray) words = NULL;

  if (point == NULL)
    return;

  figures = trail_document_dup_crowd_figures (document, point);
  g_string_append_printf (out, "**%s** ", _("Crowd rating:"));
  trail_markdown_append_escaped (out, trail_document_get_scale_label (document, (int) lround (point->centre)));
  g_string_append_printf (out, " (%s)\n\n", figures);

  words = trail_document_dup_crowd_words (document, stage);
  if (words->len == 0)
    return;
  g_string_append_printf (out, "**%s** ", _("Words:"));
  for (guint i = 0; i < words->len; i++)
    {
      const TrailCrowdWord *word = words->pdata[i];

      if (i > 0)
        g_string_append (out, ", ");
      trail_markdown_append_escaped (out, word->word);
      if (word->count > 1)
        /* Translators: how many participants gave a word, after it: "easy (×3)" */
        g_string_append_printf (out, _(" (×%u)"), word->count);
    }
  g_string_append (out, "\n\n");
}

char *
trail_markdown_save (TrailDocument *document)
{
  GString *out = g_string_new (NULL);
  GListModel *stages = trail_document_get_stages (document);
  GListModel *lanes = trail_document_get_lanes (document);
  GListModel *personas = trail_document_get_personas (document);
  const char *title = trail_document_get_title (document);
  const char *objective = trail_document_get_objective (document);
  const char *scope = trail_document_get_scope (document);
  g_autoptr(GHashTable) points = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  append_line (out, "# ", title != NULL && title[0] != '\0' ? title : _("Journey map"));
  g_string_append_c (out, '\n');
  if (objective != NULL && objective[0] != '\0')
    {
      g_string_append_printf (out, "**%s** ", _("Objective:"));
      append_line (out, "", objective);
      g_string_append_c (out, '\n');
    }
  if (scope != NULL && scope[0] != '\0')
    {
      g_string_append_printf (out, "**%s** ", _("Scope:"));
      append_line (out, "", scope);
      g_string_append_c (out, '\n');
    }

  if (g_list_model_get_n_items (personas) > 0)
    {
      g_string_append_printf (out, "## %s\n\n", _("Personas"));
      for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
        {
          g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
          const char *role = trail_persona_get_role (persona);
          const char *quote = trail_persona_get_quote (persona);

          g_string_append (out, "- **");
          trail_markdown_append_escaped (out, trail_persona_get_name (persona));
          g_string_append (out, "**");
          if (role != NULL && role[0] != '\0')
            append_line (out, ", ", role);
          else
            g_string_append_c (out, '\n');
          if (quote != NULL && quote[0] != '\0')
            append_line (out, "  > ", quote);
        }
      g_string_append_c (out, '\n');
    }

  /* One pass over the ratings for every stage's point. */
  points = trail_document_dup_crowd_points (document);
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
      const char *description = trail_stage_get_description (stage);

      append_line (out, "## ", trail_stage_get_name (stage));
      g_string_append_c (out, '\n');
      if (description != NULL && description[0] != '\0')
        {
          append_line (out, "", description);
          g_string_append_c (out, '\n');
        }
      append_crowd (out, document, stage, points);

      for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
        {
          g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, l);
          g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (document, lane, stage);

          if (cards->len == 0 || trail_lane_get_hidden (lane))
            continue;

          append_line (out, "### ", trail_lane_get_title (lane));
          g_string_append_c (out, '\n');
          for (guint c = 0; c < cards->len; c++)
            {
              TrailCard *card = cards->pdata[c];
              const char *details = trail_card_get_details (card);
              const char *channel = trail_document_get_card_channel_label (document, card);
              const char *note = trail_card_get_evidence_note (card);
              const char * const *tags = trail_card_get_persona_tags (card);
              g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);

              append_line (out, "- ", trail_card_get_text (card));
              if (details != NULL && details[0] != '\0')
                append_line (out, "  - ", details);

              if (channel != NULL)
                g_ptr_array_add (facts, fact (_("Channel:"), channel));
              if (trail_card_get_evidence (card) != TRAIL_EVIDENCE_NONE)
                {
                  GString *e = g_string_new (NULL);

                  g_string_append (e, trail_evidence_get_label (trail_card_get_evidence (card)));
                  if (trail_card_get_evidence_source (card) != TRAIL_EVIDENCE_SOURCE_NONE)
                    g_string_append_printf (e, " (%s)", trail_evidence_source_get_label (trail_card_get_evidence_source (card)));
                  if (note != NULL && note[0] != '\0')
                    g_string_append_printf (e, " — %s", note);
                  g_ptr_array_add (facts, fact (_("Evidence:"), e->str));
                  g_string_free (e, TRUE);
                }
              if (trail_card_get_priority (card) != TRAIL_PRIORITY_NONE)
                g_ptr_array_add (facts, fact (_("Priority:"), trail_priority_get_label (trail_card_get_priority (card))));
              if (trail_card_get_votes (card) > 0)
                g_ptr_array_add (facts, g_strdup_printf (ngettext ("%u vote", "%u votes", trail_card_get_votes (card)),
                                                         trail_card_get_votes (card)));
              if (tags != NULL && tags[0] != NULL)
                {
                  GString *p = g_string_new (NULL);

                  for (guint t = 0; tags[t] != NULL; t++)
                    {
                      TrailPersona *persona = trail_document_find_persona (document, tags[t]);
                      if (persona != NULL)
                        g_string_append_printf (p, "%s%s", p->len > 0 ? ", " : "", trail_persona_get_name (persona));
                    }
                  g_ptr_array_add (facts, fact (_("Personas:"), p->str));
                  g_string_free (p, TRUE);
                }
              for (guint f = 0; f < facts->len; f++)
                g_string_append_printf (out, "  - %s\n", (char *) facts->pdata[f]);
            }
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

/* trail-action-edits.c — adding and removing actions, the actions of a
 * card, and the actions as CSV
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-action"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-document.h"
#include "trail-model-private.h"

static const struct
{
  const char *word;
  const char *label;
} statuses[] = {
  [TRAIL_ACTION_STATUS_IDEA]        = { "idea",        N_("Idea") },
  [TRAIL_ACTION_STATUS_PLANNED]     = { "planned",     N_("Planned") },
  [TRAIL_ACTION_STATUS_IN_PROGRESS] = { "in-progress", N_("In progress") },
  [TRAIL_ACTION_STATUS_DONE]        = { "done",        N_("Done") },
  [TRAIL_ACTION_STATUS_DROPPED]     = { "dropped",     N_("Dropped") },
};

const char *
trail_action_status_to_string (TrailActionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);
  return statuses[status].word;
}

const char *
trail_action_status_get_label (TrailActionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);
  return _(statuses[status].label);
}

TrailAction *
trail_document_add_action (TrailDocument      *document,
                           int                 index,
                           const char         *title,
                           const char * const *cards)
{
  g_autoptr(TrailAction) action = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (title == NULL || g_utf8_validate (title, -1, NULL), NULL);
  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    g_return_val_if_fail (trail_document_find_card (document, cards[i]) != NULL, NULL);

  action = _trail_document_new_action (document);
  if (!_trail_item_set (action, "title", title != NULL ? title : "", NULL) ||
      (cards != NULL && cards[0] != NULL && !_trail_item_set (action, "cards", cards, NULL)))
    return NULL;
  _trail_document_insert_item (document, action, index, _("Add Action"));
  return action;
}

void
trail_document_remove_action (TrailDocument *document,
                              TrailAction   *action)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (document));
  g_return_if_fail (TRAIL_IS_ACTION (action));

  _trail_document_remove_item (document, action, _("Remove Action"));
}

GPtrArray *
trail_document_dup_card_actions (TrailDocument *document,
                                 TrailCard     *card)
{
  GListModel *actions;
  GPtrArray *out;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TRAIL_IS_CARD (card), NULL);

  actions = trail_document_get_actions (document);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      TrailAction *action = g_list_model_get_item (actions, i);
      const char * const *cards = trail_action_get_cards (action);

      if ((cards != NULL && g_strv_contains (cards, trail_card_get_id (card))) ||
          g_strcmp0 (trail_action_get_metric (action), trail_card_get_id (card)) == 0)
        g_ptr_array_add (out, action);
      else
        g_object_unref (action);
    }
  return out;
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  g_autofree char *safe = NULL;

  text = text != NULL ? text : "";
  /* A spreadsheet runs a cell that starts with = + - @ as a formula: a
   * leading apostrophe keeps a title a title. */
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    text = safe = g_strconcat ("'", text, NULL);
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

GBytes *
trail_document_actions_to_csv (TrailDocument *document)
{
  GListModel *actions;
  GString *out;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  actions = trail_document_get_actions (document);
  out = g_string_new (NULL);
  /* Column names stay English: scripts read them. */
  g_string_append (out, "title,status,owner,due,cards,kpi,target,metric,metric value\r\n");
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (actions, i);
      const char * const *cards = trail_action_get_cards (action);
      TrailCard *metric = trail_action_get_metric (action) != NULL
                          ? trail_document_find_card (document, trail_action_get_metric (action)) : NULL;
      g_autoptr(GString) texts = g_string_new (NULL);
      g_autofree char *value = NULL;

      for (guint c = 0; cards != NULL && cards[c] != NULL; c++)
        {
          TrailCard *card = trail_document_find_card (document, cards[c]);
          if (card == NULL)
            continue;
          if (texts->len > 0)
            g_string_append (texts, "; ");
          g_string_append (texts, trail_card_get_text (card));
        }
      if (metric != NULL && trail_card_is_metric (metric))
        {
          g_autoptr(GArray) series = trail_card_dup_metric_series (metric);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (series->len > 0)
            value = g_strdup (g_ascii_formatd (number, sizeof number, "%g",
                                               g_array_index (series, TrailMetricValue, series->len - 1).value));
        }

      append_field (out, trail_action_get_title (action), FALSE);
      append_field (out, trail_action_status_to_string (trail_action_get_status (action)), FALSE);
      append_field (out, trail_action_get_owner (action), FALSE);
      append_field (out, trail_action_get_due (action), FALSE);
      append_field (out, texts->str, FALSE);
      append_field (out, trail_action_get_kpi (action), FALSE);
      append_field (out, trail_action_get_kpi_target (action), FALSE);
      append_field (out, metric != NULL ? trail_card_get_text (metric) : NULL, FALSE);
      append_field (out, value, TRUE);
    }
  return g_string_free_to_bytes (out);
}

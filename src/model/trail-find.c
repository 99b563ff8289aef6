/* trail-find.c — finding a map's cards, stages, lanes and personas by text
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-find"

#include "config.h"

#include <string.h>

#include "trail-document-edits.h"
#include "trail-find.h"

char *
trail_find_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *bare;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)   /* invalid UTF-8: matched as it is */
    return g_utf8_casefold (text, -1);

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  {
    g_autofree char *plain = g_string_free (bare, FALSE);

    return g_utf8_casefold (plain, -1);
  }
}

static gboolean
holds (const char *text,
       const char *folded_query)
{
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  folded = trail_find_fold (text);
  return strstr (folded, folded_query) != NULL;
}

GPtrArray *
trail_document_find_text (TrailDocument *self,
                          const char    *query)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  GPtrArray *found = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) sorted = NULL;
  GListModel *list;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), found);

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (stripped[0] == '\0')
    return found;
  folded = trail_find_fold (stripped);

  list = trail_document_get_personas (self);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (list, i);

      if (holds (trail_persona_get_name (persona), folded) || holds (trail_persona_get_role (persona), folded))
        g_ptr_array_add (found, persona);
    }
  list = trail_document_get_stages (self);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (list, i);

      if (holds (trail_stage_get_name (stage), folded) || holds (trail_stage_get_description (stage), folded))
        g_ptr_array_add (found, stage);
    }
  list = trail_document_get_lanes (self);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (list, i);

      if (holds (trail_lane_get_title (lane), folded))
        g_ptr_array_add (found, lane);
    }
  list = trail_document_get_cards (self);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (list, i);

      if (holds (trail_card_get_text (card), folded) || holds (trail_card_get_details (card), folded))
        g_ptr_array_add (cards, card);
    }
  sorted = trail_document_sort_cards (self, (TrailCard **) cards->pdata, cards->len);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (found, sorted->pdata[i]);

  return found;
}

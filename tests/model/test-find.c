/* test-find.c — Find's matching: folded text, every kind of item, map order.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "trail-model.h"

static void
test_find_fold (void)
{
  g_autofree char *a = trail_find_fold ("Café CRÈME");
  g_autofree char *b = trail_find_fold ("ﬁnal Straße");
  g_autofree char *c = trail_find_fold (NULL);

  g_assert_cmpstr (a, ==, "cafe creme");
  g_assert_cmpstr (b, ==, "final strasse");
  g_assert_cmpstr (c, ==, "");
}

static void
test_find_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  TrailStage *s1, *s2;
  TrailLane *lane;
  TrailPersona *persona;
  TrailCard *late, *early;

  s1 = g_list_model_get_item (trail_document_get_stages (doc), 0);
  s2 = g_list_model_get_item (trail_document_get_stages (doc), 1);
  g_object_unref (s1);
  g_object_unref (s2);
  lane = g_list_model_get_item (trail_document_get_lanes (doc), 0);
  g_object_unref (lane);

  trail_document_update (doc, s2, "name", "Café visit", NULL);
  persona = trail_document_add_persona (doc, -1, "Amélie");
  trail_document_update (doc, persona, "role", "Cafe owner", NULL);
  late = trail_document_add_card (doc, lane, s2, -1, "Orders a CAFE latte");
  early = trail_document_add_card (doc, lane, s1, -1, "Sees the menu");
  trail_document_update (doc, early, "details", "Outside the café", NULL);
  trail_document_add_card (doc, lane, s1, -1, "Nothing here");

  found = trail_document_find_text (doc, "  cafe ");
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_true (found->pdata[0] == persona);
  g_assert_true (found->pdata[1] == s2);
  g_assert_true (found->pdata[2] == early);   /* stage 1 before stage 2 */
  g_assert_true (found->pdata[3] == late);

  none = trail_document_find_text (doc, "   ");
  g_assert_cmpuint (none->len, ==, 0);
  (void) error;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/find/fold", test_find_fold);
  g_test_add_func ("/model/find/items", test_find_items);

  return g_test_run ();
}

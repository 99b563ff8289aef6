/* render-fixtures.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <math.h>

#include "render-fixtures.h"

static TrailStage *
stage_at (TrailDocument *doc,
          guint          i)
{
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), i);
  return stage;  /* the document keeps it alive */
}

static TrailLane *
lane_at (TrailDocument *doc,
         guint          i)
{
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), i);
  return lane;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A portrait drawn in code, so the test data carries no binary files. */
static GBytes *
make_photo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 96, 120);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, 0, 120);
  GByteArray *png = g_byte_array_new ();

  cairo_pattern_add_color_stop_rgb (sky, 0, 0.99, 0.85, 0.60);
  cairo_pattern_add_color_stop_rgb (sky, 1, 0.93, 0.55, 0.45);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_pattern_destroy (sky);

  cairo_set_source_rgb (cr, 0.25, 0.30, 0.45);           /* shoulders */
  cairo_arc (cr, 48, 130, 46, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.87, 0.68, 0.55);           /* face */
  cairo_arc (cr, 48, 58, 22, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.30, 0.20, 0.15);           /* hair */
  cairo_arc (cr, 48, 52, 24, G_PI, 2 * G_PI);
  cairo_fill (cr);

  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

static TrailCard *
card (TrailDocument *doc,
      guint          lane,
      guint          stage,
      const char    *text)
{
  return trail_document_add_card (doc, lane_at (doc, lane), stage_at (doc, stage), -1, text);
}

TrailDocument *
render_fixture_sample (void)
{
  TrailDocument *doc = trail_document_new ();
  const char *stages[][2] = {
    { "Awareness", "Sees an ad, hears from a friend" },
    { "Consideration", "Compares models and prices" },
    { "Purchase", "Orders online, pays, waits" },
    { "Delivery & set-up", "Unboxes, installs, first cup" },
    { "Loyalty", "Reorders capsules, recommends" },
  };
  const TrailLaneKind kinds[] = {
    TRAIL_LANE_KIND_TOUCHPOINTS, TRAIL_LANE_KIND_ACTIONS, TRAIL_LANE_KIND_THOUGHTS,
    TRAIL_LANE_KIND_EMOTIONS, TRAIL_LANE_KIND_PAIN_POINTS, TRAIL_LANE_KIND_OPPORTUNITIES,
    TRAIL_LANE_KIND_BACKSTAGE, TRAIL_LANE_KIND_KPIS,
  };
  const double scores[2][5] = { { 1, 0, -1, -2, 2 }, { 0, 1, 1, -1, 1 } };
  g_autoptr(GBytes) photo = make_photo ();
  TrailPersona *anna, *ben, *chloe;
  TrailCard *c;

  trail_document_update (doc, doc,
                         "title", "Buying a coffee maker",
                         "objective", "Understand why first-time buyers return their machine within a month, and where to win them back.",
                         "scope", "Online buyers in Europe, first purchase, 2025",
                         NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      TrailStage *s = trail_document_add_stage (doc, -1, stages[i][0]);
      trail_document_update (doc, s, "description", stages[i][1], NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    trail_document_add_lane (doc, -1, kinds[i], NULL);

  anna = trail_document_add_persona (doc, -1, "Anna Berg");
  trail_document_update (doc, anna,
                         "role", "Busy parent, first espresso machine",
                         "quote", "I just want good coffee without reading a manual.",
                         "goals", "Great coffee in two minutes; easy to clean",
                         "pain-points", "Confusing set-up; capsules sold out",
                         "photo", photo,
                         NULL);
  ben = trail_document_add_persona (doc, -1, "Ben Okafor");
  trail_document_update (doc, ben,
                         "role", "Coffee enthusiast",
                         "quote", "Show me the pressure and the grind settings.",
                         "goals", "Café quality at home",
                         NULL);
  chloe = trail_document_add_persona (doc, -1, "Chloé Martin");
  trail_document_update (doc, chloe, "role", "Office manager", NULL);

  c = card (doc, 0, 0, "Sees an ad on social media");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_SOCIAL_MEDIA,
                         "persona-tags", (const char *[]) { trail_persona_get_id (anna), NULL },
                         "evidence", TRAIL_EVIDENCE_OBSERVED, "votes", 3, NULL);
  c = card (doc, 0, 0, "Friend recommends the brand");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_OTHER, NULL);
  c = card (doc, 0, 1, "Compares models on the website");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_WEBSITE,
                         "persona-tags", (const char *[]) { trail_persona_get_id (anna), trail_persona_get_id (ben), NULL },
                         "evidence", TRAIL_EVIDENCE_OBSERVED, NULL);
  c = card (doc, 0, 1, "Reads reviews");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_REVIEWS, "votes", 5, NULL);
  c = card (doc, 0, 2, "Orders in the mobile app");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_MOBILE_APP, NULL);
  c = card (doc, 0, 2, "Order confirmation email");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_EMAIL, NULL);
  c = card (doc, 0, 3, "Parcel delivered, box is huge");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_PACKAGING, "evidence", TRAIL_EVIDENCE_ASSUMED, NULL);
  c = card (doc, 0, 3, "Calls the hotline about descaling");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_PHONE,
                         "persona-tags", (const char *[]) { trail_persona_get_id (anna), NULL }, NULL);
  c = card (doc, 0, 4, "Follow-up email with recipes");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_FOLLOW_UP, "evidence", TRAIL_EVIDENCE_PROPOSED, NULL);
  c = card (doc, 0, 4, "Buys capsules in the store");
  trail_document_update (doc, c, "channel", TRAIL_CHANNEL_STORE, NULL);

  card (doc, 1, 0, "Scrolls past, then goes back to the ad");
  card (doc, 1, 1, "Opens three tabs to compare pressure, size and price");
  card (doc, 1, 2, "Pays with a card; picks next-day delivery");
  card (doc, 1, 3, "Follows the quick-start guide, fails the first time");
  card (doc, 1, 4, "Subscribes to capsules");

  card (doc, 2, 0, "“Could this replace my café visit?”");
  card (doc, 2, 1, "“Which one is really easy to clean?”");
  card (doc, 2, 3, "“Why is there water everywhere?”");

  c = card (doc, 4, 1, "Specs are hard to compare between models");
  trail_document_update (doc, c, "votes", 4, "priority", TRAIL_PRIORITY_HIGH, NULL);
  c = card (doc, 4, 3, "Set-up needs a descaling step the guide hides on page 14");
  trail_document_update (doc, c, "votes", 9, "priority", TRAIL_PRIORITY_HIGH, "evidence", TRAIL_EVIDENCE_OBSERVED,
                         "persona-tags", (const char *[]) { trail_persona_get_id (anna), trail_persona_get_id (ben),
                                                            trail_persona_get_id (chloe), NULL }, NULL);
  c = card (doc, 5, 1, "A comparison table of the three best sellers");
  trail_document_update (doc, c, "evidence", TRAIL_EVIDENCE_PROPOSED, "votes", 2, NULL);
  c = card (doc, 5, 3, "Video set-up guide linked by QR code on the box");
  trail_document_update (doc, c, "evidence", TRAIL_EVIDENCE_PROPOSED, "votes", 7, NULL);
  card (doc, 6, 2, "Warehouse picks and packs within 4 hours");
  card (doc, 6, 3, "Support team logs set-up calls");
  card (doc, 7, 3, "Returns within 30 days: 6 %");
  card (doc, 7, 4, "Repeat capsule orders");

  /* One line per persona (Anna took the line for everyone). */
  {
    TrailPersona *who[2] = { anna, ben };

    for (guint p = 0; p < 2; p++)
      {
        TrailEmotionLine *line = trail_document_find_line_for_persona (doc, trail_persona_get_id (who[p]));

        if (line == NULL)
          line = trail_document_add_emotion_line (doc, trail_persona_get_id (who[p]));
        for (guint s = 0; s < 5; s++)
          trail_document_add_emotion_point (doc, line, stage_at (doc, s), 0.5, scores[p][s],
                                            p == 0 && s == 3 ? "Water on the counter" :
                                            p == 0 && s == 4 ? "First perfect cup" : NULL);
      }
  }

  return doc;
}

const char * const render_fixture_hostile_texts[] = {
  "<b>not bold</b> & <i>not italic</i>",
  "</text><script>alert(1)</script>",
  "\" onload=\"alert(2)\" x=\"",
  "Control\x01\x02\x08\x0b\x0c\x1b[31mchars\x7f",
  "\xe2\x80\xae" "desrever" "\xe2\x80\xac" " then normal",
  "مرحبا بالعالم — Hello — שלום עולם",
  "Emoji ☕🚚😡✨ in a card",
  "]]><!ENTITY x SYSTEM \"file:///etc/passwd\">&x;",
  NULL
};

TrailDocument *
render_fixture_hostile (void)
{
  TrailDocument *doc = trail_document_new_blank ();
  GString *word = g_string_new (NULL);
  TrailPersona *p;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (word, 'a' + (i % 26));

  trail_document_update (doc, doc,
                         "title", "<svg onload=alert(1)> & “Hostile” </title>",
                         "objective", render_fixture_hostile_texts[1],
                         NULL);
  p = trail_document_add_persona (doc, -1, "<script>Eve</script>");
  trail_document_update (doc, p, "quote", render_fixture_hostile_texts[0], NULL);

  for (guint i = 0; render_fixture_hostile_texts[i] != NULL; i++)
    {
      TrailCard *c = card (doc, i % 2 == 0 ? 0 : 1, i % 5, render_fixture_hostile_texts[i]);
      if (i == 0)
        trail_document_update (doc, c, "persona-tags", (const char *[]) { trail_persona_get_id (p), NULL }, NULL);
    }
  card (doc, 2, 2, word->str);
  trail_document_update (doc, stage_at (doc, 0), "name", "<stage onclick=\"x\">", NULL);

  g_string_free (word, TRUE);
  return doc;
}

TrailDocument *
render_fixture_large (guint n_cards)
{
  static const char * const words[] = {
    "customer", "checks", "the", "price", "on", "website", "calls", "support", "about",
    "delivery", "waits", "for", "email", "confirmation", "compares", "reviews", "app",
    "store", "staff", "explains", "return", "policy", "coupon", "fails", "again",
  };
  TrailDocument *doc = trail_document_new ();
  const TrailLaneKind kinds[] = {
    TRAIL_LANE_KIND_TOUCHPOINTS, TRAIL_LANE_KIND_ACTIONS, TRAIL_LANE_KIND_THOUGHTS,
    TRAIL_LANE_KIND_PAIN_POINTS, TRAIL_LANE_KIND_OPPORTUNITIES, TRAIL_LANE_KIND_BACKSTAGE,
    TRAIL_LANE_KIND_KPIS, TRAIL_LANE_KIND_NOTES,
  };
  /* Grow stages with the card count and keep ~5 cards per cell, the shape
   * of a big real workshop map. */
  guint per_cell = 5;
  guint n_lanes = G_N_ELEMENTS (kinds);
  guint n_stages = MAX (1, (n_cards + n_lanes * per_cell - 1) / (n_lanes * per_cell));
  guint32 seed = 12345;
  TrailEmotionLine *line;
  TrailPersona *persona;

  trail_document_update (doc, doc, "title", "Large generated journey",
                         "objective", "A generated map for measuring layout and export time.", NULL);
  for (guint s = 0; s < n_stages; s++)
    {
      g_autofree char *name = g_strdup_printf ("Stage %u", s + 1);
      trail_document_add_stage (doc, -1, name);
    }
  for (guint l = 0; l < n_lanes; l++)
    trail_document_add_lane (doc, -1, kinds[l], NULL);
  trail_document_add_lane (doc, 3, TRAIL_LANE_KIND_EMOTIONS, NULL);
  persona = trail_document_add_persona (doc, -1, "Sam Generated");
  line = trail_document_find_line_for_persona (doc, trail_persona_get_id (persona));
  if (line == NULL)
    line = trail_document_add_emotion_line (doc, trail_persona_get_id (persona));

  trail_document_begin_group (doc, "Generate");
  for (guint i = 0; i < n_cards; i++)
    {
      guint stage = i / (n_lanes * per_cell);
      guint lane = (i / per_cell) % n_lanes;
      guint n_words;
      GString *text = g_string_new (NULL);
      TrailCard *c;

      if (lane >= 3)
        lane++;  /* skip the emotions lane */
      seed = seed * 1103515245 + 12345;
      n_words = 3 + (seed >> 16) % 14;
      for (guint w = 0; w < n_words; w++)
        {
          seed = seed * 1103515245 + 12345;
          g_string_append_printf (text, "%s%s", w ? " " : "", words[(seed >> 16) % G_N_ELEMENTS (words)]);
        }
      c = card (doc, lane, MIN (stage, n_stages - 1), text->str);
      if (lane == 0)
        trail_document_update (doc, c, "channel", 1 + (seed >> 8) % TRAIL_CHANNEL_OTHER, NULL);
      if (seed % 3 == 0)
        trail_document_update (doc, c, "votes", (guint) (seed >> 20) % 9 + 1, NULL);
      if (seed % 4 == 0)
        trail_document_update (doc, c, "evidence", 1 + (seed >> 12) % 3, NULL);
      g_string_free (text, TRUE);
    }
  for (guint s = 0; s < n_stages; s++)
    trail_document_add_emotion_point (doc, line, stage_at (doc, s), 0.5, round (2 * sin (s * 0.9)), NULL);
  trail_document_end_group (doc);

  return doc;
}

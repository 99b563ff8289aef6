/* model-io.c — load and save against json-glib's bare parse and generate.
 *
 * Not a unit test (timings vary from machine to machine): run it with
 * `meson test -C build --benchmark model-io`, or directly. Prints, for maps
 * of 1,000 and 10,000 cards, the best of 15 runs of each (the least
 * disturbed by other work on the machine) and the ratios. The
 * goal: load ≤ 1.5× bare parse (the strict reader included), save ≤ 1.5×
 * bare generate, both linear in size.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>

#include "trail-model.h"

#include "bench-util.h"

#define RUNS 15

static TrailDocument *
make_map (guint n_cards)
{
  TrailDocument *doc = trail_document_new_blank ();
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *lanes = trail_document_get_lanes (doc);
  guint n_stages = g_list_model_get_n_items (stages);
  const char *tags[2] = { NULL, NULL };
  TrailPersona *persona;

  trail_document_update (doc, doc, "title", "Benchmark", "objective", "Time load and save", NULL);
  persona = trail_document_add_persona (doc, -1, "Ana");
  trail_document_update (doc, persona, "role", "Customer", "quote", "I just want it to work.", NULL);
  tags[0] = trail_persona_get_id (persona);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i % n_stages);
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, (i / n_stages) % 3);
      g_autofree char *text = g_strdup_printf ("Card %u: compares prices on the website and reads reviews", i);
      TrailCard *card = trail_document_add_card (doc, lane, stage, -1, text);

      trail_document_update (doc, card,
                             "channel", TRAIL_CHANNEL_WEBSITE,
                             "evidence", TRAIL_EVIDENCE_OBSERVED,
                             "evidence-source", TRAIL_EVIDENCE_SOURCE_SURVEY,
                             "votes", i % 7,
                             "persona-tags", tags,
                             NULL);
    }

  for (guint i = 0; i < n_stages * 4; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i / 4);

      trail_document_add_emotion_point (doc, trail_document_find_line_for_persona (doc, tags[0]),
                                        stage, (i % 4) / 4.0, (int) (i % 5) - 2, NULL);
    }

  return doc;
}

static void
bench (guint n_cards)
{
  g_autoptr(TrailDocument) doc = make_map (n_cards);
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  double load[RUNS], save[RUNS], parse[RUNS], generate[RUNS];
  double t_load, t_save, t_parse, t_generate;
  g_autoptr(JsonParser) kept = json_parser_new ();

  json_parser_load_from_data (kept, data, size, NULL);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start;

      start = g_get_monotonic_time ();
      {
        g_autoptr(TrailDocument) loaded = trail_document_load_from_bytes (bytes, "bench", NULL);
        g_assert_nonnull (loaded);
      }
      load[r] = bench_since_ms (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        json_parser_load_from_data (parser, data, size, NULL);
      }
      parse[r] = bench_since_ms (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(GBytes) out = trail_document_serialize (doc);
        g_assert_nonnull (out);
      }
      save[r] = bench_since_ms (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autofree char *out = NULL;

        json_generator_set_pretty (generator, TRUE);
        json_generator_set_root (generator, json_parser_get_root (kept));
        out = json_generator_to_data (generator, NULL);
      }
      generate[r] = bench_since_ms (start);
    }

  t_load = bench_best (load, RUNS);
  t_save = bench_best (save, RUNS);
  t_parse = bench_best (parse, RUNS);
  t_generate = bench_best (generate, RUNS);

  g_print ("%6u cards, %8" G_GSIZE_FORMAT " bytes: load %7.2f ms, bare parse %7.2f ms, ratio %.2f"
           " | save %7.2f ms, bare generate %7.2f ms, ratio %.2f | load %.2f µs/card, save %.2f µs/card\n",
           n_cards, size, t_load, t_parse, t_load / t_parse, t_save, t_generate, t_save / t_generate,
           1000.0 * t_load / n_cards, 1000.0 * t_save / n_cards);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  bench (1000);
  bench (10000);

  return 0;
}

/* trail-ratings.c — the crowd's ratings of a map's stages
 *
 * A rating is a plain record of file fields (trail-item.c's table drives
 * loading, saving, editing and undo), one per participant and stage. The
 * document keeps them ordered by participant, then by stage, so that one
 * participant's ratings sit together in the file and copies of a map rated
 * by different people differ in different places: git merges them.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-ratings"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trail-ratings.h"
#include "trail-model-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_STAGE_ID,
  PROP_PARTICIPANT,
  PROP_NAME,
  PROP_SCORE,
  PROP_WORD,
  N_PROPS
};

struct _TrailRating
{
  GObject  parent_instance;

  char    *id;
  char    *stage_id;
  char    *participant;
  char    *name;
  int      score;
  char    *word;
};

G_DEFINE_FINAL_TYPE (TrailRating, trail_rating, G_TYPE_OBJECT)
G_DEFINE_QUARK (trail-rating-error-quark, trail_rating_error)

static GParamSpec *properties[N_PROPS];

static char **
string_field (TrailRating *self,
              guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:          return &self->id;
    case PROP_STAGE_ID:    return &self->stage_id;
    case PROP_PARTICIPANT: return &self->participant;
    case PROP_NAME:        return &self->name;
    case PROP_WORD:        return &self->word;
    default:               return NULL;
    }
}

static void
trail_rating_finalize (GObject *object)
{
  TrailRating *self = TRAIL_RATING (object);

  g_free (self->id);
  g_free (self->stage_id);
  g_free (self->participant);
  g_free (self->name);
  g_free (self->word);

  G_OBJECT_CLASS (trail_rating_parent_class)->finalize (object);
}

static void
trail_rating_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrailRating *self = TRAIL_RATING (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_SCORE)
    g_value_set_int (value, self->score);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* Only the id is set at construction (and by the loader, before anyone
 * watches); the rest through the document, which records undo. */
static void
trail_rating_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TrailRating *self = TRAIL_RATING (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_free (*field);
      *field = g_value_dup_string (value);
    }
  else if (prop_id == PROP_SCORE)
    self->score = g_value_get_int (value);
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (prop_id != PROP_ID)
    g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
trail_rating_class_init (TrailRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_rating_finalize;
  object_class->get_property = trail_rating_get_property;
  object_class->set_property = trail_rating_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE_ID] = g_param_spec_string ("stage-id", NULL, NULL, "", flags);
  properties[PROP_PARTICIPANT] = g_param_spec_string ("participant", NULL, NULL, "", flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* The scale's widest bounds; the document checks the map's own. */
  properties[PROP_SCORE] = g_param_spec_int ("score", NULL, NULL, -1000, 1000, 0, flags);
  properties[PROP_WORD] = g_param_spec_string ("word", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_rating_init (TrailRating *self)
{
  self->stage_id = g_strdup ("");
  self->participant = g_strdup ("");
}

const char *
trail_rating_get_id (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), NULL);
  return self->id;
}

const char *
trail_rating_get_stage_id (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), NULL);
  return self->stage_id;
}

const char *
trail_rating_get_participant (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), NULL);
  return self->participant;
}

const char *
trail_rating_get_name (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), NULL);
  return self->name;
}

int
trail_rating_get_score (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), 0);
  return self->score;
}

const char *
trail_rating_get_word (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), NULL);
  return self->word;
}

char *
trail_rating_dup_label (TrailRating *self)
{
  g_return_val_if_fail (TRAIL_IS_RATING (self), NULL);

  if (self->name != NULL)
    return g_strdup (self->name);
  /* Translators: a rating given without a name. */
  return g_strdup (_("Anonymous"));
}

/* ---- Checks shared with the loader ------------------------------------ */

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

gboolean
_trail_rating_check_text (const char  *key,
                          const char  *text,
                          GError     **error)
{
  glong max = g_str_equal (key, "word") ? TRAIL_RATING_MAX_WORD : TRAIL_RATING_MAX_NAME;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL) || has_control (text))
    {
      /* Translators: %s is "word" or "name", the file's key. */
      g_set_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID,
                   _("the rating’s %s holds control characters"), key);
      return FALSE;
    }
  if (g_str_equal (key, "participant") &&
      (text[0] == '\0' || strlen (text) > TRAIL_RATING_MAX_PARTICIPANT))
    {
      g_set_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID,
                   _("a rating’s participant must be from 1 to %d bytes"), TRAIL_RATING_MAX_PARTICIPANT);
      return FALSE;
    }
  if (!g_str_equal (key, "participant") && g_utf8_strlen (text, -1) > max)
    {
      g_set_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID,
                   g_str_equal (key, "word")
                   ? _("a rating’s word may have at most %ld characters")
                   : _("a rater’s name may have at most %ld characters"),
                   max);
      return FALSE;
    }
  return TRUE;
}

/* ---- Ratings ---------------------------------------------------------- */

GListModel *
trail_document_get_ratings (TrailDocument *self)
{
  return _trail_document_get_ratings_store (self);
}

TrailRating *
trail_document_find_rating (TrailDocument *self,
                            TrailStage    *stage,
                            const char    *participant)
{
  GListModel *ratings;
  const char *stage_id;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), NULL);

  if (participant == NULL)
    return NULL;
  ratings = trail_document_get_ratings (self);
  stage_id = trail_stage_get_id (stage);
  for (guint i = 0, n = g_list_model_get_n_items (ratings); i < n; i++)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (ratings, i);

      if (g_str_equal (rating->stage_id, stage_id) && g_str_equal (rating->participant, participant))
        return rating;  /* the document holds it */
    }
  return NULL;
}

GPtrArray *
trail_document_dup_stage_ratings (TrailDocument *self,
                                  TrailStage    *stage)
{
  GListModel *ratings;
  GPtrArray *result;
  const char *stage_id;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), NULL);

  ratings = trail_document_get_ratings (self);
  stage_id = trail_stage_get_id (stage);
  result = g_ptr_array_new ();
  for (guint i = 0, n = g_list_model_get_n_items (ratings); i < n; i++)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (ratings, i);

      if (g_str_equal (rating->stage_id, stage_id))
        g_ptr_array_add (result, rating);
    }
  return result;
}

gboolean
trail_document_has_ratings (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  return g_list_model_get_n_items (trail_document_get_ratings (self)) > 0;
}

/* Where a new rating goes: after the participant's ratings of earlier
 * stages, before those of later ones; a new participant before the first
 * greater key. Ratings a merge left out of order are not moved. */
static guint
sorted_index (TrailDocument *self,
              const char    *participant,
              guint          stage_index)
{
  GListModel *ratings = trail_document_get_ratings (self);
  guint n = g_list_model_get_n_items (ratings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (ratings, i);
      int cmp = strcmp (rating->participant, participant);

      if (cmp > 0)
        return i;
      if (cmp == 0)
        {
          TrailStage *stage = trail_document_find_stage (self, rating->stage_id);

          if (stage != NULL && trail_document_get_stage_index (self, stage) > stage_index)
            return i;
        }
    }
  return n;
}

static char *
strip_or_null (const char *text)
{
  char *stripped;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);
  return stripped;
}

gboolean
trail_document_rate_stage (TrailDocument  *self,
                           TrailStage     *stage,
                           const char     *participant,
                           const char     *name,
                           int             score,
                           const char     *word,
                           GError        **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_word = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  TrailRating *rating;
  int min, max;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), FALSE);
  g_return_val_if_fail (trail_document_find_stage (self, trail_stage_get_id (stage)) == stage, FALSE);

  min = trail_document_get_scale_min (self);
  max = trail_document_get_scale_max (self);
  if (score < min || score > max)
    {
      g_set_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID,
                   _("The rating %d is outside the map’s scale (%d to %d)"), score, min, max);
      return FALSE;
    }
  if (participant == NULL || !_trail_rating_check_text ("participant", participant, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID,
                             _("A rating needs a participant"));
      return FALSE;
    }
  clean_name = strip_or_null (name);
  clean_word = strip_or_null (word);
  if (!_trail_rating_check_text ("name", clean_name, error) ||
      !_trail_rating_check_text ("word", clean_word, error))
    return FALSE;

  rating = trail_document_find_rating (self, stage, participant);
  if (rating == NULL)
    {
      existing = trail_document_dup_stage_ratings (self, stage);
      if (existing->len >= TRAIL_RATING_MAX_PER_STAGE)
        {
          g_set_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_LIMIT,
                       _("“%s” already has %d ratings, the most a stage can hold"),
                       trail_stage_get_name (stage), TRAIL_RATING_MAX_PER_STAGE);
          return FALSE;
        }
      /* The loader's limit on any list: a map saved must open again. */
      if (g_list_model_get_n_items (trail_document_get_ratings (self)) >= TRAIL_FILE_MAX_ITEMS)
        {
          g_set_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_LIMIT,
                       _("The map already holds %d ratings, the most a map can hold"), TRAIL_FILE_MAX_ITEMS);
          return FALSE;
        }
    }

  trail_document_begin_group (self, _("Rate Stage"));
  if (rating == NULL)
    {
      g_autofree char *id = _trail_document_make_id (self, "r");
      g_autoptr(TrailRating) added = g_object_new (TRAIL_TYPE_RATING, "id", id, NULL);

      /* Filled in before it joins the document, so that nobody sees a
       * half-made rating and the insert is one primitive change. */
      _trail_item_set (added,
                       "stage-id", trail_stage_get_id (stage),
                       "participant", participant,
                       "name", clean_name,
                       "score", score,
                       "word", clean_word,
                       NULL);
      _trail_document_insert_item (self, added,
                                   (int) sorted_index (self, participant,
                                                       trail_document_get_stage_index (self, stage)),
                                   NULL);
    }
  else
    trail_document_update (self, rating, "name", clean_name, "score", score, "word", clean_word, NULL);
  trail_document_end_group (self);

  return TRUE;
}

gboolean
trail_document_unrate_stage (TrailDocument *self,
                             TrailStage    *stage,
                             const char    *participant)
{
  TrailRating *rating;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), FALSE);

  rating = trail_document_find_rating (self, stage, participant);
  if (rating == NULL)
    return FALSE;

  _trail_document_remove_item (self, rating, _("Remove Rating"));
  return TRUE;
}

guint
trail_document_clear_stage_ratings (TrailDocument *self,
                                    TrailStage    *stage)
{
  g_autoptr(GPtrArray) ratings = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), 0);

  ratings = trail_document_dup_stage_ratings (self, stage);
  if (ratings->len == 0)
    return 0;

  trail_document_begin_group (self, _("Clear Ratings"));
  for (guint i = 0; i < ratings->len; i++)
    _trail_document_remove_item (self, ratings->pdata[i], NULL);
  trail_document_end_group (self);

  return ratings->len;
}

/* ---- The crowd line ---------------------------------------------------- */

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int ia = *(const int *) a, ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

/* The point of @n scores (sorted in place). */
static void
compute_point (TrailDocument       *self,
               int                 *scores,
               guint                n,
               TrailCrowdStatistic  statistic,
               TrailCrowdPoint     *out)
{
  g_autofree double *sorted = g_new (double, n);
  double min = trail_document_get_scale_min (self);
  double max = trail_document_get_scale_max (self);
  double sum = 0, sq = 0, mean;

  qsort (scores, n, sizeof (int), compare_int);
  for (guint i = 0; i < n; i++)
    {
      sorted[i] = scores[i];
      sum += scores[i];
    }
  mean = sum / n;
  for (guint i = 0; i < n; i++)
    sq += (sorted[i] - mean) * (sorted[i] - mean);

  out->n = n;
  if (statistic == TRAIL_CROWD_MEDIAN)
    {
      out->centre = _trail_quantile (sorted, n, 0.5);
      out->low = _trail_quantile (sorted, n, 0.25);
      out->high = _trail_quantile (sorted, n, 0.75);
      out->spread = out->high - out->low;
    }
  else
    {
      /* The sample's standard deviation, as survey imports give it; none
       * for one rating. */
      double sd = n > 1 ? sqrt (sq / (n - 1)) : 0;

      out->centre = mean;
      out->spread = sd;
      out->low = CLAMP (mean - sd, min, max);
      out->high = CLAMP (mean + sd, min, max);
    }
}

gboolean
trail_document_crowd_point (TrailDocument   *self,
                            TrailStage      *stage,
                            TrailCrowdPoint *out)
{
  g_autoptr(GPtrArray) ratings = NULL;
  g_autofree int *scores = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  ratings = trail_document_dup_stage_ratings (self, stage);
  if (ratings->len == 0)
    return FALSE;

  scores = g_new (int, ratings->len);
  for (guint i = 0; i < ratings->len; i++)
    scores[i] = trail_rating_get_score (ratings->pdata[i]);
  compute_point (self, scores, ratings->len, trail_document_get_crowd_statistic (self), out);
  return TRUE;
}

GHashTable *
trail_document_dup_crowd_points (TrailDocument *self)
{
  GListModel *ratings;
  g_autoptr(GHashTable) scores = NULL;
  GHashTable *points;
  TrailCrowdStatistic statistic;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);

  ratings = trail_document_get_ratings (self);
  statistic = trail_document_get_crowd_statistic (self);
  scores = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0, n = g_list_model_get_n_items (ratings); i < n; i++)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (ratings, i);
      GArray *stage_scores = g_hash_table_lookup (scores, rating->stage_id);

      if (stage_scores == NULL)
        {
          stage_scores = g_array_new (FALSE, FALSE, sizeof (int));
          /* The rating (and so its stage id) lives in the document. */
          g_hash_table_insert (scores, rating->stage_id, stage_scores);
        }
      g_array_append_val (stage_scores, rating->score);
    }

  points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *stage_scores = value;
      TrailCrowdPoint *point = g_new0 (TrailCrowdPoint, 1);

      compute_point (self, (int *) stage_scores->data, stage_scores->len, statistic, point);
      g_hash_table_insert (points, g_strdup (key), point);
    }
  return points;
}

char *
trail_crowd_format_value (double value)
{
  /* Rounded first, so that −0.04 is "0.0", not "−0.0". */
  double rounded = round (value * 10) / 10;

  if (rounded > 0)
    return g_strdup_printf ("+%.1f", rounded);
  if (rounded < 0)
    /* U+2212 MINUS SIGN, as the inspector shows scores. */
    return g_strdup_printf ("−%.1f", -rounded);
  return g_strdup_printf ("%.1f", 0.0);
}

char *
trail_document_dup_crowd_figures (TrailDocument         *self,
                                  const TrailCrowdPoint *point)
{
  g_autofree char *centre = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (point != NULL, NULL);

  centre = trail_crowd_format_value (point->centre);
  if (trail_document_get_crowd_statistic (self) == TRAIL_CROWD_MEDIAN)
    {
      g_autofree char *low = trail_crowd_format_value (point->low);
      g_autofree char *high = trail_crowd_format_value (point->high);

      /* Translators: the crowd's median rating of a stage, its interquartile
       * range and the number of ratings, e.g. "median +1.0, IQR +0.5 to +1.5, n = 7" */
      return g_strdup_printf (_("median %s, IQR %s to %s, n = %u"), centre, low, high, point->n);
    }
  /* Translators: the crowd's mean rating of a stage, ± the standard
   * deviation, and the number of ratings, e.g. "mean +1.2 ± 0.6, n = 7" */
  return g_strdup_printf (_("mean %s ± %.1f, n = %u"), centre, point->spread, point->n);
}

static void
crowd_word_free (gpointer data)
{
  TrailCrowdWord *word = data;

  g_free (word->word);
  g_free (word);
}

static int
compare_crowd_words (gconstpointer a,
                     gconstpointer b)
{
  const TrailCrowdWord *wa = *(TrailCrowdWord * const *) a;
  const TrailCrowdWord *wb = *(TrailCrowdWord * const *) b;

  return (wa->count < wb->count) - (wa->count > wb->count);
}

GPtrArray *
trail_document_dup_crowd_words (TrailDocument *self,
                                TrailStage    *stage)
{
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *words;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), NULL);

  words = g_ptr_array_new_with_free_func (crowd_word_free);
  ratings = trail_document_dup_stage_ratings (self, stage);
  /* case-folded word → its entry in @words */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < ratings->len; i++)
    {
      const char *text = trail_rating_get_word (ratings->pdata[i]);
      g_autofree char *key = NULL;
      TrailCrowdWord *word;

      if (text == NULL || text[0] == '\0')
        continue;
      key = g_utf8_casefold (text, -1);
      if ((word = g_hash_table_lookup (seen, key)) == NULL)
        {
          word = g_new0 (TrailCrowdWord, 1);
          word->word = g_strdup (text);
          g_ptr_array_add (words, word);
          g_hash_table_insert (seen, g_steal_pointer (&key), word);
        }
      word->count++;
    }
  /* g_ptr_array_sort is a stable merge sort: ties keep file order. */
  g_ptr_array_sort (words, compare_crowd_words);
  return words;
}

TrailCrowdStatistic
trail_document_get_crowd_statistic (TrailDocument *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), TRAIL_CROWD_MEAN);

  g_object_get (self, "crowd-statistic", &value, NULL);
  return g_strcmp0 (value, "median") == 0 ? TRAIL_CROWD_MEDIAN : TRAIL_CROWD_MEAN;
}

void
trail_document_set_crowd_statistic (TrailDocument       *self,
                                    TrailCrowdStatistic  statistic)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (statistic == TRAIL_CROWD_MEAN || statistic == TRAIL_CROWD_MEDIAN);

  if (trail_document_get_crowd_statistic (self) == statistic)
    return;

  trail_document_begin_group (self, _("Change Crowd Line"));
  /* The mean is the default and is left out of files. */
  trail_document_update (self, self, "crowd-statistic",
                         statistic == TRAIL_CROWD_MEDIAN ? "median" : NULL, NULL);
  trail_document_end_group (self);
}

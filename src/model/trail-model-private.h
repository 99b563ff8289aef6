/* trail-model-private.h — what the model's files share and nobody else sees.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "trail-document.h"
#include "trail-document-io.h"
#include "trail-draft-overlay.h"

G_BEGIN_DECLS

/* Item properties are read-only to the world so that every change goes
 * through TrailDocument and its undo stack; the document writes them with
 * this, which calls the class's set_property directly. Returns TRUE when the
 * value changed (and "notify" was emitted). */
gboolean       _trail_item_set_value      (gpointer      item,
                                           GParamSpec   *pspec,
                                           const GValue *value);
/* Sets a property of an item no one watches yet (the loader's), without
 * comparing with the old value. */
void           _trail_item_init_value     (gpointer      item,
                                           GParamSpec   *pspec,
                                           const GValue *value);
gboolean       _trail_item_set            (gpointer      item,
                                           const char   *property,
                                           ...) G_GNUC_NULL_TERMINATED;
/* Compares two values of the same type by content (strings, string arrays
 * and bytes included, which g_param_values_cmp() compares by address). */
gboolean       _trail_value_equal         (const GValue *a,
                                           const GValue *b);

/* Fields of a file this version does not know, kept to be written back.
 * Stored on the item (or the document); NULL when there are none. The object
 * is never modified once set. */
JsonObject    *_trail_item_get_unknown    (gpointer      item);
void           _trail_item_set_unknown    (gpointer      item,
                                           JsonObject   *unknown);
/* The unknown members of the document's "scale" object. */
JsonObject    *_trail_document_get_scale_unknown (TrailDocument *self);
void           _trail_document_set_scale_unknown (TrailDocument *self,
                                                  JsonObject    *unknown);

/* How a property appears in a .trailmap file and how it is checked, shared
 * by the loader, the writer, trail_document_update() and
 * trail_document_equal() so they cannot disagree. */
typedef enum
{
  TRAIL_FIELD_REQUIRED    = 1 << 0, /* always written; missing is an error */
  TRAIL_FIELD_ID          = 1 << 1, /* the item's id: immutable */
  TRAIL_FIELD_COLOR       = 1 << 2, /* "#rrggbb" */
  TRAIL_FIELD_REF_PERSONA = 1 << 3, /* a persona id (or each id of a list) */
  TRAIL_FIELD_REF_STAGE   = 1 << 4,
  TRAIL_FIELD_REF_LANE    = 1 << 5,
  TRAIL_FIELD_IMAGE       = 1 << 6, /* PNG or JPEG bytes, base64 in files */
  TRAIL_FIELD_SCORE       = 1 << 7, /* within the document's scale */
  TRAIL_FIELD_PLACEMENT   = 1 << 8, /* moved with a dedicated command */
  TRAIL_FIELD_ICON        = 1 << 9, /* one of trail_custom_channel_list_icons() */
  TRAIL_FIELD_REF_CHANNEL = 1 << 10, /* the id of one of the map's own channels */
  TRAIL_FIELD_NUMBER      = 1 << 11, /* a string holding a plain number, "3.5" */
  TRAIL_FIELD_DATED       = 1 << 12, /* strings "DATE=NUMBER", see trail_metric_value_parse() */
  TRAIL_FIELD_REF_CARD    = 1 << 13, /* a card id (or each id of a list) */
  TRAIL_FIELD_DATE        = 1 << 14, /* "YYYY-MM-DD", see trail_action_due_is_valid() */
  TRAIL_FIELD_REPEATS     = 1 << 15, /* a list whose entries may repeat (a voter's dots) */
  TRAIL_FIELD_RATING_TEXT = 1 << 16, /* a rating's participant, name or word: see _trail_rating_check_text() */
} TrailFieldFlags;

typedef struct
{
  const char      *key;       /* the JSON member */
  const char      *property;  /* the GObject property */
  TrailFieldFlags  flags;
} TrailField;

/* Fields of a persona, stage, lane, card, emotion line or point, or custom
 * channel, in file
 * order; @n_fields is set. The document's own fields are handled by the
 * loader and writer, being few and special. */
const TrailField *_trail_fields_for_type  (GType         type,
                                           guint        *n_fields);

/* Checks one value for a field outside of any document (type, colour,
 * length, image). References and scores need the document. */
gboolean       _trail_field_check_value   (const TrailField *field,
                                           GParamSpec       *pspec,
                                           const GValue     *value,
                                           GError          **error);
gboolean       _trail_color_is_valid      (const char   *color);

/* Constructors for the document and the loader. */
TrailPersona      *_trail_persona_new       (const char *id);
TrailStage        *_trail_stage_new         (const char *id);
TrailLane         *_trail_lane_new          (const char *id);
TrailCard         *_trail_card_new          (const char *id);
TrailEmotionLine  *_trail_emotion_line_new  (const char *id);
TrailEmotionPoint *_trail_emotion_point_new (const char *id);
TrailCustomChannel *_trail_custom_channel_new (const char *id);
TrailSurvey       *_trail_survey_new        (const char *id);
TrailSurveyResult *_trail_survey_result_new (const char *id);
TrailAction       *_trail_action_new        (const char *id);
TrailAction       *_trail_document_new_action (TrailDocument *self);

/* For imports (trail-survey-import.c): a new id, and inserting or removing
 * a survey or survey result as one command named @label (or a part of the
 * open group). @index -1 appends. */
char              *_trail_document_make_id     (TrailDocument *self,
                                                const char    *prefix);
/* For drafts (trail-draft-overlay.c): whether @item is one of the map's, and
 * where in the cards list trail_document_add_card() would put a new card. */
gboolean           _trail_document_has_item    (TrailDocument *self,
                                                gpointer       item);
guint              _trail_document_card_list_index (TrailDocument *self,
                                                    TrailLane     *lane,
                                                    TrailStage    *stage,
                                                    int            index);
/* For the writer: the text @overlay lays over @item's @property (or NULL),
 * whether it lays any over @item, and the card it adds (NULL if none) with
 * its place in the cards list. @overlay may be NULL. */
const char        *_trail_draft_overlay_lookup (TrailDraftOverlay *overlay,
                                                gpointer           item,
                                                const char        *property);
gboolean           _trail_draft_overlay_replaces (TrailDraftOverlay *overlay,
                                                  gpointer           item);
TrailCard         *_trail_draft_overlay_get_added (TrailDraftOverlay *overlay,
                                                   guint             *list_index);
void               _trail_document_insert_item (TrailDocument *self,
                                                gpointer       item,
                                                int            index,
                                                const char    *label);
void               _trail_document_remove_item (TrailDocument *self,
                                                gpointer       item,
                                                const char    *label);

GListStore        *_trail_emotion_line_get_store (TrailEmotionLine  *self);
TrailEmotionLine  *_trail_emotion_point_get_line (TrailEmotionPoint *self);
void               _trail_emotion_point_set_line (TrailEmotionPoint *self,
                                                  TrailEmotionLine  *line);

/* The loader builds a document directly, without undo, then hands it over. */
void           _trail_document_set_meta   (TrailDocument *self,
                                           const char    *title,
                                           const char    *objective,
                                           const char    *scope,
                                           const char    *notes);
gboolean       _trail_document_set_scale_direct (TrailDocument       *self,
                                                 int                  min,
                                                 int                  max,
                                                 const char * const  *labels);
/* Each returns FALSE when the id is already taken. */
gboolean       _trail_document_append_item (TrailDocument *self,
                                            gpointer       item);
gboolean       _trail_document_append_point (TrailDocument     *self,
                                             TrailEmotionLine  *line,
                                             TrailEmotionPoint *point);
/* Sorts every line's points after loading (stable: equal keys keep the file
 * order). */
void           _trail_document_sort_points (TrailDocument *self);
GObject       *_trail_document_lookup_id  (TrailDocument *self,
                                           const char    *id);
/* Identifies the current state in the undo history, so that an
 * asynchronous save can mark as saved the state it wrote even if edits
 * happened meanwhile. */
guint64        _trail_document_get_state_serial (TrailDocument *self);
void           _trail_document_set_saved_serial (TrailDocument *self,
                                                 guint64        serial);
/* Forgets the undo history and marks the document saved. */
void           _trail_document_reset_history (TrailDocument *self);

/* Cards on the clipboard, written and read with the file's item writer and
 * reader (trail-document-io.c). _trail_cards_load() returns TrailCard
 * objects outside any document, checked like a file's (their lane, stage
 * and persona ids are not resolved), or NULL and an error. */
GBytes        *_trail_cards_serialize     (TrailCard * const *cards,
                                           guint              n_cards);
GPtrArray     *_trail_cards_load          (GBytes        *bytes,
                                           const char    *name,
                                           GError       **error);
/* Inserts a copy of @source (a card of this document or of none) with a new
 * id at @index of the cell: every field but the id and placement, unknown
 * fields included; persona references this map does not know are dropped.
 * One undoable command named @label. */
TrailCard     *_trail_document_add_card_copy (TrailDocument *self,
                                              TrailCard     *source,
                                              TrailLane     *lane,
                                              TrailStage    *stage,
                                              int            index,
                                              const char    *label);

/* Ratings (trail-ratings.c): the document's list, and the checks of a
 * rating's "participant", "name" or "word" (@key) that the loader and
 * trail_document_rate_stage() share. */
GListModel    *_trail_document_get_ratings_store (TrailDocument *self);
gboolean       _trail_rating_check_text   (const char   *key,
                                           const char   *text,
                                           GError      **error);
/* The @p quantile of @n sorted values, interpolated (R's and NumPy's
 * default): survey imports and the crowd line agree. */
double         _trail_quantile            (const double *sorted,
                                           guint         n,
                                           double        p);

/* The labels of a scale when the file gives none, for the writer. */
const char * const *_trail_document_get_custom_labels (TrailDocument *self);

G_END_DECLS

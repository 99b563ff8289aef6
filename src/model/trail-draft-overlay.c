/* trail-draft-overlay.c — text typed and not committed, laid over a draft
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drafts used to get typed text by serializing the map, parsing it back
 * into a copy, applying the text to the copy and serializing that: three
 * passes over every card for one card's text. The overlay only records the
 * text; the writer puts it in place as it goes (trail-document-io.c).
 */
#define G_LOG_DOMAIN "trail-draft-overlay"

#include "config.h"

#include <string.h>

#include "trail-draft-overlay.h"
#include "trail-model-private.h"

typedef struct
{
  GObject *item;
  char    *property;
  char    *text;
} Replacement;

struct _TrailDraftOverlay
{
  GObject        parent_instance;

  TrailDocument *document;
  GArray        *replacements;   /* Replacement; one or two at most */
  TrailCard     *added;          /* a card of no document, or NULL */
  guint          added_index;    /* where it goes in the document's cards */
};

G_DEFINE_FINAL_TYPE (TrailDraftOverlay, trail_draft_overlay, G_TYPE_OBJECT)

static void
clear_replacement (gpointer data)
{
  Replacement *r = data;

  g_clear_object (&r->item);
  g_clear_pointer (&r->property, g_free);
  g_clear_pointer (&r->text, g_free);
}

static gboolean
text_is_valid (const char *text)
{
  return text != NULL && strlen (text) <= TRAIL_FILE_MAX_STRING && g_utf8_validate (text, -1, NULL);
}

static void
trail_draft_overlay_finalize (GObject *object)
{
  TrailDraftOverlay *self = TRAIL_DRAFT_OVERLAY (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->replacements, g_array_unref);
  g_clear_object (&self->added);

  G_OBJECT_CLASS (trail_draft_overlay_parent_class)->finalize (object);
}

static void
trail_draft_overlay_class_init (TrailDraftOverlayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trail_draft_overlay_finalize;
}

static void
trail_draft_overlay_init (TrailDraftOverlay *self)
{
  self->replacements = g_array_new (FALSE, TRUE, sizeof (Replacement));
  g_array_set_clear_func (self->replacements, clear_replacement);
}

TrailDraftOverlay *
trail_draft_overlay_new (TrailDocument *document)
{
  TrailDraftOverlay *self;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  self = g_object_new (TRAIL_TYPE_DRAFT_OVERLAY, NULL);
  self->document = g_object_ref (document);
  return self;
}

TrailDocument *
trail_draft_overlay_get_document (TrailDraftOverlay *self)
{
  g_return_val_if_fail (TRAIL_IS_DRAFT_OVERLAY (self), NULL);

  return self->document;
}

void
trail_draft_overlay_set_text (TrailDraftOverlay *self,
                              gpointer           item,
                              const char        *property,
                              const char        *text)
{
  GParamSpec *pspec;
  Replacement r;

  g_return_if_fail (TRAIL_IS_DRAFT_OVERLAY (self));
  g_return_if_fail (TRAIL_IS_STAGE (item) || TRAIL_IS_LANE (item) || TRAIL_IS_CARD (item));
  g_return_if_fail (property != NULL);
  g_return_if_fail (text_is_valid (text));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  g_return_if_fail (pspec != NULL && G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING);

  if (!_trail_document_has_item (self->document, item))
    return;

  /* The same property twice: the later text wins, as a later edit would. */
  for (guint i = 0; i < self->replacements->len; i++)
    {
      Replacement *old = &g_array_index (self->replacements, Replacement, i);

      if (old->item == item && g_str_equal (old->property, pspec->name))
        {
          g_free (old->text);
          old->text = g_strdup (text);
          return;
        }
    }

  r.item = g_object_ref (item);
  r.property = g_strdup (pspec->name);
  r.text = g_strdup (text);
  g_array_append_val (self->replacements, r);
}

void
trail_draft_overlay_add_card (TrailDraftOverlay  *self,
                              TrailLane          *lane,
                              TrailStage         *stage,
                              int                 index,
                              const char         *text,
                              TrailChannel        channel,
                              TrailCustomChannel *custom)
{
  g_autofree char *id = NULL;

  g_return_if_fail (TRAIL_IS_DRAFT_OVERLAY (self));
  g_return_if_fail (TRAIL_IS_LANE (lane) && TRAIL_IS_STAGE (stage));
  g_return_if_fail (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS);
  g_return_if_fail (text_is_valid (text));
  g_return_if_fail (custom == NULL || TRAIL_IS_CUSTOM_CHANNEL (custom));
  g_return_if_fail (self->added == NULL);

  if (!_trail_document_has_item (self->document, lane) || !_trail_document_has_item (self->document, stage) ||
      (custom != NULL && !_trail_document_has_item (self->document, custom)))
    return;

  /* An id no item of the map has: the card gets one again when the
   * recovered map is edited, as every card does. */
  id = _trail_document_make_id (self->document, "c");
  self->added = _trail_card_new (id);
  _trail_item_set (self->added,
                   "lane-id", trail_lane_get_id (lane),
                   "stage-id", trail_stage_get_id (stage),
                   "text", text,
                   NULL);
  if (custom != NULL)
    _trail_item_set (self->added,
                     "channel", TRAIL_CHANNEL_OTHER,
                     "custom-channel", trail_custom_channel_get_id (custom),
                     NULL);
  else if (channel != TRAIL_CHANNEL_NONE)
    _trail_item_set (self->added, "channel", channel, NULL);
  self->added_index = _trail_document_card_list_index (self->document, lane, stage, index);
}

gboolean
trail_draft_overlay_is_empty (TrailDraftOverlay *self)
{
  g_return_val_if_fail (TRAIL_IS_DRAFT_OVERLAY (self), TRUE);

  return self->replacements->len == 0 && self->added == NULL;
}

/* ---- For the writer ---------------------------------------------------- */

const char *
_trail_draft_overlay_lookup (TrailDraftOverlay *self,
                             gpointer           item,
                             const char        *property)
{
  for (guint i = 0; self != NULL && i < self->replacements->len; i++)
    {
      Replacement *r = &g_array_index (self->replacements, Replacement, i);

      if (r->item == item && g_str_equal (r->property, property))
        return r->text;
    }
  return NULL;
}

gboolean
_trail_draft_overlay_replaces (TrailDraftOverlay *self,
                               gpointer           item)
{
  for (guint i = 0; self != NULL && i < self->replacements->len; i++)
    if (g_array_index (self->replacements, Replacement, i).item == item)
      return TRUE;
  return FALSE;
}

TrailCard *
_trail_draft_overlay_get_added (TrailDraftOverlay *self,
                                guint             *list_index)
{
  if (self == NULL || self->added == NULL)
    return NULL;
  *list_index = self->added_index;
  return self->added;
}

/* trail-templates.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-templates"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-document-io.h"
#include "trail-templates.h"

typedef struct
{
  const char *id;
  const char *name;
  const char *description;
} TemplateInfo;

static const TemplateInfo templates[] = {
  { "awareness-to-loyalty", N_("Awareness to loyalty"),
    N_("The classic five stages, with touchpoints across every channel") },
  { "coffee-maker", N_("Buying a coffee maker"),
    N_("From a social media ad to the first cup, with a dip at delivery and set-up") },
  { "free-to-premium", N_("Free to premium"),
    N_("A streaming service: ads, a trial, a subscription, renewal or churn") },
  { "first-ride", N_("First ride"),
    N_("A ride-hailing app, from download to rating the driver") },
  { "service-blueprint", N_("Service blueprint"),
    N_("Customer actions, frontstage, backstage, support processes and evidence") },
  { "blank", N_("Blank"),
    N_("The usual stages and lanes, no cards") },
};

static const char * const template_ids[] = {
  "awareness-to-loyalty",
  "coffee-maker",
  "free-to-premium",
  "first-ride",
  "service-blueprint",
  "blank",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (templates) + 1 == G_N_ELEMENTS (template_ids));

static const TemplateInfo *
find_template (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (templates); i++)
    if (strcmp (templates[i].id, id) == 0)
      return &templates[i];

  return NULL;
}

const char * const *
trail_templates_list_ids (void)
{
  return template_ids;
}

const char *
trail_template_get_name (const char *id)
{
  const TemplateInfo *info = find_template (id);

  return info != NULL ? _(info->name) : NULL;
}

const char *
trail_template_get_description (const char *id)
{
  const TemplateInfo *info = find_template (id);

  return info != NULL ? _(info->description) : NULL;
}

TrailDocument *
trail_template_load (const char  *id,
                     GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (find_template (id) == NULL)
    {
      g_set_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND,
                   _("There is no template “%s”"), id);
      return NULL;
    }

  path = g_strconcat (TRAIL_TEMPLATES_RESOURCE_PATH, id, ".trailmap", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return trail_document_load_from_bytes (bytes, path, error);
}

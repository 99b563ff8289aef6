/* trail-inspector-card-actions.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

/* The card section's "Actions" group: the actions that address the shown
 * card, each editable in place (title, owner, due date, status) and
 * removable, every edit one undo step. Rows are named for tests by their
 * field titles. */
typedef struct _TrailCardActions TrailCardActions;

TrailCardActions *trail_card_actions_new  (TrailInspectorSection *section,
                                           AdwPreferencesGroup   *group);
void              trail_card_actions_load (TrailCardActions      *self,
                                           TrailCard             *card);
void              trail_card_actions_free (TrailCardActions      *self);

G_END_DECLS

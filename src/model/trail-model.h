/* trail-model.h — everything the model offers, for its users.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"
#include "trail-enums.h"
#include "trail-persona.h"
#include "trail-stage.h"
#include "trail-lane.h"
#include "trail-card.h"
#include "trail-emotion-line.h"
#include "trail-custom-channel.h"
#include "trail-csv.h"
#include "trail-survey.h"
#include "trail-survey-import.h"
#include "trail-find.h"
#include "trail-voting.h"
#include "trail-metric-import.h"
#include "trail-action.h"
#include "trail-mermaid.h"
#include "trail-map-csv.h"
#include "trail-markdown.h"
#include "trail-document.h"
#include "trail-document-io.h"
#include "trail-diff.h"
#include "trail-git.h"
#include "trail-document-edits.h"
#include "trail-display-text.h"
#include "trail-drafts.h"
#include "trail-map-file.h"
#include "trail-image.h"
#include "trail-selection.h"
#include "trail-file-writer.h"
#include "trail-json-check.h"
#include "trail-templates.h"
#include "trail-timer.h"

/* trail-types.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-types"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-enums.h"
#include "trail-types.h"

const char *
trail_lane_kind_get_label (TrailLaneKind kind)
{
  switch (kind)
    {
    case TRAIL_LANE_KIND_TOUCHPOINTS:   return _("Touchpoints");
    case TRAIL_LANE_KIND_ACTIONS:       return _("Customer actions");
    case TRAIL_LANE_KIND_THOUGHTS:      return _("Thoughts");
    case TRAIL_LANE_KIND_EMOTIONS:      return _("Emotions");
    case TRAIL_LANE_KIND_PAIN_POINTS:   return _("Pain points");
    case TRAIL_LANE_KIND_OPPORTUNITIES: return _("Opportunities");
    case TRAIL_LANE_KIND_BACKSTAGE:     return _("Backstage");
    case TRAIL_LANE_KIND_KPIS:          return _("KPIs");
    case TRAIL_LANE_KIND_NOTES:         return _("Notes");
    case TRAIL_LANE_KIND_CUSTOM:        return _("Custom");
    default:                            return _("Custom");
    }
}

const char *
trail_channel_get_label (TrailChannel channel)
{
  switch (channel)
    {
    case TRAIL_CHANNEL_NONE:         return _("No channel");
    case TRAIL_CHANNEL_WEBSITE:      return _("Website");
    case TRAIL_CHANNEL_SOCIAL_MEDIA: return _("Social media");
    case TRAIL_CHANNEL_EMAIL:        return _("Email");
    case TRAIL_CHANNEL_PHONE:        return _("Phone");
    case TRAIL_CHANNEL_STORE:        return _("Store");
    case TRAIL_CHANNEL_MOBILE_APP:   return _("Mobile app");
    case TRAIL_CHANNEL_LIVE_CHAT:    return _("Live chat");
    case TRAIL_CHANNEL_REVIEWS:      return _("Reviews");
    case TRAIL_CHANNEL_PACKAGING:    return _("Packaging");
    case TRAIL_CHANNEL_FOLLOW_UP:    return _("Follow-up");
    case TRAIL_CHANNEL_OTHER:        return _("Other channel");
    default:                         return _("Other channel");
    }
}

const char *
trail_evidence_get_label (TrailEvidence evidence)
{
  switch (evidence)
    {
    case TRAIL_EVIDENCE_NONE:     return _("No evidence");
    case TRAIL_EVIDENCE_OBSERVED: return _("Observed");
    case TRAIL_EVIDENCE_ASSUMED:  return _("Assumed");
    case TRAIL_EVIDENCE_PROPOSED: return _("Proposed");
    default:                      return _("No evidence");
    }
}

const char *
trail_evidence_source_get_label (TrailEvidenceSource source)
{
  switch (source)
    {
    case TRAIL_EVIDENCE_SOURCE_NONE:         return _("No source");
    case TRAIL_EVIDENCE_SOURCE_SURVEY:       return _("Survey");
    case TRAIL_EVIDENCE_SOURCE_INTERVIEW:    return _("Interview");
    case TRAIL_EVIDENCE_SOURCE_ANALYTICS:    return _("Analytics");
    case TRAIL_EVIDENCE_SOURCE_SUPPORT_LOGS: return _("Support logs");
    case TRAIL_EVIDENCE_SOURCE_OTHER:        return _("Other source");
    default:                                 return _("No source");
    }
}

const char *
trail_priority_get_label (TrailPriority priority)
{
  switch (priority)
    {
    case TRAIL_PRIORITY_NONE:   return _("No priority");
    case TRAIL_PRIORITY_LOW:    return _("Low");
    case TRAIL_PRIORITY_MEDIUM: return _("Medium");
    case TRAIL_PRIORITY_HIGH:   return _("High");
    default:                    return _("No priority");
    }
}

/* The nick is the file format's name for a value. Classes of static types
 * are never finalized, so the string outlives the unref. */
static const char *
enum_to_nick (GType type,
              int   value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  klass = g_type_class_ref (type);
  ev = g_enum_get_value (klass, value);
  g_type_class_unref (klass);

  return ev != NULL ? ev->value_nick : NULL;
}

const char *
trail_lane_kind_to_string (TrailLaneKind kind)
{
  return enum_to_nick (TRAIL_TYPE_LANE_KIND, kind);
}

const char *
trail_channel_to_string (TrailChannel channel)
{
  return enum_to_nick (TRAIL_TYPE_CHANNEL, channel);
}

const char *
trail_evidence_to_string (TrailEvidence evidence)
{
  return enum_to_nick (TRAIL_TYPE_EVIDENCE, evidence);
}

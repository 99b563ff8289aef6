/* trail-settings-row.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-settings-row"

#include "config.h"

#include "trail-settings-row.h"

static gboolean
get_choice_index (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *current = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_str_equal (choices[i], current))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
set_choice_index (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[index]);
}

void
trail_settings_bind_choice (GSettings          *settings,
                            const char         *key,
                            AdwComboRow        *row,
                            const char * const *choices)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (choices != NULL);

  g_settings_bind_with_mapping (settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_choice_index, set_choice_index,
                                (gpointer) choices, NULL);
}

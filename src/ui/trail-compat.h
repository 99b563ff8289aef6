/* trail-compat.h — the one place where newer GTK/libadwaita API is used.
 *
 * The build pins GDK_VERSION_MAX_ALLOWED to 4.8 and ADW_VERSION_MAX_ALLOWED
 * to 1.2 (Debian 12), so using anything newer warns. Where the Flatpak's
 * newer runtime offers a better or non-deprecated call, the branch lives
 * here, behind a version check, and the rest of the code calls the wrapper.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The widget's CSS foreground colour. GtkStyleContext is deprecated from
 * GTK 4.10 on, where gtk_widget_get_color() replaces it. */
static inline void
trail_widget_get_color (GtkWidget *widget,
                        GdkRGBA   *color)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
G_GNUC_END_IGNORE_DEPRECATIONS
}

G_END_DECLS

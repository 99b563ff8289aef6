/* trail-template-gallery.h — "New Map": the templates, previewed
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_TEMPLATE_GALLERY (trail_template_gallery_get_type())

G_DECLARE_FINAL_TYPE (TrailTemplateGallery, trail_template_gallery, TRAIL, TEMPLATE_GALLERY, AdwWindow)

/* Signals: chosen (const char *template_id) — then the gallery closes. */
GtkWindow *trail_template_gallery_new (GtkWindow *parent);

G_END_DECLS

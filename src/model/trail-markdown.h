/* trail-markdown.h — a map as an outline for wikis
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

/* The map as CommonMark: the title, objective and scope, the personas, then
 * per stage the cards lane by lane, with their details, channel, evidence,
 * priority and votes. Every text is escaped so that Markdown shows it as
 * written: no link, image, HTML or emphasis can come from a card. */
char *trail_markdown_save (TrailDocument *document);

/* @text escaped for CommonMark inline text (appended to @out). */
void  trail_markdown_append_escaped (GString    *out,
                                     const char *text);

G_END_DECLS

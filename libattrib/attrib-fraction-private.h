/* attrib-fraction-private.h: exact shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shares of performance and commission are exact fractions (1/2, 1/3 …):
 * a regulation that splits equally must not lose a fen to binary floating
 * point. Fractions are kept reduced, with a positive denominator; every
 * operation detects overflow and reports it rather than wrapping.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64    _attrib_gcd              (gint64  a,
                                    gint64  b);
gboolean  _attrib_fraction_reduce  (gint64  numerator,
                                    gint64  denominator,
                                    gint64 *out_numerator,
                                    gint64 *out_denominator);
gboolean  _attrib_fraction_add     (gint64 *numerator,
                                    gint64 *denominator,
                                    gint64  add_numerator,
                                    gint64  add_denominator);
gboolean  _attrib_fraction_parse   (const char *text,
                                    gint64     *out_numerator,
                                    gint64     *out_denominator,
                                    GError    **error);

G_END_DECLS

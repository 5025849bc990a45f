/* attrib-money-private.h: exact fen arithmetic for commission
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Money is gint64 fen. A product of two amounts (a price times a rate's
 * numerator) can exceed 64 bits before it is divided back, so products
 * are kept in 128 bits (two 64-bit limbs, portable to every platform
 * GLib runs on) and every result is checked to fit a gint64.
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* round (a × b / c) with @mode; c > 0. FALSE, *out untouched, if the
 * result does not fit a gint64. */
gboolean  _attrib_money_mul_div   (gint64          a,
                                   gint64          b,
                                   gint64          c,
                                   AttribRounding  mode,
                                   gint64         *out);

/* Splits @whole into @n parts in proportion to @weights (each ≥ 0, not
 * all 0) by the largest remainder: each part is the floor of its exact
 * share, and the fen left over go one each to the parts with the largest
 * remainders, the lower index first at equal remainders. The parts sum to
 * @whole exactly; a negative whole is split as its magnitude, negated.
 * FALSE on overflow or no weight. */
gboolean  _attrib_money_allocate  (gint64          whole,
                                   const gint64   *weights,
                                   guint           n,
                                   gint64         *out_parts);

G_END_DECLS

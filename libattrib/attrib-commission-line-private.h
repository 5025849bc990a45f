/* attrib-commission-line-private.h: lines as the calculator builds them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

struct _AttribCommissionLine
{
  gatomicrefcount ref_count;
  char *party;               /* who is paid (or charged) */
  AttribTime at;
  char *at_text;             /* RFC 3339 in the profile's time zone */
  char period[8];            /* "2024-03", local month of @at */
  AttribLineKind kind;
  char *deal;                /* nullable: a fine, a visit bonus */
  char *milestone;           /* nullable: the paying stage's nick */
  int stage;                 /* its AttribDealStage, or -1: orders lines */
  gint64 basis;              /* fen, 0 if none */
  gint64 rate_num, rate_den; /* 0/1 if none (a fixed amount, a fine) */
  gint64 share_num, share_den;
  gint64 amount;             /* fen, signed */
  char *plan;
  char *rule;                /* the plan's term: "products.residential", "tiers", … */
  char *event;               /* the event that made it due */
  char *explanation;
};

AttribCommissionLine *_attrib_commission_line_new  (void);
void                  _attrib_commission_line_append_canonical (AttribCommissionLine *self,
                                                                GString              *out);
int                   _attrib_commission_line_compare (const AttribCommissionLine *a,
                                                       const AttribCommissionLine *b);
char                 *_attrib_rate_text (gint64 numerator,
                                         gint64 denominator);

G_END_DECLS

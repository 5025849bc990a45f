/* not-a-reception.c: visits that are no reception
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `not_a_reception` (reception-2013 二.1.2, 二.1.3, 二.1.4), one
 * clause per `purpose`: helping a customer who only comes to pay or sign
 * (`deposit_or_signing`), receiving someone who is no customer (sales
 * calls, advertising, surveys: `non_customer`) and handing leaflets to
 * someone who does not come in (`leaflet_only`) give nobody the customer
 * and take no turn of the rotation. Entering and asking the price is a
 * reception.
 */

#include "config.h"

#include "attrib-engine-private.h"

const AttribClause *
_attrib_not_a_reception (AttribRun *run,
                         guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  AttribVisitPurpose purpose = (rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3;
  guint k;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || purpose == ATTRIB_VISIT_PURPOSE_CUSTOMER)
    return NULL;
  for (k = 0; k < _attrib_profile_get_n_clauses (run->profile); k++)
    {
      const AttribClause *c = _attrib_profile_get_clause (run->profile, k);

      if (g_str_equal (c->kind->name, "not_a_reception") && _attrib_clause_get_purpose (c, "purpose") == purpose)
        return c;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "purpose", ATTRIB_PARAM_PURPOSE, NULL },
  { NULL }
};

const AttribClauseKind _attrib_kind_not_a_reception = {
  .name = "not_a_reception",
  .params = params,
  .summary = "A visit for this purpose is no reception: it gives nobody the customer and takes no turn",
  .phases = ATTRIB_PHASE_CITED,
};

/* attrib-event-private.h: the fields of an event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* Every settable field. The ledger validates which fields an event of a
 * given type takes and which it needs; a file loader maps a field back to
 * the JSON member that set it, to report file:line:column. */
typedef enum {
  ATTRIB_FIELD_ID,
  ATTRIB_FIELD_TYPE,
  ATTRIB_FIELD_AT,
  ATTRIB_FIELD_NOTE,
  ATTRIB_FIELD_SEQ,
  ATTRIB_FIELD_CUSTOMER,       /* customer, purchaser, or a */
  ATTRIB_FIELD_COUNTERPART,    /* b */
  ATTRIB_FIELD_PARTY,          /* party, against */
  ATTRIB_FIELD_REPORT_STAGE,
  ATTRIB_FIELD_EXPECTED_VISIT,
  ATTRIB_FIELD_EVIDENCE_AT,
  ATTRIB_FIELD_VIA,
  ATTRIB_FIELD_ACTIVITY,
  ATTRIB_FIELD_AGENTS,
  ATTRIB_FIELD_RECEIVED_BY,
  ATTRIB_FIELD_DESIGNATED,
  ATTRIB_FIELD_APPOINTMENT,
  ATTRIB_FIELD_TOKEN,
  ATTRIB_FIELD_COMPANIONS,
  ATTRIB_FIELD_REFERRED_BY,
  ATTRIB_FIELD_VISIT_KIND,
  ATTRIB_FIELD_RECOGNISED,
  ATTRIB_FIELD_PURPOSE,
  ATTRIB_FIELD_INTERACTION_KIND,
  ATTRIB_FIELD_BY,
  ATTRIB_FIELD_RELATION_KIND,
  ATTRIB_FIELD_VERIFIED,
  ATTRIB_FIELD_DEAL,
  ATTRIB_FIELD_DEAL_STAGE,
  ATTRIB_FIELD_UNIT,
  ATTRIB_FIELD_PRICE,
  ATTRIB_FIELD_PRODUCT,
  ATTRIB_FIELD_CLOSED_BY,
  ATTRIB_FIELD_HELPED_BY,
  ATTRIB_FIELD_SANCTION_KIND,
  ATTRIB_FIELD_PARTIES,
  ATTRIB_FIELD_FINE,
  ATTRIB_FIELD_PERFORMANCE,    /* ruling shares */
  ATTRIB_FIELD_COMMISSION,
  ATTRIB_FIELD_AUTHORITY,
  ATTRIB_FIELD_REASON,
  ATTRIB_FIELD_ROSTER_DATE,
  ATTRIB_FIELD_GROUPS,
  ATTRIB_FIELD_FILED_AT,
  ATTRIB_FIELD_RECEIVED_WITH,
  ATTRIB_FIELD_SKIPPED,
  ATTRIB_N_FIELDS
} AttribField;

G_STATIC_ASSERT (ATTRIB_N_FIELDS <= 64);

#define ATTRIB_FIELD_BIT(f) (G_GUINT64_CONSTANT (1) << (f))

typedef struct
{
  char *party;
  int rank;                  /* -1: the agent's position in the list */
} AttribEventAgent;

typedef struct
{
  char *name;
  char *phone;
  AttribRelationKind relation;
} AttribEventCompanion;

typedef struct
{
  char *party;
  AttribSkipReason reason;
} AttribEventSkip;

typedef struct
{
  char *party;
  gint64 numerator;
  gint64 denominator;
} AttribEventShare;

typedef struct
{
  char *group;
  char *consultant;          /* "group/agent" */
} AttribEventMember;

/* An event's strings live in its own small arena: one allocation or none
 * for a typical event instead of one per field, which is most of the cost
 * of building events one by one through the API. Setting a field again
 * leaves the old copy in the arena until the event is freed. */
typedef struct _AttribEventBlock AttribEventBlock;
struct _AttribEventBlock
{
  AttribEventBlock *next;
  gsize size;
  gsize used;
  char data[];
};

#define ATTRIB_EVENT_INLINE_TEXT 160

struct _AttribEvent
{
  gatomicrefcount ref_count;

  AttribEventBlock *blocks;  /* overflow blocks, newest first */
  gsize inline_used;
  char inline_text[ATTRIB_EVENT_INLINE_TEXT];

  AttribEventType type;
  char *id;
  AttribTime at;
  char *note;
  int seq;

  guint64 fields;            /* ATTRIB_FIELD_BIT of every field set */

  char *customer_name;
  char *customer_phone;
  char *counterpart_name;
  char *counterpart_phone;
  char *party;

  AttribReportStage report_stage;
  AttribTime expected_visit;
  AttribTime evidence_at;
  char *via;
  char *activity;

  GArray *agents;            /* AttribEventAgent */
  char *received_by;
  char *received_with;
  GArray *skipped;           /* AttribEventSkip */
  char *designated;
  char *appointment;
  char *token;
  GArray *companions;        /* AttribEventCompanion */
  char *referred_by_name;
  char *referred_by_phone;
  AttribVisitKind visit_kind;
  AttribRecognised recognised;
  char *recognised_original;
  AttribVisitPurpose purpose;

  AttribInteractionKind interaction_kind;
  char *by;

  AttribRelationKind relation_kind;
  gboolean verified;

  char *deal;
  AttribDealStage deal_stage;
  char *unit;
  gint64 price;
  AttribProduct product;
  char *closed_by;
  char *helped_by;

  AttribSanctionKind sanction_kind;
  GPtrArray *parties;        /* char*, NULL-terminated once read */
  gint64 fine;

  GArray *shares[2];         /* AttribEventShare, by AttribShareKind */
  char *authority;
  char *reason;

  gint32 roster_date;
  GArray *members;           /* AttribEventMember */
  AttribTime filed_at;
};

static inline gboolean
_attrib_event_has (const AttribEvent *self,
                   AttribField        field)
{
  return (self->fields & ATTRIB_FIELD_BIT (field)) != 0;
}

const char *_attrib_field_key (AttribEventType type,
                               AttribField     field);
void        _attrib_event_append_canonical (GString     *out,
                                            AttribEvent *event,
                                            GTimeZone   *tz);
const char *_attrib_enum_nick (GType           enum_type,
                               int             value);
gboolean    _attrib_enum_parse (GType          enum_type,
                                const char    *nick,
                                int           *out_value);

/* Times and days the ledger accepts: the years 1900 to 9999 (documented
 * limit; far outside any sale, and safe from overflow in day arithmetic). */
#define ATTRIB_TIME_FIRST (G_GINT64_CONSTANT (-2208988800) * G_USEC_PER_SEC)
#define ATTRIB_TIME_LAST (G_GINT64_CONSTANT (253402300800) * G_USEC_PER_SEC - 1)
#define ATTRIB_DAY_FIRST (-25567)
#define ATTRIB_DAY_LAST (2932896)

static inline gboolean
_attrib_time_in_range (AttribTime t)
{
  return t >= ATTRIB_TIME_FIRST && t <= ATTRIB_TIME_LAST;
}

static inline gboolean
_attrib_day_in_range (gint32 day)
{
  return day >= ATTRIB_DAY_FIRST && day <= ATTRIB_DAY_LAST;
}

/* attrib-event.c: what the setters of attrib-event-visit.c and
 * attrib-event-deal.c share */
char       *_attrib_event_strdup      (AttribEvent  *self,
                                       const char   *str);
void        _attrib_event_set_string  (AttribEvent  *self,
                                       char        **slot,
                                       const char   *value,
                                       AttribField   field);
void        _attrib_event_set_flag    (AttribEvent  *self,
                                       AttribField   field);

G_END_DECLS

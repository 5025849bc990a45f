/* test-accessors.c: every event accessor through the public API, set by
 * hand, read back from a ledger and loaded from a scenario file; claim
 * starts and profile versions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <attrib/attrib.h>

/* Times of the table, as integer microseconds since the epoch, so that a
 * check does not only compare the parser with itself. */
#define AT_TEXT        "2024-03-01T09:00:00+08:00"
#define AT             G_GINT64_CONSTANT (1709254800000000)
#define EXPECTED_VISIT G_GINT64_CONSTANT (1709272800000000)   /* 2024-03-01T14:00:00+08:00 */
#define EVIDENCE_AT    G_GINT64_CONSTANT (1709116200000000)   /* 2024-02-28T18:30:00+08:00 */
#define FILED_AT       G_GINT64_CONSTANT (1709208000000000)   /* 2024-02-29T20:00:00+08:00 */
#define DAY_0301       19783                                  /* 2024-03-01, days since 1970-01-01 */
#define DAY_0302       19784                                  /* 2024-03-02 */

static AttribTime
parse_time (const char *text)
{
  AttribTime t = 0;
  g_autoptr(GError) error = NULL;

  if (!attrib_time_parse (text, NULL, &t, &error))
    fail_msg ("%s", error->message);
  return t;
}

/* ------------------------------------------------------------------ */
/* The event of each type, with the keys that type needs               */

/* The same events in a scenario file; each row adds its own keys. */
#define HEAD(type) "{\"id\": \"e1\", \"type\": \"" type "\", \"at\": \"" AT_TEXT "\", "
#define REPORT_JSON(keys) \
  HEAD ("report") "\"party\": \"lianjia/zhang\", " \
  "\"customer\": {\"name\": \"李四\", \"phone\": \"13800138000\"}, " keys "}"
#define VISIT_JSON(keys) \
  HEAD ("visit") "\"customer\": {\"name\": \"王五\", \"phone\": \"13700137000\"}, " \
  "\"agents\": [{\"party\": \"lianjia/zhang\", \"rank\": 0}], " keys "}"
#define INTERACTION_JSON(keys) \
  HEAD ("interaction") "\"customer\": {\"phone\": \"13700137000\"}, \"kind\": \"call\", " keys "}"
#define RELATION_JSON(keys) \
  HEAD ("relation") "\"a\": {\"name\": \"王五\", \"phone\": \"13700137000\"}, " \
  "\"b\": {\"name\": \"赵六\", \"phone\": \"13600136000\"}, \"kind\": \"spouse\", " keys "}"
#define DEAL_JSON(keys) \
  HEAD ("deal") "\"deal\": \"D1\", \"stage\": \"signed\", " \
  "\"purchaser\": {\"name\": \"李四\", \"phone\": \"13800138000\"}, " keys "}"
#define SANCTION_JSON(keys) \
  HEAD ("sanction") "\"parties\": [\"5i5j/liu\"], " keys "}"   /* "kind" comes with the row */
#define RULING_JSON(keys) \
  HEAD ("ruling") "\"deal\": \"D1\", \"shares\": {\"lianjia\": \"1/2\", \"5i5j\": \"1/2\"}, " keys "}"
#define ROSTER_JSON(keys) \
  HEAD ("roster") "\"groups\": {\"A\": [\"a01\", \"a02\"]}, " keys "}"   /* "date" comes with the row */
#define DEPARTURE_JSON(keys) \
  HEAD ("departure") "\"party\": \"lianjia/zhang\", " keys "}"

/* The same with the typed setters. Sanctions and rosters get a kind and
 * a date here, which the rows that test those fields then change. */
static AttribEvent *
base_event (AttribEventType  type,
            const char      *id)
{
  AttribEvent *ev = attrib_event_new (type, id, AT);

  switch (type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
      attrib_event_set_party (ev, "lianjia/zhang");
      attrib_event_set_customer (ev, "李四", "13800138000");
      break;
    case ATTRIB_EVENT_TYPE_VISIT:
      attrib_event_set_customer (ev, "王五", "13700137000");
      attrib_event_add_agent (ev, "lianjia/zhang", 0);
      break;
    case ATTRIB_EVENT_TYPE_INTERACTION:
      attrib_event_set_customer (ev, NULL, "13700137000");
      attrib_event_set_interaction_kind (ev, ATTRIB_INTERACTION_KIND_CALL);
      break;
    case ATTRIB_EVENT_TYPE_RELATION:
      attrib_event_set_customer (ev, "王五", "13700137000");
      attrib_event_set_counterpart (ev, "赵六", "13600136000");
      attrib_event_set_relation_kind (ev, ATTRIB_RELATION_KIND_SPOUSE);
      break;
    case ATTRIB_EVENT_TYPE_DEAL:
      attrib_event_set_deal (ev, "D1");
      attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SIGNED);
      attrib_event_set_customer (ev, "李四", "13800138000");
      break;
    case ATTRIB_EVENT_TYPE_SANCTION:
      attrib_event_set_sanction_kind (ev, ATTRIB_SANCTION_KIND_POACHING);
      attrib_event_add_sanctioned_party (ev, "5i5j/liu");
      break;
    case ATTRIB_EVENT_TYPE_RULING:
      attrib_event_set_deal (ev, "D1");
      attrib_event_add_share (ev, ATTRIB_SHARE_KIND_PERFORMANCE, "lianjia", 1, 2);
      attrib_event_add_share (ev, ATTRIB_SHARE_KIND_PERFORMANCE, "5i5j", 1, 2);
      attrib_event_add_share (ev, ATTRIB_SHARE_KIND_COMMISSION, "lianjia", 1, 2);
      attrib_event_add_share (ev, ATTRIB_SHARE_KIND_COMMISSION, "5i5j", 1, 2);
      break;
    case ATTRIB_EVENT_TYPE_ROSTER:
      attrib_event_set_roster_date (ev, DAY_0301);
      attrib_event_add_roster_member (ev, "A", "a01");
      attrib_event_add_roster_member (ev, "A", "a02");
      break;
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      attrib_event_set_party (ev, "lianjia/zhang");
      break;
    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_IDENTITY:
    case ATTRIB_EVENT_TYPE_COMPLAINT:
    default:
      fail_msg ("no base event of type %d", type);
    }
  return ev;
}

/* ------------------------------------------------------------------ */
/* The table                                                           */

typedef enum
{
  KIND_STRING,     /* const char *, NULL when not set */
  KIND_OPTIONAL,   /* a time or an amount in fen, with whether it is set */
  KIND_INT,        /* an int, an enum or a boolean, with its default */
} Kind;

typedef struct
{
  const char      *name;   /* the accessor, for messages */
  AttribEventType  type;   /* a type that takes the field */
  Kind             kind;
  const char      *json;   /* the event with the field, as in a file */
  gboolean         required;   /* every event of the type has it */

  void           (*set_string)   (AttribEvent *, const char *);
  const char    *(*get_string)   (AttribEvent *);
  const char      *string;

  void           (*set_optional) (AttribEvent *, gint64);
  gboolean       (*get_optional) (AttribEvent *, gint64 *);
  gint64           optional;

  void           (*set_int)      (AttribEvent *, int);
  int            (*get_int)      (AttribEvent *);
  int              value;
  int              unset;   /* what a new event gives, and one read back
                             * without the field unless it is required */
} Accessor;

/* The enum accessors take and give their own enum types. */
static void
set_report_stage (AttribEvent *ev,
                  int          value)
{
  attrib_event_set_report_stage (ev, (AttribReportStage) value);
}

static int
get_report_stage (AttribEvent *ev)
{
  return (int) attrib_event_get_report_stage (ev);
}

static void
set_visit_kind (AttribEvent *ev,
                int          value)
{
  attrib_event_set_visit_kind (ev, (AttribVisitKind) value);
}

static int
get_visit_kind (AttribEvent *ev)
{
  return (int) attrib_event_get_visit_kind (ev);
}

static void
set_purpose (AttribEvent *ev,
             int          value)
{
  attrib_event_set_purpose (ev, (AttribVisitPurpose) value);
}

static int
get_purpose (AttribEvent *ev)
{
  return (int) attrib_event_get_purpose (ev);
}

static void
set_product (AttribEvent *ev,
             int          value)
{
  attrib_event_set_product (ev, (AttribProduct) value);
}

static int
get_product (AttribEvent *ev)
{
  return (int) attrib_event_get_product (ev);
}

static void
set_sanction_kind (AttribEvent *ev,
                   int          value)
{
  attrib_event_set_sanction_kind (ev, (AttribSanctionKind) value);
}

static int
get_sanction_kind (AttribEvent *ev)
{
  return (int) attrib_event_get_sanction_kind (ev);
}

/* Companions are added one by one; the row counts them. */
static void
add_companions (AttribEvent *ev,
                int          n)
{
  static const struct { const char *name, *phone; AttribRelationKind relation; } people[] = {
    { "赵六", "13600136000", ATTRIB_RELATION_KIND_SPOUSE },
    { "孙八", NULL, ATTRIB_RELATION_KIND_NONE },
    { NULL, "13300133000", ATTRIB_RELATION_KIND_FRIEND },
  };
  int i;

  g_assert (n <= (int) G_N_ELEMENTS (people));
  for (i = 0; i < n; i++)
    attrib_event_add_companion (ev, people[i].name, people[i].phone, people[i].relation);
}

static int
count_companions (AttribEvent *ev)
{
  return (int) attrib_event_get_n_companions (ev);
}

#define STRING(set, get, type_, value, json_) \
  { .name = #get, .type = ATTRIB_EVENT_TYPE_##type_, .kind = KIND_STRING, .json = json_, \
    .set_string = set, .get_string = get, .string = value }
#define OPTIONAL(set, get, type_, value, json_) \
  { .name = #get, .type = ATTRIB_EVENT_TYPE_##type_, .kind = KIND_OPTIONAL, .json = json_, \
    .set_optional = set, .get_optional = get, .optional = value }
#define INT(name_, set, get, type_, required_, value_, unset_, json_) \
  { .name = name_, .type = ATTRIB_EVENT_TYPE_##type_, .kind = KIND_INT, .json = json_, \
    .required = required_, .set_int = set, .get_int = get, .value = value_, .unset = unset_ }

static const Accessor accessors[] = {
  /* common to every type */
  INT ("attrib_event_get_seq", attrib_event_set_seq, attrib_event_get_seq, REPORT, FALSE, 7, 0,
       REPORT_JSON ("\"seq\": 7")),
  INT ("attrib_event_get_seq", attrib_event_set_seq, attrib_event_get_seq, DEPARTURE, FALSE, -2, 0,
       DEPARTURE_JSON ("\"seq\": -2")),

  /* report */
  INT ("attrib_event_get_report_stage", set_report_stage, get_report_stage, REPORT, FALSE,
       ATTRIB_REPORT_STAGE_ONSITE, ATTRIB_REPORT_STAGE_FIRST, REPORT_JSON ("\"stage\": \"onsite\"")),
  INT ("attrib_event_get_report_stage", set_report_stage, get_report_stage, REPORT, FALSE,
       ATTRIB_REPORT_STAGE_RENEWAL, ATTRIB_REPORT_STAGE_FIRST, REPORT_JSON ("\"stage\": \"renewal\"")),
  OPTIONAL (attrib_event_set_expected_visit, attrib_event_get_expected_visit, REPORT, EXPECTED_VISIT,
            REPORT_JSON ("\"expected_visit\": \"2024-03-01T14:00:00+08:00\"")),
  OPTIONAL (attrib_event_set_evidence_at, attrib_event_get_evidence_at, REPORT, EVIDENCE_AT,
            REPORT_JSON ("\"evidence_at\": \"2024-02-28T10:30:00Z\"")),   /* the same instant in UTC */
  STRING (attrib_event_set_via, attrib_event_get_via, REPORT,
          "app", REPORT_JSON ("\"via\": \"app\"")),
  STRING (attrib_event_set_activity, attrib_event_get_activity, REPORT,
          "车友会", REPORT_JSON ("\"activity\": \"车友会\"")),

  /* visit */
  STRING (attrib_event_set_designated, attrib_event_get_designated, VISIT,
          "5i5j/liu", VISIT_JSON ("\"designated\": \"5i5j/liu\"")),
  STRING (attrib_event_set_appointment, attrib_event_get_appointment, VISIT,
          "developer", VISIT_JSON ("\"appointment\": \"developer\"")),
  STRING (attrib_event_set_token, attrib_event_get_token, VISIT,
          "centaline", VISIT_JSON ("\"token\": \"centaline\"")),
  INT ("attrib_event_get_n_companions", add_companions, count_companions, VISIT, FALSE, 3, 0,
       VISIT_JSON ("\"companions\": [{\"name\": \"赵六\", \"phone\": \"13600136000\", \"relation\": \"spouse\"}, "
                   "{\"name\": \"孙八\"}, {\"phone\": \"13300133000\", \"relation\": \"friend\"}]")),
  INT ("attrib_event_get_visit_kind", set_visit_kind, get_visit_kind, VISIT, FALSE,
       ATTRIB_VISIT_KIND_CALL, ATTRIB_VISIT_KIND_VISIT, VISIT_JSON ("\"kind\": \"call\"")),
  INT ("attrib_event_get_purpose", set_purpose, get_purpose, VISIT, FALSE,
       ATTRIB_VISIT_PURPOSE_DEPOSIT_OR_SIGNING, ATTRIB_VISIT_PURPOSE_CUSTOMER,
       VISIT_JSON ("\"purpose\": \"deposit_or_signing\"")),
  INT ("attrib_event_get_purpose", set_purpose, get_purpose, VISIT, FALSE,
       ATTRIB_VISIT_PURPOSE_LEAFLET_ONLY, ATTRIB_VISIT_PURPOSE_CUSTOMER,
       VISIT_JSON ("\"purpose\": \"leaflet_only\"")),

  /* interaction */
  STRING (attrib_event_set_by, attrib_event_get_by, INTERACTION,
          "置业顾问 陈晨", INTERACTION_JSON ("\"by\": \"置业顾问 陈晨\"")),

  /* relation */
  INT ("attrib_event_get_verified", attrib_event_set_verified, attrib_event_get_verified, RELATION, FALSE,
       FALSE, TRUE, RELATION_JSON ("\"verified\": false")),

  /* deal */
  STRING (attrib_event_set_unit, attrib_event_get_unit, DEAL,
          "3-1-502", DEAL_JSON ("\"unit\": \"3-1-502\"")),
  INT ("attrib_event_get_product", set_product, get_product, DEAL, FALSE,
       ATTRIB_PRODUCT_PARKING, ATTRIB_PRODUCT_RESIDENTIAL, DEAL_JSON ("\"product\": \"parking\"")),
  INT ("attrib_event_get_product", set_product, get_product, DEAL, FALSE,
       ATTRIB_PRODUCT_COMMERCIAL, ATTRIB_PRODUCT_RESIDENTIAL, DEAL_JSON ("\"product\": \"commercial\"")),
  STRING (attrib_event_set_closed_by, attrib_event_get_closed_by, DEAL,
          "developer", DEAL_JSON ("\"closed_by\": \"developer\"")),
  STRING (attrib_event_set_helped_by, attrib_event_get_helped_by, DEAL,
          "lianjia/zhang", DEAL_JSON ("\"helped_by\": \"lianjia/zhang\"")),

  /* sanction */
  INT ("attrib_event_get_sanction_kind", set_sanction_kind, get_sanction_kind, SANCTION, TRUE,
       ATTRIB_SANCTION_KIND_LIST_REPORT, ATTRIB_SANCTION_KIND_POACHING,
       SANCTION_JSON ("\"kind\": \"list_report\"")),
  INT ("attrib_event_get_sanction_kind", set_sanction_kind, get_sanction_kind, SANCTION, TRUE,
       ATTRIB_SANCTION_KIND_DISPUTE, ATTRIB_SANCTION_KIND_POACHING,
       SANCTION_JSON ("\"kind\": \"dispute\"")),
  OPTIONAL (attrib_event_set_fine, attrib_event_get_fine, SANCTION, 123456,
            SANCTION_JSON ("\"kind\": \"poaching\", \"fine\": \"1234.56\"")),
  OPTIONAL (attrib_event_set_fine, attrib_event_get_fine, SANCTION, 0,   /* set, and zero */
            SANCTION_JSON ("\"kind\": \"poaching\", \"fine\": \"0.00\"")),

  /* ruling */
  STRING (attrib_event_set_authority, attrib_event_get_authority, RULING,
          "渠道经理", RULING_JSON ("\"authority\": \"渠道经理\"")),
  STRING (attrib_event_set_reason, attrib_event_get_reason, RULING,
          "两家同时带看，各半", RULING_JSON ("\"reason\": \"两家同时带看，各半\"")),

  /* roster */
  INT ("attrib_event_get_roster_date", attrib_event_set_roster_date, attrib_event_get_roster_date,
       ROSTER, TRUE, DAY_0302, 0, ROSTER_JSON ("\"date\": \"2024-03-02\"")),
  OPTIONAL (attrib_event_set_filed_at, attrib_event_get_filed_at, ROSTER, FILED_AT,
            ROSTER_JSON ("\"date\": \"2024-03-01\", \"filed_at\": \"2024-02-29T20:00:00+08:00\"")),
};

/* ------------------------------------------------------------------ */
/* Checks                                                              */

static void
set_value (const Accessor *a,
           AttribEvent    *ev)
{
  switch (a->kind)
    {
    case KIND_STRING:
      a->set_string (ev, a->string);
      break;
    case KIND_OPTIONAL:
      a->set_optional (ev, a->optional);
      break;
    case KIND_INT:
      a->set_int (ev, a->value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_value (const Accessor *a,
             AttribEvent    *ev,
             const char     *where)
{
  const char *s;
  gint64 v = -1;

  switch (a->kind)
    {
    case KIND_STRING:
      s = a->get_string (ev);
      if (g_strcmp0 (s, a->string) != 0)
        fail_msg ("%s, %s: “%s”, expected “%s”", a->name, where, s != NULL ? s : "(null)", a->string);
      break;
    case KIND_OPTIONAL:
      if (!a->get_optional (ev, &v))
        fail_msg ("%s, %s: not set", a->name, where);
      if (v != a->optional)
        fail_msg ("%s, %s: %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, a->name, where, v, a->optional);
      if (!a->get_optional (ev, NULL))   /* the out argument is optional */
        fail_msg ("%s, %s: not set without out argument", a->name, where);
      break;
    case KIND_INT:
      if (a->get_int (ev) != a->value)
        fail_msg ("%s, %s: %d, expected %d", a->name, where, a->get_int (ev), a->value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_unset (const Accessor *a,
             AttribEvent    *ev,
             const char     *where)
{
  const char *s;
  gint64 v;

  switch (a->kind)
    {
    case KIND_STRING:
      s = a->get_string (ev);
      if (s != NULL)
        fail_msg ("%s, %s: “%s”, expected NULL", a->name, where, s);
      break;
    case KIND_OPTIONAL:
      if (a->get_optional (ev, &v))
        fail_msg ("%s, %s: set (%" G_GINT64_FORMAT "), expected not", a->name, where, v);
      break;
    case KIND_INT:
      if (a->get_int (ev) != a->unset)
        fail_msg ("%s, %s: %d, expected %d", a->name, where, a->get_int (ev), a->unset);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add (AttribLedger *ledger,
     AttribEvent  *ev)
{
  g_autoptr(GError) error = NULL;

  if (!attrib_ledger_add_event (ledger, ev, &error))
    fail_msg ("%s", error->message);
}

static void
check_accessor (const Accessor *a)
{
  g_autoptr(AttribEvent) fresh = attrib_event_new (a->type, "e1", AT);
  g_autoptr(AttribEvent) ev = base_event (a->type, "e1");
  g_autoptr(AttribEvent) bare = base_event (a->type, "e0");
  g_autoptr(AttribEvent) back = NULL;
  g_autoptr(AttribEvent) bare_back = NULL;
  g_autoptr(AttribEvent) loaded = NULL;
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribLedger) from_file = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* typed */
  check_unset (a, fresh, "on a new event");
  set_value (a, ev);
  check_value (a, ev, "as set");
  if (a->kind == KIND_STRING)
    {
      /* NULL unsets a string again */
      a->set_string (fresh, a->string);
      a->set_string (fresh, NULL);
      check_unset (a, fresh, "set to NULL");
    }

  /* through a frozen ledger */
  add (ledger, ev);
  add (ledger, bare);
  check_value (a, ev, "after adding");   /* the ledger took a copy */
  attrib_ledger_freeze (ledger);
  back = attrib_ledger_lookup_event (ledger, "e1");
  if (back == NULL)
    fail_msg ("%s: e1 is not in the ledger", a->name);
  assert_ptr_not_equal (back, ev);
  check_value (a, back, "read back from a ledger");
  if (!a->required)
    {
      bare_back = attrib_ledger_lookup_event (ledger, "e0");
      check_unset (a, bare_back, "read back without it");
    }

  /* from the file format */
  text = g_strdup_printf ("{\"events\": [\n%s\n]}", a->json);
  if (!attrib_ledger_load_data (from_file, text, -1, "accessors.json", &error))
    fail_msg ("%s: %s\n%s", a->name, error->message, text);
  attrib_ledger_freeze (from_file);
  loaded = attrib_ledger_lookup_event (from_file, "e1");
  if (loaded == NULL)
    fail_msg ("%s: e1 was not loaded", a->name);
  assert_int_equal (attrib_event_get_event_type (loaded), a->type);
  check_value (a, loaded, "loaded from JSON");
}

static void
test_event_accessors (void **state)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (accessors); i++)
    check_accessor (&accessors[i]);
}

/* A visit without an explicit sequence is ordered by its agents' entry
 * rank, but get_seq() gives only the explicit one. */
static void
test_seq_is_explicit (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribEvent) visit = base_event (ATTRIB_EVENT_TYPE_VISIT, "v");
  g_autoptr(AttribEvent) back = NULL;

  attrib_event_add_agent (visit, "5i5j/liu", 4);
  add (ledger, visit);
  back = attrib_ledger_lookup_event (ledger, "v");
  assert_int_equal (attrib_event_get_seq (back), 0);
}

/* A roster without a filing time was filed when it happened. */
static void
test_filed_at_default (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribEvent) roster = base_event (ATTRIB_EVENT_TYPE_ROSTER, "o");
  g_autoptr(AttribEvent) back = NULL;
  AttribTime t = 0;

  add (ledger, roster);
  back = attrib_ledger_lookup_event (ledger, "o");
  assert_false (attrib_event_get_filed_at (back, &t));
  assert_true (t == AT);
}

/* ------------------------------------------------------------------ */
/* Claims                                                              */

static void
test_claim_begin (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribPerson) wang = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(AttribEvent) desk = NULL;
  g_autoptr(AttribEvent) later = NULL;
  g_autoptr(AttribClaim) no = NULL;
  g_autoptr(AttribClaim) yes = NULL;
  g_autoptr(GError) error = NULL;
  AttribClaim *claim;

  if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error))
    fail_msg ("%s", error->message);
  engine = attrib_engine_new (profile);
  wang = attrib_ledger_find_person (ledger, "王五", NULL, &error);
  assert_non_null (wang);

  /* 5i5j/liuyang brought 王五 on 2024-03-02 at 15:30: the claim starts at
   * 00:00 of that day and lasts to the end of 2024-06-01 */
  claims = attrib_engine_get_claims (engine, ledger, wang, parse_time ("2024-04-01"), &error);
  assert_non_null (claims);
  assert_int_equal (claims->len, 1);
  claim = g_ptr_array_index (claims, 0);
  assert_string_equal (attrib_claim_get_holder (claim), "5i5j/liuyang");
  /* 2024-03-02T00:00:00+08:00 */
  assert_true (attrib_claim_get_begin (claim) == G_GINT64_CONSTANT (1709308800000000));
  assert_true (attrib_claim_get_begin (claim) == parse_time ("2024-03-02"));
  /* 2024-06-02T00:00:00+08:00 */
  assert_true (attrib_claim_get_end (claim) == G_GINT64_CONSTANT (1717257600000000));

  /* expired, it still starts where it started */
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = attrib_engine_get_claims (engine, ledger, wang, parse_time ("2024-06-02"), &error);
  assert_non_null (claims);
  assert_int_equal (claims->len, 1);
  claim = g_ptr_array_index (claims, 0);
  assert_int_equal (attrib_claim_get_state (claim), ATTRIB_CLAIM_STATE_EXPIRED);
  assert_true (attrib_claim_get_begin (claim) == G_GINT64_CONSTANT (1709308800000000));

  /* a rejected confirmation starts at the time of the confirmation */
  desk = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-1", parse_time ("2024-04-10T10:00:00+08:00"));
  attrib_event_set_customer (desk, "王五", "13700137000");
  attrib_event_add_agent (desk, "lianjia/zhangsan", 0);
  no = attrib_engine_check (engine, ledger, desk, &error);
  assert_non_null (no);
  assert_int_equal (attrib_claim_get_state (no), ATTRIB_CLAIM_STATE_REJECTED);
  /* 2024-04-10T10:00:00+08:00 */
  assert_true (attrib_claim_get_begin (no) == G_GINT64_CONSTANT (1712714400000000));

  /* an accepted one at 00:00 of its day */
  later = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-2", parse_time ("2024-07-01T10:00:00+08:00"));
  attrib_event_set_customer (later, "王五", "13700137000");
  attrib_event_add_agent (later, "lianjia/zhangsan", 0);
  yes = attrib_engine_check (engine, ledger, later, &error);
  assert_non_null (yes);
  assert_int_equal (attrib_claim_get_state (yes), ATTRIB_CLAIM_STATE_ACTIVE);
  /* 2024-07-01T00:00:00+08:00 */
  assert_true (attrib_claim_get_begin (yes) == G_GINT64_CONSTANT (1719763200000000));
  /* 2024-10-01T00:00:00+08:00 */
  assert_true (attrib_claim_get_end (yes) == G_GINT64_CONSTANT (1727712000000000));
}

/* ------------------------------------------------------------------ */
/* Profiles                                                            */

/* What libattrib/profiles/<id>.json say. */
static const struct
{
  const char *id;
  const char *version;
  const char *effective;   /* NULL: the file has none */
} builtin_versions[] = {
  { "first-contact", "1", NULL },
  { "joint-agency", "1", NULL },
  { "junyuan-2012", "2012", "2012-01-01" },
  { "lvchen-joint", "1", NULL },
  { "meilian-linkage", "2014", "2014-01-01" },   /* extends junyuan-2012, with its own */
  { "onsite-report", "1", NULL },
  { "outreach-1031", "10.31", NULL },
  { "reception-2013", "2013-01-01", "2013-01-01" },
  { "sales-dept", "1", NULL },
  { "tangba-2014", "2014-09-24", "2014-09-24" },
};

static void
test_builtin_profile_versions (void **state)
{
  g_auto(GStrv) ids = attrib_profile_list_builtin ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (builtin_versions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (builtin_versions[i].id, &error);
      g_autoptr(AttribProfile) derived = NULL;

      if (profile == NULL)
        fail_msg ("%s: %s", builtin_versions[i].id, error->message);
      assert_true (g_strv_contains ((const char * const *) ids, builtin_versions[i].id));
      assert_string_equal (attrib_profile_get_id (profile), builtin_versions[i].id);
      if (g_strcmp0 (attrib_profile_get_version (profile), builtin_versions[i].version) != 0)
        fail_msg ("%s: version “%s”, expected “%s”", builtin_versions[i].id,
                  attrib_profile_get_version (profile), builtin_versions[i].version);
      if (g_strcmp0 (attrib_profile_get_effective (profile), builtin_versions[i].effective) != 0)
        fail_msg ("%s: effective “%s”, expected “%s”", builtin_versions[i].id,
                  attrib_profile_get_effective (profile), builtin_versions[i].effective);

      /* other parameters are the same regulation */
      derived = attrib_profile_derive (profile, "{}", &error);
      if (derived == NULL)
        fail_msg ("%s: %s", builtin_versions[i].id, error->message);
      assert_true (g_strcmp0 (attrib_profile_get_version (derived), builtin_versions[i].version) == 0);
      assert_true (g_strcmp0 (attrib_profile_get_effective (derived), builtin_versions[i].effective) == 0);
    }
}

static void
test_own_profile_versions (void **state)
{
  static const char minimal[] =
    "{\"id\": \"mine\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"ruling\"}]}";
  static const char dated[] =
    "{\"id\": \"mine\", \"title\": \"t\", \"version\": \"v7\", \"effective\": \"2024-05-01\",\n"
    " \"clauses\": [{\"id\": \"1\", \"kind\": \"ruling\"}]}";
  static const char extending[] =
    "{\"id\": \"mine\", \"extends\": \"junyuan-2012\", \"title\": \"本项目\"}";
  static const char extending_dated[] =
    "{\"id\": \"mine\", \"extends\": \"junyuan-2012\", \"title\": \"本项目\", \"version\": \"2024.1\",\n"
    " \"effective\": \"2024-02-01\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) p1 = attrib_profile_new_from_data (minimal, -1, "minimal.json", &error);
  g_autoptr(AttribProfile) p2 = attrib_profile_new_from_data (dated, -1, "dated.json", &error);
  g_autoptr(AttribProfile) p3 = attrib_profile_new_from_data (extending, -1, "extending.json", &error);
  g_autoptr(AttribProfile) p4 = attrib_profile_new_from_data (extending_dated, -1, "extending-dated.json", &error);

  assert_non_null (p1);
  assert_non_null (p2);
  assert_non_null (p3);
  assert_non_null (p4);
  /* neither given: none */
  assert_null (attrib_profile_get_version (p1));
  assert_null (attrib_profile_get_effective (p1));
  assert_string_equal (attrib_profile_get_version (p2), "v7");
  assert_string_equal (attrib_profile_get_effective (p2), "2024-05-01");
  /* a profile that extends another keeps the other's unless it gives its own */
  assert_string_equal (attrib_profile_get_version (p3), "2012");
  assert_string_equal (attrib_profile_get_effective (p3), "2012-01-01");
  assert_string_equal (attrib_profile_get_version (p4), "2024.1");
  assert_string_equal (attrib_profile_get_effective (p4), "2024-02-01");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_event_accessors),
    cmocka_unit_test (test_seq_is_explicit),
    cmocka_unit_test (test_filed_at_default),
    cmocka_unit_test (test_claim_begin),
    cmocka_unit_test (test_builtin_profile_versions),
    cmocka_unit_test (test_own_profile_versions),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}

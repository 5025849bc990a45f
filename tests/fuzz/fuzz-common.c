/* fuzz-common.c: what the fuzz targets of tests/fuzz share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The checks here are the library's promises, asserted on whatever a
 * target managed to load: events read back from a ledger are events the
 * ledger takes again; the same events added in another order give the
 * same canonical order, the same persons and the same verdicts, byte for
 * byte (docs/determinism.md); a full phone of a person finds that person
 * and nobody else. Anything else a fuzzed input can make the library do
 * must end in a GError: every GLib warning or critical aborts.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"

#define SAMPLE_PROJECT FUZZ_DATA_DIR "/sample-project.json"
#define SALES_OFFICE FUZZ_DATA_DIR "/sales-office.json"

/* Bounds the work one input can ask for: a fuzzed ledger rarely has more,
 * and the checks are quadratic in places. */
#define MAX_CHECKED_EVENTS 256
#define MAX_CHECKED_DEALS 64
#define MAX_CHECKED_VISITS 8
#define MAX_CHECKED_DAYS 4
#define MAX_CHECKED_PERIODS 6

static char *tmp_dir;
static char *modules_dir;
static GPtrArray *builtin_profiles;
static GPtrArray *sample_plans;
static AttribLedger *sample_ledgers[2];
static char *sample_contents[2];
static gsize sample_lengths[2];

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
cleanup (void)
{
  guint i;

  g_clear_pointer (&builtin_profiles, g_ptr_array_unref);
  g_clear_pointer (&sample_plans, g_ptr_array_unref);
  for (i = 0; i < G_N_ELEMENTS (sample_ledgers); i++)
    {
      g_clear_object (&sample_ledgers[i]);
      g_clear_pointer (&sample_contents[i], g_free);
    }
  if (tmp_dir != NULL)
    remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&modules_dir, g_free);
}

/* GLib ends a fatal message with a breakpoint trap, which libFuzzer does
 * not catch: write the message and abort, which it does (and keeps the
 * input). Warnings and criticals are fatal. */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  g_autofree char *text = NULL;

  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0 && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return G_LOG_WRITER_HANDLED;
  text = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
  fprintf (stderr, "%s\n", text);
  if ((log_level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GError *error = NULL;

      /* what G_DEBUG=fatal-warnings does, whatever the environment */
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_log_set_writer_func (write_log, NULL, NULL);

      /* the environment's locale, as a program's: with LANGUAGE=zh_CN
       * (and ATTRIB_LOCALEDIR) the messages are the translated ones */
      setlocale (LC_ALL, "");

      tmp_dir = g_dir_make_tmp ("attrib-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      /* GIO loads no modules (gvfs, dconf …) from an empty folder */
      modules_dir = g_build_filename (tmp_dir, "gio-modules", NULL);
      g_assert_cmpint (g_mkdir (modules_dir, 0700), ==, 0);
      g_setenv ("GIO_MODULE_DIR", modules_dir, TRUE);
      g_setenv ("GIO_USE_VFS", "local", TRUE);
      atexit (cleanup);

      g_once_init_leave (&once, 1);
    }
}

char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *copy = g_malloc (size + 1);

  if (size > 0)
    memcpy (copy, data, size);
  copy[size] = '\0';
  return copy;
}

void
fuzz_check_error (GError **error)
{
  GError *e = *error;

  g_assert_nonnull (e);
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    fprintf (stderr, "  error: %s\n", e->message);
  if (e->domain != ATTRIB_ERROR && e->domain != G_IO_ERROR && e->domain != G_FILE_ERROR)
    g_error ("an error outside the library's domain: %s (%s, %d)",
             e->message, g_quark_to_string (e->domain), e->code);
  g_assert_nonnull (e->message);
  g_assert_cmpuint (strlen (e->message), >, 0);
  if (!g_utf8_validate (e->message, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (e->message, -1);

      g_error ("an error message that is not UTF-8: %s", valid);
    }
  g_clear_error (error);
}

const char *
fuzz_tmp_dir (void)
{
  fuzz_init ();
  return tmp_dir;
}

GPtrArray *
fuzz_builtin_profiles (void)
{
  fuzz_init ();
  if (builtin_profiles == NULL)
    {
      g_auto(GStrv) ids = attrib_profile_list_builtin ();
      guint i;

      builtin_profiles = g_ptr_array_new_with_free_func (g_object_unref);
      for (i = 0; ids[i] != NULL; i++)
        {
          GError *error = NULL;
          AttribProfile *profile = attrib_profile_new_builtin (ids[i], &error);

          g_assert_no_error (error);
          g_ptr_array_add (builtin_profiles, profile);
        }
      g_assert_cmpuint (builtin_profiles->len, >, 0);
    }
  return builtin_profiles;
}

AttribProfile *
fuzz_builtin_profile (const char *id)
{
  GPtrArray *profiles = fuzz_builtin_profiles ();
  guint i;

  for (i = 0; i < profiles->len; i++)
    if (g_str_equal (attrib_profile_get_id (g_ptr_array_index (profiles, i)), id))
      return g_ptr_array_index (profiles, i);
  g_error ("no built-in profile “%s”", id);
}

GPtrArray *
fuzz_sample_plans (void)
{
  fuzz_init ();
  if (sample_plans == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (SAMPLE_PROJECT);
      GError *error = NULL;

      sample_plans = attrib_scenario_load_plans (file, NULL, &error);
      g_assert_no_error (error);
    }
  return sample_plans;
}

AttribLedger *
fuzz_sample_ledger (const char *time_zone,
                    gboolean    office)
{
  guint which = office ? 1 : 0;
  gboolean cached = time_zone == NULL || g_str_equal (time_zone, ATTRIB_DEFAULT_TIME_ZONE);
  AttribLedger *ledger;
  GError *error = NULL;

  fuzz_init ();
  if (cached && sample_ledgers[which] != NULL)
    return g_object_ref (sample_ledgers[which]);

  if (sample_contents[which] == NULL)
    {
      g_file_get_contents (office ? SALES_OFFICE : SAMPLE_PROJECT, &sample_contents[which],
                           &sample_lengths[which], &error);
      g_assert_no_error (error);
    }
  ledger = attrib_ledger_new_for_time_zone (time_zone, &error);
  g_assert_no_error (error);
  attrib_ledger_load_data (ledger, sample_contents[which], sample_lengths[which],
                           office ? SALES_OFFICE : SAMPLE_PROJECT, &error);
  g_assert_no_error (error);
  attrib_ledger_freeze (ledger);
  if (cached)
    sample_ledgers[which] = g_object_ref (ledger);
  return ledger;
}

/* ------------------------------------------------------------------ */
/* Ledgers                                                             */

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const none[] = { NULL };

  return g_strv_equal ((const char * const *) (a != NULL ? a : none), (const char * const *) (b != NULL ? b : none));
}

static void
check_person (AttribLedger *ledger,
              AttribPerson *person)
{
  const char * const *phones = attrib_person_get_phones (person);
  const char * const *names = attrib_person_get_names (person);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  guint i;

  g_assert_nonnull (attrib_person_get_display_name (person));
  events = attrib_ledger_get_person_events (ledger, person, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
  relations = attrib_ledger_get_relations (ledger, person);
  g_assert_nonnull (events);
  g_assert_nonnull (relations);

  for (i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) found = NULL;
      GError *error = NULL;

      if (attrib_phone_is_masked (phones[i]))
        continue;
      /* a full phone decides alone, and belongs to one person */
      found = attrib_ledger_match_persons (ledger, NULL, phones[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpuint (attrib_person_get_id (g_ptr_array_index (found, 0)), ==, attrib_person_get_id (person));
    }
  for (i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(AttribPerson) one = NULL;
      GError *error = NULL;

      found = attrib_ledger_match_persons (ledger, names[i], NULL, &error);
      g_assert_no_error (error);
      one = attrib_ledger_find_person (ledger, names[i], NULL, &error);
      g_assert ((one == NULL) == (error != NULL));
      g_clear_error (&error);
    }
}

AttribLedger *
fuzz_exercise_ledger (AttribLedger *ledger)
{
  g_autoptr(AttribLedger) copy = NULL;
  g_auto(GStrv) deals = NULL;
  GError *error = NULL;
  guint n_events, n_persons, i;

  attrib_ledger_freeze (ledger);
  g_assert_true (attrib_ledger_is_frozen (ledger));
  n_events = attrib_ledger_get_n_events (ledger);

  /* every event read back is one the ledger takes again; added in
   * reverse, the events give the same canonical order and persons */
  copy = attrib_ledger_new_for_time_zone (attrib_ledger_get_time_zone_identifier (ledger), &error);
  g_assert_no_error (error);
  for (i = n_events; i-- > 0; )
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      g_autoptr(AttribEvent) same = attrib_ledger_lookup_event (ledger, attrib_event_get_id (ev));

      g_assert_nonnull (same);
      g_assert_cmpstr (attrib_event_get_id (same), ==, attrib_event_get_id (ev));
      if (!attrib_ledger_add_event (copy, ev, &error))
        g_error ("event “%s” read back from the ledger is refused by another: %s",
                 attrib_event_get_id (ev), error->message);
    }
  attrib_ledger_freeze (copy);
  g_assert_cmpuint (attrib_ledger_get_n_events (copy), ==, n_events);
  for (i = 0; i < n_events; i++)
    {
      g_autoptr(AttribEvent) a = attrib_ledger_get_event (ledger, i);
      g_autoptr(AttribEvent) b = attrib_ledger_get_event (copy, i);

      if (!g_str_equal (attrib_event_get_id (a), attrib_event_get_id (b)))
        g_error ("canonical position %u: “%s” in file order, “%s” in reverse order",
                 i, attrib_event_get_id (a), attrib_event_get_id (b));
    }

  n_persons = attrib_ledger_get_n_persons (ledger);
  g_assert_cmpuint (attrib_ledger_get_n_persons (copy), ==, n_persons);
  for (i = 0; i < n_persons; i++)
    {
      g_autoptr(AttribPerson) a = attrib_ledger_get_person (ledger, i);
      g_autoptr(AttribPerson) b = attrib_ledger_get_person (copy, i);
      const char * const *pa = attrib_person_get_phones (a);
      const char * const *pb = attrib_person_get_phones (b);
      const char * const *na = attrib_person_get_names (a);
      const char * const *nb = attrib_person_get_names (b);

      g_assert_cmpuint (attrib_person_get_id (a), ==, i);
      if (!strv_equal (pa, pb) || !strv_equal (na, nb))
        g_error ("person %u is not the same person when the events come in reverse order", i);
      if (i < MAX_CHECKED_EVENTS)
        check_person (ledger, a);
    }

  for (i = 0; i < n_events && i < MAX_CHECKED_EVENTS; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      const char *party = attrib_event_get_party (ev);

      if (party != NULL)
        {
          g_autoptr(GPtrArray) events = attrib_ledger_get_party_events (ledger, party, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX,
                                                                          ATTRIB_EVENT_MASK_ALL);

          g_assert_nonnull (events);
        }
    }

  deals = attrib_ledger_get_deals (ledger);
  for (i = 0; deals[i] != NULL && i < MAX_CHECKED_DEALS; i++)
    {
      g_autoptr(GPtrArray) events = attrib_ledger_get_deal_events (ledger, deals[i]);

      g_assert_cmpuint (events->len, >, 0);
    }

  return g_steal_pointer (&copy);
}

/* Three events about one customer and one deal, none of which a fuzzed
 * file can clash with but by copying these ids. */
static void
add_base_events (AttribLedger *ledger)
{
  static const struct {
    AttribEventType type;
    const char *id;
    const char *at;
  } base[] = {
    { ATTRIB_EVENT_TYPE_REPORT, "fuzz-base-report", "2024-03-01T09:00:00+08:00" },
    { ATTRIB_EVENT_TYPE_VISIT, "fuzz-base-visit", "2024-03-01T14:00:00+08:00" },
    { ATTRIB_EVENT_TYPE_DEAL, "fuzz-base-deal", "2024-03-10T10:00:00+08:00" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (base); i++)
    {
      g_autoptr(AttribEvent) ev = NULL;
      GError *error = NULL;
      AttribTime at;

      attrib_time_parse (base[i].at, NULL, &at, &error);
      g_assert_no_error (error);
      ev = attrib_event_new (base[i].type, base[i].id, at);
      attrib_event_set_customer (ev, "基准客户", "13912345678");
      switch (base[i].type)
        {
        case ATTRIB_EVENT_TYPE_REPORT:
          attrib_event_set_party (ev, "lianjia/base");
          break;
        case ATTRIB_EVENT_TYPE_VISIT:
          attrib_event_add_agent (ev, "lianjia/base", 0);
          break;
        case ATTRIB_EVENT_TYPE_DEAL:
          attrib_event_set_deal (ev, "FUZZ-BASE");
          attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
          attrib_event_set_price (ev, G_GINT64_CONSTANT (300000000));
          break;
        case ATTRIB_EVENT_TYPE_INTERACTION:
        case ATTRIB_EVENT_TYPE_FOLLOW_UP:
        case ATTRIB_EVENT_TYPE_RELATION:
        case ATTRIB_EVENT_TYPE_IDENTITY:
        case ATTRIB_EVENT_TYPE_COMPLAINT:
        case ATTRIB_EVENT_TYPE_SANCTION:
        case ATTRIB_EVENT_TYPE_RULING:
        case ATTRIB_EVENT_TYPE_DEPARTURE:
        case ATTRIB_EVENT_TYPE_ROSTER:
        default:
          g_assert_not_reached ();
        }
      attrib_ledger_add_event (ledger, ev, &error);
      g_assert_no_error (error);
    }
}

static char *
base_verdict (AttribLedger *ledger)
{
  g_autoptr(AttribEngine) engine = attrib_engine_new (fuzz_builtin_profile ("junyuan-2012"));
  g_autoptr(AttribVerdict) verdict = NULL;
  GError *error = NULL;

  verdict = attrib_engine_attribute_deal (engine, ledger, "FUZZ-BASE", &error);
  g_assert_no_error (error);
  return attrib_verdict_to_json (verdict);
}

void
fuzz_check_rollback (FuzzLoadFunc  load,
                     const char   *data,
                     gsize         size)
{
  g_autoptr(AttribLedger) pristine = attrib_ledger_new ();
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  GError *error = NULL;
  guint n_events;

  add_base_events (pristine);
  add_base_events (ledger);
  n_events = attrib_ledger_get_n_events (ledger);
  if (load (ledger, data, size, "fuzz-rollback", &error))
    return;   /* the base events made the difference: nothing to compare */
  fuzz_check_error (&error);

  if (attrib_ledger_get_n_events (ledger) != n_events)
    g_error ("a file that failed left %u events behind", attrib_ledger_get_n_events (ledger) - n_events);
  g_assert_cmpuint (attrib_ledger_get_n_persons (ledger), ==, attrib_ledger_get_n_persons (pristine));
  want = base_verdict (pristine);
  got = base_verdict (ledger);
  if (!g_str_equal (want, got))
    g_error ("a file that failed changed the verdict on the events before it:\n%s\n%s", want, got);
}

/* ------------------------------------------------------------------ */
/* The engine                                                          */

static void
exercise_verdict (AttribVerdict *verdict)
{
  g_autofree char *json = NULL;
  const char * const *clauses;
  guint kind, i;

  g_assert_nonnull (attrib_verdict_get_deal (verdict));
  g_assert_nonnull (attrib_verdict_status_get_label (attrib_verdict_get_status (verdict)));
  (void) attrib_verdict_get_at (verdict);
  for (kind = ATTRIB_SHARE_KIND_PERFORMANCE; kind <= ATTRIB_SHARE_KIND_COMMISSION; kind++)
    for (i = 0; i < attrib_verdict_get_n_shares (verdict, kind); i++)
      {
        gint64 num, den, pnum, pden;
        const char *party = attrib_verdict_get_share (verdict, kind, i, &num, &den);

        g_assert_nonnull (party);
        g_assert_cmpint (den, >, 0);
        attrib_verdict_get_party_share (verdict, kind, party, &pnum, &pden);
        g_assert_cmpint (pnum, ==, num);
        g_assert_cmpint (pden, ==, den);
      }
  clauses = attrib_verdict_get_clauses (verdict);
  g_assert_nonnull (clauses);
  for (i = 0; i < attrib_verdict_get_n_steps (verdict); i++)
    {
      AttribOutcome outcome;
      const char *message = NULL;

      g_assert_nonnull (attrib_verdict_get_step (verdict, i, &outcome, &message));
      g_assert_nonnull (message);
      g_assert_nonnull (attrib_outcome_get_label (outcome));
      g_assert_nonnull (attrib_verdict_get_step_events (verdict, i));
    }
  g_assert_nonnull (attrib_verdict_get_fingerprint (verdict));
  json = attrib_verdict_to_json (verdict);
  g_assert_nonnull (json);
}

static void
exercise_claim (AttribClaim *claim)
{
  (void) attrib_claim_get_state (claim);
  (void) attrib_claim_get_holder (claim);
  (void) attrib_claim_get_channel (claim);
  (void) attrib_claim_get_begin (claim);
  (void) attrib_claim_get_end (claim);
  (void) attrib_claim_get_event (claim);
  (void) attrib_claim_get_clause (claim);
  (void) attrib_claim_get_reason (claim);
}

/* The sales desk's check of a visit or report like @ev, not yet in the
 * ledger. */
static void
check_like (AttribEngine *engine,
            AttribLedger *ledger,
            AttribEvent  *ev)
{
  AttribEventType type = attrib_event_get_event_type (ev);
  g_autoptr(AttribEvent) probe = attrib_event_new (type, "fuzz-probe-not-in-the-ledger", attrib_event_get_at (ev));
  g_autoptr(AttribClaim) claim = NULL;
  GError *error = NULL;
  guint i;

  attrib_event_set_customer (probe, attrib_event_get_customer_name (ev), attrib_event_get_customer_phone (ev));
  if (type == ATTRIB_EVENT_TYPE_REPORT)
    attrib_event_set_party (probe, attrib_event_get_party (ev));
  for (i = 0; i < attrib_event_get_n_agents (ev); i++)
    {
      int rank;
      const char *party = attrib_event_get_agent (ev, i, &rank);

      attrib_event_add_agent (probe, party, rank);
    }
  claim = attrib_engine_check (engine, ledger, probe, &error);
  g_assert ((claim == NULL) == (error != NULL));
  if (claim != NULL)
    exercise_claim (claim);
  g_clear_error (&error);
}

void
fuzz_exercise_engine (AttribProfile *profile,
                      AttribLedger  *ledger,
                      AttribLedger  *compare)
{
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) others = NULL;
  GError *error = NULL;
  guint n_events, n_persons, n_visits = 0, i;

  g_assert_true (attrib_engine_get_profile (engine) == profile);
  /* one thread: a crash is then reproducible from its input alone */
  attrib_engine_set_n_threads (engine, 1);
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  if (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT))
    {
      /* a clause's period counts from these events past the dates
       * libattrib handles (months: 100000 from 2024): the profile and the
       * ledger are refused together */
      g_assert_null (verdicts);
      g_clear_error (&error);
      return;
    }
  g_assert_no_error (error);
  for (i = 0; i < verdicts->len && i < MAX_CHECKED_DEALS; i++)
    exercise_verdict (g_ptr_array_index (verdicts, i));

  if (verdicts->len > 0)
    {
      /* one deal alone, as attrib explain asks for it */
      AttribVerdict *first = g_ptr_array_index (verdicts, 0);
      g_autoptr(AttribVerdict) alone = attrib_engine_attribute_deal (engine, ledger, attrib_verdict_get_deal (first), &error);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_no_error (error);
      a = attrib_verdict_to_json (first);
      b = attrib_verdict_to_json (alone);
      if (!g_str_equal (a, b))
        g_error ("deal “%s” alone:\n%s\namong all:\n%s", attrib_verdict_get_deal (first), b, a);
    }

  if (compare != NULL)
    {
      others = attrib_engine_attribute_all (engine, compare, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (others->len, ==, verdicts->len);
      for (i = 0; i < verdicts->len && i < MAX_CHECKED_DEALS; i++)
        {
          g_autofree char *a = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));
          g_autofree char *b = attrib_verdict_to_json (g_ptr_array_index (others, i));

          if (!g_str_equal (a, b))
            g_error ("profile “%s”: another verdict when the events come in another order:\n%s\n%s",
                     attrib_profile_get_id (profile), a, b);
        }
    }

  n_events = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n_events && i < MAX_CHECKED_EVENTS; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      AttribEventType type = attrib_event_get_event_type (ev);

      if (type == ATTRIB_EVENT_TYPE_REPORT)
        {
          g_autofree char *reason = NULL;
          gboolean accepted;

          attrib_engine_check_report (engine, ledger, attrib_event_get_id (ev), &accepted, &reason, &error);
          g_assert_no_error (error);
        }
      if ((type == ATTRIB_EVENT_TYPE_REPORT || (type == ATTRIB_EVENT_TYPE_VISIT && attrib_event_get_n_agents (ev) > 0)) &&
          n_visits++ < MAX_CHECKED_VISITS)
        check_like (engine, ledger, ev);
    }

  n_persons = attrib_ledger_get_n_persons (ledger);
  for (i = 0; i < n_persons && i < MAX_CHECKED_EVENTS; i++)
    {
      g_autoptr(AttribPerson) person = attrib_ledger_get_person (ledger, i);
      g_autoptr(GPtrArray) events = attrib_ledger_get_person_events (ledger, person, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX,
                                                                      ATTRIB_EVENT_MASK_ALL);
      g_autoptr(GPtrArray) claims = NULL;
      AttribTime at = 0;
      guint k;

      if (events->len > 0)
        at = attrib_event_get_at (g_ptr_array_index (events, events->len - 1));
      claims = attrib_engine_get_claims (engine, ledger, person, at, &error);
      g_assert_no_error (error);
      for (k = 0; k < claims->len; k++)
        exercise_claim (g_ptr_array_index (claims, k));
    }
}

/* ------------------------------------------------------------------ */
/* The reception rotation                                              */

void
fuzz_exercise_rotation (AttribProfile *profile,
                        AttribLedger  *ledger)
{
  g_autoptr(AttribRotation) rotation = attrib_rotation_new (profile);
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint32));
  guint n_events, i, k;

  n_events = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n_events && days->len < MAX_CHECKED_DAYS; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      gint32 day;

      if (attrib_event_get_event_type (ev) != ATTRIB_EVENT_TYPE_ROSTER)
        continue;
      day = attrib_event_get_roster_date (ev);
      for (k = 0; k < days->len && g_array_index (days, gint32, k) != day; k++)
        ;
      if (k == days->len)
        g_array_append_val (days, day);
    }

  for (i = 0; i < days->len; i++)
    {
      gint32 day = g_array_index (days, gint32, i);
      g_autofree char *explanation = NULL;
      g_auto(GStrv) groups = NULL;
      GError *error = NULL;
      AttribVisitKind kind;

      groups = attrib_rotation_get_groups (rotation, ledger, day, &explanation, &error);
      g_assert ((groups == NULL) == (error != NULL));
      g_clear_error (&error);
      for (kind = ATTRIB_VISIT_KIND_VISIT; kind <= ATTRIB_VISIT_KIND_CALL; kind++)
        {
          g_auto(GStrv) turns = attrib_rotation_get_turns (rotation, ledger, day, kind, 12, &error);
          g_autoptr(GPtrArray) assignments = NULL;

          g_assert ((turns == NULL) == (error != NULL));
          g_clear_error (&error);
          assignments = attrib_rotation_assign (rotation, ledger, day, kind, &error);
          g_assert ((assignments == NULL) == (error != NULL));
          g_clear_error (&error);
          for (k = 0; assignments != NULL && k < assignments->len; k++)
            {
              AttribAssignment *a = g_ptr_array_index (assignments, k);

              g_assert_nonnull (attrib_assignment_get_visit (a));
              (void) attrib_assignment_get_consultant (a);
              (void) attrib_assignment_get_turn (a);
              g_assert_nonnull (attrib_assignment_get_explanation (a));
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Commission                                                          */

static void
exercise_line (AttribCommissionLine *line)
{
  gint64 num, den;

  g_assert_nonnull (attrib_commission_line_get_party (line));
  g_assert_nonnull (attrib_commission_line_get_period (line));
  g_assert_nonnull (attrib_line_kind_get_label (attrib_commission_line_get_kind (line)));
  (void) attrib_commission_line_get_at (line);
  (void) attrib_commission_line_get_deal (line);
  (void) attrib_commission_line_get_milestone (line);
  (void) attrib_commission_line_get_basis (line);
  (void) attrib_commission_line_get_rate (line, &num, &den);
  attrib_commission_line_get_share (line, &num, &den);
  (void) attrib_commission_line_get_amount (line);
  (void) attrib_commission_line_get_plan (line);
  (void) attrib_commission_line_get_rule (line);
  (void) attrib_commission_line_get_event (line);
  g_assert_nonnull (attrib_commission_line_get_explanation (line));
}

static void
exercise_statement (AttribStatement *statement)
{
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  guint i;

  g_assert_nonnull (attrib_statement_get_party (statement));
  g_assert_nonnull (attrib_statement_get_period (statement));
  (void) attrib_statement_get_opening (statement);
  (void) attrib_statement_get_earned (statement);
  (void) attrib_statement_get_deductions (statement);
  (void) attrib_statement_get_closing (statement);
  (void) attrib_statement_get_payable (statement);
  g_assert_nonnull (attrib_statement_get_fingerprint (statement));
  for (i = 0; i < attrib_statement_get_n_lines (statement); i++)
    exercise_line (attrib_statement_get_line (statement, i));
  json = attrib_statement_to_json (statement);
  csv = attrib_statement_to_csv (statement);
  g_assert_nonnull (json);
  g_assert_nonnull (csv);
}

void
fuzz_exercise_calculator (AttribProfile *profile,
                          GPtrArray     *plans,
                          AttribLedger  *ledger)
{
  g_autoptr(AttribCalculator) calculator = attrib_calculator_new (profile);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) periods = g_ptr_array_new ();
  GError *error = NULL;
  guint i, k;

  for (i = 0; plans != NULL && i < plans->len; i++)
    {
      /* plans of one party that overlap are refused: an error, no more */
      attrib_calculator_add_plan (calculator, g_ptr_array_index (plans, i), &error);
      g_clear_error (&error);
    }
  {
    g_autoptr(GPtrArray) added = attrib_calculator_get_plans (calculator);

    g_assert_nonnull (added);
  }

  lines = attrib_calculator_get_lines (calculator, ledger, &error);
  g_assert ((lines == NULL) == (error != NULL));
  g_clear_error (&error);
  for (i = 0; lines != NULL && i < lines->len; i++)
    {
      AttribCommissionLine *line = g_ptr_array_index (lines, i);
      const char *period = attrib_commission_line_get_period (line);

      exercise_line (line);
      for (k = 0; k < periods->len && !g_str_equal (g_ptr_array_index (periods, k), period); k++)
        ;
      if (k == periods->len && periods->len < MAX_CHECKED_PERIODS)
        g_ptr_array_add (periods, (gpointer) period);
    }

  for (i = 0; i < periods->len; i++)
    {
      g_autoptr(GPtrArray) statements = attrib_calculator_get_statements (calculator, ledger, g_ptr_array_index (periods, i),
                                                                           &error);

      g_assert ((statements == NULL) == (error != NULL));
      g_clear_error (&error);
      for (k = 0; statements != NULL && k < statements->len; k++)
        {
          AttribStatement *statement = g_ptr_array_index (statements, k);

          exercise_statement (statement);
          if (k == 0)
            {
              g_autoptr(AttribStatement) again = attrib_calculator_get_statement (calculator, ledger,
                                                                                  attrib_statement_get_party (statement),
                                                                                  g_ptr_array_index (periods, i), &error);

              g_assert_no_error (error);
              g_assert_cmpstr (attrib_statement_get_fingerprint (again), ==, attrib_statement_get_fingerprint (statement));
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Ledger files                                                        */

int
fuzz_ledger_input (FuzzLoadFunc    load,
                   const uint8_t  *data,
                   size_t          size,
                   const char     *filename)
{
  g_autofree char *text = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribLedger) copy = NULL;
  GPtrArray *profiles;
  GError *error = NULL;
  guint i;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  ledger = attrib_ledger_new ();
  if (!load (ledger, text, size, filename, &error))
    {
      /* a JSON text that does not parse never reaches the events */
      gboolean before_events = load == attrib_ledger_load_data && g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE);

      fuzz_check_error (&error);
      g_assert_cmpuint (attrib_ledger_get_n_events (ledger), ==, 0);
      if (!before_events)
        fuzz_check_rollback (load, text, size);
      return 0;
    }
  g_assert_no_error (error);

  copy = fuzz_exercise_ledger (ledger);
  profiles = fuzz_builtin_profiles ();
  for (i = 0; i < profiles->len; i++)
    {
      fuzz_exercise_engine (g_ptr_array_index (profiles, i), ledger, copy);
      fuzz_exercise_rotation (g_ptr_array_index (profiles, i), ledger);
    }
  fuzz_exercise_calculator (fuzz_builtin_profile ("junyuan-2012"), fuzz_sample_plans (), ledger);
  return 0;
}

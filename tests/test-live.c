/* test-live.c: a ledger that takes events while it is read
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The promise (docs/live.md):
 *
 * - Equivalence. Whatever order events arrive in, after each addition
 *   every verdict, and the desk's answer on every report, equals byte for
 *   byte what a ledger built at once from the same events gives. Checked
 *   on every audit scenario (every built-in profile, out-of-order times,
 *   identity links and relations arriving late, rulings, cancellations,
 *   masked reports), the events added in a shuffled order, and again in
 *   their canonical order (each addition last, as a live desk receives
 *   them: the indexes grow by it), compared after each one — and with the
 *   verdicts, what the indexes hold: every person's events, relations and
 *   claims, every party's events.
 * - Sharing. One thread adds the sample project's events while three
 *   others attribute, ask the desk, look persons up, settle and update one
 *   watch they share, on the same ledger: nothing crashes, no call sees part of an addition (the number
 *   of events a reader sees never goes back, every answer is whole), and
 *   once the writer is done the verdicts are those of a frozen ledger with
 *   the same events. The CI runs it under ThreadSanitizer (.ci/run).
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include <attrib/attrib.h>

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Under valgrind and ThreadSanitizer (ATTRIB_TEST_SAMPLE=N), one case in N
 * and streams N times shorter. */
static guint
sample_stride (void)
{
  const char *sample = g_getenv ("ATTRIB_TEST_SAMPLE");

  if (sample != NULL && g_ascii_strtoull (sample, NULL, 10) > 1)
    return (guint) g_ascii_strtoull (sample, NULL, 10);
  return 1;
}

static char *
verdicts_text (AttribEngine *engine,
               AttribLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  GString *text = g_string_new (NULL);
  guint i;

  if (verdicts == NULL)
    {
      g_string_append_printf (text, "error %d: %s\n", error->code, error->message);
      return g_string_free (text, FALSE);
    }
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append (text, json);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* the desk's answer on every report of @events that is in @ledger */
static char *
desk_text (AttribEngine *engine,
           AttribLedger *ledger,
           GPtrArray    *events)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < events->len; i++)
    {
      AttribEvent *ev = g_ptr_array_index (events, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *reason = NULL;
      gboolean accepted;

      if (attrib_event_get_event_type (ev) != ATTRIB_EVENT_TYPE_REPORT)
        continue;
      if (!attrib_engine_check_report (engine, ledger, attrib_event_get_id (ev), &accepted, &reason, &error))
        g_string_append_printf (text, "%s: error %d: %s\n", attrib_event_get_id (ev), error->code, error->message);
      else
        g_string_append_printf (text, "%s: %d %s\n", attrib_event_get_id (ev), accepted, reason != NULL ? reason : "");
    }
  return g_string_free (text, FALSE);
}

static void
append_ids (GString   *text,
            GPtrArray *events)
{
  guint i;

  for (i = 0; i < events->len; i++)
    g_string_append_printf (text, " %s", attrib_event_get_id (g_ptr_array_index (events, i)));
  g_string_append_c (text, '\n');
}

/* What the indexes hold, as the public API shows it: every person's
 * events, relations and claims, every party's events. */
static char *
index_text (AttribEngine *engine,
            AttribLedger *ledger,
            GPtrArray    *events)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GHashTable) parties = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint i, n = attrib_ledger_get_n_persons (ledger);

  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribPerson) person = attrib_ledger_get_person (ledger, i);
      g_autoptr(GPtrArray) own = attrib_ledger_get_person_events (ledger, person, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
      g_autoptr(GPtrArray) relations = attrib_ledger_get_relations (ledger, person);
      g_autoptr(GPtrArray) claims = attrib_engine_get_claims (engine, ledger, person, ATTRIB_TIME_MAX, NULL);
      guint k;

      g_string_append_printf (text, "person %u:", i);
      append_ids (text, own);
      g_string_append (text, "  relations:");
      append_ids (text, relations);
      for (k = 0; claims != NULL && k < claims->len; k++)
        {
          AttribClaim *claim = g_ptr_array_index (claims, k);

          g_string_append_printf (text, "  claim %d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                                  attrib_claim_get_state (claim), attrib_claim_get_holder (claim),
                                  attrib_claim_get_begin (claim), attrib_claim_get_end (claim),
                                  attrib_claim_get_clause (claim));
        }
    }
  for (i = 0; i < events->len; i++)
    {
      const char *party = attrib_event_get_party (g_ptr_array_index (events, i));
      guint k;

      for (k = 0; k < attrib_event_get_n_agents (g_ptr_array_index (events, i)) + 1; k++)
        {
          if (k > 0)
            party = attrib_event_get_agent (g_ptr_array_index (events, i), k - 1, NULL);
          if (party != NULL && g_hash_table_add (parties, (gpointer) party))
            g_ptr_array_add (sorted, (gpointer) party);
        }
    }
  g_ptr_array_sort (sorted, compare_strings);
  for (i = 0; i < sorted->len; i++)
    {
      g_autoptr(GPtrArray) own = attrib_ledger_get_party_events (ledger, g_ptr_array_index (sorted, i),
                                                                 ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);

      g_string_append_printf (text, "party %s:", (const char *) g_ptr_array_index (sorted, i));
      append_ids (text, own);
    }
  return g_string_free (text, FALSE);
}

static AttribLedger *
ledger_like (AttribLedger *model)
{
  g_autoptr(GError) error = NULL;
  AttribLedger *ledger = attrib_ledger_new_for_time_zone (attrib_ledger_get_time_zone_identifier (model), &error);

  assert_non_null (ledger);
  return ledger;
}

static GPtrArray *
events_of (AttribLedger *ledger)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  guint i, n = attrib_ledger_get_n_events (ledger);

  for (i = 0; i < n; i++)
    g_ptr_array_add (events, attrib_ledger_get_event (ledger, i));
  return events;
}

static void
shuffle (GPtrArray *array,
         guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint i;

  for (i = array->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer t = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = t;
    }
}

/* What the application holds from the feed: every verdict (deal → JSON),
 * every claim (its text → how many customers have it), every report's
 * acceptance (id → text). */
typedef struct
{
  GHashTable *verdicts;
  GHashTable *claims;
  GHashTable *reports;
  GHashTable *lines;         /* a line's text → how many */
  AttribCalculator *calculator;   /* or NULL: the watch keeps no lines */
} Held;

static void
held_init (Held *held)
{
  held->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  held->claims = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  held->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  held->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  held->calculator = NULL;
}

static void
held_clear (Held *held)
{
  g_hash_table_unref (held->verdicts);
  g_hash_table_unref (held->claims);
  g_hash_table_unref (held->reports);
  g_hash_table_unref (held->lines);
  g_clear_object (&held->calculator);
}

static char *
line_text (AttribCommissionLine *line)
{
  gint64 rate_num = 0, rate_den = 1, share_num, share_den;

  attrib_commission_line_get_rate (line, &rate_num, &rate_den);
  attrib_commission_line_get_share (line, &share_num, &share_den);
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%d|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                          "|%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s|%s|%s|%s",
                          attrib_commission_line_get_party (line), attrib_commission_line_get_at (line),
                          attrib_commission_line_get_period (line), (int) attrib_commission_line_get_kind (line),
                          attrib_commission_line_get_deal (line), attrib_commission_line_get_milestone (line),
                          attrib_commission_line_get_basis (line), rate_num, rate_den, share_num, share_den,
                          attrib_commission_line_get_amount (line), attrib_commission_line_get_plan (line),
                          attrib_commission_line_get_rule (line), attrib_commission_line_get_event (line),
                          attrib_commission_line_get_explanation (line));
}

/* The lines the watch holds are the calculator's on the ledger built at
 * once, in the same order; those it said it added and took back turn
 * what the application held into them. */
static void
check_lines (const char  *path,
             const char  *after,
             AttribWatch *watch,
             AttribLedger *fresh,
             Held        *held)
{
  g_autoptr(GError) error = NULL, watch_error = NULL;
  g_autoptr(GPtrArray) batch = attrib_calculator_get_lines (held->calculator, fresh, &error);
  g_autoptr(GPtrArray) kept = attrib_watch_get_lines (watch, &watch_error);
  g_autoptr(GPtrArray) added = attrib_watch_get_added_lines (watch);
  g_autoptr(GPtrArray) removed = attrib_watch_get_removed_lines (watch);
  g_autoptr(GString) want = g_string_new (NULL), have = g_string_new (NULL);
  g_autoptr(GPtrArray) fed = g_ptr_array_new_with_free_func (g_free), all = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint i;

  if (batch == NULL || kept == NULL)
    {
      if (batch != NULL || kept != NULL)
        fail_msg ("%s after %s: lines at once: %s; the watch: %s", path, after,
                  batch != NULL ? "some" : error->message, kept != NULL ? "some" : watch_error->message);
      /* what was held stays: the next lines fed are from it */
      assert_int_equal (added->len, 0);
      assert_int_equal (removed->len, 0);
      return;
    }
  for (i = 0; i < batch->len; i++)
    {
      g_autofree char *text = line_text (g_ptr_array_index (batch, i));

      g_string_append_printf (want, "%s\n", text);
      g_ptr_array_add (all, g_steal_pointer (&text));
    }
  for (i = 0; i < kept->len; i++)
    {
      g_autofree char *text = line_text (g_ptr_array_index (kept, i));

      g_string_append_printf (have, "%s\n", text);
    }
  if (strcmp (want->str, have->str) != 0)
    fail_msg ("%s after %s: the watch's lines\n%s\nat once\n%s", path, after, have->str, want->str);

  for (i = 0; i < removed->len; i++)
    {
      g_autofree char *text = line_text (g_ptr_array_index (removed, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (held->lines, text));

      if (n == 0)
        fail_msg ("%s after %s: a line taken back that was not held: %s", path, after, text);
      g_hash_table_insert (held->lines, g_steal_pointer (&text), GUINT_TO_POINTER (n - 1));
    }
  for (i = 0; i < added->len; i++)
    {
      g_autofree char *text = line_text (g_ptr_array_index (added, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (held->lines, text));

      g_hash_table_insert (held->lines, g_steal_pointer (&text), GUINT_TO_POINTER (n + 1));
    }
  g_hash_table_iter_init (&iter, held->lines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (i = 0; i < GPOINTER_TO_UINT (value); i++)
      g_ptr_array_add (fed, g_strdup (key));
  g_ptr_array_sort (fed, compare_strings);
  g_ptr_array_sort (all, compare_strings);
  g_ptr_array_add (fed, NULL);
  g_ptr_array_add (all, NULL);
  {
    g_autofree char *fed_text = g_strjoinv ("\n", (char **) fed->pdata);
    g_autofree char *all_text = g_strjoinv ("\n", (char **) all->pdata);

    if (strcmp (fed_text, all_text) != 0)
      fail_msg ("%s after %s: the lines fed\n%s\nat once\n%s", path, after, fed_text, all_text);
  }
}

static char *
claim_text (AttribClaim *claim)
{
  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%s|%s",
                          attrib_claim_get_event (claim), attrib_claim_get_holder (claim),
                          attrib_claim_get_channel (claim), attrib_claim_get_begin (claim),
                          attrib_claim_get_end (claim), (int) attrib_claim_get_state (claim),
                          attrib_claim_get_clause (claim), attrib_claim_get_reason (claim));
}

static char *
person_text (AttribPerson *person)
{
  g_autofree char *phones = g_strjoinv (",", (char **) attrib_person_get_phones (person));
  g_autofree char *names = g_strjoinv (",", (char **) attrib_person_get_names (person));

  return g_strdup_printf ("%s/%s", phones, names);
}

static char *
report_text (gboolean    accepted,
             const char *reason)
{
  return g_strdup_printf ("%s %s", accepted ? "accepted" : "rejected", reason != NULL ? reason : "");
}

/* The change feed after an addition: the watch holds every verdict of the
 * ledger built at once, and returned exactly those that differ from the
 * ones before; the claims it reported started, changed and ended turn
 * what the application held into every customer's claims of the ledger
 * built at once, each on the right customer; it reported exactly the
 * reports whose acceptance is new or different, and holds each one's. */
static void
check_watch (const char   *path,
             const char   *after,
             AttribWatch  *watch,
             AttribEngine *engine,
             AttribLedger *fresh,
             Held         *held)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changed = attrib_watch_update (watch, &error);
  g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (engine, fresh, &error);
  g_autoptr(GPtrArray) claim_changes = attrib_watch_get_changed_claims (watch);
  g_auto(GStrv) report_changes = attrib_watch_get_changed_reports (watch);
  g_autoptr(GHashTable) by_customer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) expected_claims = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) held_claims = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint i, n;

  if (changed == NULL || verdicts == NULL)
    fail_msg ("%s after %s: %s", path, after, error->message);
  for (i = 0; i < verdicts->len; i++)
    {
      AttribVerdict *verdict = g_ptr_array_index (verdicts, i);
      const char *deal = attrib_verdict_get_deal (verdict);
      g_autofree char *json = attrib_verdict_to_json (verdict);
      g_autoptr(AttribVerdict) kept = attrib_watch_get_verdict (watch, deal);
      g_autofree char *kept_json = kept != NULL ? attrib_verdict_to_json (kept) : g_strdup ("nothing");

      if (strcmp (kept_json, json) != 0)
        fail_msg ("%s after %s: the watch holds for %s\n%s\nat once\n%s", path, after, deal, kept_json, json);
      if (g_strcmp0 (g_hash_table_lookup (held->verdicts, deal), json) != 0)
        {
          g_string_append_printf (expected, " %s", deal);
          g_hash_table_insert (held->verdicts, g_strdup (deal), g_strdup (json));
        }
    }
  for (i = 0; i < changed->len; i++)
    g_string_append_printf (got, " %s", attrib_verdict_get_deal (g_ptr_array_index (changed, i)));
  if (strcmp (expected->str, got->str) != 0)
    fail_msg ("%s after %s: changed verdicts:%s; the watch said:%s", path, after, expected->str, got->str);
  assert_int_equal (attrib_watch_get_position (watch), attrib_ledger_get_n_events (fresh));

  /* claims: every customer's, at once */
  n = attrib_ledger_get_n_persons (fresh);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribPerson) person = attrib_ledger_get_person (fresh, i);
      g_autoptr(GPtrArray) claims = attrib_engine_get_claims (engine, fresh, person, ATTRIB_TIME_MAX, &error);
      GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint k;

      if (claims == NULL)
        fail_msg ("%s after %s: %s", path, after, error->message);
      for (k = 0; k < claims->len; k++)
        {
          char *text = claim_text (g_ptr_array_index (claims, k));

          g_hash_table_add (texts, g_strdup (text));
          g_ptr_array_add (expected_claims, text);
        }
      g_hash_table_insert (by_customer, person_text (person), texts);
    }
  /* the changes, applied to what was held */
  for (i = 0; i < claim_changes->len; i++)
    {
      AttribClaimChange *change = g_ptr_array_index (claim_changes, i);
      AttribClaim *then = attrib_claim_change_get_before (change), *now = attrib_claim_change_get_after (change);
      g_autofree char *then_text = then != NULL ? claim_text (then) : NULL;
      g_autofree char *now_text = now != NULL ? claim_text (now) : NULL;

      assert_true (then != NULL || now != NULL);
      if (then_text != NULL && now_text != NULL && strcmp (then_text, now_text) == 0)
        fail_msg ("%s after %s: a claim changed into itself: %s", path, after, now_text);
      if (then_text != NULL)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (held->claims, then_text));

          if (count == 0)
            fail_msg ("%s after %s: a change from a claim nobody held: %s", path, after, then_text);
          if (count == 1)
            g_hash_table_remove (held->claims, then_text);
          else
            g_hash_table_insert (held->claims, g_strdup (then_text), GUINT_TO_POINTER (count - 1));
        }
      if (now_text != NULL)
        {
          AttribPerson *customer = attrib_claim_change_get_customer (change);
          g_autofree char *who = customer != NULL ? person_text (customer) : g_strdup ("nobody");
          GHashTable *theirs = g_hash_table_lookup (by_customer, who);

          if (theirs == NULL || !g_hash_table_contains (theirs, now_text))
            fail_msg ("%s after %s: the claim %s is said to be on %s", path, after, now_text, who);
          g_hash_table_insert (held->claims, g_strdup (now_text),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (held->claims, now_text)) + 1));
        }
    }
  g_hash_table_iter_init (&iter, held->claims);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (i = 0; i < GPOINTER_TO_UINT (value); i++)
      g_ptr_array_add (held_claims, g_strdup (key));
  g_ptr_array_sort (expected_claims, compare_strings);
  g_ptr_array_sort (held_claims, compare_strings);
  {
    g_autofree char *want = (g_ptr_array_add (expected_claims, NULL), g_strjoinv ("\n", (char **) expected_claims->pdata));
    g_autofree char *have = (g_ptr_array_add (held_claims, NULL), g_strjoinv ("\n", (char **) held_claims->pdata));

    if (strcmp (want, have) != 0)
      fail_msg ("%s after %s: the claims fed\n%s\nat once\n%s", path, after, have, want);
  }

  /* reports: each one's acceptance, and exactly those that changed */
  g_string_truncate (expected, 0);
  g_string_truncate (got, 0);
  n = attrib_ledger_get_n_events (fresh);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (fresh, i);
      const char *id = attrib_event_get_id (ev);
      g_autofree char *reason = NULL, *kept_reason = NULL, *text = NULL, *kept_text = NULL;
      gboolean accepted, kept_accepted;

      if (attrib_event_get_event_type (ev) != ATTRIB_EVENT_TYPE_REPORT)
        continue;
      assert_true (attrib_engine_check_report (engine, fresh, id, &accepted, &reason, NULL));
      if (!attrib_watch_check_report (watch, id, &kept_accepted, &kept_reason, &error))
        fail_msg ("%s after %s: %s", path, after, error->message);
      text = report_text (accepted, reason);
      kept_text = report_text (kept_accepted, kept_reason);
      if (strcmp (text, kept_text) != 0)
        fail_msg ("%s after %s: the watch holds for %s: %s; at once: %s", path, after, id, kept_text, text);
      if (g_strcmp0 (g_hash_table_lookup (held->reports, id), text) != 0)
        {
          g_string_append_printf (expected, " %s", id);
          g_hash_table_insert (held->reports, g_strdup (id), g_steal_pointer (&text));
        }
    }
  for (i = 0; report_changes[i] != NULL; i++)
    g_string_append_printf (got, " %s", report_changes[i]);
  {
    /* the same set: the feed is in the order of events, ours by event */
    g_auto(GStrv) want = g_strsplit (expected->str, " ", -1);
    g_auto(GStrv) have = g_strsplit (got->str, " ", -1);
    g_autofree char *want_text = NULL, *have_text = NULL;

    g_qsort_with_data (want, g_strv_length (want), sizeof (char *), (GCompareDataFunc) compare_strings, NULL);
    g_qsort_with_data (have, g_strv_length (have), sizeof (char *), (GCompareDataFunc) compare_strings, NULL);
    want_text = g_strjoinv (" ", want);
    have_text = g_strjoinv (" ", have);
    if (strcmp (want_text, have_text) != 0)
      fail_msg ("%s after %s: changed reports:%s; the watch said:%s", path, after, expected->str, got->str);
  }
  if (held->calculator != NULL)
    check_lines (path, after, watch, fresh, held);
}

/* One scenario: its events added one at a time in a shuffled order, each
 * state compared with a ledger built at once from the same events. An
 * event the ledger refuses where it stands (one that names what has not
 * arrived yet) must be refused alike by the ledger built at once, and
 * comes back at the end of the stream. */
static guint
check_scenario (const char *path,
                guint32     seed,
                gboolean    in_order)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) model = NULL;
  g_autoptr(AttribLedger) live = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribWatch) watch = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  Held held;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) stream = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  g_autoptr(GHashTable) added_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint compared = 0, refused_in_a_row = 0;

  if (!attrib_scenario_load (file, NULL, &profile, &model, &error))
    fail_msg ("%s: %s", path, error->message);
  engine = attrib_engine_new (profile);
  live = ledger_like (model);
  held_init (&held);
  plans = attrib_scenario_load_plans (file, NULL, &error);
  if (plans == NULL)
    fail_msg ("%s: %s", path, error->message);
  if (plans->len > 0)
    {
      guint k;

      held.calculator = attrib_calculator_new (profile);
      for (k = 0; k < plans->len; k++)
        assert_true (attrib_calculator_add_plan (held.calculator, g_ptr_array_index (plans, k), NULL));
      watch = attrib_watch_new_with_calculator (engine, held.calculator, live);
    }
  else
    watch = attrib_watch_new (engine, live);
  events = events_of (model);
  stream = events_of (model);
  /* in the canonical order, every addition comes last (the indexes grow
   * by it where they can); shuffled, most come in the middle */
  if (!in_order)
    shuffle (stream, seed);

  while (stream->len > 0)
    {
      AttribEvent *ev = attrib_event_ref (g_ptr_array_index (stream, 0));
      g_autoptr(AttribLedger) fresh = ledger_like (model);
      g_autofree char *live_verdicts = NULL, *fresh_verdicts = NULL;
      g_autofree char *live_desk = NULL, *fresh_desk = NULL;
      g_autofree char *live_index = NULL, *fresh_index = NULL;
      guint i;

      g_ptr_array_remove_index (stream, 0);
      if (!attrib_ledger_add_event (live, ev, &error))
        {
          g_autoptr(AttribLedger) probe = ledger_like (model);
          g_autoptr(GError) probe_error = NULL;

          /* refused where it stands: the same as a ledger at once */
          for (i = 0; i < added->len; i++)
            assert_true (attrib_ledger_add_event (probe, g_ptr_array_index (added, i), NULL));
          assert_false (attrib_ledger_add_event (probe, ev, &probe_error));
          assert_string_equal (error->message, probe_error->message);
          g_clear_error (&error);
          if (++refused_in_a_row > stream->len)
            fail_msg ("%s: event %s is refused whatever arrived before it", path, attrib_event_get_id (ev));
          g_ptr_array_add (stream, ev);
          continue;
        }
      refused_in_a_row = 0;
      g_ptr_array_add (added, ev);
      g_hash_table_add (added_ids, (gpointer) attrib_event_get_id (ev));

      /* the ledger built at once: the same events in canonical order */
      for (i = 0; i < events->len; i++)
        if (g_hash_table_contains (added_ids, attrib_event_get_id (g_ptr_array_index (events, i))))
          assert_true (attrib_ledger_add_event (fresh, g_ptr_array_index (events, i), NULL));
      attrib_ledger_freeze (fresh);
      assert_int_equal (attrib_ledger_get_n_events (live), attrib_ledger_get_n_events (fresh));

      live_verdicts = verdicts_text (engine, live);
      fresh_verdicts = verdicts_text (engine, fresh);
      if (strcmp (live_verdicts, fresh_verdicts) != 0)
        fail_msg ("%s after %s (%u events): live\n%s\nat once\n%s", path, attrib_event_get_id (ev),
                  added->len, live_verdicts, fresh_verdicts);
      check_watch (path, attrib_event_get_id (ev), watch, engine, fresh, &held);
      live_index = index_text (engine, live, added);
      fresh_index = index_text (engine, fresh, added);
      if (strcmp (live_index, fresh_index) != 0)
        fail_msg ("%s after %s: indexes live\n%s\nat once\n%s", path, attrib_event_get_id (ev), live_index, fresh_index);
      live_desk = desk_text (engine, live, added);
      fresh_desk = desk_text (engine, fresh, added);
      if (strcmp (live_desk, fresh_desk) != 0)
        fail_msg ("%s after %s: desk live\n%s\nat once\n%s", path, attrib_event_get_id (ev), live_desk, fresh_desk);
      compared++;
    }
  held_clear (&held);
  return compared;
}

static void
test_equivalence (void **state)
{
  g_autoptr(GDir) top = g_dir_open (TEST_AUDIT_DIR, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint i, compared = 0, checked = 0, stride = sample_stride ();

  assert_non_null (top);
  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *dir_path = g_build_filename (TEST_AUDIT_DIR, name, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *file;

      if (dir == NULL)
        continue;
      while ((file = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (file, ".json"))
          g_ptr_array_add (paths, g_build_filename (dir_path, file, NULL));
    }
  /* the order of the directory listing decides nothing */
  g_ptr_array_sort (paths, compare_strings);
  assert_true (paths->len > 300);
  for (i = 0; i < paths->len; i += stride, checked++)
    {
      compared += check_scenario (g_ptr_array_index (paths, i), 20261207 + i, FALSE);
      compared += check_scenario (g_ptr_array_index (paths, i), 0, TRUE);
    }
  print_message ("%u scenarios, %u states compared\n", checked, compared);
}

/* The change feed on a live stream: a project of N_CUSTOMERS customers,
 * reports, visits and deals, then a stream of reports, visits, follow-ups
 * and CRM records — mostly about known customers, by their parties, after
 * the latest event (the indexes grow by them), and now and then about a
 * new customer, by a new party or a day late (the ledger rebuilds its
 * indexes). After each, the watch must hold the verdicts of a ledger
 * built at once and return exactly the changed ones — having asked only
 * a few again, either way. Every built-in profile. */

#define N_CUSTOMERS 40
#define N_STREAM    160

static AttribEvent *
random_event (GRand      *rand,
              guint       i,
              AttribTime  at,
              gboolean    stream)
{
  static const char *parties[] = { "lj/a1", "lj/a2", "wj/b1", "wj/b2", "zy/c1" };
  /* in the stream, now and then a customer nobody knew */
  guint customer = stream && g_rand_int_range (rand, 0, 5) == 0 ? N_CUSTOMERS + i
                   : (guint) g_rand_int_range (rand, 0, N_CUSTOMERS);
  g_autofree char *phone = g_strdup_printf ("1380013%04u", customer);
  g_autofree char *name = g_strdup_printf ("客户%u", customer);
  g_autofree char *id = g_strdup_printf ("%s%u", stream ? "s" : "e", i);
  const char *party = stream && g_rand_int_range (rand, 0, 20) == 0 ? "new/x1"
                      : parties[g_rand_int_range (rand, 0, G_N_ELEMENTS (parties))];
  AttribEvent *ev;

  /* now and then, in the stream, what makes persons merge or relate, a
   * masked report, a deal's later stage */
  if (stream && g_rand_int_range (rand, 0, 8) == 0)
    {
      guint other = (customer + 1 + g_rand_int_range (rand, 0, N_CUSTOMERS - 1)) % N_CUSTOMERS;
      g_autofree char *other_phone = g_strdup_printf ("1380013%04u", other);
      g_autofree char *other_name = g_strdup_printf ("客户%u", other);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_RELATION, id, at);
          attrib_event_set_customer (ev, name, phone);
          attrib_event_set_counterpart (ev, other_name, other_phone);
          attrib_event_set_relation_kind (ev, ATTRIB_RELATION_KIND_SPOUSE);
          attrib_event_set_verified (ev, TRUE);
          return ev;
        case 1:
          {
            /* the customer's second phone */
            g_autofree char *second = g_strdup_printf ("1390013%04u", customer);

            ev = attrib_event_new (ATTRIB_EVENT_TYPE_IDENTITY, id, at);
            attrib_event_set_customer (ev, name, second);
            attrib_event_set_counterpart (ev, name, phone);
            return ev;
          }
        case 2:
          {
            /* a masked report the name resolves */
            g_autofree char *masked = g_strdup_printf ("138****%04u", other);

            ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at);
            attrib_event_set_customer (ev, other_name, masked);
            attrib_event_set_party (ev, party);
            return ev;
          }
        default:
          {
            /* a deal of the project signed (the deals are D0, D1, D3, D4, D6 …) */
            static const guint with_deal[] = { 0, 1, 3, 4, 6, 7, 9, 10 };
            guint d = with_deal[g_rand_int_range (rand, 0, G_N_ELEMENTS (with_deal))];
            g_autofree char *deal = g_strdup_printf ("D%u", d);
            g_autofree char *buyer = g_strdup_printf ("1380013%04u", d);
            g_autofree char *buyer_name = g_strdup_printf ("客户%u", d);

            ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, id, at);
            attrib_event_set_deal (ev, deal);
            attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SIGNED);
            attrib_event_set_customer (ev, buyer_name, buyer);
            return ev;
          }
        }
    }

  switch (g_rand_int_range (rand, 0, stream ? 4 : 3))
    {
    case 0:
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at);
      attrib_event_set_party (ev, party);
      break;
    case 1:
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, at);
      attrib_event_add_agent (ev, party, 0);
      break;
    case 2:
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_INTERACTION, id, at);
      attrib_event_set_interaction_kind (ev, ATTRIB_INTERACTION_KIND_CALL);
      break;
    default:
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_FOLLOW_UP, id, at);
      attrib_event_set_party (ev, party);
      break;
    }
  attrib_event_set_customer (ev, name, phone);
  return ev;
}

static const char *stream_plans[] = {
  "{\"id\": \"lj-2024\", \"party\": \"lj\", \"products\": {\"residential\": {\"rate\": \"2%\"}}, "
  "\"tiers\": {\"basis\": \"units\", \"mode\": \"retroactive\", \"steps\": [{\"from\": 0, \"rate\": \"2%\"}, "
  "{\"from\": 3, \"rate\": \"3%\"}]}, \"bonuses\": {\"per_visit\": \"300.00\"}}",
  "{\"id\": \"wj-2024\", \"party\": \"wj\", \"products\": {\"residential\": {\"rate\": \"2.5%\"}}, "
  "\"bonuses\": {\"per_deal\": \"2000.00\", \"per_visit\": \"200.00\"}}",
};

static void
test_watch_stream (void **state)
{
  g_auto(GStrv) profiles = attrib_profile_list_builtin ();
  guint p, total_decided = 0, total_deals = 0, total_lines = 0;

  for (p = 0; profiles[p] != NULL; p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (profiles[p], &error);
      g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
      g_autoptr(AttribLedger) live = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (profile), &error);
      g_autoptr(AttribWatch) watch = NULL;
      Held held;
      g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
      g_autoptr(GRand) rand = g_rand_new_with_seed (p + 1);
      AttribTime at;
      guint i;

      assert_non_null (profile);
      /* the lines follow too: a tier on the month's units, bonuses per
       * deal and per effective visit */
      held_init (&held);
      held.calculator = attrib_calculator_new (profile);
      for (i = 0; i < G_N_ELEMENTS (stream_plans); i++)
        {
          g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_data (stream_plans[i], -1, "stream-plan.json", &error);

          assert_non_null (plan);
          assert_true (attrib_calculator_add_plan (held.calculator, plan, &error));
        }
      watch = attrib_watch_new_with_calculator (engine, held.calculator, live);
      assert_true (attrib_time_parse ("2024-03-01T09:00:00+08:00", NULL, &at, NULL));
      /* the project: every customer reported and visited, most buy */
      for (i = 0; i < 3 * N_CUSTOMERS; i++)
        {
          AttribEvent *ev = random_event (rand, i, at += (AttribTime) 37 * 60 * G_USEC_PER_SEC, FALSE);

          assert_true (attrib_ledger_add_event (live, ev, &error));
          g_ptr_array_add (all, ev);
        }
      for (i = 0; i < N_CUSTOMERS; i += 1 + i % 3)
        {
          g_autofree char *id = g_strdup_printf ("D%u-s", i);
          g_autofree char *deal = g_strdup_printf ("D%u", i);
          g_autofree char *phone = g_strdup_printf ("1380013%04u", i);
          g_autofree char *name = g_strdup_printf ("客户%u", i);
          AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, id, at += (AttribTime) 41 * 60 * G_USEC_PER_SEC);

          attrib_event_set_deal (ev, deal);
          attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
          attrib_event_set_customer (ev, name, phone);
          attrib_event_set_price (ev, (gint64) (80 + i % 7 * 10) * 1000000);
          assert_true (attrib_ledger_add_event (live, ev, &error));
          g_ptr_array_add (all, ev);
        }
      {
        g_autoptr(AttribLedger) fresh = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (profile), &error);

        for (i = all->len; i > 0; i--)
          assert_true (attrib_ledger_add_event (fresh, g_ptr_array_index (all, i - 1), &error));
        attrib_ledger_freeze (fresh);
        check_watch (profiles[p], "the first update", watch, engine, fresh, &held);
      }

      /* the stream, most events after the latest, one in ten a day late
       * (a CRM import): those make the ledger rebuild its indexes */
      for (i = 0; i < N_STREAM / sample_stride (); i++)
        {
          AttribTime when = (at += (AttribTime) 13 * 60 * G_USEC_PER_SEC);
          AttribEvent *ev = random_event (rand, i, g_rand_int_range (rand, 0, 10) == 0 ? when - (AttribTime) 86400 * G_USEC_PER_SEC : when, TRUE);
          g_autoptr(AttribLedger) fresh = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (profile), &error);
          guint k;

          if (!attrib_ledger_add_event (live, ev, &error))
            fail_msg ("%s: %s", profiles[p], error->message);
          g_ptr_array_add (all, ev);
          for (k = all->len; k > 0; k--)
            assert_true (attrib_ledger_add_event (fresh, g_ptr_array_index (all, k - 1), &error));
          attrib_ledger_freeze (fresh);
          check_watch (profiles[p], attrib_event_get_id (ev), watch, engine, fresh, &held);
          total_decided += attrib_watch_get_n_decided (watch);
          total_deals += g_hash_table_size (held.verdicts);
        }

      /* the lines at the end are there, and some */
      {
        g_autoptr(GPtrArray) final = attrib_watch_get_lines (watch, &error);

        if (final == NULL)
          fail_msg ("%s: %s", profiles[p], error->message);
        total_lines += final->len;
      }

      /* frozen at last (its indexes built again, packed), it answers the same */
      {
        g_autoptr(AttribLedger) fresh = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (profile), &error);
        g_autofree char *grown = verdicts_text (engine, live);
        g_autofree char *packed = NULL, *at_once = NULL;

        for (i = all->len; i > 0; i--)
          assert_true (attrib_ledger_add_event (fresh, g_ptr_array_index (all, i - 1), &error));
        attrib_ledger_freeze (live);
        packed = verdicts_text (engine, live);
        at_once = verdicts_text (engine, fresh);
        assert_string_equal (grown, at_once);
        assert_string_equal (packed, at_once);
      }
      held_clear (&held);
    }
  /* the stream grew the indexes: only the verdicts that read what an event
   * touched were asked again */
  print_message ("stream: %u verdicts asked again of %u held; %u commission lines at the end\n",
                 total_decided, total_deals, total_lines);
  assert_true (total_lines > 0);
  assert_true (total_decided * 4 < total_deals);
}

/* A party's channel is known from the party alone: a flyer's channel is
 * the same whether or not an event of that channel was indexed, so a
 * report by another of its agents, about another customer, changes no
 * verdict (a review found the watch kept the verdict such a report had
 * changed: the channel's name entered the string pool with it). */
static AttribEvent *
event_at (AttribEventType  type,
          const char      *id,
          const char      *when,
          const char      *name,
          const char      *phone)
{
  AttribTime at;
  AttribEvent *ev;

  assert_true (attrib_time_parse (when, NULL, &at, NULL));
  ev = attrib_event_new (type, id, at);
  attrib_event_set_customer (ev, name, phone);
  return ev;
}

static void
test_channel_of_party (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_from_data (
      "{\"id\": \"onsite-channel\", \"title\": \"t\", \"version\": \"1\", \"extends\": \"onsite-report\", \"level\": \"channel\"}",
      -1, "onsite-channel.json", &error);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) live = attrib_ledger_new_for_time_zone ("Asia/Shanghai", &error);
  g_autoptr(AttribLedger) fresh = attrib_ledger_new_for_time_zone ("Asia/Shanghai", &error);
  g_autoptr(AttribWatch) watch = attrib_watch_new (engine, live);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(AttribVerdict) held = NULL;
  g_autoptr(AttribVerdict) at_once = NULL;
  g_autofree char *held_json = NULL, *at_once_json = NULL;
  AttribEvent *ev;
  guint i;

  assert_non_null (profile);
  g_ptr_array_add (events, ev = event_at (ATTRIB_EVENT_TYPE_REPORT, "r0", "2024-03-01T09:00:00+08:00", "乙", "13900139000"));
  attrib_event_set_party (ev, "zz/q");
  g_ptr_array_add (events, ev = event_at (ATTRIB_EVENT_TYPE_VISIT, "v1", "2024-03-02T10:00:00+08:00", "甲", "13800138000"));
  attrib_event_set_token (ev, "ch/agent");
  g_ptr_array_add (events, ev = event_at (ATTRIB_EVENT_TYPE_VISIT, "v2", "2024-03-02T10:30:00+08:00", "甲", "13800138000"));
  attrib_event_set_token (ev, "ch/other");
  g_ptr_array_add (events, ev = event_at (ATTRIB_EVENT_TYPE_DEAL, "s1", "2024-03-02T11:00:00+08:00", "甲", "13800138000"));
  attrib_event_set_deal (ev, "D1");
  attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
  for (i = 0; i < events->len; i++)
    assert_true (attrib_ledger_add_event (live, g_ptr_array_index (events, i), &error));
  first = attrib_watch_update (watch, &error);
  assert_int_equal (first->len, 1);

  /* another agent of ch reports another customer, the latest event */
  g_ptr_array_add (events, ev = event_at (ATTRIB_EVENT_TYPE_REPORT, "r1", "2024-03-03T09:00:00+08:00", "乙", "13900139000"));
  attrib_event_set_party (ev, "ch/y");
  assert_true (attrib_ledger_add_event (live, ev, &error));
  changed = attrib_watch_update (watch, &error);
  assert_int_equal (changed->len, 0);

  for (i = events->len; i > 0; i--)
    assert_true (attrib_ledger_add_event (fresh, g_ptr_array_index (events, i - 1), &error));
  attrib_ledger_freeze (fresh);
  held = attrib_watch_get_verdict (watch, "D1");
  at_once = attrib_engine_attribute_deal (engine, fresh, "D1", &error);
  held_json = attrib_verdict_to_json (held);
  at_once_json = attrib_verdict_to_json (at_once);
  assert_string_equal (held_json, at_once_json);
}

/* Sharing: one writer, three readers on one ledger that is not frozen. */

#define N_READERS 3
#define N_EXTRA   600

typedef struct
{
  AttribEngine *engine;
  AttribCalculator *calculator;
  AttribLedger *live;
  AttribWatch *watch;        /* shared by the readers */
  GPtrArray *stream;
  AttribEvent *desk_report;
  gint done;
  gint rounds[N_READERS];
  char *failure[N_READERS];
} Shared;

typedef struct
{
  Shared *shared;
  guint index;
} Reader;

static gpointer
reader_main (gpointer data)
{
  Reader *reader = data;
  Shared *s = reader->shared;
  guint seen = 0, round = 0;

  while (!g_atomic_int_get (&s->done) || round < 5)
    {
      g_autoptr(GError) error = NULL;
      guint n = attrib_ledger_get_n_events (s->live);
      const char *what = NULL;

      if (n < seen)
        what = "the number of events went back";
      seen = n;
      switch ((round + reader->index) % 5)
        {
        case 0:
          {
            g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (s->engine, s->live, &error);

            if (verdicts == NULL && !g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND))
              what = error->message;
            break;
          }
        case 1:
          {
            g_autoptr(AttribClaim) claim = attrib_engine_check (s->engine, s->live, s->desk_report, &error);

            if (claim == NULL)
              what = error->message;
            break;
          }
        case 2:
          {
            g_autoptr(AttribPerson) person = attrib_ledger_find_person (s->live, NULL, "13800138000", &error);

            if (person == NULL && !g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND))
              what = error->message;
            else if (person != NULL)
              {
                g_autoptr(GPtrArray) claims = NULL;

                g_clear_error (&error);
                claims = attrib_engine_get_claims (s->engine, s->live, person, ATTRIB_TIME_MAX, &error);
                if (claims == NULL && !g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND))
                  what = error->message;
              }
            break;
          }
        case 3:
          {
            g_autoptr(GPtrArray) changed = attrib_watch_update (s->watch, &error);

            if (changed == NULL)
              what = error->message;
            break;
          }
        default:
          {
            g_autoptr(GPtrArray) statements = attrib_calculator_get_statements (s->calculator, s->live, "2024-04", &error);

            if (statements == NULL && !g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND))
              what = error->message;
            break;
          }
        }
      if (what != NULL && s->failure[reader->index] == NULL)
        s->failure[reader->index] = g_strdup_printf ("reader %u, round %u: %s", reader->index, round, what);
      round++;
    }
  g_atomic_int_set (&s->rounds[reader->index], round);
  return NULL;
}

static void
test_shared (void **state)
{
  g_autoptr(GFile) sample = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) model = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribLedger) at_once = NULL;
  g_autofree char *live_verdicts = NULL, *model_verdicts = NULL;
  g_autofree char *live_desk = NULL, *model_desk = NULL;
  AttribTime at;
  Shared s = { 0 };
  Reader readers[N_READERS];
  GThread *threads[N_READERS];
  guint i;

  assert_true (attrib_scenario_load (sample, NULL, &profile, &model, &error));
  plans = attrib_scenario_load_plans (sample, NULL, &error);
  assert_non_null (plans);
  s.engine = attrib_engine_new (profile);
  s.calculator = attrib_calculator_new (profile);
  for (i = 0; i < plans->len; i++)
    assert_true (attrib_calculator_add_plan (s.calculator, g_ptr_array_index (plans, i), &error));
  s.live = ledger_like (model);
  s.watch = attrib_watch_new (s.engine, s.live);
  s.stream = events_of (model);
  shuffle (s.stream, 7);
  assert_true (attrib_time_parse ("2024-04-10T10:00:00+08:00", NULL, &at, NULL));
  s.desk_report = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-1", at);
  attrib_event_set_customer (s.desk_report, "王五", "13700137000");
  attrib_event_add_agent (s.desk_report, "lianjia/zhangsan", 0);

  /* after the project's own events, reports of new customers in a
   * stream long enough for the readers to run all along it */
  for (i = 0; i < N_EXTRA / sample_stride (); i++)
    {
      g_autofree char *id = g_strdup_printf ("live-%u", i);
      g_autofree char *phone = g_strdup_printf ("1390000%04u", i % 500);
      AttribEvent *report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at + (AttribTime) (i % 97) * G_USEC_PER_SEC * 3600);

      attrib_event_set_customer (report, NULL, phone);
      attrib_event_set_party (report, i % 3 == 0 ? "lianjia/wangfang" : "5i5j/liuyang");
      g_ptr_array_add (s.stream, report);
    }

  /* every question asked before the threads start, of the model and of
   * the live ledger still empty (the answers that are errors): GLib's lazy
   * statics — its type system's lock, the error domains' lock, which it
   * allocates on first use and publishes in code ThreadSanitizer does not
   * see — are then in place, as in test-threads.c */
  {
    Reader warm = { &s, 0 };
    AttribLedger *live = s.live;

    g_atomic_int_set (&s.done, TRUE);
    s.live = model;
    reader_main (&warm);
    s.live = live;
    reader_main (&warm);
    g_atomic_int_set (&s.done, FALSE);
    assert_null (s.failure[0]);
  }
  for (i = 0; i < N_READERS; i++)
    {
      readers[i].shared = &s;
      readers[i].index = i;
      threads[i] = g_thread_new ("reader", reader_main, &readers[i]);
    }
  for (i = 0; i < s.stream->len; i++)
    assert_true (attrib_ledger_add_event (s.live, g_ptr_array_index (s.stream, i), &error));
  g_atomic_int_set (&s.done, TRUE);
  for (i = 0; i < N_READERS; i++)
    g_thread_join (threads[i]);
  for (i = 0; i < N_READERS; i++)
    {
      if (s.failure[i] != NULL)
        fail_msg ("%s", s.failure[i]);
      assert_true (s.rounds[i] >= 5);
    }

  /* the same events at once */
  at_once = ledger_like (model);
  for (i = 0; i < s.stream->len; i++)
    assert_true (attrib_ledger_add_event (at_once, g_ptr_array_index (s.stream, s.stream->len - 1 - i), &error));
  attrib_ledger_freeze (at_once);
  live_verdicts = verdicts_text (s.engine, s.live);
  model_verdicts = verdicts_text (s.engine, at_once);
  assert_string_equal (live_verdicts, model_verdicts);
  /* the watch the readers shared, brought up to date, holds the verdicts */
  {
    g_autoptr(GPtrArray) last = attrib_watch_update (s.watch, &error);
    g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (s.engine, at_once, &error);

    assert_non_null (last);
    for (i = 0; i < verdicts->len; i++)
      {
        AttribVerdict *verdict = g_ptr_array_index (verdicts, i);
        g_autoptr(AttribVerdict) held = attrib_watch_get_verdict (s.watch, attrib_verdict_get_deal (verdict));
        g_autofree char *a = attrib_verdict_to_json (verdict);
        g_autofree char *b = held != NULL ? attrib_verdict_to_json (held) : g_strdup ("nothing");

        assert_string_equal (a, b);
      }
  }
  live_desk = desk_text (s.engine, s.live, s.stream);
  model_desk = desk_text (s.engine, at_once, s.stream);
  assert_string_equal (live_desk, model_desk);

  g_object_unref (s.engine);
  g_object_unref (s.calculator);
  g_object_unref (s.watch);
  g_object_unref (s.live);
  g_ptr_array_unref (s.stream);
  attrib_event_unref (s.desk_report);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_equivalence),
    cmocka_unit_test (test_watch_stream),
    cmocka_unit_test (test_channel_of_party),
    cmocka_unit_test (test_shared),
  };

  setlocale (LC_ALL, "C.UTF-8");
  return cmocka_run_group_tests (tests, NULL, NULL);
}

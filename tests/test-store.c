/* test-store.c: the durable store, its receipts and proofs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A store reopened holds the same ledger and the same tree; every receipt
 * and every proof of a log of up to 70 events verifies against the heads
 * the store states, and proofs stay within ⌈log₂ n⌉ (inclusion) and
 * 2⌈log₂ n⌉ (consistency) hashes; an event the ledger refuses is never
 * written; a resumed import adds nothing twice; a closed period refuses
 * events dated in it and keeps its statements; a store of hashed phones
 * holds no phone; every bad file gives its error naming the file; and a
 * tampered store — an event edited, inserted, removed or reordered, or
 * the whole log rewritten — fails verification, naming the first event.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <attrib/attrib.h>

#include "attrib-event-record-private.h"
#include "attrib-receipt-private.h"
#include "attrib-store-private.h"

#define KEY_HEX_LEN 64

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  assert_non_null (f->dir);
  f->path = g_build_filename (f->dir, "project.attrib", NULL);
  *state = f;
  return 0;
}

static void
remove_tree (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static AttribTime
at (const char *text)
{
  AttribTime t = 0;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");

  assert_true (attrib_time_parse (text, tz, &t, NULL));
  return t;
}

static AttribEvent *
report (const char *id,
        const char *when,
        const char *phone,
        const char *party)
{
  AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at (when));

  attrib_event_set_customer (ev, "李四", phone);
  attrib_event_set_party (ev, party);
  return ev;
}

/* The nth event of a deterministic stream: reports, visits and deals of
 * a few customers, in time order. */
static AttribEvent *
nth_event (guint n)
{
  g_autofree char *id = g_strdup_printf ("e%u", n);
  g_autofree char *when = g_strdup_printf ("2024-03-%02uT%02u:%02u:00+08:00", 1 + n / 96, (n / 4) % 24, (n % 4) * 15);
  g_autofree char *phone = g_strdup_printf ("1380013%04u", n % 7);
  AttribEvent *ev;

  switch (n % 3)
    {
    case 0:
      ev = report (id, when, phone, n % 2 ? "lianjia/zhang" : "5i5j/liu");
      break;
    case 1:
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, at (when));
      attrib_event_set_customer (ev, NULL, phone);
      attrib_event_add_agent (ev, n % 2 ? "lianjia/zhang" : "5i5j/liu", 0);
      break;
    default:
      {
        g_autofree char *deal = g_strdup_printf ("D%u", n);

        ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, id, at (when));
        attrib_event_set_customer (ev, NULL, phone);
        attrib_event_set_deal (ev, deal);
        attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SIGNED);
      }
      break;
    }
  return ev;
}

static AttribStore *
new_store (const char *path,
           const char *profile_id)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (profile_id, NULL);
  g_autoptr(GError) error = NULL;
  AttribStore *store = attrib_store_create (path, profile, NULL, &error);

  assert_null (error);
  assert_non_null (store);
  return store;
}

static GBytes *
signing_key (void)
{
  guint8 secret[32];
  guint i;

  for (i = 0; i < sizeof secret; i++)
    secret[i] = (guint8) (7 * i + 1);
  return g_bytes_new (secret, sizeof secret);
}

static AttribReceipt *
append (AttribStore *store,
        AttribEvent *ev)
{
  g_autoptr(GError) error = NULL;
  AttribReceipt *receipt = attrib_store_append (store, ev, &error);

  if (error != NULL)
    fail_msg ("%s", error->message);
  return receipt;
}

/* Every event of a ledger, as text, in order. */
static char *
ledger_text (AttribLedger *ledger)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < attrib_ledger_get_n_events (ledger); i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      _attrib_event_append_record (out, ev, attrib_ledger_get_time_zone (ledger));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static guint
ceil_log2 (guint64 n)
{
  guint k = 0;

  while ((G_GUINT64_CONSTANT (1) << k) < n)
    k++;
  return k;
}

static void
test_receipts_and_proofs (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribStore) store = new_store (f->path, "joint-agency");
  g_autoptr(GBytes) key = signing_key ();
  g_autoptr(GPtrArray) receipts = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_receipt_unref);
  g_autoptr(GPtrArray) heads = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_tree_head_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *public_key;
  /* every pair of sizes: fewer under valgrind (ATTRIB_TEST_SAMPLE) */
  guint n = g_getenv ("ATTRIB_TEST_SAMPLE") != NULL ? 20 : 70, i, m;

  assert_true (attrib_store_set_signing_key (store, key, &error));
  public_key = attrib_store_get_public_key (store);
  /* made under a name of its own and put in place: nothing of it is left */
  {
    GDir *dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      assert_null (strstr (name, ".creating-"));
    g_dir_close (dir);
  }
  assert_non_null (public_key);
  assert_int_equal (strlen (public_key), KEY_HEX_LEN);

  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = nth_event (i);
      AttribReceipt *r = append (store, ev);

      assert_int_equal (attrib_receipt_get_position (r), i);
      assert_string_equal (attrib_receipt_get_event (r), attrib_event_get_id (ev));
      assert_int_equal (attrib_tree_head_get_size (attrib_receipt_get_tree_head (r)), i + 1);
      assert_true (attrib_receipt_verify (r, public_key, NULL, NULL, &error));
      assert_int_equal (attrib_receipt_is_report (r), attrib_event_get_event_type (ev) == ATTRIB_EVENT_TYPE_REPORT);
      g_ptr_array_add (receipts, r);
      g_ptr_array_add (heads, attrib_tree_head_ref (attrib_receipt_get_tree_head (r)));
    }
  assert_int_equal (attrib_store_get_size (store), n);

  /* the first report holds the customer; 5i5j's of the same phone later is
   * refused (joint-agency 三.1, first report wins) */
  assert_true (attrib_receipt_get_accepted (g_ptr_array_index (receipts, 0)));
  assert_non_null (attrib_receipt_get_holder (g_ptr_array_index (receipts, 0)));
  assert_true (attrib_receipt_get_until (g_ptr_array_index (receipts, 0)) < ATTRIB_TIME_MAX);

  /* every receipt against every later head; every pair of heads */
  for (m = 1; m <= n; m++)
    {
      AttribTreeHead *head = g_ptr_array_index (heads, m - 1);

      for (i = 0; i < m; i++)
        {
          g_autoptr(AttribProof) proof = attrib_store_prove_inclusion (store, i, m, &error);
          g_autofree char *json = attrib_proof_to_json (proof);
          g_autoptr(AttribProof) back = attrib_proof_new_from_json (json, -1, &error);

          assert_null (error);
          assert_true (attrib_proof_get_n_hashes (proof) <= ceil_log2 (m));
          assert_true (attrib_receipt_verify (g_ptr_array_index (receipts, i), public_key, back, head, &error));
          if (i + 1 < m)
            {
              /* the wrong event for the proof */
              assert_false (attrib_receipt_verify (g_ptr_array_index (receipts, i + 1), public_key, back, head, &error));
              assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
              g_clear_error (&error);
            }
        }
      for (i = 1; i <= m; i++)
        {
          g_autoptr(AttribProof) proof = attrib_store_prove_consistency (store, i, m, &error);

          assert_null (error);
          assert_true (attrib_proof_get_n_hashes (proof) <= 2 * ceil_log2 (m));
          assert_true (attrib_proof_verify_consistency (proof, g_ptr_array_index (heads, i - 1), head, &error));
          if (i < m && i > 1)
            {
              assert_false (attrib_proof_verify_consistency (proof, g_ptr_array_index (heads, i - 2), head, &error));
              g_clear_error (&error);
            }
        }
      assert_true (attrib_tree_head_verify (head, public_key, &error));
    }

  /* receipts survive JSON; a changed byte does not */
  {
    AttribReceipt *r = g_ptr_array_index (receipts, 3);
    g_autofree char *json = attrib_receipt_to_json (r);
    g_autoptr(AttribReceipt) back = attrib_receipt_new_from_json (json, -1, &error);
    g_autofree char *again = NULL;
    g_autofree char *forged = NULL;
    g_autoptr(AttribReceipt) forged_receipt = NULL;
    char *p;

    assert_null (error);
    again = attrib_receipt_to_json (back);
    assert_string_equal (json, again);
    assert_true (attrib_receipt_verify (back, public_key, NULL, NULL, &error));

    /* the decision changed: the signature fails */
    forged = g_strdup (json);
    p = strstr (forged, "\"accepted\":true");
    if (p != NULL)
      memcpy (p, "\"accepted\":fals", 15);
    else
      {
        p = strstr (forged, "\"tree\":{\"size\":4");
        assert_non_null (p);
        p[15] = '5';
      }
    forged_receipt = attrib_receipt_new_from_json (forged, -1, &error);
    if (forged_receipt != NULL)
      {
        assert_false (attrib_receipt_verify (forged_receipt, public_key, NULL, NULL, &error));
        assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
      }
    g_clear_error (&error);

    /* the record changed: the leaf no longer covers it */
    g_free (forged);
    forged = g_strdup (json);
    p = strstr (forged, "2024-03-01T");
    assert_non_null (p);
    p[9] = '2';
    g_clear_pointer (&forged_receipt, attrib_receipt_unref);
    forged_receipt = attrib_receipt_new_from_json (forged, -1, &error);
    assert_null (forged_receipt);
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    g_clear_error (&error);

    /* another key */
    assert_false (attrib_receipt_verify (back, "00000000000000000000000000000000000000000000000000000000000000aa",
                                         NULL, NULL, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    g_clear_error (&error);
  }

  assert_true (attrib_store_verify (store, g_ptr_array_index (heads, 10), &error));

  /* reopened: the same events, the same tree */
  before = ledger_text (attrib_store_get_ledger (store));
  g_clear_object (&store);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  assert_null (error);
  after = ledger_text (attrib_store_get_ledger (store));
  assert_string_equal (before, after);
  /* the log's order, not the ledger's canonical one */
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_store_get_event (store, i, &error);
      g_autofree char *id = g_strdup_printf ("e%u", i);

      assert_string_equal (attrib_event_get_id (ev), id);
    }
  assert_null (attrib_store_get_event (store, n, &error));
  assert_int_equal (error->code, ATTRIB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(AttribTreeHead) now = attrib_store_get_tree_head (store, 0, &error);

    assert_string_equal (attrib_tree_head_get_root (now),
                         attrib_tree_head_get_root (g_ptr_array_index (heads, n - 1)));
    /* not signed until the key is given again, and only that key */
    assert_null (attrib_tree_head_get_signature (now));
  }
  {
    guint8 other[32] = { 9, };
    g_autoptr(GBytes) wrong = g_bytes_new (other, sizeof other);

    assert_false (attrib_store_set_signing_key (store, wrong, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_INVALID_KEY);
    g_clear_error (&error);
    assert_true (attrib_store_set_signing_key (store, key, &error));
  }
  /* a receipt issued again equals the first one */
  {
    g_autoptr(AttribReceipt) again = attrib_store_get_receipt (store, 5, &error);
    g_autofree char *a = attrib_receipt_to_json (again);
    g_autofree char *b = attrib_receipt_to_json (g_ptr_array_index (receipts, 5));

    assert_string_equal (a, b);
  }
}

static void
test_refused_never_written (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribStore) store = new_store (f->path, "joint-agency");
  g_autoptr(AttribEvent) good = report ("r1", "2024-03-01T10:00:00+08:00", "13800138000", "lianjia/zhang");
  g_autoptr(AttribEvent) twice = report ("r1", "2024-03-02T10:00:00+08:00", "13800138000", "5i5j/liu");
  g_autoptr(AttribEvent) bad = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r2", at ("2024-03-02T10:00:00+08:00"));
  g_autoptr(AttribReceipt) r = append (store, good);
  g_autoptr(GError) error = NULL;

  /* a duplicate id and a report without a customer */
  assert_null (attrib_store_append (store, twice, &error));
  assert_int_equal (error->code, ATTRIB_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  assert_null (attrib_store_append (store, bad, &error));
  assert_non_null (error);
  g_clear_error (&error);
  assert_int_equal (attrib_store_get_size (store), 1);
  assert_int_equal (attrib_ledger_get_n_events (attrib_store_get_ledger (store)), 1);

  /* the store's ledger takes no other writer */
  assert_false (attrib_ledger_add_event (attrib_store_get_ledger (store), bad, &error));
  assert_int_equal (error->code, ATTRIB_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_clear_object (&store);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  assert_int_equal (attrib_store_get_size (store), 1);
  assert_true (attrib_store_verify (store, NULL, &error));
}

static void
test_import_resumes (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribStore) store = new_store (f->path, "junyuan-2012");
  g_autoptr(GFile) sample = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(AttribLedger) direct = attrib_ledger_new_for_time_zone ("Asia/Shanghai", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *other = NULL, *other_path = NULL;
  guint64 added = 0;

  assert_true (attrib_store_import_file (store, sample, &added, &error));
  assert_int_equal (added, 27);
  /* again: nothing new */
  assert_true (attrib_store_import_file (store, sample, &added, &error));
  assert_int_equal (added, 0);
  assert_int_equal (attrib_store_get_size (store), 27);

  /* the store's ledger is the file's */
  assert_true (attrib_ledger_load_file (direct, sample, NULL, &error));
  a = ledger_text (direct);
  b = ledger_text (attrib_store_get_ledger (store));
  assert_string_equal (a, b);

  /* an id the store has with other content: nothing imported */
  other = g_strdup ("[{\"id\": \"r-001\", \"type\": \"report\", \"at\": \"2024-05-01\", "
                    "\"party\": \"x/y\", \"customer\": {\"phone\": \"13900139000\"}}, "
                    "{\"id\": \"new-1\", \"type\": \"report\", \"at\": \"2024-05-01\", "
                    "\"party\": \"x/y\", \"customer\": {\"phone\": \"13900139001\"}}]");
  other_path = g_build_filename (f->dir, "other.json", NULL);
  assert_true (g_file_set_contents (other_path, other, -1, NULL));
  {
    g_autoptr(GFile) file = g_file_new_for_path (other_path);

    assert_false (attrib_store_import_file (store, file, &added, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_DUPLICATE_ID);
    assert_non_null (strstr (error->message, "r-001"));
    assert_int_equal (added, 0);
    assert_int_equal (attrib_store_get_size (store), 27);
  }
}

static void
test_closed_period (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribStore) store = new_store (f->path, "junyuan-2012");
  g_autoptr(GFile) sample = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recorded = NULL;
  g_autofree char *closed = NULL;
  guint i;

  assert_true (attrib_store_import_file (store, sample, NULL, &error));
  /* a month that has not ended */
  assert_null (attrib_store_close_period (store, "2999-01", &error));
  assert_int_equal (error->code, ATTRIB_ERROR_INVALID_TIME);
  g_clear_error (&error);
  assert_null (attrib_store_close_period (store, "2024-13", &error));
  g_clear_error (&error);

  statements = attrib_store_close_period (store, "2024-03", &error);
  assert_null (error);
  recorded = attrib_store_get_closed_statements (store, "2024-03", &error);
  assert_int_equal (g_strv_length (recorded), statements->len);
  for (i = 0; i < statements->len; i++)
    {
      g_autofree char *json = attrib_statement_to_json (g_ptr_array_index (statements, i));

      assert_true (g_strv_contains ((const char * const *) recorded, json));
    }

  /* closed: again, earlier, or an event dated in it */
  assert_null (attrib_store_close_period (store, "2024-03", &error));
  assert_int_equal (error->code, ATTRIB_ERROR_CLOSED_PERIOD);
  g_clear_error (&error);
  assert_null (attrib_store_close_period (store, "2024-02", &error));
  g_clear_error (&error);
  {
    g_autoptr(AttribEvent) late = report ("late", "2024-03-31T23:59:59+08:00", "13900139000", "x/y");
    g_autoptr(AttribEvent) april = report ("april", "2024-04-01T00:00:00+08:00", "13900139000", "x/y");
    g_autoptr(AttribReceipt) r = NULL;

    assert_null (attrib_store_append (store, late, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_CLOSED_PERIOD);
    assert_non_null (strstr (error->message, f->path));
    g_clear_error (&error);
    r = append (store, april);
    assert_non_null (r);
  }
  assert_null (attrib_store_get_closed_statements (store, "2024-04", &error));
  assert_int_equal (error->code, ATTRIB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* kept across a reopening */
  g_clear_object (&store);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  closed = attrib_store_get_closed_period (store);
  assert_string_equal (closed, "2024-03");
  {
    g_auto(GStrv) again = attrib_store_get_closed_statements (store, "2024-03", &error);

    assert_int_equal (g_strv_length (again), g_strv_length (recorded));
    for (i = 0; recorded[i] != NULL; i++)
      assert_string_equal (again[i], recorded[i]);
  }
}

static void
test_hashed_phones (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("joint-agency", NULL);
  g_autoptr(GBytes) key = g_bytes_new_static ("a phone key of some length", 26);
  g_autoptr(GBytes) wrong = g_bytes_new_static ("another phone key, as long", 26);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = attrib_store_create (f->path, profile, key, &error);
  g_autoptr(AttribEvent) ev = report ("r1", "2024-03-01T10:00:00+08:00", "13812345678", "lianjia/zhang");
  g_autoptr(AttribReceipt) r = append (store, ev);
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  gsize length = 0;

  assert_true (attrib_store_get_phones_hashed (store));
  assert_null (strstr (attrib_receipt_get_record (r), "13812345678"));
  assert_null (strstr (attrib_receipt_get_record (r), "12345678"));
  g_clear_object (&store);

  /* neither the file nor its journal holds the phone */
  assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  assert_null (g_strstr_len (contents, length, "13812345678"));
  g_clear_pointer (&contents, g_free);
  if (g_file_get_contents (wal, &contents, &length, NULL))
    assert_null (g_strstr_len (contents, length, "13812345678"));

  /* written only with its key */
  assert_null (attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error));
  assert_int_equal (error->code, ATTRIB_ERROR_INVALID_KEY);
  g_clear_error (&error);
  assert_null (attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, wrong, &error));
  assert_int_equal (error->code, ATTRIB_ERROR_INVALID_KEY);
  assert_null (strstr (error->message, "phone key of"));
  g_clear_error (&error);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
  assert_non_null (store);
  g_clear_object (&store);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, key, &error);
  assert_non_null (store);
  /* the desk finds the customer by the phone as given */
  {
    g_autoptr(AttribPerson) person = attrib_ledger_find_person (attrib_store_get_ledger (store), NULL,
                                                                "13812345678", &error);

    assert_non_null (person);
  }
}

static void
expect_open_error (const char *path,
                   int         code,
                   const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = attrib_store_open (path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);

  assert_null (store);
  assert_non_null (error);
  if (error->code != code || strstr (error->message, path) == NULL || strstr (error->message, words) == NULL)
    fail_msg ("expected code %d with “%s” naming %s, got %d: %s", code, words, path, error->code, error->message);
}

static void
sql (const char *path,
     const char *statements)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  assert_int_equal (sqlite3_open (path, &db), SQLITE_OK);
  if (sqlite3_exec (db, statements, NULL, NULL, &message) != SQLITE_OK)
    fail_msg ("%s: %s", statements, message);
  sqlite3_close (db);
}

static void
test_bad_files (void **state)
{
  Fixture *f = *state;
  g_autofree char *text = g_build_filename (f->dir, "text", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autoptr(GError) error = NULL;

  assert_true (g_file_set_contents (text, "{\"events\": []}\n", -1, NULL));
  assert_true (g_file_set_contents (empty, "", 0, NULL));
  sql (foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");

  expect_open_error (text, ATTRIB_ERROR_NOT_A_STORE, "not an SQLite database");
  expect_open_error (empty, ATTRIB_ERROR_NOT_A_STORE, "empty");
  expect_open_error (foreign, ATTRIB_ERROR_NOT_A_STORE, "another application");
  expect_open_error (missing, ATTRIB_ERROR_NOT_FOUND, "no such store");

  /* create refuses a file that exists */
  {
    g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("joint-agency", NULL);
    g_autoptr(AttribStore) store = attrib_store_create (text, profile, NULL, &error);

    assert_null (store);
    assert_non_null (strstr (error->message, text));
    g_clear_error (&error);
  }

  /* a newer format */
  {
    g_autoptr(AttribStore) store = new_store (f->path, "joint-agency");
    g_autoptr(AttribEvent) ev = report ("r1", "2024-03-01T10:00:00+08:00", "13800138000", "lianjia/zhang");
    g_autoptr(AttribReceipt) r = append (store, ev);

    /* a second writer */
    expect_open_error (f->path, ATTRIB_ERROR_BUSY, "one writer at a time");
    /* a reader beside the writer */
    {
      g_autoptr(AttribStore) reader = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);

      assert_non_null (reader);
      assert_int_equal (attrib_store_get_size (reader), 1);
      assert_null (attrib_store_append (reader, ev, &error));
      assert_int_equal (error->code, ATTRIB_ERROR_READ_ONLY);
      g_clear_error (&error);
    }
  }
  sql (f->path, "PRAGMA user_version = 2;");
  expect_open_error (f->path, ATTRIB_ERROR_NEWER_FORMAT, "newer libattrib");
  sql (f->path, "PRAGMA user_version = 1;");

  /* a read-only file, opened for writing (root writes anyway) */
  if (geteuid () != 0)
    {
      assert_int_equal (g_chmod (f->path, 0444), 0);
      expect_open_error (f->path, ATTRIB_ERROR_READ_ONLY, "read-only");
      assert_int_equal (g_chmod (f->path, 0644), 0);
    }

  /* a damaged file: garbage over its pages after the header */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    gsize i;

    assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
    assert_true (length > 4096);
    for (i = 100; i < length; i++)
      contents[i] = (char) (i * 31);
    assert_true (g_file_set_contents (f->path, contents, length, NULL));
    {
      g_autoptr(AttribStore) store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);

      assert_null (store);
      assert_true (error->code == ATTRIB_ERROR_CORRUPT || error->code == ATTRIB_ERROR_NOT_A_STORE);
      assert_non_null (strstr (error->message, f->path));
    }
  }
}

static void
test_full_disk (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribStore) store = new_store (f->path, "joint-agency");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  guint i, acknowledged = 0;
  gint64 pages = 0;
  sqlite3_stmt *stmt = NULL;

  for (i = 0; i < 50; i++)
    {
      g_autoptr(AttribEvent) ev = nth_event (i);
      g_autoptr(AttribReceipt) r = append (store, ev);

      acknowledged++;
    }
  /* the store may not grow past its size now: the disk is full */
  assert_int_equal (sqlite3_prepare_v2 (_attrib_store_get_db (store), "PRAGMA page_count", -1, &stmt, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  {
    g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);

    assert_int_equal (sqlite3_exec (_attrib_store_get_db (store), limit, NULL, NULL, NULL), SQLITE_OK);
  }
  for (i = 50; i < 5000; i++)
    {
      g_autoptr(AttribEvent) ev = nth_event (i);
      g_autoptr(AttribReceipt) r = attrib_store_append (store, ev, &error);

      if (r == NULL)
        break;
      acknowledged++;
    }
  assert_non_null (error);
  assert_int_equal (error->code, ATTRIB_ERROR_NO_SPACE);
  assert_non_null (strstr (error->message, f->path));
  assert_non_null (strstr (error->message, "nothing of this write was kept"));
  g_clear_error (&error);
  assert_int_equal (attrib_store_get_size (store), acknowledged);
  assert_int_equal (attrib_ledger_get_n_events (attrib_store_get_ledger (store)), acknowledged);
  before = ledger_text (attrib_store_get_ledger (store));

  g_clear_object (&store);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  assert_null (error);
  after = ledger_text (attrib_store_get_ledger (store));
  assert_string_equal (before, after);
  assert_true (attrib_store_verify (store, NULL, &error));
  /* and it goes on once there is room */
  {
    g_autoptr(AttribEvent) ev = nth_event (acknowledged);
    g_autoptr(AttribReceipt) r = append (store, ev);

    assert_int_equal (attrib_receipt_get_position (r), acknowledged);
  }
}

/* ---- tampering ---- */

static void
expect_verify_error (const char *path,
                     const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = attrib_store_open (path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);

  if (store == NULL)
    {
      /* opening reads every record back: an altered one fails there */
      assert_int_equal (error->code, ATTRIB_ERROR_CORRUPT);
      if (strstr (error->message, words) == NULL)
        fail_msg ("expected “%s” in: %s", words, error->message);
      return;
    }
  assert_false (attrib_store_verify (store, NULL, &error));
  assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
  if (strstr (error->message, words) == NULL)
    fail_msg ("expected “%s” in: %s", words, error->message);
}

static const char untrigger[] =
  "DROP TRIGGER log_kept; DROP TRIGGER log_kept_d; DROP TRIGGER nodes_kept; DROP TRIGGER nodes_kept_d;";

static void
build_log (const char *path,
           guint       n)
{
  g_autoptr(AttribStore) store = new_store (path, "joint-agency");
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = nth_event (i);
      g_autoptr(AttribReceipt) r = append (store, ev);
    }
}

static void
test_tampering (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.attrib", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  build_log (f->path, 20);
  assert_true (g_file_get_contents (f->path, &contents, &length, NULL));

  /* the triggers refuse an edit */
  {
    sqlite3 *db = NULL;

    assert_int_equal (sqlite3_open (f->path, &db), SQLITE_OK);
    assert_int_not_equal (sqlite3_exec (db, "UPDATE log SET record = '{}' WHERE position = 3", NULL, NULL, NULL),
                          SQLITE_OK);
    assert_int_not_equal (sqlite3_exec (db, "DELETE FROM log WHERE position = 19", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close (db);
  }

#define FRESH() g_file_set_contents (copy, contents, length, NULL)
  /* an edited record: the party of e6 */
  assert_true (FRESH ());
  sql (copy, untrigger);
  sql (copy, "UPDATE log SET record = replace (record, '5i5j/liu', '5i5j/wang') WHERE position = 6");
  expect_verify_error (copy, "position 6");

  /* an edited record with its leaf recomputed by the forger: the tree
   * above it no longer matches */
  {
    g_autoptr(AttribStore) store = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    const char *record;
    gint64 appended;
    guint8 leaf[32];
    g_autofree char *edited = NULL;

    assert_true (FRESH ());
    sql (copy, untrigger);
    assert_int_equal (sqlite3_open (copy, &db), SQLITE_OK);
    assert_int_equal (sqlite3_prepare_v2 (db, "SELECT appended, record, salt, accepted, reason, holder, until "
                                              "FROM log WHERE position = 6", -1, &stmt, NULL),
                      SQLITE_OK);
    assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
    appended = sqlite3_column_int64 (stmt, 0);
    record = (const char *) sqlite3_column_text (stmt, 1);
    {
      GString *s = g_string_new (record);

      g_string_replace (s, "5i5j/liu", "5i5j/wang", 0);
      edited = g_string_free (s, FALSE);
    }
    {
      /* the leaf as the store hashes it: salt, time, record, decision */
      g_autofree char *decision = NULL;

      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        decision = _attrib_decision_text (sqlite3_column_int (stmt, 3) != 0,
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          (const char *) sqlite3_column_text (stmt, 5),
                                          sqlite3_column_type (stmt, 6) == SQLITE_NULL ? ATTRIB_TIME_MAX
                                                                                      : sqlite3_column_int64 (stmt, 6));
      _attrib_store_leaf_hash (sqlite3_column_blob (stmt, 2), appended, edited, strlen (edited), decision, leaf);
    }
    sqlite3_finalize (stmt);
    assert_int_equal (sqlite3_prepare_v2 (db, "UPDATE log SET record = ?, leaf = ? WHERE position = 6", -1, &stmt, NULL),
                      SQLITE_OK);
    sqlite3_bind_text (stmt, 1, edited, -1, SQLITE_STATIC);
    sqlite3_bind_blob (stmt, 2, leaf, sizeof leaf, SQLITE_STATIC);
    assert_int_equal (sqlite3_step (stmt), SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    store = attrib_store_open (copy, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
    assert_non_null (store);
    assert_false (attrib_store_verify (store, NULL, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    assert_non_null (strstr (error->message, "events 6 to 7"));
    g_clear_error (&error);
  }

  /* a removed event in the middle */
  assert_true (FRESH ());
  sql (copy, untrigger);
  sql (copy, "DELETE FROM log WHERE position = 9");
  expect_verify_error (copy, "position 9");

  /* two events swapped, leaves and all */
  assert_true (FRESH ());
  sql (copy, untrigger);
  sql (copy, "UPDATE log SET position = -1 WHERE position = 4; UPDATE log SET position = 4 WHERE position = 5;"
             "UPDATE log SET position = 5 WHERE position = -1;");
  expect_verify_error (copy, "does not match");

  /* an event inserted (the later ones moved up one) */
  assert_true (FRESH ());
  sql (copy, untrigger);
  sql (copy, "UPDATE log SET position = position + 1000 WHERE position >= 12;"
             "UPDATE log SET position = position - 999 WHERE position >= 1000;"
             "INSERT INTO log SELECT 12, appended, salt, replace (record, '\"e3\"', '\"x3\"'), leaf, NULL, NULL, NULL, NULL FROM log WHERE position = 3;");
  expect_verify_error (copy, "position 12");

  /* the whole log rewritten, hashes and all, with one event more in the
   * middle: it verifies on its own, never against a head the developer
   * signed before */
  {
    g_autoptr(AttribStore) honest = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
    g_autoptr(AttribTreeHead) held = attrib_store_get_tree_head (honest, 15, &error);
    g_autofree char *forged_path = g_build_filename (f->dir, "forged.attrib", NULL);
    g_autoptr(AttribStore) forged = new_store (forged_path, "joint-agency");
    guint i;

    for (i = 0; i < 21; i++)
      {
        g_autoptr(AttribEvent) ev = i == 7 ? report ("inserted", "2024-03-01T01:50:00+08:00", "13800130005", "x/y")
                                           : nth_event (i < 7 ? i : i - 1);
        g_autoptr(AttribReceipt) r = append (forged, ev);
      }
    assert_true (attrib_store_verify (forged, NULL, &error));
    /* a store made anew is another log */
    assert_false (attrib_store_verify (forged, held, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    assert_non_null (strstr (error->message, "two logs"));
    g_clear_error (&error);
    /* and one given the honest log's id does not extend it */
    g_clear_object (&forged);
    {
      g_autofree char *adopt = g_strdup_printf ("DROP TRIGGER meta_kept; UPDATE meta SET value = '%s' WHERE key = 'log';",
                                                attrib_tree_head_get_log (held));

      sql (forged_path, adopt);
    }
    forged = attrib_store_open (forged_path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
    assert_non_null (forged);
    assert_false (attrib_store_verify (forged, held, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    assert_non_null (strstr (error->message, "does not extend"));
    g_clear_error (&error);
    /* nor an honest one with events removed at the end */
    {
      g_autoptr(AttribTreeHead) later = attrib_store_get_tree_head (honest, 0, &error);
      g_autofree char *short_path = g_build_filename (f->dir, "short.attrib", NULL);
      g_autoptr(AttribStore) shorter = new_store (short_path, "joint-agency");

      for (i = 0; i < 18; i++)
        {
          g_autoptr(AttribEvent) ev = nth_event (i);
          g_autoptr(AttribReceipt) r = append (shorter, ev);
        }
      g_clear_object (&shorter);
      {
        g_autofree char *adopt = g_strdup_printf ("DROP TRIGGER meta_kept; UPDATE meta SET value = '%s' WHERE key = 'log';",
                                                  attrib_tree_head_get_log (held));

        sql (short_path, adopt);
      }
      shorter = attrib_store_open (short_path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
      assert_false (attrib_store_verify (shorter, later, &error));
      assert_non_null (strstr (error->message, "removed"));
      g_clear_error (&error);
    }
    assert_true (attrib_store_verify (honest, held, &error));
  }
#undef FRESH
}


/* ---- what a red team found (docs/live.md, "The store") ---- */

static void
test_red_team (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.attrib", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo", NULL);
  guint i;

  /* another open of the file in the writer's process, then a plain SQLite
   * client in another process: the writer's locks must hold, or that
   * client checkpoints and deletes the WAL under the writer and
   * acknowledged events vanish */
  {
    g_autoptr(AttribStore) writer = new_store (f->path, "joint-agency");
    pid_t child;
    int status = 0;

    for (i = 0; i < 3; i++)
      {
        g_autoptr(AttribEvent) ev = nth_event (i);
        g_autoptr(AttribReceipt) r = append (writer, ev);
      }
    {
      g_autoptr(AttribStore) reader = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
      g_autoptr(AttribStore) second = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);

      assert_non_null (reader);
      assert_null (second);
      assert_int_equal (error->code, ATTRIB_ERROR_BUSY);
      g_clear_error (&error);
    }
    child = fork ();
    if (child == 0)
      {
        sqlite3 *db = NULL;

        if (sqlite3_open (f->path, &db) == SQLITE_OK)
          sqlite3_exec (db, "SELECT count(*) FROM log", NULL, NULL, NULL);
        sqlite3_close (db);
        _exit (0);
      }
    assert_int_equal (waitpid (child, &status, 0), child);
    for (i = 3; i < 6; i++)
      {
        g_autoptr(AttribEvent) ev = nth_event (i);
        g_autoptr(AttribReceipt) r = append (writer, ev);
      }
    /* a reader beside the writer verifies the log it opened, whatever the
     * writer appends after */
    {
      g_autoptr(AttribStore) reader = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
      g_autoptr(AttribEvent) ev = nth_event (6);
      g_autoptr(AttribReceipt) r = append (writer, ev);

      assert_int_equal (attrib_store_get_size (reader), 6);
      assert_true (attrib_store_verify (reader, NULL, &error));
    }
  }
  {
    g_autoptr(AttribStore) again = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);

    assert_null (error);
    assert_int_equal (attrib_store_get_size (again), 7);
  }

  /* damage a store's header and side tables: an error, never a crash */
  {
    g_autofree char *contents = NULL;
    gsize length;

    assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
#define DAMAGED(statements, words)                                   \
    do {                                                             \
      assert_true (g_file_set_contents (copy, contents, length, NULL)); \
      sql (copy, "DROP TRIGGER plans_kept; DROP TRIGGER plans_kept_d; DROP TRIGGER meta_kept;" \
                 "DROP TRIGGER meta_kept_d; DROP TRIGGER periods_kept_d;" statements); \
      expect_open_error (copy, ATTRIB_ERROR_CORRUPT, words);         \
    } while (0)
    DAMAGED ("ALTER TABLE plans RENAME TO p; CREATE TABLE plans (position INTEGER PRIMARY KEY, plan TEXT);"
             "INSERT INTO plans VALUES (1, NULL);", "plan");
    DAMAGED ("UPDATE meta SET value = 'HASHED' WHERE key = 'phones';", "phones");
    DAMAGED ("INSERT INTO periods VALUES ('2024-02\xff', 0, 0, zeroblob (32));", "closed period");
    DAMAGED ("INSERT INTO periods VALUES ('2024-02-31', 0, 0, zeroblob (32));", "closed period");
    DAMAGED ("DROP TABLE nodes;", "damaged");
#undef DAMAGED
  }

  /* a header that says hashed over records that hold phones */
  {
    g_autoptr(GBytes) key = g_bytes_new_static ("a phone key of some length", 26);
    g_autofree char *plain = g_build_filename (f->dir, "plain.attrib", NULL);
    g_autoptr(AttribStore) store = NULL;

    build_log (plain, 3);
    sql (plain, "DROP TRIGGER meta_kept; DROP TRIGGER meta_kept_d; UPDATE meta SET value = 'hashed' "
                "WHERE key = 'phones'; INSERT INTO meta VALUES ('phone_key_id', 'x');");
    store = attrib_store_open (plain, ATTRIB_STORE_FLAGS_READ_ONLY, key, &error);
    assert_null (store);
    assert_int_equal (error->code, ATTRIB_ERROR_INVALID_KEY);
    g_clear_error (&error);
    /* without the key too: the records hold phones a hashed store never has */
    store = attrib_store_open (plain, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
    assert_null (store);
    assert_int_equal (error->code, ATTRIB_ERROR_CORRUPT);
    assert_null (strstr (error->message, "1380013"));
    g_clear_error (&error);
  }

  /* a closed period on a log since cut short */
  {
    g_autofree char *cut = g_build_filename (f->dir, "cut.attrib", NULL);
    g_autoptr(AttribStore) store = NULL;

    build_log (cut, 8);
    sql (cut, "INSERT INTO periods SELECT '2024-02', 0, 8, hash FROM nodes WHERE id = (3 << 56);"
              "DROP TRIGGER log_kept_d; DELETE FROM log WHERE position >= 5;");
    store = attrib_store_open (cut, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, &error);
    assert_non_null (store);
    assert_false (attrib_store_verify (store, NULL, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    g_clear_error (&error);
  }

  /* a FIFO is neither a store nor a file of events: refused at once */
  assert_int_equal (mkfifo (fifo, 0600), 0);
  expect_open_error (fifo, ATTRIB_ERROR_NOT_A_STORE, "regular file");
  {
    g_autoptr(AttribStore) store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
    g_autoptr(GFile) file = g_file_new_for_path (fifo);

    assert_false (attrib_store_import_file (store, file, NULL, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_INVALID_FILE);
    g_clear_error (&error);
  }
}

static void
test_decision_fixed (void **state)
{
  Fixture *f = *state;
  g_autoptr(AttribStore) store = new_store (f->path, "joint-agency");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribEvent) a = report ("A", "2024-03-10T10:00:00+08:00", "13800138000", "lianjia/zhang");
  g_autoptr(AttribEvent) b = report ("B", "2024-03-09T10:00:00+08:00", "13800138000", "5i5j/liu");
  g_autoptr(AttribReceipt) ra = append (store, a);
  g_autoptr(AttribReceipt) rb = append (store, b);
  g_autoptr(AttribReceipt) again = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *json = NULL;
  char *p;

  /* B, dated before A but filed after it, takes the customer (the engine
   * follows the reports' times); A's receipt still says what the log said
   * when A was filed, however often it is issued again */
  assert_true (attrib_receipt_get_accepted (ra));
  again = attrib_store_get_receipt (store, 0, &error);
  first = attrib_receipt_to_json (ra);
  second = attrib_receipt_to_json (again);
  assert_string_equal (first, second);
  g_clear_object (&store);
  store = attrib_store_open (f->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  g_clear_pointer (&again, attrib_receipt_unref);
  again = attrib_store_get_receipt (store, 0, &error);
  g_free (second);
  second = attrib_receipt_to_json (again);
  assert_string_equal (first, second);

  /* a receipt naming another event than its record's */
  json = g_strdup (first);
  p = strstr (json, "\"event\":\"A\"");
  assert_non_null (p);
  p[9] = 'B';
  assert_null (attrib_receipt_new_from_json (json, -1, &error));
  g_clear_error (&error);
  /* a head other than the receipt's, without a proof, shows nothing */
  {
    g_autoptr(AttribTreeHead) now = attrib_store_get_tree_head (store, 0, &error);

    assert_false (attrib_receipt_verify (ra, NULL, NULL, now, &error));
    assert_int_equal (error->code, ATTRIB_ERROR_VERIFY);
    g_clear_error (&error);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_receipts_and_proofs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refused_never_written, setup, teardown),
    cmocka_unit_test_setup_teardown (test_import_resumes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_closed_period, setup, teardown),
    cmocka_unit_test_setup_teardown (test_hashed_phones, setup, teardown),
    cmocka_unit_test_setup_teardown (test_bad_files, setup, teardown),
    cmocka_unit_test_setup_teardown (test_full_disk, setup, teardown),
    cmocka_unit_test_setup_teardown (test_tampering, setup, teardown),
    cmocka_unit_test_setup_teardown (test_red_team, setup, teardown),
    cmocka_unit_test_setup_teardown (test_decision_fixed, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}

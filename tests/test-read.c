/* test-read.c: every file is read with a bound (attrib-read-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Whatever a file is — a device that never ends (/dev/zero), a FIFO fed
 * without end, a /proc file that says it is empty, a regular file — each
 * of the library's file readers stops as soon as more than the input
 * limit has been read, with ATTRIB_ERROR_LIMIT naming the file; a read
 * that fails names the file too. The limit is lowered to 64 KiB here
 * (_attrib_read_set_input_limit_for_tests()) so that no test reads a
 * gibibyte; tests/cli/test-cli-reads.py checks the real one through the
 * attrib tool.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <attrib/attrib.h>

#include "attrib-read-private.h"

#define LIMIT ((gsize) 64 * 1024)

typedef struct
{
  char *dir;
  char *fifo;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = g_dir_make_tmp ("test-read-XXXXXX", NULL);
  assert_non_null (f->dir);
  f->fifo = g_build_filename (f->dir, "events.json", NULL);
  _attrib_read_set_input_limit_for_tests (LIMIT);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  GDir *d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);

      g_unlink (p);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (f->dir);
  _attrib_read_set_input_limit_for_tests (0);
  g_free (f->fifo);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* What a writer thread puts into a FIFO: @data once, or, if @data is
 * NULL, spaces until the reader goes away. */
typedef struct
{
  const char *path;
  const char *data;
  gsize length;
  gsize written;
} Writer;

static gpointer
write_fifo (gpointer user_data)
{
  Writer *w = user_data;
  char spaces[4096];
  int fd = g_open (w->path, O_WRONLY | O_CLOEXEC, 0);

  memset (spaces, ' ', sizeof spaces);
  if (fd < 0)
    return NULL;
  for (;;)
    {
      const char *from = w->data != NULL ? w->data + w->written : spaces;
      gsize want = w->data != NULL ? w->length - w->written : sizeof spaces;
      ssize_t n;

      if (want == 0)
        break;
      n = write (fd, from, want);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;               /* EPIPE: the reader stopped */
      w->written += (gsize) n;
    }
  close (fd);
  return NULL;
}

/* Loads @file with each of the library's file readers: each must fail
 * with @code and a message starting with @message. */
static void
expect_every_reader (GFile      *file,
                     int         code,
                     const char *message)
{
  guint which;

  for (which = 0; which < 6; which++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = FALSE;

      switch (which)
        {
        case 0:
          {
            g_autoptr(AttribLedger) ledger = attrib_ledger_new ();

            ok = attrib_ledger_load_file (ledger, file, NULL, &error);
            break;
          }
        case 1:
          {
            g_autoptr(AttribProfile) profile = NULL;
            g_autoptr(AttribLedger) ledger = NULL;

            ok = attrib_scenario_load (file, NULL, &profile, &ledger, &error);
            break;
          }
        case 2:
          {
            g_autoptr(GPtrArray) plans = attrib_scenario_load_plans (file, NULL, &error);

            ok = plans != NULL;
            break;
          }
        case 3:
          {
            g_autoptr(AttribProfile) profile = attrib_profile_new_from_file (file, NULL, &error);

            ok = profile != NULL;
            break;
          }
        case 4:
          {
            g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_file (file, NULL, &error);

            ok = plan != NULL;
            break;
          }
        default:
          {
            g_autoptr(AttribAudit) audit = attrib_audit_new ();

            ok = attrib_audit_run_file (audit, file, NULL, &error);
            break;
          }
        }
      assert_false (ok);
      assert_non_null (error);
      if (!g_error_matches (error, ATTRIB_ERROR, code) || !g_str_has_prefix (error->message, message))
        fail_msg ("reader %u: %s (%d), expected %s…", which, error->message, error->code, message);
    }
}

/* /dev/zero never ends: each reader stops past the limit, naming it. */
static void
test_dev_zero (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");

  (void) state;
  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    skip ();
  expect_every_reader (file, ATTRIB_ERROR_LIMIT,
                       "/dev/zero: the input is more than the limit of 64 KiB (reading stopped there)");
}

/* A FIFO fed without end, through every reader in turn. */
static void
test_fifo_endless (void **state)
{
  Fixture *f = *state;
  g_autoptr(GFile) file = g_file_new_for_path (f->fifo);
  g_autofree char *message = g_strdup_printf ("%s: the input is more than the limit of 64 KiB (reading stopped there)",
                                              f->fifo);
  guint which;

  assert_int_equal (mkfifo (f->fifo, 0600), 0);
  for (which = 0; which < 2; which++)
    {
      Writer w = { f->fifo, NULL, 0, 0 };
      GThread *thread = g_thread_new ("writer", write_fifo, &w);
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(AttribCommissionPlan) plan = NULL;
      g_autoptr(GError) error = NULL;

      if (which == 0)
        assert_false (attrib_ledger_load_file (ledger, file, NULL, &error));
      else
        assert_null (plan = attrib_commission_plan_new_from_file (file, NULL, &error));
      g_thread_join (thread);
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
      assert_string_equal (error->message, message);
      /* the writer did send more than the limit */
      assert_true (w.written > LIMIT);
    }
}

/* Through a FIFO, an input of exactly the limit is read; one byte more
 * is refused. */
static void
test_fifo_at_limit (void **state)
{
  Fixture *f = *state;
  g_autoptr(GFile) file = g_file_new_for_path (f->fifo);
  gsize extra;

  assert_int_equal (mkfifo (f->fifo, 0600), 0);
  for (extra = 0; extra < 2; extra++)
    {
      g_autofree char *data = g_malloc (LIMIT + extra);
      Writer w = { f->fifo, data, LIMIT + extra, 0 };
      GThread *thread;
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GError) error = NULL;
      gboolean ok;

      /* an empty array of events, padded with spaces */
      memset (data, ' ', LIMIT + extra);
      data[0] = '[';
      data[LIMIT + extra - 1] = ']';
      thread = g_thread_new ("writer", write_fifo, &w);
      ok = attrib_ledger_load_file (ledger, file, NULL, &error);
      g_thread_join (thread);
      if (extra == 0)
        {
          assert_true (ok);
          assert_null (error);
        }
      else
        {
          assert_false (ok);
          assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
        }
    }
}

/* A regular file over the limit is refused by its size, before it is
 * read, with the message of load_data() for data over the limit; one of
 * exactly the limit is read. */
static void
test_regular_file (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = g_build_filename (f->dir, "big.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = g_strdup_printf ("%s: the input is %" G_GSIZE_FORMAT " bytes, more than the limit of 64 KiB",
                                              path, LIMIT + 1);
  g_autofree char *data = g_malloc (LIMIT + 1);

  memset (data, ' ', LIMIT + 1);
  data[0] = '[';
  data[LIMIT] = ']';
  assert_true (g_file_set_contents (path, data, LIMIT + 1, NULL));
  expect_every_reader (file, ATTRIB_ERROR_LIMIT, message);

  data[LIMIT - 1] = ']';
  assert_true (g_file_set_contents (path, data, LIMIT, NULL));
  {
    g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
    g_autoptr(GError) error = NULL;

    assert_true (attrib_ledger_load_file (ledger, file, NULL, &error));
    assert_null (error);
  }
}

/* A /proc file says it is empty, and is not: it is read to its end (and
 * is no JSON). */
static void
test_proc_file (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/status");
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  (void) state;
  if (!g_file_test ("/proc/self/status", G_FILE_TEST_IS_REGULAR))
    skip ();
  assert_true (_attrib_read_input (file, NULL, &contents, &length, &error));
  assert_true (length > 0);
  assert_int_equal (strlen (contents), length);
  assert_true (g_str_has_prefix (contents, "Name:"));
  assert_false (attrib_ledger_load_file (ledger, file, NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE));
  assert_true (g_str_has_prefix (error->message, "/proc/self/status:1:1: "));
}

/* A read that fails names the file (GIO's own message does not: "Error
 * reading from file: Input/output error"). /proc/self/mem opens, and
 * reading its first page, never mapped, fails. */
static void
test_read_error (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/mem");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  (void) state;
  if (!g_file_test ("/proc/self/mem", G_FILE_TEST_EXISTS))
    skip ();
  assert_false (_attrib_read_input (file, NULL, &contents, &length, &error));
  assert_null (contents);
  assert_non_null (error);
  if (!g_str_has_prefix (error->message, "/proc/self/mem: ") &&
      !g_str_has_prefix (error->message, "Error opening file /proc/self/mem"))
    fail_msg ("%s", error->message);
}

/* Another bound (a key's, in the tool): its own limit, in its message. */
static void
test_other_limit (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  (void) state;
  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    skip ();
  assert_false (_attrib_read_file (file, 4096, NULL, &contents, &length, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
  assert_string_equal (error->message, "/dev/zero: the input is more than the limit of 4 KiB (reading stopped there)");
  g_clear_error (&error);
  assert_false (_attrib_read_file (file, 100, NULL, &contents, &length, &error));
  assert_string_equal (error->message, "/dev/zero: the input is more than the limit of 100 bytes (reading stopped there)");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_dev_zero, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fifo_endless, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fifo_at_limit, setup, teardown),
    cmocka_unit_test_setup_teardown (test_regular_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_proc_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_read_error, setup, teardown),
    cmocka_unit_test_setup_teardown (test_other_limit, setup, teardown),
  };

  /* a writer whose reader stopped gets EPIPE, not a signal */
  signal (SIGPIPE, SIG_IGN);
  return cmocka_run_group_tests (tests, NULL, NULL);
}

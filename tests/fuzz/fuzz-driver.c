/* fuzz-driver.c: a fuzz target's inputs, run once each, as a test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Without libFuzzer (-Dfuzzing=false, the default) every target of
 * tests/fuzz is linked with this main(). It hands each file named on the
 * command line, and each file under each folder named there (recursively,
 * names in byte order, dot files left out), to LLVMFuzzerTestOneInput()
 * once, so that `meson test --suite fuzz` replays the checked-in corpora
 * with any compiler, under valgrind or under the sanitizers. A crash, a
 * failed check or a GLib warning aborts it: the input last named on
 * stderr is the one to look at.
 *
 * Options of libFuzzer (arguments starting with ‘-’) are ignored, so the
 * same command line works with both builds.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds @path, or the files under it, to @inputs; FALSE if it is neither
 * a file nor a folder. */
static gboolean
collect (const char *path,
         GPtrArray  *inputs)
{
  g_autoptr(GPtrArray) names = NULL;
  GDir *dir;
  const char *name;
  guint i;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return FALSE;
      g_ptr_array_add (inputs, g_strdup (path));
      return TRUE;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);

  for (i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (!collect (child, inputs))
        return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  guint i;
  int a;

  for (a = 1; a < argc; a++)
    {
      if (argv[a][0] == '-')
        continue;
      if (!collect (argv[a], inputs))
        {
          fprintf (stderr, "%s: %s is neither a file nor a folder\n", argv[0], argv[a]);
          return 1;
        }
    }
  if (inputs->len == 0)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER…\n(no inputs: a corpus is missing or empty)\n", argv[0]);
      return 1;
    }

  for (i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      g_autofree char *contents = NULL;
      g_autofree uint8_t *exact = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          fprintf (stderr, "%s: %s\n", argv[0], error->message);
          return 1;
        }
      /* a buffer of exactly the input's size, as libFuzzer gives it, so
       * that the sanitizers see a read past its end */
      exact = g_malloc (length > 0 ? length : 1);
      memcpy (exact, contents, length);
      fprintf (stderr, "running %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
      LLVMFuzzerTestOneInput (exact, length);
    }
  printf ("%u inputs ran\n", inputs->len);
  return 0;
}

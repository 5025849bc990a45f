/* attrib-read.c: reading a whole file, with a bound
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * g_file_load_contents() reads until the end of the file, however far
 * away: /dev/zero never ends (it grew to 4 GiB and failed with an error
 * that named no file), and a pipe of more than the input limit was all in
 * memory before the size was checked. Here the limit is checked as the
 * bytes arrive (attrib-read-private.h).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-limits-private.h"
#include "attrib-read-private.h"

/* What is asked of the stream at first when its size is not known (a
 * pipe, a device, a /proc file, which says it is empty); the buffer
 * doubles from there, up to the limit and one byte. */
#define FIRST_CHUNK ((gsize) 64 * 1024)

static gsize input_limit_for_tests;

void
_attrib_read_set_input_limit_for_tests (gsize limit)
{
  input_limit_for_tests = limit;
}

/* "1 GiB", "4 KiB", "100 bytes": a limit as the messages say it. */
static char *
format_limit (gsize limit)
{
  if (limit >= ((gsize) 1 << 30) && limit % ((gsize) 1 << 30) == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " GiB", limit >> 30);
  if (limit >= ((gsize) 1 << 20) && limit % ((gsize) 1 << 20) == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " MiB", limit >> 20);
  if (limit >= ((gsize) 1 << 10) && limit % ((gsize) 1 << 10) == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " KiB", limit >> 10);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu byte", "%zu bytes", limit), limit);
}

gboolean
_attrib_read_file (GFile         *file,
                   gsize          limit,
                   GCancellable  *cancellable,
                   char         **out_contents,
                   gsize         *out_length,
                   GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  GError *inner = NULL;
  gsize length = 0, size;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (limit < G_MAXSIZE - 1, FALSE);
  g_return_val_if_fail (out_contents != NULL && out_length != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GIO's message of a file that cannot be opened names it already */
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  name = g_file_get_parse_name (file);

  /* a regular file says how big it is: refused before it is read if
   * too big, read in one buffer if not (it may still grow meanwhile) */
  size = FIRST_CHUNK;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      guint64 reported = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_STANDARD_SIZE);

      if (reported > limit)
        {
          g_autofree char *bound = format_limit (limit);

          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("%s: the input is %llu bytes, more than the limit of %s"),
                       name, (unsigned long long) reported, bound);
          return FALSE;
        }
      if (reported > 0)
        size = (gsize) reported + 1;
    }
  size = MIN (size, limit + 1);
  data = g_malloc (size + 1);

  for (;;)
    {
      gssize n;

      if (length == size)
        {
          if (size == limit + 1)
            {
              g_autofree char *bound = format_limit (limit);

              g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                           _("%s: the input is more than the limit of %s (reading stopped there)"), name, bound);
              return FALSE;
            }
          size = size > (limit + 1) / 2 ? limit + 1 : MIN (MAX (size * 2, FIRST_CHUNK), limit + 1);
          data = g_realloc (data, size + 1);
        }
      n = g_input_stream_read (G_INPUT_STREAM (stream), data + length, MIN (size - length, (gsize) G_MAXSSIZE),
                               cancellable, &inner);
      if (n < 0)
        {
          /* GIO's message of a failed read names no file */
          g_prefix_error (&inner, "%s: ", name);
          g_propagate_error (error, inner);
          return FALSE;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }
  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, &inner))
    {
      g_prefix_error (&inner, "%s: ", name);
      g_propagate_error (error, inner);
      return FALSE;
    }
  data[length] = '\0';
  *out_contents = g_steal_pointer (&data);
  *out_length = length;
  return TRUE;
}

gboolean
_attrib_read_input (GFile         *file,
                    GCancellable  *cancellable,
                    char         **out_contents,
                    gsize         *out_length,
                    GError       **error)
{
  gsize limit = input_limit_for_tests != 0 ? input_limit_for_tests : ATTRIB_LIMIT_INPUT_BYTES;

  return _attrib_read_file (file, limit, cancellable, out_contents, out_length, error);
}

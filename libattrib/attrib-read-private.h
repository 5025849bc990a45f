/* attrib-read-private.h: reading a whole file, with a bound
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every file libattrib and the attrib tool read into memory (scenarios,
 * events as JSON or CSV, profiles, plans, audit scenarios, keys, receipts)
 * is read here, whatever it is: a regular file, a pipe, a FIFO, a device
 * such as /dev/zero, a /proc file, a file growing while it is read. No
 * more than the limit plus one byte is ever held: past the limit the read
 * stops with ATTRIB_ERROR_LIMIT, and every error names the file. The tool
 * compiles this file in as well (tools/meson.build), so that its key and
 * receipt files go through the same reader.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @file whole into *@out_contents (NUL-terminated, free with
 * g_free()) and *@out_length. A regular file larger than @limit is
 * refused before a byte is read; anything else is read up to @limit
 * bytes, and refused as soon as one more arrives. */
gboolean _attrib_read_file              (GFile         *file,
                                         gsize          limit,
                                         GCancellable  *cancellable,
                                         char         **out_contents,
                                         gsize         *out_length,
                                         GError       **error);

/* _attrib_read_file() with the size limit of an input text,
 * ATTRIB_LIMIT_INPUT_BYTES (1 GiB). */
gboolean _attrib_read_input             (GFile         *file,
                                         GCancellable  *cancellable,
                                         char         **out_contents,
                                         gsize         *out_length,
                                         GError       **error);

/* For tests only: the limit _attrib_read_input() applies instead of
 * ATTRIB_LIMIT_INPUT_BYTES (0 puts it back), so that a test of an endless
 * pipe or device need not read a gibibyte. Not thread-safe: set it before
 * reading. */
void     _attrib_read_set_input_limit_for_tests (gsize limit);

G_END_DECLS

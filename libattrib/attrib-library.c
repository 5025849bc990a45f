/* attrib-library.c: the version of the library the program runs with
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <attrib/attrib.h>

/**
 * attrib_get_major_version:
 *
 * The major version of the libattrib the program runs with, which may
 * differ from the headers it was compiled against
 * (%ATTRIB_MAJOR_VERSION).
 *
 * Returns: the major version
 */
guint
attrib_get_major_version (void)
{
  return ATTRIB_MAJOR_VERSION;
}

/**
 * attrib_get_minor_version:
 *
 * The minor version of the libattrib the program runs with.
 *
 * Returns: the minor version
 */
guint
attrib_get_minor_version (void)
{
  return ATTRIB_MINOR_VERSION;
}

/**
 * attrib_get_micro_version:
 *
 * The micro version of the libattrib the program runs with.
 *
 * Returns: the micro version
 */
guint
attrib_get_micro_version (void)
{
  return ATTRIB_MICRO_VERSION;
}

/**
 * attrib_check_version:
 * @required_major: the major version required
 * @required_minor: the minor version required
 * @required_micro: the micro version required
 *
 * Checks at run time that the library is compatible with the given
 * version: the same major version, and at least the minor and micro
 * version. (The macro ATTRIB_CHECK_VERSION() checks the headers at
 * compile time.)
 *
 * Returns: (nullable): %NULL if compatible, otherwise a message saying
 *   why not, owned by the library
 */
const char *
attrib_check_version (guint required_major,
                      guint required_minor,
                      guint required_micro)
{
  guint major = attrib_get_major_version ();
  guint minor = attrib_get_minor_version ();
  guint micro = attrib_get_micro_version ();

  if (required_major != major)
    return required_major > major ? "libattrib is too old (major mismatch)" : "libattrib is too new (major mismatch)";
  if (required_minor > minor)
    return "libattrib is too old (minor mismatch)";
  if (required_minor == minor && required_micro > micro)
    return "libattrib is too old (micro mismatch)";
  return NULL;
}

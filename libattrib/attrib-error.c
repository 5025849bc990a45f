/* attrib-error.c: the libattrib error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-util-private.h"

/**
 * attrib_error_quark:
 *
 * The quark of the %ATTRIB_ERROR domain.
 *
 * Returns: the error domain
 */
GQuark
attrib_error_quark (void)
{
  /* not G_DEFINE_QUARK: its unsynchronised static is a data race when
   * two threads raise the first error at once (ThreadSanitizer, test-live) */
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("attrib-error-quark"));
  return (GQuark) quark;
}

void
_attrib_bind_textdomain (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const char *dir = g_getenv ("ATTRIB_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&once, 1);
    }
}

/* attrib-store-private.h: the store's database, for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sqlite3.h>

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* The store's own connection: tests limit its size to play a full disk. */
sqlite3 *_attrib_store_get_db (AttribStore *self);

G_END_DECLS

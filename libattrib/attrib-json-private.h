/* attrib-json-private.h: a strict JSON reader that remembers positions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Scenario, profile and plan files must report bad values as
 * file:line:column, including values that are well-formed JSON but wrong
 * for the format (a malformed phone, an unknown key). json-glib keeps no
 * positions on its nodes, so libattrib reads JSON itself: RFC 8259
 * strictly, into an arena-allocated tree whose every value and member key
 * carries its line and column.
 */

#pragma once

#include <glib.h>

#include "attrib-limits-private.h"

G_BEGIN_DECLS

/* Documented limits (docs/reliability.md). */
#define ATTRIB_JSON_MAX_DEPTH ATTRIB_LIMIT_JSON_DEPTH

typedef enum {
  ATTRIB_JSON_NULL,
  ATTRIB_JSON_BOOLEAN,
  ATTRIB_JSON_NUMBER,
  ATTRIB_JSON_STRING,
  ATTRIB_JSON_ARRAY,
  ATTRIB_JSON_OBJECT,
} AttribJsonKind;

typedef struct _AttribJsonNode AttribJsonNode;
typedef struct _AttribJsonMember AttribJsonMember;
typedef struct _AttribJsonDocument AttribJsonDocument;

struct _AttribJsonMember
{
  const char *key;           /* NUL-terminated, valid UTF-8 */
  guint line;                /* position of the key's opening quote */
  guint column;
  AttribJsonNode *value;
};

struct _AttribJsonNode
{
  AttribJsonKind kind;
  guint line;                /* 1-based line of the value's first character */
  guint column;              /* 1-based column, counted in characters */
  union {
    gboolean boolean;
    const char *number;      /* the literal as written, valid RFC 8259 */
    struct {
      const char *str;       /* NUL-terminated, valid UTF-8, no U+0000 */
      gsize len;             /* bytes, without the NUL */
    } string;
    struct {
      AttribJsonNode **items;
      guint n_items;
    } array;
    struct {
      AttribJsonMember *members; /* in file order; keys are unique */
      guint n_members;
    } object;
  };
};

AttribJsonDocument   *_attrib_json_parse            (const char          *data,
                                                     gsize                length,
                                                     const char          *filename,
                                                     GError             **error);
AttribJsonDocument   *_attrib_json_parse_at         (const char          *data,
                                                     gsize                length,
                                                     const char          *filename,
                                                     guint                first_line,
                                                     GError             **error);
void                  _attrib_json_document_free    (AttribJsonDocument  *doc);
AttribJsonNode       *_attrib_json_document_get_root (AttribJsonDocument *doc);
const char           *_attrib_json_document_get_filename (AttribJsonDocument *doc);

const char           *_attrib_json_kind_to_string   (AttribJsonKind       kind);
AttribJsonNode       *_attrib_json_object_get       (const AttribJsonNode *object,
                                                     const char          *key);
const AttribJsonMember *_attrib_json_object_get_member (const AttribJsonNode *object,
                                                     const char          *key);
gboolean              _attrib_json_number_get_int64 (const AttribJsonNode *node,
                                                     gint64              *out_value);

void                  _attrib_json_append_string    (GString             *out,
                                                     const char          *str);

/* Sets an ATTRIB_ERROR_INVALID_FILE error "FILE:LINE:COLUMN: message" at
 * @node; returns FALSE for `return _attrib_json_fail_at (…);`. */
gboolean              _attrib_json_fail_at          (GError             **error,
                                                     const char          *filename,
                                                     const AttribJsonNode *node,
                                                     const char          *format,
                                                     ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribJsonDocument, _attrib_json_document_free)

G_END_DECLS

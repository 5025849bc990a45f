/* attrib-receipt.c: what a store gives back for an event, and its proofs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-json-private.h"
#include "attrib-receipt-private.h"
#include "attrib-sha256-private.h"

#define RECEIPT_FORMAT 1

static const char receipt_domain[] = "attrib.receipt.v1";

void
_attrib_store_leaf_hash (const guint8      salt[ATTRIB_SALT_SIZE],
                         gint64            appended,
                         const char       *record,
                         gsize             length,
                         const char       *decision,
                         AttribMerkleHash  out)
{
  static const char prefix = 0x00;
  guint64 t = (guint64) appended;
  char be[12];
  AttribSha256 sha;
  int i;

  for (i = 0; i < 8; i++)
    be[i] = (char) (t >> (56 - 8 * i));
  for (i = 0; i < 4; i++)
    be[8 + i] = (char) ((guint32) length >> (24 - 8 * i));
  _attrib_sha256_init (&sha);
  _attrib_sha256_update (&sha, &prefix, 1);
  _attrib_sha256_update (&sha, (const char *) salt, ATTRIB_SALT_SIZE);
  _attrib_sha256_update (&sha, be, sizeof be);
  _attrib_sha256_update (&sha, record, length);
  if (decision != NULL)
    _attrib_sha256_update (&sha, decision, strlen (decision));
  _attrib_sha256_digest (&sha, out);
}

/* A report's decision as its leaf covers it and its receipt shows it. */
char *
_attrib_decision_text (gboolean    accepted,
                       const char *reason,
                       const char *holder,
                       AttribTime  until)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "\"accepted\":%s", accepted ? "true" : "false");
  if (reason != NULL)
    {
      g_string_append (out, ",\"reason\":");
      _attrib_json_append_string (out, reason);
    }
  if (holder != NULL)
    {
      g_string_append (out, ",\"holder\":");
      _attrib_json_append_string (out, holder);
    }
  if (until != ATTRIB_TIME_MAX)
    g_string_append_printf (out, ",\"until\":%" PRId64, until);
  return g_string_free (out, FALSE);
}

char *
_attrib_hex_encode (const guint8 *data,
                    gsize         length)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (2 * length + 1);
  gsize i;

  for (i = 0; i < length; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 15];
    }
  out[2 * length] = '\0';
  return out;
}

/* Exactly 2 × @length lowercase or uppercase hex digits. */
gboolean
_attrib_hex_decode (const char *text,
                    guint8     *out,
                    gsize       length)
{
  gsize i;

  if (text == NULL || strlen (text) != 2 * length)
    return FALSE;
  for (i = 0; i < length; i++)
    {
      int hi = g_ascii_xdigit_value (text[2 * i]);
      int lo = g_ascii_xdigit_value (text[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         length)
{
  g_autofree char *hex = _attrib_hex_encode (data, length);

  g_string_append_c (out, '"');
  g_string_append (out, hex);
  g_string_append_c (out, '"');
}

/* ---- reading the JSON forms back ---- */

typedef struct
{
  const char *what;          /* "receipt", "proof", "tree head" */
  GError **error;
} Reader;

static gboolean
fail (Reader               *r,
      const AttribJsonNode *node,
      const char           *key,
      const char           *problem)
{
  if (key != NULL)
    g_set_error (r->error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("%u:%u: %s: “%s”: %s"),
                 node->line, node->column, r->what, key, problem);
  else
    g_set_error (r->error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("%u:%u: %s: %s"),
                 node->line, node->column, r->what, problem);
  return FALSE;
}

static const AttribJsonNode *
member (Reader               *r,
        const AttribJsonNode *object,
        const char           *key,
        AttribJsonKind        kind,
        gboolean              optional)
{
  const AttribJsonNode *v = _attrib_json_object_get (object, key);

  if (v == NULL)
    {
      if (!optional)
        fail (r, object, key, _("missing"));
      return NULL;
    }
  if (v->kind != kind)
    {
      g_autofree char *problem = g_strdup_printf (_("expected %s, found %s"), _attrib_json_kind_to_string (kind),
                                                  _attrib_json_kind_to_string (v->kind));

      fail (r, v, key, problem);
      return NULL;
    }
  return v;
}

static gboolean
get_u64 (Reader               *r,
         const AttribJsonNode *object,
         const char           *key,
         guint64              *out)
{
  const AttribJsonNode *v = member (r, object, key, ATTRIB_JSON_NUMBER, FALSE);
  gint64 n;

  if (v == NULL)
    return FALSE;
  if (!_attrib_json_number_get_int64 (v, &n) || n < 0)
    return fail (r, v, key, _("expected a whole number from 0"));
  *out = (guint64) n;
  return TRUE;
}

static gboolean
get_i64 (Reader               *r,
         const AttribJsonNode *object,
         const char           *key,
         gint64               *out)
{
  const AttribJsonNode *v = member (r, object, key, ATTRIB_JSON_NUMBER, FALSE);

  if (v == NULL)
    return FALSE;
  if (!_attrib_json_number_get_int64 (v, out))
    return fail (r, v, key, _("expected a whole number"));
  return TRUE;
}

static gboolean
get_hex (Reader               *r,
         const AttribJsonNode *object,
         const char           *key,
         gboolean              optional,
         guint8               *out,
         gsize                 length,
         gboolean             *out_present)
{
  const AttribJsonNode *v = member (r, object, key, ATTRIB_JSON_STRING, optional);

  if (out_present != NULL)
    *out_present = v != NULL;
  if (v == NULL)
    return optional && _attrib_json_object_get (object, key) == NULL;
  if (!_attrib_hex_decode (v->string.str, out, length))
    {
      g_autofree char *problem = g_strdup_printf (_("expected %u hexadecimal digits"), (guint) (2 * length));

      return fail (r, v, key, problem);
    }
  return TRUE;
}

static gboolean
check_keys (Reader               *r,
            const AttribJsonNode *object,
            const char * const   *known)
{
  guint i;

  for (i = 0; i < object->object.n_members; i++)
    if (!g_strv_contains (known, object->object.members[i].key))
      {
        AttribJsonNode at = { 0, };

        at.line = object->object.members[i].line;
        at.column = object->object.members[i].column;
        return fail (r, &at, object->object.members[i].key, _("unknown key"));
      }
  return TRUE;
}

static AttribJsonDocument *
parse_object (const char  *data,
              gssize       length,
              const char  *what,
              GError     **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;

  if (length < 0)
    length = strlen (data);
  doc = _attrib_json_parse (data, length, what, error);
  if (doc == NULL)
    return NULL;
  if (_attrib_json_document_get_root (doc)->kind != ATTRIB_JSON_OBJECT)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("1:1: %s: expected an object"), what);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

static gboolean
verify_failed (GError    **error,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static gboolean
verify_failed (GError    **error,
               const char *format,
               ...)
{
  va_list args;
  GError *e;

  va_start (args, format);
  e = g_error_new_valist (ATTRIB_ERROR, ATTRIB_ERROR_VERIFY, format, args);
  va_end (args);
  g_propagate_error (error, e);
  return FALSE;
}

/* The project's public key a verifier gives, as hexadecimal digits. */
static gboolean
decode_public_key (const char *key,
                   guint8      out[ATTRIB_ED25519_KEY_SIZE],
                   GError    **error)
{
  if (_attrib_hex_decode (key, out, ATTRIB_ED25519_KEY_SIZE))
    return TRUE;
  g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_KEY,
               _("“%s” is not an Ed25519 public key (64 hexadecimal digits)"), key);
  return FALSE;
}

/* ---- AttribTreeHead ---- */

/**
 * AttribTreeHead:
 *
 * What a store's event log was at one moment: how many events it held
 * (its size), the root of the Merkle tree over them (RFC 9162 §2.1.1),
 * and when the last of them was appended — signed with the project's
 * Ed25519 key when the store has one, so that the developer cannot later
 * deny having stated it.
 *
 * Two heads of one log are bound by a consistency proof
 * ([method@Attrib.Store.prove_consistency]): the later log extends the
 * earlier one, nothing in it altered, inserted or removed. A channel that
 * keeps the heads it was given can hold the developer to them.
 *
 * Since: 0.2
 */
struct _AttribTreeHead
{
  gatomicrefcount ref_count;
  guint8 log_id[ATTRIB_LOG_ID_SIZE];
  char *log_hex;
  guint64 size;
  AttribMerkleHash root;
  char *root_hex;
  gint64 timestamp;
  char *key;                 /* hex, or NULL */
  char *signature;           /* hex, or NULL */
};

G_DEFINE_BOXED_TYPE (AttribTreeHead, attrib_tree_head, attrib_tree_head_ref, attrib_tree_head_unref)

AttribTreeHead *
_attrib_tree_head_new (const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                       guint64                 size,
                       const AttribMerkleHash  root,
                       gint64                  timestamp)
{
  AttribTreeHead *self = g_new0 (AttribTreeHead, 1);

  g_atomic_ref_count_init (&self->ref_count);
  memcpy (self->log_id, log_id, sizeof self->log_id);
  self->log_hex = _attrib_hex_encode (log_id, ATTRIB_LOG_ID_SIZE);
  self->size = size;
  memcpy (self->root, root, sizeof self->root);
  self->root_hex = _attrib_hex_encode (root, sizeof self->root);
  self->timestamp = timestamp;
  return self;
}

const guint8 *
_attrib_tree_head_get_root_bytes (AttribTreeHead *self)
{
  return self->root;
}

gboolean
_attrib_tree_head_sign_with (AttribTreeHead *self,
                             const guint8    secret[ATTRIB_ED25519_KEY_SIZE],
                             const guint8    public_key[ATTRIB_ED25519_KEY_SIZE],
                             GError        **error)
{
  guint8 signature[ATTRIB_ED25519_SIGNATURE_SIZE];

  if (!_attrib_tree_head_sign (secret, self->log_id, self->size, self->root, self->timestamp, signature, error))
    return FALSE;
  g_free (self->key);
  g_free (self->signature);
  self->key = _attrib_hex_encode (public_key, ATTRIB_ED25519_KEY_SIZE);
  self->signature = _attrib_hex_encode (signature, sizeof signature);
  return TRUE;
}

/**
 * attrib_tree_head_ref:
 * @self: a tree head
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 */
AttribTreeHead *
attrib_tree_head_ref (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_tree_head_unref:
 * @self: (transfer full): a tree head
 *
 * Drops a reference; the last one frees the head.
 */
void
attrib_tree_head_unref (AttribTreeHead *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->root_hex);
  g_free (self->log_hex);
  g_free (self->key);
  g_free (self->signature);
  g_free (self);
}

/**
 * attrib_tree_head_get_log:
 * @self: a tree head
 *
 * The id of the log the head is of, as 32 hexadecimal digits: random,
 * made with the store, and signed with the head, so that the heads of two
 * stores under one key are never taken for each other.
 *
 * Returns: the log's id
 */
const char *
attrib_tree_head_get_log (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->log_hex;
}

/**
 * attrib_tree_head_get_size:
 * @self: a tree head
 *
 * The number of events in the log.
 *
 * Returns: the log's size
 */
guint64
attrib_tree_head_get_size (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

/**
 * attrib_tree_head_get_root:
 * @self: a tree head
 *
 * The Merkle tree's root over the log's events, as 64 lowercase
 * hexadecimal digits (the SHA-256 of nothing for an empty log).
 *
 * Returns: the root
 */
const char *
attrib_tree_head_get_root (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->root_hex;
}

/**
 * attrib_tree_head_get_timestamp:
 * @self: a tree head
 *
 * When the log's last event was appended, in microseconds since
 * 1970-01-01 UTC (0 for an empty log).
 *
 * Returns: the time of the head
 */
gint64
attrib_tree_head_get_timestamp (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->timestamp;
}

/**
 * attrib_tree_head_get_key:
 * @self: a tree head
 *
 * The Ed25519 public key the head was signed with, as 64 hexadecimal
 * digits; %NULL if it is not signed. A verifier checks against the key it
 * knows to be the project's, never only this one.
 *
 * Returns: (nullable): the public key
 */
const char *
attrib_tree_head_get_key (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->key;
}

/**
 * attrib_tree_head_get_signature:
 * @self: a tree head
 *
 * The Ed25519 signature (RFC 8032) of the head, as 128 hexadecimal
 * digits, or %NULL. What is signed is the domain `attrib.tree-head.v1`
 * and a zero byte, the size as 8 bytes big-endian, the 32-byte root and
 * the timestamp as 8 bytes big-endian.
 *
 * Returns: (nullable): the signature
 */
const char *
attrib_tree_head_get_signature (AttribTreeHead *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->signature;
}

static void
tree_head_append_json (AttribTreeHead *self,
                       GString        *out)
{
  g_string_append_printf (out, "{\"log\":\"%s\",\"size\":%" PRIu64 ",\"root\":\"%s\",\"timestamp\":%" PRId64,
                          self->log_hex, self->size, self->root_hex, self->timestamp);
  if (self->signature != NULL)
    g_string_append_printf (out, ",\"key\":\"%s\",\"signature\":\"%s\"", self->key, self->signature);
  g_string_append_c (out, '}');
}

/**
 * attrib_tree_head_to_json:
 * @self: a tree head
 *
 * The head as one line of JSON ([The live desk](live.html), "Receipts and proofs"),
 * which [ctor@Attrib.TreeHead.new_from_json] reads back.
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_tree_head_to_json (AttribTreeHead *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  tree_head_append_json (self, out);
  return g_string_free (out, FALSE);
}

static AttribTreeHead *
tree_head_from_node (Reader               *r,
                     const AttribJsonNode *node)
{
  static const char * const known[] = { "log", "size", "root", "timestamp", "key", "signature", NULL };
  guint8 key[ATTRIB_ED25519_KEY_SIZE], signature[ATTRIB_ED25519_SIGNATURE_SIZE];
  guint8 log_id[ATTRIB_LOG_ID_SIZE];
  gboolean has_key, has_signature;
  AttribMerkleHash root;
  guint64 size;
  gint64 timestamp;
  AttribTreeHead *head;

  if (!check_keys (r, node, known) ||
      !get_hex (r, node, "log", FALSE, log_id, sizeof log_id, NULL) ||
      !get_u64 (r, node, "size", &size) ||
      !get_hex (r, node, "root", FALSE, root, sizeof root, NULL) ||
      !get_i64 (r, node, "timestamp", &timestamp) ||
      !get_hex (r, node, "key", TRUE, key, sizeof key, &has_key) ||
      !get_hex (r, node, "signature", TRUE, signature, sizeof signature, &has_signature))
    return NULL;
  if (has_key != has_signature)
    {
      fail (r, node, NULL, _("a signature needs its key, and a key its signature"));
      return NULL;
    }
  head = _attrib_tree_head_new (log_id, size, root, timestamp);
  if (has_key)
    {
      head->key = _attrib_hex_encode (key, sizeof key);
      head->signature = _attrib_hex_encode (signature, sizeof signature);
    }
  return head;
}

/**
 * attrib_tree_head_new_from_json:
 * @data: the JSON text [method@Attrib.TreeHead.to_json] wrote
 * @length: its length in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Reads a tree head back. Its signature is not checked here:
 * [method@Attrib.TreeHead.verify] does.
 *
 * Returns: (transfer full) (nullable): the head, or %NULL with @error set
 *   (%ATTRIB_ERROR_PARSE or %ATTRIB_ERROR_INVALID_FILE, with the line and
 *   column)
 */
AttribTreeHead *
attrib_tree_head_new_from_json (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  Reader r = { NULL, error };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.what = _("tree head");
  doc = parse_object (data, length, r.what, error);
  if (doc == NULL)
    return NULL;
  return tree_head_from_node (&r, _attrib_json_document_get_root (doc));
}

/* Checks a head's signature against the project's key (hex). */
static gboolean
tree_head_check_signature (AttribTreeHead *self,
                           const char     *key,
                           GError        **error)
{
  guint8 public_key[ATTRIB_ED25519_KEY_SIZE], signature[ATTRIB_ED25519_SIGNATURE_SIZE];

  if (!decode_public_key (key, public_key, error))
    return FALSE;
  if (self->signature == NULL)
    return verify_failed (error, _("the tree head of size %" PRIu64 " is not signed"), self->size);
  if (g_ascii_strcasecmp (self->key, key) != 0)
    return verify_failed (error, _("the tree head of size %" PRIu64 " is signed with key %s, not %s"),
                          self->size, self->key, key);
  if (!_attrib_hex_decode (self->signature, signature, sizeof signature) ||
      !_attrib_tree_head_verify (public_key, self->log_id, self->size, self->root, self->timestamp, signature))
    return verify_failed (error, _("the signature of the tree head of size %" PRIu64 " does not verify"),
                          self->size);
  return TRUE;
}

/**
 * attrib_tree_head_verify:
 * @self: a tree head
 * @key: the project's Ed25519 public key, as 64 hexadecimal digits
 * @error: return location for a #GError
 *
 * Whether the head is signed with @key and the signature holds.
 *
 * Returns: %TRUE if it verifies; %FALSE with @error set
 *   (%ATTRIB_ERROR_VERIFY: unsigned, another key or a bad signature;
 *   %ATTRIB_ERROR_INVALID_KEY: @key is not a key) if it does not
 */
gboolean
attrib_tree_head_verify (AttribTreeHead *self,
                         const char     *key,
                         GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return tree_head_check_signature (self, key, error);
}

/* ---- AttribProof ---- */

/**
 * AttribProof:
 *
 * A Merkle proof about a store's event log (RFC 9162 §2.1.3 and §2.1.4):
 * that one event is in the log of a given size (an inclusion proof, from
 * [method@Attrib.Store.prove_inclusion]), or that the log of a given size
 * extends the log of an earlier size (a consistency proof, from
 * [method@Attrib.Store.prove_consistency]). It holds only hashes — no
 * other event, no other customer's phone — at most about 2 log₂ n of them.
 *
 * [method@Attrib.Receipt.verify] checks an inclusion proof;
 * [method@Attrib.Proof.verify_consistency] a consistency proof.
 *
 * Since: 0.2
 */
struct _AttribProof
{
  gatomicrefcount ref_count;
  AttribProofKind kind;
  guint64 first;
  guint64 size;
  GArray *hashes;            /* AttribMerkleHash */
};

G_DEFINE_BOXED_TYPE (AttribProof, attrib_proof, attrib_proof_ref, attrib_proof_unref)

AttribProof *
_attrib_proof_new (AttribProofKind  kind,
                   guint64          first,
                   guint64          size,
                   GArray          *hashes)
{
  AttribProof *self = g_new0 (AttribProof, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->first = first;
  self->size = size;
  self->hashes = hashes;
  return self;
}

/**
 * attrib_proof_ref:
 * @self: a proof
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 */
AttribProof *
attrib_proof_ref (AttribProof *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_proof_unref:
 * @self: (transfer full): a proof
 *
 * Drops a reference; the last one frees the proof.
 */
void
attrib_proof_unref (AttribProof *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->hashes);
  g_free (self);
}

/**
 * attrib_proof_get_kind:
 * @self: a proof
 *
 * What the proof shows.
 *
 * Returns: the kind of proof
 */
AttribProofKind
attrib_proof_get_kind (AttribProof *self)
{
  g_return_val_if_fail (self != NULL, ATTRIB_PROOF_KIND_INCLUSION);
  return self->kind;
}

/**
 * attrib_proof_get_first:
 * @self: a proof
 *
 * For an inclusion proof, the position of the event (from 0); for a
 * consistency proof, the size of the earlier log.
 *
 * Returns: the position or earlier size
 */
guint64
attrib_proof_get_first (AttribProof *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->first;
}

/**
 * attrib_proof_get_size:
 * @self: a proof
 *
 * The size of the log the proof is about (the later log, for a
 * consistency proof).
 *
 * Returns: the log's size
 */
guint64
attrib_proof_get_size (AttribProof *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

/**
 * attrib_proof_get_n_hashes:
 * @self: a proof
 *
 * How many hashes the proof holds: at most ⌈log₂ size⌉ for an inclusion
 * proof and about twice that for a consistency proof.
 *
 * Returns: the number of hashes
 */
guint
attrib_proof_get_n_hashes (AttribProof *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->hashes->len;
}

/**
 * attrib_proof_to_json:
 * @self: a proof
 *
 * The proof as one line of JSON, which [ctor@Attrib.Proof.new_from_json]
 * reads back.
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_proof_to_json (AttribProof *self)
{
  GString *out;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  if (self->kind == ATTRIB_PROOF_KIND_INCLUSION)
    g_string_append_printf (out, "{\"proof\":\"inclusion\",\"position\":%" PRIu64, self->first);
  else
    g_string_append_printf (out, "{\"proof\":\"consistency\",\"first\":%" PRIu64, self->first);
  g_string_append_printf (out, ",\"size\":%" PRIu64 ",\"hashes\":[", self->size);
  for (i = 0; i < self->hashes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_hex (out, g_array_index (self->hashes, AttribMerkleHash, i), ATTRIB_MERKLE_HASH_SIZE);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

/**
 * attrib_proof_new_from_json:
 * @data: the JSON text [method@Attrib.Proof.to_json] wrote
 * @length: its length in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Reads a proof back.
 *
 * Returns: (transfer full) (nullable): the proof, or %NULL with @error set
 */
AttribProof *
attrib_proof_new_from_json (const char  *data,
                            gssize       length,
                            GError     **error)
{
  static const char * const known_inclusion[] = { "proof", "position", "size", "hashes", NULL };
  static const char * const known_consistency[] = { "proof", "first", "size", "hashes", NULL };
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(GArray) hashes = NULL;
  Reader r = { NULL, error };
  const AttribJsonNode *root, *kind, *list;
  AttribProofKind k;
  guint64 first, size;
  guint i;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.what = _("proof");
  doc = parse_object (data, length, r.what, error);
  if (doc == NULL)
    return NULL;
  root = _attrib_json_document_get_root (doc);
  kind = member (&r, root, "proof", ATTRIB_JSON_STRING, FALSE);
  if (kind == NULL)
    return NULL;
  if (g_str_equal (kind->string.str, "inclusion"))
    k = ATTRIB_PROOF_KIND_INCLUSION;
  else if (g_str_equal (kind->string.str, "consistency"))
    k = ATTRIB_PROOF_KIND_CONSISTENCY;
  else
    {
      fail (&r, kind, "proof", _("expected “inclusion” or “consistency”"));
      return NULL;
    }
  if (!check_keys (&r, root, k == ATTRIB_PROOF_KIND_INCLUSION ? known_inclusion : known_consistency) ||
      !get_u64 (&r, root, k == ATTRIB_PROOF_KIND_INCLUSION ? "position" : "first", &first) ||
      !get_u64 (&r, root, "size", &size))
    return NULL;
  list = member (&r, root, "hashes", ATTRIB_JSON_ARRAY, FALSE);
  if (list == NULL)
    return NULL;
  /* a log of 2^64 events needs no more than 2 × 64 */
  if (list->array.n_items > 128)
    {
      fail (&r, list, "hashes", _("more hashes than any log needs"));
      return NULL;
    }
  hashes = g_array_sized_new (FALSE, FALSE, sizeof (AttribMerkleHash), list->array.n_items);
  for (i = 0; i < list->array.n_items; i++)
    {
      const AttribJsonNode *item = list->array.items[i];
      AttribMerkleHash h;

      if (item->kind != ATTRIB_JSON_STRING || !_attrib_hex_decode (item->string.str, h, sizeof h))
        {
          fail (&r, item, "hashes", _("expected 64 hexadecimal digits"));
          return NULL;
        }
      g_array_append_vals (hashes, h, 1);
    }
  return _attrib_proof_new (k, first, size, g_steal_pointer (&hashes));
}

/**
 * attrib_proof_verify_consistency:
 * @self: a consistency proof
 * @older: the earlier tree head
 * @newer: the later tree head
 * @error: return location for a #GError
 *
 * Whether @self shows that the log of @newer extends the log of @older:
 * every event of the earlier log is in the later one, at the same
 * position, unaltered. Signatures are not checked here
 * ([method@Attrib.TreeHead.verify] does).
 *
 * Returns: %TRUE if it verifies; %FALSE with @error set
 *   (%ATTRIB_ERROR_VERIFY) if it does not
 */
gboolean
attrib_proof_verify_consistency (AttribProof    *self,
                                 AttribTreeHead *older,
                                 AttribTreeHead *newer,
                                 GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (older != NULL, FALSE);
  g_return_val_if_fail (newer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->kind != ATTRIB_PROOF_KIND_CONSISTENCY)
    return verify_failed (error, _("an inclusion proof cannot show two logs consistent"));
  if (memcmp (older->log_id, newer->log_id, ATTRIB_LOG_ID_SIZE) != 0)
    return verify_failed (error, _("the heads are of two logs (%s and %s)"), older->log_hex, newer->log_hex);
  if (self->first != older->size || self->size != newer->size)
    return verify_failed (error, _("the proof is about sizes %" PRIu64 " and %" PRIu64
                                   ", the heads have %" PRIu64 " and %" PRIu64),
                          self->first, self->size, older->size, newer->size);
  if (older->size == 0)
    {
      AttribMerkleHash empty;

      /* every log extends the empty one, whose root is SHA-256 of nothing */
      _attrib_merkle_range_hash_from (NULL, NULL, 0, 0, empty, NULL);
      if (memcmp (empty, older->root, sizeof empty) != 0)
        return verify_failed (error, _("a head of an empty log with another root than an empty log's"));
      return TRUE;
    }
  if (!_attrib_merkle_verify_consistency (older->size, newer->size,
                                          (const AttribMerkleHash *) self->hashes->data, self->hashes->len,
                                          older->root, newer->root))
    return verify_failed (error, _("the log of size %" PRIu64 " does not extend the log of size %"
                                   PRIu64 " (root %s): an event before position %" PRIu64
                                   " was altered, inserted or removed, or the proof is not theirs"),
                          newer->size, older->size, older->root_hex, older->size);
  return TRUE;
}

/* ---- AttribReceipt ---- */

/**
 * AttribReceipt:
 *
 * What a store gives back for an appended event
 * ([method@Attrib.Store.append]): the event's position in the log, when
 * it was appended, its record (the exact bytes the log holds), for a
 * report the decision — accepted or not, why not, who holds the customer
 * and until when — and the log's tree head after it; signed with the
 * project's Ed25519 key when the store has one.
 *
 * A channel keeps its receipts. In a 撞单 dispute about who reported
 * first, the receipt and an inclusion proof against the log's current
 * head show the report is in the log, at its position, unaltered, without
 * showing any other event ([method@Attrib.Receipt.verify]).
 *
 * Since: 0.2
 */
struct _AttribReceipt
{
  gatomicrefcount ref_count;
  guint64 position;
  char *event;
  guint8 salt[ATTRIB_SALT_SIZE];
  gint64 appended;
  char *record;
  AttribMerkleHash leaf;
  gboolean is_report;
  gboolean accepted;
  char *reason;
  char *holder;
  AttribTime until;
  AttribTreeHead *head;
  char *key;
  char *signature;
};

G_DEFINE_BOXED_TYPE (AttribReceipt, attrib_receipt, attrib_receipt_ref, attrib_receipt_unref)

/* The leaf of what the receipt says: its record, time, salt and decision. */
static void
receipt_leaf (AttribReceipt    *self,
              AttribMerkleHash  out)
{
  g_autofree char *decision = NULL;

  if (self->is_report)
    decision = _attrib_decision_text (self->accepted, self->reason, self->holder, self->until);
  _attrib_store_leaf_hash (self->salt, self->appended, self->record, strlen (self->record), decision, out);
}

AttribReceipt *
_attrib_receipt_new (guint64         position,
                     const char     *event,
                     const guint8    salt[ATTRIB_SALT_SIZE],
                     gint64          appended,
                     const char     *record,
                     AttribTreeHead *head)
{
  AttribReceipt *self = g_new0 (AttribReceipt, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->position = position;
  self->event = g_strdup (event);
  memcpy (self->salt, salt, sizeof self->salt);
  self->appended = appended;
  self->record = g_strdup (record);
  receipt_leaf (self, self->leaf);
  self->accepted = TRUE;
  self->until = ATTRIB_TIME_MAX;
  self->head = attrib_tree_head_ref (head);
  return self;
}

void
_attrib_receipt_set_decision (AttribReceipt *self,
                              gboolean       accepted,
                              const char    *reason,
                              const char    *holder,
                              AttribTime     until)
{
  self->is_report = TRUE;
  self->accepted = accepted;
  g_free (self->reason);
  self->reason = g_strdup (reason);
  g_free (self->holder);
  self->holder = g_strdup (holder);
  self->until = until;
  receipt_leaf (self, self->leaf);
}

/* Whether the record is the event the receipt names: records begin with
 * their id (attrib-event-record.c). */
static gboolean
record_names (const char *record,
              const char *event)
{
  g_autoptr(GString) start = g_string_new ("{\"id\":");

  _attrib_json_append_string (start, event);
  g_string_append_c (start, ',');
  return g_str_has_prefix (record, start->str);
}

/* What the receipt's signature covers: every field but the key and the
 * signature, in the order to_json writes them. */
static void
receipt_append_body (AttribReceipt *self,
                     GString       *out)
{
  g_autofree char *leaf = _attrib_hex_encode (self->leaf, sizeof self->leaf);
  g_autofree char *salt = _attrib_hex_encode (self->salt, sizeof self->salt);

  g_string_append_printf (out, "{\"receipt\":%d,\"position\":%" PRIu64 ",\"event\":",
                          RECEIPT_FORMAT, self->position);
  _attrib_json_append_string (out, self->event);
  g_string_append_printf (out, ",\"appended\":%" PRId64 ",\"salt\":\"%s\",\"record\":", self->appended, salt);
  _attrib_json_append_string (out, self->record);
  g_string_append_printf (out, ",\"leaf\":\"%s\"", leaf);
  if (self->is_report)
    {
      g_string_append_printf (out, ",\"accepted\":%s", self->accepted ? "true" : "false");
      if (self->reason != NULL)
        {
          g_string_append (out, ",\"reason\":");
          _attrib_json_append_string (out, self->reason);
        }
      if (self->holder != NULL)
        {
          g_string_append (out, ",\"holder\":");
          _attrib_json_append_string (out, self->holder);
        }
      if (self->until != ATTRIB_TIME_MAX)
        g_string_append_printf (out, ",\"until\":%" PRId64, self->until);
    }
  g_string_append (out, ",\"tree\":");
  tree_head_append_json (self->head, out);
}

static void
receipt_signed_message (AttribReceipt *self,
                        GString       *out)
{
  g_string_append_len (out, receipt_domain, sizeof receipt_domain);   /* with its NUL */
  receipt_append_body (self, out);
  g_string_append_c (out, '}');
}

gboolean
_attrib_receipt_sign_with (AttribReceipt *self,
                           const guint8   secret[ATTRIB_ED25519_KEY_SIZE],
                           const guint8   public_key[ATTRIB_ED25519_KEY_SIZE],
                           GError       **error)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint8 signature[ATTRIB_ED25519_SIGNATURE_SIZE];

  receipt_signed_message (self, message);
  if (!_attrib_ed25519_sign (secret, (const guint8 *) message->str, message->len, signature, error))
    return FALSE;
  g_free (self->key);
  g_free (self->signature);
  self->key = _attrib_hex_encode (public_key, ATTRIB_ED25519_KEY_SIZE);
  self->signature = _attrib_hex_encode (signature, sizeof signature);
  return TRUE;
}

/**
 * attrib_receipt_ref:
 * @self: a receipt
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 */
AttribReceipt *
attrib_receipt_ref (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_receipt_unref:
 * @self: (transfer full): a receipt
 *
 * Drops a reference; the last one frees the receipt.
 */
void
attrib_receipt_unref (AttribReceipt *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->event);
  g_free (self->record);
  g_free (self->reason);
  g_free (self->holder);
  attrib_tree_head_unref (self->head);
  g_free (self->key);
  g_free (self->signature);
  g_free (self);
}

/**
 * attrib_receipt_get_position:
 * @self: a receipt
 *
 * The event's position in the log, from 0: the order of appending.
 *
 * Returns: the position
 */
guint64
attrib_receipt_get_position (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->position;
}

/**
 * attrib_receipt_get_event:
 * @self: a receipt
 *
 * The id of the event.
 *
 * Returns: the event's id
 */
const char *
attrib_receipt_get_event (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->event;
}

/**
 * attrib_receipt_get_record:
 * @self: a receipt
 *
 * The event as the log holds it: one line of JSON in the audit format
 * ([Audit scenario format](audit-format.html)), phones as the store keeps them (hashed in a
 * store of hashed phones). The leaf hash covers these bytes and the time
 * of appending.
 *
 * Returns: the record
 */
const char *
attrib_receipt_get_record (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->record;
}

/**
 * attrib_receipt_is_report:
 * @self: a receipt
 *
 * Whether the receipt carries a report's decision: a report appended
 * with [method@Attrib.Store.append]. Reports imported in bulk carry none
 * ([method@Attrib.Engine.check_report] answers for them).
 *
 * Returns: %TRUE for a decided report
 */
gboolean
attrib_receipt_is_report (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_report;
}

/**
 * attrib_receipt_get_accepted:
 * @self: a receipt
 *
 * For a report, whether it was accepted when filed
 * ([method@Attrib.Engine.check_report]); %TRUE for any other event.
 *
 * Returns: whether the report was accepted
 */
gboolean
attrib_receipt_get_accepted (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->accepted;
}

/**
 * attrib_receipt_get_reason:
 * @self: a receipt
 *
 * Why a report was rejected: the clause and its reason.
 *
 * Returns: (nullable): the reason, or %NULL
 */
const char *
attrib_receipt_get_reason (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

/**
 * attrib_receipt_get_holder:
 * @self: a receipt
 *
 * Who the report's claim protects the customer for (a party), when the
 * report started one.
 *
 * Returns: (nullable): the claim's holder, or %NULL
 */
const char *
attrib_receipt_get_holder (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->holder;
}

/**
 * attrib_receipt_get_until:
 * @self: a receipt
 *
 * Until when the report's claim protects the customer, as the log stood
 * when the report was appended (later events may end it early or renew
 * it); %ATTRIB_TIME_MAX when it started none or has no end.
 *
 * Returns: the end of the claim
 */
AttribTime
attrib_receipt_get_until (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, ATTRIB_TIME_MAX);
  return self->until;
}

/**
 * attrib_receipt_get_tree_head:
 * @self: a receipt
 *
 * The log's tree head just after the event was appended.
 *
 * Returns: (transfer none): the tree head
 */
AttribTreeHead *
attrib_receipt_get_tree_head (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->head;
}

/**
 * attrib_receipt_get_signature:
 * @self: a receipt
 *
 * The Ed25519 signature of the receipt, as 128 hexadecimal digits, or
 * %NULL if the store signs nothing. It covers the domain
 * `attrib.receipt.v1`, a zero byte, and the receipt's JSON without its
 * `key` and `signature`.
 *
 * Returns: (nullable): the signature
 */
const char *
attrib_receipt_get_signature (AttribReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->signature;
}

/**
 * attrib_receipt_to_json:
 * @self: a receipt
 *
 * The receipt as one line of JSON ([The live desk](live.html), "Receipts and
 * proofs"), which [ctor@Attrib.Receipt.new_from_json] reads back.
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_receipt_to_json (AttribReceipt *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  receipt_append_body (self, out);
  if (self->signature != NULL)
    g_string_append_printf (out, ",\"key\":\"%s\",\"signature\":\"%s\"", self->key, self->signature);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/**
 * attrib_receipt_new_from_json:
 * @data: the JSON text [method@Attrib.Receipt.to_json] wrote
 * @length: its length in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Reads a receipt back. Its form is checked here, and that its leaf hash
 * is its record's and its record the event it names; its signatures and
 * proofs are checked by [method@Attrib.Receipt.verify].
 *
 * Returns: (transfer full) (nullable): the receipt, or %NULL with @error set
 *   (%ATTRIB_ERROR_PARSE or %ATTRIB_ERROR_INVALID_FILE with the line and
 *   column; %ATTRIB_ERROR_VERIFY for a record that is not the one its leaf
 *   hash covers)
 */
AttribReceipt *
attrib_receipt_new_from_json (const char  *data,
                              gssize       length,
                              GError     **error)
{
  static const char * const known[] = {
    "receipt", "position", "event", "appended", "salt", "record", "leaf", "accepted", "reason", "holder",
    "until", "tree", "key", "signature", NULL
  };
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autoptr(AttribReceipt) self = NULL;
  Reader r = { NULL, error };
  const AttribJsonNode *root, *event, *record, *tree, *accepted, *reason, *holder;
  guint8 key[ATTRIB_ED25519_KEY_SIZE], signature[ATTRIB_ED25519_SIGNATURE_SIZE];
  gboolean has_key, has_signature;
  AttribMerkleHash leaf;
  guint8 salt[ATTRIB_SALT_SIZE];
  guint64 format, position;
  gint64 appended, until = ATTRIB_TIME_MAX;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.what = _("receipt");
  doc = parse_object (data, length, r.what, error);
  if (doc == NULL)
    return NULL;
  root = _attrib_json_document_get_root (doc);
  if (!check_keys (&r, root, known) || !get_u64 (&r, root, "receipt", &format))
    return NULL;
  if (format != RECEIPT_FORMAT)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NEWER_FORMAT,
                   _("receipt: format %" PRIu64 "; this libattrib reads format %d"), format, RECEIPT_FORMAT);
      return NULL;
    }
  if (!get_u64 (&r, root, "position", &position) ||
      (event = member (&r, root, "event", ATTRIB_JSON_STRING, FALSE)) == NULL ||
      !get_i64 (&r, root, "appended", &appended) ||
      !get_hex (&r, root, "salt", FALSE, salt, sizeof salt, NULL) ||
      (record = member (&r, root, "record", ATTRIB_JSON_STRING, FALSE)) == NULL ||
      !get_hex (&r, root, "leaf", FALSE, leaf, sizeof leaf, NULL) ||
      (tree = member (&r, root, "tree", ATTRIB_JSON_OBJECT, FALSE)) == NULL ||
      !get_hex (&r, root, "key", TRUE, key, sizeof key, &has_key) ||
      !get_hex (&r, root, "signature", TRUE, signature, sizeof signature, &has_signature))
    return NULL;
  if (has_key != has_signature)
    {
      fail (&r, root, NULL, _("a signature needs its key, and a key its signature"));
      return NULL;
    }
  head = tree_head_from_node (&r, tree);
  if (head == NULL)
    return NULL;
  if (!record_names (record->string.str, event->string.str))
    {
      fail (&r, event, "event", _("not the id of the receipt's record"));
      return NULL;
    }
  self = _attrib_receipt_new (position, event->string.str, salt, appended, record->string.str, head);

  accepted = _attrib_json_object_get (root, "accepted");
  reason = _attrib_json_object_get (root, "reason");
  holder = _attrib_json_object_get (root, "holder");
  if (accepted != NULL || reason != NULL || holder != NULL || _attrib_json_object_get (root, "until") != NULL)
    {
      if ((accepted = member (&r, root, "accepted", ATTRIB_JSON_BOOLEAN, FALSE)) == NULL ||
          (reason != NULL && member (&r, root, "reason", ATTRIB_JSON_STRING, FALSE) == NULL) ||
          (holder != NULL && member (&r, root, "holder", ATTRIB_JSON_STRING, FALSE) == NULL) ||
          (_attrib_json_object_get (root, "until") != NULL && !get_i64 (&r, root, "until", &until)))
        return NULL;
      _attrib_receipt_set_decision (self, accepted->boolean, reason != NULL ? reason->string.str : NULL,
                                    holder != NULL ? holder->string.str : NULL, until);
    }
  if (memcmp (leaf, self->leaf, sizeof leaf) != 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_VERIFY,
                   _("receipt for event “%s”: its leaf hash is not the hash of its record, time and decision: "
                     "the receipt was altered"), self->event);
      return NULL;
    }
  if (has_key)
    {
      self->key = _attrib_hex_encode (key, sizeof key);
      self->signature = _attrib_hex_encode (signature, sizeof signature);
    }
  return g_steal_pointer (&self);
}

/**
 * attrib_receipt_verify:
 * @self: a receipt
 * @key: (nullable): the project's Ed25519 public key (64 hexadecimal
 *   digits), to check the signatures; %NULL to check no signature — then
 *   the receipt is only shown consistent with @proof and @head, not
 *   stated by the developer: a channel always gives the key
 * @proof: (nullable): an inclusion proof of the receipt's event
 *   ([method@Attrib.Store.prove_inclusion])
 * @head: (nullable): the tree head @proof leads to: the log's current
 *   head; %NULL for the receipt's own
 * @error: return location for a #GError
 *
 * Checks a receipt with nothing but itself, a proof and a head: that its
 * record and time are the ones its leaf hash covers; with @key, that the
 * receipt and its tree head are signed with @key (and @head, if given);
 * with @proof, that the event is at the receipt's position in the log of
 * @head — the log the developer states now still holds the report, at
 * its place, unaltered.
 *
 * Returns: %TRUE if everything given verifies; %FALSE with @error set
 *   (%ATTRIB_ERROR_VERIFY, saying what failed) if not
 */
gboolean
attrib_receipt_verify (AttribReceipt  *self,
                       const char     *key,
                       AttribProof    *proof,
                       AttribTreeHead *head,
                       GError        **error)
{
  AttribMerkleHash leaf;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  receipt_leaf (self, leaf);
  if (memcmp (leaf, self->leaf, sizeof leaf) != 0 || !record_names (self->record, self->event))
    return verify_failed (error, _("receipt for event “%s”: the record was altered"), self->event);
  if (self->position >= self->head->size)
    return verify_failed (error, _("receipt for event “%s”: position %" PRIu64
                                   " is not in its own tree head of size %" PRIu64),
                          self->event, self->position, self->head->size);
  if (key != NULL)
    {
      g_autoptr(GString) message = g_string_new (NULL);
      guint8 public_key[ATTRIB_ED25519_KEY_SIZE], signature[ATTRIB_ED25519_SIGNATURE_SIZE];

      if (!decode_public_key (key, public_key, error))
        return FALSE;
      if (self->signature == NULL)
        return verify_failed (error, _("receipt for event “%s”: not signed"), self->event);
      if (g_ascii_strcasecmp (self->key, key) != 0)
        return verify_failed (error, _("receipt for event “%s”: signed with key %s, not %s"),
                              self->event, self->key, key);
      receipt_signed_message (self, message);
      if (!_attrib_hex_decode (self->signature, signature, sizeof signature) ||
          !_attrib_ed25519_verify (public_key, (const guint8 *) message->str, message->len, signature))
        return verify_failed (error, _("receipt for event “%s”: the signature does not verify"), self->event);
      if (!tree_head_check_signature (self->head, key, error) ||
          (head != NULL && !tree_head_check_signature (head, key, error)))
        return FALSE;
    }
  if (proof != NULL)
    {
      AttribTreeHead *against = head != NULL ? head : self->head;

      if (proof->kind != ATTRIB_PROOF_KIND_INCLUSION)
        return verify_failed (error, _("a consistency proof cannot show an event in a log"));
      if (memcmp (against->log_id, self->head->log_id, ATTRIB_LOG_ID_SIZE) != 0)
        return verify_failed (error, _("the head is of another log (%s) than the receipt (%s)"),
                              against->log_hex, self->head->log_hex);
      if (proof->first != self->position || proof->size != against->size)
        return verify_failed (error, _("the proof is about position %" PRIu64 " in a log of %"
                                       PRIu64 ", not position %" PRIu64 " in a log of %"
                                       PRIu64),
                              proof->first, proof->size, self->position, against->size);
      if (!_attrib_merkle_verify_inclusion (self->position, against->size, self->leaf,
                                            (const AttribMerkleHash *) proof->hashes->data, proof->hashes->len,
                                            against->root))
        return verify_failed (error, _("event “%s” is not at position %" PRIu64 " of the log of size %"
                                       PRIu64 " (root %s)"),
                              self->event, self->position, against->size, against->root_hex);
    }
  else if (head != NULL && (head->size != self->head->size ||
                            memcmp (head->root, self->head->root, sizeof head->root) != 0))
    return verify_failed (error, _("without a proof, a head shows nothing of a receipt but its own "
                                   "(size %" PRIu64 ", the receipt's %" PRIu64 ")"),
                          head->size, self->head->size);
  return TRUE;
}

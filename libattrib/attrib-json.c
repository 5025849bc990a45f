/* attrib-json.c: a strict JSON reader that remembers positions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Scenario files can hold millions of events, so the reader is built for
 * throughput: one pass over the bytes, no recursion (the nesting lives in
 * a fixed array of frames), and every node, array and string is carved
 * out of a bump arena that is released in one go.  Items of the open
 * containers wait on two shared stacks and are copied into the arena when
 * their container closes, so a container costs no allocation of its own.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-json-private.h"
#include "attrib-util-private.h"

/* Documented limits (attrib-limits-private.h). */
#define MAX_INPUT_SIZE ATTRIB_LIMIT_INPUT_BYTES
/* the messages say "1 GiB" and "1 MiB" */
G_STATIC_ASSERT (ATTRIB_LIMIT_INPUT_BYTES == (gsize) 1 << 30);
G_STATIC_ASSERT (ATTRIB_LIMIT_STRING_BYTES == (gsize) 1 << 20);

/* Objects are usually small, where a linear scan for duplicate keys beats
 * hashing; past this many members a hash table keeps a hostile file with
 * one huge object from turning the check quadratic. */
#define KEY_SCAN_LIMIT 16

/* Keep quoted keys and words in messages readable. */
#define QUOTE_MAX_CHARS 64

#define ARENA_ALIGN 8
#define ARENA_MIN_BLOCK ((gsize) 16 << 10)
#define ARENA_MAX_BLOCK ((gsize) 4 << 20)

typedef union _ArenaBlock ArenaBlock;

/* The data follows the header, which the union keeps a multiple of the
 * alignment on 32-bit systems too. */
union _ArenaBlock
{
  ArenaBlock *next;
  guint64 align;
};

G_STATIC_ASSERT (sizeof (ArenaBlock) % ARENA_ALIGN == 0);

typedef struct
{
  ArenaBlock *blocks;
  char *pos;
  char *end;
  gsize next_size;
} Arena;

struct _AttribJsonDocument
{
  Arena arena;
  AttribJsonNode *root;
  char *filename;
};

typedef struct
{
  AttribJsonNode *node;   /* the array or object being read */
  gsize first;            /* its first entry on the item or member stack */
  GHashTable *keys;       /* an object's keys, once it has many */
} Frame;

typedef struct
{
  const guchar *p;
  const guchar *end;

  /* The column of a byte is its distance from the line start minus the
   * UTF-8 continuation bytes before it on the line; only strings may hold
   * non-ASCII characters, so only they need to count. */
  const guchar *line_start;
  gsize line_extra;
  guint line;

  const char *filename;
  Arena *arena;
  GError **error;

  AttribJsonNode **items;
  gsize n_items;
  gsize items_size;

  AttribJsonMember *members;
  gsize n_members;
  gsize members_size;

  Frame frames[ATTRIB_JSON_MAX_DEPTH];
  guint depth;
} Parser;

/* Bytes a string scan can skip without a second look: printable ASCII
 * but the quote and the backslash. */
static const guchar string_plain[256] = {
  [0x20 ... 0x21] = 1,
  [0x23 ... 0x5b] = 1,
  [0x5d ... 0x7f] = 1,
};

/* Arena */

static void
arena_clear (Arena *arena)
{
  ArenaBlock *block = arena->blocks;

  while (block != NULL)
    {
      ArenaBlock *next = block->next;

      g_free (block);
      block = next;
    }
  arena->blocks = NULL;
  arena->pos = arena->end = NULL;
}

static char *
arena_alloc_slow (Arena *arena,
                  gsize  size)
{
  ArenaBlock *block;
  gsize block_size;

  g_assert (size <= G_MAXSIZE - sizeof (ArenaBlock) - ARENA_ALIGN);

  /* A big request gets a block of its own behind the current one, so the
   * space left in the current block is not thrown away. */
  if (size > arena->next_size / 4 && arena->blocks != NULL)
    {
      block = g_malloc (sizeof (ArenaBlock) + size);
      block->next = arena->blocks->next;
      arena->blocks->next = block;
      return (char *) (block + 1);
    }

  block_size = MAX (arena->next_size, size);
  block = g_malloc (sizeof (ArenaBlock) + block_size);
  block->next = arena->blocks;
  arena->blocks = block;
  arena->pos = (char *) (block + 1) + size;
  arena->end = (char *) (block + 1) + block_size;
  if (arena->next_size < ARENA_MAX_BLOCK)
    arena->next_size *= 2;
  return (char *) (block + 1);
}

static inline char *
arena_alloc_bytes (Arena *arena,
                   gsize  size)
{
  char *ret;

  if (G_UNLIKELY ((gsize) (arena->end - arena->pos) < size))
    return arena_alloc_slow (arena, size);
  ret = arena->pos;
  arena->pos += size;
  return ret;
}

static inline gpointer
arena_alloc (Arena *arena,
             gsize  size)
{
  gsize pad = (ARENA_ALIGN - (guintptr) arena->pos % ARENA_ALIGN) % ARENA_ALIGN;
  char *ret;

  if (G_UNLIKELY ((gsize) (arena->end - arena->pos) < pad + size))
    return arena_alloc_slow (arena, size);
  ret = arena->pos + pad;
  arena->pos = ret + size;
  return ret;
}

/* Errors */

static inline guint
column_at (const Parser *parser,
           const guchar *at)
{
  return (guint) ((gsize) (at - parser->line_start) - parser->line_extra + 1);
}

static void set_error_valist (Parser     *parser,
                              AttribError code,
                              guint       line,
                              guint       column,
                              const char *format,
                              va_list     args) G_GNUC_PRINTF (5, 0);

static void
set_error_valist (Parser     *parser,
                  AttribError code,
                  guint       line,
                  guint       column,
                  const char *format,
                  va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (parser->error, ATTRIB_ERROR, code, "%s:%u:%u: %s",
               parser->filename, line, column, message);
}

static gboolean error_at (Parser       *parser,
                          AttribError   code,
                          const guchar *at,
                          const char   *format,
                          ...) G_GNUC_PRINTF (4, 5);

/* @at must lie on the current line, after every multi-byte character the
 * parser has counted: the offending byte or the token it starts. */
static gboolean
error_at (Parser       *parser,
          AttribError   code,
          const guchar *at,
          const char   *format,
          ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (parser, code, parser->line, column_at (parser, at), format, args);
  va_end (args);
  return FALSE;
}

static gboolean error_at_position (Parser     *parser,
                                   AttribError code,
                                   guint       line,
                                   guint       column,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (5, 6);

static gboolean
error_at_position (Parser     *parser,
                   AttribError code,
                   guint       line,
                   guint       column,
                   const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (parser, code, line, column, format, args);
  va_end (args);
  return FALSE;
}

/* UTF-8 */

/* The length of the well-formed UTF-8 sequence at @p (RFC 3629, which
 * rules out overlong forms, surrogates and anything past U+10FFFF), or 0. */
static inline guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  gsize avail = (gsize) (end - p);
  guchar c = p[0];

#define CONT(b) (((b) & 0xc0) == 0x80)
  if (c < 0x80)
    return 1;
  if (c < 0xc2)
    return 0;
  if (c < 0xe0)
    return avail >= 2 && CONT (p[1]) ? 2 : 0;
  if (c < 0xf0)
    {
      if (avail < 3 || !CONT (p[1]) || !CONT (p[2]))
        return 0;
      if (c == 0xe0 && p[1] < 0xa0)
        return 0;
      if (c == 0xed && p[1] > 0x9f)
        return 0;
      return 3;
    }
  if (c < 0xf5)
    {
      if (avail < 4 || !CONT (p[1]) || !CONT (p[2]) || !CONT (p[3]))
        return 0;
      if (c == 0xf0 && p[1] < 0x90)
        return 0;
      if (c == 0xf4 && p[1] > 0x8f)
        return 0;
      return 4;
    }
  return 0;
#undef CONT
}

static gboolean
error_invalid_utf8 (Parser       *parser,
                    const guchar *at)
{
  return error_at (parser, ATTRIB_ERROR_PARSE, at,
                   _("invalid UTF-8 (a malformed sequence starts with byte 0x%02X)"), *at);
}

static void
append_quoted_utf8 (GString    *out,
                    const char *str,
                    gsize       len)
{
  const char *end = str + len;
  const char *p = str;
  guint n;

  for (n = 0; p < end && n < QUOTE_MAX_CHARS; n++)
    p = g_utf8_next_char (p);
  g_string_append_len (out, str, p - str);
  if (p < end)
    g_string_append (out, "…");
}

/* What stands at @p, for "expected …, found …" messages. */
static char *
describe_found (const Parser *parser,
                const guchar *p)
{
  guint n;

  if (p >= parser->end)
    return g_strdup (_("end of input"));
  if (*p < 0x20 || *p == 0x7f)
    return g_strdup_printf (_("the control character U+%04X"), *p);
  if (*p == '/')
    return g_strdup (_("‘/’ (JSON has no comments)"));
  if (*p == '\'')
    return g_strdup (_("‘\'’ (strings need double quotes)"));
  if (*p < 0x80)
    return g_strdup_printf ("‘%c’", *p);

  n = utf8_sequence_length (p, parser->end);
  g_assert (n > 0);
  return g_strdup_printf ("‘%.*s’ (U+%04X)", (int) n, (const char *) p,
                          g_utf8_get_char ((const char *) p));
}

static gboolean error_unexpected (Parser       *parser,
                                  const guchar *at,
                                  const char   *format,
                                  ...) G_GNUC_PRINTF (3, 4);

static gboolean
error_unexpected (Parser       *parser,
                  const guchar *at,
                  const char   *format,
                  ...)
{
  g_autofree char *expected = NULL;
  g_autofree char *found = NULL;
  va_list args;

  /* Outside strings every non-ASCII byte is out of place, but if it is not
   * even UTF-8 that is the more useful thing to say. */
  if (at < parser->end && *at >= 0x80 && utf8_sequence_length (at, parser->end) == 0)
    return error_invalid_utf8 (parser, at);

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);
  found = describe_found (parser, at);
  return error_at (parser, ATTRIB_ERROR_PARSE, at, _("%s, found %s"), expected, found);
}

/* Lexing */

static inline void
skip_whitespace (Parser *parser)
{
  const guchar *p = parser->p;
  const guchar *end = parser->end;

  while (p < end)
    {
      switch (*p)
        {
        case ' ':
        case '\t':
          p++;
          break;
        case '\r':
          p++;
          if (p < end && *p == '\n')
            p++;
          parser->line++;
          parser->line_start = p;
          parser->line_extra = 0;
          break;
        case '\n':
          p++;
          parser->line++;
          parser->line_start = p;
          parser->line_extra = 0;
          break;
        default:
          parser->p = p;
          return;
        }
    }
  parser->p = p;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits after "\u" at @p, or -1. */
static inline gint32
read_hex4 (const guchar *p,
           const guchar *end)
{
  gint32 v = 0;
  int i;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (i = 2; i < 6; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return -1;
      v = (v << 4) | h;
    }
  return v;
}

/* Checks the escape at @p (a backslash) and returns its length in the
 * file, or 0 after setting an error. */
static gsize
check_escape (Parser       *parser,
              const guchar *p)
{
  gint32 u, low;

  g_assert (parser->end - p >= 2);

  switch (p[1])
    {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      return 2;
    case 'u':
      break;
    default:
      if (p[1] >= 0x20 && p[1] < 0x7f)
        error_at (parser, ATTRIB_ERROR_PARSE, p,
                  _("invalid escape ‘\\%c’ in string (valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
                  p[1]);
      else
        error_at (parser, ATTRIB_ERROR_PARSE, p,
                  _("invalid escape in string (valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"));
      return 0;
    }

  u = read_hex4 (p, parser->end);
  if (u < 0)
    {
      error_at (parser, ATTRIB_ERROR_PARSE, p, _("invalid \\u escape: expected four hex digits after ‘\\u’"));
      return 0;
    }
  if (u == 0)
    {
      error_at (parser, ATTRIB_ERROR_PARSE, p, _("\\u0000 is not allowed in strings"));
      return 0;
    }
  if (u >= 0xdc00 && u <= 0xdfff)
    {
      error_at (parser, ATTRIB_ERROR_PARSE, p,
                _("lone low surrogate \\u%04X (it must follow a high surrogate \\uD800–\\uDBFF)"), (guint) u);
      return 0;
    }
  if (u >= 0xd800 && u <= 0xdbff)
    {
      low = read_hex4 (p + 6, parser->end);
      if (low < 0xdc00 || low > 0xdfff)
        {
          error_at (parser, ATTRIB_ERROR_PARSE, p,
                    _("lone high surrogate \\u%04X (it must be followed by a low surrogate \\uDC00–\\uDFFF)"),
                    (guint) u);
          return 0;
        }
      return 12;
    }
  return 6;
}

/* Decodes the already checked body of a string with escapes into @dst,
 * which has room for the raw length; returns the decoded length. */
static gsize
decode_string (const guchar *src,
               const guchar *src_end,
               char         *dst)
{
  char *d = dst;

  while (src < src_end)
    {
      const guchar *run = src;
      gunichar u;

      while (src < src_end && *src != '\\')
        src++;
      memcpy (d, run, src - run);
      d += src - run;
      if (src == src_end)
        break;

      switch (src[1])
        {
        case 'b': *d++ = '\b'; src += 2; break;
        case 'f': *d++ = '\f'; src += 2; break;
        case 'n': *d++ = '\n'; src += 2; break;
        case 'r': *d++ = '\r'; src += 2; break;
        case 't': *d++ = '\t'; src += 2; break;
        case 'u':
          u = (gunichar) read_hex4 (src, src_end);
          src += 6;
          if (u >= 0xd800 && u <= 0xdbff)
            {
              gunichar low = (gunichar) read_hex4 (src, src_end);

              u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              src += 6;
            }
          d += g_unichar_to_utf8 (u, d);
          break;
        default:
          /* \" \\ \/ */
          *d++ = (char) src[1];
          src += 2;
          break;
        }
    }
  return (gsize) (d - dst);
}

/* Reads the string whose opening quote is at parser->p into the arena. */
static gboolean
parse_string (Parser      *parser,
              const char **out_str,
              gsize       *out_len)
{
  const guchar *start = parser->p;
  const guchar *end = parser->end;
  const guchar *q = start + 1;
  /* the string's own characters must not shift its column */
  guint column = column_at (parser, start);
  gboolean has_escapes = FALSE;
  gsize raw_len, len;
  char *dst;

  g_assert (*start == '"');

  for (;;)
    {
      guint n;

      while (q < end && string_plain[*q])
        q++;
      if (G_UNLIKELY (q >= end))
        return error_at_position (parser, ATTRIB_ERROR_PARSE, parser->line, column, _("unterminated string"));
      if (*q == '"')
        break;
      if (*q == '\\')
        {
          gsize esc;

          if (end - q < 2)
            return error_at_position (parser, ATTRIB_ERROR_PARSE, parser->line, column, _("unterminated string"));
          esc = check_escape (parser, q);
          if (esc == 0)
            return FALSE;
          has_escapes = TRUE;
          q += esc;
          continue;
        }
      if (*q == '\n' || *q == '\r')
        return error_at (parser, ATTRIB_ERROR_PARSE, q,
                         _("line break in string (write it as \\n, or is the closing ‘\"’ missing?)"));
      if (*q < 0x20)
        return error_at (parser, ATTRIB_ERROR_PARSE, q,
                         _("the control character U+%04X must be escaped in strings"), *q);

      n = utf8_sequence_length (q, end);
      if (n == 0)
        return error_invalid_utf8 (parser, q);
      parser->line_extra += n - 1;
      q += n;
    }

  raw_len = (gsize) (q - (start + 1));
  if (G_UNLIKELY (raw_len > ATTRIB_LIMIT_STRING_BYTES))
    return error_at_position (parser, ATTRIB_ERROR_LIMIT, parser->line, column,
                              _("the string is %zu bytes long, more than the limit of 1 MiB"), raw_len);
  dst = arena_alloc_bytes (parser->arena, raw_len + 1);
  if (has_escapes)
    len = decode_string (start + 1, q, dst);
  else
    {
      memcpy (dst, start + 1, raw_len);
      len = raw_len;
    }
  dst[len] = '\0';

  parser->p = q + 1;
  *out_str = dst;
  *out_len = len;
  return TRUE;
}

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_word_char (guchar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit (c) || c == '_';
}

static gboolean
parse_number (Parser         *parser,
              AttribJsonNode *node)
{
  const guchar *start = parser->p;
  const guchar *end = parser->end;
  const guchar *p = start;
  gsize len;
  char *dst;

  if (*p == '-')
    {
      p++;
      if (p == end || !is_digit (*p))
        {
          if (end - p >= 8 && memcmp (p, "Infinity", 8) == 0)
            return error_at (parser, ATTRIB_ERROR_PARSE, start, _("-Infinity is not a JSON number"));
          return error_at (parser, ATTRIB_ERROR_PARSE, start, _("invalid number: expected a digit after ‘-’"));
        }
    }
  if (*p == '0')
    {
      p++;
      if (p < end && is_digit (*p))
        return error_at (parser, ATTRIB_ERROR_PARSE, start, _("invalid number: leading zeros are not allowed"));
    }
  else
    {
      while (p < end && is_digit (*p))
        p++;
    }
  if (p < end && *p == '.')
    {
      p++;
      if (p == end || !is_digit (*p))
        return error_at (parser, ATTRIB_ERROR_PARSE, start,
                         _("invalid number: expected a digit after the decimal point"));
      while (p < end && is_digit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !is_digit (*p))
        return error_at (parser, ATTRIB_ERROR_PARSE, start,
                         _("invalid number: expected a digit in the exponent"));
      while (p < end && is_digit (*p))
        p++;
    }

  len = (gsize) (p - start);
  if (G_UNLIKELY (len > ATTRIB_LIMIT_NUMBER_CHARS))
    return error_at (parser, ATTRIB_ERROR_LIMIT, start,
                     _("the number is %zu characters long, more than the limit of %d"),
                     len, ATTRIB_LIMIT_NUMBER_CHARS);
  dst = arena_alloc_bytes (parser->arena, len + 1);
  memcpy (dst, start, len);
  dst[len] = '\0';
  node->kind = ATTRIB_JSON_NUMBER;
  node->number = dst;
  parser->p = p;
  return TRUE;
}

static gboolean
parse_word (Parser         *parser,
            AttribJsonNode *node)
{
  const guchar *start = parser->p;
  const guchar *p = start;
  gsize len;
  g_autoptr(GString) word = NULL;

  while (p < parser->end && is_word_char (*p))
    p++;
  len = (gsize) (p - start);

  if (len == 4 && memcmp (start, "null", 4) == 0)
    node->kind = ATTRIB_JSON_NULL;
  else if (len == 4 && memcmp (start, "true", 4) == 0)
    {
      node->kind = ATTRIB_JSON_BOOLEAN;
      node->boolean = TRUE;
    }
  else if (len == 5 && memcmp (start, "false", 5) == 0)
    {
      node->kind = ATTRIB_JSON_BOOLEAN;
      node->boolean = FALSE;
    }
  else if ((len == 3 && memcmp (start, "NaN", 3) == 0) ||
           (len == 8 && memcmp (start, "Infinity", 8) == 0))
    return error_at (parser, ATTRIB_ERROR_PARSE, start, _("%.*s is not a JSON number"), (int) len, start);
  else
    {
      g_autofree char *shown = NULL;

      word = g_string_new (NULL);
      append_quoted_utf8 (word, (const char *) start, len);
      shown = _attrib_for_display (word->str);
      return error_at (parser, ATTRIB_ERROR_PARSE, start,
                       _("invalid literal ‘%s’ (expected true, false, null, a number, a string, an array or an object)"),
                       shown);
    }

  parser->p = p;
  return TRUE;
}

/* The shared stacks of pending items and members */

static inline void
push_item (Parser         *parser,
           AttribJsonNode *node)
{
  if (G_UNLIKELY (parser->n_items == parser->items_size))
    {
      parser->items_size = MAX (64, parser->items_size * 2);
      parser->items = g_renew (AttribJsonNode *, parser->items, parser->items_size);
    }
  parser->items[parser->n_items++] = node;
}

static inline AttribJsonMember *
push_member (Parser *parser)
{
  if (G_UNLIKELY (parser->n_members == parser->members_size))
    {
      parser->members_size = MAX (64, parser->members_size * 2);
      parser->members = g_renew (AttribJsonMember, parser->members, parser->members_size);
    }
  return &parser->members[parser->n_members++];
}

static gboolean
check_duplicate_key (Parser     *parser,
                     Frame      *frame,
                     const char *key,
                     guint       line,
                     guint       column)
{
  gsize n = parser->n_members - frame->first;
  gboolean duplicate = FALSE;
  gsize i;

  if (frame->keys == NULL && n < KEY_SCAN_LIMIT)
    {
      for (i = frame->first; i < parser->n_members && !duplicate; i++)
        duplicate = strcmp (parser->members[i].key, key) == 0;
    }
  else
    {
      if (frame->keys == NULL)
        {
          frame->keys = g_hash_table_new (g_str_hash, g_str_equal);
          for (i = frame->first; i < parser->n_members; i++)
            g_hash_table_add (frame->keys, (gpointer) parser->members[i].key);
        }
      duplicate = !g_hash_table_add (frame->keys, (gpointer) key);
    }

  if (duplicate)
    {
      g_autoptr(GString) quoted = g_string_new (NULL);
      g_autofree char *shown = NULL;

      append_quoted_utf8 (quoted, key, strlen (key));
      shown = _attrib_for_display (quoted->str);
      return error_at_position (parser, ATTRIB_ERROR_PARSE, line, column,
                                _("duplicate key “%s”"), shown);
    }
  return TRUE;
}

/* Reads `"key" :` at parser->p (after whitespace) into a new member of
 * the object in @frame. */
static gboolean
parse_member_key (Parser *parser,
                  Frame  *frame)
{
  AttribJsonMember *member;
  const char *key;
  gsize len;
  guint line, column;

  if (parser->p >= parser->end || *parser->p != '"')
    {
      if (parser->p < parser->end && (*parser->p == '\'' || is_word_char (*parser->p)))
        return error_unexpected (parser, parser->p, _("expected an object key in double quotes"));
      return error_unexpected (parser, parser->p, _("expected an object key"));
    }

  line = parser->line;
  column = column_at (parser, parser->p);
  if (!parse_string (parser, &key, &len))
    return FALSE;
  if (!check_duplicate_key (parser, frame, key, line, column))
    return FALSE;

  member = push_member (parser);
  member->key = key;
  member->line = line;
  member->column = column;
  member->value = NULL;

  skip_whitespace (parser);
  if (parser->p >= parser->end || *parser->p != ':')
    return error_unexpected (parser, parser->p, _("expected ‘:’ after object key"));
  parser->p++;
  return TRUE;
}

/* Moves the pending entries of the innermost container into the arena. */
static AttribJsonNode *
close_container (Parser *parser)
{
  Frame *frame;
  AttribJsonNode *node;
  gsize n;

  g_assert (parser->depth > 0);
  frame = &parser->frames[--parser->depth];
  node = frame->node;

  if (node->kind == ATTRIB_JSON_ARRAY)
    {
      n = parser->n_items - frame->first;
      node->array.items = NULL;
      if (n > 0)
        {
          node->array.items = arena_alloc (parser->arena, n * sizeof (AttribJsonNode *));
          memcpy (node->array.items, parser->items + frame->first, n * sizeof (AttribJsonNode *));
        }
      node->array.n_items = (guint) n;
      parser->n_items = frame->first;
    }
  else
    {
      g_assert (node->kind == ATTRIB_JSON_OBJECT);
      n = parser->n_members - frame->first;
      node->object.members = NULL;
      if (n > 0)
        {
          node->object.members = arena_alloc (parser->arena, n * sizeof (AttribJsonMember));
          memcpy (node->object.members, parser->members + frame->first, n * sizeof (AttribJsonMember));
        }
      node->object.n_members = (guint) n;
      parser->n_members = frame->first;
      g_clear_pointer (&frame->keys, g_hash_table_unref);
    }
  return node;
}

static gboolean
open_container (Parser         *parser,
                AttribJsonNode *node)
{
  Frame *frame;

  if (parser->depth == ATTRIB_JSON_MAX_DEPTH)
    return error_at (parser, ATTRIB_ERROR_LIMIT, parser->p,
                     _("arrays and objects are nested deeper than %d levels"), ATTRIB_JSON_MAX_DEPTH);

  frame = &parser->frames[parser->depth++];
  frame->node = node;
  frame->keys = NULL;
  if (*parser->p == '[')
    {
      node->kind = ATTRIB_JSON_ARRAY;
      frame->first = parser->n_items;
    }
  else
    {
      node->kind = ATTRIB_JSON_OBJECT;
      frame->first = parser->n_members;
    }
  parser->p++;
  return TRUE;
}

/* Reads a value at parser->p (after whitespace).  Returns the node, which
 * is complete unless it is an array or object with entries to come: then
 * it is the innermost open container and *out_open is TRUE. */
static AttribJsonNode *
parse_value_start (Parser   *parser,
                   gboolean *out_open)
{
  AttribJsonNode *node;
  const char *str;
  gsize len;
  guchar c;

  *out_open = FALSE;
  if (parser->p >= parser->end)
    {
      error_unexpected (parser, parser->p, _("expected a value"));
      return NULL;
    }

  node = arena_alloc (parser->arena, sizeof (AttribJsonNode));
  node->line = parser->line;
  node->column = column_at (parser, parser->p);
  c = *parser->p;

  switch (c)
    {
    case '"':
      if (!parse_string (parser, &str, &len))
        return NULL;
      node->kind = ATTRIB_JSON_STRING;
      node->string.str = str;
      node->string.len = len;
      return node;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (parser, node) ? node : NULL;

    case '[':
    case '{':
      if (!open_container (parser, node))
        return NULL;
      skip_whitespace (parser);
      if (parser->p < parser->end && *parser->p == (c == '[' ? ']' : '}'))
        {
          parser->p++;
          return close_container (parser);
        }
      if (c == '{' &&
          !parse_member_key (parser, &parser->frames[parser->depth - 1]))
        return NULL;
      *out_open = TRUE;
      return node;

    case '+':
      error_at (parser, ATTRIB_ERROR_PARSE, parser->p, _("a number may not start with ‘+’"));
      return NULL;

    default:
      if (is_word_char (c))
        return parse_word (parser, node) ? node : NULL;
      error_unexpected (parser, parser->p, _("expected a value"));
      return NULL;
    }
}

static AttribJsonNode *
parse_document (Parser *parser)
{
  AttribJsonNode *node;
  gboolean open;

  skip_whitespace (parser);
  if (parser->p >= parser->end)
    {
      error_at (parser, ATTRIB_ERROR_PARSE, parser->p, _("the input holds no JSON value"));
      return NULL;
    }

  for (;;)
    {
      /* A value is expected here. */
      skip_whitespace (parser);
      node = parse_value_start (parser, &open);
      if (node == NULL)
        return NULL;
      if (open)
        continue;

      /* @node is complete: hand it to its container, and close every
       * container that ends right after it. */
      for (;;)
        {
          Frame *frame;
          guint comma_line, comma_column;
          gboolean is_array;
          guchar close;

          if (parser->depth == 0)
            {
              skip_whitespace (parser);
              if (parser->p < parser->end)
                {
                  error_unexpected (parser, parser->p, _("expected the end of input after the top-level value"));
                  return NULL;
                }
              return node;
            }

          frame = &parser->frames[parser->depth - 1];
          is_array = frame->node->kind == ATTRIB_JSON_ARRAY;
          close = is_array ? ']' : '}';
          if (is_array)
            push_item (parser, node);
          else
            parser->members[parser->n_members - 1].value = node;

          skip_whitespace (parser);
          if (parser->p < parser->end && *parser->p == close)
            {
              parser->p++;
              node = close_container (parser);
              continue;
            }
          if (parser->p >= parser->end || *parser->p != ',')
            {
              error_unexpected (parser, parser->p,
                                is_array ? _("expected ‘,’ or ‘]’ after array item")
                                         : _("expected ‘,’ or ‘}’ after object member"));
              return NULL;
            }

          comma_line = parser->line;
          comma_column = column_at (parser, parser->p);
          parser->p++;
          skip_whitespace (parser);
          if (parser->p < parser->end && *parser->p == close)
            {
              error_at_position (parser, ATTRIB_ERROR_PARSE, comma_line, comma_column,
                                 _("trailing comma before ‘%c’"), close);
              return NULL;
            }
          if (!is_array && !parse_member_key (parser, frame))
            return NULL;
          break;
        }
    }
}

/**
 * _attrib_json_parse:
 * @data: the JSON text, not necessarily NUL-terminated
 * @length: the length of @data in bytes
 * @filename: (nullable): the name to report errors under
 * @error: return location for an error
 *
 * Reads @data as one RFC 8259 JSON text.  Errors are in the
 * %ATTRIB_ERROR domain (%ATTRIB_ERROR_PARSE, %ATTRIB_ERROR_LIMIT) and
 * their messages start with `FILE:LINE:COLUMN: `.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL on error
 */
AttribJsonDocument *
_attrib_json_parse (const char  *data,
                    gsize        length,
                    const char  *filename,
                    GError     **error)
{
  return _attrib_json_parse_at (data, length, filename, 1, error);
}

/**
 * _attrib_json_parse_at:
 * @data: the JSON text, not necessarily NUL-terminated
 * @length: the length of @data in bytes
 * @filename: (nullable): the name to report errors under
 * @first_line: the line of the file @data starts at, from 1
 * @error: return location for an error
 *
 * As _attrib_json_parse(), for a text that starts at the beginning of line
 * @first_line of a bigger file (a line of JSON Lines): positions count from
 * there, and a byte order mark is only skipped on line 1.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL on error
 */
AttribJsonDocument *
_attrib_json_parse_at (const char  *data,
                       gsize        length,
                       const char  *filename,
                       guint        first_line,
                       GError     **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  Parser parser;
  AttribJsonNode *root;
  guint i;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = "<data>";
  /* Keeps the pointer arithmetic below defined for empty input. */
  if (data == NULL)
    data = "";

  if (length > MAX_INPUT_SIZE)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                   _("%s: the input is %zu bytes, more than the limit of 1 GiB"),
                   filename, length);
      return NULL;
    }

  memset (&parser, 0, sizeof parser);
  doc = g_new0 (AttribJsonDocument, 1);
  doc->filename = g_strdup (filename);
  /* Small documents stay in one small block; big ones soon get big ones. */
  doc->arena.next_size = CLAMP (length * 2, ARENA_MIN_BLOCK, ARENA_MAX_BLOCK);

  parser.p = (const guchar *) data;
  parser.end = parser.p + length;
  if (first_line == 1 && length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    parser.p += 3;
  /* A byte order mark is no character of the text: the first one after it
   * is in column 1. */
  parser.line_start = parser.p;
  parser.line = first_line;
  parser.filename = doc->filename;
  parser.arena = &doc->arena;
  parser.error = error;

  root = parse_document (&parser);

  for (i = 0; i < parser.depth; i++)
    g_clear_pointer (&parser.frames[i].keys, g_hash_table_unref);
  g_free (parser.items);
  g_free (parser.members);

  if (root == NULL)
    return NULL;
  doc->root = root;
  return g_steal_pointer (&doc);
}

/**
 * _attrib_json_document_free:
 * @doc: (nullable): a document
 *
 * Frees @doc and every node, member array and string it holds.
 */
void
_attrib_json_document_free (AttribJsonDocument *doc)
{
  if (doc == NULL)
    return;
  arena_clear (&doc->arena);
  g_free (doc->filename);
  g_free (doc);
}

AttribJsonNode *
_attrib_json_document_get_root (AttribJsonDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return doc->root;
}

const char *
_attrib_json_document_get_filename (AttribJsonDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return doc->filename;
}

const char *
_attrib_json_kind_to_string (AttribJsonKind kind)
{
  switch (kind)
    {
    case ATTRIB_JSON_NULL:
      return "null";
    case ATTRIB_JSON_BOOLEAN:
      return "boolean";
    case ATTRIB_JSON_NUMBER:
      return "number";
    case ATTRIB_JSON_STRING:
      return "string";
    case ATTRIB_JSON_ARRAY:
      return "array";
    case ATTRIB_JSON_OBJECT:
      return "object";
    default:
      g_return_val_if_reached ("unknown");
    }
}

const AttribJsonMember *
_attrib_json_object_get_member (const AttribJsonNode *object,
                                const char           *key)
{
  guint i;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (object->kind == ATTRIB_JSON_OBJECT, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (i = 0; i < object->object.n_members; i++)
    {
      const AttribJsonMember *member = &object->object.members[i];

      if (strcmp (member->key, key) == 0)
        return member;
    }
  return NULL;
}

AttribJsonNode *
_attrib_json_object_get (const AttribJsonNode *object,
                         const char           *key)
{
  const AttribJsonMember *member = _attrib_json_object_get_member (object, key);

  return member != NULL ? member->value : NULL;
}

/**
 * _attrib_json_number_get_int64:
 * @node: a node
 * @out_value: (out) (optional): the value
 *
 * Returns: %TRUE if @node is a number written as an integer (no fraction,
 *   no exponent) that fits in a #gint64
 */
gboolean
_attrib_json_number_get_int64 (const AttribJsonNode *node,
                               gint64               *out_value)
{
  const char *p;
  gboolean negative = FALSE;
  guint64 limit, magnitude = 0;

  g_return_val_if_fail (node != NULL, FALSE);

  if (node->kind != ATTRIB_JSON_NUMBER)
    return FALSE;

  p = node->number;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (*p == '\0')
    return FALSE;   /* no digits (text that did not come from the reader) */
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  for (; *p != '\0'; p++)
    {
      guint digit;

      if (!is_digit ((guchar) *p))
        return FALSE;   /* a fraction or an exponent */
      digit = (guint) (*p - '0');
      if (magnitude > (limit - digit) / 10)
        return FALSE;
      magnitude = magnitude * 10 + digit;
    }

  if (out_value != NULL)
    {
      if (negative)
        *out_value = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
      else
        *out_value = (gint64) magnitude;
    }
  return TRUE;
}

/**
 * _attrib_json_append_string:
 * @out: the string to append to
 * @str: a NUL-terminated UTF-8 string
 *
 * Appends @str to @out as a JSON string literal.  Only `"`, `\` and
 * control characters are escaped, so the output is the same byte for
 * byte wherever it is produced.
 */
void
_attrib_json_append_string (GString    *out,
                            const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = str;
  const char *p;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL);

  g_string_append_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      char esc;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': esc = '"'; break;
        case '\\': esc = '\\'; break;
        case '\b': esc = 'b'; break;
        case '\f': esc = 'f'; break;
        case '\n': esc = 'n'; break;
        case '\r': esc = 'r'; break;
        case '\t': esc = 't'; break;
        default: esc = 0; break;
        }
      g_string_append_c (out, '\\');
      if (esc != 0)
        g_string_append_c (out, esc);
      else
        {
          g_string_append (out, "u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

gboolean
_attrib_json_fail_at (GError              **error,
                      const char           *filename,
                      const AttribJsonNode *node,
                      const char           *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, "%s:%u:%u: %s",
               filename, node->line, node->column, message);
  return FALSE;
}

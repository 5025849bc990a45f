/* attrib-loader-csv.c: events from a CSV export
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One event per row, the scenario keys as columns (docs/audit-format.md,
 * "CSV"): each row becomes the JSON nodes the scenario reader takes
 * (attrib-loader.c), so a cell's error names its line and column and the
 * same validation applies.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-fraction-private.h"
#include "attrib-json-private.h"
#include "attrib-ledger-private.h"
#include "attrib-loader-private.h"

/* How a column becomes part of an event's JSON form (docs/audit-format.md,
 * "CSV"): a key as it is, a person's name or phone, or a list. */
typedef enum {
  CSV_STRING,
  CSV_NUMBER,
  CSV_BOOLEAN,
  CSV_PERSON_NAME,
  CSV_PERSON_PHONE,
  CSV_AGENTS,                /* "party:rank;party:rank" */
  CSV_PARTIES,               /* "A;B" */
} CsvKind;

typedef struct
{
  const char *column;
  const char *key;
  CsvKind kind;
} CsvColumn;

static const CsvColumn csv_columns[] = {
  { "id", "id", CSV_STRING }, { "type", "type", CSV_STRING }, { "at", "at", CSV_STRING },
  { "seq", "seq", CSV_NUMBER }, { "note", "note", CSV_STRING },
  { "customer_name", "customer", CSV_PERSON_NAME }, { "customer_phone", "customer", CSV_PERSON_PHONE },
  { "purchaser_name", "purchaser", CSV_PERSON_NAME }, { "purchaser_phone", "purchaser", CSV_PERSON_PHONE },
  { "a_name", "a", CSV_PERSON_NAME }, { "a_phone", "a", CSV_PERSON_PHONE },
  { "b_name", "b", CSV_PERSON_NAME }, { "b_phone", "b", CSV_PERSON_PHONE },
  { "referred_by_name", "referred_by", CSV_PERSON_NAME }, { "referred_by_phone", "referred_by", CSV_PERSON_PHONE },
  { "agents", "agents", CSV_AGENTS }, { "parties", "parties", CSV_PARTIES },
  { "verified", "verified", CSV_BOOLEAN },
  { "party", "party", CSV_STRING }, { "against", "against", CSV_STRING }, { "kind", "kind", CSV_STRING },
  { "stage", "stage", CSV_STRING }, { "deal", "deal", CSV_STRING }, { "price", "price", CSV_STRING },
  { "product", "product", CSV_STRING }, { "unit", "unit", CSV_STRING }, { "purpose", "purpose", CSV_STRING },
  { "expected_visit", "expected_visit", CSV_STRING }, { "evidence_at", "evidence_at", CSV_STRING },
  { "filed_at", "filed_at", CSV_STRING }, { "via", "via", CSV_STRING }, { "activity", "activity", CSV_STRING },
  { "by", "by", CSV_STRING }, { "received_by", "received_by", CSV_STRING },
  { "received_with", "received_with", CSV_STRING }, { "designated", "designated", CSV_STRING },
  { "appointment", "appointment", CSV_STRING }, { "token", "token", CSV_STRING },
  { "closed_by", "closed_by", CSV_STRING }, { "helped_by", "helped_by", CSV_STRING },
  { "fine", "fine", CSV_STRING }, { "authority", "authority", CSV_STRING }, { "reason", "reason", CSV_STRING },
  { "date", "date", CSV_STRING },
};

/* One field of the row being read: where it starts, and its text (with
 * quotes resolved) in the row buffer. */
typedef struct
{
  guint line, column;
  gsize start, len;
} CsvField;

typedef struct
{
  const char *p, *end;
  guint line;
  guint column;              /* of *p, in characters, as the JSON reader counts */
  GString *buffer;           /* the row's fields, NUL-separated */
  GArray *fields;            /* CsvField */
} CsvReader;

/* The event of one row, as the JSON nodes the event reader takes. */
typedef struct
{
  GArray *nodes;             /* AttribJsonNode, stable for the row */
  GArray *members;           /* AttribJsonMember */
  GPtrArray *items;          /* AttribJsonNode * */
} CsvRow;

/* Moves past one byte, counting characters (not UTF-8 continuation bytes)
 * and lines. A line ends in LF, CR LF or a lone CR (the old Mac line end
 * that spreadsheets on a Mac still offer), as the JSON reader counts
 * them. */
static inline void
csv_advance (CsvReader *r)
{
  if (*r->p == '\n' || (*r->p == '\r' && (r->p + 1 >= r->end || r->p[1] != '\n')))
    {
      r->line++;
      r->column = 1;
    }
  else if (((guchar) *r->p & 0xC0) != 0x80)
    r->column++;
  r->p++;
}

/* Reads one record into r->fields; FALSE at the end of the data. An
 * unterminated quote is an error. */
static gboolean
csv_read_record (CsvReader   *r,
                 const char  *filename,
                 gboolean    *out_ok,
                 GError     **error)
{
  *out_ok = TRUE;
  g_string_truncate (r->buffer, 0);
  g_array_set_size (r->fields, 0);
  /* skip empty lines */
  while (r->p < r->end && (*r->p == '\n' || *r->p == '\r'))
    csv_advance (r);
  if (r->p >= r->end)
    return FALSE;
  for (;;)
    {
      CsvField f = { r->line, r->column, r->buffer->len, 0 };

      if (r->p < r->end && *r->p == '"')
        {
          guint open_line = r->line, open_column = f.column;

          csv_advance (r);
          for (;;)
            {
              if (r->p >= r->end)
                {
                  g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE,
                               _("%s:%u:%u: this quoted field is not closed"), filename, open_line, open_column);
                  *out_ok = FALSE;
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (r->buffer, '"');
                      csv_advance (r);
                      csv_advance (r);
                      continue;
                    }
                  csv_advance (r);
                  break;
                }
              g_string_append_c (r->buffer, *r->p);
              csv_advance (r);
            }
        }
      else
        {
          const char *s = r->p;

          while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
            {
              r->column += ((guchar) *r->p & 0xC0) != 0x80;
              r->p++;
            }
          g_string_append_len (r->buffer, s, r->p - s);
        }
      f.len = r->buffer->len - f.start;
      if (f.len > ATTRIB_LIMIT_STRING_BYTES)
        {
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("%s:%u:%u: the field is %zu bytes long, more than the limit of 1 MiB"),
                       filename, f.line, f.column, f.len);
          *out_ok = FALSE;
          return FALSE;
        }
      g_string_append_c (r->buffer, '\0');
      g_array_append_val (r->fields, f);
      if (r->p < r->end && *r->p == ',')
        {
          csv_advance (r);
          continue;
        }
      /* the end of the line: LF, CR LF, or CR alone */
      if (r->p < r->end && *r->p == '\r')
        {
          csv_advance (r);
          if (r->p < r->end && *r->p == '\n')
            csv_advance (r);
          return TRUE;
        }
      if (r->p < r->end && *r->p == '\n')
        csv_advance (r);
      else if (r->p < r->end)
        {
          /* an unquoted field ends only at ‘,’ or a line end: this
           * follows a quoted one */
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE,
                       _("%s:%u:%u: expected ‘,’ or the end of the line after a quoted field"),
                       filename, r->line, r->column);
          *out_ok = FALSE;
          return FALSE;
        }
      return TRUE;
    }
}

/* Characters from @from to @to in a cell whose ‘;’ and ‘:’ may have been
 * overwritten with NULs already: they count as the characters they were
 * (g_utf8_strlen() would stop at the first). */
static guint
csv_chars (const char *from,
           const char *to)
{
  guint n = 0;

  for (; from < to; from++)
    n += ((guchar) *from & 0xC0) != 0x80;
  return n;
}

static AttribJsonNode *
csv_node (CsvRow         *row,
          guint           index)
{
  return &g_array_index (row->nodes, AttribJsonNode, index);
}

gboolean
_attrib_loader_load_csv (AttribLedger     *self,
                         const char       *data,
                         gsize             length,
                         const char       *filename,
                         AttribLoadWatch  *watch,
                         GError          **error)
{
  CsvReader r = { data, data + length, 1, 1, g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (CsvField)) };
  CsvRow row = { g_array_new (FALSE, TRUE, sizeof (AttribJsonNode)), g_array_new (FALSE, TRUE, sizeof (AttribJsonMember)),
                 g_ptr_array_new () };
  g_autofree const CsvColumn **columns = NULL;
  Loader loader = { NULL, };
  AttribLedgerMark mark;
  gboolean ok = TRUE;
  guint n_columns, i, number = 0;

  if (filename == NULL)
    filename = "<data>";
  loader.ledger = self;
  loader.filename = filename;
  _attrib_ledger_mark (self, &mark);

  if (length > ATTRIB_LIMIT_INPUT_BYTES)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                   _("%s: the input is %zu bytes, more than the limit of 1 GiB"), filename, length);
      ok = FALSE;
      goto out;
    }

  /* a UTF-8 byte order mark, as spreadsheets write it */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r.p = data + 3;
  if (!g_utf8_validate (r.p, r.end - r.p, NULL))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE, _("%s: the file is not UTF-8 text"), filename);
      ok = FALSE;
      goto out;
    }

  /* the header: known column names, each once, with id, type and at */
  if (!csv_read_record (&r, filename, &ok, error))
    {
      if (ok)
        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                     _("%s:1:1: a CSV file of events starts with a header line (id,type,at,…)"), filename);
      ok = FALSE;
      goto out;
    }
  n_columns = r.fields->len;
  columns = g_new0 (const CsvColumn *, n_columns);
  for (i = 0; i < n_columns; i++)
    {
      const CsvField *f = &g_array_index (r.fields, CsvField, i);
      const char *name = r.buffer->str + f->start;
      guint c, j;

      for (c = 0; c < G_N_ELEMENTS (csv_columns) && !g_str_equal (csv_columns[c].column, name); c++)
        ;
      if (c == G_N_ELEMENTS (csv_columns))
        {
          g_autofree char *shown = _attrib_for_display (name);

          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                       _("%s:%u:%u: unknown column “%s” (the columns are the keys of a scenario's events)"),
                       filename, f->line, f->column, shown);
          ok = FALSE;
          goto out;
        }
      for (j = 0; j < i; j++)
        if (columns[j] == &csv_columns[c])
          {
            g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("%s:%u:%u: column “%s” is given twice"),
                         filename, f->line, f->column, name);
            ok = FALSE;
            goto out;
          }
      columns[i] = &csv_columns[c];
    }

  for (number = 1; ok && (ok = _attrib_load_watch_step (watch, r.p, error)) && csv_read_record (&r, filename, &ok, error);
       number++)
    {
      guint n_members = 0, object;

      if (r.fields->len != n_columns)
        {
          const CsvField *f = &g_array_index (r.fields, CsvField, 0);

          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                       _("%s:%u:%u: this row has %u fields, the header %u"), filename, f->line, 1, r.fields->len,
                       n_columns);
          ok = FALSE;
          break;
        }
      /* nodes first (their array must not move while members point in) */
      g_array_set_size (row.nodes, 1);   /* 0: the event object */
      g_array_set_size (row.members, 0);
      g_ptr_array_set_size (row.items, 0);
      {
        /* one node per field, person objects and agent lists after */
        guint base = 1, n_sub = 0;

        for (i = 0; i < n_columns; i++)
          {
            const CsvField *f = &g_array_index (r.fields, CsvField, i);

            if (f->len == 0)
              continue;
            n_sub++;
            if (columns[i]->kind == CSV_AGENTS || columns[i]->kind == CSV_PARTIES)
              {
                const char *s = r.buffer->str + f->start;

                for (; *s != '\0'; s++)
                  n_sub += *s == ';' ? 3 : 0;
                n_sub += 3;
              }
          }
        g_array_set_size (row.nodes, base + 2 * n_sub + 16);
        g_array_set_size (row.members, n_columns + 2 * n_sub + 16);
        g_ptr_array_set_size (row.items, n_sub + 4);
      }
      {
        guint next_node = 1, next_member = 0, next_item = 0;
        AttribJsonMember *event_members;
        guint n_person = 0;
        struct { const char *key; guint node; } persons[5];

        /* the event's own members come first in row.members; reserve them */
        event_members = &g_array_index (row.members, AttribJsonMember, 0);
        next_member = n_columns;
        for (i = 0; i < n_columns; i++)
          {
            const CsvField *f = &g_array_index (r.fields, CsvField, i);
            char *text = r.buffer->str + f->start;
            AttribJsonNode *v;
            guint p;

            if (f->len == 0)
              continue;
            switch (columns[i]->kind)
              {
              case CSV_PERSON_NAME:
              case CSV_PERSON_PHONE:
                {
                  AttribJsonMember *m;
                  AttribJsonNode *person;

                  for (p = 0; p < n_person && !g_str_equal (persons[p].key, columns[i]->key); p++)
                    ;
                  if (p == n_person)
                    {
                      persons[p].key = columns[i]->key;
                      persons[p].node = next_node++;
                      person = csv_node (&row, persons[p].node);
                      memset (person, 0, sizeof *person);
                      person->kind = ATTRIB_JSON_OBJECT;
                      person->line = f->line;
                      person->column = f->column;
                      person->object.members = &g_array_index (row.members, AttribJsonMember, next_member);
                      next_member += 2;
                      event_members[n_members].key = columns[i]->key;
                      event_members[n_members].line = f->line;
                      event_members[n_members].column = f->column;
                      event_members[n_members].value = person;
                      n_members++;
                      n_person++;
                    }
                  person = csv_node (&row, persons[p].node);
                  m = &person->object.members[person->object.n_members++];
                  v = csv_node (&row, next_node++);
                  v->kind = ATTRIB_JSON_STRING;
                  v->line = f->line;
                  v->column = f->column;
                  v->string.str = text;
                  v->string.len = f->len;
                  m->key = columns[i]->kind == CSV_PERSON_NAME ? "name" : "phone";
                  m->line = f->line;
                  m->column = f->column;
                  m->value = v;
                  continue;
                }
              case CSV_AGENTS:
              case CSV_PARTIES:
                {
                  AttribJsonNode *list = csv_node (&row, next_node++);
                  char *s = text;

                  list->kind = ATTRIB_JSON_ARRAY;
                  list->line = f->line;
                  list->column = f->column;
                  list->array.items = (AttribJsonNode **) &row.items->pdata[next_item];
                  list->array.n_items = 0;
                  for (;;)
                    {
                      char *end = strchr (s, ';');
                      AttribJsonNode *party;
                      guint column = f->column + csv_chars (text, s);

                      if (end != NULL)
                        *end = '\0';
                      party = csv_node (&row, next_node++);
                      party->kind = ATTRIB_JSON_STRING;
                      party->line = f->line;
                      party->column = column;
                      party->string.str = g_strstrip (s);
                      party->string.len = strlen (party->string.str);
                      if (columns[i]->kind == CSV_AGENTS)
                        {
                          /* {"party": …, "rank": n} */
                          AttribJsonNode *agent = csv_node (&row, next_node++);
                          AttribJsonMember *am = &g_array_index (row.members, AttribJsonMember, next_member);
                          char *colon = strrchr ((char *) party->string.str, ':');

                          agent->kind = ATTRIB_JSON_OBJECT;
                          agent->line = f->line;
                          agent->column = column;
                          agent->object.members = am;
                          agent->object.n_members = 1;
                          am[0].key = "party";
                          am[0].line = f->line;
                          am[0].column = column;
                          am[0].value = party;
                          next_member++;
                          if (colon != NULL)
                            {
                              AttribJsonNode *rank = csv_node (&row, next_node++);

                              *colon = '\0';
                              party->string.len = strlen (party->string.str);
                              rank->kind = ATTRIB_JSON_NUMBER;
                              rank->line = f->line;
                              rank->column = column + (guint) g_utf8_strlen (party->string.str, -1) + 1;
                              rank->number = colon + 1;
                              am[1].key = "rank";
                              am[1].line = f->line;
                              am[1].column = rank->column;
                              am[1].value = rank;
                              agent->object.n_members = 2;
                              next_member++;
                            }
                          row.items->pdata[next_item++] = agent;
                        }
                      else
                        row.items->pdata[next_item++] = party;
                      list->array.n_items++;
                      if (end == NULL)
                        break;
                      s = end + 1;
                    }
                  v = list;
                  break;
                }
              case CSV_NUMBER:
                v = csv_node (&row, next_node++);
                v->kind = ATTRIB_JSON_NUMBER;
                v->line = f->line;
                v->column = f->column;
                v->number = text;
                break;
              case CSV_BOOLEAN:
                v = csv_node (&row, next_node++);
                v->kind = ATTRIB_JSON_BOOLEAN;
                v->line = f->line;
                v->column = f->column;
                if (g_str_equal (text, "true"))
                  v->boolean = TRUE;
                else if (g_str_equal (text, "false"))
                  v->boolean = FALSE;
                else
                  {
                    g_autofree char *shown = _attrib_for_display (text);

                    g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                                 _("%s:%u:%u: “%s” is true or false, not “%s”"), filename, f->line, f->column,
                                 columns[i]->column, shown);
                    ok = FALSE;
                    goto out;
                  }
                break;
              case CSV_STRING:
              default:
                v = csv_node (&row, next_node++);
                v->kind = ATTRIB_JSON_STRING;
                v->line = f->line;
                v->column = f->column;
                v->string.str = text;
                v->string.len = f->len;
                break;
              }
            event_members[n_members].key = columns[i]->key;
            event_members[n_members].line = f->line;
            event_members[n_members].column = f->column;
            event_members[n_members].value = v;
            n_members++;
          }
        object = 0;
        csv_node (&row, object)->kind = ATTRIB_JSON_OBJECT;
        csv_node (&row, object)->line = g_array_index (r.fields, CsvField, 0).line;
        csv_node (&row, object)->column = 1;
        csv_node (&row, object)->object.members = event_members;
        csv_node (&row, object)->object.n_members = n_members;
      }
      loader.event_number = number;
      ok = _attrib_loader_load_event (&loader, csv_node (&row, 0), ATTRIB_TIME_MAX, error);
    }
out:
  if (!ok)
    _attrib_ledger_rollback (self, &mark);
  _attrib_loader_clear (&loader);
  g_string_free (r.buffer, TRUE);
  g_array_unref (r.fields);
  g_array_unref (row.nodes);
  g_array_unref (row.members);
  g_ptr_array_unref (row.items);
  return ok;
}

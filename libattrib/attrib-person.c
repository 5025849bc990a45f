/* attrib-person.c: a customer as the ledger resolved them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "attrib-person-private.h"

/**
 * AttribPerson:
 *
 * A customer as a [class@Attrib.Ledger] resolved them: every phone joined
 * by identity links (同一客户不同联系方式) and every name written with
 * those phones.
 *
 * Customers are identified by phone (rules catalog, "Identity"): records
 * with the same phone are the same person whatever the name, records with
 * the same name and different phones are namesakes (重名), and a record
 * with a name and no phone matches the one person of that exact name. A
 * person is a snapshot: its id is valid for the ledger that returned it,
 * as long as no event is added.
 */

struct _AttribPerson
{
  gatomicrefcount ref_count;
  guint id;
  char **phones;
  char **names;
};

G_DEFINE_BOXED_TYPE (AttribPerson, attrib_person, attrib_person_ref, attrib_person_unref)

AttribPerson *
_attrib_person_new (guint      id,
                    GPtrArray *phones,
                    GPtrArray *names)
{
  AttribPerson *self = g_new0 (AttribPerson, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->id = id;
  g_ptr_array_add (phones, NULL);
  g_ptr_array_add (names, NULL);
  self->phones = (char **) g_ptr_array_free (phones, FALSE);
  self->names = (char **) g_ptr_array_free (names, FALSE);
  return self;
}

/**
 * attrib_person_ref:
 * @self: a person
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribPerson *
attrib_person_ref (AttribPerson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_person_unref:
 * @self: (transfer full): a person
 *
 * Releases a reference.
 */
void
attrib_person_unref (AttribPerson *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->phones);
      g_strfreev (self->names);
      g_free (self);
    }
}

/**
 * attrib_person_get_id:
 * @self: a person
 *
 * The person's id in its ledger. Ids are dense (0 to
 * [method@Attrib.Ledger.get_n_persons] − 1) and do not depend on the order
 * events were added in: persons are numbered by their smallest phone, then
 * persons known only by name, by name, then persons known only by a masked
 * phone, by mask.
 *
 * Returns: the person's id
 */
guint
attrib_person_get_id (AttribPerson *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->id;
}

/**
 * attrib_person_get_phones:
 * @self: a person
 *
 * The normalised phones of the person, sorted. A person known only by a
 * masked phone that matches nobody has that mask as its only phone; a
 * person known only by name has none.
 *
 * Returns: (transfer none) (array zero-terminated=1): the phones
 */
const char * const *
attrib_person_get_phones (AttribPerson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->phones;
}

/**
 * attrib_person_get_names:
 * @self: a person
 *
 * The distinct names written for the person, sorted by byte order.
 *
 * Returns: (transfer none) (array zero-terminated=1): the names
 */
const char * const *
attrib_person_get_names (AttribPerson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->names;
}

/**
 * attrib_person_get_display_name:
 * @self: a person
 *
 * A name to show: the first name, else the first phone.
 *
 * Returns: (transfer none): a name for the person
 */
const char *
attrib_person_get_display_name (AttribPerson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->names[0] != NULL)
    return self->names[0];
  if (self->phones[0] != NULL)
    return self->phones[0];
  return "";
}

/**
 * attrib_person_equal:
 * @self: a person
 * @other: another person of the same ledger
 *
 * Whether both are the same person.
 *
 * Returns: whether both are the same person
 */
gboolean
attrib_person_equal (AttribPerson *self,
                     AttribPerson *other)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);
  return self->id == other->id;
}

/* test-event.c: the event value type
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <attrib/attrib.h>

static void
test_boxed (void **state)
{
  AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "v1", 42);
  AttribEvent *copy;
  GValue value = G_VALUE_INIT;

  assert_true (G_TYPE_IS_BOXED (ATTRIB_TYPE_EVENT));
  g_value_init (&value, ATTRIB_TYPE_EVENT);
  g_value_set_boxed (&value, ev);
  copy = g_value_dup_boxed (&value);
  assert_ptr_equal (copy, ev);   /* boxed copy is a reference */
  g_value_unset (&value);
  attrib_event_unref (copy);

  assert_int_equal (attrib_event_get_event_type (ev), ATTRIB_EVENT_TYPE_VISIT);
  assert_string_equal (attrib_event_get_id (ev), "v1");
  assert_true (attrib_event_get_at (ev) == 42);
  attrib_event_unref (ev);
}

static void
test_visit_fields (void **state)
{
  g_autoptr(AttribEvent) ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "v", 0);
  const char *name, *phone, *original;
  int rank;

  attrib_event_add_agent (ev, "lianjia/a", -1);
  attrib_event_add_agent (ev, "5i5j/b", -1);
  attrib_event_add_agent (ev, "c/c", 0);
  assert_int_equal (attrib_event_get_n_agents (ev), 3);
  assert_string_equal (attrib_event_get_agent (ev, 1, &rank), "5i5j/b");
  assert_int_equal (rank, 1);   /* -1: the position */
  attrib_event_get_agent (ev, 2, &rank);
  assert_int_equal (rank, 0);

  attrib_event_add_companion (ev, "赵六", "13600136000", ATTRIB_RELATION_KIND_SPOUSE);
  assert_int_equal (attrib_event_get_companion (ev, 0, &name, &phone), ATTRIB_RELATION_KIND_SPOUSE);
  assert_string_equal (name, "赵六");
  assert_string_equal (phone, "13600136000");

  assert_int_equal (attrib_event_get_recognised (ev, &original), ATTRIB_RECOGNISED_NONE);
  attrib_event_set_recognised (ev, ATTRIB_RECOGNISED_AFTER, "A/a01");
  assert_int_equal (attrib_event_get_recognised (ev, &original), ATTRIB_RECOGNISED_AFTER);
  assert_string_equal (original, "A/a01");

  attrib_event_set_referred_by (ev, "老客户", NULL);
  assert_string_equal (attrib_event_get_referred_by_name (ev), "老客户");
  assert_null (attrib_event_get_referred_by_phone (ev));

  attrib_event_set_received_by (ev, "developer");
  attrib_event_set_received_by (ev, NULL);   /* unset again */
  assert_null (attrib_event_get_received_by (ev));
}

static void
test_optional_values (void **state)
{
  g_autoptr(AttribEvent) ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, "d", 0);
  g_autoptr(AttribEvent) roster = attrib_event_new (ATTRIB_EVENT_TYPE_ROSTER, "o", 100);
  const char * const *parties;
  gint64 fen = -1;
  AttribTime t = -1;

  assert_false (attrib_event_get_price (ev, &fen));
  attrib_event_set_price (ev, 0);
  assert_true (attrib_event_get_price (ev, &fen));
  assert_true (fen == 0);
  assert_int_equal (attrib_event_get_product (ev), ATTRIB_PRODUCT_RESIDENTIAL);

  assert_non_null (attrib_event_get_sanctioned_parties (ev));
  assert_null (attrib_event_get_sanctioned_parties (ev)[0]);
  attrib_event_add_sanctioned_party (ev, "a");
  attrib_event_add_sanctioned_party (ev, "b/c");
  parties = attrib_event_get_sanctioned_parties (ev);
  assert_string_equal (parties[0], "a");
  assert_string_equal (parties[1], "b/c");
  assert_null (parties[2]);

  /* a roster without filing time was filed when it happened */
  assert_false (attrib_event_get_filed_at (roster, &t));
  assert_true (t == 100);
  attrib_event_add_roster_member (roster, "A", "a01");
  attrib_event_add_roster_member (roster, "A", "A/a02");
  assert_string_equal (attrib_event_get_roster_member (roster, 0, NULL), "A/a01");
  assert_string_equal (attrib_event_get_roster_member (roster, 1, NULL), "A/a02");
}

static void
test_enum_nicks_are_file_vocabulary (void **state)
{
  g_autoptr(GEnumClass) types = g_type_class_ref (ATTRIB_TYPE_EVENT_TYPE);
  g_autoptr(GEnumClass) stages = g_type_class_ref (ATTRIB_TYPE_DEAL_STAGE);
  g_autoptr(GEnumClass) purposes = g_type_class_ref (ATTRIB_TYPE_VISIT_PURPOSE);
  g_autoptr(GFlagsClass) masks = g_type_class_ref (ATTRIB_TYPE_EVENT_MASK);

  assert_int_equal (g_enum_get_value_by_nick (types, "follow_up")->value, ATTRIB_EVENT_TYPE_FOLLOW_UP);
  assert_int_equal (g_enum_get_value_by_nick (types, "roster")->value, ATTRIB_EVENT_TYPE_ROSTER);
  assert_int_equal (g_enum_get_value_by_nick (stages, "unit_changed")->value, ATTRIB_DEAL_STAGE_UNIT_CHANGED);
  assert_int_equal (g_enum_get_value_by_nick (purposes, "deposit_or_signing")->value,
                    ATTRIB_VISIT_PURPOSE_DEPOSIT_OR_SIGNING);
  assert_int_equal (masks->mask, ATTRIB_EVENT_MASK_ALL);
  assert_true (ATTRIB_EVENT_MASK_ROSTER == 1 << ATTRIB_EVENT_TYPE_ROSTER);
}

/* The ledger range-checks enum values: every enum must count from 0
 * without gaps, its last value being the one the ledger names. */
static void
test_enums_are_dense (void **state)
{
  struct { GType type; int last; } enums[] = {
    { ATTRIB_TYPE_EVENT_TYPE, ATTRIB_EVENT_TYPE_ROSTER },
    { ATTRIB_TYPE_REPORT_STAGE, ATTRIB_REPORT_STAGE_RENEWAL },
    { ATTRIB_TYPE_VISIT_KIND, ATTRIB_VISIT_KIND_CALL },
    { ATTRIB_TYPE_VISIT_PURPOSE, ATTRIB_VISIT_PURPOSE_LEAFLET_ONLY },
    { ATTRIB_TYPE_RECOGNISED, ATTRIB_RECOGNISED_AFTER },
    { ATTRIB_TYPE_INTERACTION_KIND, ATTRIB_INTERACTION_KIND_FOLLOW_UP },
    { ATTRIB_TYPE_RELATION_KIND, ATTRIB_RELATION_KIND_EXECUTIVE },
    { ATTRIB_TYPE_DEAL_STAGE, ATTRIB_DEAL_STAGE_PAID },
    { ATTRIB_TYPE_SKIP_REASON, ATTRIB_SKIP_REASON_OFFICIAL },
    { ATTRIB_TYPE_PRODUCT, ATTRIB_PRODUCT_PARKING },
    { ATTRIB_TYPE_SANCTION_KIND, ATTRIB_SANCTION_KIND_LIST_REPORT },
  };
  guint i;
  int v;

  for (i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i].type);

      assert_int_equal (klass->n_values, enums[i].last + 1);
      for (v = 0; v <= enums[i].last; v++)
        assert_non_null (g_enum_get_value (klass, v));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_boxed),
    cmocka_unit_test (test_visit_fields),
    cmocka_unit_test (test_optional_values),
    cmocka_unit_test (test_enum_nicks_are_file_vocabulary),
    cmocka_unit_test (test_enums_are_dense),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}

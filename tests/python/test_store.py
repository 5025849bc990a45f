#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The store from Python (docs/live.md, "The store"): the ten lines of the
# guide, receipts and proofs that verify and fail once altered, a store
# reopened, closed periods, hashed phones and errors naming the file.

import json
import os
import shutil
import tempfile
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")
KEY = bytes(range(32))


def report(id, at, party, phone="13800138000"):
    return {"id": id, "type": "report", "at": at, "party": party,
            "customer": {"name": "李四", "phone": phone}}


class StoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="test-store-")
        self.path = os.path.join(self.dir, "project.attrib")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_guide(self):
        # docs/live.md: open a store, append a report and print its
        # receipt, ask the desk, verify the receipt's inclusion proof
        store = Attrib.Store.create(self.path, "joint-agency")
        store.set_signing_key(KEY)
        receipt = store.append_row(report("r1", "2024-03-01T10:00:00+08:00", "lianjia/zhang"))
        print(receipt.to_json())
        claim = store.check("5i5j/liu", "13800138000", at="2024-03-02T10:00:00+08:00")
        proof = store.prove_inclusion(receipt.get_position(), 0)
        self.assertTrue(receipt.verify(store.get_public_key(), proof, store.get_tree_head(0)))

        self.assertEqual((claim.get_state(), claim.get_holder()), (Attrib.ClaimState.ACTIVE, "lianjia/zhang"))
        self.assertTrue(receipt.get_accepted())
        self.assertEqual(receipt.get_holder(), "lianjia/zhang")
        self.assertEqual(receipt.to_dict()["tree"]["size"], 1)

    def test_rejected_report_and_proofs(self):
        store = Attrib.Store.create(self.path, "joint-agency")
        store.set_signing_key(KEY)
        key = store.get_public_key()
        first = store.append_row(report("r1", "2024-03-01T10:00:00+08:00", "lianjia/zhang"))
        second = store.append_row(report("r2", "2024-03-03T10:00:00+08:00", "5i5j/liu"))
        self.assertFalse(second.get_accepted())
        self.assertIn("(三.1)", second.get_reason())
        for i in range(3, 40):
            store.append_row(report("r%d" % i, "2024-03-04T10:%02d:00+08:00" % i, "x/y", "1390000%04d" % i))
        self.assertEqual(len(store), 39)

        # a channel holds its receipt and the head it was given; later it
        # asks for a proof against the log as it is now
        held = Attrib.Receipt.new_from_json(second.to_json())
        head = store.get_tree_head(0)
        proof = Attrib.Proof.new_from_json(store.prove_inclusion(1, 0).to_json())
        self.assertLessEqual(proof.get_n_hashes(), 6)
        self.assertTrue(held.verify(key, proof, head))
        # the first receipt is not at position 1
        with self.assertRaises(GLib.Error) as raised:
            first.verify(key, proof, head)
        self.assertEqual(raised.exception.code, Attrib.Error.VERIFY)
        # the log now extends the one the receipt was given with
        consistency = store.prove_consistency(2, 0)
        self.assertTrue(consistency.verify_consistency(second.get_tree_head(), head))

        # a receipt whose record was edited does not load
        forged = second.to_dict()
        forged["record"] = forged["record"].replace("5i5j/liu", "5i5j/wang")
        with self.assertRaises(GLib.Error) as raised:
            Attrib.Receipt.new_from_json(json.dumps(forged, ensure_ascii=False))
        self.assertEqual(raised.exception.code, Attrib.Error.VERIFY)
        # a decision changed: its leaf covers it
        forged = second.to_dict()
        forged["accepted"] = True
        del forged["reason"]
        with self.assertRaises(GLib.Error) as raised:
            Attrib.Receipt.new_from_json(json.dumps(forged, ensure_ascii=False, separators=(",", ":")))
        self.assertEqual(raised.exception.code, Attrib.Error.VERIFY)

    def test_reopen_import_and_periods(self):
        store = Attrib.Store.create(self.path, "junyuan-2012")
        self.assertEqual(store.import_file(SAMPLE), 27)
        self.assertEqual(store.import_file(SAMPLE), 0)
        root = store.get_tree_head(0).get_root()
        statements = store.close_period("2024-03")
        recorded = store.get_closed_statements("2024-03")
        self.assertEqual(sorted(s.to_json() for s in statements), sorted(recorded))
        with self.assertRaises(GLib.Error) as raised:
            store.append_row(report("late", "2024-03-31T12:00:00+08:00", "x/y"))
        self.assertEqual(raised.exception.code, Attrib.Error.CLOSED_PERIOD)
        del store

        store = Attrib.Store.open(self.path)
        self.assertEqual(len(store), 27)
        self.assertEqual(store.get_tree_head(0).get_root(), root)
        self.assertEqual(store.get_closed_period(), "2024-03")
        self.assertTrue(store.verify(None))
        # one writer at a time; readers beside it
        with self.assertRaises(GLib.Error) as raised:
            Attrib.Store.open(self.path)
        self.assertEqual(raised.exception.code, Attrib.Error.BUSY)
        self.assertIn(self.path, raised.exception.message)
        reader = Attrib.Store.open(self.path, Attrib.StoreFlags.READ_ONLY)
        self.assertEqual(len(reader), 27)

    def test_hashed_phones_and_errors(self):
        store = Attrib.Store.create(self.path, "joint-agency", phone_key=b"sixteen bytes at least")
        receipt = store.append_row(report("r1", "2024-03-01T10:00:00+08:00", "lianjia/zhang", "13812345678"))
        self.assertNotIn("12345678", receipt.to_json())
        self.assertTrue(store.get_phones_hashed())
        self.assertEqual(store.check("5i5j/liu", "13812345678", at="2024-03-02T10:00:00+08:00").get_holder(), "lianjia/zhang")
        del store
        with self.assertRaises(GLib.Error) as raised:
            Attrib.Store.open(self.path)
        self.assertEqual(raised.exception.code, Attrib.Error.INVALID_KEY)

        text = os.path.join(self.dir, "text.json")
        with open(text, "w") as f:
            f.write("[]")
        with self.assertRaises(GLib.Error) as raised:
            Attrib.Store.open(text)
        self.assertEqual(raised.exception.code, Attrib.Error.NOT_A_STORE)
        self.assertIn(text, raised.exception.message)


if __name__ == "__main__":
    unittest.main()

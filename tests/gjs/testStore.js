// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The store from gjs (docs/live.md, "The store"): a report appended with
// a signed receipt, its inclusion proof against the log's head, a
// reopened store, and a receipt that no longer verifies once altered.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import {check, assertEqual, time, finish} from './harness.js';

function report(id, at, party) {
    const r = Attrib.Event.new(Attrib.EventType.REPORT, id, time(at));
    r.set_customer('李四', '13800138000');
    r.set_party(party);
    return r;
}

check('a receipt and its proof verify, an altered one does not', () => {
    const dir = GLib.dir_make_tmp('test-store-XXXXXX');
    const path = GLib.build_filenamev([dir, 'project.attrib']);
    let store = Attrib.Store.create(path, Attrib.Profile.new_builtin('joint-agency'), null);
    store.set_signing_key(new GLib.Bytes(new Uint8Array(32).map((_, i) => i)));
    const key = store.get_public_key();

    const first = store.append(report('r1', '2024-03-01T10:00:00+08:00', 'lianjia/zhang'));
    const second = store.append(report('r2', '2024-03-03T10:00:00+08:00', '5i5j/liu'));
    assertEqual(first.get_accepted(), true);
    assertEqual(first.get_holder(), 'lianjia/zhang');
    assertEqual(second.get_accepted(), false);
    for (let i = 3; i < 12; i++)
        store.append(report(`r${i}`, `2024-03-04T10:${10 + i}:00+08:00`, 'x/y'));

    const head = store.get_tree_head(0);
    assertEqual(head.get_size(), 11);
    const proof = store.prove_inclusion(1, 0);
    const held = Attrib.Receipt.new_from_json(second.to_json(), -1);
    assertEqual(held.verify(key, proof, head), true);

    const forged = JSON.parse(second.to_json());
    forged.accepted = true;
    delete forged.reason;
    let failed = null;
    try {
        // the decision is in the leaf: the receipt no longer loads
        const changed = Attrib.Receipt.new_from_json(JSON.stringify(forged), -1);
        changed.verify(key, proof, head);
    } catch (e) {
        failed = e;
    }
    assertEqual(failed !== null && failed.matches(Attrib.Error, Attrib.Error.VERIFY), true);

    store = null;
    imports.system.gc();
    const reader = Attrib.Store.open(path, Attrib.StoreFlags.READ_ONLY, null);
    assertEqual(reader.get_size(), 11);
    assertEqual(reader.get_tree_head(0).get_root(), head.get_root());
    assertEqual(reader.verify(head), true);
    for (const name of ['project.attrib', 'project.attrib-wal', 'project.attrib-shm'])
        GLib.unlink(GLib.build_filenamev([dir, name]));
    GLib.rmdir(dir);
});

finish();

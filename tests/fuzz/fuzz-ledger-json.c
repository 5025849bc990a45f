/* fuzz-ledger-json.c: events as JSON (docs/audit-format.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a scenario object or a bare array of events, for
 * attrib_ledger_load_data(). A file it refuses must leave the ledger as it
 * was (checked on a ledger that has other events); a file it accepts is
 * frozen, read back, added again in reverse order (which must change
 * nothing), and every built-in profile attributes its deals — the same
 * verdicts, byte for byte, for both orders — and then the commission of
 * the sample project's plans and, where the file has rosters, the
 * reception rotation.
 */

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_ledger_input (attrib_ledger_load_data, data, size, "fuzz-events.json");
}

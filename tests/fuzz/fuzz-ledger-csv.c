/* fuzz-ledger-csv.c: events as a CRM's CSV export (docs/audit-format.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: CSV text for attrib_ledger_load_csv(): a header of event keys,
 * one event per row. Checked as fuzz-ledger-json.c checks JSON events: a
 * file refused leaves the ledger as it was; a file accepted is read back,
 * added again in reverse order, and attributed under every built-in
 * profile, with commission and rotation.
 */

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_ledger_input (attrib_ledger_load_csv, data, size, "fuzz-events.csv");
}

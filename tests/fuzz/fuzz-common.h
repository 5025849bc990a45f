/* fuzz-common.h: what the fuzz targets of tests/fuzz share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every target defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true
 * it is linked with libFuzzer (-fsanitize=fuzzer); otherwise with
 * fuzz-driver.c, whose main() runs it over files and folders, so that the
 * checked-in corpora run as ordinary meson tests.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* Defined by each target. */
int           LLVMFuzzerTestOneInput     (const uint8_t  *data,
                                          size_t          size);

/* Makes every GLib warning and critical fatal (as G_DEBUG=fatal-warnings
 * does: bad input must give a GError, never a message), keeps the engine
 * on one thread and GIO away from its modules. Idempotent. */
void          fuzz_init                  (void);

/* @data as a NUL-terminated string (which ends at its first NUL, if any). */
char         *fuzz_strndup               (const uint8_t  *data,
                                          size_t          size);

/* Checks an error that bad input gave: set, in the library's domain (or
 * GIO's or GLib's file domains), with a message of valid UTF-8 (bindings
 * turn it into a string); frees it and clears *@error. */
void          fuzz_check_error           (GError        **error);

/* A private, empty folder for the run (removed at exit). */
const char   *fuzz_tmp_dir               (void);

/* The built-in profiles, loaded once, and the commission plans of
 * tests/data/sample-project.json. Owned by the fuzz code. */
GPtrArray    *fuzz_builtin_profiles      (void);
GPtrArray    *fuzz_sample_plans          (void);
AttribProfile *fuzz_builtin_profile      (const char     *id);

/* tests/data/sample-project.json (a channel project) and
 * tests/data/sales-office.json (a sales office with rosters), as ledgers
 * read in @time_zone (NULL: the default zone); frozen. The default-zone
 * ledgers are cached, the others are new. */
AttribLedger *fuzz_sample_ledger         (const char     *time_zone,
                                          gboolean        office);

typedef gboolean (*FuzzLoadFunc) (AttribLedger  *ledger,
                                  const char    *data,
                                  gssize         length,
                                  const char    *filename,
                                  GError       **error);

/* Loading is all or nothing: @load of @data, which failed on an empty
 * ledger, must leave a ledger with other events as it was (the same
 * events, persons and verdict). */
void          fuzz_check_rollback        (FuzzLoadFunc    load,
                                          const char     *data,
                                          gsize           size);

/* The whole of fuzz-ledger-json and fuzz-ledger-csv: @load of @data into
 * a new ledger; if it fails, fuzz_check_rollback(); if it succeeds,
 * fuzz_exercise_ledger() and, under every built-in profile,
 * fuzz_exercise_engine() and fuzz_exercise_rotation(), then
 * fuzz_exercise_calculator() with the sample's plans. */
int           fuzz_ledger_input          (FuzzLoadFunc    load,
                                          const uint8_t  *data,
                                          size_t          size,
                                          const char     *filename);

/* What follows a successful load. */

/* Freezes @ledger, reads back every event and person and makes the
 * queries a script makes; the events read back, added to a new ledger in
 * reverse order, must give the same canonical order and persons. Returns
 * that ledger (frozen) for fuzz_exercise_engine(). */
AttribLedger *fuzz_exercise_ledger       (AttribLedger   *ledger);

/* Attributes every deal of @ledger under @profile (verdicts, traces,
 * JSON, fingerprints), asks for every report whether it was accepted, the
 * claims of every person, and the sales desk's check of every visit. If
 * @compare is a ledger with the same events, its verdicts must be the
 * same. */
void          fuzz_exercise_engine       (AttribProfile  *profile,
                                          AttribLedger   *ledger,
                                          AttribLedger   *compare);

/* The reception rotation of every day with a roster in @ledger. */
void          fuzz_exercise_rotation     (AttribProfile  *profile,
                                          AttribLedger   *ledger);

/* Commission lines of @ledger under @profile and @plans, and the
 * statements of every month that has a line. */
void          fuzz_exercise_calculator   (AttribProfile  *profile,
                                          GPtrArray      *plans,
                                          AttribLedger   *ledger);

G_END_DECLS

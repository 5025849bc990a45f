#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every file the attrib tool reads is read with a bound (issue 17, item 4).
# The 1 GiB input limit was checked on the file's size only: `attrib
# attribute /dev/zero` grew to 4.2 GB and then said "Error reading from
# file: Bad address" without naming the file; `--phone-key /dev/zero` read
# without end; a pipe of more than 1 GiB was refused only once it was all
# in memory. Now reading stops as soon as the limit is passed (1 GiB for
# an input, 4096 bytes for a key file) and the error names the file; the
# peak resident memory of each run is checked (a 1 GiB input buffer, and
# room for a sanitizer's own memory). tests/test-read.c checks every
# reader of the library with a lowered limit.

import fcntl
import os
import subprocess
import tempfile
import threading
import unittest

TOOL = os.environ["ATTRIB_TOOL"]
DATA = os.environ["ATTRIB_TEST_DATA"]
SAMPLE = os.path.join(DATA, "sample-project.json")

# Peak resident memory, in KiB as ru_maxrss gives it on Linux: one buffer
# of the 1 GiB limit (1.0 GiB measured), where the tool before grew to
# 4.2 GB; under AddressSanitizer, whose realloc copies the buffer as it
# grows (the old one and the new, and their shadow: 2.2 GiB measured),
# three times the limit. A key file's bound is 4 KiB: no more than the
# tool's own few megabytes (6.7 MB measured, 23 MB with the sanitizer).
SANITIZED = os.environ.get("ATTRIB_SANITIZE", "none") not in ("", "none")
PEAK_INPUT = (3 if SANITIZED else 1.25) * (1 << 20)
PEAK_KEY = 128 * 1024


def run(args, stdin=subprocess.DEVNULL, feed=None):
    """Runs the tool; returns (status, stderr text, peak resident KiB).
    With @feed, a thread writes its chunks to the tool's standard input
    until the tool stops reading."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        writer = None
        if feed:
            r, w = os.pipe()
            try:
                # a pipe of 1 MiB, not 64 KiB: a gibibyte in fewer reads
                fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 1 << 20)
            except (AttributeError, OSError):
                pass
            proc = subprocess.Popen([TOOL] + args, stdin=r, stdout=out, stderr=err)
            os.close(r)

            def write():
                try:
                    for chunk in feed():
                        os.write(w, chunk)
                except OSError:
                    pass                # the tool stopped reading
                finally:
                    os.close(w)
            writer = threading.Thread(target=write)
            writer.start()
        else:
            proc = subprocess.Popen([TOOL] + args, stdin=stdin, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if writer is not None:
            writer.join()
        err.seek(0)
        return proc.returncode, err.read().decode("utf-8", "replace"), usage.ru_maxrss


def endless():
    chunk = b" " * (1 << 20)
    while True:
        yield chunk


class Reads(unittest.TestCase):
    @unittest.skipUnless(os.path.exists("/dev/zero"), "no /dev/zero")
    def test_dev_zero(self):
        status, err, peak = run(["attribute", "/dev/zero"])
        self.assertEqual(status, 1, err)
        self.assertEqual(err, "attrib attribute: /dev/zero: the input is more than the limit of 1 GiB "
                              "(reading stopped there)\n")
        self.assertLess(peak, PEAK_INPUT)

    def test_endless_pipe(self):
        # more than 1 GiB through a pipe: refused once the limit is passed,
        # not when the pipe ends (this one never does)
        status, err, peak = run(["attribute", "/dev/stdin"], feed=endless)
        self.assertEqual(status, 1, err)
        self.assertEqual(err, "attrib attribute: /dev/stdin: the input is more than the limit of 1 GiB "
                              "(reading stopped there)\n")
        self.assertLess(peak, PEAK_INPUT)

    @unittest.skipUnless(os.path.exists("/dev/zero"), "no /dev/zero")
    def test_phone_key_dev_zero(self):
        status, err, peak = run(["--phone-key", "/dev/zero", "attribute", SAMPLE])
        self.assertEqual(status, 2, err)
        self.assertEqual(err, "attrib: /dev/zero: a key file has at most 4096 bytes, this one has more: "
                              "is it the right file?\n")
        self.assertLess(peak, PEAK_KEY)

    @unittest.skipUnless(os.path.exists("/dev/zero"), "no /dev/zero")
    def test_signing_key_dev_zero(self):
        with tempfile.TemporaryDirectory(prefix="attrib-reads-") as d:
            store = os.path.join(d, "p.db")
            status, err, peak = run(["store", "create", store, "--profile", "junyuan-2012",
                                     "--signing-key", "/dev/zero"])
            self.assertEqual(status, 1, err)
            self.assertIn("/dev/zero: a key file has at most 4096 bytes", err)
            self.assertLess(peak, PEAK_KEY)
            self.assertFalse(os.path.exists(store))

    def test_phone_key_of_a_few_bytes_more_than_the_bound(self):
        # the bound is the key file's, whatever it holds
        with tempfile.TemporaryDirectory(prefix="attrib-reads-") as d:
            key = os.path.join(d, "phone.key")
            with open(key, "wb") as f:
                f.write(b"k" * 4097)
            status, err, _ = run(["--phone-key", key, "attribute", SAMPLE])
            self.assertEqual(status, 2, err)
            self.assertIn("phone.key: a key file has at most 4096 bytes", err)
            with open(key, "wb") as f:
                f.write(b"k" * 4096)
            status, err, _ = run(["--phone-key", key, "attribute", SAMPLE])
            self.assertEqual(status, 0, err)


if __name__ == "__main__":
    unittest.main()

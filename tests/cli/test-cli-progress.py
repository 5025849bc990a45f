#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The tool's progress line and --threads (issue 19): `attrib attribute`
# and `attrib store import` show how far they have come on standard error
# when it is a terminal (a pseudo-terminal here), for work over a second
# (ATTRIB_PROGRESS_AFTER_MS=0 shows it at once); standard output is byte
# for byte the same as when standard error is a pipe, and a pipe gets no
# progress at all. --threads N and ATTRIB_THREADS give the same verdicts.

import os
import pty
import subprocess
import tempfile
import unittest

TOOL = os.environ["ATTRIB_TOOL"]
DATA = os.environ["ATTRIB_TEST_DATA"]
SAMPLE = os.path.join(DATA, "sample-project.json")


def many_deals_csv(n):
    rows = ["id,type,at,customer_phone,agents,deal,stage,purchaser_phone"]
    for i in range(n):
        customer = 1000 + i
        rows.append("v%d,visit,2024-03-01T10:00:00+08:00,138%08d,ch%d/a:0,,," % (i, customer, i % 7))
        rows.append("g%d,deal,2024-0%d-20T10:00:00+08:00,,,D%05d,signed,138%08d" % (i, 4 + i % 5, i, customer))
    return "\n".join(rows) + "\n"


def run(args, tty=False, env=None):
    """(status, stdout bytes, stderr bytes); standard error a
    pseudo-terminal with @tty, else a pipe."""
    environment = dict(os.environ, **(env or {}))
    if not tty:
        p = subprocess.run([TOOL] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
                           stdin=subprocess.DEVNULL, timeout=300)
        return p.returncode, p.stdout, p.stderr
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen([TOOL] + args, stdout=out, stderr=slave, env=environment, stdin=subprocess.DEVNULL)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:     # EIO: the tool closed its end
                break
            if not chunk:
                break
            err += chunk
        status = p.wait(timeout=300)
        os.close(master)
        out.seek(0)
        return status, out.read(), err


class ProgressTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory(prefix="test-cli-progress-")
        cls.csv = os.path.join(cls.dir.name, "many.csv")
        with open(cls.csv, "w") as f:
            f.write(many_deals_csv(4000))

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_attribute(self):
        args = ["attribute", self.csv, "--profile", "junyuan-2012"]
        status, piped, err = run(args)
        self.assertEqual(status, 0)
        self.assertEqual(err, b"")          # no terminal: no progress
        self.assertEqual(piped.count(b"\n"), 4000)

        status, shown, err = run(args, tty=True, env={"ATTRIB_PROGRESS_AFTER_MS": "0"})
        self.assertEqual(status, 0)
        self.assertEqual(shown, piped)     # standard output unchanged
        text = err.decode("utf-8")
        self.assertIn("loading events:", text)
        self.assertIn("attributing:", text)
        self.assertIn("of 4000 deals", text)
        # one line rewritten in place, cleared at the end: no newline
        self.assertNotIn("\n", text)
        self.assertTrue(text.endswith("\r\x1b[K"), repr(text[-40:]))

    def test_quick_work_shows_nothing(self):
        # the sample takes milliseconds: no line, even on a terminal
        status, out, err = run(["attribute", SAMPLE], tty=True)
        self.assertEqual(status, 0)
        self.assertEqual(err, b"")
        self.assertEqual(out, run(["attribute", SAMPLE])[1])

    def test_threads(self):
        args = ["attribute", self.csv, "--profile", "junyuan-2012"]
        want = run(args)[1]
        for extra, env in ((["--threads", "1"], None), (["--threads=3"], None), ([], {"ATTRIB_THREADS": "1"}),
                           (["--threads", "0"], {"ATTRIB_THREADS": "2"})):
            status, out, err = run(extra + args, env=env)
            self.assertEqual((status, err), (0, b""), (extra, env))
            self.assertEqual(out, want, (extra, env))
        for bad in ("17", "x", "-1"):
            status, out, err = run(["--threads", bad] + args)
            self.assertEqual(status, 2)
            self.assertEqual(out, b"")
            self.assertIn(b"--threads", err)
        # the variable is read as strictly: -1 is no number of threads,
        # not the most there may be
        for bad in ("-1", "17", "4abc", "1e3", "18446744073709551617"):
            status, out, err = run(args, env={"ATTRIB_THREADS": bad})
            self.assertEqual((status, out), (2, b""), bad)
            self.assertIn(b"ATTRIB_THREADS", err)
        # "--" ends the options: a word after it is never taken for --threads
        status, out, err = run(["attribute", "--profile", "junyuan-2012", "--", "--threads=x"])
        self.assertNotEqual(status, 0)
        self.assertNotIn(b"give 0 (one per processor)", err)
        status, out, err = run(["--help"])
        self.assertIn(b"--threads N", out)
        self.assertIn(b"ATTRIB_THREADS", out)

    def test_store_import(self):
        lines = []
        for tty in (False, True):
            path = os.path.join(self.dir.name, "store-%d.attrib" % tty)
            self.assertEqual(run(["store", "create", path, "--profile", "junyuan-2012"])[0], 0)
            status, out, err = run(["store", "import", path, self.csv], tty=tty,
                                   env={"ATTRIB_PROGRESS_AFTER_MS": "0"})
            self.assertEqual(status, 0, err)
            lines.append(out.split(b"\n")[0])
            if tty:
                text = err.decode("utf-8")
                self.assertIn("importing:", text)
                self.assertIn("of 8000 events (100%)", text)
                self.assertTrue(text.endswith("\r\x1b[K"))
            else:
                self.assertEqual(err, b"")
        # the summary line is the same (the head that follows holds the
        # time and the events' random salts)
        self.assertEqual(lines[0], lines[1])
        self.assertIn(b"8000 events added", lines[0])


if __name__ == "__main__":
    unittest.main()

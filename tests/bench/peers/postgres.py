#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The PostgreSQL peer as the race driver (tests/bench/race) runs it:
#
#   postgres.py EVENTS.csv [--deals DEALS.txt]     (the contract: peers/README.md)
#
# The peer itself is postgres.c (libpq; its comments say why C and not
# psycopg2, which is not even installed here). This builds it with gcc
# (once for each version of the source: the binary is cached under
# ~/.cache, private to the user, since it may run as root) and puts it in
# this process's place, so that nothing of Python is in what it measures.

import hashlib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "postgres.c")


def include_dir():
    """libpq's headers, from pg_config where there is one"""
    bin_dir = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
    for pg_config in (shutil.which("pg_config"), os.path.join(bin_dir, "pg_config")):
        if pg_config and os.path.exists(pg_config):
            done = subprocess.run([pg_config, "--includedir"], capture_output=True, text=True)
            if done.returncode == 0 and done.stdout.strip():
                return done.stdout.strip()
    return "/usr/include/postgresql"


def binary():
    with open(SOURCE, "rb") as f:
        key = hashlib.sha256(f.read()).hexdigest()[:16]
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "libattrib-bench")
    target = os.path.join(cache, "postgres-peer-" + key)
    if os.path.exists(target):
        return target
    os.makedirs(cache, mode=0o700, exist_ok=True)
    part = "%s.%d" % (target, os.getpid())
    done = subprocess.run(["gcc", "-O2", "-o", part, SOURCE, "-I" + include_dir(), "-lpq"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit("postgres.py: could not build %s (gcc and libpq-dev are needed)" % SOURCE)
    os.replace(part, target)    # atomic: two runs at once both end with a whole binary
    for old in os.listdir(cache):   # the builds of older sources
        if old.startswith("postgres-peer-") and old != os.path.basename(target) and "." not in old:
            os.unlink(os.path.join(cache, old))
    return target


def main():
    peer = binary()
    os.execv(peer, [peer] + sys.argv[1:])


if __name__ == "__main__":
    main()

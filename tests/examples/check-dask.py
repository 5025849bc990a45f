#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Dask example (docs/examples/dask), run as its README says.
#
#   check-dask.py same|kill BUILD-ROOT SOURCE-ROOT
#
# Both make 20 projects with make_projects.py (bench-gen's events) and
# settle them once serially (--serial: the same code, no Dask) as the
# reference. Then
#
#   same  settle.py on its own LocalCluster of 2 worker processes: the
#         gathered JSON and the table equal the serial run's, byte for byte;
#   kill  this script starts a LocalCluster of 2 worker processes, runs
#         settle.py against its scheduler (--scheduler, as on a real
#         cluster), and as soon as a settlement task runs, kills the worker
#         process running it (SIGKILL, from outside: the task itself is
#         pure). The nanny starts a new worker, the scheduler runs the lost
#         task again, and the JSON still equals the serial run's.
#
# Exits 77 (skipped) when `distributed` is not importable.

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time

PERIOD = "2024-01"
example = None


def run(*argv):
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("%s failed (%d):\n%s%s" % (" ".join(argv), result.returncode, result.stdout, result.stderr))
    return result.stdout, result.stderr


def settle(projects, out, *args):
    printed, progress = run(sys.executable, os.path.join(example, "settle.py"), projects, "--period", PERIOD,
                            "--json", out, *args)
    with open(out, "rb") as f:
        return f.read(), printed, progress


def check(condition, what):
    if not condition:
        sys.exit("FAIL: " + what)


def main():
    global example
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("distributed is not installed (python3-distributed): skipped")
        sys.exit(77)

    mode, build, source = sys.argv[1:4]
    example = os.path.join(source, "docs", "examples", "dask")
    # as `meson devenv` sets them: the Dask worker processes inherit them
    os.environ.update(LC_ALL="C.UTF-8",
                      GI_TYPELIB_PATH=os.path.join(build, "libattrib"),
                      LD_LIBRARY_PATH=os.path.join(build, "libattrib"),
                      PYTHONPATH=os.path.join(source, "bindings", "python"),
                      PYTHONDONTWRITEBYTECODE="1")
    # and this process's path, which multiprocessing gives the worker
    # processes of the LocalCluster it starts (kill)
    sys.path.insert(0, os.environ["PYTHONPATH"])
    with tempfile.TemporaryDirectory() as tmp:
        projects = os.path.join(tmp, "projects")
        started = time.monotonic()
        run(sys.executable, os.path.join(example, "make_projects.py"), projects, "--projects", "20",
            "--events", "12000", "--bench-gen", os.path.join(build, "tests", "bench", "bench-gen"))
        serial, serial_table, _ = settle(projects, os.path.join(tmp, "serial.json"), "--serial")
        print("made and settled 20 projects serially in %.1f s" % (time.monotonic() - started))
        report = json.loads(serial)
        check(len(report["projects"]) == 20, "20 projects in the report")
        check(sorted({p["source"] for p in report["projects"]}) == ["events", "scenario", "store"],
              "stores, scenario files and event folders")
        check(sum(len(p["statements"]) for p in report["projects"]) >= 100, "statements in the report")
        check(report["payable_fen"] > 0 and all(isinstance(s["payable_fen"], int)
                                                for p in report["projects"] for s in p["statements"]),
              "payable amounts in fen")

        if mode == "same":
            started = time.monotonic()
            gathered, table, progress = settle(projects, os.path.join(tmp, "dask.json"), "--workers", "2")
            print("settled on a LocalCluster of 2 workers in %.1f s" % (time.monotonic() - started))
            check(progress.count("/20] ") == 20, "a progress line per project:\n" + progress)
            check(gathered == serial, "the gathered JSON differs from the serial run's")
            check(table == serial_table, "the table differs from the serial run's")

        elif mode == "kill":
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
            out = os.path.join(tmp, "kill.json")
            proc = subprocess.Popen([sys.executable, os.path.join(example, "settle.py"), projects, "--period", PERIOD,
                                     "--json", out, "--scheduler", cluster.scheduler_address],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            killed = None
            deadline = time.monotonic() + 60
            while killed is None and proc.poll() is None and time.monotonic() < deadline:
                for address, keys in client.processing().items():
                    running = [k for k in keys if str(k).startswith("settle-")]
                    nanny = next((n for n in cluster.workers.values() if n.worker_address == address), None)
                    if running and nanny is not None and nanny.pid:
                        os.kill(nanny.pid, signal.SIGKILL)
                        killed = (address, running[0])
                        break
                else:
                    time.sleep(0.005)
            check(killed is not None, "no settlement task was seen running before settle.py ended")
            check(proc.poll() is None or proc.returncode == 0, "settle.py ended badly before the kill")
            printed, progress = proc.communicate(timeout=90)
            print("killed the worker at %s while it ran %s" % killed)
            client.close()
            cluster.close()
            check(proc.returncode == 0, "settle.py failed after the kill (%d):\n%s" % (proc.returncode, progress))
            check(progress.count("/20] ") == 20, "a progress line per project:\n" + progress)
            with open(out, "rb") as f:
                gathered = f.read()
            check(gathered == serial, "after the kill, the gathered JSON differs from the serial run's")
            check(printed == serial_table, "after the kill, the table differs from the serial run's")
        else:
            sys.exit("unknown mode %s" % mode)
    print("ok")


# the worker processes of a LocalCluster start by importing this module
# (multiprocessing's spawn): only the main process runs the check
if __name__ == "__main__":
    main()

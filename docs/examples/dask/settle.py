#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A month's settlement across many projects, on a Dask cluster: one task
# per project (attribute its deals, work out its statements), gathered into
# one report of what every party is to be paid, with each statement's
# fingerprint.
#
#   settle.py PROJECTS --period 2024-01 [--scheduler tcp://HOST:8786 | --workers 2]
#             [--json FILE] [--retries 2] [--serial]
#
# Without --scheduler it starts a LocalCluster of --workers processes on
# this machine. --serial runs the same function one project after another,
# without Dask: the JSON is the same, byte for byte. Progress goes to
# standard error, the table to standard output, the JSON to --json FILE
# ("-": standard output, instead of the table).
#
# A task reads its project and returns data; it writes nothing. So when a
# worker dies mid-task, the scheduler runs the task again on another worker
# and the report is the same (docs/scaling.md).

import argparse
import logging
import sys
import time

import attrib_projects


class LoadAttrib:
    """A Dask worker plugin: loads PyGObject and libattrib when a worker
    starts (and when the nanny restarts it), so that no task pays for it.
    Defined here, not in attrib_projects: a worker unpickles its plugins
    before it runs the one that uploads attrib_projects."""

    name = "attrib-load"

    def setup(self, worker):
        import attrib_projects
        attrib_projects.attrib()

    def teardown(self, worker):
        pass


def settle_serial(projects, period):
    results = []
    for n, (name, path) in enumerate(projects, 1):
        results.append(attrib_projects.settle_project(name, path, period))
        print("[%*d/%d] %s" % (len(str(len(projects))), n, len(projects), name), file=sys.stderr)
    return results


def settle_on_dask(projects, period, scheduler, n_workers, retries):
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        # processes, not threads: each worker loads libattrib in its own
        # process; one thread each, as libattrib's engine uses its own
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(scheduler)
        # the workers of a real cluster get this module from the client,
        # and so does a worker that joins (or restarts) later
        client.upload_file(attrib_projects.__file__)
    try:
        client.register_worker_plugin(LoadAttrib())
        futures = {}
        for name, path in projects:
            # one task a project, named by it: pure, so the same key is the
            # same result; retried if it raises (a file system hiccup), and
            # rerun by the scheduler if its worker dies
            future = client.submit(attrib_projects.settle_project, name, path, period,
                                   key="settle-%s-%s" % (name, period), pure=True, retries=retries)
            futures[future] = name
        results = []
        started = time.monotonic()
        for n, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results.append(result)
            print("[%*d/%d] %s: %d deals, %d statements (%.1f s)"
                  % (len(str(len(projects))), n, len(projects), futures[future], result["deals"],
                     len(result["statements"]), time.monotonic() - started), file=sys.stderr)
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main():
    parser = argparse.ArgumentParser(description="A month's settlement across projects, on Dask")
    parser.add_argument("projects", help="a folder of projects: NAME.db, NAME.json, NAME/")
    parser.add_argument("--period", required=True, help="the month, YYYY-MM")
    parser.add_argument("--scheduler", help="a Dask scheduler's address (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=2, help="the LocalCluster's worker processes")
    parser.add_argument("--retries", type=int, default=2, help="times a task that raised is run again")
    parser.add_argument("--json", metavar="FILE", help="write the report as JSON (- for standard output)")
    parser.add_argument("--serial", action="store_true", help="no Dask: one project after another")
    args = parser.parse_args()

    projects = attrib_projects.find_projects(args.projects)
    if not projects:
        sys.exit("settle: no projects in %s (NAME.db, NAME.json, NAME/ with events)" % args.projects)
    try:
        if args.serial:
            results = settle_serial(projects, args.period)
        else:
            results = settle_on_dask(projects, args.period, args.scheduler, args.workers, args.retries)
    except Exception as e:      # GLib.Error from a bad project names its file
        sys.exit("settle: %s" % getattr(e, "message", e))

    report = attrib_projects.report(results, args.period)
    text = attrib_projects.to_json(report)
    if args.json == "-":
        sys.stdout.write(text)
        return
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text)
    sys.stdout.write(attrib_projects.to_table(report))


if __name__ == "__main__":
    main()

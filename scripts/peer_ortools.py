#!/usr/bin/env python3
"""Capacities only: placematch's whole `assign` command against OR-Tools' min-cost flow on the
same pairs, measured in one run (issue 12's peer measurement, kept as a script).

Needs the release binary and OR-Tools (`python3 -m pip install ortools`); neither the build
nor the tests need this script.

    python3 scripts/peer_ortools.py --children 2000 --sites 5000 --seed 2026 [--runs 3]

What it does, for each run:
1. Generates the data (`placematch generate`) once and removes the sibling groups, so the
   problem is capacities only (a transport problem).
2. Times `placematch assign` with the priorities `placed`, `score` (the whole command: loading,
   scoring every pair, the certified flow, the JSON).
3. Gets the same eligible pairs with their totals from `placematch score` and prepares the arc
   arrays (not timed), then times OR-Tools' `SimpleMinCostFlow` build + solve: the arcs added
   in bulk (source to child, child to site, child to an "unplaced" arc, site to sink with its
   free places) with integer costs that make one child placed worth more than any total
   score, the supplies, and the solve.
4. Prints both, the number placed and the total score, and whether they agree.

The comparison is as the issue stated it: our whole command against the peer's build and
solve, CSV parsing not counted for the peer.
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time

SCALE = 1_000_000  # score points to integer cost units (totals have six decimals)


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--sites", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-11-23")
    parser.add_argument("--bin", default=os.path.join("target", "release", "placematch"))
    args = parser.parse_args()
    try:
        import numpy
        from ortools.graph.python import min_cost_flow
    except ImportError:
        sys.exit("OR-Tools is missing: python3 -m pip install ortools")

    work = tempfile.mkdtemp(prefix="placematch-peer-")
    data = os.path.join(work, "data")
    run([args.bin, "generate", "--children", str(args.children), "--sites", str(args.sites),
         "--seed", str(args.seed), "--out", data])
    # Capacities only: no sibling groups.
    path = os.path.join(data, "children.csv")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["sibling_group"] = ""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    scenario = os.path.join(work, "scenario.toml")
    with open(scenario, "w", encoding="utf-8") as handle:
        handle.write('name = "capacities only"\npriorities = ["placed", "score"]\n')

    with open(os.path.join(data, "sites.csv"), newline="", encoding="utf-8") as handle:
        free = {row["id"]: int(row["free_places"] or 0) for row in csv.DictReader(handle)}
    pairs_csv = run([args.bin, "score", "--data", data, "--as-of", args.as_of]).stdout.decode()
    pairs = [(row["child_id"], row["site_id"], float(row["total"]))
             for row in csv.DictReader(io.StringIO(pairs_csv))]
    children = sorted({child for child, _, _ in pairs} | {row["id"] for row in rows})
    sites = sorted({site for _, site, _ in pairs})

    print(f"{args.children} children × {args.sites} sites, seed {args.seed}, capacities only; "
          f"{len(pairs):,} eligible pairs")
    print("| run | placematch assign (whole command) | OR-Tools build + solve | placed (ours / OR-Tools) | total score (ours / OR-Tools) |")
    print("|---|---|---|---|---|")
    for number in range(1, args.runs + 1):
        start = time.perf_counter()
        ours = json.loads(run([args.bin, "assign", "--data", data, "--as-of", args.as_of,
                               "--scenario", scenario, "--format", "json"]).stdout)
        ours_seconds = time.perf_counter() - start

        # The arc arrays are prepared untimed (as parsing is for the peer); the timer covers
        # what OR-Tools does: adding the arcs in bulk, the supplies and the solve.
        child_node = {child: 1 + idx for idx, child in enumerate(children)}
        site_node = {site: 1 + len(children) + idx for idx, site in enumerate(sites)}
        source, sink = 0, 1 + len(children) + len(sites)
        placed_value = SCALE + 1  # one child placed outweighs any total score (at most 1.0)
        tails, heads, capacities, costs = [], [], [], []
        for child, node in child_node.items():
            tails += [source, node]
            heads += [node, sink]
            capacities += [1, 1]
            costs += [0, 0]  # the second arc: the child left unplaced
        for child, site, total in pairs:
            tails.append(child_node[child])
            heads.append(site_node[site])
            capacities.append(1)
            costs.append(-(placed_value + round(total * SCALE)))
        for site, node in site_node.items():
            tails.append(node)
            heads.append(sink)
            capacities.append(free.get(site, 0))
            costs.append(0)
        arrays = [numpy.array(values, dtype=numpy.int64) for values in (tails, heads, capacities, costs)]
        start = time.perf_counter()
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(*arrays)
        flow.set_node_supply(source, len(children))
        flow.set_node_supply(sink, -len(children))
        status = flow.solve()
        peer_seconds = time.perf_counter() - start
        if status != flow.OPTIMAL:
            sys.exit(f"OR-Tools did not solve: status {status}")
        placed = 0
        total = 0.0
        first_pair_arc = 2 * len(children)
        for offset, (_, _, score) in enumerate(pairs):
            if flow.flow(first_pair_arc + offset) > 0:
                placed += 1
                total += score
        ours_placed = ours["objective"]["placed"]
        ours_total = ours["objective"]["total_score"]
        agree = ours_placed == placed and abs(ours_total - total) < 1e-3
        print(f"| {number} | {ours_seconds:.2f} s | {peer_seconds:.2f} s | {ours_placed} / {placed} | "
              f"{ours_total:.3f} / {total:.3f}{'' if agree else ' (differ)'} |")


if __name__ == "__main__":
    main()

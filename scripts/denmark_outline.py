#!/usr/bin/env python3
"""Writes Denmark's outline as an SVG path for the recruitment map (src/render/denmark_outline.txt).

Source: Natural Earth 1:10m admin-0 countries (public domain), as the npm package
world-atlas 2.0.2 ships it (ISC licence): `npm pack world-atlas@2`, unpack, then
    python3 scripts/denmark_outline.py package/countries-10m.json > src/render/denmark_outline.txt
The projection is the one `render::recruit` uses for the municipalities' points: x east
and y south, in units of 0.01 degree of latitude, longitudes shortened by cos(56.2°).
Rings shorter than MIN_POINTS points after thinning (islets) are left out.
"""
import json
import math
import sys

LON0, LAT0 = 7.9, 57.85
COS = math.cos(math.radians(56.2))
STEP = 0.025  # thin: keep a point only when it is this many degrees from the last kept
MIN_POINTS = 4


def project(lon, lat):
    return ((lon - LON0) * COS * 100.0, (LAT0 - lat) * 100.0)


def main(path):
    topo = json.load(open(path))
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indices):
        points = []
        for index in indices:
            arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(arc if not points else arc[1:])
        return points

    denmark = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "208")
    polygons = denmark["arcs"] if denmark["type"] == "MultiPolygon" else [denmark["arcs"]]
    parts = []
    for polygon in polygons:
        outer = ring(polygon[0])
        kept = [outer[0]]
        for lon, lat in outer[1:]:
            if math.hypot(lon - kept[-1][0], lat - kept[-1][1]) >= STEP:
                kept.append((lon, lat))
        if len(kept) < MIN_POINTS:
            continue
        xy = [project(lon, lat) for lon, lat in kept]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    sys.stdout.write("".join(parts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

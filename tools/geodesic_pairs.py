#!/usr/bin/env python3
"""Independent distance tables for the tests of src/spatial.rs (tests/spatial.rs).

The Rust code measures great-circle distances with geo's haversine (a sphere of radius
6371.0088 km) and orders neighbours with an R-tree of 3-D unit vectors. This script checks
it against computations that share no code with it:

- **WGS84 geodesic distances**, by Vincenty's inverse formula on the WGS84 ellipsoid
  (T. Vincenty, « Direct and inverse solutions of geodesics on the ellipsoid with
  application of nested equations », Survey Review 23 (176), 1975), written out below with
  the standard library only: accurate to well under a millimetre at these distances. The
  Rust haversine must be within 0.5 % of it (the sphere/ellipsoid difference is at most
  ~0.33 % in Belgium: east–west distances at 50° N are 0.3 % longer on the ellipsoid).
- **Great-circle distances on the same sphere** (R = 6371.0088 km), by the Vincenty
  special case for the sphere (atan2 of the cross and dot products), not the haversine
  formula. The expected order of the nearest neighbours is the order of these distances:
  an R-tree on a sphere can only be asked to order as the sphere does. Two neighbours
  less than 0.5 % apart may legitimately swap between the sphere and the ellipsoid; the
  WGS84 rank is written too, so that the test can check that every such swap is one.

If the `geographiclib` package (PyPI) is importable, every Vincenty distance is also
compared with its `Geodesic.WGS84.Inverse` (Karney's algorithm) and the largest difference
printed; it is not needed to produce the files.

Points are real Walloon places from data/ref (municipality centroids and bpost
localities), chosen with a fixed-seed splitmix64 generator, so the output is byte-identical
from one run to the next.

Usage (from the repository root):  python3 tools/geodesic_pairs.py
Writes:
- tests/data/geodesic_pairs.csv — 300 pairs: `a,a_lon,a_lat,b,b_lon,b_lat,km_wgs84`;
  100 short pairs (a locality and its nearest other place, 0.1–5 km), 100 pairs within
  one municipality, 100 pairs drawn anywhere in Wallonia (up to ~250 km).
- tests/data/geodesic_points.csv — `id,role,nom,lon,lat`: 200 reference points (`ref`,
  ids 0–199, localities) then 20 query points (`query`, ids 0–19: municipality centroids).
- tests/data/geodesic_order.csv — `query,ref,km_wgs84,km_sphere,rang_sphere,rang_wgs84`:
  for each query point, every reference point that is among its 10 nearest (on the sphere
  or on the ellipsoid) or within 31 km (WGS84); ranks are 1-based over all 200 reference
  points, ties in distance broken by ref id. A reference point not listed for a query is
  more than 31 km away from it on the ellipsoid.

Names never contain a comma or a quote (checked), so the CSV files need no quoting.
"""

import csv
import math
import os
import sys

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(RACINE, "data", "ref")
SORTIE = os.path.join(RACINE, "tests", "data")

# WGS84
A = 6378137.0
F = 1 / 298.257223563
B = (1 - F) * A
# geo's Haversine radius (GRS80 mean radius R1), metres.
R_SPHERE = 6371008.8

N_REFS = 200
N_QUERIES = 20
K = 10
RAYON_LISTE_KM = 31.0


def vincenty_km(lon1, lat1, lon2, lat2):
    """WGS84 geodesic distance in km, Vincenty's inverse method."""
    if lon1 == lon2 and lat1 == lat2:
        return 0.0
    L = math.radians(lon2 - lon1)
    U1 = math.atan((1 - F) * math.tan(math.radians(lat1)))
    U2 = math.atan((1 - F) * math.tan(math.radians(lat2)))
    sinU1, cosU1 = math.sin(U1), math.cos(U1)
    sinU2, cosU2 = math.sin(U2), math.cos(U2)
    lam = L
    for _ in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cosU2 * sin_lam, cosU1 * sinU2 - sinU1 * cosU2 * cos_lam)
        if sin_sigma == 0:
            return 0.0
        cos_sigma = sinU1 * sinU2 + cosU1 * cosU2 * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cosU1 * cosU2 * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha * sin_alpha
        cos_2sigma_m = cos_sigma - 2 * sinU1 * sinU2 / cos2_alpha if cos2_alpha != 0 else 0.0
        C = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
        lam_prec = lam
        lam = L + (1 - C) * F * sin_alpha * (
            sigma
            + C * sin_sigma * (cos_2sigma_m + C * cos_sigma * (-1 + 2 * cos_2sigma_m**2))
        )
        if abs(lam - lam_prec) < 1e-13:
            break
    else:
        raise ArithmeticError("Vincenty did not converge")
    u2 = cos2_alpha * (A * A - B * B) / (B * B)
    gA = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
    gB = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
    delta_sigma = (
        gB
        * sin_sigma
        * (
            cos_2sigma_m
            + gB
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sigma_m**2)
                - gB / 6 * cos_2sigma_m * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sigma_m**2)
            )
        )
    )
    return B * gA * (sigma - delta_sigma) / 1000.0


def sphere_km(lon1, lat1, lon2, lat2):
    """Great-circle distance in km on the sphere of radius R_SPHERE (Vincenty's formula for
    the sphere: well conditioned at every distance; not the haversine formula)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.hypot(
        math.cos(p2) * math.sin(dl),
        math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl),
    )
    x = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return R_SPHERE * math.atan2(y, x) / 1000.0


class Alea:
    """splitmix64: same numbers on every platform and Python version."""

    def __init__(self, graine):
        self.etat = graine & 0xFFFFFFFFFFFFFFFF

    def suivant(self):
        self.etat = (self.etat + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.etat
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def indice(self, n):
        return self.suivant() % n


def lire(nom):
    with open(os.path.join(REF, nom), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    communes = lire("communes.csv")
    localites = lire("localites.csv")
    # Places: (name, lon, lat, nis). Coordinates as written in data/ref (5 decimals).
    centroides = [
        (f"{c['nom']} (centroïde {c['nis']})", float(c["lon"]), float(c["lat"]), c["nis"])
        for c in communes
    ]
    locs = [
        (f"{l['code_postal']} {l['nom']}", float(l["lon"]), float(l["lat"]), l["nis"])
        for l in localites
    ]
    # Distinct coordinates only (a few localities were replaced by their centroid).
    lieux, vus = [], set()
    for p in centroides + locs:
        if (p[1], p[2]) not in vus:
            vus.add((p[1], p[2]))
            lieux.append(p)
    for p in lieux:
        assert "," not in p[0] and '"' not in p[0], p[0]

    alea = Alea(20261115)

    # --- 300 pairs -------------------------------------------------------------------
    paires = []
    deja = set()

    def ajoute(a, b):
        cle = tuple(sorted([(a[1], a[2]), (b[1], b[2])]))
        if cle in deja:
            return False
        km = vincenty_km(a[1], a[2], b[1], b[2])
        if km < 0.1:
            return False
        deja.add(cle)
        paires.append((a, b, km))
        return True

    # Short: a locality and its nearest other place.
    n = 0
    while n < 100:
        a = locs[alea.indice(len(locs))]
        b = min(
            (p for p in lieux if (p[1], p[2]) != (a[1], a[2])),
            key=lambda p: (sphere_km(a[1], a[2], p[1], p[2]), p[0]),
        )
        if vincenty_km(a[1], a[2], b[1], b[2]) <= 5.0 and ajoute(a, b):
            n += 1
    # Within one municipality.
    par_nis = {}
    for p in lieux:
        par_nis.setdefault(p[3], []).append(p)
    nis_multiples = sorted(k for k, v in par_nis.items() if len(v) >= 2)
    n = 0
    while n < 100:
        v = par_nis[nis_multiples[alea.indice(len(nis_multiples))]]
        a, b = v[alea.indice(len(v))], v[alea.indice(len(v))]
        if a is not b and ajoute(a, b):
            n += 1
    # Anywhere.
    n = 0
    while n < 100:
        a, b = lieux[alea.indice(len(lieux))], lieux[alea.indice(len(lieux))]
        if ajoute(a, b):
            n += 1

    # --- Reference and query points --------------------------------------------------
    refs, pris = [], set()
    while len(refs) < N_REFS:
        p = locs[alea.indice(len(locs))]
        if (p[1], p[2]) not in pris:
            pris.add((p[1], p[2]))
            refs.append(p)
    # Queries: a few chosen on purpose (big towns, the four corners of Wallonia), then
    # drawn at random.
    voulues = ["62063", "92094", "52011", "81001", "57096", "63023", "25112", "85045"]
    queries = [c for nis in voulues for c in centroides if c[3] == nis]
    assert len(queries) == len(voulues)
    while len(queries) < N_QUERIES:
        c = centroides[alea.indice(len(centroides))]
        if c not in queries and (c[1], c[2]) not in pris:
            queries.append(c)

    lignes_ordre = []
    inversions = 0
    for qi, q in enumerate(queries):
        d = [
            (vincenty_km(q[1], q[2], r[1], r[2]), sphere_km(q[1], q[2], r[1], r[2]), ri)
            for ri, r in enumerate(refs)
        ]
        rang_s = {ri: k + 1 for k, (_, _, ri) in enumerate(sorted(d, key=lambda t: (t[1], t[2])))}
        rang_w = {ri: k + 1 for k, (_, _, ri) in enumerate(sorted(d, key=lambda t: (t[0], t[2])))}
        haut_s = sorted(ri for ri in rang_s if rang_s[ri] <= K)
        inversions += sum(1 for ri in haut_s if rang_s[ri] != rang_w[ri])
        for w, s, ri in sorted(d, key=lambda t: rang_s[t[2]]):
            if rang_s[ri] <= K or rang_w[ri] <= K or w <= RAYON_LISTE_KM:
                lignes_ordre.append((qi, ri, w, s, rang_s[ri], rang_w[ri]))

    os.makedirs(SORTIE, exist_ok=True)

    def ecrire(nom, entete, lignes):
        with open(os.path.join(SORTIE, nom), "w", encoding="utf-8", newline="\n") as f:
            f.write(",".join(entete) + "\n")
            for l in lignes:
                f.write(",".join(str(x) for x in l) + "\n")

    ecrire(
        "geodesic_pairs.csv",
        ["a", "a_lon", "a_lat", "b", "b_lon", "b_lat", "km_wgs84"],
        [(a[0], a[1], a[2], b[0], b[1], b[2], f"{km:.6f}") for a, b, km in paires],
    )
    ecrire(
        "geodesic_points.csv",
        ["id", "role", "nom", "lon", "lat"],
        [(i, "ref", r[0], r[1], r[2]) for i, r in enumerate(refs)]
        + [(i, "query", q[0], q[1], q[2]) for i, q in enumerate(queries)],
    )
    ecrire(
        "geodesic_order.csv",
        ["query", "ref", "km_wgs84", "km_sphere", "rang_sphere", "rang_wgs84"],
        [(qi, ri, f"{w:.6f}", f"{s:.6f}", rs, rw) for qi, ri, w, s, rs, rw in lignes_ordre],
    )

    kms = sorted(km for _, _, km in paires)
    ecarts = [
        abs(sphere_km(a[1], a[2], b[1], b[2]) / km - 1) for a, b, km in paires
    ]
    print(
        f"{len(paires)} pairs, {kms[0]:.3f}–{kms[-1]:.1f} km; sphere vs WGS84 up to "
        f"{100 * max(ecarts):.3f} %"
    )
    print(
        f"{len(refs)} reference points, {len(queries)} queries, {len(lignes_ordre)} order rows; "
        f"top-{K} positions where the sphere and WGS84 ranks differ: {inversions}"
    )

    try:
        from geographiclib.geodesic import Geodesic
    except ImportError:
        return
    pire = 0.0
    for a, b, km in paires:
        g = Geodesic.WGS84.Inverse(a[2], a[1], b[2], b[1])["s12"] / 1000.0
        pire = max(pire, abs(g - km))
    for qi, ri, w, _, _, _ in lignes_ordre:
        q, r = queries[qi], refs[ri]
        g = Geodesic.WGS84.Inverse(q[2], q[1], r[2], r[1])["s12"] / 1000.0
        pire = max(pire, abs(g - w))
    print(f"geographiclib check: largest difference {pire * 1e6:.3f} mm")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Convert the upstream reference data into the compact files of data/ref/.

Run once by hand, from the crate root:

    python3 tools/prepare_ref.py ../shared/data data/ref

Python 3.11, standard library only. The output is committed; the product never
reads the upstream files. See data/ref/SOURCES.md for provenance and licences.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from collections import Counter, defaultdict

WALLONIA = "03000"
MESSINES = "33016"  # tagged Walloon in the 2019 TopoJSON: it is in West Flanders.
MERGED = {"82003": "82039", "82005": "82039"}  # Bastogne + Bertogne -> Bastogne (2025)
DECIMALS = 5
# A bpost locality point further than this outside its municipality is a
# geocoding error and is replaced by the municipality centroid.
GEOCODE_TOLERANCE_KM = 5.0

# The nine German-speaking municipalities (Communauté germanophone).
GERMANOPHONES = {
    "63001": "Amel",
    "63012": "Büllingen",
    "63013": "Bütgenbach",
    "63023": "Eupen",
    "63040": "Kelmis",
    "63048": "Lontzen",
    "63061": "Raeren",
    "63067": "Sankt Vith",
    "63087": "Burg-Reuland",
}

BASSINS = [
    ("brabant-wallon", "Brabant wallon"),
    ("wallonie-picarde", "Wallonie picarde"),
    ("hainaut-centre", "Hainaut Centre"),
    ("hainaut-sud", "Hainaut Sud"),
    ("namur", "Namur"),
    ("luxembourg", "Luxembourg"),
    ("huy-waremme", "Huy-Waremme"),
    ("liege", "Liège"),
    ("verviers", "Verviers"),
    ("communaute-germanophone", "Communauté germanophone"),
]

# Bassin EFE by administrative arrondissement (2019 arrondissements, i.e. the
# first two digits of the REFNIS code: 51 Ath, 52 Charleroi, 53 Mons,
# 55 Soignies, 56 Thuin, 57 Tournai-Mouscron, 58 La Louvière, ...).
BASSIN_PAR_ARRONDISSEMENT = {
    "25": "brabant-wallon",  # Nivelles = the province of Walloon Brabant
    "51": "wallonie-picarde",  # Ath (includes Enghien, Lessines, Silly since 2019)
    "57": "wallonie-picarde",  # Tournai-Mouscron
    "53": "hainaut-centre",  # Mons
    "55": "hainaut-centre",  # Soignies
    "58": "hainaut-centre",  # La Louvière
    "52": "hainaut-sud",  # Charleroi
    "56": "hainaut-sud",  # Thuin
    "91": "namur",  # Dinant
    "92": "namur",  # Namur
    "61": "huy-waremme",  # Huy
    "64": "huy-waremme",  # Waremme
    "62": "liege",  # Liège
    "63": "verviers",  # Verviers (French-speaking part; see GERMANOPHONES)
    "81": "luxembourg",  # Arlon
    "82": "luxembourg",  # Bastogne
    "83": "luxembourg",  # Marche-en-Famenne
    "84": "luxembourg",  # Neufchâteau
    "85": "luxembourg",  # Virton
    # 93 Philippeville is split: see EXCEPTIONS.
}

# Municipality-level exceptions: NIS -> (expected Statbel name, bassin).
# The name is checked so that a wrong code fails loudly.
EXCEPTIONS = {
    # Arrondissement of Philippeville, split between Hainaut Sud and Namur
    # (cooperation agreement on the bassins EFE, 2014; levif.be 2014).
    "93010": ("Cerfontaine", "hainaut-sud"),
    "93014": ("Couvin", "hainaut-sud"),
    "93056": ("Philippeville", "hainaut-sud"),
    "93090": ("Viroinval", "hainaut-sud"),
    "93088": ("Walcourt", "hainaut-sud"),
    "93018": ("Doische", "namur"),
    "93022": ("Florennes", "namur"),
    # Wallonie picarde: already in the Ath arrondissement since 2019, kept
    # explicit because the 2019 TopoJSON still lists them under Soignies.
    "51067": ("Enghien", "wallonie-picarde"),
    "51069": ("Lessines", "wallonie-picarde"),
    "51068": ("Silly", "wallonie-picarde"),
    # Centre region communes outside the Soignies / La Louvière arrondissements:
    # the Centre obtained that they join Hainaut Centre rather than Charleroi
    # (Communauté urbaine du Centre, cuc.be, on the 2013-2014 bassin decision).
    # TO CHECK against the IBEFE Hainaut Centre / Hainaut Sud lists.
    "56001": ("Anderlues", "hainaut-centre"),
    "52010": ("Chapelle-lez-Herlaimont", "hainaut-centre"),
}

LOWER_PARTICLES = {
    "sur", "sous", "lez", "lès", "la", "le", "les", "en", "de", "du", "des",
    "aux", "au", "et",
}
APOSTROPHES = ("'", "’")

# Spelling errors of the bpost list, with the spelling of another source of ../shared.
SPELLING = {
    # The SNCB station of the same place (sncb-stations.csv) and the city of Liège write
    # « Chênée »: bpost's list drops the second accent.
    ("4032", "Chênee"): "Chênée",
}


# --------------------------------------------------------------------------
# Names


def fix_word(word: str, first: bool) -> str:
    """One word of a bpost name (words are separated by '-' or ' ')."""
    for ap in APOSTROPHES:
        low = word.lower()
        if len(word) > 2 and low[1] == ap and low[0] in "dl":
            head = word[0] if first else word[0].lower()
            rest = word[2:]
            return head + "’" + rest[:1].upper() + rest[1:]
    if not first and word.lower() in LOWER_PARTICLES:
        return word.lower()
    return word


def fix_case(name: str) -> str:
    """« Jemeppe-Sur-Meuse » -> « Jemeppe-sur-Meuse », « Braine-L'alleud » -> « Braine-l’Alleud »."""
    out, word, first = [], "", True
    for ch in name:
        if ch in "- ":
            out.append(fix_word(word, first))
            out.append(ch)
            word, first = "", False
        else:
            word += ch
    out.append(fix_word(word, first))
    return "".join(out)


def short_province(name: str) -> str:
    for prefix in ("Province de la ", "Province du ", "Province de ", "Province d’", "Province d'"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def short_arrondissement(name: str) -> str:
    for prefix in ("Arrondissement de la ", "Arrondissement du ", "Arrondissement de ",
                   "Arrondissement d’", "Arrondissement d'"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


# --------------------------------------------------------------------------
# TopoJSON


class Topo:
    def __init__(self, topo: dict):
        self.scale = topo["transform"]["scale"]
        self.translate = topo["transform"]["translate"]
        self.arcs = []  # quantized absolute integer positions
        for arc in topo["arcs"]:
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x, y))
            self.arcs.append(pts)

    def arc(self, ref: int) -> list[tuple[int, int]]:
        return self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]

    def ring(self, refs: list[int]) -> list[tuple[int, int]]:
        pts: list[tuple[int, int]] = []
        for ref in refs:
            a = self.arc(ref)
            pts.extend(a if not pts else a[1:])
        return pts

    def lonlat(self, q: tuple[int, int]) -> tuple[float, float]:
        return (q[0] * self.scale[0] + self.translate[0], q[1] * self.scale[1] + self.translate[1])


def geometry_polygons(geom: dict) -> list[list[list[int]]]:
    """Arc references as a list of polygons (list of rings)."""
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    raise ValueError(f"unexpected geometry {geom['type']}")


def signed_area(ring) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def point_in_ring(pt, ring) -> bool:
    x, y = pt
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def dissolve(topo: Topo, geoms: list[dict]) -> list[list[list[tuple[int, int]]]]:
    """Union of adjacent polygons: drop the arcs they share, stitch the rest into rings."""
    refs = [r for g in geoms for poly in geometry_polygons(g) for ring in poly for r in ring]
    count = Counter(r if r >= 0 else ~r for r in refs)
    kept = [r for r in refs if count[r if r >= 0 else ~r] == 1]
    by_start = defaultdict(list)
    for r in kept:
        by_start[topo.arc(r)[0]].append(r)
    used = set()
    rings = []
    for r0 in kept:
        if r0 in used:
            continue
        ring_refs, r = [], r0
        start = topo.arc(r0)[0]
        while True:
            used.add(r)
            ring_refs.append(r)
            end = topo.arc(r)[-1]
            if end == start:
                break
            nxt = [c for c in by_start[end] if c not in used]
            if len(nxt) != 1:
                raise ValueError(f"cannot stitch dissolved ring at {end}: {nxt}")
            r = nxt[0]
        rings.append(topo.ring(ring_refs))
    # Group rings: exteriors and holes (a hole lies inside an exterior).
    rings.sort(key=lambda rg: -abs(signed_area(rg)))
    polys: list[list[list[tuple[int, int]]]] = []
    for rg in rings:
        for p in polys:
            if point_in_ring(rg[0], p[0]):
                p.append(rg)
                break
        else:
            polys.append([rg])
    return polys


def segments_intersect(p1, p2, p3, p4) -> bool:
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    return o1 * o2 < 0 and o3 * o4 < 0


def ring_is_simple(ring) -> bool:
    pts = ring[:-1] if ring[0] == ring[-1] else ring
    n = len(pts)
    if len(set(pts)) != n:
        return False
    segs = [(pts[i], pts[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if segments_intersect(*segs[i], *segs[j]):
                return False
    return True


def orient_polygon(poly):
    """RFC 7946 orientation: exterior counter-clockwise, holes clockwise; rings closed."""
    out = []
    for k, ring in enumerate(poly):
        ring = list(ring)
        if ring[0] != ring[-1]:
            ring.append(ring[0])
        a = signed_area(ring[:-1])
        if (k == 0 and a < 0) or (k > 0 and a > 0):
            ring.reverse()
        out.append(ring)
    return out


def centroid(polys_ll) -> tuple[float, float]:
    """Area-weighted centroid of a multipolygon in lon/lat.

    A constant lon scale (cos lat0) is affine, and affine maps preserve
    centroids, so the computation can be done directly in degrees.
    """
    ax = ay = at = 0.0
    for poly in polys_ll:
        for k, ring in enumerate(poly):
            pts = ring[:-1] if ring[0] == ring[-1] else ring
            x0, y0 = pts[0]
            a = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
                x1 -= x0; y1 -= y0; x2 -= x0; y2 -= y0
                cr = x1 * y2 - x2 * y1
                a += cr
                cx += (x1 + x2) * cr
                cy += (y1 + y2) * cr
            a /= 2.0
            if a == 0:
                continue
            cx = cx / (6.0 * a) + x0
            cy = cy / (6.0 * a) + y0
            w = abs(a) if k == 0 else -abs(a)
            ax += w * cx
            ay += w * cy
            at += w
    return ax / at, ay / at


# --------------------------------------------------------------------------
# Geometry helpers in km (local equirectangular projection)


def project(lon, lat, lat0):
    return lon * math.cos(math.radians(lat0)) * 111.32, lat * 110.574


def dist_point_segment_km(p, a, b, lat0) -> float:
    px, py = project(*p, lat0)
    ax, ay = project(*a, lat0)
    bx, by = project(*b, lat0)
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / L))
    qx, qy = ax + t * dx, ay + t * dy
    return math.hypot(px - qx, py - qy)


def contains(polys_ll, pt) -> bool:
    for poly in polys_ll:
        if point_in_ring(pt, poly[0]) and not any(point_in_ring(pt, h) for h in poly[1:]):
            return True
    return False


def dist_to_polys_km(polys_ll, pt) -> float:
    if contains(polys_ll, pt):
        return 0.0
    best = math.inf
    for poly in polys_ll:
        for ring in poly:
            for a, b in zip(ring, ring[1:]):
                best = min(best, dist_point_segment_km(pt, a, b, pt[1]))
    return best


def bbox(polys_ll):
    xs = [x for p in polys_ll for r in p for x, _ in r]
    ys = [y for p in polys_ll for r in p for _, y in r]
    return min(xs), min(ys), max(xs), max(ys)


def rnd(v: float) -> float:
    r = round(v, DECIMALS)
    return 0.0 if r == 0 else r


# --------------------------------------------------------------------------


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            for cell in row:
                if "\n" in str(cell) or "\r" in str(cell):
                    raise ValueError(f"newline in CSV cell {cell!r}")
            w.writerow(row)


def main(src: str, dst: str) -> None:
    os.makedirs(dst, exist_ok=True)

    def load_json(name):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            return json.load(f)

    # ---- municipalities of record (Statbel 2025)
    statbel = [m for m in load_json("statbel-municipalities.json") if m["region"] == WALLONIA]
    assert len(statbel) == 261, len(statbel)
    provinces = {p["id"]: short_province(p["name"]["fr"]) for p in load_json("statbel-provinces.json")}
    for nis, de in GERMANOPHONES.items():
        m = next(m for m in statbel if m["id"] == nis)
        assert m["name"]["nl"] == de, (nis, m["name"])

    topo_raw = load_json("communes-belgium.topo.json")
    topo = Topo(topo_raw)
    geoms = {g["properties"]["nis"]: g for g in topo_raw["objects"]["municipalities"]["geometries"]}
    arr_names = {
        g["properties"]["nis"][:2]: short_arrondissement(g["properties"]["name_fr"])
        for g in topo_raw["objects"]["arrondissements"]["geometries"]
        if "nis" in g["properties"]
    }
    walloon_topo = {n for n, g in geoms.items() if g["properties"]["reg_nis"] == WALLONIA}
    assert MESSINES in walloon_topo  # the known mis-tag, excluded below
    expected = {m["id"] for m in statbel}
    assert (walloon_topo - {MESSINES} - set(MERGED)) | {"82039"} == expected

    communes = []
    contours = {}
    polys_by_nis = {}
    renamed = []
    for m in sorted(statbel, key=lambda m: m["id"]):
        nis = m["id"]
        if nis in GERMANOPHONES:
            nom, francophone = GERMANOPHONES[nis], False
            autre = m["name"]["fr"] if m["name"]["fr"] != nom else ""
        else:
            nom, francophone, autre = fix_case(m["name"]["fr"]), True, ""
            if nom != m["name"]["fr"]:
                renamed.append((nis, m["name"]["fr"], nom))
        if nis == "82039":
            qpolys = dissolve(topo, [geoms[k] for k in MERGED])
            assert len(qpolys) == 1 and len(qpolys[0]) == 1, "Bastogne must be one ring"
            assert ring_is_simple(qpolys[0][0]), "dissolved Bastogne ring is not simple"
        else:
            qpolys = [[topo.ring(r) for r in poly] for poly in geometry_polygons(geoms[nis])]
        polys = []
        for qpoly in qpolys:
            poly = orient_polygon([[topo.lonlat(q) for q in ring] for ring in qpoly])
            poly = [[(rnd(x), rnd(y)) for x, y in ring] for ring in poly]
            polys.append(poly)
        polys_by_nis[nis] = polys
        contours[nis] = [[[[x, y] for x, y in ring] for ring in poly] for poly in polys]
        cx, cy = centroid(polys)
        arr = arr_names[nis[:2]]
        communes.append({
            "nis": nis, "nom": nom, "autre_nom": autre, "province": provinces[m["province"]],
            "arrondissement": arr, "francophone": francophone, "lon": rnd(cx), "lat": rnd(cy),
        })
    for nis, old, new in renamed:
        print(f"renamed {nis}: {old} -> {new}")

    # ---- bassins
    bassin_ids = {b for b, _ in BASSINS}
    by_nis = {c["nis"]: c for c in communes}
    for nis, (name, b) in EXCEPTIONS.items():
        assert by_nis[nis]["nom"] == name, (nis, by_nis[nis]["nom"], name)
        assert b in bassin_ids
    bassin_of = {}
    for c in communes:
        nis = c["nis"]
        if nis in GERMANOPHONES:
            b = "communaute-germanophone"
        elif nis in EXCEPTIONS:
            b = EXCEPTIONS[nis][1]
        else:
            b = BASSIN_PAR_ARRONDISSEMENT[nis[:2]]
        bassin_of[nis] = b
    counts = Counter(bassin_of.values())
    for b, nom in BASSINS:
        print(f"bassin {b:25} {counts[b]:3}")
    assert counts["namur"] == 33, counts["namur"]
    assert sum(counts.values()) == 261

    # ---- postal codes
    pcs = []
    for row in load_json("statbel-postal-codes.json"):
        nis = MERGED.get(row["municipality"], row["municipality"])
        if nis in by_nis:
            pcs.append((row["postalCode"], nis))
    pcs = sorted(set(pcs))
    communes_of_pc = defaultdict(list)
    for pc, nis in pcs:
        communes_of_pc[pc].append(nis)
    print(f"postal codes: {len(communes_of_pc)} codes, {len(pcs)} pairs")

    # ---- localities
    locs = []
    far = []
    replaced = []
    with open(os.path.join(src, "bpost-localities.csv"), encoding="utf-8", newline="") as f:
        for pc, name, lng, lat in csv.reader(f):
            if pc not in communes_of_pc:
                continue
            name = SPELLING.get((pc, name), name)
            pt = (float(lng), float(lat))
            cands = communes_of_pc[pc]
            if len(cands) == 1:
                nis = cands[0]
            else:
                inside = [n for n in cands if contains(polys_by_nis[n], pt)]
                nis = inside[0] if inside else min(cands, key=lambda n: dist_to_polys_km(polys_by_nis[n], pt))
            d = dist_to_polys_km(polys_by_nis[nis], pt)
            if d > 1.0:
                far.append((pc, name, nis, round(d, 1)))
            if d > GEOCODE_TOLERANCE_KM:
                # Geocoding error upstream (e.g. « Mont » placed on another Mont):
                # fall back to the centroid of the municipality.
                pt = (by_nis[nis]["lon"], by_nis[nis]["lat"])
                replaced.append((pc, fix_case(name), nis, round(d, 1)))
            locs.append((pc, fix_case(name), nis, rnd(pt[0]), rnd(pt[1])))
    locs.sort(key=lambda r: (r[0], r[1]))
    print(f"localities: {len(locs)}")
    for row in far:
        print(f"  locality point > 1 km outside its municipality: {row}")
    for row in replaced:
        print(f"  point replaced by the municipality centroid (> {GEOCODE_TOLERANCE_KM} km off): {row}")
    missing = sorted(set(communes_of_pc) - {r[0] for r in locs})
    print(f"  Walloon postal codes without bpost locality: {missing}")

    # ---- stations: Belgian, in Wallonia or within 15 km of it
    # Outer boundary of Wallonia = arcs used by exactly one Walloon municipality.
    wal_refs = [r for n in walloon_topo - {MESSINES} for poly in geometry_polygons(geoms[n])
                for ring in poly for r in ring]
    cnt = Counter(r if r >= 0 else ~r for r in wal_refs)
    border = [[topo.lonlat(q) for q in topo.arcs[i]] for i, c in cnt.items() if c == 1]
    wx0, wy0, wx1, wy1 = bbox([[ring] for polys in polys_by_nis.values() for poly in polys for ring in poly])
    gares = []
    with open(os.path.join(src, "sncb-stations.csv"), encoding="utf-8", newline="") as f:
        for s in csv.DictReader(f):
            if s["country-code"] != "be":
                continue
            pt = (float(s["longitude"]), float(s["latitude"]))
            if not (wx0 - 0.25 <= pt[0] <= wx1 + 0.25 and wy0 - 0.15 <= pt[1] <= wy1 + 0.15):
                continue
            inside = any(contains(p, pt) for p in polys_by_nis.values())
            if not inside:
                d = min(dist_point_segment_km(pt, a, b, pt[1]) for arc in border for a, b in zip(arc, arc[1:]))
                if d > 15.0:
                    continue
            sid = s["URI"].rstrip("/").rsplit("/", 1)[-1]
            nom = s["alternative-fr"] or s["name"]
            gares.append((sid, nom, rnd(pt[0]), rnd(pt[1]), inside))
    gares.sort()
    print(f"stations: {len(gares)} ({sum(1 for g in gares if g[4])} in Wallonia)")
    print(f"Wallonia bbox: {wx0} {wy0} {wx1} {wy1}")

    # ---- ROME v3
    with open(os.path.join(src, "rome-v3-fiches.csv"), encoding="utf-8", newline="") as f:
        fiches = list(csv.DictReader(f))
    with open(os.path.join(src, "rome-v3-appellations.csv"), encoding="utf-8", newline="") as f:
        appellations = list(csv.DictReader(f))
    gd, dom = {}, {}
    for r in fiches:
        for k, v in (("grand_domaine_code", "grand_domaine_libelle"),):
            assert gd.setdefault(r[k], r[v]) == r[v]
        assert dom.setdefault(r["domaine_code"], (r["domaine_libelle"], r["grand_domaine_code"])) == (
            r["domaine_libelle"], r["grand_domaine_code"])
    assert (len(fiches), len(dom), len(gd), len(appellations)) == (532, 110, 14, 11118)
    codes = {r["code_rome"] for r in fiches}
    assert all(a["code_rome"] in codes for a in appellations)

    # ---- write
    write_csv(os.path.join(dst, "communes.csv"),
              ["nis", "nom", "autre_nom", "province", "arrondissement", "francophone", "lon", "lat"],
              [[c["nis"], c["nom"], c["autre_nom"], c["province"], c["arrondissement"],
                "1" if c["francophone"] else "0", c["lon"], c["lat"]] for c in communes])
    with open(os.path.join(dst, "communes-contours.json"), "w", encoding="utf-8") as f:
        f.write("{\n")
        items = sorted(contours.items())
        for i, (nis, mp) in enumerate(items):
            sep = "," if i + 1 < len(items) else ""
            f.write(json.dumps(nis) + ":" + json.dumps(mp, separators=(",", ":")) + sep + "\n")
        f.write("}\n")
    write_csv(os.path.join(dst, "bassins.csv"), ["id", "nom"], BASSINS)
    write_csv(os.path.join(dst, "bassins-communes.csv"), ["nis", "bassin", "commune"],
              [[c["nis"], bassin_of[c["nis"]], c["nom"]] for c in communes])
    write_csv(os.path.join(dst, "codes-postaux.csv"), ["code_postal", "nis"], pcs)
    write_csv(os.path.join(dst, "localites.csv"), ["code_postal", "nom", "nis", "lon", "lat"], locs)
    write_csv(os.path.join(dst, "gares.csv"), ["id", "nom", "lon", "lat"], [g[:4] for g in gares])
    write_csv(os.path.join(dst, "rome-grands-domaines.csv"), ["code", "libelle"], sorted(gd.items()))
    write_csv(os.path.join(dst, "rome-domaines.csv"), ["code", "libelle", "grand_domaine"],
              sorted((k, v[0], v[1]) for k, v in dom.items()))
    write_csv(os.path.join(dst, "rome-fiches.csv"), ["code", "libelle", "domaine"],
              sorted((r["code_rome"], r["libelle"], r["domaine_code"]) for r in fiches))
    # Stable sort by ROME code keeps the upstream order within a code.
    apps = sorted(((a["code_rome"], a["libelle"]) for a in appellations), key=lambda t: t[0])
    write_csv(os.path.join(dst, "rome-appellations.csv"), ["code_rome", "libelle"], apps)

    total = sum(os.path.getsize(os.path.join(dst, n)) for n in os.listdir(dst))
    print(f"data/ref total: {total} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: prepare_ref.py SHARED_DATA_DIR OUTPUT_DIR")
    main(sys.argv[1], sys.argv[2])

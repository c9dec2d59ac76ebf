"""Map assets: Leaflet, its plugins and offline country outlines, fetched once with npm.

``geomap assets install`` runs ``npm pack`` for each pinned package, checks the package's
integrity against the pin, and keeps only what map.html inlines (scripts, styles with
their images as data URIs, licences, and the Natural Earth country outlines converted
from TopoJSON to GeoJSON) in ``<cache>/assets/``. A build never fetches anything; when the
assets are missing it links the same files from a CDN and says so.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.gazetteer import cache_dir

__all__ = ["PACKAGES", "Assets", "assets_dir", "install", "load", "topojson_to_geojson"]

#: npm packages by exact version and their registry integrity (sha512). Exact pins are
#: deliberate: the files are inlined into every map, so a changed release must be a
#: reviewed change here, and the integrity check needs a fixed tarball.
PACKAGES: dict[str, tuple[str, str]] = {
    "leaflet": (
        "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
    ),
    "leaflet.markercluster": (
        "1.5.3",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
    ),
    "leaflet.heat": (
        "0.2.0",
        "sha512-Cd5PbAA/rX3X3XKxfDoUGi9qp78FyhWYurFg3nsfhntcM/MCNK08pRkf4iEenO1KNqwVPKCmkyktjW3UD+h9bQ==",
    ),
    "world-atlas": (
        "2.0.2",
        "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
    ),
}
#: Files map.html inlines, by package: (path in the tarball, kind).
_FILES: dict[str, list[tuple[str, str]]] = {
    "leaflet": [("package/dist/leaflet.js", "js"), ("package/dist/leaflet.css", "css")],
    "leaflet.markercluster": [
        ("package/dist/leaflet.markercluster.js", "js"),
        ("package/dist/MarkerCluster.css", "css"),
        ("package/dist/MarkerCluster.Default.css", "css"),
    ],
    "leaflet.heat": [("package/dist/leaflet-heat.js", "js")],
    "world-atlas": [("package/countries-110m.json", "topojson")],
}
_LICENCES = ("package/LICENSE", "package/MIT-LICENCE.txt", "package/LICENSE.md")
#: Where a build without installed assets links the same files from.
CDN = "https://cdn.jsdelivr.net/npm"
#: Subresource Integrity (sha384) of each file the CDN fallback links, by package and path
#: in the tarball: the files of the pinned, integrity-checked npm tarballs (``PACKAGES``),
#: which the CDN serves byte for byte, so a browser refuses a file that differs from them.
#: (Leaflet's own documentation gives the same two for 1.9.4.)
_SRI: dict[tuple[str, str], str] = {
    ("leaflet", "package/dist/leaflet.js"): (
        "sha384-cxOPjt7s7Iz04uaHJceBmS+qpjv2JkIHNVcuOrM+YHwZOmJGBXI00mdUXEq65HTH"
    ),
    ("leaflet", "package/dist/leaflet.css"): (
        "sha384-sHL9NAb7lN7rfvG5lfHpm643Xkcjzp4jFvuavGOndn6pjVqS6ny56CAt3nsEVT4H"
    ),
    ("leaflet.markercluster", "package/dist/leaflet.markercluster.js"): (
        "sha384-eXVCORTRlv4FUUgS/xmOyr66XBVraen8ATNLMESp92FKXLAMiKkerixTiBvXriZr"
    ),
    ("leaflet.markercluster", "package/dist/MarkerCluster.css"): (
        "sha384-pmjIAcz2bAn0xukfxADbZIb3t8oRT9Sv0rvO+BR5Csr6Dhqq+nZs59P0pPKQJkEV"
    ),
    ("leaflet.markercluster", "package/dist/MarkerCluster.Default.css"): (
        "sha384-wgw+aLYNQ7dlhK47ZPK7FRACiq7ROZwgFNg0m04avm4CaXS+Z9Y7nMu8yNjBKYC+"
    ),
    ("leaflet.heat", "package/dist/leaflet-heat.js"): (
        "sha384-mFKkGiGvT5vo1fEyGCD3hshDdKmW3wzXW/x+fWriYJArD0R3gawT6lMvLboM22c0"
    ),
}
_MANIFEST = "manifest.json"


def assets_dir() -> Path:
    """Where installed assets live: ``<cache>/assets/`` (see ``geomap.gazetteer.cache_dir``)."""
    return cache_dir() / "assets"


@dataclass(frozen=True)
class Assets:
    """Installed assets, ready to inline: scripts and styles in load order, outlines."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    countries: dict[str, Any]

    @staticmethod
    def cdn_integrity() -> dict[str, str]:
        """The Subresource Integrity of each URL ``cdn_links`` gives (sha384), for the
        ``integrity`` attribute of its tag."""
        out = {}
        for (name, path), sri in _SRI.items():
            out[f"{CDN}/{name}@{PACKAGES[name][0]}/{path.removeprefix('package/')}"] = sri
        return out

    @staticmethod
    def cdn_links() -> tuple[list[str], list[str]]:
        """Script and style URLs of the same pinned files on a CDN (the fallback); each has
        its integrity in ``cdn_integrity``."""
        js, css = [], []
        for name, files in _FILES.items():
            version = PACKAGES[name][0]
            for path, kind in files:
                url = f"{CDN}/{name}@{version}/{path.removeprefix('package/')}"
                if kind == "js":
                    js.append(url)
                elif kind == "css":
                    css.append(url)
        return js, css


def _npm_pack(name: str, version: str, integrity: str, into: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise GeomapError(
            "npm is needed to fetch the map assets once: install Node.js/npm "
            "(e.g. apt-get install npm) and run `geomap assets install` again"
        )
    proc = subprocess.run(
        [npm, "pack", f"{name}@{version}", "--json", "--silent"],
        cwd=into,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise GeomapError(f"npm pack {name}@{version} failed: {proc.stderr.strip()[-500:]}")
    info = json.loads(proc.stdout)[0]
    if info.get("integrity") != integrity:
        raise GeomapError(
            f"{name}@{version}: integrity {info.get('integrity')} differs from the pinned "
            f"{integrity}; refusing to use it"
        )
    return into / info["filename"]


def _inline_images(css: str, tar: tarfile.TarFile, css_path: str) -> str:
    """Replace ``url(images/x.png)`` by data URIs, so no file is requested at run time."""
    base = css_path.rsplit("/", 1)[0]

    def repl(m: re.Match[str]) -> str:
        rel = m.group(1).strip("'\"")
        member = tar.extractfile(f"{base}/{rel}")
        if member is None:  # pragma: no cover - the pinned packages have their images
            return m.group(0)
        data = base64.b64encode(member.read()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\(((?:'|\")?images/[^)'\"]+\.png(?:'|\")?)\)", repl, css)


def topojson_to_geojson(topo: dict[str, Any], name: str, digits: int = 3) -> dict[str, Any]:
    """Decode one TopoJSON object (quantized arcs) into a GeoJSON FeatureCollection."""
    transform = topo.get("transform")
    arcs: list[list[list[float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for pos in arc:
            if transform:
                x += pos[0]
                y += pos[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, digits), round(y * sy + ty, digits)])
            else:
                points.append([round(pos[0], digits), round(pos[1], digits)])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        # unwrap rings that cross the antimeridian, so a flat map draws no band across it
        shift = 0.0
        for k in range(1, len(out)):
            lon = out[k][0] + shift
            prev = out[k - 1][0]
            if lon - prev > 180:
                shift -= 360
            elif prev - lon > 180:
                shift += 360
            out[k] = [round(out[k][0] + shift, digits), out[k][1]]
        return out

    features = []
    for geom in topo["objects"][name]["geometries"]:
        if geom.get("type") == "Polygon":
            coords: Any = [ring(r) for r in geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            coords = [[ring(r) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geom.get("id"),
                "properties": {"name": (geom.get("properties") or {}).get("name")},
                "geometry": {"type": geom["type"], "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def install(*, force: bool = False, target: Path | None = None) -> Path:
    """Fetch the pinned packages with npm and keep what maps inline; return the folder."""
    out = target or assets_dir()
    if not force and load(out) is not None:
        return out
    staging = Path(tempfile.mkdtemp(prefix=".assets-", dir=_ensure(out.parent)))
    manifest: dict[str, Any] = {"packages": {}, "scripts": [], "styles": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, (version, integrity) in PACKAGES.items():
                tgz = _npm_pack(name, version, integrity, Path(tmp))
                with tarfile.open(tgz) as tar:
                    for path, kind in _FILES[name]:
                        member = tar.extractfile(path)
                        if member is None:
                            raise GeomapError(f"{name}@{version} lacks {path}")
                        raw = member.read()
                        fname = f"{name}-{Path(path).name}"
                        if kind == "css":
                            text = _inline_images(raw.decode("utf-8"), tar, path)
                            (staging / fname).write_text(text, encoding="utf-8")
                            manifest["styles"].append(fname)
                        elif kind == "js":
                            (staging / fname).write_bytes(raw)
                            manifest["scripts"].append(fname)
                        else:
                            topo = json.load(io.BytesIO(raw))
                            geo = topojson_to_geojson(topo, "countries")
                            (staging / "countries.geojson").write_text(
                                json.dumps(geo, separators=(",", ":")), encoding="utf-8"
                            )
                    for lic in _LICENCES:
                        try:
                            member = tar.extractfile(lic)
                        except KeyError:
                            continue
                        if member is not None:
                            (staging / f"{name}-LICENSE.txt").write_bytes(member.read())
                            break
                manifest["packages"][name] = {"version": version, "integrity": integrity}
        (staging / _MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def load(folder: Path | None = None) -> Assets | None:
    """The installed assets, or None when they are missing or not the pinned versions."""
    folder = folder or assets_dir()
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        pinned = {n: {"version": v, "integrity": i} for n, (v, i) in PACKAGES.items()}
        if manifest.get("packages") != pinned:
            return None
        scripts = tuple((folder / f).read_text(encoding="utf-8") for f in manifest["scripts"])
        styles = tuple((folder / f).read_text(encoding="utf-8") for f in manifest["styles"])
        countries = json.loads((folder / "countries.geojson").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return None
    return Assets(scripts, styles, countries)

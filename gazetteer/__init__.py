"""geomap's bundled gazetteer: build script and curated additions (installed as geomap._gazetteer)."""

"""The bundled gazetteer: build script and curated additions (installed as geomap._gazetteer)."""

"""The compiled part of geomap: its lexer (``geomap/_lexer.pyx``), built when a C compiler is
available. Everything else is declared in ``pyproject.toml``; without a compiler the
extension is skipped (``optional``) and geomap uses its pure-Python lexer, which gives the
same results."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("geomap._lexer", ["geomap/_lexer.pyx"], optional=True),
    ]
)

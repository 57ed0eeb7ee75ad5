"""The MkDocs adapter: the only part of macros/ that imports MkDocs.

- ``hooks.py``: mkdocs-macros' hooks over the generator-free core (mkdocs.yml:
  ``macros: module_name: macros``, whose hooks in macros/__init__.py land there).
- ``cli.py``: MkDocs' command line as make build and make serve run it, without what the
  project never uses. It imports nothing of the core before MkDocs loads the plugin, so
  that a build of pages without macros (the benchmark's floor) pays nothing for it.
"""

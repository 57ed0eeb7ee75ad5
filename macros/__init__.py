"""Policy as code: the plain-Python core behind the site, in layers.

Data flows one way, and every import runs downwards:

- ``policy/``: data in, checked. YAML in data/ read with its lines (reading.py,
  loading.py), validated models (model.py) and the rules between files (checks.py),
  the adopted text, time rules and mandate periods, the settings from the environment,
  the version's sources.
- ``views/``: pure renderers from the validated policy to HTML, SVG and ICS (the
  principles and lists, document facts, role matrix and sections, reporting diagram,
  follow-up table, calendar and annual wheel, glossary, changes, accessibility
  statement, calendar feed), every value escaped where it lands.
- ``site/``: one build of the site whatever generator runs it (build.py: what the theme
  shows, the macros the pages call) and the step after the pages on the built folder
  (finish.py: feed, search additions, sources, link check, PDF, compressed copies).
- One thin adapter per generator beside them: ``mkdocs_adapter/`` (mkdocs-macros'
  hooks, below; mkdocs.yml: ``macros: module_name: macros``) and ``zensical_adapter``.

No module but an adapter imports a generator.
"""


def define_env(env):
    from .mkdocs_adapter.hooks import define_env as register

    register(env)


def on_post_build(env):
    from .mkdocs_adapter.hooks import on_post_build as after_build

    after_build(env)


def on_pre_page_macros(env):
    from .mkdocs_adapter.hooks import on_pre_page_macros as before_page

    before_page(env)


def on_post_page_macros(env):
    from .mkdocs_adapter.hooks import on_post_page_macros as after_page

    after_page(env)

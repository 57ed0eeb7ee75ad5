"""Policy as code: the plain-Python core behind the site.

Data flows one way: YAML in data/ (loading.py) -> validated models (model.py,
checks.py) -> pure renderers (policy_text.py, document_facts.py) -> pages. None of
these modules imports mkdocs; adapter.py is the thin layer that registers the
renderers with mkdocs-macros, and ``define_env`` below is its entry point
(mkdocs.yml: ``macros: module_name: macros``).
"""


def define_env(env):
    from .adapter import define_env as register

    register(env)

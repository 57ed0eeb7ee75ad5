"""Policy as code: the plain-Python core behind the site.

Data flows one way: YAML in data/ (loading.py) -> validated models (model.py,
checks.py) -> pure renderers (policy_text.py, document_facts.py, roles.py,
followup.py, and the drawings in diagram.py and wheel.py; the feed in feed.py) ->
pages. None of these modules imports mkdocs; adapter.py is the thin layer that
registers the renderers with mkdocs-macros, and the two functions below are its
entry points (mkdocs.yml: ``macros: module_name: macros``).
"""


def define_env(env):
    from .mkdocs_adapter import define_env as register

    register(env)


def on_post_build(env):
    from .mkdocs_adapter import on_post_build as after_build

    after_build(env)


def on_pre_page_macros(env):
    from .mkdocs_adapter import on_pre_page_macros as before_page

    before_page(env)


def on_post_page_macros(env):
    from .mkdocs_adapter import on_post_page_macros as after_page

    after_page(env)

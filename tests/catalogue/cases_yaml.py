"""Cases: YAML as editors break it, and what must simply work."""

from __future__ import annotations

from tests.catalogue.framework import Project, Refused, Works, case

ROLES = "data/roller.yml"


@case("yaml-tab-indent", "tabbtecken som indrag")
def tab_indent(project: Project):
    roles = project.data("roller.yml")["roller"]
    line = project.replace(ROLES, f"    namn: {roles[0]['namn']}", f"\tnamn: {roles[0]['namn']}")
    return Refused(ROLES, line, ("tabb",))


@case("yaml-unclosed-quote", "citattecken som aldrig avslutas")
def unclosed_quote(project: Project):
    line = project.set(ROLES, ("roller", 0, "namn"), '"Utan slut')
    return Refused(ROLES, line, ("citattecken",))


@case("yaml-duplicate-key", "samma nyckel två gånger")
def duplicate_key(project: Project):
    roles = project.data("roller.yml")["roller"]
    old = f"    namn: {roles[0]['namn']}\n"
    line = project.replace(ROLES, old, old + old) + 1
    return Refused(ROLES, line, ("två gånger",))


@case("yaml-bom", "filen börjar med BOM (byte order mark)", )
def bom(project: Project):
    project.write(ROLES, "\ufeff" + project.text(ROLES))
    return Works()


@case("yaml-crlf", "radslut CRLF (Windows)")
def crlf(project: Project):
    project.path(ROLES).write_bytes(project.text(ROLES).replace("\n", "\r\n").encode("utf-8"))
    return Works()


@case("ref-unknown-role", "hänvisning till en roll som inte finns")
def unknown_role(project: Project):
    line = project.set("data/ansvar.yml", ("ansvar", 0, "roll"), "finns-inte")
    return Refused("data/ansvar.yml", line, ("okänd roll", "finns-inte"))

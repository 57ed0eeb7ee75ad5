"""What git (and mike, which runs git) says, told to the publisher in Swedish.

Git runs with ``LC_ALL=C`` (publishing/gitrepo.py), so its messages are English and
stable: the known ones are recognised here and said in Swedish, with what to do. A
message not known here is never hidden: it is shown as git's own words, introduced by a
Swedish sentence that says what failed and that the words are git's.
"""

from __future__ import annotations

import re

from macros.policy.settings import shown

#: (pattern on git's English message, Swedish explanation). The pattern's named groups
#: fill the explanation; a path or name in them is shown with settings.shown (escaped,
#: shortened).
KNOWN: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p, re.I | re.S), s) for p, s in (
    (r"Unable to create '(?P<lock>[^']+\.lock)': File exists",
     "git kunde inte låsa en fil i förrådet: låsfilen {lock} finns redan. Antingen arbetar en annan "
     "git-process i förrådet just nu, eller så avbröts en tidigare och lämnade filen kvar. Vänta "
     "tills den andra är klar, eller ta bort låsfilen om ingen git-process körs, och försök igen"),
    (r"cannot lock ref '(?P<ref>[^']+)': is at \w+ but expected \w+",
     "grenen {ref} ändrades av något annat medan publiceringen pågick; ingenting är publicerat. "
     "Se efter vad som ändrade grenen och publicera igen"),
    (r"cannot lock ref '(?P<ref>[^']+)': reference already exists",
     "grenen {ref} skapades av något annat medan publiceringen pågick; ingenting är publicerat. "
     "Se efter vad som skapade grenen och publicera igen"),
    (r"cannot lock ref '(?P<ref>[^']+)': '(?P<other>[^']+)' exists; cannot create",
     "grenen {ref} kan inte skapas eftersom {other} redan finns (en gren kan inte både vara en "
     "gren och en mapp av grenar); välj ett annat namn med BRANCH="),
    (r"'(?P<other>[^']+)' exists; cannot create '(?P<ref>[^']+)'",
     "grenen {ref} kan inte skapas eftersom {other} redan finns; välj ett annat namn med BRANCH="),
    (r"Branch name doesn't conform to GIT standards: (?P<ref>\S+)",
     "git godtar inte {ref} som namn på en gren; ange ett vanligt grennamn med BRANCH=, till "
     "exempel publicerat"),
    (r"not a git repository",
     "projektet är inget git-förråd; publiceringen sparar versionerna på en gren i projektets "
     "förråd (git init och en första commit behövs)"),
    (r"detected dubious ownership in repository at '(?P<path>[^']+)'",
     "git vägrar arbeta i {path} eftersom mappen ägs av en annan användare; lita på den med "
     "git config --global --add safe.directory och mappens sökväg, eller kör som ägaren"),
    (r"Please tell me who you are|empty ident name|unable to auto-detect email address",
     "git vet inte vem du är; ange namn och e-post med git config user.name \"...\" och "
     "git config user.email \"...\" och försök igen"),
    (r"No space left on device",
     "disken är full; frigör utrymme och försök igen"),
    (r"\[rejected\].*\((?:fetch first|non-fast-forward)\)|Updates were rejected",
     "fjärrförrådet har publiceringar som inte finns här (någon annan har publicerat sedan du "
     "hämtade grenen); hämta grenen, se efter vad som publicerades och publicera sedan igen"),
    (r"pre-receive hook declined|protected branch|\[remote rejected\]",
     "fjärrförrådet tog inte emot grenen (den kan vara skyddad, eller så vägrade en kontroll på "
     "servern); be den som sköter förrådet om rätt att skicka grenen"),
    (r"'(?P<remote>[^']+)' does not appear to be a git repository|No such remote",
     "fjärrförrådet {remote} finns inte i projektets git-inställningar; lägg till det med "
     "git remote add, eller skicka grenen själv med git push"),
    (r"Could not resolve host|Connection timed out|Connection refused|Network is unreachable|"
     r"Failed to connect",
     "servern för fjärrförrådet går inte att nå; kontrollera nätverket och adressen "
     "(git remote -v) och försök igen"),
    (r"Authentication failed|Permission denied \(publickey|could not read Username|"
     r"terminal prompts disabled|Could not read from remote repository",
     "fjärrförrådet godtog inte inloggningen, eller du har inte rätt att skicka till det; "
     "kontrollera din inloggning (nyckel eller token) och din behörighet"),
    (r"Permission denied|Operation not permitted|Read-only file system",
     "git fick inte skriva i förrådet (behörighet saknas eller filsystemet är skrivskyddat); "
     "publicera som en användare som får skriva i projektets .git-mapp"),
    (r"(?:bad object|not a valid object name|unknown revision)(?: (?P<what>\S+))?",
     "git hittar inte {what} i förrådet; förrådet kan vara ofullständigt (en grund kloning?): "
     "hämta hela historiken med git fetch --unshallow och försök igen"),
))


def _fill(template: str, match: re.Match) -> str:
    values = {k: shown(_in_repository(v.rstrip(".:"))) if v else "det som efterfrågades"
              for k, v in match.groupdict().items()}
    return template.format(**values)


def _in_repository(value: str) -> str:
    """A path inside the repository's .git folder from there (``.git/refs/heads/x.lock``): a
    long absolute path would be shortened in the message, and its end is what says most."""
    at = value.rfind("/.git/")
    return value[at + 1:] if at >= 0 else value


def explain(said: str, what: str = "git") -> str:
    """Swedish for what ``what`` (git, or mike) said on failing; its own words for an
    unknown message, introduced as such."""
    said = (said or "").strip()
    for pattern, swedish in KNOWN:
        match = pattern.search(said)
        if match:
            return _fill(swedish, match)
    if not said:
        return f"{what} avbröts utan att säga varför"
    lines = [line for line in said.splitlines() if line.strip()]
    tail = "\n".join(lines[-8:])[-800:]
    return (f"{what} avbröts med ett meddelande som publiceringen inte känner igen; så här "
            f"skrev {what} (på engelska):\n{tail}")


#: MkDocs' own lines in a failed build (English), and what they say in Swedish; None:
#: a line that says nothing the lines before it did not.
MKDOCS: tuple[tuple[re.Pattern, str | None], ...] = tuple((re.compile(p), s) for p, s in (
    (r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target is not found "
     r"among documentation files\.?",
     "sidan {page} länkar till {link}, som inte finns bland sidorna"),
    (r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<doc>[^']+)' does "
     r"not contain an anchor '(?P<anchor>[^']+)'\.?",
     "sidan {page} länkar till {link}, men sidan {doc} har inget avsnitt {anchor}"),
    (r"Aborted with (?P<count>\d+) warnings? in strict mode!",
     "bygget avbröts av varningarna ovan (strikt läge: en varning stoppar bygget)"),
    (r"Aborted with a BuildError!", None),
    (r"Error building page '(?P<page>[^']+)':?.*", "sidan {page} kunde inte byggas"),
))
_LEVEL = re.compile(r"^(?P<level>WARNING|ERROR|CRITICAL)\s+-\s+")


def build_output(lines: list[str]) -> list[str]:
    """The lines of a failed build as the publisher reads them: MkDocs' known English lines
    in Swedish, its levels (WARNING, ERROR) as Swedish words, this project's own lines as
    they are."""
    told = []
    for line in lines:
        level = _LEVEL.match(line)
        text = line[level.end():] if level else line
        prefix = ("Varning: " if level.group("level") == "WARNING" else "Fel: ") if level else ""
        for pattern, swedish in MKDOCS:
            match = pattern.fullmatch(text.strip())
            if match:
                if swedish is not None:
                    told.append(prefix + _fill(swedish, match))
                break
        else:
            told.append(prefix + text if level else line)
    return told

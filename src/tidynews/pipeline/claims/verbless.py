"""Attribution without a reporting verb: "according to X" (a leading one is cues.py's),
a headline's "X: ...", a figure "in" a named poll, "X put it plainly: '...'"."""

from __future__ import annotations

from tidynews.pipeline.claims.lexicon import DOCUMENTS, HEADLINE_LABELS, POLLS
from tidynews.pipeline.claims.names import is_name, is_quote, length, name_of, text_of
from tidynews.pipeline.claims.opening import sentence_subject
from tidynews.pipeline.claims.toks import Tok

MAX_CLAIMANT_TOKENS = 12  # "according to X": a longer X is a clause, not a source


def closing_according_to(
    toks: list[Tok], words: list[str], outside: list[bool]
) -> tuple[str, str] | None:
    """ ", according to Y" closing a sentence's clause, outside quotation marks."""
    if "according" not in words:
        return None
    for k in range(2, len(words) - 2):
        if words[k : k + 2] == ["according", "to"] and words[k - 1] == "," and outside[k]:
            claimant = noun_phrase(toks[k + 2 : k + 3 + 2 * MAX_CLAIMANT_TOKENS])
            if claimant:
                return claimant, text_of(toks[k : k + 2])
    return None


def headline_source(toks: list[Tok], words: list[str]) -> tuple[str, str] | None:
    """ "Bernie Sanders: 'Of course' ...": a name, a colon, what the name said."""
    colon = next((i for i, w in enumerate(words[:6]) if w == ":"), None)
    if colon is None or colon == 0 or colon + 2 >= len(words):
        return None
    name = toks[:colon]
    said = [t for t in toks[colon + 1 :] if t.is_alpha]
    if not (is_quote(toks[colon + 1]) or len(said) >= 4) or words[0] in HEADLINE_LABELS:
        return None  # "Watch: ...", "Update: ..." label the page, no one speaks
    if is_name(name):
        return text_of(name), ":"
    # "Ruiz camp: ...", "Ruiz to farmers: ...": a name with its role or its audience
    lead = next((i for i, t in enumerate(name) if not t.text[:1].isupper()), len(name))
    rest = words[lead:colon]
    if lead and is_name(name[:lead]) and rest and (rest[0] in ("to", "on") or len(rest) == 1):
        return text_of(name[:lead]) + ("" if rest[0] in ("to", "on") else " " + rest[0]), ":"
    return None


def in_a_document(toks: list[Tok], words: list[str]) -> tuple[str, str] | None:
    """ "In a new poll by the Harbour Institute, 40 percent ...": the poll says it, when
    no one in the sentence says so ("In a poll, 40 percent said ...": they do)."""
    if words[:1] == ["in"] and "," in words[:MAX_CLAIMANT_TOKENS]:
        comma = words.index(",")
        phrase = toks[1:comma]
        if phrase and any(w in DOCUMENTS for w in words[1:comma]):
            return text_of(phrase), toks[0].text
    # "Ruiz leads by 9 points in the latest Harbour poll": the poll measures it
    for k in range(1, len(words) - 1):
        if words[k] != "in":
            continue
        for end in range(k + 1, min(k + 8, len(words))):
            if not toks[end].is_alpha and toks[end].text not in ("-", "/"):
                break
            named = any(t.text[:1].isupper() for t in toks[k + 1 : end + 1])
            if words[end] in POLLS and named:  # "in a Harbour poll", not "in the polls"
                return text_of(toks[k + 1 : end + 1]), toks[k].text
    return None


def colon_quote(toks: list[Tok], words: list[str], outside: list[bool]) -> tuple[str, str] | None:
    """ "Ruiz put it plainly: 'The port is shut.'": a colon opening a quotation makes
    it the words of the sentence's subject, whatever its verb."""
    for k in range(1, len(words) - 1):
        if words[k] == ":" and outside[k] and is_quote(toks[k + 1]):
            subject = sentence_subject(toks[:k])
            return (subject, ":") if subject else None
    return None


def noun_phrase(toks: list[Tok]) -> str | None:
    """The noun phrase a list of tokens starts with: up to a comma, clause word or stop;
    None when it runs past MAX_CLAIMANT_TOKENS (callers pass no more tokens than that
    and one: a sentence repeating "according to" read to its end from each one)."""
    out = []
    for tok in toks:
        if tok.text in (",", ".", ";", ":", "(") or tok.lower_ in ("who", "which", "that"):
            break
        out.append(tok)
    return name_of(text_of(out)) if out and length(out) <= MAX_CLAIMANT_TOKENS else None

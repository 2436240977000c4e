"""Claims: the sentences that assert something, who asserts them, how surely, and what kind.

Each paragraph is split into sentences by spaCy's rule sentencizer (tokenizer
exceptions keep "U.S." and "Mr." whole), then at ";". A sentence is a claim unless
it is a question, an interjection or a greeting (sentences.py). Attribution is read
with rules, first match wins; rules 1-5 look for a reporting cue (cues.py), rules
6-7 apply when there is none (claimants.py):

1. "in what X said were ...": X, cue "said";
2. "According to X, ...": X, cue "According to";
3. "..., X said [on Monday]." (or "..., said X."): X, cue "said";
4. "X said/reported/believe(s) ...": X, cue the verb (not when negated: "did not say");
5. "... according to X": X, cue "according to";
6. a quotation that follows an attributed sentence of the same paragraph: the same X;
7. otherwise the segment's own voice: "author" in the article, "commenter" in a comment.

A pronoun or "the report" / "the source" as X stands for the last named source of
the segment. Kind, in this order: report (a third party's claim), opinion (first
person singular, a wish, an evaluative or deontic word; a hedged comment),
forecast (future tense or "threaten(s) to"), else assertion (sentences.py). The
words all these rules read are in lexicon.py.
"""

from tidynews.pipeline.claims.sentences import Claim, find_claims

__all__ = ["Claim", "find_claims"]

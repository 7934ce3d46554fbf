"""Whether an answer asserts a warning sign, or denies it, hedges it or only asks about it.

A red-flag rule names phrases ("risk-free", "guarantee", "부작용…없"). A careful clinic uses the
same words to say the opposite: "No treatment is risk-free", "We cannot guarantee any result",
"부작용이 없는 것은 아닙니다". A warning raised against that answer teaches the patient to
distrust the honest clinic and buries the real warnings, so a phrase counts only where the
answer asserts it.

How a phrase is read, in the clause around it:

- English puts negation before the phrase ("not", "no", "cannot", "never", "nobody can",
  "isn't", "rather than") or right after it ("… is not possible", "… does not mean approval").
- Korean puts negation at the end of the clause (…수는 없습니다, …것은 아닙니다, …지 않습니다).
  A phrase that itself says "there is none" (부작용이 없…) is negated only by a second negation
  (…없는 것은 아닙니다, …없는 치료는 없습니다); a phrase that says something is there (100% 안전,
  효과를 보장) is negated by …없습니다 as well. A quoted claim denied at the end of the sentence
  (…다고 말씀드릴 수는 없습니다) is denied whatever clauses it spans.
- A clause that ends in a question mark, or that reports a question ("whether", "if", …는지,
  …냐고), asks rather than asserts.

Clauses end at sentence punctuation and commas, at contrasting words (but, although, 지만,
는데) and where "and" or Korean …고 starts a new statement. In a phrase, "…" stands for any
words within one clause ("부작용…없" finds "부작용은 전혀 없습니다"). English phrases start at a
word boundary ("cure" does not find "secure") and stop before a hyphenated compound ("no risk"
does not find "no risk-free").

This reads answers the way a careful person skims them; it is not a parser. What it misses or
raises wrongly is pinned by the corpus of real-sounding answers in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


class _Lazy:
    """A regular expression compiled when first used: compiling this module's at import would
    cost every start of the window a few milliseconds, for answers it may never read."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:  # search, match, finditer, split, sub
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return getattr(self._compiled, name)

#: The gap a phrase may have ("부작용…없"): any words, but not across a clause's punctuation.
#: Folded text (NFKC) spells it as three dots.
_GAP_FOLDED = _Lazy(r"…|\.\.\.")
#: What a gap may hold: up to 30 characters of one sentence, not across "but" or 지만/는데/으나.
_GAP_PATTERN = r"(?:(?!지만|는데|으나|\sbut\s)[^.!?;\n。]){0,30}?"

_CLAUSE_BREAK = _Lazy(
    r"[.!?;:,\n。]"
    r"|\s(?:but|although|though|however|whereas|while|yet|so|then|because|since)\s"
    r"|\sand\s(?=(?:it|it's|there|we|we're|you|you'll|they|the|this|that|i|our|your|he|she)\b)"
    r"|(?:지만|는데|으나|면서|더라도)\s"
    r"|(?<![다라냐자])고\s"
)
_SENTENCE_BREAK = _Lazy(r"[.!?;\n。]")

#: English words before a phrase that deny it or only ask about it.
_EN_BEFORE = _Lazy(
    r"\b(?:not|no|never|cannot|nobody|none|nothing|neither|nor|without|unable|impossible|"
    r"whether|if|rather than|instead of|unlike|myth)\b|n't\b"
)
#: Before a phrase that is itself a denial ("no risk", "nothing can go wrong"), only these
#: deny it again: "There is no pain and no risk" still asserts "no risk".
_EN_BEFORE_A_DENIAL = _Lazy(
    r"\b(?:not|never|cannot|nobody|unable|impossible|whether|if|no such thing|myth)\b|n't\b"
)
#: Phrases that are themselves denials.
_EN_DENIAL = _Lazy(r"^(?:no|not|nothing|never|none|zero|without)\b")
#: "no" and "not" that do not deny what follows.
_EN_NOT_DENIALS = _Lazy(r"\b(?:no doubt|no question|not only|no wonder|without doubt|without question)\b")
#: English words after a phrase that deny it: "is not …" up to three words later ("A guarantee of
#: results is not possible", but not across "that": "safe treatment that is not painful"), and
#: "does not", "cannot" right after it ("FDA registration does not mean approval").
_EN_AFTER = _Lazy(
    r"^\W*(?:(?!(?:that|which|who)\b)\w+\W+){0,3}?(?:is not|isn't|are not|aren't|was not|wasn't|is never|"
    r"are never|not possible|impossible|no such thing|a myth|false|untrue|misleading|illegal|not allowed|"
    r"prohibited|banned)\b"
    r"|^\W*(?:does not|doesn't|do not|don't|did not|didn't|cannot|can't|can not)\b"
)
#: Korean endings after a phrase that deny or hedge it, or turn it into a question.
_KO_AFTER = _Lazy(r"않|아니|아닙|아님|(?:^|\s)안\s|(?<!잘)못|어렵|수\s*(?:는|가|도)?\s*없|는지|인지|냐고|물어|물었|금지|불법")
#: …수 없 ("cannot") at the end of a phrase: its 없 denies, it does not say "there is none".
_KO_CANNOT = _Lazy(r"수\s*(?:는|가|도)?\s*없$")
#: Korean "rather than …" right after a phrase: "후기보다는 논문을 보십시오".
_KO_RATHER_THAN = _Lazy(r"^\S*?보다")
#: …없 after a phrase that says something is there: "100% 안전한 치료는 없습니다".
_KO_NONE = _Lazy(r"없")
#: A phrase saying "there is none" (…없, …않) that only describes a noun, which is then denied
#: or said to be one case of several: "부작용이 없는 치료는 없습니다", "부작용이 없었던 환자도 있지만".
_KO_NONE_OF_THE_KIND = _Lazy(r"^(?:었던|던|는|은)\s.*(?:없|도\s*있)")
#: A quoted claim denied at the end of the sentence: "…다고 말씀드릴 수는 없습니다".
_KO_QUOTE_DENIED = _Lazy(
    r"[다라]고(?:는|까지는)?\s+(?:\S+\s+){0,2}?(?:\S*수\s*(?:는|가|도)?\s*없|\S*(?:어렵|않|아닙|아니))"
)


def asserts_any(text: str, phrases: Iterable[str]) -> bool:
    """Whether `text` (already folded) asserts any of `phrases` (folded), not denied or hedged."""
    return any(_asserted(text, match) for phrase in phrases for match in _pattern(phrase).finditer(text))


@lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(part.strip()) for part in _GAP_FOLDED.split(phrase)]
    body = "".join(part if i == 0 else f"(?P<gap{i}>{_GAP_PATTERN}){part}" for i, part in enumerate(parts))
    start = r"\b" if re.match(r"[a-z0-9]", phrase) else ""
    end = r"(?!-\w)" if re.search(r"\w$", phrase) else ""
    return re.compile(start + body + end)


def _asserted(text: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start) if m.end() <= start), default=0)
    following = _CLAUSE_BREAK.search(text, end)
    clause_end = following.start() if following else len(text)
    sentence_end = _SENTENCE_BREAK.search(text, end)
    if sentence_end is not None and sentence_end.group() == "?":
        return False  # a question, not a statement
    # Words a gap spans come before the phrase's last part: "own cells, that does not make it safe".
    gaps = " ".join(gap for gap in match.groupdict().values() if gap)
    before = _EN_NOT_DENIALS.sub(" ", f"{text[clause_start:start]} {gaps}")
    after = text[end:clause_end]
    denied_before = _EN_BEFORE_A_DENIAL if _EN_DENIAL.match(match.group()) else _EN_BEFORE
    if denied_before.search(before) or _EN_AFTER.search(after) or _KO_AFTER.search(after):
        return False
    if _KO_RATHER_THAN.match(after):
        return False
    if _KO_CANNOT.search(match.group()):
        return False  # the 없 a gap phrase ended on is "cannot": "부작용…말씀드릴 수는 없"
    says_none = match.group().endswith(("없", "않"))
    if not says_none and _KO_NONE.search(after):
        return False
    if says_none and _KO_NONE_OF_THE_KIND.search(after):
        return False
    rest_of_sentence = text[end : sentence_end.start() if sentence_end else len(text)]
    return not _KO_QUOTE_DENIED.search(rest_of_sentence)

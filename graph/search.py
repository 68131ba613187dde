"""Turn what a person types into the search box into a safe Lucene query for `customer_search`.

Nothing the user types reaches Lucene's parser unescaped: every token is escaped, so `ana"` or
`name:*` are searched for as text, never interpreted.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-]{6,}$")
MAX_SEARCH_LENGTH = 200


def lucene_query(text: str) -> str | None:
    """The Lucene query for a search string, or None when nothing searchable is left.

    Phone numbers typed with spaces or dashes are searched as their digits; an email or anything
    with punctuation is matched as a phrase of its analysed tokens; a plain word also matches as
    a prefix, so `Ana Li` finds Ana Lima.

    >>> lucene_query("Ana Li")
    '(ana OR ana*) AND (li OR li*)'
    >>> lucene_query("+351 912 345 678")
    '(351912345678 OR 351912345678* OR 912345678*)'
    >>> lucene_query('ana.lima@example.com')
    '"ana.lima@example.com"'
    """
    stripped = text.strip()
    if not stripped:
        return None
    if _PHONE_LIKE.match(stripped) and sum(ch.isdigit() for ch in stripped) >= 6:
        digits = "".join(ch for ch in stripped if ch.isdigit())
        national = digits[-9:]
        return f"({digits} OR {digits}* OR {national}*)"
    groups = []
    for token in stripped.lower().split():
        escaped = _SPECIAL.sub(r"\\\1", token)
        if re.fullmatch(r"[\w]+", token):
            groups.append(f"({escaped} OR {escaped}*)")
        elif re.search(r"\w", token):
            groups.append(f'"{escaped}"')
    return " AND ".join(groups) if groups else None

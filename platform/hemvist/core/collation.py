"""Names in Swedish alphabetical order, for lists of municipalities, counties and other place names.

Python sorts by code point: "Ängelholm" before "Åre" and "Örebro" before "Älmhult" (Ä is U+00C4, Å U+00C5,
Ö U+00D6), and any capital before every small letter. Swedish puts å, ä, ö last, in that order, and reads
é as e and ü as y. Neither PyICU nor a collating locale can be counted on where Hemvist runs, so this key
does what the Swedish alphabet needs for place names: small and capital letters alike, å ä ö after z,
other accents dropped, a dash read as a space ("Upplands Väsby" and "Upplands-Bro" by their second word).
"""

from __future__ import annotations

import unicodedata

# After NFC: the letters Swedish sorts as letters of their own, or as another letter.
_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y", "-": " "})  # { | } follow z


def swedish_order(name: str) -> tuple[str, str]:
    """A sort key: the name as Swedish orders it, then the name itself, so that the order is total."""
    folded = unicodedata.normalize("NFC", name.casefold()).translate(_LETTERS)
    plain = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return plain, name

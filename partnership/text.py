"""Text helpers shared by search and storage."""

import unicodedata


def search_key(text: str | None) -> str:
    """Fold case and strip diacritics so 'Žytomyr', 'zytomyr' and 'ZYTOMYR' compare equal."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())

"""The briefing text a figure waits for: the start of the summary, as `leora --json briefing` says."""
from __future__ import annotations

from leora_client import Leora


def summary(client: Leora, server: str) -> str:
    payload = client.json(server, "briefing")
    briefing = payload.get("briefing", payload)
    return briefing["summary"]


def marker(summary_text: str, length: int = 28) -> str:
    """The summary's first words, short enough to sit on the first line of any pane width."""
    words, text = summary_text.split(), ""
    for word in words:
        if len(text) + len(word) + 1 > length and text:
            break
        text = f"{text} {word}".strip()
    return text

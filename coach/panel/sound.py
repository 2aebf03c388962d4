"""The optional quiet alert sound: a soft two-note chime made in memory, never a file."""

from __future__ import annotations

import base64
import io
import wave
from functools import lru_cache

import numpy as np

SAMPLE_RATE = 22050


@lru_cache(maxsize=4)
def chime_wav(volume: float = 0.15) -> bytes:
    """A 0.6 s chime (two soft sine notes with a fade), 16-bit mono WAV bytes."""
    notes = ((659.25, 0.28), (523.25, 0.32))  # E5 then C5: gentle, falling
    parts = []
    for frequency, seconds in notes:
        time = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
        envelope = np.minimum(1.0, time / 0.02) * np.exp(-time * 6.0)
        parts.append(np.sin(2 * np.pi * frequency * time) * envelope)
    samples = np.concatenate(parts) * float(np.clip(volume, 0.0, 1.0))
    pcm = (samples * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def chime_html(nonce: str, volume: float = 0.15) -> str:
    """HTML that plays the chime once when it appears; `nonce` makes each alert a new element.

    Browsers play sound only after the person has interacted with the page (a click on
    Start counts); otherwise the chime is silently skipped and the panel colour remains.
    """
    data = base64.b64encode(chime_wav(volume)).decode("ascii")
    return (
        f'<div data-chime="{nonce}" style="display:none"></div>'
        f"<script>new Audio('data:audio/wav;base64,{data}').play().catch(() => {{}});</script>"
    )

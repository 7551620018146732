"""When a regenerated output counts as the same as the committed one (ASSUMPTIONS.md#r13).

Floating-point results differ in their last digits between CPUs, BLAS builds and library versions.
For the outputs where that shows (SVG coordinates, modelled tables, results.json), "the same"
means: the same text once numbers and SVG element ids are set aside, and every number equal up to
a stated tolerance. The runner keeps the committed file when the new one is the same by this
definition, and the determinism test compares with the same definition, so a regeneration on
another machine leaves ``git status`` clean. Every other file must be identical byte for byte.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from helpers import layout

_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SVG_ID = re.compile(rb'\bid="([^"]+)"')
SVG_TOLERANCE_PX = 0.01  # a hundredth of a pixel: invisible at any zoom a reader uses


def tolerance_kind(path: str | PurePosixPath) -> str | None:
    """``"svg"`` or ``"last_digit"`` for outputs compared with a tolerance, else ``None``."""
    parts = PurePosixPath(path).parts
    if not parts or parts[0] != "reports":
        return None
    name = parts[-1]
    if name.endswith(".svg"):
        return "svg"
    if name == layout.RESULTS_FILE or (
        len(parts) >= 2 and parts[-2] == layout.TABLES_DIR and name.endswith(".csv")
    ):
        return "last_digit"
    return None


def _canonical_ids(data: bytes) -> bytes:
    """SVG with its element ids renamed in order of first appearance (ids are content hashes)."""
    names: dict[bytes, bytes] = {}
    for match in _SVG_ID.finditer(data):
        names.setdefault(match.group(1), b"id%d" % len(names))
    if not names:
        return data
    pattern = re.compile(
        b"|".join(re.escape(b"#" + n) for n in sorted(names, key=len, reverse=True))
        + b'|id="('
        + b"|".join(re.escape(n) for n in names)
        + b')"'
    )

    def rename(match: re.Match) -> bytes:
        text = match.group(0)
        if text.startswith(b"#"):
            return b"#" + names[text[1:]]
        return b'id="' + names[match.group(1)] + b'"'

    return pattern.sub(rename, data)


def _last_place(token: bytes) -> float:
    """One unit in the last written digit of a number token (``17435`` -> 1, ``0.25`` -> 0.01)."""
    mantissa, _, exponent = token.lower().partition(b"e")
    decimals = len(mantissa.partition(b".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def same_output(path: str | PurePosixPath, old: bytes, new: bytes) -> bool:
    """Whether ``new`` is the same output as ``old`` for the file at repo-relative ``path``."""
    if old == new:
        return True
    kind = tolerance_kind(path)
    if kind is None:
        return False
    if kind == "svg":
        old, new = _canonical_ids(old), _canonical_ids(new)
    old_numbers, new_numbers = _NUMBER.findall(old), _NUMBER.findall(new)
    if len(old_numbers) != len(new_numbers) or _NUMBER.sub(b"#", old) != _NUMBER.sub(b"#", new):
        return False
    for a, b in zip(old_numbers, new_numbers, strict=True):
        if a == b:
            continue
        allowed = SVG_TOLERANCE_PX if kind == "svg" else max(_last_place(a), _last_place(b))
        if abs(float(a) - float(b)) > allowed * (1 + 1e-6):
            return False
    return True

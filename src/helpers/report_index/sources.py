"""Where every number comes from: the source register's rows as GitHub line anchors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.errors import InputError
from helpers.register import read_register
from helpers.report_index.formats import link

REGISTER_LINK = "../" + paths.RAW_REGISTER  # relative to reports/


@dataclass(frozen=True)
class Register:
    """The source register's rows by id: GitHub line number and publisher."""

    lines: Mapping[str, int]
    publishers: Mapping[str, str]

    @classmethod
    def read(cls, path: Path) -> Register:
        """The rows of the register at ``path`` through the project's one reader
        (:func:`helpers.register.read_register`). Line numbers are 1-based, the header is line
        1, a row spanning lines has the number of its first. Empty (every number then links to
        the register file itself) when the file does not exist or the reader refuses it: the
        cleaning step (01_clean) stops on a bad register, naming its rows, before any report."""
        try:
            rows = read_register(path, paths.RAW_REGISTER)
        except InputError:
            return cls({}, {})
        ids = [str(i) for i in rows["id"]]
        lines = dict(zip(ids, (int(n) for n in rows["line"]), strict=True))
        publishers = dict(zip(ids, (str(p or "") for p in rows["publisher"]), strict=True))
        return cls(lines, publishers)

    def url(self, source_id: str) -> str:
        """The register row of ``source_id`` (the file itself when the id is unknown)."""
        line = self.lines.get(source_id)
        return f"{REGISTER_LINK}#L{line}" if line else REGISTER_LINK


def sourced(text: str, source_ids: Sequence[str], register: Register, report: str) -> str:
    """``text`` linked to its one register row; a number combined from several rows links to
    the ``report`` that combines them and names its rows."""
    ids = [i for i in dict.fromkeys(source_ids) if i]
    if len(ids) == 1:
        return link(text, register.url(ids[0]))
    rows = ", ".join(link(i, register.url(i)) for i in ids)
    return link(text, report) + (f" ({rows})" if rows else "")

"""A datatrove pipeline step that repairs, drops or tags spun documents.

>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from unspin.datatrove import UnspinFilter
>>> pipeline = [
...     JsonlReader("crawl/"),
...     UnspinFilter(mode="repair"),
...     JsonlWriter("repaired/"),
... ]

Needs datatrove (``pip install unspin[datatrove]``); ``import unspin`` alone
does not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

try:
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import BaseFilter
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "unspin.datatrove needs datatrove: pip install 'unspin[datatrove]'"
    ) from e

from . import Restorer

if TYPE_CHECKING:
    from datatrove.pipeline.writers.disk_base import DiskWriter

Mode = Literal["repair", "drop", "tag"]
MODES = ("repair", "drop", "tag")


class UnspinFilter(BaseFilter):
    """Repairs, drops or tags documents that an article spinner mangled.

    Args:
        mode: what to do with each document:
            - ``"repair"`` (default): replace its text with the restored
              text; every document is kept;
            - ``"drop"``: drop the documents judged spun (with the reason
              ``"spun"``, written to ``exclusion_writer`` if there is one);
              the others are kept unchanged;
            - ``"tag"``: keep every document unchanged and record the
              verdict in its metadata: ``<prefix>spun`` (bool),
              ``<prefix>score`` (the spin score, float) and
              ``<prefix>signals`` (fingerprints and spintax leftovers).
        restorer: the ``unspin.Restorer`` to use (default: the embedded
            dictionaries and default options). It is pickled with the step,
            by its options, for datatrove's executors.
        metadata_prefix: prefix of the metadata keys written in ``"tag"``
            mode (default ``"unspin_"``).
        exclusion_writer: where dropped documents are written (``"drop"``
            mode), as for any datatrove filter.
        batch_size: documents restored or judged at once, on the thread pool
            with the GIL released (default 64).

    Stats (datatrove's, per step): ``spun`` (documents judged spun), and in
    ``"repair"`` mode ``changed`` (documents whose text changed) and
    ``edits`` (edits per document); ``"drop"`` mode adds datatrove's
    ``dropped`` and ``dropped_spun``.
    """

    name = "🌀 Unspin"

    def __init__(
        self,
        mode: Mode = "repair",
        *,
        restorer: Restorer | None = None,
        metadata_prefix: str = "unspin_",
        exclusion_writer: DiskWriter | None = None,
        batch_size: int = 64,
    ):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
        if mode != "drop" and exclusion_writer is not None:
            raise ValueError('exclusion_writer only applies to mode="drop"')
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.mode = mode
        self.restorer = restorer if restorer is not None else Restorer()
        self.metadata_prefix = metadata_prefix

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """One document: see the class documentation."""
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        """A batch of documents, restored or judged on the thread pool."""
        texts = [doc.text for doc in batch]
        if self.mode == "repair":
            results = []
            for doc, r in zip(batch, self.restorer.restore_batch(texts)):
                if r.spun:
                    self.stat_update("spun")
                self.stat_update("edits", value=len(r.edits))
                if r.changed:
                    self.stat_update("changed")
                    doc.text = r.text
                results.append(True)
            return results
        results = []
        for doc, d in zip(batch, self.restorer.detect_batch(texts)):
            if d.spun:
                self.stat_update("spun")
            if self.mode == "tag":
                doc.metadata[self.metadata_prefix + "spun"] = d.spun
                doc.metadata[self.metadata_prefix + "score"] = d.score
                doc.metadata[self.metadata_prefix + "signals"] = d.signals
                results.append(True)
            else:
                results.append((False, "spun") if d.spun else True)
        return results


__all__ = ["UnspinFilter"]

"""Type stubs of the extension module (re-exported by ``unspin``)."""

from collections.abc import Iterable
from os import PathLike
from typing import final

__version__: str

class UnspinError(ValueError):
    """An error from unspin, with its message: a dictionary file that
    cannot be read or is malformed (the message names the file and line)."""

@final
class Edit:
    """One change a restore made: ``text[start:end]`` of the input,
    ``original``, was replaced with ``replacement``. Offsets count code
    points, as ``str`` indexing does."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def original(self) -> str: ...
    @property
    def replacement(self) -> str: ...
    @property
    def rule(self) -> str:
        """"lexicon", "near_miss", "name", "article", "spintax" or "suggestion"."""
    @property
    def dictionary(self) -> str | None:
        """The dictionary of the entry, for the lexicon and near-miss rules."""
    @property
    def entry_class(self) -> str | None:
        """"fingerprint", "ambiguous" or "common", for the lexicon rule."""
    @property
    def confidence(self) -> float:
        """How sure the restorer is, from 0 to 1."""
    @property
    def reason(self) -> str:
        """Why the edit fired, in words."""

@final
class Skipped:
    """An occurrence of an ambiguous entry the language model left alone."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def original(self) -> str: ...
    @property
    def replacement(self) -> str: ...
    @property
    def dictionary(self) -> str | None: ...
    @property
    def reason(self) -> str: ...

@final
class Evidence:
    """What a document shows of spin, and the verdict."""

    @property
    def spun(self) -> bool: ...
    @property
    def words(self) -> int: ...
    @property
    def fingerprints(self) -> int: ...
    @property
    def ambiguous(self) -> int: ...
    @property
    def spintax(self) -> int: ...
    @property
    def signals(self) -> int: ...
    @property
    def per_thousand(self) -> float: ...
    @property
    def score(self) -> float: ...

@final
class Restoration:
    """What a restore did."""

    @property
    def text(self) -> str:
        """The restored text."""
    @property
    def edits(self) -> list[Edit]:
        """Every change made, in input order."""
    @property
    def skipped(self) -> list[Skipped]:
        """Occurrences of ambiguous entries left alone."""
    @property
    def spun(self) -> bool:
        """Whether the document counts as spun."""
    @property
    def changed(self) -> bool:
        """Whether anything was changed."""
    @property
    def evidence(self) -> Evidence: ...

@final
class Paragraph:
    """One paragraph of a detection (offsets into the input string)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def words(self) -> int: ...
    @property
    def fingerprints(self) -> int: ...
    @property
    def ambiguous(self) -> int: ...
    @property
    def spintax(self) -> int: ...
    @property
    def signals(self) -> int: ...

@final
class Detection:
    """How strongly a text shows spin; true when it is judged spun."""

    @property
    def spun(self) -> bool: ...
    @property
    def score(self) -> float:
        """The surprise, in powers of ten, of that many matches in clean prose."""
    @property
    def threshold(self) -> float: ...
    @property
    def words(self) -> int: ...
    @property
    def fingerprints(self) -> int: ...
    @property
    def ambiguous(self) -> int: ...
    @property
    def spintax(self) -> int: ...
    @property
    def signals(self) -> int: ...
    @property
    def paragraphs(self) -> list[Paragraph]: ...
    def __bool__(self) -> bool: ...

@final
class Restorer:
    """A configured restorer. Raises ``UnspinError`` when a dictionary file
    cannot be read or is malformed. Picklable."""

    def __init__(
        self,
        *,
        fingerprints_only: bool = False,
        language_model: bool = True,
        near_misses: bool = True,
        ignore_words: Iterable[str] = (),
        dictionaries: Iterable[str | PathLike[str]] = (),
        disable_dictionaries: Iterable[str] = (),
        default_dictionaries: bool = True,
        min_signals: int | None = None,
        min_per_thousand: float | None = None,
        spin_threshold: float | None = None,
        language_model_margins: tuple[float, float] | None = None,
        ignore_markers: bool = True,
        chunk_size: int | None = None,
        threads: int = 1,
        apply_suggestions: bool = False,
    ) -> None: ...
    def restore(self, text: str) -> Restoration:
        """Restores ``text`` (the GIL is released meanwhile)."""
    def restore_batch(self, texts: Iterable[str]) -> list[Restoration]:
        """Restores each text on the thread pool, GIL released; results in order."""
    def detect(self, text: str) -> Detection:
        """Scores how strongly ``text`` shows spin."""
    def detect_batch(self, texts: Iterable[str]) -> list[Detection]:
        """``detect`` over each text on the thread pool, GIL released."""
    def dictionary_names(self) -> list[str]:
        """The names of the dictionaries loaded, in precedence order."""

def restore(text: str) -> str:
    """Restores ``text`` with the embedded dictionaries and default options."""

def detect(text: str) -> Detection:
    """Scores how strongly ``text`` shows spin, with the default options."""

def restore_batch(texts: Iterable[str]) -> list[str]:
    """Restores each text on the thread pool, GIL released; texts in order."""

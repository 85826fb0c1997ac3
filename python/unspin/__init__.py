"""Repair text mangled by article spinners.

Spam sites run scraped articles through automatic synonym substitution:
"Defense Secretary" becomes "Protection Secretary", "U.K." becomes
"U.Okay.". ``unspin`` finds that damage and restores the canonical wording,
leaving every other character of the text as it was.

>>> import unspin
>>> unspin.restore("The Protection Secretary met the U.Okay. team.")
'The Defense Secretary met the U.K. team.'

- ``restore(text)``, ``restore_batch(texts)``: restored text, with the
  embedded dictionaries and default options;
- ``detect(text)``: how strongly a text shows spin (a ``Detection``);
- ``Restorer(...)``: configured restores, with the edits (``Restoration``,
  ``Edit``) and the evidence of spin;
- ``unspin.datatrove.UnspinFilter``: a step of datatrove pipelines
  (``pip install unspin[datatrove]``).

Errors (a dictionary file that cannot be read or is malformed) raise
``UnspinError``, a ``ValueError``.
"""

from ._unspin import (
    Detection,
    Edit,
    Evidence,
    Paragraph,
    Restoration,
    Restorer,
    Skipped,
    UnspinError,
    __version__,
    detect,
    restore,
    restore_batch,
)

__all__ = [
    "Detection",
    "Edit",
    "Evidence",
    "Paragraph",
    "Restoration",
    "Restorer",
    "Skipped",
    "UnspinError",
    "__version__",
    "detect",
    "restore",
    "restore_batch",
]

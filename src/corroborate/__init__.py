"""corroborate: offline, evidence-based fact-checking of a document against a library you trust."""

__version__ = "0.1.0"

from corroborate.api import CheckResult, IndexReport, Library, check, read_article
from corroborate.config import Settings, default_library_path
from corroborate.errors import CorroborateError
from corroborate.records import Claim, Document, Evidence, Judgement, Label, Passage, Sentence, Verdict

__all__ = [
    "CheckResult",
    "Claim",
    "CorroborateError",
    "Document",
    "Evidence",
    "IndexReport",
    "Judgement",
    "Label",
    "Library",
    "Passage",
    "Sentence",
    "Settings",
    "Verdict",
    "__version__",
    "check",
    "default_library_path",
    "read_article",
]

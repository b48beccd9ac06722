"""Whether a claim reads on its own: the probability that a reader needs the article to know what it is about.

The parser's rules set aside a claim whose words point back into the article ("he", "the intruder"
said again). Many claims that lean on the article have no such word: "The months became years", "Customer
service reps promised the problems would be resolved", "Danny Boyle is directing based on a script by
Aaron Sorkin". context-v1 reads the claim as a whole: all-MiniLM-L6-v2 fine-tuned as a one-sentence
classifier on claims the extractor made from real news (FNC-1 bodies), each labelled by a blind judge
as self-contained or not (`corroborate train context`, `models/context-v1/MODEL_CARD.md`). It ships as
int8 ONNX and runs each claim on its own: its activations are quantised with a scale computed over the
whole input, so a claim's score would otherwise depend on the claims batched with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from corroborate.errors import ModelError
from corroborate.onnx_session import load_tokenizer, make_session, padded_inputs

__all__ = ["DEFAULT_CONTEXT_PATH", "LEAD_MARK", "ContextModel", "load_context_model", "model_input"]

DEFAULT_CONTEXT_PATH = Path(__file__).resolve().parent.parent / "models" / "context-v1"
# Said before the claim when it comes from the article's first two sentences, which introduce what the
# rest refers back to ("The intruder was arrested" in the lead names the story's intruder; later, it leans
# on the lead): the judges' labels differ by place for the same words.
LEAD_MARK = "[lead]"
MAX_LENGTH = 96
# A note naming a likely referent ("“she”: probably Gill Rosenberg"): the judges count a right one as
# resolving the word, so the model reads it after the claim. Other notes (relative dates) say nothing of it.
_REFERENT_NOTE = re.compile(r"^“[^”]+”: probably ")


def model_input(text: str, lead: bool, notes: Sequence[str] = ()) -> str:
    """What the model reads for a claim: its text, marked when it comes from the lead, then its notes
    naming likely referents."""
    referents = [n for n in notes if _REFERENT_NOTE.match(n)]
    said = f"{LEAD_MARK} {text}" if lead else text
    return f"{said} ({'; '.join(referents)})" if referents else said


class ContextModel:
    """Claims → P(needs the article). The folder holds `model.onnx`, `tokenizer.json` and `context.json`
    (the probability from which a claim is set aside, chosen on the training parts)."""

    def __init__(self, model_dir: Path = DEFAULT_CONTEXT_PATH, threads: int = 0) -> None:
        model_dir = Path(model_dir)
        try:
            spec = json.loads((model_dir / "context.json").read_text(encoding="utf-8"))
            self.set_aside_at = float(spec["set_aside_at"])
            self.trained_on_parts = tuple(str(p) for p in spec.get("trained_on_parts", ()))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"{model_dir}: not a context model ({exc}); retrain it with `corroborate train context`"
            ) from exc
        self.path = model_dir
        self.tokenizer = load_tokenizer(model_dir, MAX_LENGTH)
        self.session = make_session(model_dir / "model.onnx", threads)
        self._inputs = {i.name for i in self.session.get_inputs()}

    def score(self, claims: Sequence[tuple[str, bool] | tuple[str, bool, Sequence[str]]]) -> np.ndarray:
        """P(needs the article) for each (claim text, from the lead[, notes]), in order."""
        logits = np.zeros(len(claims))
        for row, claim in enumerate(claims):
            feed = padded_inputs([self.tokenizer.encode(model_input(*claim))], self._inputs)
            logits[row] = float(self.session.run(None, feed)[0].reshape(-1)[0])
        return 1.0 / (1.0 + np.exp(-logits))


@lru_cache(maxsize=2)
def load_context_model(model_dir: Path = DEFAULT_CONTEXT_PATH) -> ContextModel:
    """Load the model once per process."""
    return ContextModel(Path(model_dir))

"""Check-worthiness: how much a sentence states a verifiable fact, as a probability.

The scorer is a logistic regression over the sentence's MiniLM embedding (the retrieval encoder,
already shipped) and a few lexical cues (figures, dates, names, factual verbs, opinion and question
marks), trained on ClaimBuster by `corroborate train checkworthiness`. Weights and their card live
in `models/checkworthy-v2/`. Small enough to train on a CPU in minutes and to score an article's
sentences in well under a second.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from corroborate.errors import ModelError
from corroborate.retrieve.encoder import SentenceEncoder, load_encoder

__all__ = [
    "DEFAULT_CHECKWORTHY_PATH",
    "LEXICAL_FEATURES",
    "CheckworthinessModel",
    "lexical_features",
    "load_checkworthiness",
    "sentence_features",
]

DEFAULT_CHECKWORTHY_PATH = Path(__file__).resolve().parent.parent / "models" / "checkworthy-v2"

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|third|quarter|percent)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|century|decade|"
    r"1[89]\d\d|20\d\d)\b",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:think|feel|believe|hope|fear|wish|love|are\s+(?:all\s+)?(?:in\s+shock|shocked|devastated|"
    r"sad|grateful|scared|afraid|heartbroken))\b|"
    r"\b(?:should|must|ought|shocking|terrible|heartbreaking|amazing|wonderful|horrible|tragic|great|"
    r"in\s+my\s+opinion|thank\s+you)\b",
    re.I,
)
_FACT_VERB = re.compile(
    r"\b(?:was|were|is|are|has|have|had|killed|died|rose|fell|reached|built|founded|destroyed|evacuated|"
    r"flooded|struck|led|won|lost|opened|closed|recorded|measured|reported|caused|began|ended|took|"
    r"became|broke|burst|collapsed|named|elected|signed|released|announced|displaced|increased|"
    r"decreased|doubled|cut|raised|voted|passed|arrested|charged|injured)\b",
    re.I,
)
_NAME = re.compile(
    r"(?<!^)(?<![.!?]\s)\b(?!(?:I|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]+"
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|us|our)\b", re.I)

LEXICAL_FEATURES = ("number", "date", "name", "fact_verb", "opinion", "question", "first_person", "length")


def lexical_features(sentence: str) -> list[float]:
    """The cues named in `LEXICAL_FEATURES`, each in [0, 1]."""
    text = sentence.strip()
    return [
        float(bool(_NUMBER.search(text))),
        float(bool(_DATE.search(text))),
        float(bool(_NAME.search(text))),
        float(bool(_FACT_VERB.search(text))),
        float(bool(_OPINION.search(text))),
        float(text.endswith("?")),
        float(bool(_FIRST_PERSON.search(text))),
        min(len(text.split()), 60) / 60,
    ]


def sentence_features(encoder: SentenceEncoder, sentences: Sequence[str], show_progress: bool = False) -> np.ndarray:
    """The model's inputs: one row per sentence, the embedding then the lexical cues."""
    embedded = encoder.encode(list(sentences), show_progress=show_progress)
    lexical = np.asarray([lexical_features(s) for s in sentences], dtype=np.float32).reshape(len(sentences), -1)
    return np.hstack([embedded, lexical])


class CheckworthinessModel:
    """Sentences → P(check-worthy). `weights.json` holds the coefficients and the encoder they expect."""

    def __init__(self, model_dir: Path = DEFAULT_CHECKWORTHY_PATH, encoder: SentenceEncoder | None = None) -> None:
        path = Path(model_dir) / "weights.json"
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
            self.coef = np.asarray(spec["coef"], dtype=np.float64)
            self.bias = float(spec["bias"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"{path}: not a check-worthiness model ({exc}); retrain it with `corroborate train checkworthiness`"
            ) from exc
        self.path = Path(model_dir)
        self.encoder = encoder or load_encoder(max_length=int(spec.get("max_length", 256)))
        if spec.get("encoder_hash") not in (None, self.encoder.hash):
            raise ModelError(f"{path}: trained on another sentence encoder than the one shipped; retrain it")
        if self.coef.shape != (self.encoder.dims + len(LEXICAL_FEATURES),):
            raise ModelError(
                f"{path}: {self.coef.shape[0]} weights, expected {self.encoder.dims + len(LEXICAL_FEATURES)}"
            )

    def score(self, sentences: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """P(check-worthy) for each sentence, in order."""
        if not sentences:
            return np.zeros(0)
        logits = sentence_features(self.encoder, sentences, show_progress) @ self.coef + self.bias
        return 1.0 / (1.0 + np.exp(-logits))


@lru_cache(maxsize=2)
def load_checkworthiness(model_dir: Path = DEFAULT_CHECKWORTHY_PATH) -> CheckworthinessModel:
    """Load the model once per process."""
    return CheckworthinessModel(Path(model_dir))

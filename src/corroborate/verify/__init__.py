"""Verification: score (evidence, claim) pairs."""

from corroborate.verify.crossencoder import LABELS, CrossEncoderVerifier, load_verifier, model_hash

__all__ = ["LABELS", "CrossEncoderVerifier", "load_verifier", "model_hash"]

"""Fusing ranked lists. Pure functions with fixed tie-breaks: the same lists give the same ranking."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["RRF_K", "reciprocal_rank_fusion"]

# The constant of Cormack et al. (2009); it damps the weight of the very first ranks.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[tuple[int, float]]], k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Fuse rankings of (id, score) into one: score(id) = Σ weight / (k + rank), best first, ties by id."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (key, _) in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return sorted(((key, round(score, 8)) for key, score in fused.items()), key=lambda x: (-x[1], x[0]))

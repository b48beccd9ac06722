"""What makes a check faster must not change it: the encoder's memory of vectors, the models loaded ahead."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.retrieve.encoder import INT8_ENCODER_PATH, load_encoder

TEXTS = [
    "The dike was designed in 1928.",
    "Its engineer was Anton Reiss, who also built the harbour wall.",
    "The dike was designed in 1928.",
    "Schools in Vellmar stay closed on Monday.",
]


def test_a_remembered_vector_is_the_vector_to_the_bit() -> None:
    encoder = load_encoder()
    alone = np.stack([encoder.encode([t])[0] for t in TEXTS])
    with encoder.remembering():
        first = encoder.encode(TEXTS[:2])
        again = encoder.encode(TEXTS[::-1])  # two of them remembered, two new, in another batch
        with encoder.remembering():  # nested: the same memory
            nested = encoder.encode(TEXTS)
    assert np.array_equal(first, alone[:2])
    assert np.array_equal(again, alone[::-1])
    assert np.array_equal(nested, alone)
    assert encoder._memo.vectors is None  # nothing outlives the block
    assert encoder.encode([]).shape == (0, encoder.dims)


def test_an_encoder_whose_vectors_depend_on_the_batch_cannot_remember() -> None:
    with pytest.raises(ValueError, match="depend on the batch"), load_encoder(INT8_ENCODER_PATH).remembering():
        pass

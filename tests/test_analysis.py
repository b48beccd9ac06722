from corroborate.analysis import idf, terms


def test_numbers_match_with_or_without_thousands_separator():
    assert "4200" in terms("Some 4,200 people left.")
    assert "4200" in terms("Some 4200 people left.")


def test_decimal_survives_fts_tokenizer():
    assert "7p8" in terms("The river peaked at 7.8 metres.")


def test_stemming_and_stop_words():
    out = terms("The residents were evacuated from the flooding districts")
    assert out == ["resid", "evacu", "flood", "district"]


def test_idf_is_positive_and_rarer_is_heavier():
    assert idf(1, 100) > idf(50, 100) > 0
    assert idf(100, 100) > 0

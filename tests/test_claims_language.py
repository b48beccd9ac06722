"""Which language an article is in (issue 17): a plainly English article is let through by its commonest
words, without loading the language identifier (0.5 s of a fresh `check`); anything else is identified.

The texts here were written for these tests.
"""

import subprocess
import sys

import pytest

from corroborate.claims import require_english
from corroborate.claims.language import plainly_english
from corroborate.errors import InputError

ENGLISH = (
    "The council of Kessel said on Monday that the dam, which was built in 1952, would be repaired before "
    "the winter. Engineers have found cracks in the wall and they said the repairs would cost 2 million euros."
)
GERMAN = (
    "Der Stadtrat von Kessel teilte am Montag mit, dass der Damm, der 1952 gebaut wurde, vor dem Winter "
    "repariert werden soll. Ingenieure haben Risse in der Mauer gefunden und schätzen die Kosten auf zwei "
    "Millionen Euro."
)


def test_plainly_english_text_is_recognised_and_other_languages_are_not():
    assert plainly_english(ENGLISH)
    assert not plainly_english(GERMAN)
    assert not plainly_english("The dam.")  # too short to tell


def test_a_german_article_is_still_refused():
    with pytest.raises(InputError, match="German"):
        require_english(GERMAN, "artikel.txt")


def test_an_english_article_does_not_load_the_identifier():
    code = (
        "from corroborate.claims import require_english\n"
        "from corroborate.claims.language import _identifier\n"
        f"require_english({ENGLISH!r}, 'a.txt')\n"
        "print(_identifier.cache_info().currsize)\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "0"

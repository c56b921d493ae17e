"""Both catalogues are complete: every user-facing string has a Polish and an English text."""

import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("language", ["pl", "en"])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"

    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_english_interface_strings():
    with translation.override("en"):
        assert translation.gettext("Moje szkolenia") == "My training"
        assert translation.gettext("Katalog szkoleń") == "Course catalogue"


def test_polish_catalogue_shows_the_source_text_itself():
    """Source strings are Polish: a msgstr that differs (a stale fuzzy guess) would show users
    another message, e.g. a login error on the quiz page."""
    import gettext

    with (ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    wrong = {
        key: value
        for key, value in catalog.items()
        if isinstance(key, str) and key and value != key
    }

    assert wrong == {}

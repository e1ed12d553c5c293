"""The translation catalogues: complete in Swedish, in step with the code, tidy, and compiled.

These tests read the files in ``translations/`` and the source; they need no application or database.
When one fails after you added or changed a string, run ``make translations`` and translate what is new
in ``translations/sv/LC_MESSAGES/messages.po``.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from hemvist.config import REPO_ROOT
from hemvist.core.i18n import LOCALES

TRANSLATIONS = REPO_ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# What the Makefile's ``translations`` target extracts: babel.cfg's mapping, walked from the checkout,
# with the default keywords plus ``-k _l`` (lazy_gettext), skipping ``--ignore-dirs '.* ._ node_modules'``.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}
IGNORED_DIRS = (".*", "._", "node_modules")
# A named placeholder such as %(year)s or %(count)d.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def read_catalogue(locale: str) -> Catalog:
    with po_path(locale).open("rb") as file:
        return read_po(file)


def entries(catalog: Catalog):
    """The messages, without the header entry."""
    return [message for message in catalog if message.id]


def forms(value) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple: one string, or one per plural form."""
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def is_translated(message, catalogue: Catalog) -> bool:
    """Every form has a text: one for a plain message, ``nplurals`` for one with plural forms."""
    strings = forms(message.string)
    expected = catalogue.num_plurals if message.pluralizable else 1
    return len(strings) == expected and all(string.strip() for string in strings)


def extract_from_source() -> Catalog:
    """Every marked string in the code, extracted now, the way ``make translations`` does it."""
    with (REPO_ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)

    def directory_filter(path: str) -> bool:
        name = os.path.basename(path)
        return not any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_DIRS)

    extracted = Catalog()
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(REPO_ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=directory_filter
    ):
        extracted.add(message, locations=[(filename, lineno)], context=context)
    return extracted


@pytest.fixture(scope="module")
def source_messages() -> Catalog:
    return extract_from_source()


def test_the_extraction_finds_strings_in_python_and_in_templates(source_messages):
    # Guards the test below against passing because nothing was extracted at all.
    files = {filename for message in source_messages for filename, _ in message.locations}
    assert any(name.endswith(".py") for name in files)
    assert any(name.endswith(".html") for name in files)
    assert source_messages.get("Log in to Hemvist") is not None  # auth/login.html
    assert source_messages.get("Enter your password.") is not None  # auth/forms.py, lazy_gettext as _l


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_in_the_code_is_in_the_catalogue(source_messages, locale):
    catalogue = read_catalogue(locale)
    missing = [
        f"{message.locations[0][0]}:{message.locations[0][1]}: {forms(message.id)[0]!r}"
        for message in entries(source_messages)
        if catalogue.get(message.id, context=message.context) is None
    ]
    assert not missing, (
        f"{len(missing)} string(s) in the code are not in {po_path(locale).relative_to(REPO_ROOT)}; "
        "run `make translations` and translate them:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_catalogue_holds_no_string_the_code_no_longer_uses(source_messages, locale):
    stale = [
        forms(message.id)[0]
        for message in entries(read_catalogue(locale))
        if source_messages.get(message.id, context=message.context) is None
    ]
    assert not stale, "no longer in the code; run `make translations` to drop them:\n" + "\n".join(map(repr, stale))


def test_every_swedish_entry_is_translated_and_not_fuzzy():
    catalogue = read_catalogue("sv")
    assert not catalogue.fuzzy, "the Swedish catalogue's header is marked fuzzy"
    assert len(entries(catalogue)) > 0
    untranslated = [forms(message.id)[0] for message in entries(catalogue) if not is_translated(message, catalogue)]
    fuzzy = [forms(message.id)[0] for message in entries(catalogue) if message.fuzzy]
    assert not untranslated, "untranslated in Swedish:\n" + "\n".join(map(repr, untranslated))
    assert not fuzzy, "fuzzy in Swedish (check them and remove the flag):\n" + "\n".join(map(repr, fuzzy))


def test_no_english_entry_is_fuzzy():
    # English msgstrs may stay empty (gettext then shows the English msgid), but never fuzzy.
    catalogue = read_catalogue("en")
    assert not catalogue.fuzzy
    assert [message.id for message in entries(catalogue) if message.fuzzy] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders_of_the_source(locale):
    wrong = []
    for message in entries(read_catalogue(locale)):
        ids = forms(message.id)
        for index, translation in enumerate(forms(message.string)):
            if not translation:
                continue  # untranslated: gettext shows the msgid itself
            source = ids[0] if index == 0 else ids[-1]  # form 0 is the singular, the others plurals
            if Counter(PLACEHOLDER.findall(translation)) != Counter(PLACEHOLDER.findall(source)):
                wrong.append(f"{source!r} -> {translation!r}")
    assert not wrong, "placeholders differ from the msgid:\n" + "\n".join(wrong)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_header_names_the_language_and_its_plural_forms(locale):
    catalogue = read_catalogue(locale)
    headers = dict(catalogue.mime_headers)
    assert headers["Language"] == locale
    # Swedish and English: one form for 1, another for everything else (0 included).
    assert headers["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert catalogue.num_plurals == 2


@pytest.mark.parametrize("path", [TEMPLATE, po_path("sv"), po_path("en")], ids=["pot", "sv", "en"])
def test_the_committed_files_are_sorted_and_carry_no_source_locations(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^#:", text, re.MULTILINE), f"{path.name} has source locations (#: lines)"
    with path.open("rb") as file:
        keys = [(forms(message.id)[0], message.context or "") for message in entries(read_po(file))]
    assert keys == sorted(keys), f"{path.relative_to(REPO_ROOT)} is not sorted by msgid"


def test_the_compiled_swedish_catalogue_matches_the_po_file():
    # Flask-Babel reads the .mo files, which are built (``make translations-compile``), not committed.
    compiled = TRANSLATIONS / "sv" / "LC_MESSAGES" / "messages.mo"
    assert compiled.exists(), "translations are not compiled; run `make translations-compile`"
    with compiled.open("rb") as file:
        mo = read_mo(file)

    def compiled_translation(message):
        compiled_message = mo.get(message.id, context=message.context)
        return None if compiled_message is None else forms(compiled_message.string)

    stale = [
        forms(message.id)[0]
        for message in entries(read_catalogue("sv"))
        if compiled_translation(message) != forms(message.string)
    ]
    assert not stale, "messages.mo is older than messages.po; run `make translations-compile`:\n" + "\n".join(
        map(repr, stale)
    )

"""tenants/*.toml: every mistake is reported with the file's name, before anything is written."""

from __future__ import annotations

import pytest

from hemvist.tenancy.config_files import TenantFileError, parse


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('code = "0683"\ncolour = "blue"\n', "unknown keys"),
        ("code = 683\n", "not an official municipality code"),
        ('code = "0683"\nslug = "Värnamo"\n', "not allowed"),
        ('code = "0683"\nstatus = "closed"\n', "status must be"),
        ('code = "0683"\ndefault_locale = "de"\n', "default_locale"),
        ('code = "0683"\npopulation = -5\n', "population"),
        ('code = "0683"\n[quotas]\n2015 = 10\n', "from 2016"),
        ('code = "0683"\n[quotas]\n2020 = "many"\n', "whole number"),
        ('code = "0683\n', "varnamo.toml"),
    ],
)
def test_mistakes_are_reported_with_the_file_name(tmp_path, text, message):
    path = tmp_path / "varnamo.toml"
    path.write_text(text)
    with pytest.raises(TenantFileError) as error:
        parse(path)
    assert message in str(error.value)
    assert "varnamo.toml" in str(error.value)


def test_the_slug_defaults_to_the_name_without_diacritics(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('code = "0114"\n')
    assert parse(path).slug == "upplands-vasby"

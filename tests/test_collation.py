"""Place names in Swedish alphabetical order (hemvist.core.collation)."""

from __future__ import annotations

from hemvist.core.collation import swedish_order


def test_a_ring_a_umlaut_and_o_umlaut_come_after_z_in_that_order():
    names = ["Örebro", "Älmhult", "Åre", "Ängelholm", "Östersund", "Ystad", "Åsele", "Zinkgruvan"]
    assert sorted(names, key=swedish_order) == [
        "Ystad", "Zinkgruvan", "Åre", "Åsele", "Älmhult", "Ängelholm", "Örebro", "Östersund",
    ]  # fmt: skip


def test_case_other_accents_and_dashes_do_not_decide_the_order():
    assert sorted(["eda", "Falun", "Eda"], key=swedish_order) == ["Eda", "eda", "Falun"]
    assert sorted(["Enköping", "Émmaboda"], key=swedish_order) == ["Émmaboda", "Enköping"]
    # "Upplands-Bro" and "Upplands Väsby" are ordered by their second word, as in the official list.
    assert sorted(["Upplands Väsby", "Upplands-Bro"], key=swedish_order) == ["Upplands-Bro", "Upplands Väsby"]

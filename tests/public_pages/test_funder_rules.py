"""A rule file says the funder's statement per language and which emblem goes with it."""

from partnership.reports.rules import load_rule_sets

OFFICE_RULES = """\
name = "land-nrw"
funder_statement = "Gefördert vom Land NRW"
funder_emblem = "{emblem}"

[funder_statement_translations]
en = "Funded by the State of NRW"
"""


def _load(app, tmp_path, monkeypatch, emblem: str):
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "land-nrw.toml").write_text(
        OFFICE_RULES.format(emblem=emblem), encoding="utf-8"
    )
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    with app.test_request_context():
        return load_rule_sets()


def test_the_statement_reads_in_each_language_with_its_emblem(app, tmp_path, monkeypatch):
    found, errors = _load(app, tmp_path, monkeypatch, "")
    assert errors == []
    nrw, cerv = found["land-nrw"], found["cerv-town-twinning"]
    assert nrw.statement_in("en") == "Funded by the State of NRW"
    assert nrw.statement_in("uk") == "Gefördert vom Land NRW"  # as written, without one
    assert (cerv.funder_emblem, cerv.statement_in("uk")) == (
        "eu",
        "Співфінансовано Європейським Союзом",
    )
    assert found["verwendungsnachweis"].funder_emblem == ""


def test_an_unknown_emblem_names_the_file_and_key(app, tmp_path, monkeypatch):
    found, errors = _load(app, tmp_path, monkeypatch, "nrw-lion")
    assert "land-nrw" not in found
    assert [str(error) for error in errors] == ["land-nrw.toml, funder_emblem: Write one of: eu."]

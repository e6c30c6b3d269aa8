"""Rule sets are data: two ship, an office adds its funder's in the instance folder's rules/,
and a broken file is named with its key instead of breaking a page."""

import pytest
from page_reader import page

from partnership.reports.rules import load_rule_sets

CUSTOM = """\
name = "land-nrw"
minimum_participants = 10
minimum_invited = 3
count_signed_only = true
allowed_overrun_percent = 15
funder_statement = "Gefördert vom Land NRW"

[title]
en = "State of NRW partnership fund"
de = "Partnerschaftsfonds des Landes NRW"
"""


@pytest.fixture
def rules_folder(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    folder = tmp_path / "rules"
    folder.mkdir()
    return folder


def test_the_shipped_rule_sets_carry_the_funders_figures(app):
    with app.test_request_context():
        found, errors = load_rule_sets()
    assert errors == []
    cerv = found["cerv-town-twinning"]
    assert (cerv.minimum_participants, cerv.minimum_invited) == (50, 25)
    assert cerv.count_signed_only and cerv.funder_statement == "Co-funded by the European Union"
    federal = found["verwendungsnachweis"]
    assert federal.receipts_inside_period and federal.allowed_overrun_percent == 20


def test_an_office_rule_file_is_offered_and_checked_against(app, twinning, rules_folder, admin):
    (rules_folder / "land-nrw.toml").write_text(CUSTOM, encoding="utf-8")
    form = page(admin.get(f"/programmes/{twinning.programme}/edit"))
    offered = [value for value, _selected in form.field("rule_set").options]
    assert offered[0] == "" and {"land-nrw", "cerv-town-twinning"} <= set(offered)
    assert "State of NRW partnership fund" in form.text
    data = dict(form.form().data())
    data["rule_set"] = "land-nrw"
    assert admin.post(f"/programmes/{twinning.programme}/edit", data=data).status_code == 302
    shown = page(admin.get(f"/reports/pack?grant={twinning.grant}"))
    assert shown.texts_by_id["pack-rules"] == "State of NRW partnership fund"
    # Two signed of ten asked for; 30 % over on Travel against the 15 % allowed.
    assert "2 signed participants; the funder asks for at least 10." in shown.text
    assert "the rules allow 15 %" in shown.text


def test_a_name_not_offered_is_refused_next_to_the_field(app, twinning, admin):
    data = dict(page(admin.get(f"/programmes/{twinning.programme}/edit")).form().data())
    data["rule_set"] = "no-such-rules"
    response = admin.post(f"/programmes/{twinning.programme}/edit", data=data)
    assert response.status_code == 422
    assert "Choose one of the rule sets offered." in page(response).error("rule_set")


def test_a_broken_rule_file_names_its_file_and_key(app, twinning, rules_folder, viewer):
    (rules_folder / "bad-numbers.toml").write_text('minimum_participants = "fifty"\n')
    (rules_folder / "not-toml.toml").write_text("minimum_participants = \n")
    # A broken copy of a shipped set must not pass for the shipped one.
    (rules_folder / "cerv-town-twinning.toml").write_text("minimum_participant = 50\n")
    with app.test_request_context():
        found, errors = load_rule_sets()
    messages = sorted(str(error) for error in errors)
    assert messages[0].startswith("bad-numbers.toml, minimum_participants: Write a whole number")
    assert messages[1].startswith("cerv-town-twinning.toml, minimum_participant: Unknown key")
    assert messages[2].startswith("not-toml.toml: Not valid TOML")
    assert "cerv-town-twinning" not in found and "verwendungsnachweis" in found
    response = viewer.get(f"/reports/pack?grant={twinning.grant}")
    assert response.status_code == 200
    assert (
        "The rule set cannot be read (cerv-town-twinning.toml, minimum_participant: Unknown key"
        in page(response).text
    )

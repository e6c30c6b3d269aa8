"""The pack's checks: a CERV grant with too few (signed) participants, too few invited, no
press evidence, no signed scan and an overspent line gets a warning for each, with links."""

from page_reader import page

from partnership.reports.checks import check_pack


def test_a_cerv_grant_warns_of_each_rule_it_breaks(app, twinning):
    with app.test_request_context():
        warnings = check_pack(twinning.grant, (None, None))
    by_check = {warning.check: warning for warning in warnings}
    # Only the two who signed count under CERV; one of them is invited from abroad.
    assert "2 signed participants" in by_check["participants"].message
    assert "at least 50" in by_check["participants"].message
    assert "1 invited from abroad" in by_check["invited"].message
    assert by_check["participants"].subject == "Youth council visits Lviv"
    assert by_check["participants"].url == f"/events/{twinning.visit}/funding#participants"
    assert by_check["press"].url == f"/visits/{twinning.visit}"
    assert by_check["signed-list"].subject == "Youth council visits Lviv"
    # Travel: 1300 of 1000 planned; Interpreting is underspent and not named.
    overspent = [warning for warning in warnings if warning.check == "overspent"]
    assert [warning.subject for warning in overspent] == ["Travel"]
    assert "30.0 % over" in overspent[0].message
    # CERV pays lump sums: the receipt of 2025 is not checked against the period.
    assert "receipt-period" not in by_check


def test_the_pack_page_shows_the_warnings_before_the_download(app, twinning, viewer):
    response = viewer.get(f"/reports/pack?grant={twinning.grant}")
    assert response.status_code == 200
    shown = page(response)
    warnings = shown.text
    assert "Travel: Spent €1,300.00 of €1,000.00 planned (30.0 % over)" in warnings
    assert "Youth council visits Lviv: 2 signed participants" in warnings
    assert shown.texts_by_id["pack-rules"] == "EU CERV town twinning"
    # Each names where it is put right; the download comes after them.
    assert f"/events/{twinning.visit}/funding#participants" in shown.links
    assert f"/grants/{twinning.grant}#budget" in shown.links
    assert f"/reports/pack.zip?grant={twinning.grant}" in shown.links


def test_receipts_outside_the_period_warn_under_the_federal_rules(app, twinning, admin):
    response = admin.post(
        f"/programmes/{twinning.programme}/edit",
        data={
            "name": "CERV town twinning",
            "funder_id": _funder_of(app, twinning),
            "rule_set": "verwendungsnachweis",
        },
    )
    assert response.status_code == 302, page(response).text[:1000]
    with app.test_request_context():
        warnings = check_pack(twinning.grant, (None, None))
    outside = [warning for warning in warnings if warning.check == "receipt-period"]
    assert [warning.subject for warning in outside] == ["I-2 · Receipt I-2 · 250.00 EUR"]
    assert "15/01/2025" in outside[0].message or "15 January 2025" in outside[0].message
    # 20 % allowed: Travel's 30 % is still too much.
    assert [w.subject for w in warnings if w.check == "overspent"] == ["Travel"]
    assert not [w for w in warnings if w.check in ("participants", "invited")]


def _funder_of(app, twinning) -> int:
    from partnership.extensions import db
    from partnership.funding.models import Grant

    with app.app_context():
        return db.session.get(Grant, twinning.grant).funder_id

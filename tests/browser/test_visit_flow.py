"""Record a visit through the browser as an editor, as the office would."""

import re

from playwright.sync_api import Page, expect

TYPED_DATE = "24.–29. September 2023"
SHOWN_DATE = "24–29 September 2023"


def choose(page: Page, field: str, name: str) -> None:
    """Pick a record in a search-as-you-type field: type part of its name, click the match."""
    box = page.get_by_role("combobox", name=field)
    box.fill(name[:4])
    page.get_by_role("listbox").get_by_role("option", name=re.compile(f"^{name}")).click()
    expect(box).to_have_value(name)


def test_editor_records_a_visit(page: Page, log_in, demo):
    log_in()
    navigation = page.get_by_role("navigation", name="Main")
    navigation.get_by_role("button", name="Record").click()
    navigation.get_by_role("link", name="Visits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Visits")
    page.get_by_role("link", name="New visit").click()

    page.get_by_label("Title").fill("Youth football team from Zhytomyr")
    choose(page, "Partner city", "Zhytomyr")
    choose(page, "Host city", "Dortmund")
    page.get_by_label("Dates", exact=True).fill(TYPED_DATE)
    page.get_by_role("button", name="Create").click()

    expect(page).to_have_url(re.compile(r"/visits/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth football team from Zhytomyr")
    expect(page.get_by_role("status")).to_contain_text("was created")
    facts = page.locator("dl.facts")
    expect(facts.locator("dt:text-is('Date') + dd")).to_have_text(SHOWN_DATE)
    expect(facts.locator("dt:text-is('Partner city') + dd")).to_have_text("Zhytomyr")
    expect(facts.locator("dt:text-is('Host city') + dd")).to_have_text("Dortmund")

    page.get_by_role("link", name="Visits", exact=True).first.click()
    row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="Youth football team from Zhytomyr")
    )
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell", name=SHOWN_DATE, exact=True)).to_be_visible()
    expect(row.get_by_role("cell", name="Zhytomyr", exact=True)).to_be_visible()


def test_invalid_date_is_explained_next_to_the_field(page: Page, log_in, demo, screenshot):
    log_in()
    page.goto("/visits/new")
    page.get_by_label("Title").fill("Visit that cannot happen")
    choose(page, "Partner city", "Zhytomyr")
    choose(page, "Host city", "Dortmund")
    date_input = page.get_by_label("Dates", exact=True)
    date_input.fill("31.02.2024")
    page.get_by_role("button", name="Create").click()

    expect(page.get_by_role("alert")).to_contain_text("Please check the form")
    date_input = page.get_by_label("Dates", exact=True)
    expect(date_input).to_have_attribute("aria-invalid", "true")
    described_by = date_input.get_attribute("aria-describedby") or ""
    error_ids = [i for i in described_by.split() if i.endswith("-error")]
    assert error_ids, f"aria-describedby={described_by!r} names no error message"
    error = page.locator(f"#{error_ids[0]}")
    expect(error).to_be_visible()
    expect(error).to_contain_text("February 2024 has no day 31")
    # Next to the field: in the same field block, not only in the summary at the top.
    field = page.locator(".field").filter(has=date_input)
    expect(field.locator(f"#{error_ids[0]}")).to_have_count(1)
    expect(date_input).to_have_accessible_description(re.compile("February 2024 has no day 31"))

    # Nothing typed is lost.
    expect(date_input).to_have_value("31.02.2024")
    expect(page.get_by_label("Title")).to_have_value("Visit that cannot happen")
    expect(page.get_by_label("Title")).not_to_have_attribute("aria-invalid", "true")
    screenshot(page, "visit-form-with-errors")


def test_first_tab_reaches_the_skip_link(page: Page, log_in):
    log_in()
    page.goto("/visits/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

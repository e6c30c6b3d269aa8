"""How funding values read on the page: countries by name, percentages, a funder's grants."""

from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal
from flask import Blueprint

from partnership.funding import queries
from partnership.i18n import current_language


def country_name(code: str) -> str:
    """Name a country in the interface language: 'DE' reads 'Germany' or 'Deutschland'."""
    if not code:
        return ""
    return Locale.parse(current_language()).territories.get(code, code)


def percent(value: Decimal | None) -> str:
    """Write a percentage with at most one decimal: '93.3 %', '90 %', '93,3 %'."""
    if value is None:
        return ""
    return f"{format_decimal(value, format='#,##0.#', locale=current_language())} %"


def funding_of(organisation) -> list:
    """Return the grants of a funder, for its organisation page."""
    return queries.grants_of_funder(organisation.id)


def register(bp: Blueprint) -> None:
    bp.add_app_template_filter(country_name, "country")
    bp.add_app_template_filter(percent, "percent")
    bp.add_app_template_global(funding_of)

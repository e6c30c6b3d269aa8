"""The Dortmund–Zhytomyr story of September 2023, as the office would have recorded it.

Facts come from the city's press release about the visit; summaries are our own words.
Every record is looked up by its natural key before it is created, so loading twice changes
nothing.
"""

from sqlalchemy import func, select

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnership.events.services import topic_named
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent, Participant, ParticipantOrigin
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import (
    City,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.partners.services import set_city_names
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    ProgrammeItem,
    Visit,
    VisitStatus,
)

TOPICS = (
    "Digitalisation",
    "Smart city",
    "IT",
    "Education",
    "Culture",
    "Urban transformation",
    "Reconstruction",
)
GRANT_REFERENCE = "DEMO-SKEW-2023"


def _get_or_create(model, lookup: dict, **values):
    found = db.session.scalars(select(model).filter_by(**lookup)).first()
    if found is not None:
        return found, False
    record = model(**lookup, **values)
    db.session.add(record)
    db.session.flush()
    return record, True


def _cities() -> tuple[City, City]:
    dortmund, created = _get_or_create(
        City,
        {"name": "Dortmund"},
        country_code="DE",
        region="North Rhine-Westphalia",
        is_home=True,
    )
    if created:
        set_city_names(dortmund, "Dortmund", [("uk", "Дортмунд")])
    zhytomyr, created = _get_or_create(
        City, {"name": "Zhytomyr"}, country_code="UA", region="Zhytomyr Oblast"
    )
    if created:
        set_city_names(
            zhytomyr, "Zhytomyr", [("de", "Schytomyr"), ("uk", "Житомир"), ("pl", "Żytomierz")]
        )
    return dortmund, zhytomyr


def _record_count() -> int:
    tables = (
        City,
        Organisation,
        Contact,
        Delegation,
        Visit,
        Agreement,
        PlannedExchange,
        PressArticle,
        Grant,
        Participant,
    )
    return sum(db.session.scalar(select(func.count()).select_from(t)) for t in tables)


def load_demo_story() -> bool:
    """Load the story; return True when anything new was written."""
    before = _record_count()
    dortmund, zhytomyr = _cities()
    _load_people_and_events(dortmund, zhytomyr)
    db.session.commit()
    return _record_count() != before


def _load_people_and_events(dortmund: City, zhytomyr: City) -> None:
    org = {}
    for name, kind, city in (
        ("City of Dortmund", OrganisationKind.CITY_ADMINISTRATION, dortmund),
        (
            "Office for International Relations, City of Dortmund",
            OrganisationKind.CITY_DEPARTMENT,
            dortmund,
        ),
        ("Wirtschaftsförderung Dortmund", OrganisationKind.CITY_DEPARTMENT, dortmund),
        ("City of Zhytomyr", OrganisationKind.CITY_ADMINISTRATION, zhytomyr),
        ("Zhytomyr Volunteer Headquarter", OrganisationKind.NGO, zhytomyr),
        ("Servicestelle Kommunen in der Einen Welt", OrganisationKind.FUNDER, None),
    ):
        org[name], _ = _get_or_create(Organisation, {"name": name}, kind=kind, city=city)

    brunsing, _ = _get_or_create(
        Contact,
        {"name": "Barbara Brunsing"},
        role_title="Mayor (Bürgermeisterin)",
        organisation=org["City of Dortmund"],
        city=dortmund,
    )
    olshanska, _ = _get_or_create(
        Contact,
        {"name": "Svitlana Olshanska"},
        role_title="Deputy mayor of Zhytomyr",
        organisation=org["City of Zhytomyr"],
        city=zhytomyr,
        languages="uk",
    )
    zeuch, _ = _get_or_create(
        Contact,
        {"name": "Fabian Zeuch"},
        role_title="Coordinator of the partnership with Zhytomyr",
        organisation=org["Office for International Relations, City of Dortmund"],
        city=dortmund,
        languages="de",
    )

    partnership, created = _get_or_create(
        Partnership,
        {"home_city_id": dortmund.id, "partner_city_id": zhytomyr.id},
        kind=PartnershipKind.SOLIDARITY,
        status=PartnershipStatus.ACTIVE,
        coordinator=zeuch,
        notes="Began as support for Zhytomyr during the war and after it; by 2023 both sides "
        "were also learning from each other, for instance on digitalisation.",
    )

    outgoing_delegation, _ = _get_or_create(
        Delegation,
        {"name": "Delegation of Dortmund to Zhytomyr, June 2023"},
        origin_city=dortmund,
        origin_organisation=org["City of Dortmund"],
    )
    outgoing, _ = _get_or_create(
        Visit,
        {"title": "First visit from Dortmund to Zhytomyr"},
        direction=Direction.OUTGOING,
        partner_city=zhytomyr,
        host_city=zhytomyr,
        delegation=outgoing_delegation,
        status=VisitStatus.DONE,
        date=parse_fuzzy_date("Juni 2023"),
        summary="Dortmund's first visit to its partner city.",
        notes="The date is known only from the report on the return visit, which took place "
        "exactly three months later (24–29 September 2023).",
    )

    incoming_delegation, created = _get_or_create(
        Delegation,
        {"name": "Delegation of Zhytomyr, September 2023"},
        origin_city=zhytomyr,
        origin_organisation=org["City of Zhytomyr"],
        size=6,
    )
    if created:
        incoming_delegation.members.append(DelegationMember(contact=olshanska, role="Deputy mayor"))

    visit, created = _get_or_create(
        Visit,
        {"title": "Delegation from Zhytomyr visits Dortmund"},
        direction=Direction.INCOMING,
        partner_city=zhytomyr,
        host_city=dortmund,
        delegation=incoming_delegation,
        status=VisitStatus.DONE,
        first_official=True,
        occasion="Digitale Woche Dortmund (DiWoDo)",
        date=parse_fuzzy_date("24.–29. September 2023"),
        summary="Six guests from Zhytomyr at the DiWoDo: first official visit of a delegation "
        "from the partner city.",
    )
    if created:
        visit.topics = [topic_named(name) for name in TOPICS]
        visit.programme = [
            ProgrammeItem(position=i, description=text)
            for i, text in enumerate(
                (
                    "Official welcome by Mayor Barbara Brunsing",
                    "Guided tour of the city and its history",
                    "International Week of the Digitale Woche, organised by the "
                    "Wirtschaftsförderung Dortmund",
                    "Meetings with Dortmund's business and start-up scene",
                    "Exchange on digitalisation and smart city",
                    "Signing of the cooperation agreement with the Zhytomyr Volunteer Headquarter",
                )
            )
        ]

    agreement, created = _get_or_create(
        Agreement,
        {"title": "Cooperation agreement with the Zhytomyr Volunteer Headquarter"},
        agreement_kind=AgreementKind.COOPERATION,
        status=AgreementStatus.SIGNED,
        partner_city=zhytomyr,
        signed_during=visit,
        date=parse_fuzzy_date("24.–29. September 2023"),
        summary="The City of Dortmund and the Zhytomyr Volunteer Headquarter agree to work "
        "together.",
        notes="Signed during the September 2023 visit; the exact day is not recorded.",
    )
    if created:
        agreement.parties = [
            AgreementParty(organisation=org["City of Dortmund"]),
            AgreementParty(organisation=org["Zhytomyr Volunteer Headquarter"]),
        ]

    youth, created = _get_or_create(
        PlannedExchange,
        {"title": "Young people from Zhytomyr visit Dortmund"},
        exchange_kind=ExchangeKind.YOUTH,
        direction=Direction.INCOMING,
        status=ExchangeStatus.PLANNED,
        partner_city=zhytomyr,
        origin_agreement=agreement,
        date=parse_fuzzy_date("voraussichtlich Februar 2024"),
        summary="A first youth visit, one result of the cooperation agreement.",
    )

    article, created = _get_or_create(
        PressArticle,
        {"title": "Delegation aus Schytomyr besucht Dortmund"},
        outlet="Stadt Dortmund – Newsroom",
        language="de",
        section="Internationales",
        tags="Internationales, Digitalisierung, Soziales",
        url="https://www.dortmund.de/newsroom/",
        notes="Press release of the City of Dortmund on the September 2023 visit. The copy on "
        "file carries neither its own web address nor its publication date; the link leads to "
        "the newsroom.",
    )
    if created:
        article.events = [visit, outgoing, agreement, youth]

    grant, created = _get_or_create(
        Grant,
        {"reference": GRANT_REFERENCE},
        title="Visit of the Zhytomyr delegation, September 2023",
        funder=org["Servicestelle Kommunen in der Einen Welt"],
        currency="EUR",
        notes="Demo record: the press release names the funder but no reference number or amount.",
    )
    if created:
        grant.funded_events.append(GrantEvent(event=visit, note="largely funded"))

    # Of the six guests only the deputy mayor is known by name; nobody else is made up.
    _get_or_create(
        Participant,
        {"event_id": visit.id, "contact_id": olshanska.id},
        organisation="City of Zhytomyr",
        city="Zhytomyr",
        country_code="UA",
        role="Deputy mayor",
        origin=ParticipantOrigin.INTERNATIONAL,
    )

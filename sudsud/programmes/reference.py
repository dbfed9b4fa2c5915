"""The programme's reference facts, each with the source that states it.

Only what a source says is here. What no source gives (lead ministries, signature
dates of the memoranda, their signatories, IATI organisation identifiers) is left
for an administrator to complete, never guessed.

Sources
-------
EUTF_DB  EUTF projects database 2022-01 (DW "eutf-africa" extract of the European
         Commission's EUTF Akvo RSR export of 2021-12-17), row T05-EUTF-NOA-MA-06.
EUTF_DEC EUTF Akvo RSR record T05-EUTF-NOA-MA-06 (decision level, "DEC").
EUTF_CTR EUTF Akvo RSR record T05-EUTF-NOA-MA-06-01 (contract level, "CTR").
ARTICLE  Expertise France, « Renforcer la coopération sud-sud en matière de
         migration », article on the official launch in Tangier (the article
         dates it "28 June" and announces activities from autumn 2019).
BRIEF    The programme team's brief to the platform project (figures not in the
         EUTF records).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

EUTF_DB = "EUTF projects database 2022-01, row T05-EUTF-NOA-MA-06"
EUTF_DEC = "EUTF Akvo RSR record T05-EUTF-NOA-MA-06 (DEC), export 2021-12-17"
EUTF_CTR = "EUTF Akvo RSR record T05-EUTF-NOA-MA-06-01 (CTR), export 2021-12-17"
ARTICLE = (
    "Expertise France, « Renforcer la coopération sud-sud en matière de migration » "
    "(article on the official launch in Tangier)"
)
BRIEF = "Programme team's brief to the platform project (not in the EUTF records)"


@dataclass(frozen=True)
class OrganisationFact:
    key: str
    name: str
    acronym: str
    kind: str  # an organisations.OrganisationKind value
    seat_iso3: str
    # Names or acronyms under which an administrator may already have recorded it.
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ProgrammeFact:
    code: str
    name_fr: str
    name_en: str
    description_fr: str
    description_en: str
    start_date: dt.date
    end_date: dt.date
    currency: str
    source: str


@dataclass(frozen=True)
class FundingFact:
    funder: str  # OrganisationFact.key
    amount: Decimal
    kind: str  # a FundingKind value
    note: str
    source: str


@dataclass(frozen=True)
class CountryFact:
    iso3: str
    is_coordinating: bool
    notes: str
    source: str


@dataclass(frozen=True)
class MemorandumFact:
    first_iso3: str
    second_iso3: str
    title_fr: str
    title_en: str
    source: str


@dataclass(frozen=True)
class DomainFact:
    code: str
    order: int
    name_fr: str
    name_en: str
    name_ar: str
    description_fr: str
    description_en: str
    source: str


GIZ = OrganisationFact(
    key="giz",
    name="Deutsche Gesellschaft für Internationale Zusammenarbeit",
    acronym="GIZ",
    kind="implementing_agency",
    seat_iso3="DEU",
    aliases=("GIZ", "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)"),
    source=f"{EUTF_CTR} (summary); {ARTICLE}",
)
EXPERTISE_FRANCE = OrganisationFact(
    key="expertise_france",
    name="Expertise France",
    acronym="EF",
    kind="implementing_agency",
    seat_iso3="FRA",
    aliases=("Expertise France", "EF"),
    source=f"{EUTF_CTR} (summary); {ARTICLE}",
)
EUTF = OrganisationFact(
    key="eutf",
    name="Fonds fiduciaire d'urgence de l'Union européenne pour l'Afrique",
    acronym="FFU / EUTF",
    kind="donor",
    # Managed by the European Commission in Brussels.
    seat_iso3="BEL",
    aliases=(
        "FFU",
        "EUTF",
        "EU Trust Fund for Africa",
        "EU Emergency Trust Fund for Africa",
    ),
    source=f"{EUTF_DEC} (partner_funding: EU Trust Fund for Africa); {ARTICLE}",
)
BMZ = OrganisationFact(
    key="bmz",
    name="Ministère fédéral allemand de la Coopération économique et du Développement",
    acronym="BMZ",
    kind="donor",
    seat_iso3="DEU",
    aliases=(
        "BMZ",
        "Ministère fédéral allemand de la Coopération économique et du "
        "Développement (BMZ)",
        "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung",
    ),
    source=f"{ARTICLE}; {EUTF_CTR} (summary)",
)
ORGANISATIONS = (GIZ, EXPERTISE_FRANCE, EUTF, BMZ)

PROGRAMME = ProgrammeFact(
    code="T05-EUTF-NOA-MA-06",
    name_fr="Coopération Sud-Sud en matière de migration",
    # The EUTF records give only the French title.
    name_en="South–South Migration Cooperation",
    description_fr=(
        "Le programme renforce la coopération Sud-Sud en matière de migration en "
        "soutenant la mise en œuvre des mémoranda d'entente signés entre le Maroc et "
        "le Sénégal, la Côte d'Ivoire et le Mali, à travers des plans d'action "
        "conjoints. Il cible la mobilisation des diasporas, l'accès aux droits des "
        "migrants (notamment des citoyens de retour et des migrants vulnérables) et "
        "la mobilité Sud-Sud, dans une approche « triple gagnant » (pays d'origine, "
        "pays d'accueil et migrants)."
    ),
    description_en=(
        "The programme strengthens South–South cooperation on migration by "
        "supporting the memoranda of understanding signed between Morocco and "
        "Senegal, Côte d'Ivoire and Mali, through joint action plans. It targets "
        "diaspora mobilisation, migrants' access to rights (notably returnees and "
        "vulnerable migrants) and South–South mobility, in a “triple win” approach "
        "(country of origin, host country and migrants)."
    ),
    start_date=dt.date(2017, 5, 23),  # EUTF_DB ProjectStartDate, EUTF_DEC date_start
    end_date=dt.date(2021, 12, 6),  # EUTF_DB ProjectEndDate, EUTF_DEC date_end
    currency="EUR",
    source=(
        f"{EUTF_DB}: title, start 2017-05-23, end 2021-12-06, budget EUR 8,613,500. "
        f"{EUTF_DEC} and {EUTF_CTR}: summaries. {ARTICLE}: partners and domains."
    ),
)

FUNDINGS = (
    FundingFact(
        funder="eutf",
        amount=Decimal("8613500"),
        kind="eutf_contribution",
        note="",
        source=f"{EUTF_DB} (ProjectBudget 8613500); {EUTF_DEC} (budget 8613500)",
    ),
    FundingFact(
        funder="bmz",
        amount=Decimal("1722700"),
        kind="co_financing",
        note=(
            "La fiche de décision du FFU mentionne une contribution bilatérale de "
            "l'Allemagne ; le montant provient de l'équipe du programme."
        ),
        source=f"{BRIEF}; {EUTF_DEC} (« contribution bilatérale de l'Allemagne »)",
    ),
)
IMPLEMENTERS = (
    ("giz", f"{EUTF_DB} (ProjectImplementor GIZ); {EUTF_CTR}; {ARTICLE}"),
    ("expertise_france", f"{EUTF_CTR} (summary); {ARTICLE}"),
)

COUNTRIES = (
    CountryFact(
        iso3="MAR",
        is_coordinating=True,
        notes=(
            "La fiche de contrat du FFU désigne le Ministère délégué chargé des "
            "Marocains résidant à l'étranger (MDCMRE) comme partenaire au Maroc."
        ),
        source=f"{EUTF_CTR}; {EUTF_DEC} (memoranda between Morocco and the others)",
    ),
    CountryFact("SEN", False, "", f"{EUTF_CTR} (recipient SN); {ARTICLE}"),
    CountryFact("CIV", False, "", f"{EUTF_CTR} (recipient CI); {ARTICLE}"),
    CountryFact("MLI", False, "", f"{EUTF_CTR} (recipient ML); {ARTICLE}"),
)

_MOU_SOURCE = (
    f"{EUTF_DEC} (« protocoles d'entente entre le Maroc et le Sénégal, la Côte "
    f"d'Ivoire et le Mali »); {ARTICLE} (« mémoranda d'entente signés »)"
)
MEMORANDA = (
    MemorandumFact(
        "MAR",
        "SEN",
        "Mémorandum d'entente Maroc–Sénégal",
        "Memorandum of understanding Morocco–Senegal",
        _MOU_SOURCE,
    ),
    MemorandumFact(
        "MAR",
        "CIV",
        "Mémorandum d'entente Maroc–Côte d'Ivoire",
        "Memorandum of understanding Morocco–Côte d'Ivoire",
        _MOU_SOURCE,
    ),
    MemorandumFact(
        "MAR",
        "MLI",
        "Mémorandum d'entente Maroc–Mali",
        "Memorandum of understanding Morocco–Mali",
        _MOU_SOURCE,
    ),
)

_DOMAIN_SOURCE = f"{ARTICLE}; {EUTF_CTR} (summary)"
DOMAINS = (
    DomainFact(
        code="diaspora-mobilisation",
        order=1,
        name_fr="Mobilisation des diasporas",
        name_en="Diaspora mobilisation",
        name_ar="تعبئة الجاليات",
        description_fr=(
            "Migration et développement, en particulier les politiques et pratiques "
            "de mobilisation des diasporas aux niveaux national, régional et local."
        ),
        description_en=(
            "Migration and development, in particular policies and practices that "
            "mobilise diasporas at national, regional and local level."
        ),
        source=_DOMAIN_SOURCE,
    ),
    DomainFact(
        code="access-to-rights",
        order=2,
        name_fr="Accès aux droits des migrants",
        name_en="Migrants' access to rights",
        name_ar="ولوج المهاجرين إلى الحقوق",
        description_fr=(
            "Accès aux droits des migrants, notamment des citoyens de retour et des "
            "migrants vulnérables, via l'intégration et la réintégration économiques "
            "et sociales."
        ),
        description_en=(
            "Migrants' access to rights, notably returnees and vulnerable migrants, "
            "through economic and social integration and reintegration."
        ),
        source=_DOMAIN_SOURCE,
    ),
    DomainFact(
        code="south-south-mobility",
        order=3,
        name_fr="Mobilité Sud-Sud",
        name_en="South–South mobility",
        name_ar="التنقل جنوب-جنوب",
        description_fr=(
            "Mobilité régulière dans une approche « triple gagnant » : pays "
            "d'origine, pays d'accueil et migrants."
        ),
        description_en=(
            "Regular mobility in a “triple win” approach: country of origin, host "
            "country and migrants."
        ),
        source=_DOMAIN_SOURCE,
    ),
)

# Every country the loader needs: partner countries and the funders' and
# implementers' seats.
REQUIRED_ISO3 = tuple(
    dict.fromkeys([c.iso3 for c in COUNTRIES] + [o.seat_iso3 for o in ORGANISATIONS])
)

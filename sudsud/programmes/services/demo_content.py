"""Words of the demonstration data: activity themes per intervention domain, their
output indicators (with the EUTF common output indicator each counts for), and the
"triple win" texts. Invented for demonstrations; nothing here describes a real
activity of the programme."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    title_fr: str
    title_en: str
    indicator_fr: str
    indicator_en: str
    unit: str  # "personnes" indicators are broken down by sex and roll up
    eutf: str  # EUTF common output indicator code


PEOPLE = "personnes"

THEMES: dict[str, tuple[Theme, ...]] = {
    "diaspora-mobilisation": (
        Theme(
            "Forum des compétences de la diaspora",
            "Diaspora skills forum",
            "Membres de la diaspora mobilisés",
            "Diaspora members mobilised",
            PEOPLE,
            "3.1",
        ),
        Theme(
            "Cartographie des associations de la diaspora",
            "Mapping of diaspora associations",
            "Études et cartographies réalisées",
            "Studies and mappings completed",
            "études",
            "5.3",
        ),
        Theme(
            "Accompagnement des investissements productifs de la diaspora",
            "Support to diaspora productive investment",
            "Porteurs de projets de la diaspora accompagnés",
            "Diaspora project holders supported",
            PEOPLE,
            "3.1",
        ),
        Theme(
            "Jumelage de collectivités territoriales avec la diaspora",
            "Twinning of local authorities with the diaspora",
            "Collectivités territoriales accompagnées",
            "Local authorities supported",
            "collectivités",
            "3.6",
        ),
        Theme(
            "Plateforme d'information pour la diaspora",
            "Information platform for the diaspora",
            "Systèmes d'information mis en place",
            "Information systems set up",
            "systèmes",
            "5.2",
        ),
    ),
    "access-to-rights": (
        Theme(
            "Formation des agents consulaires à l'accueil des migrants",
            "Training consular staff to receive migrants",
            "Agents formés à la gestion des migrations",
            "Staff trained in migration management",
            PEOPLE,
            "3.7",
        ),
        Theme(
            "Guichet d'orientation des migrants de retour",
            "One-stop shop for returning migrants",
            "Migrants de retour orientés",
            "Returning migrants referred",
            PEOPLE,
            "3.5",
        ),
        Theme(
            "Campagne d'information sur les droits des migrants",
            "Information campaign on migrants' rights",
            "Événements de sensibilisation organisés",
            "Awareness events held",
            "événements",
            "3.11",
        ),
        Theme(
            "Appui à la réintégration socio-économique des migrants de retour",
            "Socio-economic reintegration of returning migrants",
            "Migrants de retour bénéficiant d'une aide à la réintégration",
            "Returning migrants receiving reintegration support",
            PEOPLE,
            "3.5 bis",
        ),
        Theme(
            "Renforcement des services sociaux pour les migrants vulnérables",
            "Strengthening social services for vulnerable migrants",
            "Institutions renforcées",
            "Institutions strengthened",
            "institutions",
            "3.6",
        ),
    ),
    "south-south-mobility": (
        Theme(
            "Programme de mobilité étudiante",
            "Student mobility programme",
            "Étudiants bénéficiant d'une mobilité",
            "Students benefiting from mobility",
            PEOPLE,
            "3.10",
        ),
        Theme(
            "Reconnaissance mutuelle des qualifications professionnelles",
            "Mutual recognition of professional qualifications",
            "Accords et textes élaborés ou appuyés",
            "Agreements and texts drafted or supported",
            "textes",
            "4.6",
        ),
        Theme(
            "Échange de fonctionnaires entre administrations",
            "Civil servant exchange between administrations",
            "Fonctionnaires en mobilité",
            "Civil servants on exchange",
            PEOPLE,
            "3.10",
        ),
        Theme(
            "Comité technique de suivi du mémorandum",
            "Technical committee following the memorandum",
            "Groupes de travail réunis régulièrement",
            "Working groups meeting regularly",
            "groupes",
            "5.1",
        ),
        Theme(
            "Étude des besoins du marché du travail",
            "Labour market needs study",
            "Études réalisées",
            "Studies completed",
            "études",
            "5.3",
        ),
    ),
}

# Outcome indicators of each plan (and impact indicators of the programme), per
# domain: they add up the "personnes" output indicators of that domain.
OUTCOMES: dict[str, tuple[str, str, str]] = {
    "diaspora-mobilisation": (
        "Les diasporas contribuent au développement des pays partenaires",
        "Membres de la diaspora engagés dans des initiatives de développement",
        "3.1",
    ),
    "access-to-rights": (
        "Les migrants accèdent mieux à leurs droits",
        "Migrants ayant accédé à un service ou à un droit",
        "3.5 bis",
    ),
    "south-south-mobility": (
        "La mobilité régulière Sud-Sud progresse",
        "Personnes ayant bénéficié d'une mobilité régulière",
        "3.10",
    ),
}

TRIPLE_WIN: dict[str, tuple[str, str, str]] = {
    "diaspora-mobilisation": (
        "Le pays d'origine mobilise les compétences et l'épargne de sa diaspora "
        "au service du développement local.",
        "Le pays d'accueil s'appuie sur des associations structurées, "
        "interlocutrices des autorités locales.",
        "Les membres de la diaspora trouvent un cadre sûr pour investir et "
        "partager leurs savoir-faire.",
    ),
    "access-to-rights": (
        "Le pays d'origine accueille ses citoyens de retour avec des services "
        "d'orientation et de réintégration.",
        "Le pays d'accueil améliore la qualité et la cohérence de ses services "
        "aux migrants.",
        "Les migrants connaissent leurs droits et y accèdent plus facilement.",
    ),
    "south-south-mobility": (
        "Le pays d'origine valorise les compétences acquises à l'étranger à leur "
        "retour.",
        "Le pays d'accueil répond à ses besoins de compétences par une mobilité "
        "régulière.",
        "Les personnes en mobilité partent avec un statut clair, des droits "
        "protégés et une qualification reconnue.",
    ),
}

COUNTRY_NAMES_FR = {
    "MAR": "Maroc",
    "SEN": "Sénégal",
    "CIV": "Côte d'Ivoire",
    "MLI": "Mali",
}


@dataclass(frozen=True)
class DemoOrganisation:
    """An organisation of the demonstration. Its acronym starts with ``DEMO-``
    (like the codes of the demonstration plans and activities): that is how the
    demonstration finds it again, and how people see it is not a real record."""

    acronym: str
    name: str
    kind: str  # an ``OrganisationKind`` value
    country: str  # ISO3 of where it is based
    acts_for: str  # ISO3 of the partner country it acts for (its country team)
    city: str
    name_ar: str = ""


# The ministry in charge of each country's nationals abroad, by the names they had
# when the programme started (2019); the lead ministry of that country on every
# demonstration activity.
MINISTRIES: dict[str, DemoOrganisation] = {
    "MAR": DemoOrganisation(
        "DEMO-MCMREAM",
        "Ministère délégué auprès du ministre des Affaires étrangères et de la "
        "Coopération internationale, chargé des Marocains résidant à l'étranger "
        "et des Affaires de la migration",
        "ministry",
        "MAR",
        "MAR",
        "Rabat",
        "الوزارة المنتدبة لدى وزير الشؤون الخارجية والتعاون الدولي المكلفة "
        "بالمغاربة المقيمين بالخارج وشؤون الهجرة",
    ),
    "SEN": DemoOrganisation(
        "DEMO-MAESE",
        "Ministère des Affaires étrangères et des Sénégalais de l'extérieur",
        "ministry",
        "SEN",
        "SEN",
        "Dakar",
    ),
    "CIV": DemoOrganisation(
        "DEMO-MIAIE",
        "Ministère de l'Intégration africaine et des Ivoiriens de l'extérieur",
        "ministry",
        "CIV",
        "CIV",
        "Abidjan",
    ),
    "MLI": DemoOrganisation(
        "DEMO-MMEIA",
        "Ministère des Maliens de l'extérieur et de l'Intégration africaine",
        "ministry",
        "MLI",
        "MLI",
        "Bamako",
    ),
}

# Other partners of some activities: local authorities (decentralised cooperation)
# and diaspora associations (invented names).
OTHER_PARTNERS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "DEMO-TANGER", "Commune de Tanger", "local_authority", "MAR", "MAR", "Tanger"
    ),
    DemoOrganisation(
        "DEMO-DAKAR", "Ville de Dakar", "local_authority", "SEN", "SEN", "Dakar"
    ),
    DemoOrganisation(
        "DEMO-DAA",
        "District autonome d'Abidjan",
        "local_authority",
        "CIV",
        "CIV",
        "Abidjan",
    ),
    DemoOrganisation(
        "DEMO-BAMAKO", "District de Bamako", "local_authority", "MLI", "MLI", "Bamako"
    ),
    DemoOrganisation(
        "DEMO-ASRM",
        "Association des Sénégalais résidant au Maroc",
        "diaspora_association",
        "MAR",
        "SEN",
        "Casablanca",
    ),
    DemoOrganisation(
        "DEMO-CIRM",
        "Collectif des Ivoiriens de Rabat",
        "diaspora_association",
        "MAR",
        "CIV",
        "Rabat",
    ),
    DemoOrganisation(
        "DEMO-AMMA",
        "Association des Maliens du Maroc",
        "diaspora_association",
        "MAR",
        "MLI",
        "Casablanca",
    ),
    DemoOrganisation(
        "DEMO-AMDA",
        "Association des Marocains de Dakar",
        "diaspora_association",
        "SEN",
        "MAR",
        "Dakar",
    ),
)

ORGANISATION_DESCRIPTION = (
    "Données de démonstration : fiche créée par « manage.py load_demo_data » pour "
    "illustrer la plateforme. Ce n'est pas la fiche officielle de cette organisation."
)

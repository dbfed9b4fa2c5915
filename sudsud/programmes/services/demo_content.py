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

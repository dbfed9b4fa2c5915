"""French labels of donor framework indicators, keyed by catalogue then indicator code.

The EUTF publishes its common output indicators in English only. These are the
programme's own French translations, written for the ministries that report in
French; the importer uses them when a catalogue file has no ``label_fr`` column
(or leaves a cell empty). A label given in the file always wins.
"""

EUTF_COMMON_OUTPUT_FR: dict[str, str] = {
    "1.1": "Nombre d'emplois directs créés ou soutenus grâce aux projets financés "
    "par le FFU",
    "1.2": "Nombre de MPME créées ou soutenues",
    "1.3": "Nombre de personnes accompagnées dans le développement d'activités "
    "génératrices de revenus (AGR)",
    "1.4": "Nombre de personnes bénéficiant de formations professionnelles (EFTP) "
    "et/ou d'un renforcement des compétences",
    "1.5": "Nombre de parcs industriels et/ou d'infrastructures économiques "
    "construits, agrandis ou améliorés",
    "2.1": "Nombre de plans de développement local directement soutenus",
    "2.1 bis": "Nombre d'infrastructures sociales construites et/ou réhabilitées",
    "2.2": "Nombre de services sociaux de base fournis",
    "2.3": "Nombre de personnes recevant une assistance nutritionnelle",
    "2.4": "Nombre de personnes recevant une assistance liée à la sécurité alimentaire",
    "2.5": "Nombre de collectivités locales et/ou de communautés qui adoptent et "
    "mettent en œuvre des stratégies locales de réduction des risques de "
    "catastrophe",
    "2.6": "Hectares d'écosystèmes agricoles et pastoraux où des pratiques de "
    "gestion durable ont été introduites avec l'appui de l'UE",
    "2.7": "Nombre de personnes touchées par des campagnes de sensibilisation aux "
    "pratiques de renforcement de la résilience et aux droits fondamentaux",
    "2.8": "Nombre d'agents des collectivités locales et des prestataires de "
    "services de base bénéficiant d'un renforcement des capacités pour "
    "améliorer la prestation de services",
    "2.9": "Nombre de personnes ayant un meilleur accès aux prestations sociales "
    "de base (services et transferts)",
    "3.1": "Nombre de projets et d'initiatives soutenus par des membres de la diaspora",
    "3.2": "Nombre de migrants en transit, de réfugiés/demandeurs d'asile et de "
    "personnes déplacées internes protégés et/ou assistés",
    "3.3": "Nombre de migrants (potentiels) touchés par des campagnes "
    "d'information sur la migration",
    "3.4": "Nombre de retours volontaires soutenus",
    "3.5": "Nombre de migrants de retour bénéficiant d'une aide après leur arrivée",
    "3.5 bis": "Nombre de migrants de retour bénéficiant d'une aide à la réintégration",
    "3.6": "Nombre d'institutions et d'acteurs non étatiques bénéficiant d'un "
    "renforcement des capacités ou d'un appui opérationnel en matière de "
    "protection et de gestion des migrations",
    "3.7": "Nombre de personnes formées à la gestion des migrations et à la protection",
    "3.8": "Nombre de personnes relevant de la compétence du HCR bénéficiant d'une "
    "aide à l'évacuation et à la réinstallation ou d'autres solutions durables "
    "pour les personnes évacuées",
    "3.10": "Nombre de personnes bénéficiant de programmes de migration légale et "
    "de mobilité",
    "3.11": "Nombre d'événements de sensibilisation sur la migration",
    "4.1": "Nombre d'infrastructures soutenues pour renforcer la gouvernance",
    "4.1 bis": "Nombre d'équipements fournis pour renforcer la gouvernance",
    "4.2": "Nombre d'agents des institutions gouvernementales, des forces de "
    "sécurité intérieure et des acteurs non étatiques concernés formés à la "
    "gouvernance, à la prévention des conflits et aux droits humains",
    "4.3": "Nombre de personnes participant à des activités de prévention des "
    "conflits et de défense des droits humains",
    "4.6": "Nombre de stratégies, lois, politiques et plans élaborés et/ou "
    "directement soutenus",
    "5.1": "Nombre de groupes multi-acteurs et de mécanismes d'apprentissage créés "
    "et se réunissant régulièrement",
    "5.2": "Nombre de systèmes de planification, de suivi, d'apprentissage, de "
    "collecte et d'analyse de données mis en place, mis en œuvre et/ou renforcés",
    "5.3": "Nombre d'études de terrain, d'enquêtes et d'autres travaux de "
    "recherche réalisés",
    "5.4": "Nombre d'initiatives de coopération régionale créées, lancées ou soutenues",
    "6.1": "Nombre de fournitures liées à la pandémie de COVID-19 livrées et/ou "
    "distribuées",
    "6.2": "Nombre de personnes bénéficiant directement des activités de réponse "
    "d'urgence à la COVID-19",
    "6.3": "Nombre d'entités bénéficiant des activités de réponse d'urgence à la "
    "COVID-19",
}

# Catalogues whose code starts with one of these prefixes take their French
# labels from the table (any version: the EUTF kept its codes across versions).
FRENCH_LABELS_BY_PREFIX: dict[str, dict[str, str]] = {
    "eutf": EUTF_COMMON_OUTPUT_FR,
}


def french_label(catalogue_code: str, indicator_code: str) -> str:
    """Our French label for ``indicator_code`` in that catalogue, or ``""``."""
    for prefix, labels in FRENCH_LABELS_BY_PREFIX.items():
        if catalogue_code.lower().startswith(prefix):
            return labels.get(indicator_code, "")
    return ""

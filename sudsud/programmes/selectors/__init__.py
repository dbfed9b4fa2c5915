"""Reads of the programmes app, by subdomain. Reference-data selectors are
re-exported here for existing callers; newer code imports the submodule."""

from .reference import (
    MINISTRY_KINDS,
    domain_get_for_user,
    memorandum_get_for_user,
    memorandum_list_for_user,
    ministry_choices,
    organisation_visible_ids,
    partner_country_get_for_user,
    programme_current_for_user,
    programme_get_for_user,
    programme_list_for_user,
)

__all__ = [
    "MINISTRY_KINDS",
    "domain_get_for_user",
    "memorandum_get_for_user",
    "memorandum_list_for_user",
    "ministry_choices",
    "organisation_visible_ids",
    "partner_country_get_for_user",
    "programme_current_for_user",
    "programme_get_for_user",
    "programme_list_for_user",
]

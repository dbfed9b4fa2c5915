"""Who may change the programme's reference data.

* The programme itself and its intervention domains belong to everyone: only
  programme administrators change them.
* A partner country and the memoranda involving it may also be completed by a
  person who approves for that country (a country coordinator whose scope covers
  it, see ``scope_allows_approve``). Officers and staff who merely edit records do
  not change what their ministry signed.
"""

from typing import Any

from sudsud.accounts.scopes import scope_allows_approve, scope_for

from .models import Domain, Memorandum, PartnerCountry, Programme


def can_view_programmes(user: Any) -> bool:
    return scope_for(user).authenticated


def can_edit_programme(user: Any, programme: Programme | None = None) -> bool:
    return scope_for(user).is_programme_admin


def can_edit_domain(user: Any, domain: Domain | None = None) -> bool:
    return scope_for(user).is_programme_admin


def can_edit_partner_country(user: Any, partner_country: PartnerCountry) -> bool:
    return scope_for(user).is_programme_admin or scope_allows_approve(
        user, country_id=partner_country.country_id
    )


def can_edit_memorandum(user: Any, memorandum: Memorandum) -> bool:
    if scope_for(user).is_programme_admin:
        return True
    return any(
        scope_allows_approve(user, country_id=country_id)
        for country_id in (memorandum.first_country_id, memorandum.second_country_id)
    )

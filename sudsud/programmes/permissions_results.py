"""Who may change the results framework and report against it.

Everything follows ``sudsud.accounts.scopes``:

* A result belongs to the countries of what it is attached to: its activity's
  countries, else its plan's countries; a programme-level result has none and is
  edited only by programme-wide editors (``scope_allows_edit(country_id=None)``).
  Editing a result or its indicators and targets needs an editing role in scope of
  at least one of those countries.
* Entering an actual (draft, submit, evidence): an editing role (implementing
  staff, ministry officers, coordinators, administrators) in scope of the update's
  country. An update without a country belongs to a programme-level result (the
  services refuse a country-less update when the result has countries), so it is
  entered by programme-wide editors only — never by someone in scope of just one
  of several countries.
* Approving or returning: ``scope_allows_approve`` for the update's country (the
  coordinators of that country, programme administrators); for an update without
  a country, programme-wide approvers only.
* Four eyes: nobody approves an update they submitted or whose figures they last
  changed, programme administrators included (``can_approve_update``). Returning
  it stays allowed: it withdraws it for correction.
* Reopening an approved update: programme administrators only.
"""

from typing import Any

from sudsud.accounts.scopes import scope_allows_approve, scope_allows_edit, scope_for

from .models import IndicatorPeriod, IndicatorUpdate, Result


def result_country_ids(result: Result) -> list[int]:
    """The countries a result belongs to (empty: programme-level)."""
    if result.activity_id is not None and result.activity is not None:
        return [share.country_id for share in result.activity.country_shares.all()]
    if result.plan_id is not None and result.plan is not None:
        return [place.pk for place in result.plan.countries.all()]
    return []


def _any_country(check: Any, user: Any, country_ids: list[int]) -> bool:
    if not country_ids:
        return bool(check(user, country_id=None))
    return any(check(user, country_id=country_id) for country_id in country_ids)


def can_edit_result(user: Any, result: Result) -> bool:
    return _any_country(scope_allows_edit, user, result_country_ids(result))


def can_report(user: Any, *, period: IndicatorPeriod, country_id: int | None) -> bool:
    return scope_allows_edit(user, country_id=country_id)


def can_report_update(user: Any, update: IndicatorUpdate) -> bool:
    return can_report(user, period=update.period, country_id=update.country_id)


def can_review_update(user: Any, update: IndicatorUpdate) -> bool:
    """May return ``update`` (and approve it, unless they submitted it)."""
    return scope_allows_approve(user, country_id=update.country_id)


def is_own_work(user: Any, update: IndicatorUpdate) -> bool:
    """``user`` submitted ``update`` or last changed its figures (an update whose
    author was deleted, or that was loaded without one, is nobody's)."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return False
    return user_id in (update.submitted_by_id, update.edited_by_id)


def can_approve_update(user: Any, update: IndicatorUpdate) -> bool:
    """A reviewer other than the people who entered and submitted ``update``."""
    return can_review_update(user, update) and not is_own_work(user, update)


def can_reopen_update(user: Any, update: IndicatorUpdate | None = None) -> bool:
    return scope_for(user).is_programme_admin

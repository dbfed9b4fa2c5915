"""Who may publish and import IATI files.

* Exporting (seeing the validation page and downloading the file): the roles
  that edit (programme administrators, coordinators, implementing staff,
  ministry officers) — the file holds only what may be published.
* Importing writes activities across countries and approved values: programme
  administrators only.
"""

from typing import Any

from sudsud.accounts.scopes import scope_for


def can_export_iati(user: Any) -> bool:
    return scope_for(user).can_edit


def can_import_iati(user: Any) -> bool:
    return scope_for(user).is_programme_admin

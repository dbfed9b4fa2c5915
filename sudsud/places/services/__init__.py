"""Every write to places and groupings. Administrators only; each change audited."""

from .groupings import (
    GroupingInput,
    grouping_create,
    grouping_membership_add,
    grouping_membership_remove,
    grouping_membership_update,
    grouping_update,
)
from .places import place_update
from .reference import places_load_reference

__all__ = [
    "GroupingInput",
    "grouping_create",
    "grouping_membership_add",
    "grouping_membership_remove",
    "grouping_membership_update",
    "grouping_update",
    "place_update",
    "places_load_reference",
]

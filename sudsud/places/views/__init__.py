"""Pages of places and groupings (see ``urls.py``)."""

from .groupings import (
    GroupingCreateView,
    GroupingDetailView,
    GroupingListView,
    GroupingUpdateView,
)
from .memberships import MembershipAddView, MembershipRemoveView, MembershipUpdateView
from .places import PlaceDetailView, PlaceListView, PlaceUpdateView

__all__ = [
    "GroupingCreateView",
    "GroupingDetailView",
    "GroupingListView",
    "GroupingUpdateView",
    "MembershipAddView",
    "MembershipRemoveView",
    "MembershipUpdateView",
    "PlaceDetailView",
    "PlaceListView",
    "PlaceUpdateView",
]

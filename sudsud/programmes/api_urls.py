from rest_framework.routers import SimpleRouter

from .api import MemorandumViewSet, ProgrammeViewSet

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("memoranda", MemorandumViewSet, basename="memorandum")

urlpatterns = router.urls

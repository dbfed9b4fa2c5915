from rest_framework.routers import SimpleRouter

from .api import ContactViewSet, OrganisationViewSet
from .api_files import OrganisationJobViewSet

router = SimpleRouter()
router.register(
    "organisations/jobs", OrganisationJobViewSet, basename="organisation-job"
)
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("contacts", ContactViewSet, basename="contact")

urlpatterns = router.urls

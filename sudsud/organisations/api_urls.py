from rest_framework.routers import SimpleRouter

from .api import ContactViewSet, OrganisationViewSet

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("contacts", ContactViewSet, basename="contact")

urlpatterns = router.urls

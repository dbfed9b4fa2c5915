from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import MeView, TokenView, UserViewSet

router = SimpleRouter()
router.register("users", UserViewSet, basename="user")

urlpatterns = [
    path("me/", MeView.as_view(), name="me"),
    path("auth/token/", TokenView.as_view(), name="auth_token"),
    *router.urls,
]

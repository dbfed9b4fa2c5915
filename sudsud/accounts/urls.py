from django.contrib.auth import views as auth_views
from django.urls import path

from .views import auth, profile, users

app_name = "accounts"

urlpatterns = [
    path("login/", auth.SignInView.as_view(), name="login"),
    path("login/code/", auth.SignInCodeView.as_view(), name="login_code"),
    path("logout/", auth.SignOutView.as_view(), name="logout"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("profile/", profile.ProfileView.as_view(), name="profile"),
    path("profile/language/", profile.LanguageUpdateView.as_view(), name="language"),
    path("language/", profile.SetLanguageView.as_view(), name="set_language"),
    path("profile/token/", profile.TokenCreateView.as_view(), name="token_create"),
    path(
        "profile/token/revoke/", profile.TokenRevokeView.as_view(), name="token_revoke"
    ),
    path(
        "profile/two-factor/",
        profile.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "profile/two-factor/off/",
        profile.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
    path("users/", users.UserListView.as_view(), name="user_list"),
    path("users/new/", users.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/", users.UserUpdateView.as_view(), name="user_update"),
    path(
        "users/<int:pk>/deactivate/",
        users.UserDeactivateView.as_view(),
        name="user_deactivate",
    ),
]

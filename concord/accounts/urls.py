from django.urls import path

from concord.accounts.views import me, people, roles, signin

app_name = "accounts"

urlpatterns = [
    path("login", signin.LoginView.as_view(), name="login"),
    path("login/code", signin.login_code, name="login_code"),
    path("logout", signin.LogoutView.as_view(), name="logout"),
    path("password-reset", signin.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent", signin.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>",
        signin.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done",
        signin.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("privacy", signin.privacy, name="privacy"),
    path("me", me.me, name="me"),
    path("me/data.json", me.me_data, name="me_data"),
    path("me/tokens", me.token_create, name="token_create"),
    path("me/tokens/<int:token_id>/revoke", me.token_revoke, name="token_revoke"),
    path("me/two-factor", me.two_factor, name="two_factor"),
    path("me/two-factor/remove", me.two_factor_remove, name="two_factor_remove"),
    path("roles", roles.role_list, name="role_list"),
    path("roles/grant", roles.role_grant, name="role_grant"),
    path("roles/<int:role_id>/end", roles.role_end, name="role_end"),
    path("people", people.person_list, name="person_list"),
    path("people/<str:username>", people.person_detail, name="person"),
    path("people/<str:username>/deactivate", people.person_deactivate, name="person_deactivate"),
    path("people/<str:username>/activate", people.person_activate, name="person_activate"),
    path("invitations", roles.invitation_list, name="invitation_list"),
    path("invitations/<str:secret>", roles.invitation_accept, name="invitation_accept"),
]

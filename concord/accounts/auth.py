"""How the API knows who calls: a personal token (``Authorization: Bearer ...``) or the session.

Use ``auth=signed_in`` on an operation that needs a person; an anonymous caller then gets 401.
A token grants exactly the roles its person holds: the person becomes ``request.user`` and
every permission is asked of them, as on the pages.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.security import django_auth as _ninja_session_auth

from concord.accounts.services import token_user
from concord.accounts.twofactor import session_is_acceptable


class TokenAuth(HttpBearer):
    """Accept only a token that exists, has not expired and has not been revoked."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session; unsafe methods must carry the CSRF token, as pages do."""

    def __init__(self) -> None:
        super().__init__(csrf=True)
        self.param_name = _ninja_session_auth.param_name

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not session_is_acceptable(request):
            return None
        return user


token_auth = TokenAuth()
session_auth = SessionAuth()
signed_in = [token_auth, session_auth]

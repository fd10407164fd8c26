"""The account pages: sign-in, the person's own page, roles, invitations, privacy."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def requires(
    permission: str | None = None, *, refused: type[Exception] = PermissionDenied
) -> Callable:
    """Send an anonymous visitor to sign in; refuse a person without ``permission``.

    ``refused`` is 403 (PermissionDenied) by default; Http404 where the page is about a record
    whose very existence a person without the role must not learn.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if permission and not request.user.has_perm(permission):
                raise refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

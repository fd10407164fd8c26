"""Best practices, as JSON.

Reads are public; a practice names only the provisions the caller may see (of published
instruments, and of those in the caller's secretariat scope). Writes need a person (401
otherwise) of the secretariat (403 otherwise); bad input is a 422 naming the field, and nothing
is written.
"""

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from concord.accounts.auth import signed_in
from concord.api_errors import body_field, refusals, unprocessable
from concord.directory import practices
from concord.directory.api.meetings import NOT_FOUND, REFUSED
from concord.directory.models import BestPractice
from concord.pagination import Paged, PageQuery, paginate_query
from concord.registry.schemas import Code, NulFree, Out, Text

router = Router(tags=["directory"])

Long = Annotated[str, Field(max_length=20_000), NulFree]
Address = Annotated[str, Field(max_length=2000), NulFree]


class ProvisionRefIn(Schema):
    instrument: int
    ref: Code = Field(description="The provision's reference in the instrument, e.g. III.1.4.")


class ProvisionRefOut(Out):
    instrument: int
    ref: str


class PracticeChangeIn(Schema):
    title: Text | None = None
    description: Long | None = None
    parties: list[Code] | None = Field(None, description="Codes of the parties it comes from.")
    provisions: list[ProvisionRefIn] | None = Field(None, description="Provisions it serves.")
    source: Text | None = None
    source_url: Address | None = None


class PracticeIn(Schema):
    title: Text
    description: Long
    parties: list[Code] = Field(
        default_factory=list, description="Codes of the parties it comes from."
    )
    provisions: list[ProvisionRefIn] = Field(
        default_factory=list, description="Provisions it serves."
    )
    source: Text = ""
    source_url: Address = ""


class PracticeOut(Out):
    id: int
    title: str
    description: str
    parties: list[str]
    provisions: list[ProvisionRefOut] = Field(description="Those the caller may see.")
    source: str
    source_url: str


class PracticeFilters(Schema):
    party: Code | None = Field(None, description="A party's code.")
    instrument: int | None = Field(None, description="Serving a provision of this instrument.")
    ref: Code | None = Field(None, description="With `instrument`: serving this provision.")
    q: Text | None = Field(None, description="Words in the title or description, any case.")


ONLY_SECRETARIAT = gettext_lazy("Only the secretariat records best practices.")


def _practice_or_404(request: HttpRequest, practice_id: int) -> BestPractice:
    practice = practices.practices_with_links(request.user).filter(pk=practice_id).first()
    if practice is None:
        raise HttpError(404, _("No best practice with id %(id)s.") % {"id": practice_id})
    return practice


def _refs(provisions: list[dict] | None) -> list[tuple[int, str]] | None:
    if provisions is None:
        return None
    return [(p["instrument"], p["ref"]) for p in provisions]


@router.get(
    "/best-practices",
    response=Paged[PracticeOut],
    summary="List best practices",
    description="By title. `instrument` with `ref` names one provision.",
)
def practice_list(request: HttpRequest, filters: Query[PracticeFilters], page: Query[PageQuery]):
    qs = practices.practice_list(
        practices.practices_with_links(request.user),
        user=request.user,
        **filters.model_dump(exclude_none=True),
    )
    return paginate_query(qs, page, key=("title", "id")).as_dict(practices.practice_data)


@router.get(
    "/best-practices/{practice_id}",
    response={200: PracticeOut, **NOT_FOUND},
    summary="Show a best practice",
)
def practice_detail(request: HttpRequest, practice_id: int) -> dict:
    return practices.practice_data(_practice_or_404(request, practice_id))


@router.post(
    "/best-practices",
    response={201: PracticeOut, **REFUSED},
    auth=signed_in,
    summary="Record a best practice",
    description="With the parties it comes from (codes) and the provisions it serves "
    "(instrument id and reference; of published instruments or ones in the caller's scope). "
    "The secretariat.",
)
def practice_create(request: HttpRequest, payload: PracticeIn) -> Any:
    data = payload.model_dump()
    with refusals(ONLY_SECRETARIAT):
        content = practices.PracticeContent(**{**data, "provisions": _refs(data["provisions"])})
        practice = practices.practice_create(user=request.user, content=content)
    return Status(201, practices.practice_data(_practice_or_404(request, practice.pk)))


@router.patch(
    "/best-practices/{practice_id}",
    response={200: PracticeOut, **REFUSED},
    auth=signed_in,
    summary="Change a best practice",
    description="Change the fields given; a list given replaces the stored one (provisions "
    "the caller cannot see stay). The secretariat.",
)
def practice_update(request: HttpRequest, practice_id: int, payload: PracticeChangeIn) -> dict:
    practice = _practice_or_404(request, practice_id)
    changes = payload.model_dump(exclude_unset=True)
    nulls = [name for name, value in changes.items() if value is None]
    if nulls:
        refused = {name: _("This field cannot be null.") for name in nulls}
        raise unprocessable(DjangoValidationError(refused), location=body_field)
    if "provisions" in changes:
        changes["provisions"] = _refs(changes["provisions"])
    with refusals(ONLY_SECRETARIAT):
        if not request.user.has_perm("directory.change_bestpractice", practice):
            raise PermissionDenied
        content = practices.content_changed(practices.practice_content(practice), changes)
        practices.practice_update(practice=practice, user=request.user, content=content)
    return practices.practice_data(_practice_or_404(request, practice.pk))

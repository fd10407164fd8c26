"""SQL about the queryset's own row, for ``filter_queryset`` on any engine."""

from typing import Any

from django.db.models import Expression, Field


class RowSQL(Expression):
    """Raw SQL in which ``{row}`` stands for the queryset's base table, under whatever alias it has.

    Django renames tables when a queryset becomes a subquery (``instrument__in=...``); RawSQL
    with a hard-coded table name would then point at the outer query.
    """

    def __init__(self, template: str, params: list[Any], output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.template = template
        self.params = params

    def as_sql(self, compiler, connection) -> tuple[str, list[Any]]:
        row = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(row=row), list(self.params)

    def get_group_by_cols(self) -> list:
        return []

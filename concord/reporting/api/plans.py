"""Parties' implementation plans (planned actions) and reform projects with their reviews."""

from ninja import Router

router = Router(tags=["reporting"])

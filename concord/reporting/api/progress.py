"""The progress matrix, party scorecards, and carrying answers forward between cycles."""

from ninja import Router

router = Router(tags=["reporting"])

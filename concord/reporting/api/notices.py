"""Deadlines: who is late in a cycle, and each person's calendar of deadlines (iCalendar)."""

from ninja import Router

router = Router(tags=["reporting"])

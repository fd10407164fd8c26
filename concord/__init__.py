"""Concord: follow-up of multilateral commitments."""

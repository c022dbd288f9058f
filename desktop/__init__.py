"""Steward's engine: storage, domain services, sync and the command line. No widgets here."""

__version__ = "0.1.0"

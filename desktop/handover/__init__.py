"""Shift handover: the packet (packet.py), its schema check (schema.py), its renderings
(render.py), redaction (redact.py) and its import on another workstation (importer.py,
merge.py). Nothing is imported here: the sync's bulk path loads merge.py alone."""

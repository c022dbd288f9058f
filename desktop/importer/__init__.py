"""Importing reviews from export files: Google Play Console's reviews CSV, and Steward's
generic CSV and JSON format (docs/import-format.md)."""

from desktop.importer.formats import FIELD_NAMES, FORMATS, REQUIRED_FIELDS
from desktop.importer.mapping import apply_overrides, parse_map_options, suggest_mapping
from desktop.importer.reader import ImportFailed, RowProblem
from desktop.importer.service import (
    FileInfo,
    ImportReport,
    Progress,
    check_target,
    find_source,
    import_source,
    inspect_file,
    run_import,
)

__all__ = [
    "FIELD_NAMES",
    "FORMATS",
    "REQUIRED_FIELDS",
    "FileInfo",
    "ImportFailed",
    "ImportReport",
    "Progress",
    "RowProblem",
    "apply_overrides",
    "check_target",
    "find_source",
    "import_source",
    "inspect_file",
    "parse_map_options",
    "run_import",
    "suggest_mapping",
]

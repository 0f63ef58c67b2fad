"""Plans in and out of spreadsheets: export to XLSX, import XLSX or CSV with a preview."""

from eventplan.services.plan_io.exporter import export_filename, export_plan
from eventplan.services.plan_io.importer import (
    ImportRefused,
    PlanClosed,
    Preview,
    StalePreview,
    check_can_import,
    commit_import,
    preview_import,
)
from eventplan.services.plan_io.reader import MAX_BYTES, MAX_ROWS, BadFile

__all__ = ["MAX_BYTES", "MAX_ROWS", "BadFile", "ImportRefused", "PlanClosed", "Preview",
           "StalePreview", "check_can_import", "commit_import", "export_filename",
           "export_plan", "preview_import"]

"""The web app's store: organisations and roles, target tables with immutable versions, the audit log."""

from .audit import AuditAction, AuditEntry, AuditLogIsAppendOnly
from .organization import Department, FinanceOffice, Role, RoleAssignment, Unit
from .scans import ScanReading, ScanState
from .tables import Decision, Status, TableRecord, TableVersion, UploadedFile

__all__ = [
    "AuditAction",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "Decision",
    "Department",
    "FinanceOffice",
    "Role",
    "RoleAssignment",
    "ScanReading",
    "ScanState",
    "Status",
    "TableRecord",
    "TableVersion",
    "Unit",
    "UploadedFile",
]

"""The web app's store: organisations and roles, target tables with immutable versions, the audit log."""

from .attachments import Attachment
from .audit import AuditAction, AuditEntry, AuditLogIsAppendOnly
from .findingcounts import FindingCount, RuleTally
from .notices import Notice, NoticeKind
from .organization import Department, FinanceOffice, Role, RoleAssignment, ScoringProfile, Unit
from .reports import ReportDecision, RoundReport
from .reporttallies import ReportTally
from .rounds import FilingRound, RoundFiling, RoundKind
from .scans import ScanReading, ScanState
from .stages import DEFAULT_CHAIN, ReviewStage, Step
from .tablecounts import TableCount
from .tables import Decision, Status, TableRecord, TableVersion, UploadedFile
from .tokens import ApiToken
from .years import IndicatorLink

__all__ = [
    "DEFAULT_CHAIN",
    "ApiToken",
    "Attachment",
    "AuditAction",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "Decision",
    "Department",
    "FilingRound",
    "FinanceOffice",
    "FindingCount",
    "IndicatorLink",
    "Notice",
    "NoticeKind",
    "ReportDecision",
    "ReportTally",
    "ReviewStage",
    "Role",
    "RoleAssignment",
    "RoundFiling",
    "RoundKind",
    "RoundReport",
    "RuleTally",
    "ScanReading",
    "ScanState",
    "ScoringProfile",
    "Status",
    "Step",
    "TableCount",
    "TableRecord",
    "TableVersion",
    "Unit",
    "UploadedFile",
]

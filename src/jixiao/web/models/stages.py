"""The review chain (审核流程) of a finance office: its stages, in order, as data.

A table waits at one stage at a time (:attr:`TableRecord.stage`, a position in the chain). The first stage is the
unit's submission (单位负责人), the middle ones are reviews that approve or return, the last is publication. An
office without stages of its own follows :data:`DEFAULT_CHAIN`.
"""

from __future__ import annotations

from django.db import models

from .organization import FinanceOffice, Role


class Step(models.TextChoices):
    SUBMIT = "submit", "提交"
    REVIEW = "review", "审核"
    PUBLISH = "publish", "公开"


class ReviewStage(models.Model):
    office = models.ForeignKey(FinanceOffice, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveIntegerField("顺序")
    name = models.CharField("阶段", max_length=60)
    role = models.CharField("由谁办理", max_length=32, choices=Role.choices)
    step = models.CharField("办理事项", max_length=20, choices=Step.choices)

    class Meta:
        ordering = ["office", "position"]
        constraints = [models.UniqueConstraint(fields=["office", "position"], name="one_stage_per_position")]

    def __str__(self) -> str:
        return self.name


#: (name, role, step) of the chain every office follows unless it configures its own.
DEFAULT_CHAIN: tuple[tuple[str, str, str], ...] = (
    ("单位负责人审核", Role.UNIT_LEAD, Step.SUBMIT),
    ("主管部门初审", Role.DEPARTMENT_REVIEWER, Step.REVIEW),
    ("财政复审", Role.FINANCE_REVIEWER, Step.REVIEW),
    ("财政公开", Role.FINANCE_REVIEWER, Step.PUBLISH),
)

"""Organisations and roles: a finance office (财政), its departments (主管部门), their units (预算单位)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ScoringProfile(models.TextChoices):
    """The jixiao profiles (src/jixiao/profiles/) an office may score and monitor under."""

    NATIONAL = "national", "财政部通用"
    HUBEI = "hubei", "湖北"
    SICHUAN = "sichuan", "四川"
    XINJIANG = "xinjiang", "新疆"
    ANHUI = "anhui", "安徽"


class FinanceOffice(models.Model):
    """财政部门: the office running this installation; it reviews every department."""

    name = models.CharField("名称", max_length=200, unique=True)
    #: the jixiao profile its self-evaluations are scored and its monitoring lit under (national, hubei …)
    profile = models.CharField(
        "评分规则", max_length=40, choices=ScoringProfile.choices, default=ScoringProfile.NATIONAL
    )

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """主管部门: reviews the units under it."""

    office = models.ForeignKey(FinanceOffice, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("名称", max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """预算单位: fills in and submits target tables."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="units")
    name = models.CharField("名称", max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLERK = "unit_clerk", "单位填报人"
    UNIT_LEAD = "unit_lead", "单位负责人"
    DEPARTMENT_REVIEWER = "department_reviewer", "主管部门审核人"
    FINANCE_REVIEWER = "finance_reviewer", "财政审核人"
    ADMIN = "admin", "管理员"


class RoleAssignment(models.Model):
    """A user's role and where it applies: a unit for unit roles, a department for its reviewer."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignment")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT)
    #: Set when an administrator gave the user a one-time password: every page asks for a new one first.
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="unit_roles_have_a_unit",
                condition=~models.Q(role__in=["unit_clerk", "unit_lead"]) | models.Q(unit__isnull=False),
            ),
            models.CheckConstraint(
                name="department_reviewer_has_a_department",
                condition=~models.Q(role="department_reviewer") | models.Q(department__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

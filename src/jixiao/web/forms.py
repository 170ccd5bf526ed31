"""The forms every posted page and every filter is read through.

A value that does not fit (``year=abc``, a missing ``revision``, a NUL character that no database column takes)
is answered with a 400 and a Chinese message naming the field, never a 500. Repeated fields (indicator rows,
warning explanations, comments per indicator) are checked by :func:`texts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models
from django.http import QueryDict

from jixiao import fields

from .models import Decision, Department, Role, RoundKind, Status, Unit
from .services.library import mark_of
from .services.tabledata import FUNDING_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS

NUL = "含有无法保存的控制字符（NUL），请删去后再提交"
FUNDING_UNITS = ("万元", "元")
YEARS = (1990, 2100)
#: The largest id or count a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class BadInput(Exception):
    """Posted values that do not fit; the messages say which and why, for the user."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


def text(label: str, *, required: bool = False, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages={
            "required": "请填写",
            "null_characters_not_allowed": NUL,
            "max_length": "不能超过 %(limit_value)d 个字",
        },
    )


def number(
    label: str, *, required: bool = False, min_value: int | None = None, max_value: int | None = None
) -> forms.IntegerField:
    """An integer; without ``max_value`` at most what a database id holds (a larger one would overflow a query)."""
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=MAX_ID if max_value is None else max_value,
        error_messages={
            "required": "缺少这一项",
            "invalid": "须是整数",
            "min_value": "不能小于 %(limit_value)s",
            "max_value": "数值过大，没有这一项" if max_value is None else "不能大于 %(limit_value)s",
        },
    )


def year() -> forms.IntegerField:
    return number("年度", min_value=YEARS[0], max_value=YEARS[1])


def choice(label: str, choices: Any, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": "请选择", "invalid_choice": "没有“%(value)s”这一项"},
    )


class Form(forms.Form):
    """A form whose errors read as one Chinese line per field: ``年度：须是整数``."""

    def messages(self) -> list[str]:
        found: list[str] = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            found.extend(f"{label}：{error}" if label else str(error) for error in errors)
        return found

    def checked(self) -> dict[str, Any]:
        """The cleaned values, or :class:`BadInput`."""
        if not self.is_valid():
            raise BadInput(self.messages())
        return self.cleaned_data


def texts(post: QueryDict, name: str, label: str) -> list[str]:
    """All values posted under ``name`` (a repeated field), refusing NUL characters."""
    values = post.getlist(name)
    if any("\x00" in value for value in values):
        raise BadInput([f"{label}：{NUL}"])
    return values


def text_of(post: QueryDict, name: str, label: str) -> str:
    """The value posted under ``name`` (empty when missing), refusing NUL characters."""
    return (texts(post, name, label) or [""])[-1]


class SeverityFilter(models.TextChoices):
    """The list's 审核结果 filter: tables with errors, with warnings only, or with neither."""

    ERROR = "error", "有错误"
    WARNING = "warning", "仅有警告"
    CLEAN = "clean", "无问题"


class TableFilter(Form):
    q = text("搜索", max_length=300)
    year = year()
    unit = number("预算单位", min_value=1)
    status = choice("状态", [("", "全部状态"), *Status.choices])
    severity = choice("审核结果", [("", "全部审核结果"), *SeverityFilter.choices])
    after = text("翻页", max_length=2000)  # a keyset cursor (:mod:`jixiao.web.keyset`)
    before = text("翻页", max_length=2000)


class PageChoice(Form):
    after = text("翻页", max_length=2000)
    before = text("翻页", max_length=2000)


class PublicSearch(PageChoice):
    q = text("搜索", max_length=300)


class VersionChoice(Form):
    version = number("版本", min_value=1)


class VersionPair(Form):
    """The two versions the comparison page puts side by side (missing: the newest and the one before it)."""

    a = number("版本", min_value=1)
    b = number("版本", min_value=1)


class TableForm(Form):
    """The editor: the header fields here, the indicator rows (repeated ``ind-*`` fields) in :meth:`table_data`."""

    year = year()
    comment = text("修改说明")
    then = choice("保存后", [("", "留在编辑页"), ("submit", "去提交")])

    def __init__(self, post: QueryDict, *, new: bool = False, saving: bool = False) -> None:
        super().__init__(post)
        for name in HEADER_FIELDS:
            # the project name is also a column of the table list, of that width
            self.fields[name] = text(fields.label(name), max_length=300 if name == "project_name" else None)
        for part in FUNDING_FIELDS:
            self.fields[f"funding-{part}"] = text(fields.label(f"funding.{part}"))
        self.fields["funding-unit"] = choice("金额单位", [(unit, unit) for unit in FUNDING_UNITS])
        if new:
            self.fields["unit"] = number("预算单位", required=True)
        elif saving:
            self.fields["revision"] = number("修订号", required=True, min_value=0)
        self.post = post

    def table_data(self) -> dict[str, Any]:
        """The stored form of the posted table (indicator rows in the order shown), or :class:`BadInput`."""
        cleaned = self.checked()
        for name in (*INDICATOR_FIELDS, "number"):
            texts(self.post, f"ind-{name}", fields.label(name) if name != "number" else "指标编号")
        return self._assemble(cleaned["year"], lambda name: str(cleaned[name]), lambda name: self.post.getlist(name))

    def typed_data(self) -> dict[str, Any]:
        """What the user typed, to show the editor again after a refusal: a 年度 that did not fit is left out,
        NUL characters are dropped."""
        year = self.cleaned_data.get("year") if hasattr(self, "cleaned_data") else None
        return self._assemble(
            year,
            lambda name: self.post.get(name, "").replace("\x00", ""),
            lambda name: [value.replace("\x00", "") for value in self.post.getlist(name)],
        )

    def _assemble(
        self, year: int | None, value: Callable[[str], str], values: Callable[[str], list[str]]
    ) -> dict[str, Any]:
        columns = {name: values(f"ind-{name}") for name in (*INDICATOR_FIELDS, "number", "library")}
        rows = []
        for i in range(len(columns["name"])):
            row = {name: (column[i] if i < len(column) else "").strip() for name, column in columns.items()}
            if any(row[name] for name in INDICATOR_FIELDS):
                row["library"] = mark_of(row["library"])
                if not row["library"]:
                    del row["library"]  # a row not taken from the library stores no mark
                rows.append(row)
        unit = value("funding-unit").strip()
        return {
            "year": year,
            **{name: value(name).strip() for name in HEADER_FIELDS},
            "funding": {
                **{part: value(f"funding-{part}").strip() for part in FUNDING_FIELDS},
                "unit": unit if unit in FUNDING_UNITS else FUNDING_UNITS[0],
            },
            "indicators": rows,
        }


class UploadForm(Form):
    unit = number("预算单位")
    file = forms.FileField(
        label="文件",
        required=True,
        error_messages={"required": "请选择要导入的文件", "empty": "文件是空的", "invalid": "没有收到文件"},
    )


class ImportChoice(Form):
    table = number("目标表", required=True, min_value=0)
    year = year()
    as_own = forms.BooleanField(label="作为本单位的目标表导入", required=False)


def seen_version() -> forms.IntegerField:
    """The version the person had on screen when acting: a decision about another version is refused."""
    return number("版本", required=True, min_value=1)


class SubmitForm(Form):
    comment = text("提交说明")
    version = seen_version()
    revision = number("修订号", required=True, min_value=0)


class DecisionForm(Form):
    decision = choice("审核结论", Decision.Outcome.choices, required=True)
    comment = text("总体审核意见")
    version = seen_version()


class CommentForm(Form):
    comment = text("说明")


class PublishForm(Form):
    comment = text("说明")
    version = seen_version()
    confirm = forms.BooleanField(
        label="确认公开", required=True, error_messages={"required": "请勾选“确认公开”：公开后任何人都能看到这一版"}
    )


class AdjustForm(Form):
    comment = text("调整原因", required=True)


class RoundForm(Form):
    kind = choice("任务类型", RoundKind.choices, required=True)
    year = number("年度", required=True, min_value=YEARS[0], max_value=YEARS[1])
    period = text("监控期间", max_length=40)
    deadline = forms.DateField(
        label="截止日期", required=True, error_messages={"required": "请填写", "invalid": "须是日期，如 2024-03-31"}
    )
    units = forms.ModelMultipleChoiceField(
        label="填报单位",
        queryset=Unit.objects.order_by("department__name", "name"),
        required=True,
        error_messages={
            "required": "请至少选择一个填报单位",
            "invalid_choice": "没有这个单位",
            "invalid_pk_value": "没有这个单位",
        },
    )
    note = text("说明")


class DashboardFilter(Form):
    year = year()
    department = number("主管部门", min_value=1)
    round = number("填报任务", min_value=1)


class ExportKind(Form):
    format = choice("格式", [("xlsx", "xlsx"), ("csv", "csv")])


class TokenForm(Form):
    name = text("令牌名称", required=True, max_length=100)


class AttachmentForm(Form):
    file = forms.FileField(
        label="文件",
        required=True,
        error_messages={"required": "请选择要上传的文件", "empty": "文件是空的", "invalid": "没有收到文件"},
    )
    indicator = number("指标", min_value=0)
    public = forms.BooleanField(label="随目标表公开", required=False)


def _organisation(label: str, queryset: Any) -> forms.ModelChoiceField[Any]:
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        error_messages={"invalid_choice": "没有这个选项", "invalid_pk_value": "没有这个选项"},
    )


class AccountForm(Form):
    """A user's name, e-mail, role and where it applies (the administrator's user page)."""

    name = text("姓名", max_length=150)
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "不是有效的电子邮箱地址",
            "null_characters_not_allowed": NUL,
            "max_length": "不能超过 %(limit_value)d 个字符",
        },
    )
    role = choice("角色", Role.choices, required=True)
    unit = _organisation("预算单位", Unit.objects.all())
    department = _organisation("主管部门", Department.objects.all())


class NewAccountForm(AccountForm):
    username = forms.RegexField(
        label="用户名",
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        required=True,
        error_messages={
            "required": "请填写",
            "invalid": "只能含字母、数字和 @ . + - _",
            "null_characters_not_allowed": NUL,
            "max_length": "不能超过 %(limit_value)d 个字符",
        },
    )


class ActiveForm(Form):
    active = forms.BooleanField(label="启用", required=False)
    comment = text("原因", max_length=500)


class CurationForm(Form):
    """One 指标库整理 step: an entry marked recommended, retired (or either taken back), or merged into another."""

    action = choice("操作", [("recommend", "推荐"), ("retire", "停用"), ("merge", "合并")], required=True)
    entry = text("条目", required=True, max_length=300)
    into = text("并入条目", max_length=300)
    undo = forms.BooleanField(label="撤销", required=False)


class LinkForm(Form):
    """A reviewer's decision on a link between last year's and this year's indicator."""

    earlier = text("上年指标", required=True, max_length=500)
    later = text("本年指标", required=True, max_length=500)
    decision = choice("决定", [("accept", "确认关联"), ("break", "断开关联")], required=True)

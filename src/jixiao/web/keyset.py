"""Keyset pagination: a page is the rows after (or before) the last row seen, in a fixed order ending with ``id``.

No OFFSET: the database reads the ordering's index from the cursor on and stops after one page, whatever the
page's depth, and a row added meanwhile never shifts a page by one (no row is shown twice or skipped). A cursor is
the ordering columns' values of a row, as URL-safe base64 of JSON; a cursor that does not decode is
:class:`BadCursor` (the views answer 400).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Field, Model, Q, QuerySet
from django.db.models.expressions import OrderBy

T = TypeVar("T", bound=Model)


class BadCursor(ValueError):
    """A page link (``after``/``before``) that was not written by :func:`paginate`."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None  # rows after the last shown: the 下一页 link's ``after``
    previous_cursor: str | None  # rows before the first shown: the 上一页 link's ``before``

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def has_other_pages(self) -> bool:
        return self.next_cursor is not None or self.previous_cursor is not None


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def encode(values: Sequence[Any]) -> str:
    text = json.dumps([_value(v) for v in values], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(model: type[Model], order: Sequence[str], cursor: str) -> list[Any]:
    """The values a cursor holds, each as its field's Python value; :class:`BadCursor` if it is not one of ours."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadCursor(cursor) from error
    if not isinstance(raw, list) or len(raw) != len(order):
        raise BadCursor(cursor)
    values = []
    for name, value in zip(order, raw, strict=True):
        try:
            field = _field(model, name.lstrip("-"))
            if value is None or isinstance(value, list | dict):
                raise BadCursor(cursor)
            values.append(field.to_python(value))
        except (FieldDoesNotExist, ValidationError, TypeError) as error:
            raise BadCursor(cursor) from error
    return values


def _field(model: type[Model], path: str) -> Field[Any, Any]:
    """The field ``path`` names, across relations (``department__name``)."""
    *relations, last = path.split("__")
    for relation in relations:
        related = model._meta.get_field(relation).related_model
        if not isinstance(related, type):
            raise FieldDoesNotExist(path)
        model = related
    field = model._meta.get_field(last)
    if not isinstance(field, Field):
        raise FieldDoesNotExist(path)
    return field


def _beyond(order: Sequence[str], values: Sequence[Any], *, backwards: bool) -> Q:
    """Rows strictly after ``values`` in ``order`` (before them when ``backwards``).

    (a, b, id) > (x, y, z) as a ≥ x AND (a > x OR a = x AND b > y OR …): the leading bound lets the database
    start its index scan at the cursor rather than filter from the first row.
    """
    alternatives = Q()
    for position, name in enumerate(order):
        column = name.lstrip("-")
        descending = name.startswith("-") != backwards
        tied = {other.lstrip("-"): values[i] for i, other in enumerate(order[:position])}
        alternatives |= Q(**tied, **{f"{column}__{'lt' if descending else 'gt'}": values[position]})
    first = order[0]
    lead = "lte" if first.startswith("-") != backwards else "gte"
    return Q(**{f"{first.lstrip('-')}__{lead}": values[0]}) & alternatives


def _ordering(order: Sequence[str], *, backwards: bool) -> list[OrderBy]:
    return [
        F(name.lstrip("-")).desc() if name.startswith("-") != backwards else F(name.lstrip("-")).asc() for name in order
    ]


def _key(item: Model, order: Sequence[str]) -> str:
    return encode([functools.reduce(getattr, name.lstrip("-").split("__"), item) for name in order])


def paginate(records: QuerySet[T], order: Sequence[str], *, size: int, after: str = "", before: str = "") -> Page[T]:
    """One page of ``records`` in ``order`` (field names, ``-`` for descending, the last one unique, e.g. ``id``):
    the first page, the one after the cursor ``after``, or the one before the cursor ``before``."""
    if before:
        values = decode(records.model, order, before)
        found = list(
            records.filter(_beyond(order, values, backwards=True)).order_by(*_ordering(order, backwards=True))[
                : size + 1
            ]
        )
        if len(found) <= size:  # back at the start: the first page, full
            return paginate(records, order, size=size)
        items = found[:size][::-1]
        return Page(items, _key(items[-1], order), _key(items[0], order))
    if after:
        values = decode(records.model, order, after)
        records = records.filter(_beyond(order, values, backwards=False))
    found = list(records.order_by(*_ordering(order, backwards=False))[: size + 1])
    items = found[:size]
    next_cursor = _key(items[-1], order) if len(found) > size else None
    previous_cursor = _key(items[0], order) if after and items else None
    return Page(items, next_cursor, previous_cursor)

"""Profiles: what differs between jurisdictions and years, as data files validated on load.

A profile is one YAML file with a ``name``, an optional ``extends`` (another profile whose values it overrides,
section by section and key by key) and sections: ``weights`` (the split of the 100 points between 预算执行 and
the indicators, read by review and scoring alike), ``review`` (绩效目标审核), ``scoring`` (绩效自评) and
``monitoring`` (绩效运行监控). Every profile extends ``national`` in the end (a file without ``extends`` extends
it), and ``national.yaml`` alone holds the defaults: code never supplies a value a profile left out. Each merged
section is checked against ``schemas/profile.<section>.schema.json``. Built-in profiles live in
``jixiao/profiles/``.

:func:`load_profile` takes a loaded profile, a built-in name or a path and resolves it once per file content: a
profile named on every call costs a dictionary lookup and a read of its files after the first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import ProfileError

DEFAULT_PROFILE = "national"
SECTIONS = ("weights", "review", "scoring", "monitoring", "department")


@dataclass(frozen=True)
class Profile:
    name: str
    title: str = ""
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = ""
    #: What is built from the profile once (typed settings, bound rules), kept with it.
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})


#: What the functions that take a profile accept: a loaded one, a built-in name or a YAML path (None: national).
ProfileLike = Profile | str | Path | None


def builtin_names() -> list[str]:
    folder = resources.files("jixiao") / "profiles"
    return sorted(entry.name.removesuffix(".yaml") for entry in folder.iterdir() if entry.name.endswith(".yaml"))


_TEXTS: dict[tuple[str, int, int], str] = {}


def _text(name_or_path: str | Path) -> tuple[str, str]:
    """The profile file's text and a name for it in messages; read again only when the file has changed."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise ProfileError("配置文件不存在", file=path)
        return _read(path), str(path)
    resource = _builtin(str(name_or_path))
    source = f"profiles/{name_or_path}.yaml"
    if isinstance(resource, Path):
        return _read(resource), source
    return resource.read_text(encoding="utf-8"), source  # inside a zip: no modification time to go by


@lru_cache(maxsize=64)
def _builtin(name: str) -> Traversable:
    resource = resources.files("jixiao") / "profiles" / f"{name}.yaml"
    if not resource.is_file():
        raise ProfileError(f"没有名为“{name}”的配置；可用：{', '.join(builtin_names())}")
    return resource


def _read(path: Path) -> str:
    status = path.stat()
    key = (str(path), status.st_mtime_ns, status.st_size)
    text = _TEXTS.get(key)
    if text is None:
        text = path.read_text(encoding="utf-8")
        if len(_TEXTS) >= _MAX_RESOLVED:
            _TEXTS.pop(next(iter(_TEXTS)))
        _TEXTS[key] = text
    return text


@lru_cache(maxsize=128)
def _parsed(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ProfileError(
            f"YAML 格式错误：{getattr(error, 'problem', error)}",
            file=source,
            row=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise ProfileError("配置文件应为键值映射（YAML mapping）", file=source)
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=8)
def _schema(section: str) -> dict[str, Any] | None:
    resource = resources.files("jixiao") / "schemas" / f"profile.{section}.schema.json"
    if not resource.is_file():
        return None
    loaded: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=8)
def _validator(section: str) -> Any:
    """The validator of a section's schema, built once per process. The schemas ship with the package and are
    checked against their meta-schema by the tests, not on every start (``jsonschema.validate`` checks the schema
    on each call, which cost more than validating a profile)."""
    schema = _schema(section)
    if schema is None:
        return None
    return jsonschema.validators.validator_for(schema)(schema)


_TYPE_NAMES = {
    "integer": "整数",
    "number": "数字",
    "string": "文字",
    "boolean": "true 或 false",
    "array": "列表",
    "object": "键值映射",
    "null": "空值",
}


def _type_names(expected: object) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return "或".join(_TYPE_NAMES.get(str(name), str(name)) for name in names)


def schema_message(section: str, error: jsonschema.ValidationError) -> str:
    """A schema violation in plain Chinese: the key's path, what is wrong and what the file says."""
    where = "/".join([section, *(str(part) for part in error.absolute_path)])
    found = json.dumps(error.instance, ensure_ascii=False)
    expected = error.validator_value
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        unknown = sorted(str(key) for key in error.instance if key not in known)
        paths = "、".join(f"{where}/{key}" for key in unknown)
        allowed = f"；可用：{', '.join(known)}" if known else ""
        return f"未知的配置项：{paths}{allowed}"
    if error.validator == "type":
        return f"{where} 应为{_type_names(expected)}，现为 {found}"
    if error.validator in ("enum", "const"):
        choices = expected if isinstance(expected, list) else [expected]
        listed = "、".join(json.dumps(choice, ensure_ascii=False) for choice in choices)
        return f"{where} 只能是 {listed}，现为 {found}"
    if error.validator == "required":
        missing = [key for key in expected if isinstance(error.instance, dict) and key not in error.instance]
        return f"{where} 缺少必填项：{'、'.join(missing)}"
    bounds = {
        "minimum": "不能小于",
        "maximum": "不能大于",
        "exclusiveMinimum": "应大于",
        "exclusiveMaximum": "应小于",
        "minItems": "至少要有几项：",
        "minLength": "至少要有几个字：",
    }
    if error.validator in bounds:
        return f"{where} {bounds[str(error.validator)]}{expected}，现为 {found}"
    if error.validator == "uniqueItems":
        return f"{where} 中有重复的项：{found}"
    return f"{where} 不符合要求（{error.message}），现为 {found}"


_RESOLVED: dict[tuple[tuple[str, str], ...], Profile] = {}
_MAX_RESOLVED = 64


def load_profile(profile: ProfileLike = DEFAULT_PROFILE) -> Profile:
    """A loaded and validated profile from a profile, a built-in name or a file path (national when None).

    :class:`ProfileError` when a file is missing or malformed.
    """
    if isinstance(profile, Profile):
        return profile
    chain = _chain(DEFAULT_PROFILE if profile is None else profile, ())
    key = tuple((source, text) for source, text, _data in chain)
    found = _RESOLVED.get(key)
    if found is None:
        found = _merged(chain)
        if len(_RESOLVED) >= _MAX_RESOLVED:
            _RESOLVED.pop(next(iter(_RESOLVED)))
        _RESOLVED[key] = found
    return found


def _chain(name_or_path: str | Path, seen: tuple[str, ...]) -> list[tuple[str, str, dict[str, Any]]]:
    """The profile and the ones it extends, root (national) first: (source, text, parsed data) each."""
    text, source = _text(name_or_path)
    data = _parsed(text, source)
    unknown = set(data) - {"name", "title", "extends", *SECTIONS}
    if unknown:
        raise ProfileError(f"未知的配置项：{', '.join(sorted(unknown))}", file=source)
    parent = data.get("extends")
    if parent is None and source != f"profiles/{DEFAULT_PROFILE}.yaml":
        parent = DEFAULT_PROFILE  # every profile stands on the national defaults
    if not parent:
        return [(source, text, data)]
    if str(parent) in seen:
        raise ProfileError(f"配置循环继承：{' → '.join((*seen, str(parent)))}", file=source)
    try:
        return [*_chain(str(parent), (*seen, str(parent))), (source, text, data)]
    except ProfileError as error:
        raise (error if error.file else ProfileError(f"extends：{error.message}", file=source)) from None


def _merged(chain: list[tuple[str, str, dict[str, Any]]]) -> Profile:
    sections: dict[str, dict[str, Any]] = {}
    for source, _written, data in chain:
        for section in SECTIONS:
            value = data.get(section) or {}
            if not isinstance(value, dict):
                raise ProfileError(f"“{section}”应为键值映射", file=source)
            sections[section] = _merge(sections.get(section, {}), value)
            validator = _validator(section)
            if validator is not None:  # the error jsonschema.validate would raise: the best match of all
                error = jsonschema.exceptions.best_match(validator.iter_errors(sections[section]))
                if error is not None:
                    raise ProfileError(schema_message(section, error), file=source)
    source, _written, data = chain[-1]
    return Profile(str(data.get("name") or Path(source).stem), str(data.get("title") or ""), sections, source)

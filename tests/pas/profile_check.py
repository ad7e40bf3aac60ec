"""Check a JSON resource against a profile's snapshot, read from the IG package's StructureDefinitions
(copied into tests/pas/data/ig/): cardinality (min/max), fixed and pattern values, required bindings
whose value set is enumerable (from the package; a few FHIR R4 core value sets listed below), and
the required sub-extensions of the PAS extensions used. Not a full FHIR validator: slices other than
extensions-by-url and invariants (FHIRPath constraints) are not evaluated."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

IG = Path(__file__).resolve().parent / "data" / "ig"
CANON = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"

# FHIR R4 core value sets (not in the PAS package) that required bindings of these profiles use.
CORE_VALUE_SETS = {
    "http://hl7.org/fhir/ValueSet/fm-status": {"active", "cancelled", "draft", "entered-in-error"},
    "http://hl7.org/fhir/ValueSet/claim-use": {"claim", "preauthorization", "predetermination"},
    "http://hl7.org/fhir/ValueSet/note-type": {"display", "print", "printoper"},
    "http://hl7.org/fhir/ValueSet/bundle-type": {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    },
    "http://hl7.org/fhir/ValueSet/identifier-use": {"usual", "official", "temp", "secondary", "old"},
}
# X12 306 (review action) is a copyrighted external code system: the codes the IG's own text and
# examples use (A1 certified in total, A2 partial, A3 not certified, A4 pended, A6 modified).
X12_306_VALUE_SET = "https://valueset.x12.org/x217/005010/response/2000F/HCR/1/01/00/306"
# "C" (cancelled) is what UR Desk answers a cancel with; its meaning is from X12 usage, not verified here.
X12_306_CODES = {"A1", "A2", "A3", "A4", "A6", "C"}


@cache
def structure_definition(name: str) -> dict[str, Any]:
    return json.loads((IG / f"StructureDefinition-{name}.json").read_text())


@cache
def value_set(url: str) -> tuple[set[str], set[str]] | None:
    """(enumerated codes, systems included whole) of a package value set, or None if not in the package."""
    bare = url.split("|")[0]
    if bare in CORE_VALUE_SETS:
        return CORE_VALUE_SETS[bare], set()
    if bare == X12_306_VALUE_SET:
        return X12_306_CODES, set()
    for path in IG.glob("ValueSet-*.json"):
        vs = json.loads(path.read_text())
        if vs.get("url") == bare:
            codes: set[str] = set()
            systems: set[str] = set()
            for inc in vs.get("compose", {}).get("include", []):
                if inc.get("concept"):
                    codes.update(c["code"] for c in inc["concept"])
                elif inc.get("system"):
                    systems.add(inc["system"])
            return codes, systems
    return None


def _children(nodes: list[Any], name: str) -> list[Any]:
    out: list[Any] = []
    for node in nodes:
        if not isinstance(node, dict):
            continue
        if name.endswith("[x]"):
            stem = name[:-3]
            values = [v for k, v in node.items() if k.startswith(stem) and k[len(stem) : len(stem) + 1].isupper()]
        else:
            values = [node[name]] if name in node else []
        for value in values:
            out.extend(value if isinstance(value, list) else [value])
    return out


def _count(node: Any, name: str) -> int:
    return len(_children([node], name))


def _codings(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, dict) and "coding" in value:
        return [(c.get("system", ""), c.get("code", "")) for c in value["coding"]]
    if isinstance(value, dict) and "code" in value:
        return [(value.get("system", ""), value["code"])]
    return []


def check(resource: dict[str, Any], profile: str, where: str = "") -> list[str]:
    """Every violation of `profile` (a StructureDefinition name, e.g. 'profile-claimresponse') in `resource`."""
    sd = structure_definition(profile)
    root = sd["type"]
    problems: list[str] = []
    for el in sd["snapshot"]["element"]:
        eid: str = el["id"]
        if ":" in eid or eid == root:
            continue  # slices are checked through the extension definitions below
        parts = eid.split(".")[1:]
        parents = [resource]
        for part in parts[:-1]:
            parents = _children(parents, part)
        name = parts[-1]
        for parent in parents:
            n = _count(parent, name)
            if n < int(el.get("min", 0)):
                problems.append(f"{where}{eid}: required (min {el['min']}), missing")
            mx = el.get("max", "*")
            if mx != "*" and n > int(mx):
                problems.append(f"{where}{eid}: at most {mx}, found {n}")
        values = _children(parents, name)
        for key in [k for k in el if k.startswith(("fixed", "pattern"))]:
            want = el[key]
            for value in values:
                if isinstance(want, dict) and "coding" in want:
                    need = {(c.get("system", ""), c["code"]) for c in want["coding"]}
                    if not need <= set(_codings(value)):
                        problems.append(f"{where}{eid}: must carry {sorted(need)}")
                elif not isinstance(want, dict) and value != want:
                    problems.append(f"{where}{eid}: must be {want!r}, got {value!r}")
        binding = el.get("binding") or {}
        if binding.get("strength") == "required" and binding.get("valueSet") and values:
            allowed = value_set(binding["valueSet"])
            if allowed is not None:
                codes, systems = allowed
                for value in values:
                    for system, code in _codings(value):
                        if code not in codes and system not in systems:
                            problems.append(f"{where}{eid}: {code!r} ({system}) not in {binding['valueSet']}")
    problems.extend(_check_extensions(resource, where))
    return problems


def _check_extensions(node: Any, where: str) -> list[str]:
    """Each PAS extension instance against its own definition: required sub-extensions, value[x], bindings."""
    problems: list[str] = []
    if isinstance(node, list):
        for item in node:
            problems.extend(_check_extensions(item, where))
        return problems
    if not isinstance(node, dict):
        return problems
    url = node.get("url")
    if isinstance(url, str) and url.startswith(CANON + "extension-"):
        name = url.removeprefix(CANON)
        path = IG / f"StructureDefinition-{name}.json"
        if path.exists():
            sd = structure_definition(name)
            subs = node.get("extension") or []
            for el in sd["snapshot"]["element"]:
                eid = el["id"]
                if eid.startswith("Extension.extension:") and eid.count(".") == 1:
                    slice_url = _slice_url(sd, eid)
                    n = sum(1 for s in subs if s.get("url") == slice_url)
                    if n < int(el.get("min", 0)):
                        problems.append(f"{where}{url}: sub-extension {slice_url} required")
                    if el.get("max", "*") != "*" and n > int(el["max"]):
                        problems.append(f"{where}{url}: sub-extension {slice_url} at most {el['max']}")
                    binding = _slice_binding(sd, eid)
                    if binding:
                        allowed = value_set(binding)
                        for s in subs:
                            if s.get("url") == slice_url and allowed is not None:
                                for system, code in _codings(s.get("valueCodeableConcept")):
                                    if code not in allowed[0] and system not in allowed[1]:
                                        problems.append(f"{where}{slice_url}: {code!r} ({system}) not in {binding}")
                if eid == "Extension.value[x]":
                    has_value = any(k.startswith("value") for k in node)
                    if el.get("max") == "0" and has_value:
                        problems.append(f"{where}{url}: must not have a value[x]")
                    if el.get("min", 0) >= 1 and not has_value:
                        problems.append(f"{where}{url}: value[x] required")
                    binding = (el.get("binding") or {}).get("valueSet")  # type: ignore[assignment]
                    if binding and (el.get("binding") or {}).get("strength") == "required" and has_value:
                        allowed = value_set(binding)
                        if allowed is not None:
                            for system, code in _codings(node.get("valueCodeableConcept")):
                                if code not in allowed[0] and system not in allowed[1]:
                                    problems.append(f"{where}{url}: {code!r} ({system}) not in {binding}")
    for value in node.values():
        if isinstance(value, (dict, list)):
            problems.extend(_check_extensions(value, where))
    return problems


def _slice_url(sd: dict[str, Any], slice_id: str) -> str:
    for el in sd["snapshot"]["element"]:
        if el["id"] == f"{slice_id}.url":
            return el.get("fixedUri", "")
    for el in sd["snapshot"]["element"]:  # a slice typed by a profile: the profile's canonical is the url
        if el["id"] == slice_id:
            for t in el.get("type", []):
                for p in t.get("profile", []):
                    return p.split("|")[0]
    return ""


def _slice_binding(sd: dict[str, Any], slice_id: str) -> str:
    for el in sd["snapshot"]["element"]:
        if el["id"] == f"{slice_id}.value[x]" and (el.get("binding") or {}).get("strength") == "required":
            return el["binding"]["valueSet"]
    return ""


def check_response_bundle(bundle: dict[str, Any]) -> list[str]:
    """A PAS response Bundle: the bundle profile, then its first entry against the PAS ClaimResponse profile."""
    problems = check(bundle, "profile-pas-response-bundle")
    entries = bundle.get("entry") or []
    if not entries or (entries[0].get("resource") or {}).get("resourceType") != "ClaimResponse":
        problems.append("Bundle.entry:ClaimResponse: the first entry must be a ClaimResponse")
        return problems
    return problems + check(entries[0]["resource"], "profile-claimresponse", "entry[0].")

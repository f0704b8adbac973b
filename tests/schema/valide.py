#!/usr/bin/env python3
"""Validates centre files against the JSON Schema the way an editor does: the YAML read as
YAML 1.2 (ruamel.yaml: `oui` and `09:30` are text, `5000` a number), the schema applied by
a real JSON Schema validator (jsonschema, the draft the schema declares).

Usage: valide.py SCHEMA FICHIER...
Prints one line per file, in order: `FICHIER<TAB>valide`, or `FICHIER<TAB>refuse<TAB>why`.
Run by tests/schema_validateur.rs; the packages come from scripts/install-test-deps.sh.
"""

import json
import sys

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


def lecteur():
    yaml = YAML(typ="safe", pure=True)
    # ruamel.yaml still turns 2027-01-11 into a date in YAML 1.2 mode; the 1.2 core schema
    # has no date type, and editors read it as text: keep the text.
    yaml.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda _c, node: node.value
    )
    return yaml


def verdict(validator, yaml, path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return f"pas en UTF-8 ({e.reason})"
    try:
        document = yaml.load(text)
    except YAMLError as e:
        return "YAML illisible : " + " ".join(str(e).split())[:200]
    errors = sorted(
        validator.iter_errors(document), key=lambda e: list(e.absolute_path)
    )
    if not errors:
        return None
    said = []
    for e in errors[:3]:
        where = "/" + "/".join(str(p) for p in e.absolute_path)
        said.append(f"{where}: {' '.join(e.message.split())[:160]}")
    return " ; ".join(said)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: valide.py SCHEMA FICHIER...")
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    yaml = lecteur()
    for path in sys.argv[2:]:
        why = verdict(validator, yaml, path)
        if why is None:
            print(f"{path}\tvalide")
        else:
            print(f"{path}\trefuse\t{why}")


if __name__ == "__main__":
    main()

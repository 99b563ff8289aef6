#!/usr/bin/python3
# test-schema.py TRAILMAP SOURCE_ROOT
#
# data/trailmap.schema.json checked by an independent validator (Debian's
# python3-jsonschema, draft 2020-12): every template and every test map
# validates; every map the loader refuses for a structural reason (a
# missing member, a wrong type, an unknown word, a bad colour or version)
# is refused by the schema too — and still by the loader, so the list
# cannot go stale. TAP output; skipped without python3-jsonschema.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    # TAP's own skip: meson counts it as skipped, not as an error.
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(0)

trailmap, root = sys.argv[1], sys.argv[2]

# Refused by the loader for what the schema can say. The others in
# tests/model/bad are syntax (not JSON), references, limits, photo
# contents or relations between members (a score outside the scale).
STRUCTURAL = """
bad-color bad-crowd-statistic current-state-path duplicate-tag empty-id future-version huge-votes
missing-card-lane missing-point-score missing-stage-name missing-title negative-position
no-format no-version not-an-object unknown-channel unknown-lane-kind
version-text version-zero wrong-format wrong-type-card wrong-type-cards
wrong-type-hidden wrong-type-rating-score wrong-type-tags wrong-type-title
wrong-type-votes
""".split()

n = 0
failed = 0


def result(ok, what):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, what))


with open(os.path.join(root, "data", "trailmap.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
try:
    jsonschema.Draft202012Validator.check_schema(schema)
    result(True, "the schema is a valid draft 2020-12 schema")
except jsonschema.SchemaError as e:
    result(False, "the schema is a valid draft 2020-12 schema: %s" % e.message)
validator = jsonschema.Draft202012Validator(schema)

good = sorted(glob.glob(os.path.join(root, "data", "templates", "*.trailmap")) +
              glob.glob(os.path.join(root, "tests", "model", "good", "*.trailmap")) +
              glob.glob(os.path.join(root, "tests", "ui", "data", "*.trailmap")) +
              glob.glob(os.path.join(root, "tests", "render", "*.trailmap")))
for path in good:
    with open(path, encoding="utf-8") as f:
        errors = list(validator.iter_errors(json.load(f)))
    result(not errors, "valid: %s%s" % (os.path.relpath(path, root),
                                        ": " + errors[0].message if errors else ""))

for name in STRUCTURAL:
    path = os.path.join(root, "tests", "model", "bad", name + ".trailmap")
    with open(path, encoding="utf-8") as f:
        errors = list(validator.iter_errors(json.load(f)))
    loader = subprocess.run([trailmap, "--validate", path], capture_output=True)
    result(bool(errors) and loader.returncode == 1,
           "refused by the schema and the loader: %s (schema: %s)" %
           (name, errors[0].message[:80] if errors else "accepted"))

# A map converted from Mermaid and from CSV validates too.
for source in sorted(glob.glob(os.path.join(root, "tests", "model", "mermaid", "*.mmd"))):
    out = subprocess.run([trailmap, "--export=-", "--export-type=trailmap", source], capture_output=True)
    errors = list(validator.iter_errors(json.loads(out.stdout))) if out.returncode == 0 else ["did not convert"]
    result(not errors, "valid after conversion: %s" % os.path.relpath(source, root))

print("1..%d" % n)
sys.exit(1 if failed else 0)

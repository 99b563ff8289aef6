#!/usr/bin/python3
# Prints the one line CI reads, "tests: N passed, N failed, N skipped", from
# meson's JSON test log (one JSON object per line).
import json
import sys

passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding='utf-8') as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
except OSError as error:
    print(f'test-summary: cannot read the test log: {error}', file=sys.stderr)
    failed += 1

print(f'tests: {passed} passed, {failed} failed, {skipped} skipped')

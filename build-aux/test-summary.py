#!/usr/bin/python3
# Prints the one line CI reads, "tests: N passed, N failed, N skipped",
# counting every test stack, from meson's JSON test logs (one JSON object per
# line), and before it the stack and name of each failure.
#
#   test-summary.py STACK=LOG…             a stack whose tests ran
#   test-summary.py STACK='!WHY'…          a stack that could not run: one failure
#
# A bare LOG counts as the stack "debian12".
import json
import sys

passed = failed = skipped = 0
lines = []

for arg in sys.argv[1:]:
    stack, sep, what = arg.partition('=')
    if not sep:
        stack, what = 'debian12', arg
    if what.startswith('!'):
        failed += 1
        lines.append(f'FAIL [{stack}] {what[1:]}')
        continue
    counts = [0, 0, 0]
    try:
        with open(what, encoding='utf-8') as log:
            for line in log:
                line = line.strip()
                if not line:
                    continue
                test = json.loads(line)
                result = test.get('result')
                if result in ('OK', 'EXPECTEDFAIL'):
                    counts[0] += 1
                elif result == 'SKIP':
                    counts[2] += 1
                else:
                    counts[1] += 1
                    lines.append(f'FAIL [{stack}] {test.get("name")} ({result})')
    except (OSError, ValueError) as error:
        counts[1] += 1
        lines.append(f'FAIL [{stack}] cannot read the test log: {error}')
    lines.append(f'stack {stack}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped')
    passed += counts[0]
    failed += counts[1]
    skipped += counts[2]

for line in lines:
    print(line)
print(f'tests: {passed} passed, {failed} failed, {skipped} skipped')

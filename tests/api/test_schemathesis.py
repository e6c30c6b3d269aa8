"""Schemathesis against the running API: every operation of its OpenAPI document, property
based (values that fit the document, and values that break it), with an editor's write token
on the demo; no server error, and every answer as the document describes it."""

import pytest
import schemathesis
from helpers import bearer, make_token
from hypothesis import HealthCheck, Phase, assume, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.own_database  # the server's threads commit what the test reads

# Examples per operation and mode: the run of 30-odd operations stays under a minute.
EXAMPLES = 3


def test_every_operation_answers_as_described(app, demo, live_server):
    headers = bearer(make_token(app))
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in GenerationMode:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                # The same examples on every run: CI fails only when the product changed.
                derandomize=True,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                # A parameter without a value is left out of the address: such a "wrong"
                # request reaches the API as a right one.
                assume(all(value not in (None, []) for value in (case.query or {}).values()))
                # Values that fit the document may still be refused (a date that is no date,
                # an id of no record): the forms check more than a JSON schema can say.
                case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

            try:
                check()
            except Exception as failure:  # every operation runs; all failures are reported
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert operations > 60
    assert not failures, "\n\n".join(failures)

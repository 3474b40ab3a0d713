"""The catalog exported as OpenAPI 3.1: every document valid (openapi-spec-validator), the
export reproducible, and Schemathesis over a sample of services against one `tcgen mock`.

`TCGEN_FUZZ_SERVICES` names the fuzzed sample (default below: services of different shapes,
those where Schemathesis found the emulator's faults among them); `TCGEN_FUZZ_EXAMPLES` the
cases per operation.
"""

from __future__ import annotations

import json
import os

import pytest
from openapi_spec_validator import validate
from tcgen.emulator.endpoint import load
from tcgen.output import openapi
from tcgen.pipeline import load_services
from tcgen.runtime.mock.serve import ServerThread

from tests.mock.helpers import SECRET_ID, SECRET_KEY
from tests.openapi.fuzzing import fuzz
from tests.tccli_tree import tcgen

from .conftest import Catalog

pytestmark = pytest.mark.slow

SAMPLE = "cvm,vpc,cbs,cdb,clb,tag,cam,scf,sts,ssl,tke,teo,postgres,trtc,cwp"
EXAMPLES = int(os.environ.get("TCGEN_FUZZ_EXAMPLES", "3"))


def test_every_document_of_the_catalog_is_valid_openapi(catalog: Catalog) -> None:
    out = catalog.spec.parent / "openapi"
    tcgen("export", "openapi", "--spec-dir", catalog.spec, "--out", out)
    documents = sorted(out.iterdir())
    services = sorted(p for p in catalog.spec.glob("*/*/service.json"))
    assert len(documents) == len(services) > 0
    for path in documents:
        validate(json.loads(path.read_text(encoding="utf-8")))
    tcgen("export", "openapi", "--spec-dir", catalog.spec, "--out", out, "--check")


def test_schemathesis_finds_nothing_in_a_sample_of_the_catalog(catalog: Catalog) -> None:
    wanted = os.environ.get("TCGEN_FUZZ_SERVICES", SAMPLE).split(",")
    present = {p.parent.parent.name for p in catalog.spec.glob("*/*/service.json")}
    services = load_services(catalog.spec, sorted(present & set(wanted)))
    assert services
    edge = load(catalog.out, keys={SECRET_ID: SECRET_KEY}, rate_limit=False)
    failures, calls = [], 0
    with ServerThread(edge) as server:
        for service in services:
            run = fuzz(
                openapi.document(service), server.endpoint, (SECRET_ID, SECRET_KEY), EXAMPLES
            )
            failures += run.failures
            calls += run.calls
            assert run.codes.get("OK", 0) > 0, (service.name, run.samples)
    assert failures == [], "\n\n".join(failures[:10])
    assert calls > 0

"""A sample of the real-page corpus against Tencent's machine model, in the default run.

A handful of `../shared/pages/real/` pages chosen to cover both languages, the documentation
eras (numbered level-3 headings, `API domain name:` and no domain line at all, old and new
rate-limit wordings, GET and POST examples, misnamed common rows, swapped and missing cells)
and several services. Each must be captured, with no disagreement that is capture's fault
(`tcgen.sources.corpus`); the whole corpus is `test_corpus_slow.py`. The model release is
fetched from PyPI on first use and cached in `.tcgen-cache/oracle/`.
"""

from __future__ import annotations

from tcgen.sources.corpus import corpus, oracle, report

SAMPLE = (
    "en/cvm/AllocateHosts.md",  # no domain line; GET example; zero-width space in a cell
    "en/cdn/DisableCaches.md",  # `the name of this API:` rows
    "en/cdn/DisableCaches-2.md",  # the 2019 CDN documentation set
    "en/vod/ProcessMedia.md",  # `### 2. Input Parameters`
    "en/redis/RestoreInstance.md",  # Type and Required cells swapped on a row
    "en/cbs/DeleteAutoSnapshotPolicies.md",  # a row without its Required cell
    "en/gme/ModifyAppStatus.md",  # the Action row is named Version
    "en/scf/DeleteFunction.md",  # `frequency limit: 20 times/second` inside the description
    "en/mongodb/CreateDBInstance.md",  # an API version the model no longer has
    "en/cdb/CreateBackup.md",  # `A maximum of 1 request can be initiated per second`
    "zh/cdn/DisableCaches.md",  # Chinese, 接口请求域名, 本接口取值
    "zh/cvm/DescribeHosts.md",  # Chinese, Filters
    "zh/emr/ScaleOutInstance.md",  # Chinese, structures by link
    "zh/iai/CreatePerson.md",  # Chinese, 示例N headings
)


def test_sample_pages_are_captured_with_no_capture_fault() -> None:
    pages = corpus.select(corpus.load_index(corpus.default_root()), files=list(SAMPLE))
    assert sorted(page.file for page in pages) == sorted(SAMPLE)
    run = oracle.run(pages)
    clean = run.captured == len(SAMPLE) and not any(result.faults() for result in run.pages)
    assert clean, report.faults_text(run)

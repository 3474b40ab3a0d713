"""The capture oracle: every page of the real-page corpus against Tencent's machine model.

`../shared/pages/real/` holds 812 API pages exactly as Tencent publishes them, and
`../shared/pages/real-history/` the oldest revision of each (2018-2019). For each page the
oracle captures the page in memory (`tcgen.sources.capture.tree.plan`, into a throw-away
directory, the way `tcgen capture` would), converts the same action from the tccli-intl-en
release nearest the corpus date (`release.py`, fetched once with pip into
`.tcgen-cache/oracle/`) with the importer's own converter, and compares the two field by field
(`compare.py`). Every disagreement is then put in a class and on a side by reading the raw page
text independently of capture (`rawpage.py`): the page's own (the page really says something
other than the model) or capture's fault (the page says what the model says, or capture lost the
page).

One place for the test (`tests/capture/test_corpus*.py`), `nox -s capture_corpus`
(`docs/capture-corpus.md`), `nox -s bench -- capture` and the command line
(`python -m tcgen.sources.corpus --help`).
"""

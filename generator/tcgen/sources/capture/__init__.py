"""Capture Tencent Cloud API pages (browser text, Markdown or HTML) into the spec tree.

Each layout parser (`text_layout`, `markdown_layout`, `html_layout`, chosen by `detect`) turns
a page into the neutral `document` model; `interpret` alone gives it meaning (an action, or the
structures of a Data Types page); `tree` merges with what the tree holds by `spec_merge` (the
rule `tcgen import-tccli` uses too), validates everything and writes it through
`spec_tree.write_spec_file`.
"""

from tcgen.sources.capture.tree import capture

__all__ = ["capture"]

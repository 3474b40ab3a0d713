"""Service-independent runtime of a generated package: signing, transport, wire format, errors.

The source lives in tcgen (`tcgen.runtime`, linted, type-checked and unit-tested there) and
`tcgen generate` copies it verbatim into every package's `_runtime/`, so a vendored package
stands alone with `requests` as its only dependency. Imports inside it are relative only.
"""

"""The command line of a generated package, service-independent.

`app` runs one invocation; the other modules each do one job for it (`argv` grammar,
`convert` text -> typed values, `calling` sign/send, `output` result formatting, `helptext`).
Only what the invoked path needs is imported, so help and usage errors stay fast.
"""

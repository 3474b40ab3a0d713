"""One module per `tcgen` subcommand, each with `configure(parser)` and `run(args) -> int`."""

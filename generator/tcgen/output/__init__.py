"""The output side of the pipeline: a package's release (`release`), its files rendered
(`render`) in black's style (`pystyle`) or formatted (`formatting`), written atomically with a
manifest (`writer`); jobs (`jobs`) run in a process pool (`pool`) and unchanged packages read
back from disk (`reuse`)."""

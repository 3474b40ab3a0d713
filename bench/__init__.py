"""`python -m bench` (or `nox -s bench`): tcgen's benchmarks, side by side with the official tools.

One module per measurement; `__main__` runs them and writes `bench/results/` (Markdown + JSON).
"""

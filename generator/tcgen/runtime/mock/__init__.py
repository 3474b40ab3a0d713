"""The mock engine of a generated package, service-independent.

`app` runs Tencent's request pipeline over a service's spec tables; the other modules each do
one job for it: `request` (method/size rules, TC3 vs v1, parameters) with `wireform` (flattened
forms back to typed JSON), `auth` (signatures, with `v1signing` for the legacy scheme),
`state` (seeded data, injections, rate windows, call log), `synth` (responses from examples or
types), `handlers` (the registry of a service's stateful handlers), `fault` (the error shape),
`control` (`/_mock/` over HTTP), `route` (in-process `requests` routing), `serve` (waitress).
"""

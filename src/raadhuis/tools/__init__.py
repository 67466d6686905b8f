"""Operator tooling: the demo data, the bulk generator and the server commands.

Not a domain app: it has no models. Its commands are `raadhuis serve`, `raadhuis demo`,
`raadhuis load-demo`, `raadhuis generate` and `raadhuis createorganisation`.
"""

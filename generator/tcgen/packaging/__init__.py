"""Shipping generated packages: `profiles` (which files a package profile carries),
`vendoring` (`tcgen vendor`: copied under a new name), `distribution` (`tcgen package`: a
wheel and an sdist)."""

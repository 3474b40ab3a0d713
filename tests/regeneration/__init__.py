"""End-to-end regeneration workflow: page update -> capture -> diff -> generate -> contract."""

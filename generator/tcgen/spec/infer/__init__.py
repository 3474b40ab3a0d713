"""Behaviour inferred from a spec's names and members, recorded back into it as data:
`pagination` (an action's paging block), `resources` (the emulator's resource blocks),
`idformats` (the documented shape of a resource's ids)."""

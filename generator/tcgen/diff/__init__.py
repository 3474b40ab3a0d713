"""`tcgen diff`: semantic changes between two snapshots of a service (`changes`), the policy
that accepts some of them (`policy`), the report in text, JSON, Markdown or JUnit (`report`),
and the spec tree at a git revision (`gitrev`)."""

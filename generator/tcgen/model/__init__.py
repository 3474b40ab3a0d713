"""The typed intermediate model between spec JSON and templates: `service` (Service, Action,
Field, every Python name decided, semantic problems), `naming` (Python names), `schema` (the
JSON Schema of an action's request and response, `tcgen schema`)."""

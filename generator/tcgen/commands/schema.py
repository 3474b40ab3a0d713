"""Print the JSON Schema of an action's request and response."""

from __future__ import annotations

import argparse
import json

from tcgen.commands.options import add_spec_dir
from tcgen.model.schema import action_schemas
from tcgen.pipeline import load_services
from tcgen.spec.problems import Problem, ProblemsError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("service", metavar="SERVICE", help="service or service:version")
    parser.add_argument("action", metavar="ACTION")
    add_spec_dir(parser)


def run(args: argparse.Namespace) -> int:
    services = load_services(args.spec_dir, [args.service])
    for service in services:
        for action in service.actions:
            if action.name == args.action:
                print(json.dumps(action_schemas(service, action), indent=2, ensure_ascii=False))
                return 0
    raise ProblemsError(
        [Problem(str(args.spec_dir), "", f"service {args.service} has no action {args.action}")]
    )

"""``make audit``: pip-audit over the pinned dependencies, honest about what it checked.

How it works: docs/architecture.md, section ``badgecms.dependency_audit``.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CLEAN, VULNERABLE, NOT_RUN = 0, 1, 2


def summarise(report):
    """Return ``(exit_status, message)`` for a pip-audit JSON report.

    ``report`` is the parsed ``--format json`` output: ``{"dependencies": [{"name",
    "version", "vulns": [{"id", "fix_versions", ...}]} or {"name", "skip_reason"}]}``.
    """
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    if not dependencies:
        return NOT_RUN, "The audit did NOT run: pip-audit reported no packages."
    if vulnerable:
        lines = [
            f"{d['name']} {d.get('version', '')}: "
            + ", ".join(
                f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release'])})"
                for v in d["vulns"]
            )
            for d in vulnerable
        ]
        lines.insert(0, f"Known vulnerabilities in {len(vulnerable)} package(s):")
        if skipped:
            lines.append(f"{len(skipped)} other package(s) could NOT be audited.")
        return VULNERABLE, "\n".join(lines)
    if skipped:
        example = skipped[0]["skip_reason"]
        if not audited:
            return NOT_RUN, (
                f"The audit did NOT run: pip-audit could not check any of the "
                f"{len(skipped)} packages (first reason: {example}). The advisory "
                "service is probably unreachable from this machine; run `make audit` "
                "where it can be reached."
            )
        return NOT_RUN, (
            f"The audit is INCOMPLETE: {len(skipped)} of {len(dependencies)} packages "
            f"could not be checked (first reason: {example}); {len(audited)} checked "
            "have no known vulnerability."
        )
    return CLEAN, f"No known vulnerabilities in the {len(audited)} pinned packages."


def run_pip_audit(requirements):
    """Run pip-audit on the pinned ``requirements`` file; return ``(exit_status, message)``."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        completed = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                str(requirements),
                "--no-deps",
                "--disable-pip",
                "--format",
                "json",
                "--output",
                str(output),
                "--progress-spinner",
                "off",
            ],  # fmt: skip
            capture_output=True,
            text=True,
            check=False,
        )
        if not output.exists() or not output.read_text().strip():
            error = (completed.stderr.strip().splitlines() or ["no output"])[-1]
            return NOT_RUN, f"The audit did NOT run: pip-audit failed ({error})."
        return summarise(json.loads(output.read_text()))


def main(argv=None):
    arguments = sys.argv[1:] if argv is None else argv
    requirements = arguments[0] if arguments else "constraints.txt"
    status, message = run_pip_audit(requirements)
    stream = sys.stdout if status == CLEAN else sys.stderr
    stream.write(message + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())

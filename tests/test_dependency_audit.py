"""``make audit`` never reports a clean audit it did not make (badgecms.dependency_audit)."""

from badgecms.dependency_audit import CLEAN, NOT_RUN, VULNERABLE, main, run_pip_audit, summarise

NOT_FOUND = "Dependency not found on PyPI and could not be audited: {} ({})"


def skipped(name, version):
    return {"name": name, "skip_reason": NOT_FOUND.format(name, version)}


def test_every_package_not_found_means_the_audit_did_not_run():
    """What pip-audit reports on a machine that cannot reach its advisory service."""
    report = {"dependencies": [skipped("django", "5.2.19"), skipped("wagtail", "8.0.1")]}
    status, message = summarise(report)
    assert status == NOT_RUN == 2
    assert message.startswith(
        "The audit did NOT run: pip-audit could not check any of the 2 packages (first "
        "reason: Dependency not found on PyPI and could not be audited: django (5.2.19))."
    )


def test_some_packages_not_found_is_an_incomplete_audit():
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": []},
            skipped("wagtail", "8.0.1"),
        ]
    }
    status, message = summarise(report)
    assert status == NOT_RUN
    assert message.startswith("The audit is INCOMPLETE: 1 of 2 packages could not be checked")


def test_known_vulnerabilities_are_listed_with_their_fixes():
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "wagtail", "version": "8.0.1", "vulns": []},
        ]
    }
    assert summarise(report) == (
        VULNERABLE,
        "Known vulnerabilities in 1 package(s):\ndjango 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)",
    )


def test_clean_only_when_every_package_was_checked():
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert summarise(report) == (CLEAN, "No known vulnerabilities in the 1 pinned packages.")
    assert summarise({"dependencies": []})[0] == NOT_RUN


def test_pip_audit_failing_to_run_is_reported_as_not_run(tmp_path, capsys):
    status, message = run_pip_audit(tmp_path / "missing-constraints.txt")
    assert status == NOT_RUN
    assert message.startswith("The audit did NOT run: pip-audit failed (")
    assert main([str(tmp_path / "missing-constraints.txt")]) == NOT_RUN
    assert capsys.readouterr().err.startswith("The audit did NOT run")

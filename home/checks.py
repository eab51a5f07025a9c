"""System checks of ``badgecms.home``: a database made before the apps were renamed."""

from django.core.checks import Error, Tags, register
from django.db import connections

#: A table only the pre-0.2 ``home`` app of badgecms made (label ``home``, now ``badgecms_home``).
LEGACY_TABLE = "home_badgelandingpage"


@register(Tags.database)
def check_legacy_database(app_configs=None, databases=None, **kwargs):
    """Refuse, with one sentence, a database whose landing pages were made under the old
    app labels ``home``/``faq``/``api`` (run by ``migrate``, ``check --database``).

    Returns a list of :class:`django.core.checks.Error` (``badgecms_home.E001``), empty
    when the database is fine.
    """
    errors = []
    for alias in databases or ():
        if LEGACY_TABLE in connections[alias].introspection.table_names():
            errors.append(
                Error(
                    f"Database {alias!r} was made by badgecms before its apps were renamed "
                    "(home, faq, api are now badgecms_home, badgecms_faq, badgecms_api): "
                    "start from a new database (standalone: delete db.sqlite3 and run "
                    "`make run`, then import your page again with import_landing_page).",
                    id="badgecms_home.E001",
                )
            )
    return errors

"""System checks of ``badgecms.home``: a database made before the apps were renamed, and
the base template the landing page extends."""

from django.core.checks import Error, Tags, Warning, register
from django.db import connections
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode

from badgecms.home.conf import home_settings

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


@register(Tags.templates)
def check_base_template(app_configs=None, **kwargs):
    """The template the landing page extends (``BADGECMS["BASE_TEMPLATE"]``) must exist
    and have a ``content`` block, where the page puts all it shows and its JSON-LD.

    Returns ``badgecms_home.E002`` (missing template) or ``badgecms_home.W002`` (no
    ``content`` block) in a list, empty when the template fits.
    """
    name = home_settings.BASE_TEMPLATE
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return [
            Error(
                f'BADGECMS["BASE_TEMPLATE"] is {name!r}, which no template folder holds.',
                hint="Set it to the site's base template, e.g. 'base.html'.",
                id="badgecms_home.E002",
            )
        ]
    nodelist = getattr(getattr(template, "template", None), "nodelist", None)
    if nodelist is None:  # another template engine: nothing to inspect
        return []
    if "content" not in {block.name for block in nodelist.get_nodes_by_type(BlockNode)}:
        return [
            Warning(
                f"The base template {name!r} has no {{% block content %}}: badge landing "
                "pages would show nothing of their content or JSON-LD.",
                hint="Add {% block content %}{% endblock %} to it, or name another template "
                'in BADGECMS["BASE_TEMPLATE"].',
                id="badgecms_home.W002",
            )
        ]
    return []

"""Which packages and modules the badgecms wheel holds (metadata: pyproject.toml).

The folders ``home/``, ``faq/`` and ``api/`` are the packages ``badgecms.home``,
``badgecms.faq`` and ``badgecms.api`` (``package-dir`` in pyproject.toml). Tests and the
standalone project (``badgecms/settings/``, ``badgecms/urls.py``, WSGI/ASGI and the
dependency audit) stay out of the wheel.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

APPS = {"home": "badgecms.home", "faq": "badgecms.faq", "api": "badgecms.api"}
#: Modules of the package ``badgecms`` that a host site needs (the rest is the demo project).
PLUGIN_MODULES = {"__init__", "conf"}


def plugin_packages():
    """Return the dotted names of every package of the apps, tests left out."""
    packages = ["badgecms"]
    for folder, name in APPS.items():
        for init in sorted(Path(folder).rglob("__init__.py")):
            parts = init.parent.relative_to(folder).parts
            if "tests" not in parts:
                packages.append(".".join((name, *parts)))
    return packages


class PluginBuildPy(build_py):
    """``build_py`` that leaves the standalone project's modules of ``badgecms`` out."""

    def find_package_modules(self, package, package_dir):
        modules = super().find_package_modules(package, package_dir)
        if package == "badgecms":
            return [module for module in modules if module[1] in PLUGIN_MODULES]
        return modules


setup(packages=plugin_packages(), cmdclass={"build_py": PluginBuildPy})

"""Querysets compiled to SQL once per process and run again with other values: for the
hot queries of a cold request, whose building and compiling by the ORM cost several
times what running them costs (issue 15). How it works: docs/architecture.md.
"""

import copy
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from django.db import connections, models
from django.db.models.query import get_related_populators

logger = logging.getLogger(__name__)

#: Most prepared queries kept per process (each is one SQL string and its column map).
MAX_PREPARED = 128

_DATETIME_FIELD = models.DateTimeField()


def _sentinels(kinds):
    """A distinct value for each of ``kinds`` that no real value equals: integers below
    any primary key a database hands out, instants in the last second of 2998."""
    datetimes = iter(range(1, 1_000_000))
    return [
        -7_340_032_000_000 - number
        if kind is int
        else datetime(2998, 12, 31, 23, 59, 59, next(datetimes), tzinfo=UTC)
        for number, kind in enumerate(kinds)
    ]


class PreparedQuery:
    """One queryset's SQL, compiled once, and how to turn its rows into instances.

    ``build(*values)`` returns the queryset (no ``prefetch_related``, no
    ``only``/``defer`` of related models' fields is needed; ``select_related`` is kept);
    ``kinds`` names the type of each value (``int``, or ``datetime`` for an aware
    ``datetime``). The queryset is built and compiled once with a distinct sentinel for
    each value; the sentinels are then found among the SQL parameters. A queryset whose
    parameters do not hold each sentinel exactly where a value goes (a value the ORM
    transforms, say) is not prepared: :meth:`run` then builds and runs it each time.
    """

    def __init__(self, build, kinds, using=None):
        self.build = build
        self.kinds = tuple(kinds)
        sentinels = _sentinels(self.kinds)
        queryset = build(*sentinels)
        self.using = using or queryset.db
        self.model = queryset.model
        compiler = queryset.query.get_compiler(self.using)
        self.sql, params = compiler.as_sql()
        connection = connections[self.using]
        wanted = {
            self._prep(kind, sentinel, connection): index
            for index, (kind, sentinel) in enumerate(zip(self.kinds, sentinels, strict=True))
        }
        self.params = list(params)
        self.slots = [
            (position, wanted[param])
            for position, param in enumerate(self.params)
            if self._is_hashable(param) and param in wanted
        ]
        found = sorted({index for _, index in self.slots})
        self.prepared = found == list(range(len(self.kinds)))
        if not self.prepared:
            logger.warning("Query of %s not prepared: its values are transformed", self.model)
            return
        self.compiler = compiler
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.fields = slice(start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, using)

    @staticmethod
    def _is_hashable(value):
        return isinstance(value, int | str | datetime)

    @staticmethod
    def _prep(kind, value, connection):
        if kind is int:
            return value
        return _DATETIME_FIELD.get_db_prep_value(value, connection)

    def run(self, *values):
        """Return the list of model instances of the query with ``values`` (one per
        kind, in order), with its ``select_related`` objects attached."""
        if not self.prepared:
            return list(self.build(*values).using(self.using))
        connection = connections[self.using]
        params = list(self.params)
        for position, index in self.slots:
            params[position] = self._prep(self.kinds[index], values[index], connection)
        compiler = copy.copy(self.compiler)
        compiler.connection = connection
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        instances = []
        for row in compiler.results_iter([rows]):
            instance = self.model.from_db(self.using, self.init_list, row[self.fields])
            for populator in self.populators:
                populator.populate(row, instance)
            instances.append(instance)
        return instances


_prepared = {}


def prepared_query(key, build: Callable, kinds, using=None):
    """The :class:`PreparedQuery` of ``build`` for ``key`` (hashable: what the SQL depends
    on besides the values, such as a site's root path) on database ``using`` (default:
    the one the queryset reads from), compiled on first use in this process. At most
    :data:`MAX_PREPARED` are kept."""
    full_key = (key, tuple(kinds), using)
    query = _prepared.get(full_key)
    if query is None:
        if len(_prepared) >= MAX_PREPARED:
            _prepared.clear()
        query = _prepared[full_key] = PreparedQuery(build, kinds, using)
    return query


def set_prefetched(instance, relation, objects):
    """Attach ``objects`` (a list) to ``instance`` as the prefetched result of its
    reverse relation ``relation`` (a related name, e.g. ``"certification_links"``), as
    ``prefetch_related`` would: ``instance.relation.all()`` then makes no query."""
    manager = getattr(instance, relation)
    queryset = manager.get_live_queryset() if hasattr(manager, "get_live_queryset") else manager
    queryset = queryset.all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[relation] = queryset

"""Querysets compiled to SQL once per process and run again with other values: for the
hot queries of a cold request, whose building and compiling by the ORM cost several
times what running them costs (issue 15). How it works: docs/architecture.md.
"""

import copy
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from cachetools import LRUCache
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models.query import get_related_populators

logger = logging.getLogger(__name__)

#: Most prepared queries kept per process (each is one SQL string and its column map).
MAX_PREPARED = 128

_DATETIME_FIELD = models.DateTimeField()


def _sentinels(kinds, series=0):
    """A distinct value for each of ``kinds`` that no real value equals: integers below
    any primary key a database hands out (inside a 32-bit column's range, which Django
    checks for some lookups), instants in the last seconds of 2998 (aware when
    ``USE_TZ``, else naive, as ``timezone.now()`` gives them). Each ``series`` (0 or 1)
    gives other values."""
    datetimes = iter(range(1, 1_000_000))
    tzinfo = UTC if settings.USE_TZ else None
    return [
        -2_000_000_000 - 50_000_000 * series - number
        if kind is int
        else datetime(2998, 12, 31, 23, 59, 58 + series, next(datetimes), tzinfo=tzinfo)
        for number, kind in enumerate(kinds)
    ]


class _Compiled:
    """The SQL of a queryset on one database, where its values go, and how its rows
    become instances."""

    def __init__(self, queryset, kinds, sentinels, using):
        compiler = queryset.query.get_compiler(using)
        self.sql, params = compiler.as_sql()
        connection = connections[using]
        wanted = {
            _prep(kind, sentinel, connection): index
            for index, (kind, sentinel) in enumerate(zip(kinds, sentinels, strict=True))
        }
        self.params = list(params)
        self.slots = [
            (position, wanted[param])
            for position, param in enumerate(self.params)
            if isinstance(param, int | str | datetime) and param in wanted
        ]
        self.complete = sorted({index for _, index in self.slots}) == list(range(len(kinds)))
        self.compiler = compiler
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.fields = slice(start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, using)


def _prep(kind, value, connection):
    if kind is int:
        return value
    return _DATETIME_FIELD.get_db_prep_value(value, connection)


class PreparedQuery:
    """One queryset's SQL, compiled once per database, and how to turn its rows into
    instances.

    ``build(*values)`` returns the queryset (no ``prefetch_related``; ``select_related``
    is kept); ``kinds`` names the type of each value (``int``, or ``datetime`` for a
    ``datetime`` as ``timezone.now()`` gives it). The queryset is built and compiled
    with a distinct sentinel for each value, on the database the router picks for
    reading its model at each run (``using`` fixes it); the sentinels are then found
    among the SQL parameters, and a second compilation with other sentinels must differ
    from the first exactly there. A queryset that cannot be compiled so, or whose
    parameters do not follow its values that way (a value the ORM transforms, say), is
    not prepared: :meth:`run` then builds and runs it each time.
    """

    def __init__(self, build, kinds, using=None):
        self.build = build
        self.kinds = tuple(kinds)
        self.using = using
        self.model = build(*_sentinels(self.kinds)).model
        self._compiled = {}

    def _compile(self, using):
        sentinels, others = _sentinels(self.kinds), _sentinels(self.kinds, series=1)
        try:
            compiled = _Compiled(self.build(*sentinels), self.kinds, sentinels, using)
            # Built again with other values, the SQL must be the same and the parameters
            # must differ exactly where the values go: a value also used transformed (a
            # LIKE pattern next to an exact match) would otherwise stay at its sentinel.
            again = self.build(*others).query.get_compiler(using).as_sql()
        except (TypeError, ValueError, EmptyResultSet) as error:
            logger.warning("Query of %s not prepared: %s", self.model.__name__, error)
            return None
        connection = connections[using]
        expected = list(compiled.params)
        for position, index in compiled.slots:
            expected[position] = _prep(self.kinds[index], others[index], connection)
        if not compiled.complete or again[0] != compiled.sql or list(again[1]) != expected:
            logger.warning("Query of %s not prepared: its values are transformed", self.model)
            return None
        return compiled

    def compiled(self, using):
        """The compiled query on database ``using``, or None when it is not prepared."""
        if using not in self._compiled:
            self._compiled[using] = self._compile(using)
        return self._compiled[using]

    def run(self, *values):
        """Return the list of model instances of the query with ``values`` (one per
        kind, in order), with its ``select_related`` objects attached."""
        using = self.using or router.db_for_read(self.model)
        compiled = self.compiled(using)
        if compiled is None:
            return list(self.build(*values).using(using))
        connection = connections[using]
        params = list(compiled.params)
        for position, index in compiled.slots:
            params[position] = _prep(self.kinds[index], values[index], connection)
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        instances = []
        for row in compiler.results_iter([rows]):
            instance = self.model.from_db(using, compiled.init_list, row[compiled.fields])
            for populator in compiled.populators:
                populator.populate(row, instance)
            instances.append(instance)
        return instances


# The prepared queries of this process, least recently used first out.
_prepared = LRUCache(maxsize=MAX_PREPARED)
_lock = threading.Lock()


def prepared_query(key, build: Callable, kinds, using=None):
    """The :class:`PreparedQuery` of ``build`` for ``key`` (hashable: what the SQL depends
    on besides the values, such as a site's root path), compiled on first use in this
    process on each database it runs on (``using``, default: the router's choice for
    reading). At most :data:`MAX_PREPARED` are kept, least recently used first out."""
    full_key = (key, tuple(kinds), using, settings.USE_TZ)
    with _lock:
        query = _prepared.get(full_key)
    if query is None:
        query = PreparedQuery(build, kinds, using)
        with _lock:
            _prepared[full_key] = query
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

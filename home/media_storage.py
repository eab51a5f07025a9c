"""Media storage that leaves nothing half-written: :class:`MediaStorage` removes the file
it was writing when the write fails, and names a full disk (:class:`MediaDiskFullError`).

How it works: docs/architecture.md, section ``badgecms.home.media_storage``.
"""

import contextlib
import errno
import os

from django.core.files.storage import FileSystemStorage

#: errno values that mean "no room left": the disk (``ENOSPC``) or the user's quota
#: (``EDQUOT``).
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})

#: The editor's form error and the log message when an upload does not fit.
DISK_FULL_MESSAGE = "There is not enough space on the media disk to store this file."


def is_disk_full(error):
    """True when ``error`` (an exception) is an ``OSError`` meaning the disk or quota is
    full."""
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


class MediaDiskFullError(OSError):
    """A media file did not fit on the disk. An ``OSError`` with the original ``errno``
    (``ENOSPC`` or ``EDQUOT``), :data:`DISK_FULL_MESSAGE` as ``strerror`` and the storage
    name of the file as ``filename``; the original error is its ``__cause__``."""


class MediaStorage(FileSystemStorage):
    """Django's ``FileSystemStorage`` (same settings: ``MEDIA_ROOT``, ``MEDIA_URL``,
    permissions) whose ``save()`` leaves no partial file behind.

    When writing a new file raises ``OSError`` (disk full, I/O error, ...), the file the
    write created is removed before the error propagates; a full disk or quota is raised
    as :class:`MediaDiskFullError`, any other error as it was. A file that existed before
    the call is never removed (so in the rare race where another process takes the name
    first and Django writes under a new one, that new file is not removed either).
    """

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError as error:
            # Django creates the file with O_EXCL: a file that was not there before is
            # the one this write created. (Should another process take this very name
            # between Django's get_available_name() and the write, Django moves on to a
            # new name; that race is not covered.)
            if not existed:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    os.remove(full_path)
            if is_disk_full(error):
                raise MediaDiskFullError(error.errno, DISK_FULL_MESSAGE, name) from error
            raise

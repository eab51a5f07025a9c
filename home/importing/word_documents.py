"""Word documents (``.docx``, Office Open XML, ECMA-376) for the landing page importer.

How it works: docs/architecture.md, section ``badgecms.home.importing.word_documents``.
"""

import io
import zipfile
from xml.parsers.expat import ExpatError

import mammoth
from markdownify import markdownify

#: Largest unpacked size of a Word file's parts, in bytes: a landing page template is
#: about 50 kB unpacked, and the limit keeps a small "zip bomb" from tying up a worker.
MAX_UNPACKED_BYTES = 4 * 1024 * 1024

_NOT_WORD = (
    "this is not a Word document (.docx) that can be read; save it again as .docx "
    "or upload the Markdown version."
)


class WordDocumentError(Exception):
    """The bytes are not a readable ``.docx`` file; ``str(error)`` is one sentence."""


def docx_to_markdown(raw):
    """Return the Markdown (CommonMark) text of the ``.docx`` file held in bytes ``raw``.

    Headings become ATX headings (``### Q: …``), bold becomes ``**…**``, links keep
    their target whatever its scheme (the importer refuses bad schemes by line), and
    images become ``![alt]()`` without their data (the importer leaves them out with a
    warning). Raises
    :class:`WordDocumentError` when ``raw`` is not a Word document.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
        if "word/document.xml" not in {member.filename for member in members}:
            raise WordDocumentError(_NOT_WORD)
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise WordDocumentError(
                f"the Word document unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB; "
                "a landing page needs far less: remove images or upload the Markdown version."
            )
        # Images keep their alt text and lose their data: the importer leaves them out
        # with a warning naming the line.
        result = mammoth.convert_to_html(
            io.BytesIO(raw), convert_image=mammoth.images.img_element(lambda image: {"src": ""})
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError, ExpatError) as error:
        # Not a zip, no main document part, broken XML, encrypted entries.
        raise WordDocumentError(_NOT_WORD) from error
    return markdownify(
        result.value,
        heading_style="ATX",
        bullets="-",
        escape_misc=False,
    ).strip()

"""The importer's parsing time for a document at the size limit (100,000 characters), in
Markdown and in HTML, printed by ``make bench`` with the other figures (import this
module after ``django.setup()``). Parsing should grow linearly with the document and take
under 2 s on one core at this size (issue 12)."""

import time

from badgecms.home.importing.importer import parse_landing_page

#: Size of the generated documents, in characters: the importer's limit.
CHARACTERS = 100_000
ROUNDS = 3


def faq_document(characters, shape):
    """A Markdown (``shape="markdown"``) or HTML (``"html"``) FAQ of at most
    ``characters`` characters: an intro, a certification link, then numbered questions
    with two-paragraph answers that hold a link and a list."""
    answer = (
        "Badges are verified on the issuer's platform; see [the help centre]"
        "(https://help.example.org/badges) for details.\n\n- claim it\n- share it\n\n"
    )
    if shape == "html":
        head = (
            "<!doctype html><html><body><nav><a href='/'>Home</a></nav><main>"
            "<h1>Digital badges</h1><p>We issue badges through "
            "<a href='https://www.credly.com/organizations/example/badges'>Credly</a>.</p>"
            "<h2>FAQs</h2>\n"
        )
        item = (
            "<h3>{number}. What does question {number} ask?</h3>\n<p>Badges are verified on "
            "the issuer's platform; see <a href='https://help.example.org/badges'>the help "
            "centre</a>.</p>\n<ul><li>claim it</li><li>share it</li></ul>\n"
        )
        tail = "</main><footer>© Example</footer></body></html>\n"
    else:
        head = (
            "# Digital badges\n\nWe issue badges through [Credly]"
            "(https://www.credly.com/organizations/example/badges).\n\n## FAQs\n\n"
        )
        item = "### Q{number}. What does question {number} ask?\n\nA: " + answer
        tail = ""
    parts, size, number = [head], len(head) + len(tail), 1
    while size + len(item.format(number=number)) <= characters:
        parts.append(item.format(number=number))
        size += len(parts[-1])
        number += 1
    return "".join(parts) + tail


def parse_seconds(characters=CHARACTERS):
    """{shape: best of :data:`ROUNDS` parse times in seconds} for documents of
    ``characters`` characters."""
    results = {}
    for shape in ("markdown", "html"):
        text = faq_document(characters, shape)
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            parse_landing_page(text)
            times.append(time.perf_counter() - started)
        results[shape] = min(times)
    return results


def report_lines(results, characters=CHARACTERS):
    """One line per shape: the time and whether it is under the 2 s target."""
    return [
        f"import parse, {characters:,}-character {shape} document: {seconds:.2f} s "
        f"({'MET' if seconds < 2 else 'MISSED'} < 2 s)"
        for shape, seconds in results.items()
    ]

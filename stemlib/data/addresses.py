"""Web addresses of sources as a reader may follow them: the publisher's own page, without tracking parameters.

``data/sources.csv`` keeps two addresses per source (:mod:`stemlib.data.sources`): ``address``, the
publisher's own page that readers are sent to, and ``retrieved_from``, the copy the figures were actually
read from when that is another place (a data repository, a document mirror). Two things must never
reach a reader's link:

* tracking parameters (``utm_source`` and the like): they tell a newsletter or a feed which link was
  followed, say nothing about the source, and make the same page look like several;
* a third party's copy (a mirror, an archive or cache copy, a scripts repository): the reader should
  meet the publisher, and the copy may be changed or removed without the publisher's say.

Pages clean an address with :func:`reader_address` when they show it, so a new row cannot slip a
tracking parameter through; ``make check-data`` warns (:func:`address_problems`) so that the file gets
fixed as well. Cleaning rather than refusing: a tracking parameter does not make a figure wrong, and a
refused file would stop every report for a cosmetic fault.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

#: Query parameters that only track who followed a link (campaigns, ad clicks, mail and feed readers).
TRACKING_PARAMETERS: frozenset[str] = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid", "li_fat_id",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "referrer", "ref_src", "ocid", "cmpid",
})
#: Prefixes of tracking parameters: Google Analytics campaigns (utm_*), Piwik/Matomo (pk_*, mtm_*).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_")
#: Hosts (and path prefixes) that serve copies of other publishers' documents, never their own.
COPY_LOCATIONS: tuple[str, ...] = (
    "github.com/datacommonsorg", "raw.githubusercontent.com/datacommonsorg", "datacommons.org",
    "web.archive.org", "archive.org/web", "archive.ph", "archive.today", "archive.is",
    "webcache.googleusercontent.com", "cachedview.nl", "9pdf.org", "docplayer.dk", "docplayer.me", "pdfprof.com",
    "vdocuments.pub",
)


def is_web_address(address: str) -> bool:
    """True for an ``http(s)://`` address (a seed document's ``seed:`` locator is not one)."""
    return address.startswith(("http://", "https://"))


def _is_tracking(name: str) -> bool:
    key = unquote(name).lower()
    return key in TRACKING_PARAMETERS or key.startswith(TRACKING_PREFIXES)


def tracking_parameters(address: str) -> list[str]:
    """Return the names of the tracking parameters in an address's query, in order (empty when there are none)."""
    if not is_web_address(address):
        return []
    query = urlsplit(address).query
    return [part.split("=")[0] for part in query.split("&") if part and _is_tracking(part.split("=")[0])]


def strip_tracking(address: str) -> str:
    """Return the address without tracking parameters; other parameters keep their order and spelling.

    The query is filtered part by part rather than parsed and re-encoded, so that an address that works
    (``?id=5533&punktguid=...``, percent-escapes as the publisher wrote them) is left byte for byte.
    """
    if not tracking_parameters(address):
        return address
    parts = urlsplit(address)
    kept = "&".join(part for part in parts.query.split("&") if part and not _is_tracking(part.split("=")[0]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, kept, parts.fragment))


def copy_location(address: str) -> str:
    """Return the entry of :data:`COPY_LOCATIONS` the address lies under, or "" for any other address."""
    if not is_web_address(address):
        return ""
    parts = urlsplit(address)
    host = (parts.hostname or "").removeprefix("www.")
    where = f"{host}{parts.path}".lower()
    for location in COPY_LOCATIONS:
        location_host = location.split("/")[0]
        same_host = host == location_host or host.endswith(f".{location_host}")
        if same_host and (where.startswith(f"{location}/") or where == location or "/" not in location):
            return location
    return ""


def reader_address(address: str) -> str:
    """Return the address a reader's link may point to: "" for no web address or a copy, else without tracking.

    Parameters
    ----------
    address : str
        The ``address`` cell of a source in ``data/sources.csv``.
    """
    if not is_web_address(address) or copy_location(address):
        return ""
    return strip_tracking(address)


def address_problems(address: str, column: str) -> list[str]:
    """Return what is wrong with one address cell, in words (for ``make check-data``'s warnings).

    Parameters
    ----------
    address : str
        The cell's text.
    column : {"address", "retrieved_from"}
        The column: a copy is only wrong in ``address``, since ``retrieved_from`` exists to hold it.
    """
    problems = []
    tracking = tracking_parameters(address)
    if tracking:
        problems.append(f"has tracking parameters ({', '.join(tracking)}); pages drop them, remove them from the "
                        f"file: {strip_tracking(address)}")
    location = copy_location(address) if column == "address" else ""
    if location:
        problems.append(f"is a copy on {location}, not the publisher's page, so pages show no link; move it to "
                        "retrieved_from and put the publisher's own page in address (or leave address empty)")
    return problems

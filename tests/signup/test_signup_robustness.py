"""Whatever is posted to the public sign-up form, the answer is a page, never a 500, and a sign-up is
stored exactly when the answer is the redirect to the receipt (both backends)."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.signup.conftest import FORM_URL, RECEIPT_URL, signup_count, signup_data, tokens

FIELDS = [
    "kind", "name", "identity_number", "contact_name", "phone", "email", "flats", "areas", "offers_home",
    "home-rooms", "home-rent", "home-living_area", "home-available_from", "home-street_address", "home-area",
    "lease_holding", "message", "consent", "website", "started", "unknown_field",
]  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Co"]), max_size=30),
    st.sampled_from([
        "", "\x00", "abc\x00def", "\r\n\t", "<script>alert(1)</script>", "'; DROP TABLE signups; --", "-1", "0",
        "99999999999999999999", "1e9", "NaN", "2026-02-30", "0000-00-00", "٣", "５", "company", "private_person",
        "yes", "y", "ä" * 250, "x" * 3000, "a@b", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    ]),
)  # fmt: skip
FUZZ = settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(app, tenant, response, before: int) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]
    stored = signup_count(app, tenant) - before
    if response.status_code == 302 and response.headers["Location"].endswith(RECEIPT_URL):
        assert stored == 1
    else:
        assert stored == 0, response.status_code


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=6), lang=st.sampled_from(["sv", "en"]))
def test_any_field_values_get_a_page_and_store_only_a_valid_signup(app, client, tenant_a, changes, lang):
    before = signup_count(app, tenant_a)
    data = {**tokens(client, lang), **signup_data(**changes)}
    check(app, tenant_a, client.http.post(FORM_URL, data=data), before)


@FUZZ
@given(
    tail=st.binary(max_size=300),
    encoding=st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]),
    content_type=st.sampled_from([
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin-1",
        "multipart/form-data; boundary=xyz", "text/plain",
    ]),
)  # fmt: skip
def test_any_bytes_as_the_body_get_a_page(app, client, tenant_a, tail, encoding, content_type):
    """Raw bodies: a valid form in a wrong encoding, then arbitrary bytes, behind real tokens."""
    before = signup_count(app, tenant_a)
    fields = {**tokens(client), **signup_data(name="Åsa Öberg Fastigheter AB", contact_name="Åsa Öberg")}
    raw = urlencode(fields, encoding=encoding, errors="replace").encode("ascii") + b"&" + tail
    check(app, tenant_a, client.http.post(FORM_URL, data=raw, content_type=content_type), before)

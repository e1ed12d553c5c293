"""Error pages speak the reader's language: Swedish by default, English with ?lang=en.

404, 405, 403, 413 and the CSRF 400 are provoked with real requests; 429, 500 and the generic 400
through ``render_error`` inside a request context, since nothing may be added to the app to cause them.
"""

from __future__ import annotations

import pytest

from hemvist.core.errors import render_error
from tests.conftest import USERS
from tests.i18n.conftest import heading, page_language

# status: (Swedish heading, English heading)
TITLES = {
    400: ("Felaktig förfrågan", "Bad request"),
    403: ("Ingen behörighet", "Access denied"),
    404: ("Sidan finns inte", "Page not found"),
    405: ("Åtgärden är inte tillåten", "Method not allowed"),
    413: ("För mycket data", "Too much data"),
    429: ("För många försök", "Too many attempts"),
    500: ("Något gick fel", "Something went wrong"),
}
SWEDISH, ENGLISH = 0, 1


def assert_error_page(response, status: int, language: str, message: str | None = None) -> None:
    assert response.status_code == status
    assert page_language(response) == language
    title = TITLES[status][SWEDISH if language == "sv" else ENGLISH]
    other = TITLES[status][ENGLISH if language == "sv" else SWEDISH]
    assert heading(response) == title
    page = response.get_data(as_text=True)
    assert f"<title>{title} – Hemvist</title>" in page
    assert other not in page
    assert (f"Felkod {status}" if language == "sv" else f"Error code {status}") in page
    assert ("Gå till startsidan" if language == "sv" else "Go to the home page") in page
    if message:
        assert message in page


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        ("", "sv", "Det finns ingen sida på den här adressen."),
        ("?lang=en", "en", "There is no page at this address."),
    ],
)
def test_404(client, query, language, message):
    for path in ("/this/does/not/exist", "/no-such-municipality/"):
        assert_error_page(client.get(path + query), 404, language, message)


@pytest.mark.parametrize(("query", "language"), [("", "sv"), ("?lang=en", "en")])
def test_405(client, query, language):
    response = client.get("/logout" + query)  # logging out is a POST
    assert_error_page(response, 405, language)
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        ("", "sv", "Fråga den som gav dig behörighet i Hemvist om du behöver den."),
        ("?lang=en", "en", "Ask the person who gave you access to Hemvist if you need it."),
    ],
)
def test_403_for_a_member_of_another_municipality(login, query, language, message):
    anna = login("coordinator_a")  # Värnamo's coordinator, in Gislaved's workspace
    assert_error_page(anna.get("/gislaved/" + query), 403, language, message)


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        ("", "sv", "Det du skickade är större än vad Hemvist tar emot."),
        ("?lang=en", "en", "What you sent is larger than Hemvist accepts."),
    ],
)
def test_413_for_a_body_over_the_limit(app, client, query, language, message):
    too_much = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.http.post("/login" + query, data={"email": too_much, "password": "x"})
    assert_error_page(response, 413, language, message)


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        ("", "sv", "Formuläret hade gått ut eller skickades från en annan webbplats."),
        ("?lang=en", "en", "The form had expired or was sent from elsewhere."),
    ],
)
def test_400_for_a_form_without_its_csrf_token(client, query, language, message):
    response = client.http.post("/login" + query, data={"email": USERS["coordinator_a"].email, "password": "x"})
    assert_error_page(response, 400, language, message)


class RenderedError:
    """``render_error``'s answer, shaped like a response for ``assert_error_page``."""

    def __init__(self, rendered):
        self.body, self.status_code = rendered

    def get_data(self, as_text=False):
        return self.body


@pytest.mark.parametrize(
    ("status", "swedish", "english"),
    [
        (400, "Vi kunde inte tolka förfrågan.", "The request could not be understood."),
        (403, "Du har inte behörighet till den här sidan.", "You do not have access to this page."),
        (404, "Det finns ingen sida på den här adressen.", "There is no page at this address."),
        (405, "Den här sidan kan inte användas på det sättet.", "This page cannot be used in that way."),
        (413, "Det du skickade är större än vad Hemvist tar emot.", "What you sent is larger than Hemvist accepts."),
        (429, "Du har försökt för många gånger.", "You have tried too many times."),
        (500, "Något gick fel hos oss.", "An error occurred on our side."),
    ],
)
def test_render_error_in_each_language(request_in, status, swedish, english):
    with request_in(None):  # no choice made: Swedish
        assert_error_page(RenderedError(render_error(status)), status, "sv", swedish)
    with request_in("en"):
        assert_error_page(RenderedError(render_error(status)), status, "en", english)

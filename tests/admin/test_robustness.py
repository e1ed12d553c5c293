"""Whatever an administrator's browser sends to the administration's forms, the answer is a page, never a
500: every route that takes a POST, enumerated from the URL map, with odd fields and odd values."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.admin.test_access import RULES, build
from tests.test_robustness import WEIRD_TEXT

FIELDS = ["code", "slug", "default_locale", "population", "unit_email", "email", "name", "locale", "municipality",
          "role", "county", "q", "page", "password", "confirm"]  # fmt: skip
POSTS = [build(rule) for rule in RULES if "POST" in rule.methods]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), st.one_of(WEIRD_TEXT, st.lists(WEIRD_TEXT, max_size=3))),
       url=st.sampled_from(POSTS))  # fmt: skip
def test_any_form_gets_a_page(admin, data, url):
    assert admin.submit(url, data, form_url="/admin/").status_code < 500


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=WEIRD_TEXT, page=WEIRD_TEXT)
def test_any_search_or_page_number_gets_a_page(admin, query, page):
    assert admin.get("/admin/users/", query_string={"q": query, "page": page}).status_code < 500
    assert admin.get("/admin/log", query_string={"page": page}).status_code < 500

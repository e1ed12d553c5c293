from tests.conftest import USERS


def test_coordinator_lands_in_her_workspace(client):
    response = client.login(USERS["coordinator_a"].email)
    assert response.status_code == 302
    home = client.get(response.headers["Location"])
    assert home.headers["Location"] == "/varnamo/"
    page = client.get("/varnamo/").get_data(as_text=True)
    assert "Anna Samordnare" in page

"""Streamed exports outlive their request: the CSV is written after the request committed."""

from tests.conftest import make_app
from tests.factories import PASSWORD


def test_csv_export_streams_after_commit_without_an_outer_context(app, world, database_url,
                                                                   tmp_path):
    served = make_app(database_url, tmp_path)  # its own contexts, as under a real server
    client = served.test_client()
    response = client.post("/auth/login", data={"email": world.users["hq"].email,
                                                "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(f"/reports/{world.programme.slug}/export.csv")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    assert "Nauryz celebrations" in body

def test_overview_lists_twelve_blocks(client, world):
    response = client.get("/programmes/jubilee/")
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('data-month="') == 12

def test_the_openapi_document_lists_every_registry_path(client, db):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/parties",
        "/api/parties/{code}",
        "/api/groups",
        "/api/groups/{slug}",
        "/api/bodies",
        "/api/bodies/{code}",
        "/api/instruments",
        "/api/instruments/{instrument_id}",
        "/api/instruments/{instrument_id}/provisions",
        "/api/instruments/{instrument_id}/provisions/{ref}",
        "/api/instruments/{instrument_id}/participants",
        "/api/instruments/{instrument_id}/statements",
    } <= set(paths)
    assert "404" in paths["/api/instruments/{instrument_id}"]["get"]["responses"]


def test_the_interactive_docs_answer(client, db):
    assert client.get("/api/docs").status_code == 200

"""Administration of users and agencies."""

from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Agency, AuditEntry, User
from tests.factories import PASSWORD


def test_admin_creates_a_coordinator_who_can_log_in(client, auth, world):
    auth.login("admin")
    agency = world.agencies["AKIMAT_AKMOLA"]
    response = client.post("/admin/users/new", data={
        "email": "New.Person@Test.kz", "password": "long enough pw", "role": "coordinator",
        "agency_id": str(agency.id), "full_name": "New Person", "active": "y"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@test.kz"))
    assert user.agency_id == agency.id and user.password_hash != "long enough pw"
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.create"))
    auth.logout()
    assert client.post("/auth/login", data={"email": "new.person@test.kz",
                                            "password": "long enough pw"}).status_code == 302


def test_duplicate_email_and_coordinator_without_agency_are_field_errors(client, auth, world):
    auth.login("admin")
    response = client.post("/admin/users/new", data={
        "email": "HQ@test.kz", "password": "long enough pw", "role": "viewer"})
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)
    response = client.post("/admin/users/new", data={
        "email": "x@test.kz", "password": "long enough pw", "role": "coordinator"})
    assert response.status_code == 422
    assert "must belong to an agency" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(User.id))) == 5


def test_admin_changes_role_and_deactivates(client, auth, world):
    auth.login("admin")
    viewer = world.users["viewer"]
    response = client.post(f"/admin/users/{viewer.id}", data={
        "role": "hq", "agency_id": str(world.agencies["HQ"].id), "full_name": "Promoted"})
    assert response.status_code == 302
    db.session.refresh(viewer)
    assert (viewer.role, viewer.active, viewer.full_name) == ("hq", False, "Promoted")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.update"))
    assert entry.changes["role"] == ["viewer", "hq"]
    assert entry.changes["active"] == [True, False]


def test_admin_cannot_lock_themself_out(client, auth, world):
    admin = auth.login("admin")
    response = client.post(f"/admin/users/{admin.id}", data={"role": "viewer", "active": "y"})
    assert response.status_code == 422
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_admin_sets_a_password_and_mismatches_are_refused(client, auth, world):
    auth.login("admin")
    hq = world.users["hq"]
    bad = client.post(f"/admin/users/{hq.id}/password",
                      data={"password": "new password 1", "confirm": "different"})
    assert bad.status_code == 422
    db.session.refresh(hq)
    assert hq.check_password(PASSWORD)
    ok = client.post(f"/admin/users/{hq.id}/password",
                     data={"password": "new password 1", "confirm": "new password 1"})
    assert ok.status_code == 302
    db.session.refresh(hq)
    assert hq.check_password("new password 1")


def test_admin_creates_and_edits_an_agency(client, auth, world):
    auth.login("admin")
    response = client.post("/admin/agencies/new", data={
        "code": "mfa", "kind": "ministry", "name_en": "Ministry of Foreign Affairs",
        "name_kk": "Сыртқы істер министрлігі"})
    assert response.status_code == 302
    agency = db.session.scalar(select(Agency).where(Agency.code == "MFA"))
    assert agency.display_name("kk") == "Сыртқы істер министрлігі"
    response = client.post(f"/admin/agencies/{agency.id}", data={
        "code": "MFA", "kind": "ministry", "name_en": "MFA", "email": "mfa@gov.kz"})
    assert response.status_code == 302
    db.session.refresh(agency)
    assert agency.email == "mfa@gov.kz"
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "agency")).all()
    assert actions == ["agency.create", "agency.update"]


def test_agency_code_clash_and_akimat_without_region_are_refused(client, auth, world):
    auth.login("admin")
    clash = client.post("/admin/agencies/new", data={"code": "hq", "kind": "other",
                                                     "name_en": "Another"})
    assert clash.status_code == 422 and "already used" in clash.get_data(as_text=True)
    akimat = client.post("/admin/agencies/new", data={"code": "AK", "kind": "akimat",
                                                      "name_en": "Akimat"})
    assert akimat.status_code == 422 and "belongs to a region" in akimat.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(Agency.id))) == 4

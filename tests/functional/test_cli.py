"""The command line: clear one-line errors and a non-zero exit for bad arguments."""

from sqlalchemy import select

from eventplan.cli import create_user_command
from eventplan.extensions import db
from eventplan.models import User


def test_create_user_reads_the_password_from_stdin(runner, world):
    result = runner.invoke(create_user_command, ["Boss@Gov.kz", "--role", "hq", "--agency", "hq",
                                                 "--password-stdin"],
                           input="a secret password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "boss@gov.kz"))
    assert user.role == "hq" and user.check_password("a secret password")


def _fails_with(runner, args, text, stdin="a secret password\n"):
    result = runner.invoke(create_user_command, [*args, "--password-stdin"], input=stdin)
    assert result.exit_code != 0
    assert text in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_unknown_role_is_one_clear_line(runner, world):
    _fails_with(runner, ["a@b.kz", "--role", "boss"], "unknown role 'boss'")


def test_unknown_agency_is_one_clear_line(runner, world):
    _fails_with(runner, ["a@b.kz", "--role", "coordinator", "--agency", "NOPE"],
                "unknown agency 'NOPE'")


def test_duplicate_email_is_one_clear_line(runner, world):
    _fails_with(runner, ["hq@test.kz", "--role", "hq"], "already exists")


def test_short_password_and_missing_agency_are_refused(runner, world):
    _fails_with(runner, ["a@b.kz", "--role", "viewer"], "at least 8", stdin="short\n")
    _fails_with(runner, ["a@b.kz", "--role", "coordinator"], "must belong to an agency")
    assert db.session.scalar(select(User).where(User.email == "a@b.kz")) is None

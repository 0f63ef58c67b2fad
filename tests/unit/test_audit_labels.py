"""Every audit action the services record reads as a sentence (no raw codes on history pages)."""

import re
from pathlib import Path

from eventplan.audit_labels import ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2] / "eventplan"
RECORDED = re.compile(r"(?:audit\.record|_record)\(\s*(?:[\w.]+,\s*){1,2}\"([a-z_]+\.[a-z_]+)\"")


def recorded_actions() -> set[str]:
    return {code for path in ROOT.rglob("*.py")
            for code in RECORDED.findall(path.read_text(encoding="utf-8"))}


def test_every_recorded_action_has_a_sentence():
    found = recorded_actions()
    assert {"plan.return", "event.held", "report.accept", "feed.revoke"} <= found  # the scan works
    assert not found - set(ACTION_LABELS), "audit actions without a sentence in audit_labels"

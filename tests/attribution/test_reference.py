"""Reference data: the 193 Member States, generated file up to date, non-members, focal points."""
from __future__ import annotations

import subprocess
import sys

from mailbot.config import PROJECT_ROOT


def test_193_member_states_with_six_languages(ctx):
    states = ctx.reference.states
    assert len(states) == 193
    assert "VAT" in states and "PLW" not in states
    assert len({state.alpha2 for state in states.values()}) == 193
    for state in states.values():
        assert set(state.names) == {"en", "fr", "es", "ru", "ar", "zh"}
        assert state.match_keys, state.alpha3
    assert states["TUR"].name == "Türkiye" and states["VNM"].name == "Viet Nam"
    assert states["BOL"].name == "Bolivia (Plurinational State of)"
    assert states["NLD"].name == "Netherlands (Kingdom of the)"


def test_generated_json_is_up_to_date():
    result = subprocess.run([sys.executable, "scripts/build_member_states.py", "--check"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_regional_organisations_and_providers(ctx):
    ids = {org.id for org in ctx.reference.organisations}
    assert {"ATU", "APT", "CEPT", "CITEL", "ASMG", "RCC", "ITU"} <= ids
    assert {"bluewin.ch", "gmail.com"} <= ctx.reference.providers


def test_focal_points_refer_to_member_states(ctx):
    assert ctx.reference.focal_points
    assert all(point.state in ctx.reference.states for point in ctx.reference.focal_points)
    assert ctx.reference.focal_point("Consultations@CA.go.ke").state == "KEN"

"""Roles and login: who sees which page (deep links included), open mode, and hostile input."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from peers_dash import queries
from peers_dash.charts import export
from peers_dash.ingest.pipeline import Request, run_import
from peers_dash.model.filters import CohortFilter
from peers_dash.privacy.access import Access, open_mode, role_for
from peers_dash.queries.extracts import DATASETS, compute
from peers_dash.queries.measures import measures
from peers_dash.store.db import open_readonly
from tests.test_app import APP
from tests.test_import import checksum

RULES = {"admin": ["lead@school.edu"], "analyst": ["@wellbeing.school.edu", "group:peers-analysts"],
         "default": "viewer"}
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "not-a-secret", "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://idp.example/.well-known/openid-configuration"}


def test_roles_come_from_email_domain_and_group_with_the_highest_winning():
    assert role_for("Lead@School.edu", [], RULES) == "admin"
    assert role_for("ana@wellbeing.school.edu", [], RULES) == "analyst"
    assert role_for("x@school.edu", ["PEERS-Analysts"], RULES) == "analyst"
    assert role_for("x@school.edu", [], RULES) == "viewer"
    assert role_for("x@school.edu", [], {**RULES, "default": "none"}) == "none"
    assert role_for("evil@school.edu.attacker.com", [], {"admin": ["@school.edu"]}) == "viewer"


def test_open_mode_is_admin_only_on_this_computer():
    assert open_mode("127.0.0.1").role == open_mode("localhost").role == "admin"
    assert open_mode("0.0.0.0").role == open_mode("").role == open_mode(None).role == "viewer"
    assert Access("analyst", "a", "b").allows("viewer") and not Access("analyst", "a", "b").allows("admin")
    assert not Access("none", "a", "b").allows("viewer")


def signed_in(page: str | None, user: dict, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["peers"] = {"roles": RULES}
    at.user = user
    if page:
        at.switch_page(page)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at.run()


def nav(at: AppTest) -> list[str]:
    return [link.label for link in at.sidebar.get("page_link")]


def test_an_anonymous_visitor_sees_only_the_sign_in_when_login_is_configured(app_env):
    for page in (None, "pages/participation.py", "pages/import.py"):
        at = signed_in(page, {"is_logged_in": False})
        assert [b.label for b in at.button] == ["Sign in"]
        assert not at.metric and not at.get("plotly_chart") and not nav(at)


def test_a_viewer_cannot_reach_import_or_group_pages_even_by_deep_link(app_env):
    viewer = {"is_logged_in": True, "email": "someone@school.edu"}
    at = signed_in(None, viewer)
    assert "Import" not in nav(at) and "Groups" not in nav(at) and "Participation" in nav(at)
    for page, role in (("pages/import.py", "admin"), ("pages/groups.py", "analyst")):
        at = signed_in(page, viewer, {"cohort": ["MD Class of 2023"]})
        assert [e.value for e in at.error] == [f"This page needs the {role} role; you have the viewer role."]
        assert not at.get("plotly_chart") and not at.get("file_uploader")
    at = signed_in("pages/participation.py", viewer, {"cohort": ["MD Class of 2023"]})
    assert not at.sidebar.get("multiselect") or all(m.key != "group" for m in at.sidebar.multiselect)


def test_an_analyst_sees_groups_but_not_import_and_an_admin_sees_both(app_env):
    analyst = {"is_logged_in": True, "email": "ana@wellbeing.school.edu"}
    at = signed_in("pages/groups.py", analyst, {"cohort": ["MD Class of 2023"]})
    assert not at.error and at.get("plotly_chart")
    assert signed_in("pages/import.py", analyst).error
    admin = {"is_logged_in": True, "email": "lead@school.edu"}
    at = signed_in("pages/import.py", admin)
    assert not at.error and "Import" in nav(at)


def test_someone_signed_in_but_not_let_in_sees_nothing(app_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["peers"] = {"roles": {**RULES, "default": "none"}}
    at.user = {"is_logged_in": True, "email": "stranger@elsewhere.org"}
    at.run()
    assert any("has no access" in e.value for e in at.error) and not at.metric


def test_without_login_the_page_says_the_open_mode_role(app_env):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "admin (open mode: the server listens only on this computer)" in at.sidebar.caption[0].value.replace("**", "")
    previous = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert "viewer" in at.sidebar.caption[0].value and "Import" not in nav(at)
    finally:
        st_config.set_option("server.address", previous)


def test_sql_in_a_link_is_dropped_as_an_unknown_value_and_changes_nothing(app_env):
    before = checksum(app_env)
    evil = "MD'); DROP TABLE attendance; --"
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["program"] = [evil]
    at.query_params["class_year"] = ["MS1' OR '1'='1"]
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="program").value == [] and at.sidebar.multiselect(key="class_year").value == []
    assert checksum(app_env) == before
    st.cache_data.clear()


def test_formulas_in_survey_text_are_neutralised_in_every_csv(demo_db):
    con = open_readonly(demo_db)
    comments = list(queries.comments(con, CohortFilter(), latest_only=False)["comment"])
    con.close()
    assert "=) loved it" in comments
    csv = export.to_csv_bytes(pd.DataFrame({"Comment": comments})).decode("utf-8-sig")
    assert "'=) loved it" in csv and "\n=)" not in csv


def test_no_roster_field_reaches_any_extract(template_school):
    hostile = (b"roster_id,email,name,program,cohort,group,start_date\n"
               b"S9,=cmd@example.edu,\"=HYPERLINK(\"\"http://x\"\")\",MD,2028,Group 07,2024-08-05\n")
    assert run_import(template_school, Request("roster", [("r.csv", hostile)])).applied
    con = open_readonly(template_school)
    texts = []
    for ds in DATASETS:
        for key in [m.key for m in measures(con)] if ds.measure else [None]:
            frame = compute(con, CohortFilter(), ds.title, key)
            texts.append(export.to_csv_bytes(frame).decode("utf-8-sig"))
    con.close()
    joined = "\n".join(texts)
    for secret in ("example.edu", "Ada Example", "HYPERLINK", "S1001"):
        assert secret not in joined


def test_a_broken_secrets_file_shows_nothing_rather_than_opening_the_dashboard(app_env, monkeypatch):
    from streamlit.runtime.secrets import Secrets

    def broken(self, key, default=None):
        raise ValueError("bad TOML")

    monkeypatch.setattr(Secrets, "get", broken)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("could not be read (ValueError)" in e.value for e in at.error)
    assert not at.metric and not nav(at)

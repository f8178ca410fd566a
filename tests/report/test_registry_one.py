"""One renderer registry: every kind x format is bytes with its media type, and the CLI,
the web app and the publishing job all make their files through ``registry.render``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client

from scorecard.analysis import Results, analyse, compare, group_view, synthesise
from scorecard.cli import main
from scorecard.commands.compare import COMPARE_FORMATS, NETWORK_FORMATS
from scorecard.commands.groups import GROUP_FORMATS
from scorecard.report import (
    RENDERERS,
    GroupsInput,
    NetworkInput,
    Output,
    ReportInput,
    UnknownFormatError,
    registry,
)
from scorecard.report.comparison import CSV_HEADER
from scorecard.report.output import MEDIA_TYPES
from scorecard.sample import sample_edition

KINDS = ("report", "comparison", "groups", "network")
MAGIC = {"pdf": b"%PDF-", "xlsx": b"PK", "pptx": b"PK", "html": b"<!DOCTYPE html>"}


@pytest.fixture(scope="module")
def inputs() -> dict[str, object]:
    a1, e1 = sample_edition("Kazakhstan", 2022)
    a2, e2 = sample_edition("Kazakhstan", 2023)
    b, eb = sample_edition("Kyrgyzstan", 2022)
    r1, r2 = analyse(a1, e1), analyse(a2, e2)
    return {
        "report": ReportInput(r2),
        "comparison": ReportInput(r2, comparison=compare(r1, r2, answers=[a1, a2])),
        "groups": GroupsInput(group_view(a2, "sector", None, e2)),
        "network": NetworkInput(synthesise([("KZ", r2), ("KG", analyse(b, eb))])),
    }


CASES = [(kind, fmt) for kind in KINDS for fmt in registry.formats(kind)]


@pytest.mark.parametrize(("kind", "fmt"), CASES, ids=[f"{k}-{f}" for k, f in CASES])
def test_every_kind_and_format_renders_to_bytes(
    inputs: dict[str, object], kind: str, fmt: str
) -> None:
    output = registry.render(kind, fmt, inputs[kind])
    assert isinstance(output, Output)
    assert isinstance(output.data, bytes)
    assert len(output.data) > 100
    assert output.media_type == MEDIA_TYPES[fmt]
    assert output.suffix == ("md" if fmt == "datadict" else fmt)
    if fmt in MAGIC:
        assert output.data.lstrip().upper().startswith(MAGIC[fmt].upper())
    if fmt == "json":
        json.loads(output.data)


def test_the_registry_lists_what_the_cli_offers() -> None:
    assert set(registry.formats("comparison")) == set(COMPARE_FORMATS)
    assert set(registry.formats("network")) == set(NETWORK_FORMATS)
    assert set(registry.formats("groups")) == set(GROUP_FORMATS)
    assert list(RENDERERS) == registry.formats("report")
    assert list(RENDERERS) == ["html", "pdf", "pptx", "xlsx", "csv", "json", "datadict"]


def test_it_refuses_unknown_formats_and_wrong_inputs(inputs: dict[str, object]) -> None:
    with pytest.raises(UnknownFormatError, match=r"unknown network format 'pptx'"):
        registry.render("network", "pptx", inputs["network"])
    with pytest.raises(TypeError, match="GroupsInput"):
        registry.render("groups", "json", inputs["report"])
    with pytest.raises(ValueError, match="unknown output kind"):
        registry.register("poster", "png", lambda _inp: b"")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every (kind, format) that went through ``registry.render`` during the test."""
    seen: list[tuple[str, str]] = []
    original = registry.render

    def counting(kind: str, fmt: str, inp: object) -> Output:
        seen.append((kind, fmt))
        return original(kind, fmt, inp)

    monkeypatch.setattr(registry, "render", counting)
    return seen


def test_the_cli_writes_what_the_registry_renders(
    calls: list[tuple[str, str]], tmp_path: Path
) -> None:
    runner = CliRunner()
    files = []
    for country, year in (("Kazakhstan", 2022), ("Kazakhstan", 2023)):
        path = tmp_path / f"{country}-{year}" / "answers.csv"
        args = ["sample", "--country", country, "--year", str(year), "--out", str(path)]
        assert runner.invoke(main, args).exit_code == 0
        files.append(str(path))
    runs = {
        "report.csv": ["report", files[1], "--format", "csv"],
        "compare.csv": ["compare", *files, "--format", "csv"],
        "network.json": ["network", *files, "--label", "A", "--label", "B", "--format", "json"],
        "groups.json": ["groups", files[1], "--by", "sector", "--format", "json"],
    }
    for name, args in runs.items():
        result = runner.invoke(main, [*args, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert calls == [
        ("report", "csv"),
        ("comparison", "csv"),
        ("network", "json"),
        ("groups", "json"),
    ]
    head = (tmp_path / "compare.csv").read_bytes().split(b"\r\n")[0].decode()
    assert head == ",".join(CSV_HEADER)


@pytest.mark.django_db
def test_the_web_and_the_publishing_job_go_through_the_registry(
    calls: list[tuple[str, str]],
) -> None:
    from scorecard.web.editions.models import Role
    from scorecard.web.networks.models import Network, NetworkRole
    from scorecard.web.reports.publishing import planned_files, publish
    from tests.web.publishing import walk_to
    from tests.web.samples import stored

    edition = stored("Kazakhstan", 2023)
    other = stored("Kyrgyzstan", 2022)
    user = User.objects.create_user("ria", password="ria-secret-pw")
    Role.objects.create(user=user, edition=edition, kind=Role.Kind.COORDINATOR)
    network = Network.objects.create(slug="ca", name="Central Asia")
    network.editions.set([edition, other])
    NetworkRole.objects.create(user=user, network=network, kind=NetworkRole.Kind.VIEWER)
    client = Client()
    client.force_login(user)

    draft = client.get(f"/editions/{edition.slug}/report.csv")
    assert draft.status_code == 200
    assert draft["Content-Type"] == MEDIA_TYPES["csv"]
    synthesis = client.get("/networks/ca/synthesis.json")
    assert synthesis.status_code == 200
    assert synthesis["Content-Type"] == MEDIA_TYPES["json"]
    assert client.get(f"/editions/{edition.slug}/report.docx").status_code == 404
    assert ("report", "csv") in calls
    assert ("network", "json") in calls

    walk_to(edition, "validated")
    version = publish(edition, None, None)
    planned = next(p for p in planned_files(version) if p.name == "report.json")
    before = len(calls)
    stored_output = planned.make()
    assert calls[before:] == [("report", "json")]
    assert json.loads(stored_output.data)["edition"]["title"] == edition.title


@pytest.mark.django_db
def test_the_api_goes_through_the_registry(calls: list[tuple[str, str]]) -> None:
    from scorecard.web.api.models import ApiToken, Scope
    from scorecard.web.editions.models import Role
    from tests.web.samples import stored

    edition = stored("Kazakhstan", 2023)
    user = User.objects.create(username="api")
    Role.objects.create(user=user, edition=edition, kind=Role.Kind.VIEWER)
    token = ApiToken.issue(user, [Scope.READ_RESULTS], "test")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = client.get(f"/api/v1/editions/{edition.slug}/report.json")
    assert response.status_code == 200, response.content
    assert calls == [("report", "json")]


def test_rendered_outputs_are_the_same_bytes_each_time(results: Results) -> None:
    inp = ReportInput(results)
    for fmt in ("html", "csv", "json", "datadict"):
        assert registry.render("report", fmt, inp) == registry.render("report", fmt, inp)

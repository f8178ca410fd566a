"""The import benchmark still runs (on a small export; `make bench` runs the real size)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import imports

from scorecard.interop.importers import read_import


def test_it_measures_an_import_in_a_child_process() -> None:
    figures = imports.run(rows=300)
    assert figures["respondents"] == 300
    assert figures["columns"] == 222
    assert 0 < figures["import_seconds"] < 60
    assert 10 < figures["peak_megabytes"] < 1024


def test_it_writes_an_export_the_importer_reads_as_kobo(tmp_path: Path) -> None:
    path = tmp_path / "kobo.csv"
    imports.write_export(path, 50)
    result = read_import(path)
    assert result.preview.format == "kobo"
    assert result.preview.unmapped == ()
    assert result.preview.respondents == 50

"""Rendered outputs as HTTP responses: one helper for the workspace, the API and networks."""

from __future__ import annotations

from django.http import HttpResponse

from scorecard.report.output import Output


def output_response(output: Output, stem: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(output.data, content_type=output.media_type)
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{stem}.{output.suffix}"'
    return response

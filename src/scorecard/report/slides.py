"""The slide deck (PPTX), in the order of the seed deck (PSC Kazakhstan 2022).

Title, country context, methodology, sample, key areas and scale, average
scores (heatmap and table), comparative data, one slide per pillar, key
findings for the highest and lowest goals with quotes, recommendations,
validation meetings, where to read more. Numbers and words come from the same
contexts as the HTML (context.py, story.py); charts are the shared Vega-Lite
specs rendered to PNG once per report.
"""

from __future__ import annotations

import io
from typing import Any

from scorecard.report.comparison import comparison_slides
from scorecard.report.i18n import Gettext, translations
from scorecard.report.inputs import Identity, ReportInput
from scorecard.report.markdown import Block, Run, to_blocks
from scorecard.report.slides_deck import (
    BODY,
    Deck,
    bullets,
    chart_picture,
    chart_png,
    continued,
    placeholder,
)
from scorecard.report.slides_identity import sign_title_slide, signed_footer
from scorecard.report.slides_kit import (
    ACCENT,
    INK,
    MUTED,
    TYPE,
    Box,
    fit,
    goal_tile,
    measured_height,
    plain,
    rect,
    table,
    write,
)
from scorecard.report.slides_meetings import meeting_slides

TITLE_TOP, TITLE_BOTTOM, TITLE_WIDTH = 1.75, 5.9, 11.5  # between the signature and the partners
TITLE_FOOT, TITLE_GAP = 6.9, 0.12  # the foot when no partners sign
GOAL_BODY = Box(2.2, BODY.y, BODY.w - 1.6, BODY.h)  # beside the goal's colour tile

__all__ = ["BODY", "Deck", "bullets", "chart_png", "continued", "placeholder", "render_pptx"]


def render_pptx(inp: ReportInput) -> bytes:
    from scorecard.report.charts import draw_charts
    from scorecard.report.context import build_context
    from scorecard.report.story import build_story

    _ = translations(inp.language).gettext
    ctx = build_context(inp.results, draw_charts(inp.results, inp.language), inp.language)
    story = build_story(inp)
    deck = Deck(ctx, _, inp.language)
    deck.footer = signed_footer(deck.footer, inp.identity)
    _title(deck, ctx, _, inp.identity)
    deck.text(_("Country context"), to_blocks(inp.story.context))
    _methodology(deck, ctx, story, inp, _)
    _scores(deck, ctx, _)
    if inp.comparison is not None:
        comparison_slides(deck, inp, _)
    _pillars(deck, story, _)
    _findings(deck, ctx, story, _)
    deck.text(_("Recommendations"), to_blocks(inp.story.recommendations))
    meeting_slides(deck, story["meetings"], _)
    deck.text(_("Where to find the full report"), to_blocks(inp.story.full_report))
    buffer = io.BytesIO()
    deck.prs.save(buffer)
    return buffer.getvalue()


def _title(deck: Deck, ctx: dict[str, Any], _: Gettext, identity: Identity) -> None:
    """As the seed's cover: who signs it on top, the title, the figures, partners at the foot.

    The lines are stacked by their measured height, not set at fixed places: a Kazakh
    kicker or a long organisation name takes two lines, and at fixed places it ran into
    the title or the figures. The title takes the largest size that leaves room for all.
    """
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[6])
    deck.stripe(slide, 0.35)
    sign_title_slide(slide, identity, _)
    e, s = ctx["edition"], ctx["summary"]
    people = translations(deck.language).ngettext(
        "%(num)s respondent", "%(num)s respondents", s["n"]
    ) % {"num": s["n"]}
    meta = " · ".join(p for p in (e["country"], e["year"], e["organisation"]) if p)
    kicker = [plain(_("People's Scorecard on national delivery of the 2030 Agenda"))]
    heading = [plain(e["title"], heading=True)]
    facts = [plain(meta)]
    figures = [plain(f"{people} · {s['overall']['percent']} " + _("overall"), bold=True)]
    warning = [plain(_("Synthetic sample data — not real survey results"), bold=True)]
    banner = next(z for z in (18, 16, 14, 12) if measured_height(warning, 11.3, z) < 0.6 or z == 12)
    banner_height = measured_height(warning, 11.3, banner) + 0.05 if e["synthetic"] else 0.0
    bottom = TITLE_BOTTOM if identity.partners or identity.acknowledgement else TITLE_FOOT
    room = bottom - TITLE_TOP - (banner_height + 0.15 if e["synthetic"] else 0.0) - 3 * TITLE_GAP
    sizes = _title_sizes([kicker, heading, facts, figures], room)
    y = TITLE_TOP
    colours = (MUTED, ACCENT, INK, INK)
    for blocks, points, colour in zip(
        (kicker, heading, facts, figures), sizes, colours, strict=True
    ):
        height = measured_height(blocks, TITLE_WIDTH, points)
        shape = write(slide, Box(0.9, y, TITLE_WIDTH, height), blocks, points, colour)
        if blocks is heading:
            shape.name = "Title"
        y += height + TITLE_GAP
    if e["synthetic"]:
        rect(slide, Box(0.9, y + 0.1, TITLE_WIDTH, banner_height + 0.1), "FFFFFF", "8A1C1C")
        write(
            slide, Box(1.0, y + 0.15, TITLE_WIDTH - 0.2, banner_height), warning, banner, "8A1C1C"
        )


def _title_sizes(parts: list[list[Block]], room: float) -> tuple[float, ...]:
    """Kicker, title, facts and figures sizes: the largest title, then the largest facts,
    with which all four fit in ``room`` inches; the smallest of each if nothing does."""
    for lead in (TYPE.lead, TYPE.body, TYPE.small):
        for title in (TYPE.title, 36, 32, 28, 24, 20):
            sizes = (min(lead, TYPE.body), title, lead, lead)
            used = sum(
                measured_height(p, TITLE_WIDTH, z) for p, z in zip(parts, sizes, strict=True)
            )
            if used <= room:
                return sizes
    return sizes


def _methodology(
    deck: Deck, ctx: dict[str, Any], story: dict[str, Any], inp: ReportInput, _: Gettext
) -> None:
    e, m, s = ctx["edition"], ctx["method"], ctx["summary"]
    lines = []
    if e["organisation"]:
        lines.append(_("The survey was conducted by %(organisation)s.") % e)
    # Plain words on the slide; the formulas are in the report's annex (issue 14).
    lines.append(ctx["methodology"]["plain"])
    deck.text(_("Methodology"), [*bullets(lines), *to_blocks(inp.story.methodology)])
    p = ctx["profile"]
    sample = [
        translations(deck.language).ngettext(
            "%(num)s civil-society respondent took part.",
            "%(num)s civil-society respondents took part.",
            s["took_part"],
        )
        % {"num": s["took_part"]},
        ", ".join(f"{g['label']} {g['percent']}" for g in p["gender"]),
        p["age"],
    ]
    if story["meetings"]["held"]:
        sample.append(story["meetings"]["summary"])
    slide = deck.slide(_("Sample"))
    write(slide, Box(0.6, 1.35, 5.6, 4.9), bullets(sample), 16)
    rows = [[_("Sector"), _("Respondents"), _("Share")]]
    rows += [[x["label"], str(x["count"]), x["percent"]] for x in p["sector"]][:10]
    table(slide, Box(6.6, 1.45, 6.1, 0.36 * len(rows)), rows, 12, (3.7, 1.3, 1.1))
    slide = deck.slide(_("Key areas and progress bands"))
    areas: list[Block] = []
    for pillar in dict.fromkeys(a["pillar"] for a in m["areas"]):
        areas.append(plain(pillar, heading=True))
        areas += bullets(
            [f"{a['number']} {a['name']}" for a in m["areas"] if a["pillar"] == pillar]
        )
    size, _pages = fit(areas, 6.8, 4.9, (16, 14, 13, 12, 11, 10))
    write(slide, Box(0.6, 1.35, 6.8, 4.9), areas, size)
    bands = [[_("Band"), _("Percent (p)")]] + [[b["name"], b["range"]] for b in m["bands"]]
    fills = {(i + 1, 0): b["colour"] for i, b in enumerate(m["bands"])}
    table(slide, Box(7.8, 1.45, 4.9, 0.38 * len(bands)), bands, 11, (2.7, 2.2), fills)


def _scores(deck: Deck, ctx: dict[str, Any], _: Gettext) -> None:
    charts, s = ctx["charts"], ctx["summary"]
    if charts.heatmap is not None:
        slide = deck.slide(_("Average scores by SDG and key area"))
        chart_picture(slide, charts.heatmap, Box(0.6, 1.3, BODY.w, 5.6))
    sc = ctx["scores"]
    header = [_("Goal")] + [str(a["number"]) for a in sc["areas"]] + [_("Goal score")]
    rows = [header]
    for row in sc["rows"]:
        rows.append([row["label"]] + [c["mean"] if c["rated"] else "–" for c in row["cells"]])
        rows[-1].append(row["total"]["mean"])
    rows.append([_("Key area score")] + [t["mean"] for t in sc["area_totals"]])
    rows[-1].append(sc["overall"]["mean"])
    fills = _band_fills(ctx)
    slide = deck.slide(sc["mean_caption"])
    height = min(5.6, 0.27 * len(rows))
    widths = [4.1] + [0.68] * len(sc["areas"]) + [1.25]
    table(
        slide, Box(0.6, 1.3, sum(widths), height), rows, 9 if len(rows) > 14 else 11, widths, fills
    )
    if charts.goals is not None:
        slide = deck.slide(_("Comparative data in percent"))
        chart_picture(slide, charts.goals, Box(0.6, 1.3, 8.2, 5.6))
        if s["range"]:
            write(slide, Box(9.1, 1.6, 3.7, 4.0), [plain(s["range"], bold=True)], 18)
    if charts.areas is not None and charts.pillars is not None:
        slide = deck.slide(_("Comparative data in percent") + ": " + _("key areas and pillars"))
        chart_picture(slide, charts.areas, Box(0.4, 1.3, 7.6, 5.6))
        chart_picture(slide, charts.pillars, Box(8.2, 1.3, 4.8, 3.0))


def _band_fills(ctx: dict[str, Any]) -> dict[tuple[int, int], str]:
    """The mean table's cells coloured by their band, as in the heatmap."""
    fills: dict[tuple[int, int], str] = {}
    for r, row in enumerate(ctx["scores"]["rows"], 1):
        for c, cell in enumerate(row["cells"], 1):
            if cell["rated"]:
                fills[(r, c)] = next(
                    b["colour"] for b in ctx["method"]["bands"] if b["name"] == cell["band"]
                )
    return fills


def _pillars(deck: Deck, story: dict[str, Any], _: Gettext) -> None:
    for p in story["pillar_findings"]:
        slide = deck.slide(p["label"])
        head = [plain(p["percent"], heading=True)]
        if p["rated"]:
            head.append(plain(p["band"], bold=True))
        head += bullets([f"{a['label']}: {a['percent']}" for a in p["areas"]])
        size, _pages = fit(head, 4.3, 4.9, (16, 14, 13, 12, 11, 10))
        write(slide, Box(0.6, 1.35, 4.3, 4.9), head, size)
        rect(slide, Box(5.15, 1.45, 0.04, 4.6), "D0D4D9")
        text = to_blocks(p["markdown"]) or [placeholder(_)]
        box = Box(5.4, 1.35, 7.3, 4.9)
        size, pages = fit(text, box.w, box.h)
        write(slide, box, pages[0], size)
        if len(pages) > 1:
            rest = [b for page in pages[1:] for b in page]
            deck.text(continued(p["label"], _), rest)


def _findings(deck: Deck, ctx: dict[str, Any], story: dict[str, Any], _: Gettext) -> None:
    f = ctx["findings"]
    for title, cards in (
        (f["highest_title"], story["highest"]),
        (f["lowest_title"], story["lowest"]),
    ):
        heading = _("Key findings and recommendations") + ": " + title
        if not cards:
            deck.text(heading, [plain(_("No goal is in this group."))])
        for card in cards:
            blocks = [plain(f"{card['label']} · {card['percent']} · {card.get('band', '')}", True)]
            blocks.append(plain(_("Findings"), heading=True))
            blocks += to_blocks(card["findings_md"]) or [placeholder(_)]
            blocks.append(plain(_("Recommendations"), heading=True))
            blocks += to_blocks(card["recommendations_md"]) or [placeholder(_)]
            quotes = card["quotes"] or card["comments"][:2]
            if quotes:
                label = (
                    _("Quotes from respondents") if card["quotes"] else _("Respondents' comments")
                )
                blocks.append(plain(label, heading=True))
                blocks += [Block((Run(q),), quote=True) for q in quotes]
            # One goal per slide as in the seed, marked by its SDG colour and number.
            for slide in deck.text(heading, blocks, GOAL_BODY):
                goal_tile(slide, Box(0.6, 1.45, 1.3, 1.3), card["number"], card["sdg_colour"])

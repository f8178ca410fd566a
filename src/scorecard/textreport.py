"""The plain-text table `scorecard results` prints: figures rounded for reading."""

from __future__ import annotations

from fractions import Fraction

from scorecard.analysis import Results, Score


def results_table(res: Results) -> str:
    lines = [res.edition.title + (" [SYNTHETIC SAMPLE DATA]" if res.edition.synthetic else "")]
    p = res.profile
    lines.append(f"{p.n} respondents, {res.overall_answers} answers")
    lines.append(f"Overall: {_score(res.overall)}")
    if res.range_low and res.range_high:
        lines.append(
            f"Key areas range: {_pct(res.range_low.score.percent)} "
            f"(area {res.range_low.area}) to {_pct(res.range_high.score.percent)} "
            f"(area {res.range_high.area})"
        )
    lines += ["", f"{'Goal':<46} {'n':>4} {'mean':>6} {'%':>5}  band"]
    for g in res.goals:
        lines.append(f"{f'SDG {g.goal} {g.name}':<46} {g.respondents:>4} {_score(g.score, True)}")
    lines += ["", f"{'Key area':<46} {'n':>4} {'mean':>6} {'%':>5}  band"]
    for a in res.areas:
        lines.append(f"{f'{a.area} {a.name}'[:46]:<46} {a.answers:>4} {_score(a.score, True)}")
    lines += ["", f"{'Pillar':<46} {'n':>4} {'mean':>6} {'%':>5}  band"]
    for pl in res.pillars:
        lines.append(f"{pl.name:<46} {pl.answers:>4} {_score(pl.score, True)}")
    lines += [
        "",
        f"Highest (> {res.framework.thresholds.highest_above}%): "
        + (", ".join(f"SDG {g}" for g in res.highest) or "none"),
        f"Lowest (< {res.framework.thresholds.lowest_below}%): "
        + (", ".join(f"SDG {g}" for g in res.lowest) or "none"),
    ]
    return "\n".join(lines)


def _pct(value: Fraction | None) -> str:
    return "-" if value is None else f"{float(value):.0f}%"


def _score(score: Score, columns: bool = False) -> str:
    if score.mean is None:
        return f"{'-':>6} {'-':>5}  not rated" if columns else "not rated"
    mean, pct = f"{float(score.mean):.2f}", _pct(score.percent)
    if columns:
        return f"{mean:>6} {pct:>5}  {score.band}"
    return f"{pct} (mean {mean}): {score.band}"

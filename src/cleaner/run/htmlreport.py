"""One self-contained HTML page of what a run removed and why (``--report FILE``).

The page has its CSS, script and SVG charts inline and a Content-Security-Policy that
forbids every request (``default-src 'none'``) and every script but its own (by hash):
it opens from disk in any browser and reaches no network. The corpus is untrusted, so
every piece of text is escaped with :func:`html.escape` and written with ``dir="auto"``
(Arabic, Hebrew and Persian lines read right to left). Samples are bounded (see
:mod:`cleaner.run.samples`) and the page is re-rendered with fewer of them until it is
under :data:`MAX_BYTES`, whatever the corpus.

>>> page = render_page("t", "<p>body</p>")
>>> page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..engine.plan import HOLD_RULE_ID
from .reports import ProblemLog, Stats, display_name
from .samples import Removal, SampledDocument, Samples, Tally, cut_line
from .textio import write_atomic

if TYPE_CHECKING:
    from ..engine.api import Cleaner
    from ..ruleset.spec import RuleSpec
    from .discover import Repeated
    from .runner import InputJob, RunResult

__all__ = ["MAX_BYTES", "render_discover_report", "render_page",
           "render_run_report", "write_discover_report", "write_run_report"]

#: The page never grows beyond this (samples are dropped until it fits).
MAX_BYTES = 4_500_000
#: Sampled edits shown in all, shared between the rules that have some.
SAMPLE_BUDGET = 240
#: Rows of the per-rule, per-group and input tables, and problems listed.
TABLE_ROWS = 300
GROUP_ROWS = 50
INPUT_ROWS = 50
#: Bars in a chart.
CHART_BARS = 25

_STYLE = """
:root{--fg:#1d2430;--mute:#5b6577;--line:#d8dde6;--bg:#f6f7f9;--accent:#2f6fde;--del:#fde2e1;
--mark:#f6c2bf;--ins:#ddf4e4}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);margin:0;
background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:14px 24px;position:sticky;top:0;
z-index:1;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0}
#filter{flex:1;min-width:220px;max-width:480px;padding:6px 10px;border:1px solid var(--line);
border-radius:6px;font:inherit}
#shown{color:var(--mute)}
main{padding:8px 24px 48px;max-width:1400px}
h2{font-size:16px;margin:28px 0 8px}
h3{font-size:14px;margin:0 0 4px;font-family:ui-monospace,Menlo,Consolas,monospace}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px;
min-width:130px}
.card b{display:block;font-size:18px}
.card span{color:var(--mute);font-size:12px}
table{border-collapse:collapse;background:#fff;border:1px solid var(--line);width:100%}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
svg.chart{background:#fff;border:1px solid var(--line);border-radius:8px;max-width:100%}
svg.chart text{font:11px ui-monospace,Menlo,Consolas,monospace;fill:var(--fg)}
svg.chart rect{fill:var(--accent)}
section.rule{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;
margin:10px 0}
.summary{color:var(--mute);margin:0 0 6px}
.sample{border-top:1px dashed var(--line);padding:6px 0}
.where{color:var(--mute);font-size:12px}
.ln{display:flex;gap:8px;white-space:pre-wrap;word-break:break-word}
.no{color:var(--mute);min-width:3.5em;text-align:right;flex:none;font-size:12px;
font-family:ui-monospace,Menlo,Consolas,monospace}
.tx{flex:1;unicode-bidi:plaintext}
mark{background:var(--mark);color:inherit}
.hit{background:var(--del);box-shadow:inset 3px 0 #d9534f}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:10px;background:#fff;
border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0}
.pair h3{grid-column:1/3}
.after .ln{background:var(--ins)}
.ex{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:4px 0 8px}
.ex pre{margin:0;background:var(--bg);padding:4px 6px;white-space:pre-wrap;
unicode-bidi:plaintext}
details summary{cursor:pointer;color:var(--accent)}
[hidden]{display:none!important}
.note{color:var(--mute)}
"""

_SCRIPT = """
(function(){
var box=document.getElementById('filter'),shown=document.getElementById('shown');
function apply(){
  var q=box.value.trim().toLowerCase(),n=0;
  document.querySelectorAll('.f').forEach(function(e){
    var hide=q!==''&&e.textContent.toLowerCase().indexOf(q)<0;
    e.hidden=hide;if(!hide)n++;});
  document.querySelectorAll('section.rule').forEach(function(s){
    var own=(s.getAttribute('data-rule')||'').toLowerCase().indexOf(q)>=0;
    s.hidden=q!==''&&!own&&!s.querySelector('.f:not([hidden])');});
  shown.textContent=q===''?'':n+' matching rows and samples';
}
box.addEventListener('input',apply);
})();
"""


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_POLICY = (f"default-src 'none'; style-src {_hash(_STYLE)}; script-src {_hash(_SCRIPT)}; "
           "base-uri 'none'; form-action 'none'")


def _e(text: object) -> str:
    return html.escape(str(text))


def _name(name: str) -> str:
    """An input or document name, quoted as other reports quote it, escaped."""
    return _e(display_name(name))


def render_page(title: str, body: str) -> str:
    """The whole page around ``body`` (already HTML): header, filter box, style, script."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_POLICY}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"referrer\" content=\"no-referrer\">\n<title>{_e(title)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<header><h1>{_e(title)}</h1>"
        "<input id=\"filter\" type=\"search\" placeholder=\"Filter by rule id or phrase\" "
        "aria-label=\"Filter by rule id or phrase\" autocomplete=\"off\">"
        "<span id=\"shown\"></span></header>\n"
        f"<main>\n{body}\n</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


# --- pieces -----------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _size(count: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} B"


def _card(label: str, value: str, timing: bool = False) -> str:
    shown = f'<span class="timing">{_e(value)}</span>' if timing else _e(value)
    return f'<div class="card"><b>{shown}</b><span>{_e(label)}</span></div>'


def _chart(title: str, bars: Sequence[tuple[str, int]], unit: str) -> str:
    """A horizontal SVG bar chart (labels escaped)."""
    bars = list(bars)[:CHART_BARS]
    if not bars:
        return ""
    label_width, bar_width, row = 300, 420, 20
    height = row * len(bars) + 30
    top = max(value for _, value in bars) or 1
    total_width = label_width + bar_width + 110
    parts = [f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{total_width}" '
             f'height="{height}" viewBox="0 0 {total_width} {height}"><title>{_e(title)}</title>'
             f'<text x="8" y="16" font-weight="bold">{_e(title)}</text>']
    for index, (label, value) in enumerate(bars):
        y = 26 + index * row
        width = max(1, round(bar_width * value / top))
        shown = label if len(label) <= 40 else label[:39] + "…"
        parts.append(
            f'<g class="bar"><text x="{label_width - 6}" y="{y + 13}" text-anchor="end">'
            f'{_e(shown or "(none)")}</text><rect x="{label_width}" y="{y + 2}" '
            f'width="{width}" height="{row - 6}" rx="2"></rect><text x="{label_width + width + 6}" '
            f'y="{y + 13}">{_e(_number(value))} {_e(unit)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: set[int],
           raw: frozenset[int] | set[int] = frozenset()) -> str:
    """A table whose rows the filter box narrows; cells are escaped unless in ``raw``."""
    head = "".join(f'<th class="n">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            text = cell if i in raw else _e(_number(cell) if isinstance(cell, (int, float))
                                             and not isinstance(cell, bool) else cell)
            cells.append(f'<td class="n">{text}</td>' if i in numeric
                         else f'<td dir="auto">{text}</td>')
        body.append(f'<tr class="f">{"".join(cells)}</tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _line(number: int | str, text: str, css: str = "") -> str:
    extra = f" {css}" if css else ""
    return (f'<div class="ln{extra}"><span class="no">{_e(number)}</span>'
            f'<span class="tx" dir="auto">{text}</span></div>')


def _split(before: str, removed: str) -> str:
    """``before`` with ``removed`` marked (where it is found), escaped."""
    position = before.find(removed) if removed else -1
    if position < 0:
        return _e(before)
    end = position + len(removed)
    return f"{_e(before[:position])}<mark>{_e(removed)}</mark>{_e(before[end:])}"


def _removal(removal: Removal) -> str:
    first = removal.line - len(removal.context_before)
    lines = [_line(first + i, _e(text)) for i, text in enumerate(removal.context_before)]
    if removal.action == "drop":
        lines.append(_line(removal.line, f"<mark>{_e(removal.before)}</mark>", "hit"))
    elif removal.action == "repair":
        lines.append(_line(removal.line, _split(removal.before, removal.removed), "hit"))
        lines.append(_line("→", _e(removal.after or "")))
    elif removal.action == "hold":
        lines.append(_line("", _e(removal.before), "hit"))
    else:
        lines.append(_line(removal.line, _split(removal.before, removal.removed), "hit"))
    lines += [_line(removal.line + 1 + i, _e(text))
              for i, text in enumerate(removal.context_after)]
    where = (f"{_e(removal.rule_id)} · <span dir=\"auto\">{_name(removal.document)}</span>:"
             f"{removal.line} · {_e(removal.action)} · group <span dir=\"auto\">"
             f"{_e(removal.group or '(none)')}</span> · {_e(removal.language)}")
    return f'<div class="sample f"><div class="where">{where}</div>{"".join(lines)}</div>'


def _document(document: SampledDocument) -> str:
    marks: dict[int, list[tuple[str, str, str]]] = {}
    for line, action, rule_id, removed in document.marks:
        marks.setdefault(line, []).append((action, rule_id, removed))
    before = []
    for number, text in enumerate(document.before, 1):
        found = marks.get(number)
        if not found:
            before.append(_line(number, _e(text)))
        elif any(action == "drop" for action, _, _ in found):
            before.append(_line(number, f"<mark>{_e(text)}</mark>", "hit"))
        else:
            before.append(_line(number, _split(text, found[0][2]), "hit"))
    after = [_line(number, _e(text)) for number, text in enumerate(document.after, 1)]
    rules = sorted({rule_id for values in marks.values() for _, rule_id, _ in values})
    more = (f'<p class="note">… {document.more_lines} more lines</p>'
            if document.more_lines else "")
    return (f'<div class="pair f"><h3><span dir="auto">{_name(document.document)}</span> · '
            f'group <span dir="auto">{_e(document.group or "(none)")}</span> · '
            f'{_e(document.language)} · rules: {_e(", ".join(rules) or "-")}</h3>'
            f'<div class="before"><b>Before</b>{"".join(before)}{more}</div>'
            f'<div class="after"><b>After</b>{"".join(after)}</div></div>')


def _tally_rows(tallies: dict[str, Tally], limit: int) -> list[list[object]]:
    ordered = sorted(tallies.items(), key=lambda item: (-item[1].documents, item[0]))
    rows: list[list[object]] = []
    for name, tally in ordered[:limit]:
        removed = tally.chars_in - tally.chars_out
        share = f"{removed / tally.chars_in:.1%}" if tally.chars_in else "-"
        rows.append([name or "(none)", tally.documents, tally.changed, tally.chars_in,
                     removed, share])
    return rows


_TALLY_HEADERS = ("name", "documents", "changed", "characters in", "characters removed",
                  "share removed")


def _spec_section(rule_id: str, summary: str, examples: str, samples: list[Removal],
                  total: int) -> str:
    shown = "".join(_removal(removal) for removal in samples)
    note = (f'<p class="note">{len(samples)} sampled of {_number(total)} edits</p>'
            if samples else "")
    return (f'<section class="rule" data-rule="{_e(rule_id)}" id="rule-{_e(rule_id)}">'
            f"<h3>{_e(rule_id)}</h3><p class=\"summary\" dir=\"auto\">{_e(summary)}</p>"
            f"{examples}{note}{shown}</section>")


def _examples(specs: dict[str, RuleSpec], rule_id: str) -> tuple[str, str]:
    """The rule's summary and its first examples (input and expected output), as HTML."""
    spec = specs.get(rule_id)
    if spec is None:
        return ("Documents left unchanged because rules would have removed too much of them "
                "(--max-loss)." if rule_id == HOLD_RULE_ID else ""), ""
    shown = []
    for example in spec.examples[:2]:
        shown.append(f'<div class="ex"><pre dir="auto">{_e(example.input)}</pre>'
                     f'<pre dir="auto">{_e(example.expected)}</pre></div>')
    if not shown:
        return spec.summary, ""
    return spec.summary, ("<details><summary>examples from the rule file (input, output)"
                          f"</summary>{''.join(shown)}</details>")


# --- the run report ---------------------------------------------------------------------


@dataclass
class _Run:
    stats: Stats
    samples: Samples
    bytes_in: int
    seconds: float
    inputs: list[str]
    problems: ProblemLog


def render_run_report(result: RunResult, cleaner: Cleaner | None, jobs: Sequence[InputJob],
                      problems: ProblemLog | None = None) -> str:
    """The report page of a ``clean`` run (``result.stats.samples`` from ``--report``)."""
    run = _Run(result.stats, result.stats.samples or Samples(), result.bytes_in,
               result.seconds, [job.name for job in jobs], problems or ProblemLog())
    budget = SAMPLE_BUDGET
    while True:
        page = render_page("cleaner report", _run_body(run, cleaner, budget))
        if len(page.encode("utf-8", "replace")) <= MAX_BYTES or budget == 0:
            return page
        budget //= 2


def _run_body(run: _Run, cleaner: Cleaner | None, budget: int) -> str:
    stats, samples = run.stats, run.samples
    removed = samples.chars_in - samples.chars_out
    share = f"{removed / samples.chars_in:.1%}" if samples.chars_in else "-"
    speed = f"{run.bytes_in / 1e6 / run.seconds:.1f} MB/s" if run.seconds else "-"
    failed = run.problems.failed_inputs
    cards = [
        _card("inputs", _number(len(run.inputs))),
        _card("documents", _number(stats.documents)),
        _card("documents changed", _number(stats.changed_documents)),
        _card("bytes in", _size(run.bytes_in)),
        _card("characters in → out", f"{_number(samples.chars_in)} → "
              f"{_number(samples.chars_out)}"),
        _card("share removed", share),
        _card("time", f"{run.seconds:.2f} s", timing=True),
        _card("throughput", speed, timing=True),
        _card("failed inputs or records", _number(run.problems.counts.get("error", 0))),
        _card("held by the safety limit", _number(samples.held)),
    ]
    parts = ['<h2>Run</h2><div class="cards">', *cards, "</div>"]
    parts.append(_inputs(run.inputs, failed, run.problems))
    rows = stats.rows()
    parts.append("<h2>Per rule</h2>")
    parts.append(_chart("characters removed per rule",
                        [(str(r["rule"]), int(r["chars_removed"])) for r in rows
                         if int(r["chars_removed"])], "chars"))
    specs = {spec.id: spec for spec in cleaner.specs} if cleaner is not None else {}
    summaries = {str(r["rule"]): _examples(specs, str(r["rule"]))[0] for r in rows}
    table_rows = [[f'<a href="#rule-{_e(r["rule"])}"><code>{_e(r["rule"])}</code></a>',
                   summaries[str(r["rule"])], r["documents"], r["lines_dropped"],
                   r["lines_changed"], r["chars_removed"], r["flagged"]]
                  for r in rows[:TABLE_ROWS]]
    parts.append('<div id="rules">' + _table(
        ("rule", "summary", "documents", "lines dropped", "lines changed", "chars removed",
         "flagged"), table_rows, {2, 3, 4, 5, 6}, raw={0}) + "</div>")
    if len(rows) > TABLE_ROWS:
        parts.append(f'<p class="note">{len(rows) - TABLE_ROWS} more rules not listed</p>')
    parts.append("<h2>Per group</h2>")
    parts.append(_chart("documents per group",
                        [(name or "(none)", tally.documents) for name, tally in
                         sorted(samples.groups.items(),
                                key=lambda item: (-item[1].documents, item[0]))],
                        "docs"))
    parts.append(_table(_TALLY_HEADERS, _tally_rows(samples.groups, GROUP_ROWS),
                        {1, 2, 3, 4, 5}))
    if len(samples.groups) > GROUP_ROWS:
        parts.append(f'<p class="note">{len(samples.groups) - GROUP_ROWS} smaller groups '
                     "not listed</p>")
    parts.append("<h2>Per language (guessed from the script)</h2>")
    parts.append(_table(_TALLY_HEADERS, _tally_rows(samples.languages, GROUP_ROWS),
                        {1, 2, 3, 4, 5}))
    parts.append(_samples_section(rows, samples, specs, budget))
    if budget and samples.documents:
        parts.append("<h2>Documents before and after</h2>")
        parts.append(f'<p class="note">{len(samples.documents)} changed documents, sampled '
                     "with a fixed seed; removed text is marked in the left column.</p>")
        parts += [_document(document) for document in samples.documents]
    return "\n".join(parts)


def _inputs(names: list[str], failed: list[str], problems: ProblemLog) -> str:
    shown = ", ".join(map(_name, names[:INPUT_ROWS])) + (
        f" … and {len(names) - INPUT_ROWS} more" if len(names) > INPUT_ROWS else "")
    parts = [f'<p><b>Inputs:</b> <span dir="auto">{shown or "stdin"}</span></p>']
    if failed:
        listed = ", ".join(map(_name, failed))
        parts.append(f'<p><b>Failed:</b> <span dir="auto">{listed}</span></p>')
    if problems.first:
        total = sum(problems.counts.values())
        parts.append(f"<details><summary>{_number(total)} problems reported</summary>"
                     + _table(("input", "level", "message"),
                             [(display_name(name), level, message)
                              for name, level, message in problems.first], set())
                     + "</details>")
    return "".join(parts)


def _samples_section(rows: list[dict[str, int | str]], samples: Samples,
                     specs: dict[str, RuleSpec], budget: int) -> str:
    sampled = [str(r["rule"]) for r in rows if samples.removals.get(str(r["rule"]))]
    each = min(samples.per_rule, budget // len(sampled)) if sampled else 0
    if budget and sampled and each == 0:
        each, sampled = 1, sampled[:budget]
    parts = ["<h2>What each rule removed</h2>",
             f'<p class="note">Up to {each} edits per rule, sampled with a fixed seed: the same '
             "whatever the number of workers. Removed text is marked.</p>"]
    for row in rows[:TABLE_ROWS]:
        rule_id = str(row["rule"])
        summary, examples = _examples(specs, rule_id)
        chosen = samples.removals.get(rule_id, [])[:each] if rule_id in sampled else []
        total = int(row["lines_dropped"]) + int(row["lines_changed"]) + int(row["flagged"])
        parts.append(_spec_section(rule_id, summary, examples, chosen, total))
    return "\n".join(parts)


def write_run_report(path: Path, result: RunResult, cleaner: Cleaner | None,
                     jobs: Sequence[InputJob], problems: ProblemLog | None = None) -> None:
    """Write :func:`render_run_report` to ``path`` atomically (raises ``OSError``)."""
    page = render_run_report(result, cleaner, jobs, problems)
    write_atomic(path, page.encode("utf-8", "replace"))


# --- the discover report ----------------------------------------------------------------


def render_discover_report(found: Sequence[Repeated], jobs: Sequence[InputJob],
                           seconds: float) -> str:
    """The report page of ``clean discover``: repeated lines and runs per group, with
    counts, an example in context, and the rule each would become."""
    import yaml

    from ..text.folding import fold
    from .discover import pattern_for, rules_yaml, runs

    rules = yaml.safe_load(rules_yaml(found))["rules"] if found else []
    by_match = {rule["match"]: rule for rule in rules}  # lines of one pattern share a rule
    rule_of = {id(item): by_match[pattern_for(fold(item.example.text))] for item in found}
    group_runs = runs(found)
    limit = len(group_runs)
    while True:
        page = render_page("cleaner discover report",
                           _discover_body(found, group_runs[:limit], rule_of, jobs, seconds))
        if len(page.encode("utf-8", "replace")) <= MAX_BYTES or limit == 0:
            return page
        limit //= 2


def _discover_body(found: Sequence[Repeated], group_runs: list[list[Repeated]],
                   rule_of: dict[int, dict[str, str]], jobs: Sequence[InputJob],
                   seconds: float) -> str:
    groups: dict[str, list[list[Repeated]]] = {}
    for group_run in group_runs:
        groups.setdefault(group_run[0].group, []).append(group_run)
    parts = ['<h2>Run</h2><div class="cards">',
             _card("inputs", _number(len(jobs))),
             _card("groups with repeated lines", _number(len({i.group for i in found}))),
             _card("repeated lines", _number(len(found))),
             _card("time", f"{seconds:.2f} s", timing=True), "</div>"]
    parts.append(_inputs([job.name for job in jobs], [], ProblemLog()))
    parts.append(_chart("share of a group's documents repeating the line",
                        [(item.example.text.strip(), round(100 * item.share))
                         for item in found], "%"))
    shown = sum(len(group_run) for group_run in group_runs)
    if shown < len(found):
        parts.append(f'<p class="note">{len(found) - shown} less repeated lines not shown '
                     "(the page stays small); see the table `clean discover` prints</p>")
    for group, runs_of_group in sorted(groups.items()):
        parts.append(f'<section class="rule" data-rule="{_e(group)}"><h3 dir="auto">'
                     f'{_e(group or "(all)")}</h3>')
        rows = [_discover_row(group_run, rule_of) for group_run in runs_of_group]
        parts.append(_table(("documents", "share", "line or run", "example", "rule"), rows,
                            {0, 1}, raw={2, 3, 4}))
        parts.append("</section>")
    if not found:
        parts.append('<p class="note">No line is repeated that often.</p>')
    return "\n".join(parts)


def _discover_row(group_run: list[Repeated], rule_of: dict[int, dict[str, str]]
                  ) -> list[object]:
    first = group_run[0]
    documents = min(item.documents for item in group_run)
    text = "".join(_line(item.example.location.rpartition(":")[2], _e(item.example.text))
                   for item in group_run)
    if first.example.context:
        text += (f'<div class="where">next to: <span dir="auto">'
                 f'{_e(cut_line(first.example.context))}</span></div>')
    rules = "".join(f"<div><code>{_e(rule_of[id(item)]['id'])}</code></div>"
                    f"<div class=\"mono where\" dir=\"auto\">match: "
                    f"{_e(rule_of[id(item)]['match'])}</div>"
                    for item in group_run if id(item) in rule_of)
    where = f'<span dir="auto">{_e(first.example.location)}</span>' + (
        f" ({len(group_run)} lines)" if len(group_run) > 1 else "")
    return [f"{documents}/{first.total}", f"{documents / first.total:.0%}", text, where, rules]


def write_discover_report(path: Path, found: Sequence[Repeated], jobs: Sequence[InputJob],
                          seconds: float) -> None:
    """Write :func:`render_discover_report` to ``path`` atomically (raises ``OSError``)."""
    write_atomic(path, render_discover_report(found, jobs, seconds).encode("utf-8", "replace"))

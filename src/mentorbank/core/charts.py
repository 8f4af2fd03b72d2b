"""Charts drawn on the server: a Vega-Lite specification built with Vega-Altair, rendered to SVG by
vl-convert. The page gets plain SVG (no script, no style attribute), so the strict content security
policy holds and the chart prints like text. Every chart has a title, a text summary and its data
table on the page beside it: the picture is never the only way to the figures.

Colours are the Okabe–Ito palette's (safe for colour-blind readers), kept to those with at least 3:1
contrast on white (WCAG 1.4.11); series also differ by dash and point shape, and bars carry their value
as text, so colour is never the only carrier."""

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import vl_convert
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#555555"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4]]
INK = "#1a1a1a"
WIDTH = 360  # drawing units; the SVG scales down to the screen (viewBox)
BAR_HEIGHT = 22
LOCALES: dict[str, Literal["fi-FI", "sv-SE", "en-GB"]] = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
CACHE_SECONDS = 24 * 3600
SPEC_VERSION = 2  # raise when the drawing code changes, so that no cached drawing of the old one is shown


@dataclass(frozen=True)
class Chart:
    """What the template needs: `key` makes the ids unique on the page."""

    key: str
    title: str
    summary: str
    svg: SafeString


@dataclass(frozen=True)
class Bar:
    category: str
    value: float
    series: str = ""  # bars of several series beside each other, per category


@dataclass(frozen=True)
class Point:
    x: str
    value: float
    series: str = ""


def config() -> dict[str, Any]:
    text = {"labelFontSize": 12, "titleFontSize": 12, "labelColor": INK, "titleColor": INK}
    return {
        "aria": False,  # the whole picture is one image, named by its title and summary
        "font": "sans-serif",
        # room for the browser's font being wider than the one the drawing was measured with
        "padding": {"left": 12, "right": 56, "top": 8, "bottom": 8},
        "axis": {**text, "labelLimit": 150, "domainColor": INK, "tickColor": INK},
        "legend": {**text, "orient": "bottom", "symbolStrokeWidth": 2},
        "view": {"stroke": None},
        "range": {"category": PALETTE},
    }


def line_chart(key: str, title: str, summary: str, points: Sequence[Point], y_title: str, x_title: str) -> Chart:
    """Values over time (x in the order given), one line per series, each with its own dash and its
    name written at its last point."""
    svg = svg_of(("line", points, y_title, x_title), lambda: line_spec(points, y_title, x_title))
    return chart_of(key, title, summary, svg)


def line_spec(points: Sequence[Point], y_title: str, x_title: str) -> Any:
    order = list(dict.fromkeys(p.x for p in points))
    names = list(dict.fromkeys(p.series for p in points))
    x = alt.X("x:O", sort=order, title=x_title, axis=alt.Axis(labelAngle=-45))
    base = alt.Chart(alt.Data(values=[p.__dict__ for p in points])).encode(x=x, y=alt.Y("value:Q", title=y_title))
    mark: dict[str, Any] = {"point": {"filled": True, "size": 50}, "strokeWidth": 2.5}
    if len(names) == 1:
        return base.mark_line(color=PALETTE[0], **mark).properties(width=WIDTH, height=220)
    legend = None  # each line is named at its end instead
    lines = base.mark_line(**mark).encode(
        color=alt.Color("series:N", sort=names, scale=alt.Scale(range=PALETTE), legend=legend),
        strokeDash=alt.StrokeDash("series:N", sort=names, scale=alt.Scale(range=DASHES), legend=legend),
    )
    last = [p.__dict__ for p in points if p.x == order[-1]]
    ends = (
        alt.Chart(alt.Data(values=last))
        .mark_text(align="left", dx=8, fontSize=12, color=INK)
        .encode(x=x, y="value:Q", text="series:N")
    )
    return (lines + ends).properties(width=WIDTH, height=220)


def bar_chart(
    key: str, title: str, summary: str, bars: Sequence[Bar], value_title: str, domain_max: float = 0
) -> Chart:
    """Horizontal bars, the value written at each bar's end; bars of several series sit side by side
    within their category and carry the series' name in their label too."""
    svg = svg_of(("bar", bars, value_title, domain_max), lambda: bar_spec(bars, value_title, domain_max))
    return chart_of(key, title, summary, svg)


def bar_spec(bars: Sequence[Bar], value_title: str, domain_max: float) -> Any:
    categories = list(dict.fromkeys(b.category for b in bars))
    series = list(dict.fromkeys(b.series for b in bars))
    several = len(series) > 1
    rows = [{**b.__dict__, "label": f"{b.series}: {number(b.value)}" if several else number(b.value)} for b in bars]
    scale = alt.Scale(domain=[0, domain_max]) if domain_max else alt.Undefined
    y = alt.Y("category:N", sort=categories, title=None)
    x = alt.X("value:Q", title=value_title, scale=scale)
    base = alt.Chart(alt.Data(values=rows)).encode(y=y, x=x)
    colour: Any = alt.value(PALETTE[0])
    if several:
        base = base.encode(yOffset=alt.YOffset("series:N", sort=series))
        colour = alt.Color("series:N", sort=series, legend=alt.Legend(title=None))
    bars_drawn = base.mark_bar(stroke=INK, strokeWidth=1).encode(color=colour)
    labels = base.mark_text(align="left", dx=4, fontSize=12, color=INK).encode(text="label:N")
    height = BAR_HEIGHT * max(1, len(categories)) * max(1, len(series))
    return (bars_drawn + labels).properties(width=WIDTH - 120, height=height)


def number(value: float) -> str:
    """A value as the label shows it, with the language's decimal mark."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if (get_language() or "fi")[:2] in ("fi", "sv") else text


def chart_of(key: str, title: str, summary: str, svg: str) -> Chart:
    # safe: Vega writes every text of the figures escaped into the SVG (tested with a hostile name)
    return Chart(key=key, title=title, summary=summary, svg=mark_safe(named(svg, key)))  # noqa: S308


def svg_of(figures: tuple[Any, ...], chart: Callable[[], Any]) -> str:
    """The SVG of a chart, from the cache when the same figures were drawn before in this language
    (building the specification takes milliseconds and drawing it a tenth of a second); `chart` builds
    the Altair chart only when it is not."""
    locale = LOCALES.get((get_language() or "fi")[:2], "en-GB")
    text = json.dumps(figures, sort_keys=True, default=lambda value: getattr(value, "__dict__", str(value)))
    cache_key = "chart:" + hashlib.sha256(f"{SPEC_VERSION}:{locale}:{text}".encode()).hexdigest()
    svg = cache.get(cache_key)
    if svg is None:
        spec = chart().configure(**config()).to_dict()
        svg = vl_convert.vegalite_to_svg(spec, format_locale=locale, allowed_base_urls=[])
        cache.set(cache_key, svg, CACHE_SECONDS)
    return svg


def named(svg: str, key: str) -> str:
    """The SVG as one image named by the figure's title and summary (ids from `key`); its white
    background dropped so that it sits on the card."""
    key = escape(key)
    svg = re.sub(r'<rect width="[\d.]+" height="[\d.]+" fill="white"/>', "", svg, count=1)
    # the parts are not announced one by one: the picture is one image, its words beside it
    svg = re.sub(r'\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"', "", svg)
    svg = svg.replace(' class="marks"', "", 1)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{key}-title {key}-summary" focusable="false" class="chart-picture" ',
        1,
    )

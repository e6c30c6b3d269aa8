"""A bar chart of events per year for each partner city, drawn as SVG on the server.

Each bar carries its number, and each row its city's name, so the chart reads without colour;
the page also shows the same figures as a table.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

ROW_HEIGHT = 70
BAR_WIDTH = 34
GAP = 14
LABEL_WIDTH = 150
TOP = 24


@dataclass(frozen=True)
class ChartData:
    years: list[int]
    rows: list[tuple[str, dict[int, int]]]  # (city name, {year: count})
    # How many partner cities the figures are of; the last row may hold several.
    cities: int | None = None

    @property
    def highest(self) -> int:
        return max((n for _, counts in self.rows for n in counts.values()), default=0)


def slots(years: list[int]) -> list[int | None]:
    """The chart's columns: each year, and None where years without events are left out."""
    columns: list[int | None] = []
    for year in years:
        if columns and year - columns[-1] > 1:
            columns.append(None)
        columns.append(year)
    return columns


def chart_width(data: ChartData) -> int:
    """The chart's width in pixels: a long run of years is wider than a phone's screen."""
    return LABEL_WIDTH + len(slots(data.years)) * (BAR_WIDTH + GAP) + GAP


def events_per_year_svg(data: ChartData, title: str, description: str) -> str:
    """Return an SVG element with one row of bars per city, one bar per year."""
    width = chart_width(data)
    height = TOP + len(data.rows) * ROW_HEIGHT + 24
    highest = data.highest or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    columns = slots(data.years)
    for index, year in enumerate(columns):
        x = LABEL_WIDTH + GAP + index * (BAR_WIDTH + GAP) + BAR_WIDTH / 2
        # A break in the axis says that the years left out had no events.
        text = "…" if year is None else str(year)
        parts.append(
            f'<text x="{x}" y="{height - 6}" text-anchor="middle" class="axis">{text}</text>'
        )
    for row, (city, counts) in enumerate(data.rows):
        base = TOP + (row + 1) * ROW_HEIGHT - 8
        parts.append(f'<text x="0" y="{base}" class="city">{escape(city)}</text>')
        parts.append(
            f'<line x1="{LABEL_WIDTH}" y1="{base}" x2="{width}" y2="{base}" class="baseline"/>'
        )
        for index, year in enumerate(columns):
            count = counts.get(year, 0) if year is not None else 0
            if not count:
                continue
            bar = (ROW_HEIGHT - 26) * count / highest
            x = LABEL_WIDTH + GAP + index * (BAR_WIDTH + GAP)
            parts.append(
                f'<rect x="{x}" y="{base - bar}" width="{BAR_WIDTH}" height="{bar}" class="bar"/>'
            )
            parts.append(
                f'<text x="{x + BAR_WIDTH / 2}" y="{base - bar - 4}" text-anchor="middle" '
                f'class="count">{count}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)

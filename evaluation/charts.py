"""Server-drawn SVG charts of survey results (as the dashboard's, `lms.reports.dashboard`): no
JavaScript, every bar labelled with its numbers so the chart reads without colour, and the same
figures in a table next to it for screen readers and keyboard users."""

from evaluation.blocks import SCALE

LABEL_WIDTH = 230
BAR_WIDTH = 300
ROW_HEIGHT = 28
MIN_LABELLED_SEGMENT = 18  # narrower segments carry no number (the table has it)


def _short(label: str) -> str:
    return label if len(label) <= 32 else label[:31] + "…"


def distribution_chart(rows: list[dict]) -> dict:
    """One stacked bar per row (a group): the share of each scale point 1–5, its count written
    in the segment, the average and the number of answers after the bar. `rows`: dicts with
    `label`, `counts` ({point: count}), `n`, `average`."""
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        x = float(LABEL_WIDTH)
        segments = []
        for point in SCALE:
            count = row["counts"].get(point, 0)
            width = round(BAR_WIDTH * count / row["n"], 1) if row["n"] else 0
            segments.append(
                {
                    "point": point,
                    "count": count,
                    "x": x,
                    "width": width,
                    "text_x": round(x + width / 2, 1),
                    "labelled": width >= MIN_LABELLED_SEGMENT,
                }
            )
            x = round(x + width, 1)
        bars.append(
            {
                **row,
                "short_label": _short(row["label"]),
                "y": y,
                "bar_y": y + 4,
                "text_y": y + 18,
                "segments": segments,
            }
        )
    return {
        "bars": bars,
        "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT),
        "width": LABEL_WIDTH + BAR_WIDTH + 150,
        "value_x": LABEL_WIDTH + BAR_WIDTH + 8,
        "scale": SCALE,
    }


def share_chart(rows: list[dict]) -> dict:
    """One bar per answer option: its share of the answers, with the count. `rows`: dicts with
    `label`, `count`, `percent`."""
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        bars.append(
            {
                **row,
                "short_label": _short(row["label"]),
                "y": y,
                "bar_y": y + 4,
                "text_y": y + 18,
                "width": round(BAR_WIDTH * row["percent"] / 100, 1),
            }
        )
    return {
        "bars": bars,
        "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT),
        "width": LABEL_WIDTH + BAR_WIDTH + 150,
        "bar_x": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "value_x": LABEL_WIDTH + BAR_WIDTH + 8,
    }

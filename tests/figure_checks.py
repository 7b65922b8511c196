"""Layout checks for figures: every text on the canvas, no two texts overlapping."""
from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
from matplotlib.text import Text
from matplotlib.transforms import Bbox


def drawn_texts(fig: plt.Figure) -> list[Text]:
    """Every text the renderer draws: titles, axis labels, drawn tick labels, legend, annotations, caption."""
    fig.canvas.draw()
    ticklabels = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            ticklabels.update(id(t) for t in axis.get_ticklabels(which="both"))
    texts = []
    for text in fig.findobj(Text):
        if id(text) in ticklabels or not text.get_visible() or not text.get_text().strip():
            continue
        texts.append(text)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis._update_ticks():  # the ticks inside the view: the ones drawn
                texts.extend(t for t in (tick.label1, tick.label2) if t.get_visible() and t.get_text().strip())
    return texts


def _box(text: Text, renderer) -> Bbox:
    return text.get_window_extent(renderer)


def layout_problems(fig: plt.Figure, tolerance: float = 1.0) -> list[str]:
    """What is wrong with the layout: texts leaving the canvas, and pairs of texts that overlap."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    boxes = [(t, _box(t, renderer)) for t in texts]
    problems = []
    for text, box in boxes:
        if (box.x0 < canvas.x0 - tolerance or box.y0 < canvas.y0 - tolerance or box.x1 > canvas.x1 + tolerance
                or box.y1 > canvas.y1 + tolerance):
            problems.append(f"off the canvas: {text.get_text()!r} at {box.bounds} (canvas {canvas.bounds})")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        inner_a = box_a.expanded(1, 1).padded(-tolerance)
        inner_b = box_b.padded(-tolerance)
        if inner_a.width > 0 and inner_b.width > 0 and inner_a.overlaps(inner_b):
            problems.append(f"overlap: {a.get_text()!r} and {b.get_text()!r}")
    return problems

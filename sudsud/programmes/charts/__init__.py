"""Server-side SVG charts: bar, grouped bar, target-vs-actual series, Gantt.

``svg`` draws; ``bars``, ``series`` and ``gantt`` build one kind of chart each from
plain data; ``panels`` turns the dashboards' figures into :class:`Chart` objects
(SVG, data table and CSV rows in one).
"""

from .bars import Bar, Group, bar_chart, grouped_bar_chart
from .base import Chart
from .gantt import GanttRow, gantt_chart
from .series import Point, series_chart

__all__ = [
    "Bar",
    "Chart",
    "GanttRow",
    "Group",
    "Point",
    "bar_chart",
    "gantt_chart",
    "grouped_bar_chart",
    "series_chart",
]

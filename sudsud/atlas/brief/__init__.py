"""The printable country brief: an origin profile as a two-page A4 PDF.

Drawn with ReportLab (pure Python, no system library), the map and the trend chart
converted from the same SVG as the web page by svglib. French and English use
ReportLab's built-in Helvetica (Latin-1, so accents and the text stay searchable);
Arabic uses DejaVu Sans when its TTF file is present, shaped by arabic-reshaper and
python-bidi (see ``text.py``).
"""

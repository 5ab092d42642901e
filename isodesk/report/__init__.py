"""The PDF baseline-assessment report (nulmetingsrapport), built with reportlab.

``isodesk.report.builder.build_report`` writes the report; ``isodesk.report.charts.chapter_chart``
gives the chart of one standard as a reportlab Drawing, which the GUI can render to SVG or PNG.
Importing this package is cheap: reportlab is only loaded by the modules that need it.
"""

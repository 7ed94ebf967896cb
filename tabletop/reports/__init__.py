"""The reports room: the facts of a run (`facts`, `timeline`, `harm`, `goals`) and their
renderers (Markdown, HTML with `report.css`, JSON, the SVG board and chart), written by
`writers`. Never imports SQLite: callers hand it a `Session`.
"""

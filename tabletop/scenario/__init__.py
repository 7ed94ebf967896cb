"""The scenario room: the file format as frozen values (`model`, `stream`, `rubric`, `terms`),
reading a file within fixed bounds (`yaml_source`, `loader`, `checks`), its JSON Schema, the
cache of parsed files and the bundled scenarios. Imports nothing else of tabletop.
"""

"""The Textual screens of tabletop: they render the core's state and send it the players' intents.

Nothing here decides a game rule; `tabletop.core` does. Start with `tabletop.ui.app.create_app`.
"""

"""The screen room: Textual screens that render the core's state and send it the players'
intents. Nothing here decides a game rule. Start with `factory.create_app` and `app.TabletopApp`.
"""

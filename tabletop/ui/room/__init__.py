"""The room: the room's view (`tabletop present`), which follows a session read-only, and
the facilitator's seat's material and presentation keys."""

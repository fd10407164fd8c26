"""The directory: who to contact, implementing legislation, meetings and best practices."""

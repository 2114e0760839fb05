"""Deadlines across quarters, overdue items in red, each with its clause and legal wording."""
